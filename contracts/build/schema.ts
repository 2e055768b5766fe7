/**
 * CIP-57 schemas of the validators' parameters, datums and redeemers, written from the same
 * layout constants the validators and encoders use.
 */
import {
  DatumField,
  EscrowState,
  MAX_TOKENS_PER_ESCROW,
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
  buyer: ref("Address", "buyer"),
  seller: ref("Address", "seller"),
  reference: bytes("reference", "unique reference of the payment (from its blockchain identifier)"),
  inputHash: bytes("input_hash", "MIP-004 input hash"),
  submitResultTimeMs: int("submit_result_time_ms"),
  unlockTimeMs: int("unlock_time_ms"),
  externalDisputeUnlockTimeMs: int("external_dispute_unlock_time_ms"),
  buyerLovelace: int("buyer_lovelace", "lovelace returned to the buyer on Withdraw"),
};
const orderedDatumFields = (Object.keys(DatumField) as (keyof typeof DatumField)[])
  .sort((a, b) => DatumField[a] - DatumField[b])
  .map((k) => datumFields[k]);

const contIndex = int("continuing_output", "index of the continuing output");
const sellerIndex = int("seller_output", "index of the seller's payout");
const buyerIndex = int("buyer_output", "index of the buyer's payout");
const stepFields: Record<EscrowAction, Schema[]> = {
  SubmitResult: [bytes("result_hash"), contIndex],
  RequestRefund: [contIndex],
  CancelRefund: [contIndex],
  AuthorizeRefund: [contIndex],
  Withdraw: [sellerIndex, buyerIndex],
  WithdrawRefund: [buyerIndex],
  ResolveDispute: [sellerIndex, buyerIndex],
  Release: [
    bytes("policy_id", "empty for ADA"),
    bytes("asset_name", "empty for ADA"),
    int("amount"),
    contIndex,
    sellerIndex,
  ],
};

export const definitions: Record<string, Schema> = {
  ByteArray: { dataType: "bytes" },
  Int: { dataType: "integer" },
  Data: { title: "Data", description: "Any Plutus data" },
  List$ByteArray: { dataType: "list", items: ref("ByteArray") },
  List$OutputReference: { dataType: "list", items: ref("OutputReference") },
  Credential: {
    title: "Credential",
    anyOf: [
      constr("VerificationKey", 0, [ref("ByteArray")]),
      constr("Script", 1, [ref("ByteArray")]),
    ],
  },
  StakeCredential: {
    title: "StakeCredential",
    anyOf: [
      constr("Inline", 0, [ref("Credential")]),
      constr("Pointer", 1, [
        int("slot_number"),
        int("transaction_index"),
        int("certificate_index"),
      ]),
    ],
  },
  Option$StakeCredential: {
    title: "Option",
    anyOf: [constr("Some", 0, [ref("StakeCredential")]), constr("None", 1, [])],
  },
  Address: {
    title: "Address",
    anyOf: [
      constr("Address", 0, [
        ref("Credential", "payment_credential"),
        ref("Option$StakeCredential", "stake_credential"),
      ]),
    ],
  },
  OutputReference: {
    title: "OutputReference",
    anyOf: [constr("OutputReference", 0, [bytes("transaction_id"), int("output_index")])],
  },
  EscrowDatum: {
    title: "EscrowDatum",
    description: `At most ${MAX_TOKENS_PER_ESCROW} non-ADA assets per escrow output.`,
    anyOf: [constr("EscrowDatum", 0, orderedDatumFields)],
  },
  EscrowStep: {
    title: "EscrowStep",
    description: "One step per escrow input, in input order; output indices strictly increase.",
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
