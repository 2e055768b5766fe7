/**
 * Measures escrow transactions on a test chain: execution units and size of one spend per
 * action, and the largest batch that fits the protocol's per-transaction limits, found by
 * building and evaluating real transactions (binary search on the batch size).
 */
import type { UTxO } from "@meshsdk/core";
import type { EscrowAction } from "../escrow/layout.ts";
import { buildSpend, lockTx, signedVoucher, type NewEscrow } from "../test-support/escrow-tx.ts";
import {
  defaultAmount,
  inState,
  lockEscrows,
  newDatum,
  pastDeadlines,
  plan,
  type Fixture,
  type Locked,
} from "../test-support/fixture.ts";
import { signAll, type Party } from "../test-support/parties.ts";

/** Per-transaction limits of mainnet and preprod (FACTS.md). */
export const LIMITS = { txBytes: 16_384, mem: 14_000_000, steps: 10_000_000_000 };

export interface TxCost {
  mem: number;
  steps: number;
  txBytes: number;
}

export interface Setting {
  state: Parameters<typeof inState>[0];
  past: boolean;
  actor: (f: Fixture) => Party;
  signers?: (f: Fixture) => Party[];
}

export const SETTINGS: Record<EscrowAction, Setting> = {
  SubmitResult: { state: "FundsLocked", past: false, actor: (f) => f.seller },
  RequestRefund: { state: "FundsLocked", past: false, actor: (f) => f.buyer },
  CancelRefund: { state: "RefundRequested", past: false, actor: (f) => f.buyer },
  AuthorizeRefund: { state: "Disputed", past: false, actor: (f) => f.seller },
  Withdraw: { state: "ResultSubmitted", past: true, actor: (f) => f.seller },
  WithdrawRefund: { state: "FundsLocked", past: true, actor: (f) => f.buyer },
  ResolveDispute: {
    state: "Disputed",
    past: true,
    actor: (f) => f.admins[0] as Party,
    signers: (f) => f.admins.slice(0, 2),
  },
  Release: { state: "ResultSubmitted", past: false, actor: (f) => f.buyer },
  PartialRefund: { state: "ResultSubmitted", past: false, actor: (f) => f.seller },
  RedeemVoucher: { state: "FundsLocked", past: false, actor: (f) => f.seller },
  Accept: { state: "ResultSubmitted", past: false, actor: (f) => f.buyer },
};

/** Locks `count` escrows ready for `action` (in lock transactions of at most 40). */
export async function readyEscrows(
  f: Fixture,
  action: EscrowAction,
  count: number,
): Promise<Locked[]> {
  const s = SETTINGS[action];
  const out: Locked[] = [];
  for (let left = count; left > 0; left -= 40) {
    const n = Math.min(40, left);
    out.push(...(await lockEscrows(f, n, () => inState(s.state, s.past ? pastDeadlines(f) : {}))));
  }
  return out;
}

/** Builds, signs and evaluates a batch of `action` over `escrows`; throws if it cannot be built. */
export async function measureBatch(
  f: Fixture,
  action: EscrowAction,
  escrows: Locked[],
): Promise<TxCost> {
  const s = SETTINGS[action];
  const actor = s.actor(f);
  const usdm = defaultAmount()[1]?.unit as string;
  const items = escrows.map((e) => ({
    ...e,
    action,
    release:
      action === "Release" || action === "PartialRefund"
        ? { unit: usdm, amount: 3_000_000n }
        : undefined,
    voucher:
      action === "RedeemVoucher"
        ? signedVoucher(f.d, e.datum, f.buyer, usdm, 3_000_000n)
        : undefined,
  }));
  const p = plan(f, items, actor, { signers: s.signers?.(f) });
  const unsigned = await buildSpend(f.chain, f.d, p);
  const signers = [actor, ...p.signers.filter((x) => x.keyHash !== actor.keyHash)];
  const signed = await signAll(unsigned, signers);
  const redeemers = await f.chain.evaluator.evaluateTx(signed, [], []);
  return {
    mem: redeemers.reduce((t, r) => t + r.budget.mem, 0),
    steps: redeemers.reduce((t, r) => t + r.budget.steps, 0),
    txBytes: signed.length / 2,
  };
}

export const fits = (c: TxCost): boolean =>
  c.txBytes <= LIMITS.txBytes && c.mem <= LIMITS.mem && c.steps <= LIMITS.steps;

/** Which limit a batch exceeds (or why it could not be built), for the report's notes. */
export async function overLimit(cost: () => Promise<TxCost>): Promise<string> {
  try {
    const c = await cost();
    const over = [
      c.txBytes > LIMITS.txBytes ? `size ${c.txBytes} > ${LIMITS.txBytes} bytes` : "",
      c.mem > LIMITS.mem ? `memory ${c.mem} > ${LIMITS.mem}` : "",
      c.steps > LIMITS.steps ? `steps ${c.steps} > ${LIMITS.steps}` : "",
    ].filter((x) => x !== "");
    return over.length > 0 ? over.join(", ") : `fits (${JSON.stringify(c)})`;
  } catch (error) {
    const message = String(error instanceof Error ? error.message : error);
    // Mesh's coin selection reports a transaction that would outgrow the size limit this way.
    if (message.includes("Maximum Input Count Exceeded")) {
      return `size > ${LIMITS.txBytes} bytes (Mesh: "Maximum Input Count Exceeded")`;
    }
    return `cannot be built: ${message.slice(0, 200)}`;
  }
}

/**
 * The largest n in [1, pool.length] for which `cost(n)` fits (a build that throws does not fit).
 * Assumes fitting is monotone in n, which holds: every escrow adds inputs, outputs and units.
 */
export async function largestFitting(
  max: number,
  cost: (n: number) => Promise<TxCost>,
): Promise<number> {
  const ok = async (n: number): Promise<boolean> => cost(n).then(fits, () => false);
  let lo = 0;
  let hi = max;
  if (await ok(hi)) return hi;
  // Invariant: ok(lo) (or lo = 0), !ok(hi).
  for (let guard = 0; hi - lo > 1 && guard < 32; guard++) {
    const mid = Math.floor((lo + hi) / 2);
    if (await ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Size of a lock transaction of `n` escrows from the buyer (signed, not submitted). */
export async function lockCost(f: Fixture, n: number): Promise<TxCost> {
  const escrows: NewEscrow[] = Array.from({ length: n }, () => ({
    datum: newDatum(f),
    amount: defaultAmount(),
  }));
  const signed = await lockTx(f.chain, f.d, f.buyer, escrows);
  return { mem: 0, steps: 0, txBytes: signed.length / 2 };
}

export type { UTxO };
