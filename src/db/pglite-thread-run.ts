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
 * them); the parsers cannot cross threads, so they are fixed here.
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
    return { methods: methodsOf(db), ready: null };
  });
}

/** The calls the main thread makes: queries, and transactions held open between its calls. */
function methodsOf(db: PGlite): RpcMethods {
  const open = new Map<number, OpenTx>();
  let nextTx = 0;
  const txOf = (id: number) => {
    const t = open.get(id);
    if (t === undefined) throw new Error(`no open transaction ${id}`);
    return t;
  };
  return {
    query: (sql: string, params: unknown[], rowMode: RowMode) =>
      answer(() => db.query(sql, params, { rowMode, parsers: KEEP_TEXT })),
    txQuery: (id: number, sql: string, params: unknown[], rowMode: RowMode) =>
      answer(() => txOf(id).tx.query(sql, params, { rowMode, parsers: KEEP_TEXT })),
    begin: () =>
      answer(
        () =>
          new Promise<number>((resolve, reject) => {
            const id = nextTx++;
            const done = db.transaction(
              (tx) =>
                // Held open until the main thread ends it: PGlite commits when this resolves
                // and rolls back when it rejects.
                new Promise<void>((commit, rollback) => {
                  open.set(id, {
                    tx,
                    end: (ok) => (ok ? commit() : rollback(new Error("rolled back"))),
                    done,
                  });
                  resolve(id);
                }),
            );
            done.catch(reject).finally(() => open.delete(id));
          }),
      ),
    end: (id: number, commit: boolean) =>
      answer(async () => {
        const t = txOf(id);
        t.end(commit);
        if (commit) await t.done;
        else await t.done.catch(() => undefined);
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
