/**
 * Encoders for the escrow's datum and redeemers, in the layout of escrow/layout.ts. Tests and
 * the node build every escrow datum, step and payout tag through these functions.
 */
import {
  ClaimTag,
  DATUM_FIELD_COUNT,
  DatumField,
  EscrowState,
  KEY_HASH_BYTES,
  REFERENCE_BYTES,
  StepTag,
  type EscrowAction,
  type EscrowStateName,
} from "./escrow/layout.ts";
import {
  asBytes,
  asConstr,
  asInt,
  asList,
  constrIndex,
  dataToAddress,
  partyKeyHashes,
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
  /**
   * Bech32 addresses; their payment credentials must be keys and their stake parts keys or
   * absent (the datum stores the key hashes only; see `partyData`).
   */
  buyer: string;
  seller: string;
  /** Unique reference of the payment, hex, `REFERENCE_BYTES` long (see `escrowReference`). */
  reference: string;
  inputHash: string;
  submitResultTimeMs: number;
  unlockTimeMs: number;
  externalDisputeUnlockTimeMs: number;
  /** Lovelace that goes back to the buyer on Withdraw. */
  buyerLovelace: bigint;
  /**
   * What the seller claims at Withdraw (set by SubmitResult), per unit; null: no claim, the
   * whole escrow but the buyer's deposit. Of each unit the seller takes the claim, or what the
   * escrow then holds of it if that is less; the buyer takes the rest.
   */
  claim: ClaimAmount[] | null;
  /** The highest voucher total redeemed so far, in the vouchers' unit (0n before any). */
  voucherTotal: bigint;
  /** The seller may Withdraw at unlockTime without a result unless the buyer asked first. */
  autoRelease: boolean;
}

/** One unit of a claim: a Mesh unit ("lovelace" or policy id + asset name, hex) and amount. */
export interface ClaimAmount {
  unit: string;
  amount: bigint;
}

const STATE_NAMES = Object.fromEntries(
  Object.entries(EscrowState).map(([name, n]) => [n, name as EscrowStateName]),
) as Record<number, EscrowStateName>;

/**
 * The escrow's reference from the sha256 (hex) the off-chain code derives it from: its first
 * `REFERENCE_BYTES` bytes. Truncating a hash keeps it unique in practice (2^64 payments before
 * a collision is even likely), and nothing on chain relies on its uniqueness (payouts are tagged
 * by input position, see escrow/outputs.ts).
 */
export function escrowReference(sha256Hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new Error("expected a sha256, 32 bytes hex");
  return sha256Hex.slice(0, 2 * REFERENCE_BYTES);
}

/** A party as the datum stores it: payment key hash ‖ stake key hash (or the first alone). */
export const partyData = (bech32: string): PlutusData => {
  const { paymentKeyHash, stakeKeyHash } = partyKeyHashes(bech32);
  return pBytes(paymentKeyHash + stakeKeyHash);
};

/** The bech32 address of a party stored by `partyData`. */
function partyAddress(d: PlutusData, networkId: NetworkId): string {
  const hex = asBytes(d);
  const hashHex = 2 * KEY_HASH_BYTES;
  if (hex.length !== hashHex && hex.length !== 2 * hashHex)
    throw new Error("escrow datum has a malformed party");
  const credential = (h: string): PlutusData => pConstr(0, [pBytes(h)]);
  const stake =
    hex.length === hashHex
      ? pConstr(1, [])
      : pConstr(0, [pConstr(0, [credential(hex.slice(hashHex))])]);
  return dataToAddress(pConstr(0, [credential(hex.slice(0, hashHex)), stake]), networkId);
}

/**
 * The inline datum of an escrow output. Throws if buyer or seller is not a key address (a key
 * stake part or none), or if the reference is not `REFERENCE_BYTES` long.
 */
export function escrowDatum(d: EscrowDatum): PlutusData {
  if (d.reference.length !== 2 * REFERENCE_BYTES || !/^[0-9a-f]*$/.test(d.reference))
    throw new Error(`escrow reference must be ${REFERENCE_BYTES} bytes hex`);
  const fields: PlutusData[] = new Array<PlutusData>(DATUM_FIELD_COUNT);
  fields[DatumField.state] = pInt(EscrowState[d.state]);
  fields[DatumField.resultHash] = pBytes(d.resultHash);
  fields[DatumField.buyerCooldownMs] = pInt(d.buyerCooldownMs);
  fields[DatumField.sellerCooldownMs] = pInt(d.sellerCooldownMs);
  fields[DatumField.buyer] = partyData(d.buyer);
  fields[DatumField.seller] = partyData(d.seller);
  fields[DatumField.reference] = pBytes(d.reference);
  fields[DatumField.inputHash] = pBytes(d.inputHash);
  fields[DatumField.submitResultTimeMs] = pInt(d.submitResultTimeMs);
  fields[DatumField.unlockAfterSubmitMs] = pInt(d.unlockTimeMs - d.submitResultTimeMs);
  fields[DatumField.disputeAfterUnlockMs] = pInt(d.externalDisputeUnlockTimeMs - d.unlockTimeMs);
  fields[DatumField.buyerLovelace] = pInt(d.buyerLovelace);
  fields[DatumField.claim] = claimData(d.claim);
  fields[DatumField.voucherTotal] = pInt(d.voucherTotal);
  fields[DatumField.autoRelease] = pInt(d.autoRelease ? 1 : 0);
  return pConstr(0, fields);
}

/**
 * A claim as the datum and the SubmitResult step hold it: `Constr 0 []` for none, else
 * `Constr 1 [value]` with the amounts as a ledger value (policies in byte order, names in the
 * ledger's order; amounts of one unit summed). Negative amounts are refused here as on chain.
 */
export function claimData(claim: readonly ClaimAmount[] | null): PlutusData {
  if (claim === null) return pConstr(ClaimTag.none, []);
  const byPolicy = new Map<string, Map<string, bigint>>();
  for (const { unit, amount } of claim) {
    if (amount < 0n) throw new Error(`claim of ${unit} is negative`);
    const { policyId, assetName } = splitUnit(unit);
    const names = byPolicy.get(policyId) ?? new Map<string, bigint>();
    names.set(assetName, (names.get(assetName) ?? 0n) + amount);
    byPolicy.set(policyId, names);
  }
  const value = [...byPolicy.keys()].sort().map((policyId) => {
    const names = byPolicy.get(policyId)!;
    return {
      k: pBytes(policyId),
      v: {
        map: [...names.keys()]
          .sort(byLedgerOrder)
          .map((name) => ({ k: pBytes(name), v: pInt(names.get(name)!) })),
      },
    };
  });
  return pConstr(ClaimTag.claim, [{ map: value }]);
}

/** Reads a claim field back (see `claimData`); constructor 0 is no claim, whatever it holds. */
export function decodeClaim(d: PlutusData): ClaimAmount[] | null {
  if (constrIndex(d) === ClaimTag.none) return null;
  const [value] = asConstr(d, ClaimTag.claim, 1);
  return asMap(value!).flatMap(({ k, v }) =>
    asMap(v).map(({ k: name, v: q }) => {
      const unit = asBytes(k) === "" ? "lovelace" : asBytes(k) + asBytes(name);
      return { unit, amount: asInt(q) };
    }),
  );
}

function asMap(d: PlutusData): { k: PlutusData; v: PlutusData }[] {
  if (!("map" in d)) throw new Error("escrow claim is not a map");
  return d.map;
}

/** Reads an escrow datum (as JSON data, e.g. from `fromCbor`). Throws on a malformed one. */
export function decodeEscrowDatum(data: PlutusData, networkId: NetworkId): EscrowDatum {
  const f = asConstr(data, 0, DATUM_FIELD_COUNT);
  const at = (i: number): PlutusData => f[i] as PlutusData;
  const time = (i: number): number => Number(asInt(at(i)));
  const state = STATE_NAMES[Number(asInt(at(DatumField.state)))];
  const unlockTimeMs = time(DatumField.submitResultTimeMs) + time(DatumField.unlockAfterSubmitMs);
  if (state === undefined) throw new Error("escrow datum has an unknown state");
  return {
    state,
    resultHash: asBytes(at(DatumField.resultHash)),
    buyerCooldownMs: time(DatumField.buyerCooldownMs),
    sellerCooldownMs: time(DatumField.sellerCooldownMs),
    buyer: partyAddress(at(DatumField.buyer), networkId),
    seller: partyAddress(at(DatumField.seller), networkId),
    reference: asBytes(at(DatumField.reference)),
    inputHash: asBytes(at(DatumField.inputHash)),
    submitResultTimeMs: time(DatumField.submitResultTimeMs),
    unlockTimeMs: unlockTimeMs,
    externalDisputeUnlockTimeMs: unlockTimeMs + time(DatumField.disputeAfterUnlockMs),
    buyerLovelace: asInt(at(DatumField.buyerLovelace)),
    claim: decodeClaim(at(DatumField.claim)),
    voucherTotal: asInt(at(DatumField.voucherTotal)),
    autoRelease: asInt(at(DatumField.autoRelease)) !== 0n,
  };
}

/** One step of the batch redeemer (see escrow/layout.ts, StepTag). */
export type EscrowStep =
  | {
      action: "SubmitResult";
      resultHash: string;
      continuingOutput: number;
      /** Replaces the escrow's claim; omitted or null: no claim. */
      claim?: ClaimAmount[] | null;
    }
  | { action: "RequestRefund" | "CancelRefund" | "AuthorizeRefund"; continuingOutput: number }
  | { action: "Withdraw" | "ResolveDispute" | "Accept"; sellerOutput: number; buyerOutput: number }
  | { action: "WithdrawRefund"; buyerOutput: number }
  | {
      action: "Release";
      /** Where the released asset sits in the escrow input's value (see `assetPosition`). */
      asset: AssetPosition;
      amount: bigint;
      continuingOutput: number;
      sellerOutput: number;
    }
  | {
      action: "PartialRefund";
      asset: AssetPosition;
      amount: bigint;
      continuingOutput: number;
      buyerOutput: number;
    }
  | {
      action: "RedeemVoucher";
      asset: AssetPosition;
      /** The voucher's running total (the seller is paid it less the datum's voucherTotal). */
      total: bigint;
      continuingOutput: number;
      sellerOutput: number;
      /** The buyer's verification key (32 bytes hex) and its signature (64 bytes hex). */
      vkey: string;
      signature: string;
    };

/** An asset's place in a ledger value: policy `policy` (0 is ADA), its `name`-th asset name. */
export interface AssetPosition {
  policy: number;
  name: number;
}

/** Splits a Mesh unit ("lovelace" or policy id + asset name hex) into policy and name. */
export function splitUnit(unit: string): { policyId: string; assetName: string } {
  if (unit === "lovelace" || unit === "") return { policyId: "", assetName: "" };
  return { policyId: unit.slice(0, 56), assetName: unit.slice(56) };
}

/** Asset names in the ledger's order: shorter first, then bytewise (canonical CBOR keys). */
const byLedgerOrder = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;

/**
 * Where `unit` sits in the value of an escrow holding `units` (Mesh units, any order) as the
 * script sees it: ADA is policy 0, then policies in byte order, names in the ledger's order.
 * A wrong position never pays the wrong asset: the continuing output would then be short of
 * the asset meant, and the script refuses it.
 */
export function assetPosition(units: readonly string[], unit: string): AssetPosition {
  if (unit === "lovelace") return { policy: 0, name: 0 };
  const { policyId, assetName } = splitUnit(unit);
  const parts = units.filter((u) => u !== "lovelace").map(splitUnit);
  const policies = [...new Set(parts.map((p) => p.policyId))].sort();
  const names = parts
    .filter((p) => p.policyId === policyId)
    .map((p) => p.assetName)
    .sort(byLedgerOrder);
  const policy = policies.indexOf(policyId);
  const name = names.indexOf(assetName);
  if (policy < 0 || name < 0) throw new Error(`the escrow holds no ${unit}`);
  return { policy: policy + 1, name };
}

export function escrowStep(s: EscrowStep): PlutusData {
  const tag = StepTag[s.action];
  switch (s.action) {
    case "SubmitResult":
      return pConstr(tag, [
        pBytes(s.resultHash),
        pInt(s.continuingOutput),
        claimData(s.claim ?? null),
      ]);
    case "RequestRefund":
    case "CancelRefund":
    case "AuthorizeRefund":
      return pConstr(tag, [pInt(s.continuingOutput)]);
    case "Withdraw":
    case "ResolveDispute":
    case "Accept":
      return pConstr(tag, [pInt(s.sellerOutput), pInt(s.buyerOutput)]);
    case "WithdrawRefund":
      return pConstr(tag, [pInt(s.buyerOutput)]);
    case "Release":
    case "PartialRefund": {
      const payee = s.action === "Release" ? s.sellerOutput : s.buyerOutput;
      return pConstr(tag, [
        pInt(s.asset.policy),
        pInt(s.asset.name),
        pInt(s.amount),
        pInt(s.continuingOutput),
        pInt(payee),
      ]);
    }
    case "RedeemVoucher":
      return pConstr(tag, [
        pInt(s.asset.policy),
        pInt(s.asset.name),
        pInt(s.total),
        pInt(s.continuingOutput),
        pInt(s.sellerOutput),
        pBytes(s.vkey),
        pBytes(s.signature),
      ]);
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

/**
 * The inline datum that ties a payout to the escrow it comes from: the escrow input's index in
 * the transaction's inputs as the ledger orders them (by transaction id, then output index),
 * counting every spent input (fee inputs too, not reference inputs or collateral). So the
 * builder fixes all its inputs before it tags (see `inputPositions`).
 */
export const payoutTag = (inputIndex: number): PlutusData => pInt(inputIndex);

/** Out-refs (`txHash#index`) to their index in the ledger's input order. */
export function inputPositions(
  inputs: readonly { txHash: string; outputIndex: number }[],
): Map<string, number> {
  const sorted = [...inputs].sort((a, b) =>
    a.txHash === b.txHash ? a.outputIndex - b.outputIndex : a.txHash < b.txHash ? -1 : 1,
  );
  return new Map(sorted.map((r, i) => [`${r.txHash}#${r.outputIndex}`, i]));
}
