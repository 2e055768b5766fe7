/**
 * PGlite on its own thread (the serving node's embedded database), through drizzle as the node
 * uses it: values of every kind the schema holds come back as they went in, a failed query keeps
 * PostgreSQL's SQLSTATE and constraint (the log's safe description needs them), transactions
 * commit, roll back on a throw or on drizzle's rollback, and hold the one connection while open
 * (a query from outside waits and sees the committed rows), the data stays in its directory
 * across a reopen, calls after close are refused, and a start that cannot open is refused with
 * its reason.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeError } from "../log.ts";
import { openDatabase, type Database } from "./client.ts";
import { startPgliteThread } from "./pglite-thread.ts";

const rowsOf = (result: unknown) =>
  (result as { rows: Record<string, unknown>[] }).rows as Record<string, unknown>[];

describe("PGlite on its own thread", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "escrowd-pglite-thread-"));
  const pgDir = path.join(dir, "pg");
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ pgliteDir: pgDir, pgliteThread: true });
    await database.db.execute(sql`
      create table probe (
        id text primary key,
        amount bigint not null,
        raw bytea,
        doc jsonb,
        at timestamptz,
        flag boolean
      )`);
  });

  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async (db = database.db) =>
    Number(rowsOf(await db.execute(sql`select count(*)::int as n from probe`))[0]!.n);

  it("migrates the node's schema and answers drizzle's queries with every kind of value", async () => {
    const tables = rowsOf(
      await database.db.execute(
        sql`select table_name from information_schema.tables where table_name = 'payments'`,
      ),
    );
    expect(tables).toHaveLength(1);
    const big = 18_446_744_073_709_551_615n / 2n; // the largest int8
    await database.db.execute(sql`
      insert into probe values ('a', ${big.toString()}, ${new Uint8Array([0, 1, 255])},
        ${JSON.stringify({ deep: [1, { x: "y" }] })}, '2026-12-05 10:00:00+00', true)`);
    const [row] = rowsOf(await database.db.execute(sql`select * from probe where id = 'a'`));
    expect(BigInt(row!.amount as string | bigint)).toBe(big);
    expect([...(row!.raw as Uint8Array)]).toEqual([0, 1, 255]);
    expect(row!.doc).toEqual({ deep: [1, { x: "y" }] });
    // Times stay text, as drizzle's PGlite driver asks: its columns parse them. So do arrays of
    // them (the thread replaces the array parsers PGlite made when it opened).
    expect(typeof row!.at).toBe("string");
    const [arrays] = rowsOf(
      await database.db.execute(sql`
        select array['2026-12-05 10:00:00+00'::timestamptz] as stamps,
          array[1.5::numeric] as amounts, array['2026-12-05'::date] as days`),
    );
    expect(arrays).toEqual({
      stamps: '{"2026-12-05 10:00:00+00"}',
      amounts: "{1.5}",
      days: "{2026-12-05}",
    });
    expect(row!.flag).toBe(true);
  });

  it("runs with a small buffer pool (its WebAssembly memory never shrinks)", async () => {
    const result = await database.db.execute(sql`show shared_buffers`);
    expect(rowsOf(result)[0]!.shared_buffers).toBe("16MB");
  });

  it("keeps PostgreSQL's SQLSTATE and constraint on a failed query, for the safe log line", async () => {
    const failed = await database.db
      .execute(sql`insert into probe (id, amount) values ('a', 1)`)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    const text = describeError(failed);
    expect(text).toContain("SQLSTATE 23505");
    expect(text).toContain("constraint probe_pkey");
    expect(text).not.toContain("'a'");
  });

  it("commits a transaction, and rolls one back on a throw or on drizzle's rollback", async () => {
    const before = await count();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into probe (id, amount) values ('t1', 1)`);
      expect(await count(tx as never)).toBe(before + 1);
    });
    expect(await count()).toBe(before + 1);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe (id, amount) values ('t2', 2)`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe (id, amount) values ('t3', 3)`);
        tx.rollback();
      }),
    ).rejects.toThrow(/rollback/i);
    // A failed statement inside a transaction fails the transaction, and nothing of it stays.
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe (id, amount) values ('t4', 4)`);
        await tx.execute(sql`insert into probe (id, amount) values ('t1', 1)`);
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before + 1);
  });

  it("holds the one connection while a transaction is open: a query from outside waits", async () => {
    const order: string[] = [];
    let outside: Promise<number> | undefined;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into probe (id, amount) values ('w1', 1)`);
      outside = count().then((n) => {
        order.push("outside answered");
        return n;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.execute(sql`insert into probe (id, amount) values ('w2', 2)`);
      order.push("transaction done");
    });
    const seen = await outside!;
    expect(order).toEqual(["transaction done", "outside answered"]);
    expect(seen).toBe(await count());
  });

  it("keeps the data in its directory across a reopen", async () => {
    const rows = await count();
    await database.close();
    database = await openDatabase({ pgliteDir: pgDir, pgliteThread: true });
    expect(await count()).toBe(rows);
  });

  it("refuses calls after close instead of hanging", async () => {
    const thread = await startPgliteThread(undefined);
    await thread.close();
    await expect(thread.client.query("select 1")).rejects.toThrow(/hung up/);
  });

  it("refuses a start that cannot open its directory, with the reason", async () => {
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "not a directory");
    await expect(startPgliteThread(path.join(file, "pg"))).rejects.toThrow(
      /ENOTDIR|not a directory/i,
    );
  });
});
