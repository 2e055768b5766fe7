import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { createApp } from "./app.ts";
import { NO_CHAIN } from "../../test/support/app-context.ts";
import { apiKeys } from "../db/schema.ts";

const ADMIN = "admin-key-for-tests-0123456789";
const USDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
let database: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await freshDatabase();
  app = createApp({
    readiness: { ready: true, stage: "ready" },
    log: () => {},
    context: () => ({
      db: database.db,
      ...NO_CHAIN,
      adminKey: ADMIN,
      network: "preprod",
      encryptionKeyHex: "00".repeat(32),
    }),
  });
});
afterAll(async () => {
  await database?.close();
});

async function call(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.token = token;
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe(`API keys on ${DB_KIND}`, () => {
  let payToken: string;
  let payId: string;

  it("lets the admin key create a pay key, whose token is shown once", async () => {
    const created = await call("POST", "/api-key", ADMIN, {
      permission: "ReadAndPay",
      UsageCredits: [
        { unit: USDM, amount: "5000000" },
        { unit: "", amount: "1000000" },
      ],
      NetworkLimit: ["Preprod"],
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({
      permission: "ReadAndPay",
      canRead: true,
      canPay: true,
      canAdmin: false,
      usageLimited: true,
      NetworkLimit: ["Preprod"],
      status: "Active",
      RemainingUsageCredits: [
        { unit: USDM, amount: "5000000" },
        { unit: "lovelace", amount: "1000000" },
      ].sort((a, b) => a.unit.localeCompare(b.unit)),
    });
    payToken = created.body.data.token;
    payId = created.body.data.id;
    expect(payToken).toMatch(/^escrowd_/);
    const listed = await call("GET", "/api-key?take=10", ADMIN);
    expect(JSON.stringify(listed.body)).not.toContain(payToken);
    expect(listed.body.data.ApiKeys.map((k: { id: string }) => k.id)).toContain(payId);
  });

  it("authenticates with the token header or a bearer token", async () => {
    const viaHeader = await call("GET", "/api-key-status", payToken);
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.data.id).toBe(payId);
    const res = await app.request("/api/v1/api-key-status", {
      headers: { authorization: `Bearer ${payToken}` },
    });
    expect(res.status).toBe(200);
  });

  it("refuses a missing or unknown token with 401", async () => {
    expect((await call("GET", "/api-key-status")).status).toBe(401);
    expect((await call("GET", "/api-key-status", "escrowd_nope")).status).toBe(401);
    expect((await call("GET", "/api-key-status", "x".repeat(5000))).status).toBe(401);
  });

  it("does not let a pay key escalate: no admin routes", async () => {
    const res = await call("POST", "/api-key", payToken, { permission: "Admin" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/admin permission/);
    expect(
      (await call("PATCH", "/api-key", payToken, { id: payId, status: "Active" })).status,
    ).toBe(403);
  });

  it("refuses a key limited to another network", async () => {
    const created = await call("POST", "/api-key", ADMIN, { NetworkLimit: ["Mainnet"] });
    const res = await call("GET", "/api-key-status", created.body.data.token);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not allowed on preprod/);
  });

  it("adds and removes credits, never below zero", async () => {
    const ok = await call("PATCH", "/api-key", ADMIN, {
      id: payId,
      UsageCreditsToAddOrRemove: [{ unit: USDM, amount: "-2000000" }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.RemainingUsageCredits).toContainEqual({ unit: USDM, amount: "3000000" });
    const tooMuch = await call("PATCH", "/api-key", ADMIN, {
      id: payId,
      UsageCreditsToAddOrRemove: [{ unit: USDM, amount: "-3000001" }],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.field).toBe("UsageCreditsToAddOrRemove");
    const after = await call("GET", "/api-key-status", payToken);
    expect(after.body.data.RemainingUsageCredits).toContainEqual({ unit: USDM, amount: "3000000" });
  });

  it.each([
    [{ permission: "Root" }, "permission"],
    [{ UsageCredits: [{ unit: "xyz", amount: "1" }] }, "UsageCredits[0].unit"],
    [{ UsageCredits: [{ unit: "", amount: "-1" }] }, "UsageCredits[0].amount"],
    [{ UsageCredits: [{ unit: "", amount: "1.5" }] }, "UsageCredits[0].amount"],
    [{ NetworkLimit: ["Testnet"] }, "NetworkLimit[0]"],
  ])("refuses %j with a 400 naming %s", async (body, field) => {
    const res = await call("POST", "/api-key", ADMIN, body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it("answers 400 for a body that is not JSON and 404 for an unknown key", async () => {
    const res = await app.request("/api/v1/api-key", {
      method: "POST",
      headers: { token: ADMIN, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await call("DELETE", "/api-key", ADMIN, { id: "missing" })).status).toBe(404);
  });

  const MAX = "9223372036854775807";
  const keyCount = async () => (await database.db.select().from(apiKeys)).length;

  it("credits above 2^63-1 are refused naming the field, and nothing is stored", async () => {
    const before = await keyCount();
    const over = await call("POST", "/api-key", ADMIN, {
      UsageCredits: [{ unit: "", amount: "9223372036854775808" }],
    });
    expect(over.status).toBe(400);
    expect(over.body.error.field).toBe("UsageCredits[0].amount");
    expect(over.body.error.message).toMatch(/2\^63-1/);
    expect(await keyCount()).toBe(before);
  });

  it("two credit entries that merge past 2^63-1 are refused, and nothing is stored", async () => {
    const before = await keyCount();
    const merged = await call("POST", "/api-key", ADMIN, {
      UsageCredits: [
        { unit: "", amount: MAX },
        { unit: "lovelace", amount: "1" },
      ],
    });
    expect(merged.status).toBe(400);
    expect(merged.body.error.field).toBe("UsageCredits");
    expect(merged.body.error.message).toMatch(/lovelace would pass 9223372036854775807/);
    expect(await keyCount()).toBe(before);
  });

  it("a PATCH that pushes a balance past 2^63-1 is refused, and the balance is unchanged", async () => {
    const made = await call("POST", "/api-key", ADMIN, {
      UsageCredits: [{ unit: "", amount: "9223372036854775000" }],
    });
    const id = made.body.data.id;
    const pushed = await call("PATCH", "/api-key", ADMIN, {
      id,
      UsageCreditsToAddOrRemove: [{ unit: "", amount: "1000" }],
    });
    expect(pushed.status).toBe(400);
    expect(pushed.body.error.field).toBe("UsageCreditsToAddOrRemove");
    expect(pushed.body.error.message).toMatch(/lovelace would pass/);
    const split = await call("PATCH", "/api-key", ADMIN, {
      id,
      UsageCreditsToAddOrRemove: [
        { unit: "", amount: "800" },
        { unit: "lovelace", amount: "800" },
      ],
    });
    expect(split.status).toBe(400);
    const huge = await call("PATCH", "/api-key", ADMIN, {
      id,
      UsageCreditsToAddOrRemove: [{ unit: "", amount: "-9999999999999999999" }],
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.field).toBe("UsageCreditsToAddOrRemove[0].amount");
    const listed = await call("GET", "/api-key?take=100", ADMIN);
    const row = listed.body.data.ApiKeys.find((k: { id: string }) => k.id === id);
    expect(row.RemainingUsageCredits).toEqual([
      { unit: "lovelace", amount: "9223372036854775000" },
    ]);
  });

  it("revokes a key: its token stops working at once", async () => {
    const del = await call("DELETE", "/api-key", ADMIN, { id: payId });
    expect(del.body.data.status).toBe("Revoked");
    expect((await call("GET", "/api-key-status", payToken)).status).toBe(401);
  });
});

describe("while the node starts", () => {
  it("answers 503 on authenticated routes", async () => {
    const starting = createApp({
      readiness: { ready: false, stage: "starting the devnet" },
      log: () => {},
      context: () => undefined,
    });
    const res = await starting.request("/api/v1/api-key-status", { headers: { token: ADMIN } });
    expect(res.status).toBe(503);
  });
});
