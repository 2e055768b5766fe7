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
 * Positions of the datum's fields. The six that actions change come first, so a new datum is
 * six fresh fields in front of the input datum's unchanged tail (one comparison checks it all).
 */
export const DatumField = {
  state: 0,
  resultHash: 1,
  buyerCooldownMs: 2,
  sellerCooldownMs: 3,
  /**
   * What the seller claims of the escrow at Withdraw: `Constr 0 []` for no claim (the whole
   * escrow but the buyer's deposit, as before claims existed), `Constr 1 [value]` for a claim (a
   * ledger value: policy → asset name → quantity). Set by SubmitResult.
   */
  claim: 4,
  /** The highest voucher total redeemed so far (0 before any); RedeemVoucher raises it. */
  voucherTotal: 5,
  buyer: 6,
  seller: 7,
  reference: 8,
  inputHash: 9,
  submitResultTimeMs: 10,
  /** unlockTime − submitResultTime: a gap of hours fits 4 bytes where a POSIX time needs 8. */
  unlockAfterSubmitMs: 11,
  /** externalDisputeUnlockTime − unlockTime. */
  disputeAfterUnlockMs: 12,
  buyerLovelace: 13,
  /**
   * 1: a subscription period: the seller may Withdraw at unlockTime without a result, and the
   * buyer gets a refund only by asking for it before then (RequestRefund). 0: the usual rules.
   */
  autoRelease: 14,
} as const;
export const DATUM_FIELD_COUNT = 15;
/** Fields before this position are the ones actions may change. */
export const MUTABLE_FIELD_COUNT = 6;

/** The claim field's constructors. */
export const ClaimTag = { none: 0, claim: 1 } as const;

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
  /** Seller: returns part of the escrow to the buyer at once; the rest stays locked. */
  PartialRefund: 8,
  /** Seller: is paid what a buyer-signed voucher total adds to the totals redeemed before. */
  RedeemVoucher: 9,
  /** Buyer: settles the escrow now, paying the seller its claim (or all, without one). */
  Accept: 10,
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
 * A voucher's total is signed as this many big-endian bytes: the message is
 * `scriptHash (28) ‖ reference (16) ‖ total (8) ‖ policyId (0 or 28) ‖ assetName`.
 */
export const VOUCHER_TOTAL_BYTES = 8;

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
  claim: "CM",
  voucherKey: "VK",
  voucherSignature: "VS",
  voucherTotal: "VT",
} as const;
export type EscrowTraceKey = keyof typeof EscrowTrace;

/** The check a trace code names (e.g. "TE" → "tooEarly"), or undefined for another message. */
export function escrowTraceName(code: string): EscrowTraceKey | undefined {
  const entry = Object.entries(EscrowTrace).find(([, c]) => c === code);
  return entry?.[0] as EscrowTraceKey | undefined;
}
