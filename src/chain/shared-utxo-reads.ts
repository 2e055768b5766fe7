/**
 * Reads of a wallet's outputs shared by the requests that ask within a while of one another. A
 * purchase checks its wallet's funds against the chain's outputs; a hundred purchases a second
 * asked the chain a hundred times a second for the same answer, each waiting a round trip on
 * the request path.
 *
 * Now the latest answer serves for up to `STALE_MAX_MS`, and once it is older than
 * `SHARED_FOR_MS` the next caller starts a newer read in the background, so the request path
 * waits on the chain only when the node has no recent answer at all. That is safe for the funds
 * check: the node's own transactions are added under the wallet's lock (src/workers/spendable.ts),
 * and an answer that predates one of them by up to ten minutes is recognised there; a wallet
 * that looks short is read afresh by its caller before it is passed over (purchases.ts), so
 * outside money counts as soon as it is needed. Outside spending of a purchasing wallet (which
 * the node does not expect) shows up at the latest `STALE_MAX_MS` later, and the lock
 * transaction that would have spent those outputs is refused and retried by the lock worker.
 */
import type { Utxo, UtxoQuery, UtxoReader } from "./port.ts";

/** After this long an answer is refreshed in the background (and a read in flight is shared). */
export const SHARED_FOR_MS = 1_000;
/** An answer older than this is not served: the caller waits for a new read. */
export const STALE_MAX_MS = 60_000;
/** Addresses remembered at most (the node's purchasing wallets: a handful). */
const ADDRESSES_MAX = 256;

interface Entry {
  /** The latest answer, timed from when its read started (what it can predate). */
  latest?: { startedAtMs: number; utxos: readonly Utxo[] };
  /** The newest read still running. */
  inFlight?: { startedAtMs: number; answer: Promise<readonly Utxo[]> };
  /** When the newest read started, answered or not: refreshes start a moment apart at most. */
  lastStartMs?: number;
}

/** A sharing reader, and a way past its answer for a caller to whom that answer falls short. */
export interface SharedUtxoReader extends UtxoReader {
  /**
   * A read newer than the answer `utxos` serves now (shared only with a read of the moment that
   * is newer too); its answer then serves the others.
   */
  afresh(address: string, query?: UtxoQuery): Promise<Utxo[]>;
}

const readers = new WeakMap<UtxoReader, SharedUtxoReader>();

/** `chain`'s `utxos`, shared as above (one sharing reader per chain). */
export function sharedUtxoReads(
  chain: UtxoReader,
  nowMs: () => number = Date.now,
): SharedUtxoReader {
  let shared = readers.get(chain);
  if (shared === undefined) {
    shared = createShared(chain, nowMs);
    readers.set(chain, shared);
  }
  return shared;
}

function createShared(chain: UtxoReader, nowMs: () => number): SharedUtxoReader {
  const entries = new Map<string, Entry>();

  /** Starts a read of `key`; its answer becomes the latest unless a newer one already has. */
  function start(key: string, entry: Entry, address: string, query: UtxoQuery, now: number) {
    const read = { startedAtMs: now, answer: chain.utxos(address, query) };
    entry.inFlight = read;
    entry.lastStartMs = now;
    read.answer.then(
      (utxos) => {
        if ((entry.latest?.startedAtMs ?? -Infinity) <= read.startedAtMs) {
          entry.latest = { startedAtMs: read.startedAtMs, utxos };
        }
        if (entry.inFlight === read) entry.inFlight = undefined;
      },
      // A failed read is not shared: the next caller asks again.
      () => {
        if (entry.inFlight === read) entry.inFlight = undefined;
      },
    );
    if (!entries.has(key) && entries.size >= ADDRESSES_MAX) entries.clear();
    entries.set(key, entry);
    return read.answer;
  }

  /**
   * The read of `entry` in flight that a caller may share: one younger than SHARED_FOR_MS (an
   * older one may hang, a chain call that never answers, so it is not waited on).
   */
  function recentRead(entry: Entry, now: number) {
    const read = entry.inFlight;
    return read !== undefined && now - read.startedAtMs < SHARED_FOR_MS ? read : undefined;
  }

  return {
    async utxos(address: string, query: UtxoQuery = {}) {
      const key = `${address}\n${JSON.stringify(query)}`;
      const now = nowMs();
      const entry = entries.get(key) ?? {};
      const recent = recentRead(entry, now);
      const latest = entry.latest;
      if (latest !== undefined && now - latest.startedAtMs < STALE_MAX_MS) {
        if (now - (entry.lastStartMs ?? latest.startedAtMs) >= SHARED_FOR_MS) {
          // Refreshed in the background: its failure is the next caller's concern.
          start(key, entry, address, query, now).catch(() => {});
        }
        return [...latest.utxos];
      }
      const answer = recent?.answer ?? start(key, entry, address, query, now);
      // Each caller its own array; the outputs themselves are read, never changed, by callers.
      return [...(await answer)];
    },

    async afresh(address: string, query: UtxoQuery = {}) {
      const key = `${address}\n${JSON.stringify(query)}`;
      const now = nowMs();
      const entry = entries.get(key) ?? {};
      const recent = recentRead(entry, now);
      const newer =
        recent !== undefined && recent.startedAtMs > (entry.latest?.startedAtMs ?? -Infinity)
          ? recent
          : undefined;
      return [...(await (newer?.answer ?? start(key, entry, address, query, now)))];
    },
  };
}
