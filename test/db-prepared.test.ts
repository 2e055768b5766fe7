/**
 * On PostgreSQL every query drizzle runs is a prepared statement of its connection (one round
 * trip per use instead of two), inside transactions and savepoints too; answers are the same.
 * A serving node opens its whole pool at boot.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../src/db/client.ts";
import { POOL_MAX_DEFAULT } from "../src/db/pool-size.ts";
import { wallets } from "../src/db/schema.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

/** The statements prepared on the connection `db` runs on that read the wallets. */
async function preparedWalletReads(db: Db): Promise<number> {
  const rows = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from pg_prepared_statements where statement like '%from "wallets"%'`,
  );
  return (rows as unknown as { n: number }[])[0]!.n;
}

describe.skipIf(DB_KIND !== "postgres")(
  "prepared statements (PostgreSQL only: PGlite runs in process, with no round trips to save)",
  () => {
    it("prepares a query with parameters in a transaction, and in a savepoint within it", async () => {
      await database.db.transaction(async (tx) => {
        const db = tx as unknown as Db;
        expect(await preparedWalletReads(db)).toBe(0);
        expect(await db.select().from(wallets).where(eq(wallets.id, "none"))).toEqual([]);
        expect(await preparedWalletReads(db)).toBe(1);
        // The same text again is the same statement, not a new one.
        await db.select().from(wallets).where(eq(wallets.id, "other"));
        expect(await preparedWalletReads(db)).toBe(1);
        await tx.transaction(async (inner) => {
          const nested = inner as unknown as Db;
          await nested.select({ id: wallets.id }).from(wallets).where(eq(wallets.role, "funding"));
          expect(await preparedWalletReads(nested)).toBe(2);
        });
      });
    });

    it("writes and reads back through prepared statements, with and without a transaction", async () => {
      const row = {
        id: "prepared-1",
        role: "funding" as const,
        network: "preprod" as const,
        address: "addr_test1prepared",
        paymentKeyHash: "00".repeat(28),
        encryptedMnemonic: "sealed",
        note: null,
        createdAtMs: 1,
        buildLease: null,
        buildLeaseUntilMs: null,
        buildLeasePid: null,
      };
      await database.db.transaction((tx) => tx.insert(wallets).values(row));
      const [back] = await database.db.select().from(wallets).where(eq(wallets.id, row.id));
      expect(back).toEqual(row);
    });

    it("opens every connection of the pool at boot when asked (a serving node), else one; the pool's size is the caller's", async () => {
      const connections = async () => {
        const rows = await database.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database()`,
        );
        return (rows as unknown as { n: number }[])[0]!.n;
      };
      const base = await connections();
      for (const [openPool, poolMax, opened] of [
        [true, undefined, POOL_MAX_DEFAULT],
        [true, 2, 2],
        [false, undefined, 1],
      ] as const) {
        const other = await openDatabase({ url: database.url, openPool, poolMax });
        try {
          expect(await connections(), `openPool: ${openPool}, poolMax ${poolMax}`).toBe(
            base + opened,
          );
        } finally {
          await other.close();
        }
        // A closed connection's server process may outlive its socket for a moment.
        for (let i = 0; i < 50 && (await connections()) !== base; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    });
  },
);
