/**
 * A fresh, empty database for one test file: PGlite in memory by default, or, when DATABASE_URL
 * is set (the PostgreSQL leg of CI), a new database created on that server and dropped after.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../../src/db/client.ts";

export interface TestDatabase extends Database {
  /** The URL of the fresh PostgreSQL database, or undefined on PGlite. */
  url: string | undefined;
}

/** Which engine this test run uses, for test names. */
export const DB_KIND = process.env.DATABASE_URL ? "postgres" : "pglite";

export async function freshDatabase(
  opts: { onStatement?: (query: string) => void } = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { ...(await openDatabase(opts)), url: undefined };
  const name = `escrowd_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ ...opts, url: url.toString() });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
