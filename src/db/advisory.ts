/**
 * Transaction-scoped advisory locks: how processes sharing one PostgreSQL take turns on a named
 * thing (a wallet, a subject, a voucher's signer). They end with the db transaction, commit or
 * rollback, so a process that dies lets go with its connection. On PGlite (one process, one
 * connection) they are granted at once and cost a statement.
 */
import { sql } from "drizzle-orm";
import { resultRows, type Db } from "./client.ts";

/** Waits until this transaction holds the lock named `name`. */
export async function lockXact(db: Db, name: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`);
}

/** Takes the lock named `name` for this transaction if no other holds it; says whether it did. */
export async function tryLockXact(db: Db, name: string): Promise<boolean> {
  const result = await db.execute(sql`select pg_try_advisory_xact_lock(hashtext(${name})) as got`);
  return (resultRows(result) as { got: boolean }[])[0]?.got === true;
}
