/**
 * One escrow input as the batch sees it: its out-ref, address, value and datum fields, named.
 */
import { plet } from "@harmoniclabs/plu-ts";
import { walk, TxOutField } from "../onchain/ledger.ts";
import {
  at,
  fieldsOf,
  head,
  unI,
  unMap,
  type TData,
  type TInt,
  type TList,
  type TPairList,
} from "../onchain/prelude.ts";
import { DATUM_FIELD_COUNT, DatumField, MUTABLE_FIELD_COUNT } from "./layout.ts";

export interface EscrowInput {
  outRef: TData;
  address: TData;
  value: TData;
  valueMap: TPairList;
  state: TInt;
  resultHash: TData;
  buyerCooldownMs: TInt;
  sellerCooldownMs: TInt;
  buyer: TData;
  seller: TData;
  /** The key hashes (as data) of the buyer's and seller's payment credentials. */
  buyerKey: TData;
  sellerKey: TData;
  submitResultTimeMs: TInt;
  unlockTimeMs: TInt;
  externalDisputeUnlockTimeMs: TInt;
  buyerLovelace: TInt;
  /** The datum fields no action may change, shared as-is by every new datum. */
  unchangedFields: TList;
}

const keyHashOf = (address: TData): TData => head(fieldsOf(head(fieldsOf(address))));

/**
 * Reads an escrow input from its `TxInInfo` fields and its resolved output's fields. The datum
 * must be inline (`OutputDatum = Constr 2 [datum]`); anything else fails to decode.
 */
export function escrowInput(inInfoFields: TList, outFields: TList): EscrowInput {
  const value = plet(at(TxOutField.value, outFields)) as TData;
  const datum = head(fieldsOf(at(TxOutField.datum, outFields)));
  const { items: f, rests } = walk(fieldsOf(datum), DATUM_FIELD_COUNT);
  const field = (i: number): TData => f[i] as TData;
  const buyer = field(DatumField.buyer);
  const seller = field(DatumField.seller);
  return {
    outRef: plet(head(inInfoFields)) as TData,
    address: plet(at(TxOutField.address, outFields)) as TData,
    value,
    valueMap: plet(unMap(value)) as TPairList,
    state: plet(unI(field(DatumField.state))) as TInt,
    resultHash: field(DatumField.resultHash),
    buyerCooldownMs: unI(field(DatumField.buyerCooldownMs)),
    sellerCooldownMs: unI(field(DatumField.sellerCooldownMs)),
    buyer,
    seller,
    buyerKey: plet(keyHashOf(buyer)) as TData,
    sellerKey: plet(keyHashOf(seller)) as TData,
    submitResultTimeMs: unI(field(DatumField.submitResultTimeMs)),
    unlockTimeMs: unI(field(DatumField.unlockTimeMs)),
    externalDisputeUnlockTimeMs: unI(field(DatumField.externalDisputeUnlockTimeMs)),
    buyerLovelace: plet(unI(field(DatumField.buyerLovelace))) as TInt,
    unchangedFields: rests[MUTABLE_FIELD_COUNT] as TList,
  };
}
