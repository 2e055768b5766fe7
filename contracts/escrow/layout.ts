/**
 * The escrow's on-chain data layout, shared by the validator and the off-chain encoders so
 * both read the same field positions, tags and messages. Plain constants: no plu-ts here.
 */

/** Escrow states, stored as an integer in the datum. */
export const EscrowState = {
  FundsLocked: 0,
  ResultSubmitted: 1,
  RefundRequested: 2,
  Disputed: 3,
  RefundAuthorized: 4,
} as const;
export type EscrowStateName = keyof typeof EscrowState;

/**
 * Positions of the datum's fields. The four that actions change come first, so a new datum is
 * four fresh fields in front of the input datum's unchanged tail (one comparison checks it all).
 */
export const DatumField = {
  state: 0,
  resultHash: 1,
  buyerCooldownMs: 2,
  sellerCooldownMs: 3,
  buyer: 4,
  seller: 5,
  reference: 6,
  inputHash: 7,
  submitResultTimeMs: 8,
  unlockTimeMs: 9,
  externalDisputeUnlockTimeMs: 10,
  buyerLovelace: 11,
} as const;
export const DATUM_FIELD_COUNT = 12;
/** Fields before this position are the ones actions may change. */
export const MUTABLE_FIELD_COUNT = 4;

/** Constructor tags of the batch redeemer's steps, one step per escrow input. */
export const StepTag = {
  SubmitResult: 0,
  RequestRefund: 1,
  CancelRefund: 2,
  AuthorizeRefund: 3,
  Withdraw: 4,
  WithdrawRefund: 5,
  ResolveDispute: 6,
  Release: 7,
} as const;
export type EscrowAction = keyof typeof StepTag;
export const ESCROW_ACTIONS = Object.keys(StepTag) as EscrowAction[];

/** Non-ADA assets an escrow output may hold; more makes its state transitions fail. */
export const MAX_TOKENS_PER_ESCROW = 2;

/** Length of the result hash (sha256) that SubmitResult writes. */
export const RESULT_HASH_BYTES = 32;

/**
 * The validator's trace messages, one per named check; tests assert on them. Short on purpose:
 * every character is a byte of the script.
 */
export const EscrowTrace = {
  purpose: "bad purpose",
  batchMissing: "no batch",
  validityRange: "open range",
  missingStep: "no step",
  extraStep: "extra step",
  unknownStep: "bad step",
  sellerSigned: "seller sig",
  buyerSigned: "buyer sig",
  adminsSigned: "admin sigs",
  state: "state",
  cooldown: "cooldown",
  tooEarly: "too early",
  tooLate: "too late",
  resultHash: "result hash",
  tooManyAssets: "asset cap",
  outputOrder: "output order",
  contAddress: "cont addr",
  contValue: "cont value",
  contDatum: "cont datum",
  contRefScript: "cont ref",
  payoutAddress: "payout addr",
  payoutTag: "payout tag",
  sellerPayout: "seller paid",
  buyerPayout: "buyer paid",
  disputeSplit: "split",
  releaseAmount: "release > 0",
  releaseLocked: "release > locked",
} as const;
export type EscrowTraceKey = keyof typeof EscrowTrace;
