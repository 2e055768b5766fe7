/**
 * Reads of a wallet's outputs shared by the requests that ask within a moment of one another. A
 * purchase checks its wallet's funds against the chain's outputs; a hundred purchases a second
 * asked the chain a hundred times a second for the same answer, each waiting a round trip on
 * the request path. Now a read started less than `SHARED_FOR_MS` ago (finished or still in
 * flight) is the answer. That is safe for the funds check: the node's own transactions are
 * added under the wallet's lock (src/workers/spendable.ts), and an answer that predates one of
 * them is recognised there; outside money shows up a moment later, as it would a block later.
 *
 * Past that moment the last answer still serves, up to `STALE_MAX_MS` old, while one read
 * renews it behind: before, once a second the purchases of the moment waited for a round trip to
 * the chain (Blockfrost, or the devnet's API, busy with the node's own batched transactions),
 * and nothing on the request path should wait for the chain. An older answer is the lagging
 * index spendable.ts already allows for; a wallet that looks short is read afresh, not from
 * here (src/services/purchases.ts), so money just come in is not missed.
 */
import type { Utxo, UtxoQuery, UtxoReader } from "./port.ts";

/** How long one read of an address answers for. */
export const SHARED_FOR_MS = 1_000;
/**
 * How old an answer may serve while its renewal is out: long enough that purchases after a
 * pause of minutes (and the first ones after boot, which reads each purchasing wallet once) do
 * not wait for the chain, and shorter than the time spendable.ts still sets a confirmed
 * transaction of the node's against an answer (CONFIRMED_SPENT_GRACE_MS), so that an answer
 * from before one of them is still recognised as such.
 */
export const STALE_MAX_MS = 5 * 60_000;
/** Addresses remembered at most (the node's purchasing wallets: a handful). */
const ADDRESSES_MAX = 256;

/** `utxos` shared as above, and a way to ask for an answer no older than a moment. */
export interface SharedUtxoReader extends UtxoReader {
  /** This reader's clock: the moments `utxosSince` is given. */
  nowMs(): number;
  /**
   * An answer from a read started at `sinceMs` or later: the one in flight or last made if it
   * is that recent, else a new one. A purchase that finds its wallet short asks for one started
   * after it first looked, so the purchases of a moment that all look short (money come in
   * since the answer they shared) wait for one read together, not one each.
   */
  utxosSince(address: string, sinceMs: number, query?: UtxoQuery): Promise<Utxo[]>;
}

const readers = new WeakMap<UtxoReader, SharedUtxoReader>();

/** `chain`'s `utxos`, shared as above (one sharing reader per chain). */
export function sharedUtxoReads(
  chain: UtxoReader,
  // Read at each call, not kept: a clock set later (a test's) is the one asked.
  nowMs: () => number = () => Date.now(),
): SharedUtxoReader {
  let shared = readers.get(chain);
  if (shared === undefined) {
    shared = createShared(chain, nowMs);
    readers.set(chain, shared);
  }
  return shared;
}

/**
 * Forgets `chain`'s shared answers, as if none were recent: what a node sees whose last read is
 * older than STALE_MAX_MS (tests of the route's own chain read).
 */
export function forgetSharedUtxoReads(chain: UtxoReader): void {
  readers.delete(chain);
}

const keyOf = (address: string, query: UtxoQuery) => `${address}\n${JSON.stringify(query)}`;

interface Read {
  startedAtMs: number;
  answer: Promise<Utxo[]>;
}

interface Address {
  /** The newest read started, finished or not. */
  latest: Read;
  /** The newest read that answered, and when it was started. */
  answered?: { startedAtMs: number; utxos: Utxo[] };
}

function createShared(chain: UtxoReader, nowMs: () => number): SharedUtxoReader {
  const addresses = new Map<string, Address>();
  const start = (key: string, address: string, query: UtxoQuery, now: number): Read => {
    const read: Read = { startedAtMs: now, answer: chain.utxos(address, query) };
    let known = addresses.get(key);
    if (known === undefined) {
      if (addresses.size >= ADDRESSES_MAX) addresses.clear();
      known = { latest: read };
      addresses.set(key, known);
    }
    known.latest = read;
    const at = known;
    read.answer.then(
      (utxos) => {
        if (at.answered === undefined || at.answered.startedAtMs < read.startedAtMs) {
          at.answered = { startedAtMs: read.startedAtMs, utxos };
        }
      },
      // A failed read is not shared: the next caller asks again (callers see the failure).
      () => {
        if (at.latest === read) at.latest = { startedAtMs: -Infinity, answer: read.answer };
      },
    );
    return read;
  };
  return {
    nowMs,
    async utxosSince(address: string, sinceMs: number, query: UtxoQuery = {}) {
      const key = keyOf(address, query);
      const known = addresses.get(key);
      const answer =
        known !== undefined && known.latest.startedAtMs >= sinceMs
          ? known.latest.answer
          : start(key, address, query, nowMs()).answer;
      return [...(await answer)];
    },
    async utxos(address: string, query: UtxoQuery = {}) {
      const key = keyOf(address, query);
      const now = nowMs();
      const known = addresses.get(key);
      const answered = known?.answered;
      let answer: Promise<Utxo[]>;
      if (answered !== undefined && now - answered.startedAtMs < STALE_MAX_MS) {
        // One renewal at a time, once the answer is past its moment; its failure is for the
        // next caller without an answer to see.
        const renewing = known!.latest.startedAtMs > answered.startedAtMs;
        if (now - answered.startedAtMs >= SHARED_FOR_MS && !renewing) {
          start(key, address, query, now).answer.catch(() => {});
        }
        answer = Promise.resolve(answered.utxos);
      } else if (known !== undefined && now - known.latest.startedAtMs < SHARED_FOR_MS) {
        answer = known.latest.answer;
      } else {
        answer = start(key, address, query, now).answer;
      }
      // Each caller its own array; the outputs themselves are read, never changed, by callers.
      return [...(await answer)];
    },
  };
}
