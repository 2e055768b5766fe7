/**
 * The database transaction of the HTTP request being handled, if it has one. A request with an
 * Idempotency-Key runs in one transaction together with the storing of its answer, so a crash
 * leaves either both (the retry gets the answer) or neither (the retry does the work): never
 * the work without the answer. Route contexts take their `db` from here (see api/app.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "./client.ts";

const current = new AsyncLocalStorage<Db>();

/** Runs `work` with `tx` as the request's database. */
export function withRequestDb<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  return current.run(tx, work);
}

/** The request's transaction when there is one, else `db`. */
export function requestDb(db: Db): Db {
  return current.getStore() ?? db;
}

/** Whether `db` is the transaction of the request being handled (not the database itself). */
export function isRequestTx(db: Db): boolean {
  return current.getStore() === db;
}
