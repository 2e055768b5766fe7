/**
 * Statements sent together (src/db/together.ts) inside a transaction, as the escrow watcher
 * sends its block's writes and then the reads that must see them: they run in the order sent,
 * on PGlite's thread (the embedded node), and on this run's database (PGlite in the process, or
 * PostgreSQL). A failure is thrown only after every statement settled, and the transaction
 * leaves nothing, not even what a slower statement wrote after the failure.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/db/client.ts";
import type { Db } from "../src/db/client.ts";
import { together } from "../src/db/together.ts";
import { DB_KIND, freshDatabase } from "./support/db.ts";

// postgres.js answers the rows; PGlite an object holding them.
const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];

const count = async (db: Db, table: string) =>
  Number(rowsOf(await db.execute(sql.raw(`select count(*) as n from ${table}`)))[0]!.n);

describe("together", () => {
  it("answers each value in the order given", async () => {
    const slow = new Promise<string>((r) => setTimeout(() => r("slow"), 20));
    expect(await together(slow, Promise.resolve(2), Promise.resolve(null))).toEqual([
      "slow",
      2,
      null,
    ]);
  });

  it("throws the first failure, only once every one has settled", async () => {
    let slowDone = false;
    const slow = new Promise<void>((r) =>
      setTimeout(() => {
        slowDone = true;
        r();
      }, 30),
    );
    const failed = together(
      Promise.reject(new Error("first")),
      slow,
      Promise.reject(new Error("second")),
    );
    await expect(failed).rejects.toThrow("first");
    expect(slowDone).toBe(true);
  });
});

const engines: [string, () => Promise<Database>][] = [
  ["PGlite on its thread", () => openDatabase({ pgliteThread: true })],
  [DB_KIND, () => freshDatabase()],
];

for (const [engine, open] of engines) {
  describe(`together in a transaction (${engine})`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await open();
      await database.db.execute(sql`create table probe_together (id text primary key)`);
    }, 60_000);
    afterAll(async () => {
      await database?.close();
    });

    it("runs the statements in the order sent: a read sees the write sent before it", async () => {
      const seen = await database.db.transaction(async (txDb) => {
        const db = txDb as unknown as Db;
        const [, read] = await together(
          db.execute(sql`insert into probe_together (id) values ('a'), ('b')`),
          db.execute(sql`select id from probe_together order by id`),
        );
        return rowsOf(read).map((r) => r.id);
      });
      expect(seen).toEqual(["a", "b"]);
    });

    it("rolls back everything on a failure, the statements after it included", async () => {
      const before = await count(database.db, "probe_together");
      await expect(
        database.db.transaction(async (txDb) => {
          const db = txDb as unknown as Db;
          await together(
            db.execute(sql`insert into probe_together (id) values ('c')`),
            // A duplicate key: the transaction fails here.
            db.execute(sql`insert into probe_together (id) values ('a')`),
            db.execute(sql`insert into probe_together (id) values ('d')`),
          );
        }),
      ).rejects.toThrow();
      expect(await count(database.db, "probe_together")).toBe(before);
      // The connection is usable after: the transaction ended cleanly.
      await database.db.execute(sql`insert into probe_together (id) values ('e')`);
      expect(await count(database.db, "probe_together")).toBe(before + 1);
    });
  });
}
