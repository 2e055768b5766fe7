/**
 * The escrow watcher: follows the escrow address from a stored checkpoint and turns each of its
 * transactions into escrow events (src/services/escrow-events.ts), then recomputes the payments
 * and purchases those events touch. An idle tick costs one request (the tip). Rollbacks are
 * found by comparing the tips it saw with the chain's blocks at those heights: the events above
 * the fork are forgotten, the node's own transactions above it are reopened (so the submitter
 * sends them again), and reading resumes from the fork. No manual step.
 */
import { eq } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import { networkId } from "../chain/network.ts";
import type { BlockInfo, ChainPort, Checkpoint } from "../chain/port.ts";
import type { Db } from "../db/client.ts";
import { together } from "../db/together.ts";
import { watchCheckpoints } from "../db/schema.ts";
import type { Log } from "../log.ts";
import {
  deriveEvents,
  escrowsAtOutRefs,
  forgetAbove,
  saveEvents,
  type EscrowEvent,
} from "../services/escrow-events.ts";
import { readLocks, type LockSizing } from "../domain/escrow-match.ts";
import {
  applyRefresh,
  prepareRefresh,
  refreshSubjects,
  StaleRefresh,
} from "../services/escrow-subjects.ts";
import { chainUsageEvents, writeUsageEvents } from "../services/usage-events.ts";
import type { TickResult } from "./loop.ts";
import { markConfirmed, reopenAbove } from "./tx-tracking.ts";

export interface EscrowWatcherDeps {
  db: Db;
  chain: Pick<ChainPort, "tip" | "block" | "addressTxsSince" | "txUtxos">;
  network: Network;
  escrowAddress: string;
  /** The ledger's min-UTxO price per byte: a lock whose deposit cannot pay it is invalid. */
  coinsPerUtxoSize: () => Promise<number>;
  log: Log;
  nowMs: () => number;
  /** Transactions read per tick; the rest follow in the next (default 200). */
  txsPerTickMax?: number;
}

/** Tips remembered to find a fork point; a deeper rollback rereads the address from the start. */
export const RECENT_TIPS_MAX = 64;

interface TipMark {
  height: number;
  hash: string;
}

interface Position {
  since: Checkpoint | null;
  recentTips: TipMark[];
}

/**
 * A checkpoint that resumes right after every transaction of block `height`. No block holds a
 * million transactions, and the devnet's `from` cursor takes an index of at most six digits.
 */
const afterBlock = (height: number): Checkpoint | null =>
  height < 0 ? null : { height, index: 999_999 };

/** What the lock check sizes deposits with (read before a database transaction opens). */
async function lockSizing(deps: EscrowWatcherDeps): Promise<LockSizing> {
  return { escrowAddress: deps.escrowAddress, coinsPerUtxoSize: await deps.coinsPerUtxoSize() };
}

/** Builds the watcher's tick; run it in a worker loop. */
export function createEscrowWatcher(deps: EscrowWatcherDeps): { tick: () => Promise<TickResult> } {
  const name = `escrow:${deps.escrowAddress}`;
  const txsMax = deps.txsPerTickMax ?? 200;

  async function tick(): Promise<TickResult> {
    const tip = await deps.chain.tip();
    let pos = await loadPosition(deps.db, name);
    if (pos.recentTips[0]?.hash === tip.hash) return { more: false };
    const sizing = await lockSizing(deps);
    const fork = await findFork(deps, pos.recentTips, tip);
    if (fork !== null) pos = await rollBack(deps, name, pos, fork);

    let since = pos.since;
    let read = 0;
    let more = false;
    let ahead = false;
    while (read < txsMax && !ahead) {
      const page = await deps.chain.addressTxsSince(deps.escrowAddress, since, {
        txsMax: Math.min(100, txsMax - read),
      });
      for (const tx of page.txs) {
        // The address history may run ahead of the tip read above; the next tick takes it.
        if (tx.blockHeight > tip.height) {
          ahead = true;
          break;
        }
        const utxos = await deps.chain.txUtxos(tx.txHash);
        // Listed but gone: rolled back between the two reads; the next tick sees the fork.
        if (utxos === null) return { more: true };
        const spent = await escrowsAtOutRefs(deps.db, deps.network, utxos.inputs);
        const events = deriveEvents({
          network: deps.network,
          networkId: networkId(deps.network),
          escrowAddress: deps.escrowAddress,
          tx,
          utxos,
          spent,
        });
        since = { height: tx.blockHeight, index: tx.txIndex };
        const position = { since, recentTips: pos.recentTips };
        readLocks(events, deps.network, sizing);
        // The events of a few references at a time, with the states they imply and their usage
        // events (see recordTx); the checkpoint and the transaction's confirmation go with the
        // last part, so a crash before it moves nothing past a change no row shows: the whole
        // transaction is read again and every part of it is written once (events, states and
        // usage events are keyed by what caused them).
        const parts = evenParts(
          [...new Set(events.map((e) => e.reference))],
          REFERENCES_PER_COMMIT_MAX,
        );
        for (const [i, refs] of parts.entries()) {
          const inPart = new Set(refs);
          const partEvents = events.filter((e) => inPart.has(e.reference));
          const last = i === parts.length - 1;
          await recordTx(deps, partEvents, refs, sizing, (db, nowMs) => [
            saveEvents(db, partEvents),
            ...(last
              ? [
                  markConfirmed(db, tx.txHash, tx.blockHeight, nowMs),
                  savePosition(db, name, position, nowMs),
                ]
              : []),
          ]);
        }
        read++;
      }
      more = page.more && !ahead;
      if (!more || page.txs.length === 0) break;
    }
    if (!more) {
      // Caught up to the tip: remember it, so an idle tick is one request and a fork is found.
      const recentTips = [
        { height: tip.height, hash: tip.hash },
        ...pos.recentTips.filter((t) => t.height < tip.height),
      ].slice(0, RECENT_TIPS_MAX);
      pos = { since, recentTips };
      await savePosition(deps.db, name, pos, deps.nowMs());
    }
    return { more };
  }
  return { tick };
}

/**
 * References whose events, states and usage events one database transaction writes at most. On
 * PGlite that transaction holds the one session every API query waits for, about 0.8 ms a
 * reference when busy: a lock transaction of fifty purchases written at once held it 35-90 ms,
 * the longest wait of the payment requests that came meanwhile.
 */
const REFERENCES_PER_COMMIT_MAX = 16;

/** `items` in order, in as few parts of at most `max` as can be, nearly even; never none. */
export function evenParts<T>(items: readonly T[], max: number): T[][] {
  const count = Math.max(1, Math.ceil(items.length / max));
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** How many times a block's transaction is worked out again when a row changed meanwhile. */
const STALE_RETRIES_MAX = 3;

/**
 * Commits events of one chain transaction (a part of them: see REFERENCES_PER_COMMIT_MAX) with
 * the states they imply and their usage events (the outbox: each change's usage events commit
 * with the change, issue 12), plus `writes`. On PGlite this database transaction holds the one
 * session every API query waits for, so everything costly happens before it opens: the locks'
 * reading (readLocks, by the caller), the refresh's reads and the working out of states and
 * usage events. Inside, every statement goes out in one round trip. A row changed between the
 * reads and the writes (an expiry) rolls the transaction back and the refresh is worked out
 * again, a bounded number of times.
 */
async function recordTx(
  deps: EscrowWatcherDeps,
  events: readonly EscrowEvent[],
  refs: readonly string[],
  sizing: LockSizing,
  writes: (db: Db, nowMs: number) => Promise<unknown>[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const nowMs = deps.nowMs();
    const prepared = await prepareRefresh(deps.db, deps.network, refs, events, nowMs, sizing);
    const usage = chainUsageEvents(deps.network, events, prepared.subjects, nowMs);
    try {
      await deps.db.transaction(async (txDb) => {
        const db = txDb as unknown as Db;
        await together(
          ...writes(db, nowMs),
          applyRefresh(db, prepared, nowMs),
          writeUsageEvents(db, usage, nowMs),
        );
      });
      return;
    } catch (e) {
      if (!(e instanceof StaleRefresh) || attempt >= STALE_RETRIES_MAX) throw e;
    }
  }
}

/**
 * The height of the newest remembered tip still on the chain when the chain moved on from the
 * latest one by another branch; null when there was no rollback; -1 when none survives.
 */
async function findFork(
  deps: EscrowWatcherDeps,
  recentTips: TipMark[],
  tip: BlockInfo,
): Promise<number | null> {
  const last = recentTips[0];
  if (last === undefined) return null;
  // The common case, one block on from the last tip: no read needed.
  if (tip.previousHash === last.hash) return null;
  if (tip.height >= last.height) {
    const b = await deps.chain.block(last.height);
    if (b?.hash === last.hash) return null;
  }
  for (const t of recentTips) {
    if (t.height > tip.height) continue;
    const b = await deps.chain.block(t.height);
    if (b?.hash === t.hash) return t.height;
  }
  return -1;
}

async function rollBack(
  deps: EscrowWatcherDeps,
  name: string,
  pos: Position,
  fork: number,
): Promise<Position> {
  const nowMs = deps.nowMs();
  const at = Math.max(fork, -1);
  const sizing = await lockSizing(deps);
  // One transaction: a crash leaves the rollback wholly done or not begun (and found again).
  const { touched, reopened } = await deps.db.transaction(async (txDb) => {
    const db = txDb as unknown as Db;
    const refs = await forgetAbove(db, deps.network, at);
    await savePosition(
      db,
      name,
      { since: afterBlock(at), recentTips: pos.recentTips.filter((t) => t.height <= at) },
      nowMs,
    );
    const count = await reopenAbove(db, at, nowMs);
    await refreshSubjects(db, deps.network, refs, nowMs, sizing);
    return { touched: refs, reopened: count };
  });
  deps.log(
    `escrow-watcher: rollback to height ${at}: ${touched.length} escrow reference(s) recomputed, ${reopened} own transaction(s) reopened`,
  );
  return loadPosition(deps.db, name);
}

async function loadPosition(db: Db, name: string): Promise<Position> {
  const [row] = await db.select().from(watchCheckpoints).where(eq(watchCheckpoints.name, name));
  if (!row) return { since: null, recentTips: [] };
  return {
    since: row.height < 0 ? null : { height: row.height, index: row.txIndex },
    recentTips: JSON.parse(row.recentTips) as TipMark[],
  };
}

async function savePosition(db: Db, name: string, pos: Position, nowMs: number): Promise<void> {
  const values = {
    height: pos.since?.height ?? -1,
    txIndex: pos.since?.index ?? 0,
    recentTips: JSON.stringify(pos.recentTips),
    updatedAtMs: nowMs,
  };
  await db
    .insert(watchCheckpoints)
    .values({ name, ...values })
    .onConflictDoUpdate({ target: watchCheckpoints.name, set: values });
}
