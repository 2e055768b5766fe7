/**
 * Encoders for the escrow's datum and redeemers, in the layout of escrow/layout.ts. Tests and
 * the node build every escrow datum, step and payout tag through these functions.
 */
import {
  DATUM_FIELD_COUNT,
  DatumField,
  EscrowState,
  StepTag,
  type EscrowAction,
  type EscrowStateName,
} from "./escrow/layout.ts";
import {
  addressToData,
  asBytes,
  asConstr,
  asInt,
  asList,
  constrIndex,
  dataToAddress,
  outRefData,
  paymentKeyHash,
  pBytes,
  pConstr,
  pInt,
  pList,
  type NetworkId,
  type PlutusData,
} from "./plutus-data.ts";

export interface EscrowDatum {
  state: EscrowStateName;
  /** sha256 of the result, hex; "" until submitted. */
  resultHash: string;
  buyerCooldownMs: number;
  sellerCooldownMs: number;
  /** Bech32 addresses; their payment credentials must be keys. */
  buyer: string;
  seller: string;
  /** Unique reference of the payment, hex (e.g. 32 bytes from its blockchain identifier). */
  reference: string;
  inputHash: string;
  submitResultTimeMs: number;
  unlockTimeMs: number;
  externalDisputeUnlockTimeMs: number;
  /** Lovelace that goes back to the buyer on Withdraw. */
  buyerLovelace: bigint;
}

const STATE_NAMES = Object.fromEntries(
  Object.entries(EscrowState).map(([name, n]) => [n, name as EscrowStateName]),
) as Record<number, EscrowStateName>;

/** The inline datum of an escrow output. Throws if buyer or seller is not a key address. */
export function escrowDatum(d: EscrowDatum): PlutusData {
  paymentKeyHash(d.buyer);
  paymentKeyHash(d.seller);
  const fields: PlutusData[] = new Array<PlutusData>(DATUM_FIELD_COUNT);
  fields[DatumField.state] = pInt(EscrowState[d.state]);
  fields[DatumField.resultHash] = pBytes(d.resultHash);
  fields[DatumField.buyerCooldownMs] = pInt(d.buyerCooldownMs);
  fields[DatumField.sellerCooldownMs] = pInt(d.sellerCooldownMs);
  fields[DatumField.buyer] = addressToData(d.buyer);
  fields[DatumField.seller] = addressToData(d.seller);
  fields[DatumField.reference] = pBytes(d.reference);
  fields[DatumField.inputHash] = pBytes(d.inputHash);
  fields[DatumField.submitResultTimeMs] = pInt(d.submitResultTimeMs);
  fields[DatumField.unlockTimeMs] = pInt(d.unlockTimeMs);
  fields[DatumField.externalDisputeUnlockTimeMs] = pInt(d.externalDisputeUnlockTimeMs);
  fields[DatumField.buyerLovelace] = pInt(d.buyerLovelace);
  return pConstr(0, fields);
}

/** Reads an escrow datum (as JSON data, e.g. from `fromCbor`). Throws on a malformed one. */
export function decodeEscrowDatum(data: PlutusData, networkId: NetworkId): EscrowDatum {
  const f = asConstr(data, 0, DATUM_FIELD_COUNT);
  const at = (i: number): PlutusData => f[i] as PlutusData;
  const time = (i: number): number => Number(asInt(at(i)));
  const state = STATE_NAMES[Number(asInt(at(DatumField.state)))];
  if (state === undefined) throw new Error("escrow datum has an unknown state");
  return {
    state,
    resultHash: asBytes(at(DatumField.resultHash)),
    buyerCooldownMs: time(DatumField.buyerCooldownMs),
    sellerCooldownMs: time(DatumField.sellerCooldownMs),
    buyer: dataToAddress(at(DatumField.buyer), networkId),
    seller: dataToAddress(at(DatumField.seller), networkId),
    reference: asBytes(at(DatumField.reference)),
    inputHash: asBytes(at(DatumField.inputHash)),
    submitResultTimeMs: time(DatumField.submitResultTimeMs),
    unlockTimeMs: time(DatumField.unlockTimeMs),
    externalDisputeUnlockTimeMs: time(DatumField.externalDisputeUnlockTimeMs),
    buyerLovelace: asInt(at(DatumField.buyerLovelace)),
  };
}

/** One step of the batch redeemer (see escrow/layout.ts, StepTag). */
export type EscrowStep =
  | { action: "SubmitResult"; resultHash: string; continuingOutput: number }
  | { action: "RequestRefund" | "CancelRefund" | "AuthorizeRefund"; continuingOutput: number }
  | { action: "Withdraw" | "ResolveDispute"; sellerOutput: number; buyerOutput: number }
  | { action: "WithdrawRefund"; buyerOutput: number }
  | {
      action: "Release";
      /** Policy id + asset name hex, or "lovelace". */
      unit: string;
      amount: bigint;
      continuingOutput: number;
      sellerOutput: number;
    };

/** Splits a Mesh unit ("lovelace" or policy id + asset name hex) into policy and name. */
export function splitUnit(unit: string): { policyId: string; assetName: string } {
  if (unit === "lovelace" || unit === "") return { policyId: "", assetName: "" };
  return { policyId: unit.slice(0, 56), assetName: unit.slice(56) };
}

export function escrowStep(s: EscrowStep): PlutusData {
  const tag = StepTag[s.action];
  switch (s.action) {
    case "SubmitResult":
      return pConstr(tag, [pBytes(s.resultHash), pInt(s.continuingOutput)]);
    case "RequestRefund":
    case "CancelRefund":
    case "AuthorizeRefund":
      return pConstr(tag, [pInt(s.continuingOutput)]);
    case "Withdraw":
    case "ResolveDispute":
      return pConstr(tag, [pInt(s.sellerOutput), pInt(s.buyerOutput)]);
    case "WithdrawRefund":
      return pConstr(tag, [pInt(s.buyerOutput)]);
    case "Release": {
      const { policyId, assetName } = splitUnit(s.unit);
      return pConstr(tag, [
        pBytes(policyId),
        pBytes(assetName),
        pInt(s.amount),
        pInt(s.continuingOutput),
        pInt(s.sellerOutput),
      ]);
    }
  }
}

/** The withdrawal redeemer: one step per escrow input, in the ledger's input order. */
export const escrowBatch = (steps: EscrowStep[]): PlutusData => pList(steps.map(escrowStep));

/** Reads a batch redeemer back (used by tests and the watcher). */
export function decodeEscrowBatch(d: PlutusData): { action: EscrowAction; fields: PlutusData[] }[] {
  const names = Object.keys(StepTag) as EscrowAction[];
  return asList(d).map((step) => {
    const action = names[constrIndex(step)];
    if (action === undefined) throw new Error("unknown escrow step");
    return { action, fields: asConstr(step) };
  });
}

/** The spending redeemer: ignored by the script (the batch does the checking), so one byte. */
export const ESCROW_SPEND_REDEEMER: PlutusData = pInt(0);

/** The inline datum that ties a payout to the escrow it comes from (its spent out-ref). */
export const payoutTag = (escrowTxHash: string, escrowOutputIndex: number): PlutusData =>
  outRefData(escrowTxHash, escrowOutputIndex);
