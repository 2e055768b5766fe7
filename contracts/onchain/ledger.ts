/**
 * Positions in the Plutus V3 script context (as the ledger encodes it as data) and a few
 * accessors. Field positions come from plutus-ledger-api's V3 `TxInfo`.
 */
import { plet } from "@harmoniclabs/plu-ts";
import { at, dropN, fieldsOf, head, type TData, type TList } from "./prelude.ts";

/** Field positions of `TxInfo`. */
export const TxInfoField = {
  inputs: 0,
  referenceInputs: 1,
  outputs: 2,
  fee: 3,
  mint: 4,
  certificates: 5,
  withdrawals: 6,
  validRange: 7,
  signatories: 8,
} as const;

/** Constructor indices of `ScriptInfo`. */
export const ScriptInfoTag = { Minting: 0, Spending: 1, Rewarding: 2 } as const;

/** Field positions of `TxOut`. */
export const TxOutField = { address: 0, value: 1, datum: 2, referenceScript: 3 } as const;

/** The first elements of a list and the list after each of them (`rests[i]` drops i). */
export interface Walked {
  items: TData[];
  rests: TList[];
}

/**
 * Names the first `count` elements of a list, sharing one chain of tails so the k-th element
 * costs one step from the (k-1)-th rather than k steps from the front.
 */
export function walk(list: TList, count: number): Walked {
  const items: TData[] = [];
  const rests: TList[] = [plet(list) as TList];
  for (let i = 0; i < count; i++) {
    const rest = rests[i] as TList;
    items.push(plet(head(rest)) as TData);
    rests.push(plet(dropN(1, rest)) as TList);
  }
  return { items, rests };
}

/** The first `count` elements of a list (see `walk`). */
export const elements = (list: TList, count: number): TData[] => walk(list, count).items;

/** The script context's three parts: `ScriptContext = Constr 0 [txInfo, redeemer, scriptInfo]`. */
export function scriptContext(ctx: TData): { txInfo: TList; redeemer: TData; scriptInfo: TData } {
  const [txInfo, redeemer, scriptInfo] = elements(fieldsOf(ctx), 3) as [TData, TData, TData];
  return { txInfo: plet(fieldsOf(txInfo)) as TList, redeemer, scriptInfo };
}

/** The payment credential of an address (`Address = Constr 0 [paymentCred, stakeCred]`). */
export const paymentCredential = (address: TData): TData => head(fieldsOf(address));

/** The key hash (as data) inside a credential; a script hash for a script credential. */
export const credentialHash = (credential: TData): TData => head(fieldsOf(credential));

/** `TxInInfo = Constr 0 [outRef, resolved]`. */
export const inInfoParts = (inInfo: TData): { outRef: TData; resolved: TData } => {
  const fields = plet(fieldsOf(inInfo)) as TList;
  return { outRef: head(fields), resolved: at(1, fields) };
};
