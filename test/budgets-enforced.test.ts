/**
 * Budgets are enforced by POST /purchase: every budget that applies is consumed in the
 * transaction that records the purchase, and a purchase a budget refuses is a 402 with the
 * reason, writing nothing and consuming nothing. Fifty purchases at once against a budget that
 * covers ten: exactly ten succeed (run on PGlite and, with DATABASE_URL, on PostgreSQL).
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.ts";
import { withRequestDb } from "../src/db/request-tx.ts";
import { budgetSpend, budgets, intents, purchases } from "../src/db/schema.ts";
import { BudgetRefusedError, consumeBudgets } from "../src/services/budget-spend.ts";
import { DB_KIND } from "./support/db.ts";
import {
  ADMIN,
  type Answer,
  type BudgetWorld,
  budgetWorld,
  START_MS,
  USDM,
} from "./support/budget-world.ts";

let w: BudgetWorld;
beforeAll(async () => {
  w = await budgetWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const budget = async (over: Record<string, unknown>) => {
  const res = await w.call("POST", "/budgets", {
    network: "Preprod",
    period: "total",
    unit: USDM,
    limitAmount: "10000000",
    ...over,
  });
  expect(res.status, res.body.error?.message).toBe(200);
  return res.body.data.id as string;
};

/** What a budget has spent, over all its periods. */
async function spent(id: string): Promise<bigint> {
  const rows = await w.database.db.select().from(budgetSpend).where(eq(budgetSpend.budgetId, id));
  return rows.reduce((sum, r) => sum + r.spentAmount, 0n);
}

async function written() {
  const db = w.database.db;
  const [p] = await db.select({ n: count() }).from(purchases);
  const [i] = await db.select({ n: count() }).from(intents);
  return { purchases: p!.n, intents: i!.n };
}

describe(`budgets enforced on purchases (${DB_KIND})`, () => {
  it("a purchase consumes every budget that applies to it, and only those", async () => {
    const key = await w.key({ canPay: true });
    const agentWide = await budget({ agentIdentifier: w.agent(1) });
    const keyOnly = await budget({ agentIdentifier: w.agent(1), apiKeyId: key.id, period: "day" });
    const otherAgent = await budget({ agentIdentifier: w.agent(2) });
    const lovelace = await budget({ agentIdentifier: w.agent(1), unit: "lovelace" });
    const asKey = await w.buy(w.agent(1), 2_000_000n, key.token);
    expect(asKey.status, asKey.body.error?.message).toBe(200);
    const asAdmin = await w.buy(w.agent(1), 3_000_000n);
    expect(asAdmin.status, asAdmin.body.error?.message).toBe(200);
    expect(await spent(agentWide)).toBe(5_000_000n);
    expect(await spent(keyOnly)).toBe(2_000_000n);
    expect(await spent(otherAgent)).toBe(0n);
    expect(await spent(lovelace)).toBe(0n);
    const listed = await w.call("GET", "/budgets?network=Preprod");
    const view = listed.body.data.Budgets.find((b: { id: string }) => b.id === agentWide);
    expect(view).toMatchObject({ spentAmount: "5000000", remainingAmount: "5000000" });
  });

  it("refuses a purchase above a ceiling with ceiling_exceeded, writing nothing", async () => {
    const id = await budget({ agentIdentifier: w.agent(3), perRequestCeiling: "1000000" });
    const before = await written();
    const res = await w.buy(w.agent(3), 1_000_001n);
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({
      field: "Amounts",
      reason: "ceiling_exceeded",
      budgetId: id,
      unit: USDM,
    });
    expect(await written()).toEqual(before);
    expect(await spent(id)).toBe(0n);
    expect((await w.buy(w.agent(3), 1_000_000n)).status).toBe(200);
    expect(await spent(id)).toBe(1_000_000n);
  });

  it("refuses a purchase the budget cannot cover with budget_exhausted, consuming nothing", async () => {
    const id = await budget({ agentIdentifier: w.agent(4), limitAmount: "3000000" });
    expect((await w.buy(w.agent(4), 2_000_000n)).status).toBe(200);
    const before = await written();
    const res = await w.buy(w.agent(4), 1_000_001n);
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ field: "Amounts", reason: "budget_exhausted" });
    expect(res.body.error.message).toContain("has 1000000 of");
    expect(await written()).toEqual(before);
    expect(await spent(id)).toBe(2_000_000n);
    // More than the whole limit is refused the same way, and a zero limit refuses everything.
    expect((await w.buy(w.agent(4), 3_000_001n)).body.error.reason).toBe("budget_exhausted");
    expect((await w.buy(w.agent(4), 1_000_000n)).status).toBe(200);
    await budget({ agentIdentifier: w.agent(5), limitAmount: "0" });
    expect((await w.buy(w.agent(5), 1n)).body.error.reason).toBe("budget_exhausted");
  });

  it("a refusal by one budget undoes what another had consumed in that transaction", async () => {
    // Ids chosen so the budget with room is consumed first, then the full one refuses.
    const db = w.database.db;
    const base = {
      network: "preprod" as const,
      apiKeyId: null,
      agentIdentifier: w.agent(6),
      unit: USDM,
      perRequestCeiling: null,
      createdById: "admin",
      createdAtMs: START_MS,
    };
    await db.insert(budgets).values([
      { ...base, id: "00000000-roomy", period: "month", limitAmount: 100_000_000n },
      { ...base, id: "ffffffff-tight", period: "week", limitAmount: 1_000_000n },
    ]);
    expect((await w.buy(w.agent(6), 1_000_000n)).status).toBe(200);
    const res = await w.buy(w.agent(6), 1n);
    expect([res.status, res.body.error.budgetId]).toEqual([402, "ffffffff-tight"]);
    expect(await spent("00000000-roomy")).toBe(1_000_000n);
  });

  it("fifty purchases at once against a budget covering ten: exactly ten succeed", async () => {
    const agent = w.agent(10);
    const id = await budget({ agentIdentifier: agent, limitAmount: "10000000" });
    const before = await written();
    const answers = await Promise.all(Array.from({ length: 50 }, () => w.buy(agent, 1_000_000n)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 402)).toHaveLength(40);
    for (const a of answers.filter((x) => x.status === 402))
      expect(a.body.error.reason).toBe("budget_exhausted");
    expect(await spent(id)).toBe(10_000_000n);
    expect(await written()).toEqual({
      purchases: before.purchases + 10,
      intents: before.intents + 10,
    });
  }, 120_000);
});

describe(`budget consumption under concurrency, without any other lock (${DB_KIND})`, () => {
  it("fifty transactions at once take exactly ten shares of the budget", async () => {
    const agent = w.agent(11);
    const id = await budget({ agentIdentifier: agent, limitAmount: "10", period: "day" });
    const db = w.database.db;
    const attempt = () =>
      db.transaction(async (tx) => {
        await consumeBudgets(tx as unknown as Db, {
          network: "preprod",
          apiKeyId: ADMIN,
          agentIdentifier: agent,
          amounts: [{ unit: USDM, amount: 1n }],
          nowMs: w.clock.ms,
        });
      });
    const results = await Promise.allSettled(Array.from({ length: 50 }, attempt));
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const r of refused) expect(r.reason).toBeInstanceOf(BudgetRefusedError);
    const [row] = await db
      .select()
      .from(budgetSpend)
      .where(and(eq(budgetSpend.budgetId, id)));
    expect(row!.spentAmount).toBe(10n);
  }, 60_000);
});

describe(`a purchase in its request's own transaction (${DB_KIND})`, () => {
  it("is stored alone, with its request: a rollback takes it and no other purchase", async () => {
    // A request with an Idempotency-Key runs in a transaction of its own, rolled back when its
    // answer is a refusal (src/api/idempotency.ts). Eight purchases of the same wallet outside
    // any request transaction, and one inside one that is rolled back, at the same moment.
    const agent = w.agent(13);
    const before = await written();
    const rolledBack = new Error("the request's answer rolls it back");
    // The eight are held as they near their wallet until the ninth comes, from a request
    // transaction opened once they are all held (on PGlite, one session, they could not have
    // come that far with it open); then all nine go on together.
    const held = w.gatherAt(9);
    const others = Array.from({ length: 8 }, () => w.buy(agent, 1_000_000n));
    for (let i = 0; i < 600 && held() < 8; i++) await new Promise((r) => setTimeout(r, 50));
    expect(held()).toBe(8);
    let own: Answer | undefined;
    await w.database.db
      .transaction(async (tx) => {
        own = await withRequestDb(tx as unknown as Db, () => w.buy(agent, 1_000_000n));
        throw rolledBack;
      })
      .catch((err: unknown) => {
        if (err !== rolledBack) throw err;
      });
    const answers = await Promise.all(others);
    expect(own?.status, own?.body.error?.message).toBe(200);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    // Every one of the eight is stored, with its lock; the rolled-back one is not.
    expect(await written()).toEqual({
      purchases: before.purchases + 8,
      intents: before.intents + 8,
    });
    const ids = [...answers, own!].map((a) => a.body.data.blockchainIdentifier as string);
    const stored = await w.database.db
      .select({ id: purchases.blockchainIdentifier })
      .from(purchases)
      .where(inArray(purchases.blockchainIdentifier, ids));
    expect(stored.map((r) => r.id).sort()).toEqual(ids.slice(0, 8).sort());
  }, 60_000);
});
