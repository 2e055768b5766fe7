/**
 * PGlite on a thread of its own: the node's embedded database. PGlite is PostgreSQL compiled to
 * WASM; every query runs its parser, planner and executor on the calling thread, so on the API's
 * thread each query held up every request for its whole length. Here the same PGlite runs on a
 * worker thread and the main thread hands it a client with the two calls drizzle's PGlite driver
 * makes, `query` and `transaction`: the queries go over a MessagePort (src/thread-rpc.ts) and
 * the rows come back by structured clone. The driver, the schema and the migrations are the
 * ones of any PGlite.
 */
import type { PGlite, Results } from "@electric-sql/pglite";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startRpcThread } from "../thread-start.ts";

export type RowMode = "array" | "object";

/** What the thread is given when it starts (besides its port). */
export interface PgliteThreadData {
  /** The database's directory; undefined keeps it in memory. */
  dir: string | undefined;
  /** PGlite's WASM, compiled once per process (see compiledModules). */
  modules: { pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module };
}

type Compile = (bytes: Uint8Array) => Promise<WebAssembly.Module>;
let compiled: Promise<PgliteThreadData["modules"]> | undefined;

/**
 * PGlite's two WASM modules (PostgreSQL, and initdb for a new database), compiled once in this
 * process and handed to each thread (a compiled module crosses threads without a copy): a thread
 * that compiled its own took a second more to start, every time the node or a test started one.
 */
function compiledModules() {
  compiled ??= (async () => {
    // The global's value is not in the project's type libraries, only its types.
    const wasm = (globalThis as unknown as { WebAssembly: { compile: Compile } }).WebAssembly;
    const dist = new URL(".", import.meta.resolve("@electric-sql/pglite"));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all(
      ["pglite.wasm", "initdb.wasm"].map(async (f) =>
        wasm.compile(await readFile(new URL(f, dist))),
      ),
    );
    return { pgliteWasmModule: pgliteWasmModule!, initdbWasmModule: initdbWasmModule! };
  })();
  return compiled;
}

/** A query's failure as it crosses the threads: its message and PostgreSQL's fields. */
export interface ThreadQueryError {
  message: string;
  name?: string;
  code?: string;
  table?: string;
  constraint?: string;
  schema?: string;
  column?: string;
  severity?: string;
}

/** A call's answer: its value, or its failure as it crossed the threads. */
export type Answered<T> = { ok: T } | { err: ThreadQueryError };

/** A database error from the PGlite thread, with PostgreSQL's fields as PGlite gives them. */
export class ThreadDatabaseError extends Error {
  constructor(e: ThreadQueryError) {
    super(e.message);
    this.name = e.name ?? "DatabaseError";
    const { message: _m, name: _n, ...fields } = e;
    Object.assign(this, fields);
  }
}

/** The calls of PGlite's client that drizzle's PGlite driver makes. */
interface QueryClient {
  query(sql: string, params?: unknown[], opts?: { rowMode?: RowMode }): Promise<Results>;
}

export interface PgliteThread {
  /** Give this to drizzle's PGlite driver in place of a PGlite. */
  client: PGlite;
  /** Closes the database (flushing it to its directory) and ends the thread. */
  close(): Promise<void>;
}

/**
 * Starts PGlite in `dir` (in memory when undefined) on a new thread. A new directory is first
 * initialised (initdb) by a thread that then ends: a thread that ran initdb kept about 670 MB
 * more resident for as long as it lived, one that opened the finished directory about 230 MB
 * (measured: a fresh embedded node 45 s after start, 1.51 GB before this, 1.11 GB after), and
 * that thread would be the node's database for its whole life.
 */
export async function startPgliteThread(dir: string | undefined): Promise<PgliteThread> {
  if (dir !== undefined && !existsSync(path.join(dir, "PG_VERSION"))) {
    await (await databaseThread(dir)).close();
  }
  const thread = await databaseThread(dir);
  const answered = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const a = (await thread.call(method, ...args)) as Answered<T>;
    if ("err" in a) throw new ThreadDatabaseError(a.err);
    return a.ok;
  };
  let nextTx = 0;
  const client = {
    query: (sql: string, params: unknown[] = [], opts?: { rowMode?: RowMode }) =>
      answered<Results>("query", sql, params, opts?.rowMode ?? "object"),
    async transaction<T>(work: (tx: QueryClient) => Promise<T>): Promise<T> {
      const id = nextTx++;
      // Sent without waiting for its answer: the statements follow it on the same port and the
      // thread opens the transaction before it runs them. Waiting held the open transaction,
      // and so the one session, for one more round trip through a busy main thread: at 50
      // purchases a second, 450-620 ms of every 4 s (a fifth of the transactions' hold), and
      // 90-160 ms without it. A failed begin fails the statements and the commit; a rollback of
      // it is a no-op (src/db/pglite-thread-run.ts).
      answered<number>("begin", id).catch(() => undefined);
      const tx: QueryClient = {
        query: (sql, params = [], opts) =>
          answered<Results>("txQuery", id, sql, params, opts?.rowMode ?? "object"),
      };
      let result: T;
      try {
        result = await work(tx);
      } catch (err) {
        await answered("end", id, false);
        throw err;
      }
      await answered("end", id, true);
      return result;
    },
  };
  return { client: client as unknown as PGlite, close: thread.close };
}

async function databaseThread(dir: string | undefined) {
  const data: PgliteThreadData = { dir, modules: await compiledModules() };
  return startRpcThread<null>(new URL("./pglite-thread-entry.mjs", import.meta.url), data, {
    side: "the database's thread",
  });
}
