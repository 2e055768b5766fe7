/**
 * The event routes through the app: admin only; targets created, listed, changed and removed
 * with their secrets never answered (a generated webhook secret once, at creation, and not in
 * an idempotent replay or the stored request); field-named 400s; the events list with its
 * filters and cursor; an event with its receipts; replay.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/api/app.ts";
import { eventTargets, idempotencyKeys, usageEvents } from "../src/db/schema.ts";
import { TARGETS_MAX } from "../src/services/event-targets.ts";
import { createApiKey } from "../src/services/api-keys.ts";
import { NO_CHAIN } from "./support/app-context.ts";
import { AGENT, eventBody, writeEvents } from "./support/delivery-events.ts";
import { freshDatabase, type TestDatabase } from "./support/db.ts";

const ADMIN = "admin-key-for-event-tests-0123456789";
const STRIPE_KEY = "sk_test_abcdefghijklmnopqrstuvwxyz0123";
const WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let readToken: string;

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
  // A key that may read and pay, not administer.
  const key = await createApiKey(database.db, {
    canRead: true,
    canPay: true,
    canAdmin: false,
    networks: ["preprod"],
    usageLimited: false,
    credits: [],
    nowMs: Date.now(),
  });
  readToken = key.token;
});
beforeEach(async () => {
  await database.db.delete(eventTargets);
  await database.db.delete(usageEvents);
});
afterAll(async () => {
  await database?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  opts: { token?: string; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = opts.token ?? ADMIN;
  if (token) headers.token = token;
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as any };
}

const AWS_CONFIG = {
  productCode: "prod1234",
  region: "us-east-1",
  customerBy: "buyerVkey",
  customers: {},
  dimensions: { "usage.recorded": "calls" },
  value: { source: "count" },
};
const webhook = (over: Record<string, unknown> = {}) => ({
  name: "billing",
  kind: "webhook",
  config: { url: "https://hooks.example.com/escrowd" },
  ...over,
});
const stripe = (over: Record<string, unknown> = {}) => ({
  name: "stripe",
  kind: "stripe",
  config: {
    eventName: "escrowd_usage",
    customerBy: "buyerVkey",
    customers: { ["bb".repeat(28)]: "cus_ABC123" },
    value: { source: "amount", unit: "lovelace" },
  },
  ...over,
});

describe("who may call", () => {
  it("answers 401 without a token and 403 for a key without admin", async () => {
    expect((await call("GET", "/event-targets", undefined, { token: "" })).status).toBe(401);
    expect((await call("GET", "/events", undefined, { token: "" })).status).toBe(401);
    expect((await call("GET", "/event-targets", undefined, { token: readToken })).status).toBe(403);
    expect((await call("GET", "/events", undefined, { token: readToken })).status).toBe(403);
    expect((await call("POST", "/events/replay", {}, { token: readToken })).status).toBe(403);
  });
});

describe("targets", () => {
  it("creates a webhook with a generated secret answered once, never again", async () => {
    const created = await call("POST", "/event-targets", webhook());
    expect(created.status).toBe(200);
    const secret = created.body.data.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.body.data).toMatchObject({
      kind: "webhook",
      hasSecret: true,
      eventTypes: ["*"],
    });
    const id = created.body.data.id as string;
    const listed = await call("GET", "/event-targets");
    const one = await call("GET", `/event-targets/${id}`);
    for (const r of [listed, one]) {
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(secret.slice(6, 30));
    }
    expect(one.body.data).toMatchObject({ id, name: "billing", hasSecret: true });
    expect(one.body.data.secret).toBeUndefined();
    const [row] = await database.db.select().from(eventTargets).where(eq(eventTargets.id, id));
    expect(row!.secret).not.toContain(secret.slice(6));
  });

  it("keeps a given secret out of answers, replays and the stored request", async () => {
    const first = await call("POST", "/event-targets", stripe({ secret: STRIPE_KEY }), {
      idempotencyKey: "create-stripe",
    });
    expect(first.status).toBe(200);
    expect(first.text).not.toContain(STRIPE_KEY);
    const again = await call("POST", "/event-targets", stripe({ secret: STRIPE_KEY }), {
      idempotencyKey: "create-stripe",
    });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(first.body.data.id);
    const other = await call("POST", "/event-targets", stripe({ secret: `${STRIPE_KEY}X` }), {
      idempotencyKey: "create-stripe",
    });
    expect(other.status).toBe(409);
    expect(other.body.error?.message ?? other.text).toMatch(/secret differs/);
    const stored = await database.db.select().from(idempotencyKeys);
    for (const s of stored) {
      expect(s.requestBody).not.toContain(STRIPE_KEY);
      expect(s.responseBody ?? "").not.toContain(STRIPE_KEY);
    }
  });

  it("does not replay a generated secret from an idempotent retry", async () => {
    const first = await call("POST", "/event-targets", webhook({ name: "w2" }), {
      idempotencyKey: "create-w2",
    });
    const again = await call("POST", "/event-targets", webhook({ name: "w2" }), {
      idempotencyKey: "create-w2",
    });
    expect(first.body.data.secret).toMatch(/^whsec_/);
    expect(again.status).toBe(200);
    expect(again.body.data.secret).toBeUndefined();
  });

  it("changes and removes a target; a rotation says until when the old secret holds", async () => {
    const id = (await call("POST", "/event-targets", webhook({ secret: WEBHOOK_SECRET }))).body.data
      .id as string;
    const rotated = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
    const patched = await call("PATCH", `/event-targets/${id}`, {
      secret: rotated,
      previousSecretValidForMs: 3_600_000,
      eventTypes: ["payment.funds_locked", "usage.recorded"],
      enabled: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.text).not.toContain(rotated);
    expect(patched.body.data).toMatchObject({
      enabled: false,
      eventTypes: ["payment.funds_locked", "usage.recorded"],
    });
    expect(Number(patched.body.data.previousSecretValidUntil)).toBeGreaterThan(Date.now());
    expect((await call("DELETE", `/event-targets/${id}`)).status).toBe(200);
    expect((await call("GET", `/event-targets/${id}`)).status).toBe(404);
    expect((await call("DELETE", `/event-targets/${id}`)).status).toBe(404);
  });

  it("refuses bad input with the field named, storing nothing", async () => {
    const cases: [unknown, string][] = [
      [webhook({ config: { url: "ftp://x.example" } }), "config.url"],
      [webhook({ config: { url: "https://user:pw@x.example" } }), "config.url"],
      [webhook({ config: { url: "https://x.example", extra: 1 } }), "config"],
      [webhook({ config: { url: "http://127.0.0.1:8080/hook" } }), "config.url"],
      [webhook({ config: { url: "http://[::ffff:169.254.169.254]/" } }), "config.url"],
      [webhook({ config: { url: "http://10.1.2.3/" } }), "config.url"],
      [webhook({ name: "" }), "name"],
      [webhook({ name: "a\u0001b" }), "name"],
      [webhook({ eventTypes: ["payment.nonsense"] }), "eventTypes[0]"],
      [webhook({ eventTypes: [] }), "eventTypes"],
      [webhook({ secret: "not-a-secret" }), "secret"],
      [webhook({ kind: "email" }), "kind"],
      [webhook({ surprise: true }), "body"],
      [stripe({ secret: "pk_test_abcdefghijklmnop" }), "secret"],
      [
        stripe({ config: { ...stripe().config, customers: { ["bb".repeat(28)]: "acct_1" } } }),
        `config.customers.${"bb".repeat(28)}`,
      ],
      [
        stripe({ config: { ...stripe().config, value: { source: "usage", key: "1bad" } } }),
        "config.value.key",
      ],
      [
        {
          ...stripe({ kind: "aws" }),
          config: {
            productCode: "p",
            region: "us-east-1",
            customerBy: "buyerVkey",
            customers: {},
            dimensions: { "usage.nope": "x" },
            value: { source: "count" },
          },
        },
        "config.dimensions",
      ],
      [
        {
          ...stripe({ kind: "aws" }),
          config: AWS_CONFIG,
          secret: { accessKeyId: "AKIAEXAMPLE12345678", secretAccessKey: "short" },
        },
        "secret.secretAccessKey",
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "/event-targets", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.field ?? res.body.field ?? res.text, JSON.stringify(body)).toContain(
        field,
      );
    }
    expect(await database.db.select().from(eventTargets)).toHaveLength(0);
  });

  it("refuses a second target of the same name and more than the cap", async () => {
    expect((await call("POST", "/event-targets", webhook())).status).toBe(200);
    const dup = await call("POST", "/event-targets", webhook());
    expect(dup.status).toBe(409);
    for (let i = 1; i < TARGETS_MAX; i++)
      expect((await call("POST", "/event-targets", webhook({ name: `t${i}` }))).status).toBe(200);
    const over = await call("POST", "/event-targets", webhook({ name: "one-too-many" }));
    expect(over.status).toBe(409);
    expect(over.text).toMatch(/at most 50/);
  });
});

describe("events", () => {
  it("pages oldest first with filters and a cursor", async () => {
    await writeEvents(database.db, [eventBody(1), eventBody(2)], 1_000);
    await writeEvents(database.db, [eventBody(3, "usage.recorded")], 2_000);
    await writeEvents(database.db, [eventBody(4, "purchase.funds_locked")], 3_000);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await call("GET", `/events?limit=3${q}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.events.map((e: { usageId: string }) => e.usageId));
      cursor = page.body.data.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const byType = await call("GET", "/events?type=usage.recorded");
    expect(byType.body.data.events.map((e: { type: string }) => e.type)).toEqual([
      "usage.recorded",
    ]);
    const byTime = await call("GET", "/events?from=1500&to=3000");
    expect(byTime.body.data.events).toHaveLength(2);
    const byIdentifier = await call("GET", "/events?blockchainIdentifier=bi-2");
    expect(byIdentifier.body.data.events).toHaveLength(1);
    const byAgent = await call("GET", `/events?agentIdentifier=${AGENT}`);
    expect(byAgent.body.data.events).toHaveLength(4);
    for (const [q, field] of [
      ["type=payment.bogus", "type"],
      ["from=-1", "from"],
      ["from=99999999999999999999", "from"],
      ["from=5&to=4", "to"],
      ["limit=0", "limit"],
      ["cursor=%00", "cursor"],
      ["agentIdentifier=XYZ", "agentIdentifier"],
    ] as const) {
      const res = await call("GET", `/events?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.text, q).toContain(field);
    }
  });

  it("shows an event with its receipts, and replays it", async () => {
    const target = (await call("POST", "/event-targets", stripe({ secret: STRIPE_KEY }))).body.data;
    const deferred = (await call("POST", "/event-targets", stripe({ name: "later" }))).body.data;
    const [e] = await writeEvents(database.db, [eventBody(9)]);
    const shown = await call("GET", `/events/${e!.usageId}`);
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({ usageId: e!.usageId, type: "payment.funds_locked" });
    const receipts = shown.body.data.receipts as { targetId: string; status: string }[];
    expect(receipts.map((r) => [r.targetId, r.status])).toEqual([
      [target.id, "pending"],
      [deferred.id, "deferred"],
    ]);
    expect((await call("GET", `/events/ue_${"0".repeat(48)}`)).status).toBe(404);
    expect((await call("GET", "/events/not-an-id")).status).toBe(400);
    const one = await call("POST", "/events/replay", { targetId: target.id, usageId: e!.usageId });
    expect(one.body.data).toEqual({ replayed: 1 });
    const range = await call("POST", "/events/replay", {
      targetId: target.id,
      from: 0,
      to: 10_000,
    });
    expect(range.body.data).toEqual({ replayed: 1 });
    const unknownTarget = await call("POST", "/events/replay", {
      targetId: "00000000-0000-4000-8000-000000000000",
      usageId: e!.usageId,
    });
    expect(unknownTarget.status).toBe(404);
    const both = await call("POST", "/events/replay", {
      targetId: target.id,
      usageId: e!.usageId,
      from: 0,
      to: 1,
    });
    expect(both.status).toBe(400);
    const noRange = await call("POST", "/events/replay", { targetId: target.id, from: 0 });
    expect(noRange.status).toBe(400);
    expect(noRange.text).toContain("to");
  });
});
