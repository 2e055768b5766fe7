/**
 * Opens the node's database: PGlite (Postgres compiled to WASM) in a directory by default, or a
 * PostgreSQL server through postgres.js when a URL is given. Both speak the same drizzle schema
 * and run the same committed migrations, applied here at boot.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { POOL_MAX_DEFAULT } from "./pool-size.ts";
import * as schema from "./schema.ts";

/** The drizzle handle every service uses, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The rows of a raw `db.execute`: postgres.js answers the rows, PGlite an object holding them. */
export function resultRows(result: unknown): unknown[] {
  return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

/** Where the committed migrations live, found from this file so the working directory does not matter. */
export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../drizzle",
);

/**
 * The pool with every query a prepared statement. drizzle runs its queries through postgres.js's
 * `unsafe`, which does not prepare: each query with parameters then took two round trips (parse
 * and describe, then bind and execute) and PostgreSQL planned it anew; a payment request's dozen
 * queries spent more time on that than in the queries. Prepared, a query text is described once
 * per connection and each use is one round trip. Transactions and savepoints hand drizzle a
 * connection of their own, prepared the same way. (Poolers must run in session mode, as the
 * README says: a prepared statement belongs to its connection.)
 */
export function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        return (query: string, args?: unknown[], options?: object) =>
          target.unsafe(query, args as postgres.ParameterOrJSON<never>[], {
            ...options,
            prepare: true,
          });
      }
      if (key === "begin" || key === "savepoint") {
        return (...a: unknown[]) => {
          const body = a.at(-1) as (inner: postgres.Sql) => unknown;
          const open = Reflect.get(target, key, receiver) as (...b: unknown[]) => unknown;
          return open(...a.slice(0, -1), (inner: postgres.Sql) => body(preparing(inner)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * Opens all of the pool's connections: postgres.js opens one when a query finds none idle, so
 * `size` queries at once open them all. Left to itself, a node opened its pool in its first
 * burst of requests, each a TCP connection, a start-up and an authentication: at 50
 * purchases a second the first purchases waited 40 ms for a BEGIN and those queued behind them
 * 300 ms, the p99 of the whole run. Opened at boot, p99 of POST /payment went from 266 to 123
 * ms and of POST /purchase from 597 to 329 (production shape, medians of three runs).
 */
async function openConnections(sql: postgres.Sql, size: number): Promise<void> {
  await Promise.all(Array.from({ length: size }, () => sql`select 1`));
}

/**
 * Opens the database and brings its schema up to date. `pgliteDir` undefined means in memory.
 * `pgliteThread` runs PGlite on a thread of its own (src/db/pglite-thread.ts): a serving node
 * does, so no query holds up its API; a one-off use (a migration, a test) need not pay for
 * starting the thread.
 */
export async function openDatabase(opts: {
  url?: string;
  pgliteDir?: string;
  pgliteThread?: boolean;
  /** Opens every connection of PostgreSQL's pool now, as a serving node does (openConnections). */
  openPool?: boolean;
  /** Connections to PostgreSQL at most (POOL_MAX_DEFAULT unless given). */
  poolMax?: number;
  /** Told every statement the node sends, after migrations (tests count a route's statements). */
  onStatement?: (query: string) => void;
}): Promise<Database> {
  const onStatement = opts.onStatement;
  const logger = onStatement && { logQuery: (query: string) => onStatement(query) };
  if (opts.url) {
    // One small pool per process; notices (e.g. "relation already exists, skipping") are noise.
    const poolMax = opts.poolMax ?? POOL_MAX_DEFAULT;
    const sql = postgres(opts.url, { max: poolMax, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema });
    try {
      await migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
      if (opts.openPool === true) await openConnections(sql, poolMax);
    } catch (err) {
      await sql.end({ timeout: 5 });
      throw err;
    }
    return {
      db: drizzlePostgres(preparing(sql), { schema, logger }) as unknown as Db,
      kind: "postgres",
      close: () => sql.end({ timeout: 5 }),
    };
  }
  // Loaded only here: a node on PostgreSQL keeps no embedded database in memory.
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const pglite = await openPglite(opts.pgliteDir, opts.pgliteThread === true);
  try {
    await migratePglite(drizzlePglite({ client: pglite.client, schema }), {
      migrationsFolder: MIGRATIONS_DIR,
    });
  } catch (err) {
    await pglite.close();
    throw err;
  }
  const db = drizzlePglite({ client: pglite.client, schema, logger });
  return { db: db as unknown as Db, kind: "pglite", close: () => pglite.close() };
}

/** PGlite in `dir` (in memory when undefined), on this thread or on one of its own. */
async function openPglite(
  dir: string | undefined,
  thread: boolean,
): Promise<{ client: import("@electric-sql/pglite").PGlite; close(): Promise<void> }> {
  if (thread) return (await import("./pglite-thread.ts")).startPgliteThread(dir);
  const client = await (await import("./pglite-open.ts")).newPglite(dir);
  return { client, close: () => client.close() };
}
