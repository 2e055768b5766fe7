/**
 * The life of a payment as states and actions: before funds (the request), on chain (the escrow
 * datum's five states), and after (how the escrow was spent). The transition table is data, the
 * same table as ARCHITECTURE.md and contracts/escrow; `nextState` adds the time and result
 * conditions, so the node refuses up front what the validator would refuse on chain.
 *
 * Times: "before T" means `nowMs < T`, "from T" means `nowMs >= T`, so the two never overlap.
 */
import { ACTOR as ESCROW_ACTOR } from "../../contracts/escrow-rules.ts";
import { type PaymentTimes, type TimeField, WIRE_TIME_FIELDS as WIRE } from "./payment-times.ts";

/** A payment request no buyer has paid yet, and one whose payByTime passed unpaid. */
export const REQUEST_STATES = ["WaitingForFunds", "Expired"] as const;
/** The escrow datum's states (contracts/escrow/layout.ts). */
export const ON_CHAIN_STATES = [
  "FundsLocked",
  "ResultSubmitted",
  "RefundRequested",
  "Disputed",
  "RefundAuthorized",
] as const;
/** How an escrow ended, or a lock that does not match its request. */
export const TERMINAL_STATES = [
  "Withdrawn",
  "RefundWithdrawn",
  "DisputedWithdrawn",
  "FundsOrDatumInvalid",
] as const;
export const PAYMENT_STATES = [...REQUEST_STATES, ...ON_CHAIN_STATES, ...TERMINAL_STATES] as const;

export type RequestState = (typeof REQUEST_STATES)[number];
export type OnChainState = (typeof ON_CHAIN_STATES)[number];
export type TerminalState = (typeof TERMINAL_STATES)[number];
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** The escrow validator's actions (its redeemer steps), by name. */
export const ESCROW_ACTIONS = [
  "SubmitResult",
  "RequestRefund",
  "CancelRefund",
  "AuthorizeRefund",
  "Withdraw",
  "WithdrawRefund",
  "ResolveDispute",
  "Release",
  "PartialRefund",
  "RedeemVoucher",
  "Accept",
] as const;
/** What the node itself records about a request: a lock seen, a request expired or invalid. */
export const REQUEST_ACTIONS = ["Lock", "Expire", "Invalidate"] as const;
export const PAYMENT_ACTIONS = [...ESCROW_ACTIONS, ...REQUEST_ACTIONS] as const;

export type EscrowAction = (typeof ESCROW_ACTIONS)[number];
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];

/**
 * Who takes each action: the chain enforces it for escrow actions (the validator's own table,
 * read from the contracts), the node for the rest.
 */
export const ACTORS: Record<PaymentAction, "seller" | "buyer" | "admins" | "node"> = {
  ...ESCROW_ACTOR,
  Lock: "buyer",
  Expire: "node",
  Invalidate: "node",
};

export interface Transition {
  to: PaymentState;
  /** Allowed only before, or only from, one of the payment's times; absent: at any time. */
  gate?: { before: TimeField } | { from: TimeField };
  /** Whether the escrow must hold a submitted result, or must not. */
  result?: "required" | "forbidden";
  /** Whether the terms must say autoRelease (a subscription period), or must not. */
  autoRelease?: "required" | "forbidden";
}

const SUBMIT = "submitResultTimeMs";
/**
 * Release, PartialRefund and RedeemVoucher keep the state: part of one unit goes to a party, the
 * rest stays locked. Accept (the buyer's full release) ends the escrow by its terms at any time,
 * as Withdraw does, so it is recorded as Withdrawn.
 */
const partPayments = (state: OnChainState) =>
  ({
    Release: { to: state },
    PartialRefund: { to: state },
    RedeemVoucher: { to: state },
    Accept: { to: "Withdrawn" },
  }) satisfies { [A in PaymentAction]?: Transition };
const refund: Transition = { to: "RefundWithdrawn", gate: { from: SUBMIT }, result: "forbidden" };

/** Every allowed (state, action) pair; a pair not listed is refused. */
export const TRANSITIONS: {
  readonly [S in PaymentState]: { readonly [A in PaymentAction]?: Transition };
} = {
  WaitingForFunds: {
    Lock: { to: "FundsLocked", gate: { before: "payByTimeMs" } },
    Expire: { to: "Expired", gate: { from: "payByTimeMs" } },
    Invalidate: { to: "FundsOrDatumInvalid" },
  },
  // A lock seen after expiry (paid late) is recorded as invalid, so the buyer can be refunded.
  Expired: { Invalidate: { to: "FundsOrDatumInvalid" } },
  FundsLocked: {
    SubmitResult: { to: "ResultSubmitted", gate: { before: SUBMIT } },
    RequestRefund: { to: "RefundRequested", gate: { before: "unlockTimeMs" } },
    AuthorizeRefund: { to: "RefundAuthorized" },
    // A subscription period's seller collects at unlockTime without a result; its buyer must
    // ask for a refund first (RequestRefund), so the refund without a result is not open to it.
    Withdraw: { to: "Withdrawn", gate: { from: "unlockTimeMs" }, autoRelease: "required" },
    WithdrawRefund: { ...refund, autoRelease: "forbidden" },
    ...partPayments("FundsLocked"),
  },
  ResultSubmitted: {
    SubmitResult: { to: "ResultSubmitted", gate: { before: SUBMIT } },
    RequestRefund: { to: "Disputed", gate: { before: "unlockTimeMs" } },
    AuthorizeRefund: { to: "RefundAuthorized" },
    Withdraw: { to: "Withdrawn", gate: { from: "unlockTimeMs" }, result: "required" },
    ...partPayments("ResultSubmitted"),
  },
  RefundRequested: {
    SubmitResult: { to: "Disputed", gate: { before: SUBMIT } },
    CancelRefund: { to: "FundsLocked" },
    AuthorizeRefund: { to: "RefundAuthorized" },
    WithdrawRefund: refund,
    ...partPayments("RefundRequested"),
  },
  Disputed: {
    SubmitResult: { to: "Disputed", gate: { before: "externalDisputeUnlockTimeMs" } },
    CancelRefund: { to: "ResultSubmitted" },
    AuthorizeRefund: { to: "RefundAuthorized" },
    ResolveDispute: { to: "DisputedWithdrawn", gate: { from: "externalDisputeUnlockTimeMs" } },
    ...partPayments("Disputed"),
  },
  RefundAuthorized: {
    WithdrawRefund: { to: "RefundWithdrawn" },
    ...partPayments("RefundAuthorized"),
  },
  Withdrawn: {},
  RefundWithdrawn: {},
  DisputedWithdrawn: {},
  // A late lock with a datum the validator accepts can still be refunded like an unanswered one.
  FundsOrDatumInvalid: { WithdrawRefund: refund },
};

export interface TransitionContext {
  /** Whether the escrow holds a submitted result hash. */
  hasResult: boolean;
  /** Whether the escrow's terms say autoRelease (false when not given). */
  autoRelease?: boolean;
  nowMs: number;
  times: PaymentTimes;
}

export type NextState =
  | { ok: true; state: PaymentState }
  | {
      ok: false;
      code: "state" | "result" | "autoRelease" | "tooEarly" | "tooLate";
      reason: string;
    };

/** The state `action` leads to from `state` now, or why it is refused (a 409 for the API). */
export function nextState(
  state: PaymentState,
  action: PaymentAction,
  { hasResult, autoRelease = false, nowMs, times }: TransitionContext,
): NextState {
  const rule = TRANSITIONS[state][action];
  if (rule === undefined) {
    return {
      ok: false,
      code: "state",
      reason: `action ${action} is not allowed in state ${state}`,
    };
  }
  if (rule.result === "required" && !hasResult) {
    return { ok: false, code: "result", reason: `action ${action} needs a submitted result` };
  }
  if (rule.result === "forbidden" && hasResult) {
    return {
      ok: false,
      code: "result",
      reason: `action ${action} is not allowed once a result is submitted (state ${state})`,
    };
  }
  if (rule.autoRelease !== undefined && autoRelease !== (rule.autoRelease === "required")) {
    const terms = autoRelease ? "say autoRelease" : "do not say autoRelease";
    return {
      ok: false,
      code: "autoRelease",
      reason: `action ${action} is not allowed in state ${state} when the terms ${terms}`,
    };
  }
  if (rule.gate && "before" in rule.gate && !(nowMs < times[rule.gate.before])) {
    const at = times[rule.gate.before];
    return {
      ok: false,
      code: "tooLate",
      reason: `action ${action} is allowed in state ${state} only before ${WIRE[rule.gate.before]} (${iso(at)})`,
    };
  }
  if (rule.gate && "from" in rule.gate && !(nowMs >= times[rule.gate.from])) {
    const at = times[rule.gate.from];
    return {
      ok: false,
      code: "tooEarly",
      reason: `action ${action} is allowed in state ${state} only from ${WIRE[rule.gate.from]} (${iso(at)})`,
    };
  }
  return { ok: true, state: rule.to };
}

function iso(ms: number): string {
  // Date cannot hold every number; the reason must never throw.
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

/** The actions the table lists for a state (before time and result conditions). */
export function actionsFrom(state: PaymentState): PaymentAction[] {
  return PAYMENT_ACTIONS.filter((a) => TRANSITIONS[state][a] !== undefined);
}

/** True once no action can change the payment any more. */
export function isFinal(state: PaymentState): boolean {
  return actionsFrom(state).length === 0;
}

/** The peer's `onChainState` for a state: null while no escrow exists (its API does the same). */
export function toMasumiOnChainState(state: PaymentState): OnChainState | TerminalState | null {
  return state === "WaitingForFunds" || state === "Expired" ? null : state;
}
