/**
 * The deadlines nobody else acts on, as the peer's node does: a request nobody paid expires, a
 * seller withdraws once unlockTime has passed, a buyer takes a refund once submitResultTime has
 * passed without a result (or at once when the seller authorized it). Each rule waits `graceMs`
 * past its deadline (chain time lags wall time, and a transaction confirmed just before the
 * deadline may reach the watcher minutes later) and then asks through the same request function
 * as the API, so it refuses what the API would refuse.
 *
 * Each tick is bounded; each rule's query skips, in SQL, the subjects that already have an
 * action pending, so a tick run twice queues nothing twice and skipped rows never crowd out the
 * rest. A failed automatic action is tried again after `retryAfterMs`, at most `retriesMax` times
 * in all; after that it is left for a person (the view shows the error).
 *
 * A subscription period (the terms say autoRelease) ends without a result: its seller withdraws
 * from FundsLocked once unlockTime has passed, and its buyer gets no refund without asking first,
 * as the script rules (the subject's autoRelease is its terms', which the lock check holds the
 * datum to). A claimed escrow needs nothing here: the Withdraw's builder pays the claim's split.
 *
 * A metered purchase's buyer disputes a claim above what its recorded usage allows under the
 * agreed price sheet (services/claim-disputes.ts), before unlockTime, for the admins to resolve.
 *
 * An action refused only for the time (the tip, which the validity window starts from, not yet
 * past unlockTime) does not fail: the submitter defers it to the time the chain allows and tries
 * it then (workers/retry-timing.ts). What fails is what time alone does not mend (a transaction
 * refused again and again, an escrow the watcher has not caught up with), and a few minutes
 * later the chain has moved on by several blocks: hence a short wait, not half an hour.
 */
import {
  and,
  asc,
  eq,
  getTableName,
  gt,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { ESCROW_ACTION_KIND } from "../chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../chain/builders/escrow-lock.ts";
import type { WalletAction } from "../chain/escrow/action-payload.ts";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { intents, payments, purchases } from "../db/schema.ts";
import { SCHEDULER_MARGIN_MS } from "../domain/payment-times.ts";
import type { Log } from "../log.ts";
import {
  ACTION_KINDS,
  EscrowActionError,
  requestAction,
  type SubjectKind,
} from "../services/escrow-actions.ts";
import { claimDisputeReason } from "../services/claim-disputes.ts";
import { expiryUsageEvents } from "../services/usage-events.ts";
import type { TickResult } from "./loop.ts";

/** The least time before unlockTime a dispute is still asked for: its transaction must land. */
const DISPUTE_LEAD_MS = 2 * 60_000;

/** How long after an automatic action failed it is tried again, by default: 2 minutes. */
export const RETRY_AFTER_MS_DEFAULT = 2 * 60_000;

export interface EscrowSchedulerOptions {
  db: Db;
  network: Network;
  nowMs: () => number;
  log: Log;
  /** How long past a deadline each rule waits. */
  graceMs?: number;
  /** The most subjects one tick expires or acts on, over all rules. */
  subjectsPerTickMax?: number;
  /** How long after an automatic action failed it is tried again. */
  retryAfterMs?: number;
  /** The most failed automatic tries of one action on one subject. */
  retriesMax?: number;
}

export interface EscrowScheduler {
  tick(): Promise<TickResult>;
}

/** One rule: handles at most `limit` subjects and returns how many it took up. */
type Rule = (nowMs: number, limit: number) => Promise<number>;

interface Candidate {
  id: string;
  /** For the log: every line about a payment names it. */
  blockchainIdentifier: string;
  failures: number;
}

/** Creates the scheduler; the node runs `tick` in a loop. */
export function createEscrowScheduler({
  db,
  network,
  nowMs,
  log,
  graceMs = SCHEDULER_MARGIN_MS,
  subjectsPerTickMax = 500,
  retryAfterMs = RETRY_AFTER_MS_DEFAULT,
  retriesMax = 3,
}: EscrowSchedulerOptions): EscrowScheduler {
  if (!(subjectsPerTickMax >= 1)) throw new Error("escrow scheduler: subjectsPerTickMax < 1");
  if (!(retriesMax >= 1)) throw new Error("escrow scheduler: retriesMax < 1");
  const blocks = { retryAfterMs, retriesMax };

  /** Asks for `action` on each candidate; a refusal (a race with the chain) is logged. */
  const act = async (kind: SubjectKind, action: WalletAction, found: Candidate[], at: number) => {
    for (const { id, blockchainIdentifier, failures } of found) {
      if (failures === retriesMax - 1 && failures > 0)
        log(`escrow-scheduler: ${action} on ${kind} ${id}: last automatic try`, {
          blockchainIdentifier,
        });
      try {
        await requestAction(db, { subject: { kind, id }, action, nowMs: at });
      } catch (err) {
        if (!(err instanceof EscrowActionError)) throw err;
        log(`escrow-scheduler: ${action} on ${kind} ${id} not queued: ${err.message}`, {
          blockchainIdentifier,
        });
      }
    }
    return found.length;
  };

  const rules: Rule[] = [
    (at, limit) => expirePayments(db, network, at - graceMs, at, limit),
    (at, limit) => expirePurchases(db, network, at - graceMs, at, limit),
    async (at, limit) => {
      const found = await withdrawable(db, network, { at, graceMs, limit, ...blocks });
      return act("payment", "Withdraw", found, at);
    },
    async (at, limit) => {
      const found = await refundable(db, network, { at, graceMs, limit, ...blocks });
      return act("purchase", "WithdrawRefund", found, at);
    },
    async (at, limit) => {
      const found = await claimsToJudge(db, network, { at, graceMs, limit, ...blocks });
      const disputed: Candidate[] = [];
      for (const row of found) {
        const why = await claimDisputeReason(db, network, row);
        if (why === null) continue;
        log(`escrow-scheduler: disputing purchase ${row.id}: ${why}`, {
          blockchainIdentifier: row.blockchainIdentifier,
        });
        disputed.push(row);
      }
      return act("purchase", "RequestRefund", disputed, at);
    },
  ];

  return {
    async tick() {
      const at = nowMs();
      let budget = subjectsPerTickMax;
      for (const rule of rules) {
        budget -= await rule(at, budget);
        // A rule that used the whole budget may have left work; the next tick follows at once.
        if (budget <= 0) return { more: true };
      }
      return { more: false };
    },
  };
}

/** Payment requests unpaid at `dueMs` (payByTime + grace) become Expired; returns how many. */
async function expirePayments(db: Db, network: Network, dueMs: number, at: number, limit: number) {
  const unpaid = and(eq(payments.state, "WaitingForFunds"), isNull(payments.escrowId));
  const due = db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.network, network), unpaid, lte(payments.payByTimeMs, dueMs)))
    .orderBy(asc(payments.payByTimeMs), asc(payments.id))
    .limit(limit);
  // The state is checked again by the update itself: the watcher may have seen a lock since.
  // The expiry and its usage events commit together (the outbox, issue 12).
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const done = await tx
      .update(payments)
      .set({ state: "Expired", updatedAtMs: at })
      .where(and(inArray(payments.id, due), unpaid))
      .returning({ id: payments.id });
    await expiryUsageEvents(
      tx,
      network,
      "seller",
      done.map((d) => d.id),
      at,
    );
    return done.length;
  });
}

/**
 * Purchases unpaid at `dueMs` become Expired, unless their lock is still queued or in a
 * transaction (its validity window decides). Expiring one whose lock did land is harmless:
 * the watcher judges a lock by its block time, not by this state.
 */
async function expirePurchases(db: Db, network: Network, dueMs: number, at: number, limit: number) {
  const unpaid = and(eq(purchases.state, "WaitingForFunds"), isNull(purchases.escrowId));
  const lockPending = sql`exists (select 1 from ${intents}
    where ${col(intents.subjectId)} = ${col(purchases.id)}
    and ${col(intents.kind)} = ${ESCROW_LOCK_KIND} and ${col(intents.status)} in ('queued', 'in_tx'))`;
  const due = db
    .select({ id: purchases.id })
    .from(purchases)
    .where(
      and(
        eq(purchases.network, network),
        unpaid,
        lte(purchases.payByTimeMs, dueMs),
        sql`not ${lockPending}`,
      ),
    )
    .orderBy(asc(purchases.payByTimeMs), asc(purchases.id))
    .limit(limit);
  // The expiry and its usage events commit together (the outbox, issue 12).
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const done = await tx
      .update(purchases)
      .set({ state: "Expired", updatedAtMs: at })
      .where(and(inArray(purchases.id, due), unpaid))
      .returning({ id: purchases.id });
    await expiryUsageEvents(
      tx,
      network,
      "buyer",
      done.map((d) => d.id),
      at,
    );
    return done.length;
  });
}

interface Query {
  at: number;
  graceMs: number;
  limit: number;
  retryAfterMs: number;
  retriesMax: number;
}

/**
 * A column with its table's name, wherever it is used: drizzle leaves columns unqualified in a
 * select list, where `subject_id = id` inside a subquery would compare two columns of intents.
 */
function col(column: PgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/** How often `action` failed on the subject whose id is in `id`. */
function failuresOf(id: PgColumn, action: WalletAction): SQL<number> {
  return sql<number>`(select count(*)::int from ${intents} where ${col(intents.subjectId)} = ${col(id)}
    and ${col(intents.kind)} = ${ESCROW_ACTION_KIND} and ${col(intents.status)} = 'failed'
    and ${col(intents.payload)}::jsonb ->> 'action' = ${action})`;
}

/**
 * Whether the scheduler leaves the subject alone: an action is pending on it, or `action`
 * already landed (the watcher has not caught up yet), or failed too recently or too often.
 */
function leftAlone(id: PgColumn, action: WalletAction, q: Query): SQL {
  const kinds = sql.join(
    ACTION_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const same = sql`${col(intents.payload)}::jsonb ->> 'action' = ${action}`;
  const recent = sql`${col(intents.updatedAtMs)} > ${q.at - q.retryAfterMs}`;
  return sql`(exists (select 1 from ${intents} where ${col(intents.subjectId)} = ${col(id)}
    and ${col(intents.kind)} in (${kinds})
    and (${col(intents.status)} in ('queued', 'in_tx')
      or (${same} and (${col(intents.status)} = 'done' or ${recent}))))
    or ${failuresOf(id, action)} >= ${q.retriesMax})`;
}

/**
 * Metered purchases with a result to judge: a price sheet and recorded usage, before unlockTime
 * (less the time a transaction needs to land; RequestRefund is refused after it).
 */
async function claimsToJudge(db: Db, network: Network, q: Query) {
  return db
    .select({
      id: purchases.id,
      blockchainIdentifier: purchases.blockchainIdentifier,
      failures: failuresOf(purchases.id, "RequestRefund"),
      escrowId: purchases.escrowId,
      priceSheet: purchases.priceSheet,
      reportedUsage: purchases.reportedUsage,
      amounts: purchases.amounts,
    })
    .from(purchases)
    .where(
      and(
        eq(purchases.network, network),
        eq(purchases.state, "ResultSubmitted"),
        isNotNull(purchases.escrowId),
        isNotNull(purchases.priceSheet),
        isNotNull(purchases.reportedUsage),
        gt(purchases.unlockTimeMs, q.at + DISPUTE_LEAD_MS),
        sql`not ${leftAlone(purchases.id, "RequestRefund", q)}`,
      ),
    )
    .orderBy(asc(purchases.unlockTimeMs), asc(purchases.id))
    .limit(q.limit);
}

/**
 * Payments whose seller may withdraw once unlockTime + grace passed: a result submitted, or a
 * subscription (autoRelease) still in FundsLocked.
 */
async function withdrawable(db: Db, network: Network, q: Query): Promise<Candidate[]> {
  return db
    .select({
      id: payments.id,
      blockchainIdentifier: payments.blockchainIdentifier,
      failures: failuresOf(payments.id, "Withdraw"),
    })
    .from(payments)
    .where(
      and(
        eq(payments.network, network),
        or(
          and(eq(payments.state, "ResultSubmitted"), isNotNull(payments.resultHash)),
          and(eq(payments.state, "FundsLocked"), eq(payments.autoRelease, true)),
        ),
        isNotNull(payments.escrowId),
        lte(payments.unlockTimeMs, q.at - q.graceMs),
        sql`not ${leftAlone(payments.id, "Withdraw", q)}`,
      ),
    )
    .orderBy(asc(payments.unlockTimeMs), asc(payments.id))
    .limit(q.limit);
}

/**
 * Purchases whose buyer may take the refund: no result by submitResultTime + grace (locked,
 * refund requested, or an invalid lock), or a refund the seller authorized (at once). A
 * subscription's buyer (autoRelease) must ask first: from FundsLocked the period pays the seller.
 */
async function refundable(db: Db, network: Network, q: Query): Promise<Candidate[]> {
  const unanswered = and(
    or(
      and(eq(purchases.state, "FundsLocked"), eq(purchases.autoRelease, false)),
      inArray(purchases.state, ["RefundRequested", "FundsOrDatumInvalid"]),
    ),
    isNull(purchases.resultHash),
    lte(purchases.submitResultTimeMs, q.at - q.graceMs),
  );
  return db
    .select({
      id: purchases.id,
      blockchainIdentifier: purchases.blockchainIdentifier,
      failures: failuresOf(purchases.id, "WithdrawRefund"),
    })
    .from(purchases)
    .where(
      and(
        eq(purchases.network, network),
        or(unanswered, eq(purchases.state, "RefundAuthorized")),
        isNotNull(purchases.escrowId),
        sql`not ${leftAlone(purchases.id, "WithdrawRefund", q)}`,
      ),
    )
    .orderBy(asc(purchases.submitResultTimeMs), asc(purchases.id))
    .limit(q.limit);
}
