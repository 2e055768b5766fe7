/**
 * Reads shared by the requests of a moment: the answer of a read made less than `freshMs` ago
 * (finished or still in flight) for the same database handle and key, instead of a query
 * apiece. For rows that change rarely and that every request reads (the node's wallets, the
 * agent a payment is for). The caller says whether it can use a shared answer; when it cannot
 * (a list that lacks a wallet it knows of, an agent it would refuse), the read is made again, so
 * that nothing is refused on an answer up to `freshMs` old.
 *
 * Keyed by database handle (weakly): a transaction's reads are its own, and see its writes.
 */
import type { Db } from "./client.ts";

export interface RecentReads<T> {
  /** `read()`'s answer, or a recent one for `key` when `usable` accepts it. */
  get(db: Db, key: string, read: () => Promise<T>, usable?: (answer: T) => boolean): Promise<T>;
  /** Forgets every answer, of every handle (after this process changed what they read). */
  forget(): void;
}

export function recentReads<T>(opts: { freshMs: number; keysMax: number }): RecentReads<T> {
  let byDb = new WeakMap<Db, Map<string, { atMs: number; answer: Promise<T> }>>();
  return {
    async get(db, key, read, usable = () => true) {
      let answers = byDb.get(db);
      if (answers === undefined) byDb.set(db, (answers = new Map()));
      const nowMs = performance.now();
      const known = answers.get(key);
      if (known !== undefined && nowMs - known.atMs < opts.freshMs) {
        // A failed read is not shared: this caller reads again.
        const answer = await known.answer.then(
          (a) => ({ a }),
          () => undefined,
        );
        if (answer !== undefined && usable(answer.a)) return answer.a;
      }
      const answer = read();
      if (answers.size >= opts.keysMax) answers.clear();
      answers.set(key, { atMs: nowMs, answer });
      const map = answers;
      answer.catch(() => map.get(key)?.answer === answer && map.delete(key));
      return answer;
    },
    forget() {
      byDb = new WeakMap();
    },
  };
}
