/**
 * Budgets, quotes and preflight over HTTP (app.request, no server): budget CRUD and who may do
 * what, every bad field a 400 naming it; quotes by the charge function with the free quota
 * this node has left; preflight's approved, ceiling_exceeded and budget_exhausted answers, a
 * day rolling over, and the free quota used up turning an approval into a refusal.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgets, purchases } from "../src/db/schema.ts";
import { DB_KIND } from "./support/db.ts";
import { ADMIN, type BudgetWorld, budgetWorld, START_MS, USDM } from "./support/budget-world.ts";

let w: BudgetWorld;
beforeAll(async () => {
  w = await budgetWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const DAY_MS = 86_400_000;
/** A per-token sheet in USDM with two free calls per buyer and a minimum charge. */
const SHEET = {
  unit: USDM,
  model: "tokens",
  basePrice: "100000",
  inputPricePer1MTokens: "1000000",
  outputPricePer1MTokens: "2000000",
  freeCallsPerBuyer: "2",
  minimumCharge: "150000",
};

const budget = (over: Record<string, unknown> = {}, token = ADMIN) =>
  w.call(
    "POST",
    "/budgets",
    { network: "Preprod", period: "day", unit: USDM, limitAmount: "10000000", ...over },
    token,
  );

describe(`budget CRUD on ${DB_KIND}`, () => {
  it("creates a budget and lists it with its period, spent and left", async () => {
    const made = await budget({ agentIdentifier: w.agent(1), perRequestCeiling: "3000000" });
    expect(made.status, made.body.error?.message).toBe(200);
    const start = START_MS - (START_MS % DAY_MS);
    expect(made.body.data).toMatchObject({
      network: "Preprod",
      apiKeyId: null,
      agentIdentifier: w.agent(1),
      period: "day",
      unit: USDM,
      limitAmount: "10000000",
      perRequestCeiling: "3000000",
      periodStart: String(start),
      periodEnd: String(start + DAY_MS),
      spentAmount: "0",
      remainingAmount: "10000000",
      createdBy: "admin",
    });
    const list = await w.call("GET", "/budgets?network=Preprod");
    expect(list.body.data.Budgets.map((b: { id: string }) => b.id)).toContain(made.body.data.id);
    const gone = await w.call("DELETE", `/budgets/${made.body.data.id}`);
    expect(gone.status).toBe(200);
    expect((await w.call("DELETE", `/budgets/${made.body.data.id}`)).status).toBe(404);
  });

  const bad: [string, Record<string, unknown>][] = [
    ["limitAmount", { limitAmount: undefined }],
    ["limitAmount", { limitAmount: "1.5" }],
    ["limitAmount", { limitAmount: "-1" }],
    ["limitAmount", { limitAmount: 5 }],
    ["limitAmount", { limitAmount: "007" }],
    ["limitAmount", { limitAmount: "9223372036854775808" }],
    ["perRequestCeiling", { perRequestCeiling: "ten" }],
    ["perRequestCeiling", { perRequestCeiling: 10 }],
    ["period", { period: "year" }],
    ["period", { period: undefined }],
    ["unit", { unit: "USD" }],
    ["agentIdentifier", { agentIdentifier: "zz" }],
    ["apiKeyId", { apiKeyId: "no-such-key" }],
    ["apiKeyId", { apiKeyId: "" }],
    ["network", { network: "Mainnet" }],
    ["network", { network: "Testnet" }],
  ];
  it.each(bad)("refuses a bad %s with a 400 naming it, storing nothing", async (field, over) => {
    const before = (await w.database.db.select().from(budgets)).length;
    const res = await budget(over);
    expect([res.status, res.body.error?.field], res.body.error?.message).toEqual([400, field]);
    expect((await w.database.db.select().from(budgets)).length).toBe(before);
  });

  it("refuses a field it does not know rather than dropping it", async () => {
    const res = await budget({ limit: "5" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("limit");
  });

  it("a key sets budgets only on itself and deletes only its own", async () => {
    const payer = await w.key({ canPay: true });
    const other = await w.key({ canPay: true });
    const reader = await w.key({ canPay: false });
    const own = await budget({}, payer.token);
    expect(own.status, own.body.error?.message).toBe(200);
    expect(own.body.data.apiKeyId).toBe(payer.id);
    expect(own.body.data.createdBy).toBe(payer.id);
    const forOther = await budget({ apiKeyId: other.id }, payer.token);
    expect([forOther.status, forOther.body.error.field]).toEqual([403, "apiKeyId"]);
    const forNode = await budget({ apiKeyId: null }, payer.token);
    expect([forNode.status, forNode.body.error.field]).toEqual([403, "apiKeyId"]);
    expect((await budget({}, reader.token)).status).toBe(403);

    const byAdmin = await budget({ apiKeyId: payer.id });
    const onOther = await budget({ apiKeyId: other.id });
    const nodeWide = await budget({ agentIdentifier: w.agent(9) });
    const seen = await w.call("GET", "/budgets?network=Preprod", undefined, payer.token);
    const ids = seen.body.data.Budgets.map((b: { id: string }) => b.id);
    expect(ids).toEqual(expect.arrayContaining([own.body.data.id, byAdmin.body.data.id]));
    expect(ids).toContain(nodeWide.body.data.id);
    expect(ids).not.toContain(onOther.body.data.id);

    // The admin's limit on the key stays; the key's own budget goes.
    const lift = await w.call("DELETE", `/budgets/${byAdmin.body.data.id}`, undefined, payer.token);
    expect([lift.status, lift.body.error.field]).toEqual([403, "id"]);
    const hidden = await w.call(
      "DELETE",
      `/budgets/${onOther.body.data.id}`,
      undefined,
      payer.token,
    );
    expect(hidden.status).toBe(404);
    const mine = await w.call("DELETE", `/budgets/${own.body.data.id}`, undefined, payer.token);
    expect(mine.status).toBe(200);
    for (const b of [byAdmin, onOther, nodeWide])
      expect((await w.call("DELETE", `/budgets/${b.body.data.id}`)).status).toBe(200);
  });
});

describe(`quotes on ${DB_KIND}`, () => {
  const quote = (over: Record<string, unknown>) =>
    w.call("POST", "/quote", {
      network: "Preprod",
      agentIdentifier: w.agent(2),
      usage: { calls: "1", inputTokens: "1000000", outputTokens: "500000" },
      priceSheet: SHEET,
      ...over,
    });

  it("quotes by the charge function, with the free quota left and the minimum", async () => {
    const free = await quote({});
    expect(free.status, free.body.error?.message).toBe(200);
    expect(free.body.data).toMatchObject({
      unit: USDM,
      amount: "0",
      freeCallsLeft: "2",
      freeQuotaApplied: "1",
      minimumApplied: false,
      capped: false,
    });
    expect(free.body.data.breakdown[0]).toEqual({
      item: "calls",
      quantity: "1",
      price: "100000",
      per: "1",
      millionths: "100000000000",
    });
    // Three calls, two free: a third of 3 * 0.1 + 3 * 1 + 1.5 * 2 = 6.3 USDM, rounded up once.
    const some = await quote({
      usage: { calls: "3", inputTokens: "3000000", outputTokens: "1500000" },
    });
    expect(some.body.data).toMatchObject({ amount: "2100000", freeQuotaApplied: "2" });
    const capped = await quote({ usage: { calls: "3", inputTokens: "3000000" }, ceiling: "5" });
    expect(capped.body.data).toMatchObject({ amount: "5", capped: true });
  });

  it("the free quota counts this node's purchases of the agent, not expired ones", async () => {
    for (let i = 0; i < 2; i++) {
      const bought = await w.buy(w.agent(2), 1_000_000n);
      expect(bought.status, bought.body.error?.message).toBe(200);
    }
    const used = await quote({ usage: { calls: "1" } });
    expect(used.body.data).toMatchObject({
      freeCallsLeft: "0",
      freeQuotaApplied: "0",
      amount: "150000",
      minimumApplied: true,
    });
    const [first] = await w.database.db
      .select()
      .from(purchases)
      .where(eq(purchases.agentIdentifier, w.agent(2)))
      .limit(1);
    await w.database.db
      .update(purchases)
      .set({ state: "Expired" })
      .where(eq(purchases.id, first!.id));
    expect((await quote({ usage: { calls: "1" } })).body.data.freeCallsLeft).toBe("1");
    // Another agent's quota is its own.
    expect((await quote({ agentIdentifier: w.agent(3) })).body.data.freeCallsLeft).toBe("2");
  });

  it("quotes by the sheet stored with a purchase", async () => {
    const bought = await w.buy(w.agent(4), 5_000_000n, ADMIN, { priceSheet: SHEET });
    expect(bought.status, bought.body.error?.message).toBe(200);
    const id = bought.body.data.blockchainIdentifier;
    const res = await quote({
      agentIdentifier: w.agent(4),
      priceSheet: undefined,
      blockchainIdentifier: id,
    });
    expect(res.status, res.body.error?.message).toBe(200);
    expect(res.body.data.freeCallsLeft).toBe("1");
    const other = await quote({ priceSheet: undefined, blockchainIdentifier: id });
    expect([other.status, other.body.error.field]).toEqual([400, "blockchainIdentifier"]);
    const none = await quote({ priceSheet: undefined, blockchainIdentifier: "nope" });
    expect([none.status, none.body.error.field]).toEqual([404, "blockchainIdentifier"]);
  });

  const badQuotes: [string, Record<string, unknown>][] = [
    ["priceSheet", { priceSheet: undefined }],
    ["priceSheet.model", { priceSheet: { ...SHEET, model: "hourly" } }],
    ["priceSheet.basePrice", { priceSheet: { ...SHEET, basePrice: "0.5" } }],
    ["priceSheet.enabled", { priceSheet: { ...SHEET, enabled: false } }],
    ["usage.calls", { usage: { calls: "-1" } }],
    ["usage.custom.pages", { usage: { custom: { pages: "3" } } }],
    ["usage", { usage: undefined }],
    ["ceiling", { ceiling: "1e3" }],
    ["agentIdentifier", { agentIdentifier: "not-hex" }],
    ["network", { network: "Mainnet" }],
  ];
  it.each(badQuotes)("refuses a bad %s with a 400 naming it", async (field, over) => {
    const res = await quote(over);
    expect([res.status, res.body.error?.field], res.body.error?.message).toEqual([400, field]);
  });
});

describe(`preflight on ${DB_KIND}`, () => {
  const preflight = (over: Record<string, unknown>, token = ADMIN) =>
    w.call(
      "POST",
      "/preflight",
      { network: "Preprod", agentIdentifier: w.agent(5), ...over },
      token,
    );
  const usdm = (amount: string) => [{ unit: USDM, amount }];

  it("approves what the budgets allow and refuses a ceiling or an exhausted budget", async () => {
    const none = await preflight({ estimatedAmounts: usdm("999999999") });
    expect(none.body.data).toEqual({
      approved: true,
      remainingAmounts: [],
      estimatedAmounts: usdm("999999999"),
    });
    await budget({
      agentIdentifier: w.agent(5),
      limitAmount: "3000000",
      perRequestCeiling: "2000000",
    });
    const ok = await preflight({ estimatedAmounts: usdm("2000000") });
    expect(ok.body.data).toEqual({
      approved: true,
      remainingAmounts: usdm("3000000"),
      estimatedAmounts: usdm("2000000"),
    });
    const ceiling = await preflight({ estimatedAmounts: usdm("2000001") });
    expect(ceiling.body.data).toMatchObject({ approved: false, reason: "ceiling_exceeded" });
    expect((await w.buy(w.agent(5), 2_000_000n)).status).toBe(200);
    const exhausted = await preflight({ estimatedAmounts: usdm("1000001") });
    expect(exhausted.body.data).toMatchObject({
      approved: false,
      reason: "budget_exhausted",
      remainingAmounts: usdm("1000000"),
    });
    expect((await preflight({ estimatedAmounts: usdm("1000000") })).body.data.approved).toBe(true);
    // Lovelace is not limited by a USDM budget.
    const ada = await preflight({ estimatedAmounts: [{ unit: "", amount: "99000000" }] });
    expect(ada.body.data.approved).toBe(true);
  });

  it("a day budget is whole again when the UTC day rolls over", async () => {
    const agent = w.agent(6);
    await budget({ agentIdentifier: agent, limitAmount: "1000000" });
    expect((await w.buy(agent, 1_000_000n)).status).toBe(200);
    const ask = { agentIdentifier: agent, estimatedAmounts: usdm("1") };
    expect((await preflight(ask)).body.data).toMatchObject({
      approved: false,
      reason: "budget_exhausted",
      remainingAmounts: usdm("0"),
    });
    const saved = w.clock.ms;
    w.clock.ms = START_MS - (START_MS % DAY_MS) + DAY_MS;
    try {
      expect((await preflight(ask)).body.data).toMatchObject({
        approved: true,
        remainingAmounts: usdm("1000000"),
      });
      expect((await w.buy(agent, 1_000_000n)).status).toBe(200);
      expect((await preflight(ask)).body.data.approved).toBe(false);
    } finally {
      w.clock.ms = saved;
    }
    // The earlier day is still spent.
    expect((await preflight(ask)).body.data.approved).toBe(false);
  });

  it("prices usage by the sheet: once the free quota is used up, the budget refuses", async () => {
    const agent = w.agent(7);
    await budget({ agentIdentifier: agent, limitAmount: "100000" });
    const ask = {
      agentIdentifier: agent,
      usage: { calls: "1", inputTokens: "1000" },
      priceSheet: SHEET,
    };
    const free = await preflight(ask);
    expect(free.body.data).toEqual({
      approved: true,
      remainingAmounts: usdm("100000"),
      estimatedAmounts: usdm("0"),
    });
    for (let i = 0; i < 2; i++) expect((await w.buy(agent, 1n)).status).toBe(200);
    const billed = await preflight(ask);
    expect(billed.body.data).toMatchObject({
      approved: false,
      reason: "budget_exhausted",
      estimatedAmounts: usdm("150000"),
      remainingAmounts: usdm("99998"),
    });
  });

  it("a key's preflight reads its own budgets and the node's, not another key's", async () => {
    const a = await w.key({ canPay: true });
    const b = await w.key({ canPay: true });
    await budget({ apiKeyId: a.id, agentIdentifier: w.agent(8), limitAmount: "10" });
    const ask = { agentIdentifier: w.agent(8), estimatedAmounts: usdm("11") };
    expect((await preflight(ask, a.token)).body.data.reason).toBe("budget_exhausted");
    expect((await preflight(ask, b.token)).body.data.approved).toBe(true);
    expect((await preflight(ask)).body.data.approved).toBe(true);
  });

  it("needs exactly one of estimatedAmounts and usage, and well-formed amounts", async () => {
    const neither = await preflight({});
    expect([neither.status, neither.body.error.field]).toEqual([400, "estimatedAmounts"]);
    const both = await preflight({ estimatedAmounts: usdm("1"), usage: { calls: "1" } });
    expect([both.status, both.body.error.field]).toEqual([400, "estimatedAmounts"]);
    const frac = await preflight({ estimatedAmounts: usdm("1.5") });
    expect([frac.status, frac.body.error.field]).toEqual([400, "estimatedAmounts[0].amount"]);
    const noSheet = await preflight({ usage: { calls: "1" } });
    expect([noSheet.status, noSheet.body.error.field]).toEqual([400, "priceSheet"]);
  });
});
