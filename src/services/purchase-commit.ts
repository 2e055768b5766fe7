/**
 * Storing purchases, a batch per purchasing wallet at a time (group commit). A purchase holds
 * its wallet's lock (`pg_advisory_xact_lock`) while it checks the wallet's funds and writes, so
 * that two cannot promise the same funds, in this process or another. One purchase per lock
 * hold made the wallet's lock the node's intake limit: every purchase paying from a wallet
 * waited for the ones before it, each several round trips long. Now the purchases that arrive
 * while a batch holds the lock wait in this process (src/keyed-batches.ts) and go in the next
 * batch: one lock, one read of the wallet, one insert of them all, one commit.
 *
 * Each purchase of a batch is still checked as if it came alone after those before it: its
 * funds against what the wallet has less its queued locks and the locks accepted before it in
 * the batch, its key's credits and its budgets in a savepoint of its own (so a refused one
 * undoes only its own spending). When the batch fails as a whole (say one purchase's identifier
 * was bought meanwhile, and the insert of them all broke its uniqueness), nothing was written
 * and each purchase is retried alone, so only the faulty one fails. A purchase made in its
 * request's own transaction joins no batch (see commitPurchase).
 */
import { ESCROW_LOCK_KIND } from "../chain/builders/escrow-lock.ts";
import type { UtxoReader } from "../chain/port.ts";
import type { Db } from "../db/client.ts";
import { together } from "../db/together.ts";
import { lockXact } from "../db/advisory.ts";
import { isRequestTx } from "../db/request-tx.ts";
import { intents, purchases } from "../db/schema.ts";
import type { Amount } from "../domain/amounts.ts";
import { KeyedBatches, type Pending } from "../keyed-batches.ts";
import { consumeBudgets } from "./budget-spend.ts";
import { spendCredits, usageLimitedKeys } from "./credits.ts";
import { type IntentRow, intentRowOf } from "./intents.ts";
import {
  type Funding,
  plus,
  QUEUED_LOCKS_MAX,
  rememberQueuedLock,
  type Shortfall,
  shortfalls,
  type Totals,
  walletUnderLock,
  warmWallet,
} from "./purchase-funding.ts";
import { type PurchaseContext, PurchaseError, type PurchaseRow } from "./purchases.ts";

/** A purchase checked and ready to store, waiting for its wallet's next batch. */
export interface QueuedPurchase {
  ctx: PurchaseContext;
  row: PurchaseRow;
  funding: Funding;
  /** The wallet's outputs as the chain reported them, read before the lock. */
  onChain: Awaited<ReturnType<UtxoReader["utxos"]>>;
  coins: number;
  amounts: readonly Amount[];
}

/** Stored with its lock intent, or what the wallet lacks for it (nothing written). */
export type Committed = { lockIntent: IntentRow } | { short: Shortfall[] };

type Outcome = Committed | { refused: unknown };

/**
 * Purchases one batch stores at most: its insert carries two rows each (the purchase and its
 * lock), and its lock hold grows with it while the purchases after it wait.
 */
const BATCH_MAX = 64;

const batches = new KeyedBatches<QueuedPurchase, Committed>(commitBatch, {
  batchMax: BATCH_MAX,
  // As many as the wallet may have locks queued: more could not be stored anyway.
  waitingMax: QUEUED_LOCKS_MAX,
  full: () =>
    new PurchaseError(
      "conflict",
      "Amounts",
      `more than ${QUEUED_LOCKS_MAX} purchases are waiting for this purchasing wallet; try again shortly`,
    ),
});

/** Whether purchases of this process pay from the wallet `walletId` now. */
export function walletBusy(walletId: string): boolean {
  return batches.busy(walletId);
}

/**
 * Stores `p` in its wallet's next batch, or says what the wallet lacks for it. A purchase made
 * in its request's own transaction (a request with an Idempotency-Key: src/api/idempotency.ts)
 * is stored alone, in that transaction, at once. In a batch, the purchases of other requests
 * were written in the first one's transaction: when that request's answer was a refusal, its
 * rollback took them with it though they had answered 200, or theirs took the first's. And it
 * waited behind the wallet's batch in flight while holding its transaction open, which on
 * PGlite (one session) that batch needed: neither could go on.
 */
export async function commitPurchase(p: QueuedPurchase): Promise<Committed> {
  if (!isRequestTx(p.ctx.db)) return batches.submit(p.funding.wallet.id, p);
  const [outcome] = await commitTogether([p]);
  return committed(p, outcome!);
}

async function commitBatch(_walletId: string, batch: Pending<QueuedPurchase, Committed>[]) {
  let outcomes: Outcome[];
  try {
    outcomes = await commitTogether(batch.map((p) => p.item));
  } catch (err) {
    if (batch.length === 1) throw err;
    // Bounded by the batch: each purchase once more, alone.
    for (const p of batch) {
      try {
        settle(p, (await commitTogether([p.item]))[0]!);
      } catch (alone) {
        p.reject(alone);
      }
    }
    return;
  }
  batch.forEach((p, i) => settle(p, outcomes[i]!));
}

function settle(p: Pending<QueuedPurchase, Committed>, outcome: Outcome): void {
  try {
    p.resolve(committed(p.item, outcome));
  } catch (refused) {
    p.reject(refused);
  }
}

/** What `outcome` answers the purchase `item`: a refusal is thrown, a stored lock remembered. */
function committed(item: QueuedPurchase, outcome: Outcome): Committed {
  if ("refused" in outcome) throw outcome.refused;
  if ("lockIntent" in outcome) {
    rememberQueuedLock(outcome.lockIntent.id, item.funding, item.ctx.escrowAddress, item.coins);
  }
  return outcome;
}

/**
 * One transaction under the wallet's lock for all of `items` (one wallet's purchases): each
 * one's outcome, in order. Nothing is written for a purchase that lacks funds or is refused.
 */
async function commitTogether(items: readonly QueuedPurchase[]): Promise<Outcome[]> {
  const first = items[0]!;
  const wallet = first.funding.wallet;
  const nowMs = Math.max(...items.map((i) => i.ctx.nowMs));
  const sizings = new Map(
    items.map((i) => [
      `${i.ctx.escrowAddress}\n${i.coins}`,
      { escrowAddress: i.ctx.escrowAddress, coins: i.coins },
    ]),
  );
  await warmWallet(first.ctx.db, wallet, nowMs, [...sizings.values()]);
  return first.ctx.db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const view = await lockWallet(tx, wallet, nowMs);
    const limited = await usageLimitedKeys(
      tx,
      items.map((i) => i.row.requestedById),
    );
    const outcomes: Outcome[] = [];
    const stored: { row: PurchaseRow; lockIntent: IntentRow }[] = [];
    // The locks accepted before each purchase of the batch, as its queued locks.
    let taken: Totals = new Map();
    for (const item of items) {
      const reserved = plus(await view.reserved(item.ctx.escrowAddress, item.coins), taken);
      const short = shortfalls(item.funding.need, view.spendable(item.onChain), reserved);
      if (short.length > 0) {
        outcomes.push({ short });
        continue;
      }
      const { row } = item;
      if (view.budgetsSet || (row.requestedById != null && limited.has(row.requestedById))) {
        try {
          await tx.transaction(async (spDb) => {
            const sp = spDb as unknown as Db;
            // A usage-limited key pays the escrowed amounts from its credits, with the purchase.
            await spendCredits(sp, row.requestedById, item.amounts);
            // Every budget that applies is consumed here too, or the purchase is refused.
            await consumeBudgets(sp, {
              network: row.network,
              apiKeyId: row.requestedById,
              agentIdentifier: row.agentIdentifier,
              amounts: item.amounts,
              nowMs: item.ctx.nowMs,
            });
          });
        } catch (refused) {
          outcomes.push({ refused });
          continue;
        }
      }
      taken = plus(taken, item.funding.lock);
      const lockIntent = intentRowOf({
        kind: ESCROW_LOCK_KIND,
        walletId: wallet.id,
        subjectId: row.id,
        payload: item.funding.payload,
        nowMs: item.ctx.nowMs,
      });
      stored.push({ row, lockIntent });
      outcomes.push({ lockIntent });
    }
    if (stored.length > 0) {
      // The purchases and their locks in one statement.
      const written = tx.$with("stored_purchases").as(
        tx
          .insert(purchases)
          .values(stored.map((s) => s.row))
          .returning({ id: purchases.id }),
      );
      await tx
        .with(written)
        .insert(intents)
        .values(stored.map((s) => s.lockIntent));
    }
    return outcomes;
  });
}

/**
 * Takes the wallet's purchase lock in `tx` and reads the wallet under it. Sent together, one
 * round trip instead of two, in this order (both reach the connection on the same tick, the lock
 * first). The read is a statement of its own, so under read committed its snapshot is taken
 * once the lock is held: it sees every batch committed before.
 */
async function lockWallet(tx: Db, wallet: Funding["wallet"], nowMs: number) {
  const [, view] = await together(
    lockXact(tx, `purchase:${wallet.id}`),
    walletUnderLock(tx, wallet, nowMs),
  );
  return view;
}

/**
 * What a node just started does once per purchasing wallet before its first buyer (see
 * src/services/warm-path.ts): readies the wallet (warmWallet) and takes its lock and reads it
 * as a batch does, once on each of `connections` pooled connections at a time, writing
 * nothing. The first batches otherwise ran this code and these statements cold, each taking
 * five times as long as later ones while every purchase of the moment waited for them.
 */
export async function rehearseWalletLock(
  db: Db,
  wallet: Funding["wallet"],
  sizing: { escrowAddress: string; coins: number },
  nowMs: number,
  connections: number,
): Promise<void> {
  await warmWallet(db, wallet, nowMs, [sizing]);
  await Promise.all(
    Array.from({ length: connections }, () =>
      db.transaction(async (txDb) => {
        const view = await lockWallet(txDb as unknown as Db, wallet, nowMs);
        await view.reserved(sizing.escrowAddress, sizing.coins);
      }),
    ),
  );
}
