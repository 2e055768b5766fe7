import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../test/support/db.ts";
import { waitFor } from "../../test/support/process.ts";
import { startLeadership, type Leadership } from "./leadership.ts";

const POLL_MS = 100;
const quiet = () => {};

describe("leadership on PGlite", () => {
  it("leads at once: one process owns the database", async () => {
    const changes: boolean[] = [];
    const l = await startLeadership({
      databaseUrl: undefined,
      log: quiet,
      onChange: (x) => changes.push(x),
    });
    expect(l.leading).toBe(true);
    expect(changes).toEqual([true]);
    await l.close();
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  "leadership on PostgreSQL (skipped on PGlite: it needs several sessions on one server)",
  () => {
    let database: TestDatabase;
    const open: Leadership[] = [];
    const lead = async (log: string[] = []) => {
      const l = await startLeadership({
        databaseUrl: database.url!,
        pollMs: POLL_MS,
        log: (line) => log.push(line),
      });
      open.push(l);
      return l;
    };

    beforeAll(async () => {
      database = await freshDatabase();
    });
    afterAll(async () => {
      await Promise.all(open.map((l) => l.close()));
      await database.close();
    });

    it("elects exactly one leader, and another takes over when its session dies", async () => {
      const aLog: string[] = [];
      const a = await lead(aLog);
      const b = await lead();
      const c = await lead();
      expect([a.leading, b.leading, c.leading]).toEqual([true, false, false]);
      // Followers keep polling and still do not lead.
      await new Promise((r) => setTimeout(r, POLL_MS * 3));
      expect([a.leading, b.leading, c.leading]).toEqual([true, false, false]);

      // The leader's session ends as it would when its process is killed.
      const admin = postgres(database.url!, { max: 1, onnotice: () => {} });
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
                  where application_name = 'escrowd-leader' and datname = current_database()
                    and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`;
      const tookOverAtMs = Date.now();
      await waitFor("a new leader", () => (b.leading || c.leading ? true : undefined), 5_000, 20);
      expect(Date.now() - tookOverAtMs).toBeLessThan(POLL_MS * 20);
      // The old leader saw it lost the lock and stepped down; exactly one leads.
      await waitFor("the old leader to step down", () => (a.leading ? undefined : true), 5_000, 20);
      expect([a, b, c].filter((l) => l.leading)).toHaveLength(1);
      expect(aLog.some((l) => /stepped down/.test(l))).toBe(true);
      expect(a.terms).toBe(1);

      // A clean stop hands over too; the old leader may lead again later.
      const leader = b.leading ? b : c;
      await leader.close();
      await waitFor(
        "the next leader",
        () => ([a, b, c].some((l) => l.leading) ? true : undefined),
        5_000,
        20,
      );
      expect([a, b, c].filter((l) => l.leading)).toHaveLength(1);
      const [row] = await admin<{ holders: number }[]>`
        select count(*)::int as holders from pg_locks where locktype = 'advisory' and granted
          and database = (select oid from pg_database where datname = current_database())`;
      expect(row?.holders).toBe(1);
      await admin.end();
    });
  },
);

describe.skipIf(!process.env.DATABASE_URL)(
  "a closed leader on PostgreSQL (skipped on PGlite: there it always leads)",
  () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await freshDatabase();
    });
    afterAll(() => database?.close());

    it("never leads again once closed, though a poll was out as it closed", async () => {
      // Polling every millisecond, a leader mostly has a poll out when it is closed; each
      // round is one leader alone on the database, closed after a few polls (bounded: 20).
      for (let round = 0; round < 20; round++) {
        const changes: boolean[] = [];
        const l = await startLeadership({
          databaseUrl: database.url!,
          pollMs: 1,
          log: quiet,
          onChange: (x) => changes.push(x),
        });
        expect(l.leading, `round ${round}`).toBe(true);
        await new Promise((r) => setTimeout(r, 2 + (round % 5)));
        await l.close();
        await new Promise((r) => setTimeout(r, 10));
        expect(l.leading, `round ${round}`).toBe(false);
        expect(changes, `round ${round}`).toEqual([true, false]);
      }
    });
  },
);
