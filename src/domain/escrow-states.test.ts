import { describe, expect, it } from "vitest";
import { EscrowState, StepTag } from "../../contracts/escrow/layout.ts";
import {
  actionsFrom,
  ESCROW_ACTIONS,
  isFinal,
  nextState,
  ON_CHAIN_STATES,
  PAYMENT_ACTIONS,
  PAYMENT_STATES,
  toMasumiOnChainState,
  TRANSITIONS,
  type PaymentAction,
  type PaymentState,
} from "./escrow-states.ts";
import type { PaymentTimes, TimeField } from "./payment-times.ts";

const times: PaymentTimes = {
  payByTimeMs: 10_000,
  submitResultTimeMs: 20_000,
  unlockTimeMs: 30_000,
  externalDisputeUnlockTimeMs: 40_000,
};
/** Every deadline, a moment either side of it, and the moments between. */
const NOWS = [5_000, 9_999, 10_000, 15_000, 19_999, 20_000, 29_999, 30_000, 39_999, 40_000, 45_000];

/**
 * The table of ARCHITECTURE.md, written out again independently of the code: `To`, then
 * `<time` (only before it) or `>=time` (only from it), then `+result` / `-result` when the
 * escrow must / must not hold a result. A pair not listed must be refused.
 */
const SPEC: Record<PaymentState, Partial<Record<PaymentAction, string>>> = {
  WaitingForFunds: {
    Lock: "FundsLocked <payBy",
    Expire: "Expired >=payBy",
    Invalidate: "FundsOrDatumInvalid",
  },
  Expired: { Invalidate: "FundsOrDatumInvalid" },
  FundsLocked: {
    SubmitResult: "ResultSubmitted <submitResult",
    RequestRefund: "RefundRequested <unlock",
    AuthorizeRefund: "RefundAuthorized",
    Withdraw: "Withdrawn >=unlock +auto",
    WithdrawRefund: "RefundWithdrawn >=submitResult -result -auto",
    Release: "FundsLocked",
    PartialRefund: "FundsLocked",
    RedeemVoucher: "FundsLocked",
    Accept: "Withdrawn",
  },
  ResultSubmitted: {
    SubmitResult: "ResultSubmitted <submitResult",
    RequestRefund: "Disputed <unlock",
    AuthorizeRefund: "RefundAuthorized",
    Withdraw: "Withdrawn >=unlock +result",
    Release: "ResultSubmitted",
    PartialRefund: "ResultSubmitted",
    RedeemVoucher: "ResultSubmitted",
    Accept: "Withdrawn",
  },
  RefundRequested: {
    SubmitResult: "Disputed <submitResult",
    CancelRefund: "FundsLocked",
    AuthorizeRefund: "RefundAuthorized",
    WithdrawRefund: "RefundWithdrawn >=submitResult -result",
    Release: "RefundRequested",
    PartialRefund: "RefundRequested",
    RedeemVoucher: "RefundRequested",
    Accept: "Withdrawn",
  },
  Disputed: {
    SubmitResult: "Disputed <externalDisputeUnlock",
    CancelRefund: "ResultSubmitted",
    AuthorizeRefund: "RefundAuthorized",
    ResolveDispute: "DisputedWithdrawn >=externalDisputeUnlock",
    Release: "Disputed",
    PartialRefund: "Disputed",
    RedeemVoucher: "Disputed",
    Accept: "Withdrawn",
  },
  RefundAuthorized: {
    WithdrawRefund: "RefundWithdrawn",
    Release: "RefundAuthorized",
    PartialRefund: "RefundAuthorized",
    RedeemVoucher: "RefundAuthorized",
    Accept: "Withdrawn",
  },
  Withdrawn: {},
  RefundWithdrawn: {},
  DisputedWithdrawn: {},
  FundsOrDatumInvalid: { WithdrawRefund: "RefundWithdrawn >=submitResult -result" },
};

type Expected = { ok: true; state: string } | { ok: false; code: string };

function expected(
  cell: string | undefined,
  nowMs: number,
  hasResult: boolean,
  autoRelease: boolean,
): Expected {
  if (cell === undefined) return { ok: false, code: "state" };
  const [to, ...conditions] = cell.split(" ");
  for (const c of conditions) {
    if (c === "+result" && !hasResult) return { ok: false, code: "result" };
    if (c === "-result" && hasResult) return { ok: false, code: "result" };
  }
  for (const c of conditions) {
    if (c === "+auto" && !autoRelease) return { ok: false, code: "autoRelease" };
    if (c === "-auto" && autoRelease) return { ok: false, code: "autoRelease" };
  }
  for (const c of conditions) {
    const field = `${c.replace(/^(<|>=)/, "")}TimeMs` as TimeField;
    if (c.endsWith("auto") || c.endsWith("result")) continue;
    if (c.startsWith("<") && !(nowMs < times[field])) return { ok: false, code: "tooLate" };
    if (c.startsWith(">=") && !(nowMs >= times[field])) return { ok: false, code: "tooEarly" };
  }
  return { ok: true, state: to! };
}

const PAIRS = PAYMENT_STATES.flatMap((s) => PAYMENT_ACTIONS.map((a) => [s, a] as const));

describe("nextState, every (state, action) pair", () => {
  it("covers all pairs", () => {
    expect(PAIRS).toHaveLength(11 * 14);
  });

  it.each(PAIRS)("%s + %s", (state, action) => {
    const cell = SPEC[state][action];
    for (const nowMs of NOWS) {
      for (const [hasResult, autoRelease] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ] as const) {
        const got = nextState(state, action, { hasResult, autoRelease, nowMs, times });
        const want = expected(cell, nowMs, hasResult, autoRelease);
        const label = `${state} + ${action} at ${nowMs}, hasResult ${hasResult}, auto ${autoRelease}`;
        if (want.ok) expect(got, label).toEqual(want);
        else expect(got, label).toMatchObject(want);
        if (!got.ok && want.ok === false && want.code === "state") {
          expect(got.reason).toBe(`action ${action} is not allowed in state ${state}`);
        }
      }
    }
  });
});

describe("reasons", () => {
  const ctx = (nowMs: number, hasResult = false) => ({ hasResult, nowMs, times });

  it("names the deadline and when it is, for a time refusal", () => {
    expect(nextState("ResultSubmitted", "Withdraw", ctx(29_999, true))).toEqual({
      ok: false,
      code: "tooEarly",
      reason:
        "action Withdraw is allowed in state ResultSubmitted only from unlockTime (1970-01-01T00:00:30.000Z)",
    });
    expect(nextState("FundsLocked", "SubmitResult", ctx(20_000))).toEqual({
      ok: false,
      code: "tooLate",
      reason:
        "action SubmitResult is allowed in state FundsLocked only before submitResultTime (1970-01-01T00:00:20.000Z)",
    });
  });

  it("says why a result matters", () => {
    expect(nextState("ResultSubmitted", "Withdraw", ctx(30_000, false))).toMatchObject({
      reason: "action Withdraw needs a submitted result",
    });
    expect(nextState("FundsLocked", "WithdrawRefund", ctx(20_000, true))).toMatchObject({
      reason: "action WithdrawRefund is not allowed once a result is submitted (state FundsLocked)",
    });
  });

  it("never throws on a time a Date cannot hold", () => {
    const far = { ...times, unlockTimeMs: Number.MAX_VALUE };
    const got = nextState("ResultSubmitted", "Withdraw", { hasResult: true, nowMs: 0, times: far });
    expect(got.ok === false && got.reason).toContain(String(Number.MAX_VALUE));
  });
});

describe("the table as a whole", () => {
  it("names the same states and actions as the validator", () => {
    expect([...ON_CHAIN_STATES]).toEqual(Object.keys(EscrowState));
    expect([...ESCROW_ACTIONS]).toEqual(Object.keys(StepTag));
  });

  it("only leads to known states", () => {
    for (const s of PAYMENT_STATES) {
      for (const rule of Object.values(TRANSITIONS[s])) {
        expect(PAYMENT_STATES).toContain(rule.to);
      }
    }
  });

  it("reaches every state from a new request", () => {
    const seen = new Set<PaymentState>(["WaitingForFunds"]);
    // Bounded: each round adds a state or stops.
    for (let round = 0; round < PAYMENT_STATES.length; round++) {
      for (const s of [...seen]) {
        for (const a of actionsFrom(s)) seen.add(TRANSITIONS[s][a]!.to);
      }
    }
    expect([...seen].sort()).toEqual([...PAYMENT_STATES].sort());
  });

  it("ends in exactly the three spent states", () => {
    expect(PAYMENT_STATES.filter(isFinal)).toEqual([
      "Withdrawn",
      "RefundWithdrawn",
      "DisputedWithdrawn",
    ]);
    expect(actionsFrom("RefundAuthorized")).toEqual([
      "WithdrawRefund",
      "Release",
      "PartialRefund",
      "RedeemVoucher",
      "Accept",
    ]);
  });

  it("maps to the peer's onChainState enum, null before an escrow exists", () => {
    const peerEnum = [
      "FundsLocked",
      "FundsOrDatumInvalid",
      "ResultSubmitted",
      "RefundRequested",
      "Disputed",
      "WithdrawAuthorized",
      "RefundAuthorized",
      "Withdrawn",
      "RefundWithdrawn",
      "DisputedWithdrawn",
    ];
    expect(toMasumiOnChainState("WaitingForFunds")).toBeNull();
    expect(toMasumiOnChainState("Expired")).toBeNull();
    for (const s of PAYMENT_STATES) {
      const peer = toMasumiOnChainState(s);
      if (peer !== null) expect(peerEnum).toContain(peer);
    }
  });
});
