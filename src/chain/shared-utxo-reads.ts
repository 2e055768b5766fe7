/**
 * Reads of a wallet's outputs shared by the requests that ask within a moment of one another. A
 * purchase checks its wallet's funds against the chain's outputs; a hundred purchases a second
 * asked the chain a hundred times a second for the same answer, each waiting a round trip on
 * the request path. Now a read started less than `SHARED_FOR_MS` ago (finished or still in
 * flight) is the answer. That is safe for the funds check: the node's own transactions are
 * added under the wallet's lock (src/workers/spendable.ts), and an answer that predates one of
 * them is recognised there; outside money shows up a moment later, as it would a block later.
 */
import type { Utxo, UtxoQuery, UtxoReader } from "./port.ts";

/** How long one read of an address answers for. */
export const SHARED_FOR_MS = 1_000;
/** Addresses remembered at most (the node's purchasing wallets: a handful). */
const ADDRESSES_MAX = 256;

const readers = new WeakMap<UtxoReader, UtxoReader>();

/** `chain`'s `utxos`, shared as above (one sharing reader per chain). */
export function sharedUtxoReads(chain: UtxoReader, nowMs: () => number = Date.now): UtxoReader {
  let shared = readers.get(chain);
  if (shared === undefined) {
    shared = createShared(chain, nowMs);
    readers.set(chain, shared);
  }
  return shared;
}

function createShared(chain: UtxoReader, nowMs: () => number): UtxoReader {
  const reads = new Map<string, { startedAtMs: number; answer: Promise<Utxo[]> }>();
  return {
    async utxos(address: string, query: UtxoQuery = {}) {
      const key = `${address}\n${JSON.stringify(query)}`;
      const now = nowMs();
      let read = reads.get(key);
      if (read === undefined || now - read.startedAtMs >= SHARED_FOR_MS) {
        read = { startedAtMs: now, answer: chain.utxos(address, query) };
        if (reads.size >= ADDRESSES_MAX) reads.clear();
        reads.set(key, read);
        // A failed read is not shared: the next caller asks again.
        const failed = read;
        read.answer.catch(() => {
          if (reads.get(key) === failed) reads.delete(key);
        });
      }
      // Each caller its own array; the outputs themselves are read, never changed, by callers.
      return [...(await read.answer)];
    },
  };
}
