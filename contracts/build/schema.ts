/**
 * CIP-57 schemas of the validators' parameters, datums and redeemers, written from the same
 * layout constants the validators and encoders use.
 */
import {
  DatumField,
  EscrowState,
  MAX_TOKENS_PER_ESCROW,
  REFERENCE_BYTES,
  StepTag,
  type EscrowAction,
} from "../escrow/layout.ts";
import { RegistryAction } from "../registry/layout.ts";

export type Schema = Record<string, unknown>;
const ref = (name: string, title?: string): Schema =>
  title === undefined
    ? { $ref: `#/definitions/${name}` }
    : { title, $ref: `#/definitions/${name}` };
const constr = (title: string, index: number, fields: Schema[]): Schema => ({
  title,
  dataType: "constructor",
  index,
  fields,
});

const bytes = (title: string, description?: string): Schema =>
  description === undefined ? ref("ByteArray", title) : { ...ref("ByteArray", title), description };
const int = (title: string, description?: string): Schema =>
  description === undefined ? ref("Int", title) : { ...ref("Int", title), description };

const PARTY =
  "payment key hash ‖ stake key hash (56 bytes), or the payment key hash alone (28 bytes)";

const stateList = Object.entries(EscrowState)
  .map(([name, n]) => `${n} ${name}`)
  .join(", ");

/** Datum fields in on-chain order (DatumField gives the positions). */
const datumFields: Record<keyof typeof DatumField, Schema> = {
  state: int("state", `escrow state: ${stateList}`),
  resultHash: bytes("result_hash", "sha256 of the result (32 bytes); empty until submitted"),
  buyerCooldownMs: int(
    "buyer_cooldown_ms",
    "POSIX ms before which the buyer may not act; 0 = none",
  ),
  sellerCooldownMs: int(
    "seller_cooldown_ms",
    "POSIX ms before which the seller may not act; 0 = none",
  ),
  claim: ref("Claim", "claim"),
  voucherTotal: int(
    "voucher_total",
    "the highest voucher total redeemed so far, in the vouchers' asset; 0 = none",
  ),
  buyer: bytes("buyer", PARTY),
  seller: bytes("seller", PARTY),
  reference: bytes(
    "reference",
    `unique reference of the payment: the first ${REFERENCE_BYTES} bytes of its sha256`,
  ),
  inputHash: bytes("input_hash", "MIP-004 input hash"),
  submitResultTimeMs: int("submit_result_time_ms", "POSIX ms"),
  unlockAfterSubmitMs: int("unlock_after_submit_ms", "unlock_time − submit_result_time, in ms"),
  disputeAfterUnlockMs: int(
    "dispute_after_unlock_ms",
    "external_dispute_unlock_time − unlock_time, in ms",
  ),
  buyerLovelace: int("buyer_lovelace", "lovelace returned to the buyer on Withdraw"),
  autoRelease: int(
    "auto_release",
    "1: the seller may Withdraw at unlock_time without a result unless the buyer asked for a refund first; 0: not",
  ),
};
const orderedDatumFields = (Object.keys(DatumField) as (keyof typeof DatumField)[])
  .sort((a, b) => DatumField[a] - DatumField[b])
  .map((k) => datumFields[k]);

const contIndex = int("continuing_output", "index of the continuing output");
const sellerIndex = int("seller_output", "index of the seller's payout");
const buyerIndex = int("buyer_output", "index of the buyer's payout");
const assetAt = [
  int("policy_position", "position of the asset's policy in the escrow's value; 0 is ADA"),
  int("name_position", "position of the asset name within that policy"),
];
const stepFields: Record<EscrowAction, Schema[]> = {
  SubmitResult: [bytes("result_hash"), contIndex, ref("Claim", "claim")],
  RequestRefund: [contIndex],
  CancelRefund: [contIndex],
  AuthorizeRefund: [contIndex],
  Withdraw: [sellerIndex, buyerIndex],
  WithdrawRefund: [buyerIndex],
  ResolveDispute: [sellerIndex, buyerIndex],
  Release: [...assetAt, int("amount"), contIndex, sellerIndex],
  PartialRefund: [...assetAt, int("amount"), contIndex, buyerIndex],
  RedeemVoucher: [
    ...assetAt,
    int("total", "the voucher's running total, above the datum's voucher_total"),
    contIndex,
    sellerIndex,
    bytes("vkey", "the buyer's ed25519 verification key (32 bytes)"),
    bytes(
      "signature",
      "ed25519 signature of script hash ‖ reference ‖ total (8 bytes big-endian) ‖ policy id ‖ asset name",
    ),
  ],
  Accept: [sellerIndex, buyerIndex],
};

export const definitions: Record<string, Schema> = {
  ByteArray: { dataType: "bytes" },
  Int: { dataType: "integer" },
  Data: { title: "Data", description: "Any Plutus data" },
  List$ByteArray: { dataType: "list", items: ref("ByteArray") },
  List$OutputReference: { dataType: "list", items: ref("OutputReference") },
  OutputReference: {
    title: "OutputReference",
    anyOf: [constr("OutputReference", 0, [bytes("transaction_id"), int("output_index")])],
  },
  Value: {
    title: "Value",
    dataType: "map",
    keys: ref("ByteArray"),
    values: { dataType: "map", keys: ref("ByteArray"), values: ref("Int") },
  },
  Claim: {
    title: "Claim",
    description:
      "what the seller takes at Withdraw: of each asset claimed, the claim or all the escrow holds of it if less",
    anyOf: [constr("NoClaim", 0, []), constr("Claim", 1, [ref("Value", "amounts")])],
  },
  EscrowDatum: {
    title: "EscrowDatum",
    description: `At most ${MAX_TOKENS_PER_ESCROW} non-ADA assets per escrow output.`,
    anyOf: [constr("EscrowDatum", 0, orderedDatumFields)],
  },
  EscrowStep: {
    title: "EscrowStep",
    description:
      "One step per escrow input, in input order; output indices strictly increase. Payouts carry the escrow input's index among the transaction's inputs as inline datum.",
    anyOf: (Object.keys(StepTag) as EscrowAction[]).map((a) =>
      constr(a, StepTag[a], stepFields[a]),
    ),
  },
  EscrowBatch: { title: "EscrowBatch", dataType: "list", items: ref("EscrowStep") },
  RegistryRedeemer: {
    title: "RegistryRedeemer",
    anyOf: [
      constr("Mint", RegistryAction.Mint, [ref("List$OutputReference", "out_refs")]),
      constr("Burn", RegistryAction.Burn, []),
      constr("Update", RegistryAction.Update, []),
    ],
  },
};

export const escrowParameters: Schema[] = [
  { title: "admins", description: "distinct admin key hashes", schema: ref("List$ByteArray") },
  {
    title: "dispute_threshold",
    description: "admin signatures a resolution needs (≥ 1)",
    schema: ref("Int"),
  },
  {
    title: "cooldown_ms",
    description: "how long a party must wait after its own action",
    schema: ref("Int"),
  },
];

export const escrowDatum: Schema = { title: "datum", schema: ref("EscrowDatum") };
export const escrowSpendRedeemer: Schema = {
  title: "redeemer",
  description: "ignored: the batch (withdraw purpose) checks every escrow input",
  schema: ref("Data"),
};
export const escrowBatchRedeemer: Schema = { title: "redeemer", schema: ref("EscrowBatch") };
export const registryRedeemer: Schema = { title: "redeemer", schema: ref("RegistryRedeemer") };
