/**
 * The PGlite thread's calls, on a PGlite of the test's own: a transaction's statements may
 * arrive before its begin has answered (the main thread does not wait for it), and still run in
 * it, in order; a second transaction waits for the first to end; a begin that fails fails its
 * statements and its commit, and its rollback is a no-op; an unknown transaction is refused.
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answered } from "./pglite-thread.ts";
import { newPglite } from "./pglite-open.ts";
import { pgliteMethods } from "./pglite-thread-run.ts";

type Call = (...args: unknown[]) => Promise<Answered<unknown>>;

describe("the PGlite thread's transactions", () => {
  let db: PGlite;
  let call: Record<string, Call>;
  beforeAll(async () => {
    db = await newPglite(undefined);
    await db.query("create table probe (id int primary key)");
    call = pgliteMethods(db) as unknown as Record<string, Call>;
  });
  afterAll(() => db?.close());

  const rows = async (sql: string) => {
    const a = await call.query!(sql, [], "object");
    if ("err" in a) throw new Error(a.err.message);
    return (a.ok as { rows: Record<string, unknown>[] }).rows;
  };

  it("runs statements sent with the begin, before its answer, in the transaction", async () => {
    // All sent in one tick, as the main thread sends them; none awaited before the next.
    const begun = call.begin!(1);
    const insert = call.txQuery!(1, "insert into probe values ($1)", [1], "object");
    const inside = call.txQuery!(1, "select count(*)::int as n from probe", [], "object");
    const outside = call.query!("select count(*)::int as n from probe", [], "object");
    expect(await begun).toEqual({ ok: 1 });
    expect(await insert).toMatchObject({ ok: { affectedRows: 1 } });
    expect(await inside).toMatchObject({ ok: { rows: [{ n: 1 }] } });
    expect(await call.end!(1, true)).toEqual({ ok: undefined });
    // The query from outside waited for the commit, and saw it.
    expect(await outside).toMatchObject({ ok: { rows: [{ n: 1 }] } });
  });

  it("rolls back on the main thread's word, and a second transaction waits for the first", async () => {
    const order: string[] = [];
    void call.begin!(2);
    void call.begin!(3);
    const second = call.txQuery!(3, "insert into probe values (3)", [], "object").then((a) => {
      order.push("second's insert");
      return a;
    });
    await call.txQuery!(2, "insert into probe values (2)", [], "object");
    order.push("first rolls back");
    expect(await call.end!(2, false)).toEqual({ ok: undefined });
    expect(await second).toMatchObject({ ok: { affectedRows: 1 } });
    expect(await call.end!(3, true)).toEqual({ ok: undefined });
    expect(order).toEqual(["first rolls back", "second's insert"]);
    expect(await rows("select id from probe order by id")).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("fails the statements and the commit of a transaction that could not open", async () => {
    const closed = await newPglite(undefined);
    await closed.close();
    const on = pgliteMethods(closed) as unknown as Record<string, Call>;
    const begun = on.begin!(7);
    const insert = on.txQuery!(7, "select 1", [], "object");
    expect(await begun).toHaveProperty("err");
    expect(await insert).toHaveProperty("err");
    // Its rollback has nothing to undo; a second begin's commit is refused.
    expect(await on.end!(7, false)).toEqual({ ok: undefined });
    void on.begin!(8);
    expect(await on.end!(8, true)).toHaveProperty("err");
  });

  it("refuses statements and an end for a transaction it was never told of, or has ended", async () => {
    expect(await call.txQuery!(99, "select 1", [], "object")).toEqual({
      err: expect.objectContaining({ message: "no open transaction 99" }),
    });
    expect(await call.end!(1, true)).toEqual({
      err: expect.objectContaining({ message: "no open transaction 1" }),
    });
  });
});
