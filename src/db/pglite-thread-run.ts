/**
 * The PGlite thread's side (see src/db/pglite-thread.ts): opens the database in its directory
 * (in memory without one) and answers the main thread's queries. A transaction opened by the
 * main thread holds PGlite's own transaction here until the main thread commits or rolls it
 * back; meanwhile other queries wait in PGlite's queue, exactly as they would on one thread.
 */
import { types, type PGlite, type Transaction } from "@electric-sql/pglite";
import type { RpcMethods } from "../thread-rpc.ts";
import { runRpcThread } from "../thread-start.ts";
import { newPglite } from "./pglite-open.ts";
import type { Answered, PgliteThreadData, RowMode, ThreadQueryError } from "./pglite-thread.ts";

/**
 * Dates, times and intervals stay text, as drizzle's own PGlite driver asks (its columns parse
 * them); the parsers cannot cross threads, so they are fixed here, once for the database (see
 * pgliteMethods).
 */
const KEEP_TEXT = Object.fromEntries(
  [
    types.TIMESTAMP,
    types.TIMESTAMPTZ,
    types.INTERVAL,
    types.DATE,
    1231, // numeric[]
    1115, // timestamp[]
    1185, // timestamptz[]
    1187, // interval[]
    1182, // date[]
  ].map((oid) => [oid, (value: string) => value]),
);

/** A database error's identifying fields (never its message's values: see log.ts). */
function carried(err: unknown): ThreadQueryError {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields = err as unknown as Record<string, unknown>;
  const out: ThreadQueryError = { message: err.message, name: err.constructor.name };
  for (const key of ["code", "table", "constraint", "schema", "column", "severity"] as const) {
    if (typeof fields[key] === "string") out[key] = fields[key];
  }
  return out;
}

interface OpenTx {
  tx: Transaction;
  end(commit: boolean): void;
  done: Promise<unknown>;
}

export async function runPgliteThread(): Promise<void> {
  await runRpcThread<PgliteThreadData, null>(async (data) => {
    const db = await newPglite(data.dir, data.modules);
    return { methods: pgliteMethods(db), ready: null };
  });
}

/**
 * The calls the main thread makes: queries, and transactions held open between its calls. The
 * main thread names a transaction when it begins one and sends its statements without waiting
 * for the begin's answer (see src/db/pglite-thread.ts); they arrive in order, so the transaction
 * is registered here, opening, before its first statement asks for it.
 */
export function pgliteMethods(db: PGlite): RpcMethods {
  // Set on the database, not given with each query as drizzle's driver does: PGlite copies its
  // whole parser table (318 types) into each query's given parsers, which cost 150-270 us of
  // a 120-480 us statement (one row read or written, measured on PGlite alone). PGlite made its
  // array parsers when it opened, so these replace them too.
  Object.assign(db.parsers, KEEP_TEXT);
  const open = new Map<number, Promise<OpenTx>>();
  const txOf = (id: number) => {
    const t = open.get(id);
    if (t === undefined) throw new Error(`no open transaction ${id}`);
    return t;
  };
  return {
    query: (sql: string, params: unknown[], rowMode: RowMode) =>
      answer(() => db.query(sql, params, { rowMode })),
    txQuery: (id: number, sql: string, params: unknown[], rowMode: RowMode) =>
      answer(async () => (await txOf(id)).tx.query(sql, params, { rowMode })),
    begin: (id: number) => {
      const opened = new Promise<OpenTx>((resolve, reject) => {
        const done = db.transaction(
          (tx) =>
            // Held open until the main thread ends it: PGlite commits when this resolves
            // and rolls back when it rejects.
            new Promise<void>((commit, rollback) => {
              resolve({
                tx,
                end: (ok) => (ok ? commit() : rollback(new Error("rolled back"))),
                done,
              });
            }),
        );
        // Before the transaction opened: the begin's failure. After: the end's (awaited there).
        done.catch(reject);
      });
      open.set(id, opened);
      return answer(() => opened.then(() => id));
    },
    end: (id: number, commit: boolean) =>
      answer(async () => {
        const opening = txOf(id);
        open.delete(id);
        if (!commit) {
          // Rolling back one that never opened (its begin failed) leaves nothing to undo.
          const t = await opening.catch(() => undefined);
          t?.end(false);
          await t?.done.catch(() => undefined);
          return;
        }
        const t = await opening;
        t.end(true);
        await t.done;
      }),
    close: () => db.close(),
  };
}

/** The work's value, or its failure as it may cross the threads. */
async function answer<T>(work: () => Promise<T>): Promise<Answered<T>> {
  try {
    return { ok: await work() };
  } catch (err) {
    return { err: carried(err) };
  }
}
