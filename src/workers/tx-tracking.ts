/**
 * Following the node's own transactions after they are recorded: submitting them (again after
 * a crash or an unclear answer: the same bytes, which is harmless if they landed), watching them
 * into a block, and putting their intents back in the queue when they can no longer land.
 */
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { together } from "../db/together.ts";
import { chainTxs, intents } from "../db/schema.ts";
import { ChainError, TxRejectedError } from "../chain/errors.ts";
import type { ChainPort } from "../chain/port.ts";
import type { Log } from "../log.ts";
import { countTransaction } from "../observability/metrics.ts";

export interface TrackingDeps {
  db: Db;
  chain: ChainPort;
  log: Log;
  nowMs: () => number;
  attemptsMax?: number;
  /** How long a submitted transaction waits between status checks. */
  statusPollMs?: number;
  /** How many transactions one reconcile pass looks at. */
  txsPerPassMax?: number;
}

type TxRow = typeof chainTxs.$inferSelect;

/** A transaction as its row was last read: what a claim compares against. */
export type Recorded = Pick<TxRow, "txHash" | "status" | "updatedAtMs">;

/**
 * Takes a transaction for one send or status check, so that of several processes sharing the
 * database exactly one acts on it: a compare-and-set on the row as it was read. The winner moves
 * `updatedAtMs` on (and counts the send), so everyone else's compare fails and they skip it.
 */
async function claim(
  deps: TrackingDeps,
  seen: Recorded,
  send: boolean,
): Promise<TxRow | undefined> {
  const [row] = await deps.db
    .update(chainTxs)
    .set({
      updatedAtMs: Math.max(deps.nowMs(), seen.updatedAtMs + 1),
      ...(send ? { submitAttempts: sql`${chainTxs.submitAttempts} + 1` } : {}),
    })
    .where(
      and(
        eq(chainTxs.txHash, seen.txHash),
        eq(chainTxs.status, seen.status),
        eq(chainTxs.updatedAtMs, seen.updatedAtMs),
      ),
    )
    .returning();
  return row;
}

/**
 * Submits a recorded transaction and notes the outcome, unless another process claimed it
 * first. Only a refusal of the very first send is taken as final: a later send may be refused
 * because an earlier one landed or waits in a mempool (its inputs are spent), so such a
 * transaction is left to its validity interval to decide (see reconcile). Transport trouble
 * leaves it for the next reconcile pass.
 */
export async function submitRecorded(deps: TrackingDeps, seen: Recorded): Promise<void> {
  const row = await claim(deps, seen, true);
  if (!row) return;
  const txHash = row.txHash;
  try {
    await deps.chain.submitTx(row.cbor);
    await setTx(deps.db, txHash, { status: "submitted", lastError: null }, deps.nowMs());
    countTransaction("submitted", row.kind);
  } catch (err) {
    if (!(err instanceof ChainError)) throw err;
    const conclusive =
      err instanceof TxRejectedError &&
      !err.afterAmbiguousAttempt &&
      row.submitAttempts === 1 &&
      // Built on a transaction of ours not yet in a block: the ledger may not have that one yet
      // (a process died between recording and sending it; reconcile sends it later), so its
      // outputs are missing for now. Sent again once it has landed, this one can still land.
      !(await parentsOf(deps.db, row)).some((p) => p === "signed" || p === "submitted");
    if (conclusive) return refuse(deps, row, (err as TxRejectedError).reason);
    const status = err instanceof TxRejectedError ? "submitted" : row.status;
    await setTx(deps.db, txHash, { status, lastError: err.message }, deps.nowMs());
    deps.log(
      `submitter: ${txHash} send ${row.submitAttempts} not accepted (${err.message}); watching it`,
    );
  }
}

/** One pass over unfinished transactions; returns whether more were waiting than it looked at. */
export async function reconcileTxs(deps: TrackingDeps): Promise<{ more: boolean }> {
  const nowMs = deps.nowMs();
  const limit = deps.txsPerPassMax ?? 50;
  const rows = await deps.db
    .select()
    .from(chainTxs)
    // A transaction is due once untouched for a poll interval: a signed one whose send another
    // process has just claimed (and may have in flight) is left to it; one whose sender died
    // before sending is taken up after the interval.
    .where(
      and(
        inArray(chainTxs.status, ["signed", "submitted"]),
        lte(chainTxs.updatedAtMs, nowMs - (deps.statusPollMs ?? 2_000)),
      ),
    )
    // Oldest first; after a rollback reopens many at once, in the order they were made, so a
    // transaction goes out before one that spends its outputs.
    .orderBy(asc(chainTxs.updatedAtMs), asc(chainTxs.createdAtMs))
    .limit(limit + 1);
  if (rows.length === 0) return { more: false };
  const tip = await deps.chain.tip();
  for (const row of rows.slice(0, limit)) await reconcileOne(deps, row, tip.slot);
  return { more: rows.length > limit };
}

async function reconcileOne(deps: TrackingDeps, seen: TxRow, tipSlot: number): Promise<void> {
  const row = await claim(deps, seen, false);
  if (!row) return;
  const status = await deps.chain.txStatus(row.txHash);
  const nowMs = deps.nowMs();
  switch (status.kind) {
    case "confirmed":
      await deps.db.transaction(async (tx) =>
        markConfirmed(tx as unknown as Db, row.txHash, status.blockHeight, nowMs),
      );
      return;
    case "failed":
      await refuse(deps, row, "its scripts failed in the block (collateral taken)");
      return;
    case "pending":
      await setTx(deps.db, row.txHash, { status: "submitted" }, nowMs);
      return;
    case "notFound":
      // Past its validity interval it can never land, nor once a transaction whose outputs it
      // spends was refused or expired: build the intents anew.
      if (tipSlot > row.invalidHereafterSlot) return expire(deps, row);
      if ((await parentsOf(deps.db, row)).some((p) => p === "refused" || p === "expired"))
        return expire(deps, row, "a transaction whose outputs it spends will not land");
      return submitRecorded(deps, row);
  }
}

/**
 * Records that a transaction of this node is in a block at `blockHeight`, and its intents done.
 * Called by reconcile, and by the escrow watcher when it reads the transaction first (which
 * spares reconcile the status request). Harmless for a transaction that is not the node's.
 */
export async function markConfirmed(
  db: Db,
  txHash: string,
  blockHeight: number,
  nowMs: number,
): Promise<void> {
  // Independent: sent together, one round trip.
  const [confirmed] = await together(
    db
      .update(chainTxs)
      .set({ status: "confirmed", blockHeight, updatedAtMs: nowMs })
      .where(and(eq(chainTxs.txHash, txHash), inArray(chainTxs.status, ["signed", "submitted"])))
      .returning({ kind: chainTxs.kind }),
    db
      .update(intents)
      .set({ status: "done", updatedAtMs: nowMs })
      .where(and(eq(intents.txHash, txHash), eq(intents.status, "in_tx"))),
  );
  for (const tx of confirmed) countTransaction("confirmed", tx.kind);
}

/** The statuses of the node's own transactions whose outputs `row` spends (none: []). */
async function parentsOf(db: Db, row: TxRow): Promise<string[]> {
  const hashes = [...new Set(row.spentInputs.map((ref) => ref.slice(0, ref.indexOf("#"))))];
  if (hashes.length === 0) return [];
  const parents = await db
    .select({ status: chainTxs.status })
    .from(chainTxs)
    .where(inArray(chainTxs.txHash, hashes));
  return parents.map((p) => p.status);
}

async function setTx(db: Db, txHash: string, fields: Partial<TxRow>, nowMs: number) {
  await db
    .update(chainTxs)
    .set({ ...fields, updatedAtMs: nowMs })
    .where(eq(chainTxs.txHash, txHash));
}

/** The ledger refused the transaction: requeue its intents, or fail them after too many tries. */
async function refuse(deps: TrackingDeps, row: TxRow, reason: string): Promise<void> {
  deps.log(`submitter: ${row.txHash} refused: ${reason}`);
  await release(deps, row, "refused", reason);
}

async function expire(
  deps: TrackingDeps,
  row: TxRow,
  reason = "expired before it reached a block",
): Promise<void> {
  deps.log(`submitter: ${row.txHash} will not land (${reason}); its intents go back to the queue`);
  await release(deps, row, "expired", reason);
}

async function release(
  deps: TrackingDeps,
  row: TxRow,
  status: "refused" | "expired",
  reason: string,
) {
  const nowMs = deps.nowMs();
  countTransaction(status, row.kind);
  const attemptsMax = deps.attemptsMax ?? 5;
  await deps.db.transaction(async (txDb) => {
    const db = txDb as unknown as Db;
    await setTx(db, row.txHash, { status, lastError: reason }, nowMs);
    const carried = await db
      .select({ id: intents.id, attempts: intents.attempts })
      .from(intents)
      .where(and(eq(intents.txHash, row.txHash), eq(intents.status, "in_tx")));
    const ids = carried.map((c) => c.id);
    if (ids.length === 0) return;
    await db
      .update(intents)
      .set({
        status: sql`case when ${intents.attempts} + 1 >= ${attemptsMax} then 'failed' else 'queued' end`,
        attempts: sql`${intents.attempts} + 1`,
        txHash: null,
        lastError: reason,
        updatedAtMs: nowMs,
      })
      .where(inArray(intents.id, ids));
  });
}

/**
 * After a rollback to `height`: the node's transactions confirmed above it are no longer in a
 * block. They go back to `submitted` (their intents back to `in_tx`), so reconcile resubmits the
 * same bytes while they can still land, or requeues their intents once they cannot.
 */
export async function reopenAbove(db: Db, height: number, nowMs: number): Promise<number> {
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const reopened = await tx
      .update(chainTxs)
      .set({ status: "submitted", blockHeight: null, updatedAtMs: 0 })
      .where(and(eq(chainTxs.status, "confirmed"), gt(chainTxs.blockHeight, height)))
      .returning({ txHash: chainTxs.txHash });
    const hashes = reopened.map((r) => r.txHash);
    if (hashes.length > 0)
      await tx
        .update(intents)
        .set({ status: "in_tx", updatedAtMs: nowMs })
        .where(and(inArray(intents.txHash, hashes), eq(intents.status, "done")));
    return hashes.length;
  });
}
