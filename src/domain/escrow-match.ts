/**
 * Whether a lock seen on chain pays a payment request as signed, and the state a payment (the
 * seller's view) or a purchase (the buyer's) is in given everything seen for its terms. Pure:
 * the watcher calls it after each batch of chain events and after a rollback alike, so the state
 * is always recomputed from the chain, never patched.
 */
import {
  escrowDatum,
  largestDatum,
  paymentKeyHash,
  type NetworkId,
} from "../../contracts/index.ts";
import { escrowDatumOf } from "../chain/datum.ts";
import { minLovelace } from "../chain/escrow/value.ts";
import { networkId, type Network } from "../chain/network.ts";
import { LOVELACE, type Amount } from "./amounts.ts";
import { memoised } from "./memo.ts";
import type { PaymentState } from "./escrow-states.ts";
import type { PaymentTimes } from "./payment-times.ts";

/** The signed terms a lock must match, as either side stores them. */
export interface LockTerms {
  network: Network;
  sellerKeyHash: string;
  /** The buyer's key hash when this side knows it (the buyer's own node); null for the seller. */
  buyerKeyHash: string | null;
  inputHash: string;
  amounts: readonly Amount[];
  times: PaymentTimes;
  /** The terms' autoRelease (a subscription period); absent: false. */
  autoRelease?: boolean;
}

/** What the watcher stored of an escrow transaction (a row of `escrow_events`). */
export interface SeenEvent {
  escrowId: string;
  kind: "lock" | "move" | "end";
  state: string;
  blockTimeMs: number;
  datumCbor: string | null;
  value: string;
  resultHash: string | null;
  buyerKeyHash: string;
  sellerKeyHash: string;
}

/**
 * What sizing a lock's deposit needs: the escrow address and the ledger's coinsPerUtxoSize.
 * The minimum UTxO is computed for the lock's whole value under `largestDatum`, exactly as the
 * node sizes its own locks (src/chain/escrow/lock-terms.ts).
 */
export interface LockSizing {
  escrowAddress: string;
  coinsPerUtxoSize: number;
}

/**
 * Why `lock` does not pay `terms`, or null when it does. Never throws: a hostile datum or value
 * is a problem with a reason. Without `sizing` the deposit's minimum-UTxO check is skipped.
 */
export function lockProblem(
  terms: LockTerms,
  lock: SeenEvent,
  sizing: LockSizing | null = null,
): string | null {
  try {
    return problemOf(terms, lock, sizing);
  } catch (err) {
    return `the lock does not decode: ${(err as Error).message}`;
  }
}

function problemOf(terms: LockTerms, lock: SeenEvent, sizing: LockSizing | null): string | null {
  if (lock.blockTimeMs >= terms.times.payByTimeMs)
    return `paid after payByTime (block time ${lock.blockTimeMs} ≥ ${terms.times.payByTimeMs})`;
  if (lock.datumCbor === null) return "the lock has no datum";
  const d = escrowDatumOf(lock.datumCbor, networkId(terms.network));
  if (d.state !== "FundsLocked") return `datum state is ${d.state}, not FundsLocked`;
  if (d.resultHash !== "") return "datum already holds a result";
  if (d.buyerCooldownMs !== 0 || d.sellerCooldownMs !== 0) return "datum cooldowns are not zero";
  // A claim or a voucher total set at lock time would take from the seller what it earns.
  if (d.claim !== null) return "datum already holds a claim";
  if (d.voucherTotal !== 0n) return "datum voucherTotal is not zero";
  if (d.autoRelease !== (terms.autoRelease ?? false))
    return `datum autoRelease is ${d.autoRelease}, the terms say ${terms.autoRelease ?? false}`;
  if (paymentKeyHash(d.seller) !== terms.sellerKeyHash) return "datum names another seller";
  if (terms.buyerKeyHash !== null && paymentKeyHash(d.buyer) !== terms.buyerKeyHash)
    return "datum names another buyer";
  if (d.inputHash !== terms.inputHash) return "datum inputHash differs from the terms";
  const t = terms.times;
  if (
    d.submitResultTimeMs !== t.submitResultTimeMs ||
    d.unlockTimeMs !== t.unlockTimeMs ||
    d.externalDisputeUnlockTimeMs !== t.externalDisputeUnlockTimeMs
  )
    return "datum times differ from the terms";
  const value = JSON.parse(lock.value) as { unit: string; amount: string }[];
  const held = new Map(value.map((a) => [a.unit, BigInt(a.amount)]));
  const lovelace = held.get(LOVELACE) ?? 0n;
  // The buyer's min-UTxO deposit rides on top of the price and goes back to the buyer on
  // Withdraw: out of 0..lovelace it would be paid by the seller, or to the buyer from the price.
  if (d.buyerLovelace < 0n) return `datum buyerLovelace ${d.buyerLovelace} is negative`;
  if (d.buyerLovelace > lovelace)
    return `datum buyerLovelace ${d.buyerLovelace} exceeds the ${lovelace} lovelace locked`;
  if (sizing !== null) {
    const need = depositNeed(lock, terms.network, sizing);
    // Below it, a later state's larger datum would need more lovelace than the escrow holds.
    if (d.buyerLovelace < need)
      return `datum buyerLovelace ${d.buyerLovelace} is below the ${need} lovelace the escrow's largest datum needs`;
  }
  held.set(LOVELACE, lovelace - d.buyerLovelace);
  for (const a of terms.amounts) {
    const has = held.get(a.unit) ?? 0n;
    if (has !== a.amount) return `locked ${has} of ${a.unit}, the terms say ${a.amount}`;
    held.delete(a.unit);
  }
  for (const [unit, q] of held)
    if (q !== 0n) return `locked ${q} of ${unit}, which the terms do not name`;
  return null;
}

/**
 * The lovelace a lock's deposit must reach: the minimum UTxO of the escrow's largest datum over
 * the lock's whole value. Remembered per lock and sizing: it serialises an output up to three
 * times, and each lock is judged against every subject carrying its reference on each refresh.
 */
const depositNeeds = memoised(
  (key: string): bigint => {
    const [escrowAddress, coinsPerUtxoSize, id, valueJson, datumCbor] = JSON.parse(key) as [
      string,
      number,
      NetworkId,
      string,
      string,
    ];
    const value = JSON.parse(valueJson) as { unit: string; amount: string }[];
    const d = escrowDatumOf(datumCbor, id);
    const units = value.map((a) => a.unit);
    const amount = value.map((a) => ({ unit: a.unit, quantity: a.amount }));
    return minLovelace(
      escrowAddress,
      amount,
      escrowDatum(largestDatum(d, units)),
      coinsPerUtxoSize,
    );
  },
  2048,
  { share: true },
);

function depositNeed(lock: SeenEvent, network: Network, sizing: LockSizing): bigint {
  const id = networkId(network);
  return depositNeeds(
    JSON.stringify([sizing.escrowAddress, sizing.coinsPerUtxoSize, id, lock.value, lock.datumCbor]),
  );
}

/**
 * Works out ahead the costly part of judging `events`' locks (their deposit needs), so that
 * judging them later, inside the watcher's database transaction, finds it done. On PGlite that
 * transaction holds the one session the API's queries wait for. A lock that cannot be read is
 * skipped here: judging it names its problem.
 */
export function readLocks(
  events: readonly SeenEvent[],
  network: Network,
  sizing: LockSizing,
): void {
  for (const e of events) {
    if (e.kind !== "lock" || e.datumCbor === null) continue;
    try {
      depositNeed(e, network, sizing);
    } catch {
      // Named by lockProblem when the lock is judged.
    }
  }
}

export interface SubjectView {
  state: PaymentState;
  escrowId: string | null;
  invalidReason: string | null;
  resultHash: string | null;
}

/**
 * The state of one payment or purchase from all events of escrows carrying its reference
 * (oldest first). The escrow that pays it is the first lock that matches the terms, or else the
 * first lock (which is then FundsOrDatumInvalid until it ends); with no lock the request state
 * stands (WaitingForFunds, or Expired once the scheduler expired it).
 */
export function subjectView(
  terms: LockTerms,
  requestState: "WaitingForFunds" | "Expired",
  events: readonly SeenEvent[],
  sizing: LockSizing | null = null,
): SubjectView {
  const locks = events.filter((e) => e.kind === "lock");
  if (locks.length === 0)
    return { state: requestState, escrowId: null, invalidReason: null, resultHash: null };
  const judged = locks.map((l) => ({ l, problem: lockProblem(terms, l, sizing) }));
  const chosen = judged.find((j) => j.problem === null) ?? judged[0]!;
  const own = events.filter((e) => e.escrowId === chosen.l.escrowId);
  const latest = own[own.length - 1]!;
  // An end keeps the result the escrow last held.
  const resultHash = latest.resultHash;
  if (chosen.problem !== null) {
    const state = latest.kind === "end" ? (latest.state as PaymentState) : "FundsOrDatumInvalid";
    return { state, escrowId: chosen.l.escrowId, invalidReason: chosen.problem, resultHash };
  }
  return {
    state: latest.state as PaymentState,
    escrowId: chosen.l.escrowId,
    invalidReason: null,
    resultHash,
  };
}
