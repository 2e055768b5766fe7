/**
 * The escrow's on-chain data layout, shared by the validator and the off-chain encoders so
 * both read the same field positions, tags and messages. Plain TypeScript: no plu-ts here.
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
  /** unlockTime − submitResultTime: a gap of hours fits 4 bytes where a POSIX time needs 8. */
  unlockAfterSubmitMs: 9,
  /** externalDisputeUnlockTime − unlockTime. */
  disputeAfterUnlockMs: 10,
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

/**
 * A party (buyer or seller) is stored as its payment key hash followed by its stake key hash
 * (56 bytes), or the payment key hash alone (28 bytes) for an address without a stake part;
 * the validator rebuilds the Plutus address from it to check payouts.
 */
export const KEY_HASH_BYTES = 28;

/**
 * Length of the escrow's reference: the first 16 bytes of the sha256 the off-chain code
 * derives it from (128 bits: collisions are out of reach for any number of payments a node
 * will see; nothing on chain relies on it being unique).
 */
export const REFERENCE_BYTES = 16;

/** Non-ADA assets an escrow output may hold; more makes its state transitions fail. */
export const MAX_TOKENS_PER_ESCROW = 2;

/** Length of the result hash (sha256) that SubmitResult writes. */
export const RESULT_HASH_BYTES = 32;

/**
 * The validator's trace messages, one per named check; tests assert on them. Two-letter codes on
 * purpose: every character is a byte of the script, and readable sentences cost ~200 bytes the
 * script does not have. `escrowTraceName` (and the README's table) turns a code back into the
 * check's name.
 */
export const EscrowTrace = {
  purpose: "PU",
  batchMissing: "NB",
  validityRange: "VR",
  missingStep: "MS",
  extraStep: "XS",
  unknownStep: "US",
  sellerSigned: "SS",
  buyerSigned: "BS",
  adminsSigned: "AS",
  state: "ST",
  cooldown: "CL",
  tooEarly: "TE",
  tooLate: "TL",
  resultHash: "RH",
  tooManyAssets: "AC",
  outputOrder: "OO",
  contAddress: "CA",
  contValue: "CV",
  contDatum: "CD",
  contRefScript: "CR",
  payoutAddress: "PA",
  payoutTag: "PT",
  sellerPayout: "SP",
  buyerPayout: "BP",
  disputeSplit: "DS",
  releaseAmount: "R0",
  releaseLocked: "RL",
  releaseFloor: "RF",
  buyerLovelace: "BL",
} as const;
export type EscrowTraceKey = keyof typeof EscrowTrace;

/** The check a trace code names (e.g. "TE" → "tooEarly"), or undefined for another message. */
export function escrowTraceName(code: string): EscrowTraceKey | undefined {
  const entry = Object.entries(EscrowTrace).find(([, c]) => c === code);
  return entry?.[0] as EscrowTraceKey | undefined;
}
