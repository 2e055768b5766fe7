/**
 * The escrow's state rules, off-chain: which action a party may take in which state and time
 * window, and the exact datum the validator expects next. Builders use it to make the
 * continuing output; the watcher and tests use it to predict the validator's answer.
 */
import type { ClaimAmount, EscrowDatum } from "./escrow-data.ts";
import type { EscrowAction, EscrowStateName, EscrowTraceKey } from "./escrow/layout.ts";

/** The validity interval a transaction declares, in POSIX ms (slot starts). */
export interface ValidityMs {
  lowerMs: number;
  upperMs: number;
}

export type Actor = "buyer" | "seller" | "admins";

export const ACTOR: Record<EscrowAction, Actor> = {
  SubmitResult: "seller",
  RequestRefund: "buyer",
  CancelRefund: "buyer",
  AuthorizeRefund: "seller",
  Withdraw: "seller",
  WithdrawRefund: "buyer",
  ResolveDispute: "admins",
  Release: "buyer",
  PartialRefund: "seller",
  RedeemVoucher: "seller",
  Accept: "buyer",
};

const OPEN: EscrowStateName[] = ["FundsLocked", "ResultSubmitted", "RefundRequested", "Disputed"];

const ANY: EscrowStateName[] = [...OPEN, "RefundAuthorized"];

/**
 * The states an action may start from. Withdraw also starts from FundsLocked and WithdrawRefund
 * from FundsLocked only as the datum's autoRelease says (see `fromStates`).
 */
export const FROM_STATES: Record<EscrowAction, EscrowStateName[]> = {
  SubmitResult: OPEN,
  RequestRefund: ["FundsLocked", "ResultSubmitted"],
  CancelRefund: ["RefundRequested", "Disputed"],
  AuthorizeRefund: OPEN,
  Withdraw: ["FundsLocked", "ResultSubmitted"],
  WithdrawRefund: ["FundsLocked", "RefundRequested", "RefundAuthorized"],
  ResolveDispute: ["Disputed"],
  Release: ANY,
  PartialRefund: ANY,
  RedeemVoucher: ANY,
  Accept: ANY,
};

/** The states `action` may start from on this escrow (autoRelease decides FundsLocked). */
export function fromStates(d: EscrowDatum, action: EscrowAction): EscrowStateName[] {
  const states = FROM_STATES[action];
  if (action === "Withdraw" && !d.autoRelease) return states.filter((s) => s !== "FundsLocked");
  if (action === "WithdrawRefund" && d.autoRelease)
    return states.filter((s) => s !== "FundsLocked");
  return states;
}

/** Actions that wait out the acting party's own cooldown. */
const COOLDOWN_CHECKED: EscrowAction[] = [
  "SubmitResult",
  "RequestRefund",
  "CancelRefund",
  "Release",
  "PartialRefund",
  "RedeemVoucher",
];

/**
 * Why the validator refuses `action` on this escrow in this validity window (the key of its
 * trace in EscrowTrace), or null when state and time allow it. Signatures and outputs are
 * assumed right; the checks run in the validator's order.
 */
export function refusal(
  d: EscrowDatum,
  action: EscrowAction,
  v: ValidityMs,
): EscrowTraceKey | null {
  if (!fromStates(d, action).includes(d.state)) return "state";
  if (COOLDOWN_CHECKED.includes(action)) {
    const cooldown = ACTOR[action] === "buyer" ? d.buyerCooldownMs : d.sellerCooldownMs;
    if (v.lowerMs < cooldown) return "cooldown";
  }
  switch (action) {
    case "SubmitResult": {
      const deadline =
        d.state === "Disputed" ? d.externalDisputeUnlockTimeMs : d.submitResultTimeMs;
      return v.upperMs <= deadline ? null : "tooLate";
    }
    case "RequestRefund":
      return v.upperMs <= d.unlockTimeMs ? null : "tooLate";
    case "Withdraw":
      return v.lowerMs >= d.unlockTimeMs ? null : "tooEarly";
    case "WithdrawRefund":
      return d.state === "RefundAuthorized" || v.lowerMs >= d.submitResultTimeMs
        ? null
        : "tooEarly";
    case "ResolveDispute":
      return v.lowerMs >= d.externalDisputeUnlockTimeMs ? null : "tooEarly";
    default:
      return null;
  }
}

const NEXT_STATE: Partial<Record<EscrowAction, Partial<Record<EscrowStateName, EscrowStateName>>>> =
  {
    SubmitResult: {
      FundsLocked: "ResultSubmitted",
      ResultSubmitted: "ResultSubmitted",
      RefundRequested: "Disputed",
      Disputed: "Disputed",
    },
    RequestRefund: { FundsLocked: "RefundRequested", ResultSubmitted: "Disputed" },
    CancelRefund: { RefundRequested: "FundsLocked", Disputed: "ResultSubmitted" },
  };

/** What a step that keeps the escrow locked brings to its next datum. */
export interface StepInputs {
  /** SubmitResult: the result hash. */
  resultHash?: string;
  /** SubmitResult: the claim (omitted or null: none). */
  claim?: ClaimAmount[] | null;
  /** RedeemVoucher: the voucher's total. */
  voucherTotal?: bigint;
}

export type ContinuingAction =
  | "SubmitResult"
  | "RequestRefund"
  | "CancelRefund"
  | "AuthorizeRefund"
  | "Release"
  | "PartialRefund"
  | "RedeemVoucher";

/**
 * The datum of the continuing output the validator expects after `action` (for the actions
 * that keep the escrow locked). The acting party's cooldown becomes `upperMs + cooldownMs`, the
 * other party's 0.
 */
export function nextDatum(
  d: EscrowDatum,
  action: ContinuingAction,
  v: ValidityMs,
  cooldownMs: number,
  inputs: StepInputs = {},
): EscrowDatum {
  const stamp = v.upperMs + cooldownMs;
  const byBuyer = ACTOR[action] === "buyer";
  const cooldowns = {
    buyerCooldownMs: byBuyer ? stamp : 0,
    sellerCooldownMs: byBuyer ? 0 : stamp,
  };
  switch (action) {
    case "SubmitResult": {
      const state = NEXT_STATE.SubmitResult?.[d.state];
      const { resultHash } = inputs;
      if (state === undefined || resultHash === undefined)
        throw new Error("SubmitResult not possible");
      return { ...d, ...cooldowns, state, resultHash, claim: inputs.claim ?? null };
    }
    case "AuthorizeRefund":
      return { ...d, ...cooldowns, state: "RefundAuthorized", resultHash: "", claim: null };
    case "Release":
    case "PartialRefund":
      return { ...d, ...cooldowns };
    case "RedeemVoucher": {
      const total = inputs.voucherTotal;
      if (total === undefined || total <= d.voucherTotal)
        throw new Error("a voucher must raise the total redeemed");
      return { ...d, ...cooldowns, voucherTotal: total };
    }
    default: {
      const state = NEXT_STATE[action]?.[d.state];
      if (state === undefined) throw new Error(`${action} not possible from ${d.state}`);
      return { ...d, ...cooldowns, state };
    }
  }
}

/** The largest amount a claim or voucher total can name (the ledger's quantities are 64-bit). */
const QUANTITY_MAX = 2n ** 63n - 1n;

/**
 * The datum with every variable field at its largest, for an escrow holding `units` (Mesh units;
 * lovelace is always counted): size the lock's lovelace for this, or a later continuing output
 * (same value, bigger datum) may fall below the minimum UTxO. That includes a claim on every
 * unit: the buyer's deposit pays for it (and comes back to the buyer), so the seller never tops
 * up an escrow, whose lovelace a claim's settlement would hand to the buyer.
 */
export function largestDatum(d: EscrowDatum, units: readonly string[] = []): EscrowDatum {
  const far = 2 ** 52;
  const claimed = new Set(["lovelace", ...units, ...(d.claim ?? []).map((c) => c.unit)]);
  return {
    ...d,
    resultHash: "ff".repeat(32),
    buyerCooldownMs: far,
    sellerCooldownMs: far,
    claim: [...claimed].map((unit) => ({ unit, amount: QUANTITY_MAX })),
    voucherTotal: 2n ** 64n - 1n,
  };
}
