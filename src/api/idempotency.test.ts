import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { createApp } from "./app.ts";
import { onApiError } from "./errors.ts";
import { firstDifference, idempotency, IN_PROGRESS_STALE_MS } from "./idempotency.ts";
import { NO_CHAIN } from "../../test/support/app-context.ts";
import { apiKeys, idempotencyKeys } from "../db/schema.ts";
import { requestDb } from "../db/request-tx.ts";
import { identify } from "./auth.ts";
import { createApiKey } from "../services/api-keys.ts";

let database: TestDatabase;
let nowMs = 1_700_000_000_000;
let handled = 0;
let failNext = false;
let failAfterWrite = false;
/** While set, /thing waits until the test releases it; each waiting request adds its resolver. */
let holding = false;
const waiting: (() => void)[] = [];

/** The admin key of the test app, and a second caller's API key (made in beforeAll). */
const T1 = "admin-key-for-tests-0123456789";
let t2 = "";
const NO_LIMITS = { authFailuresPerMinute: 0, requestsPerMinute: 0, clockMs: () => nowMs };

function testApp() {
  const app = new Hono();
  app.use(
    "*",
    identify(() => ({ db: database.db, adminKey: T1, network: "preprod" }), NO_LIMITS),
  );
  app.use(
    "*",
    idempotency(
      () => database.db,
      () => nowMs,
    ),
  );
  app.post("/thing", async (c) => {
    handled++;
    if (failNext) {
      failNext = false;
      return c.json({ status: "error" }, 500);
    }
    if (!holding) {
      const body = await c.req.json();
      return c.json({ status: "success", data: { n: handled, echo: body } }, 201);
    }
    await new Promise<void>((r) => waiting.push(r));
    return c.json({ status: "success" });
  });
  app.post("/other", (c) => c.json({ ok: true }));
  // Writes a row through the request's database, as the node's routes do.
  app.post("/write", async (c) => {
    handled++;
    await requestDb(database.db)
      .insert(apiKeys)
      .values({
        id: `written-${handled}`,
        tokenHash: `hash-${handled}`,
        tokenPrefix: "written",
        canRead: true,
        canPay: false,
        canAdmin: false,
        networks: ["preprod"],
        usageLimited: false,
        status: "Active",
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
      });
    if (failAfterWrite) {
      failAfterWrite = false;
      return c.json({ status: "error" }, 500);
    }
    return c.json({ status: "success" }, 201);
  });
  app.onError(onApiError(() => {}));
  return app;
}

beforeAll(async () => {
  database = await freshDatabase();
  const second = await createApiKey(database.db, {
    canRead: true,
    canPay: true,
    canAdmin: false,
    networks: ["preprod"],
    usageLimited: false,
    credits: [],
    nowMs,
  });
  t2 = second.token;
});
afterAll(async () => {
  await database?.close();
});

const post = (app: Hono, path: string, key: string | undefined, body: unknown, token = T1) =>
  app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      token,
      ...(key ? { "idempotency-key": key } : {}),
    },
    body: JSON.stringify(body),
  });

describe("firstDifference", () => {
  it("names the first differing path, or nothing for equal values", () => {
    expect(firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBeUndefined();
    expect(firstDifference({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] })).toBe("b[1]");
    expect(firstDifference({ a: { x: "1" } }, { a: { x: "1", y: 2 } })).toBe("a.y");
    expect(firstDifference({ a: 1 }, [1])).toBe("body");
  });
});

describe(`Idempotency-Key on ${DB_KIND}`, () => {
  const app = testApp();

  it("returns the first answer to a retry without running the handler again", async () => {
    const before = handled;
    const first = await post(app, "/thing", "k1", { amount: "10" });
    const again = await post(app, "/thing", "k1", { amount: "10" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(handled).toBe(before + 1);
  });

  it("answers 409 naming the field when the body differs", async () => {
    const res = await post(app, "/thing", "k1", { amount: "11" });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      status: "error",
      error: {
        message: "Idempotency-Key reused with a different body: amount differs",
        field: "amount",
      },
    });
  });

  it("answers 409 when the key was used on another route", async () => {
    const res = await post(app, "/other", "k1", { amount: "10" });
    expect(res.status).toBe(409);
  });

  it("keeps keys of different callers apart", async () => {
    const before = handled;
    const res = await post(app, "/thing", "k1", { amount: "99" }, t2);
    expect(res.status).toBe(201);
    expect(handled).toBe(before + 1);
  });

  it("does not store a 5xx: the retry runs again", async () => {
    failNext = true;
    const before = handled;
    expect((await post(app, "/thing", "k5", { a: 1 })).status).toBe(500);
    expect((await post(app, "/thing", "k5", { a: 1 })).status).toBe(201);
    expect(handled).toBe(before + 2);
  });

  it("a retry while the first request runs: 409 (PostgreSQL) or waits for its answer (PGlite)", async () => {
    // PGlite has one connection, which the first request's transaction holds until it answers.
    if (DB_KIND === "postgres") await concurrentOnPostgres();
    else await concurrentOnPglite();
  });

  it("a request that died before answering left no work behind: its retry does it once", async () => {
    // What a process killed mid-request leaves: the claim, no answer, no work (rolled back).
    const before = handled;
    const marks = await database.db.select().from(apiKeys);
    await database.db.insert(idempotencyKeys).values({
      principalId: "admin",
      key: "k7",
      route: "POST /write",
      requestBody: JSON.stringify({ a: 1 }),
      createdAtMs: nowMs,
      status: null,
      responseBody: null,
    });
    expect((await post(app, "/write", "k7", { a: 1 })).status).toBe(409);
    nowMs += IN_PROGRESS_STALE_MS + 1;
    const res = await post(app, "/write", "k7", { a: 1 });
    expect(res.status).toBe(201);
    expect((await post(app, "/write", "k7", { a: 1 })).headers.get("idempotent-replayed")).toBe(
      "true",
    );
    expect(handled).toBe(before + 1);
    expect(await database.db.select().from(apiKeys)).toHaveLength(marks.length + 1);
  });

  it("rolls back the work of a request answered with a 5xx", async () => {
    const count = (await database.db.select().from(apiKeys)).length;
    failAfterWrite = true;
    expect((await post(app, "/write", "k6", { a: 1 })).status).toBe(500);
    expect(await database.db.select().from(apiKeys)).toHaveLength(count);
    expect((await post(app, "/write", "k6", { a: 1 })).status).toBe(201);
    expect(await database.db.select().from(apiKeys)).toHaveLength(count + 1);
  });

  it("refuses an over-long key", async () => {
    const res = await post(app, "/thing", "x".repeat(300), {});
    expect(res.status).toBe(400);
  });
});

describe(`Idempotency-Key on API key creation (${DB_KIND})`, () => {
  it("replays the creation without the token, which is shown only once", async () => {
    const admin = "admin-key-for-tests-0123456789";
    const app = createApp({
      readiness: { ready: true, stage: "ready" },
      log: () => {},
      context: () => ({
        db: database.db,
        ...NO_CHAIN,
        adminKey: admin,
        network: "preprod",
        encryptionKeyHex: "00".repeat(32),
      }),
    });
    const first = (await (await post(app, "/api/v1/api-key", "create-1", {}, admin)).json()) as any;
    const again = (await (await post(app, "/api/v1/api-key", "create-1", {}, admin)).json()) as any;
    expect(first.data.token).toMatch(/^escrowd_/);
    expect(again.data.id).toBe(first.data.id);
    expect(again.data.token).toBeUndefined();
    const stored = JSON.stringify(await database.db.query.idempotencyKeys.findMany());
    expect(stored).not.toContain(first.data.token);
  });
});

/** Waits (at most 5 s) until the handler has been entered `count` times in all. */
async function handlerReached(count: number) {
  for (let i = 0; i < 500 && handled < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(handled).toBe(count);
}

async function concurrentOnPostgres() {
  const app = testApp();
  holding = true;
  const before = handled;
  const slow = post(app, "/thing", "k9", { a: 1 });
  await handlerReached(before + 1);
  const concurrent = await post(app, "/thing", "k9", { a: 1 });
  expect(concurrent.status).toBe(409);
  expect(((await concurrent.json()) as any).error.message).toMatch(/still being handled/);
  nowMs += IN_PROGRESS_STALE_MS + 1;
  // The first request is now presumed dead; a retry takes its claim over and runs.
  const takeover = post(app, "/thing", "k9", { a: 1 });
  await handlerReached(before + 2);
  holding = false;
  for (const resolve of waiting.splice(0)) resolve();
  expect((await slow).status).toBe(200);
  expect((await takeover).status).toBe(200);
  expect(handled).toBe(before + 2);
}

async function concurrentOnPglite() {
  const app = testApp();
  holding = true;
  const before = handled;
  const slow = post(app, "/thing", "k8", { a: 1 });
  await new Promise((r) => setTimeout(r, 50));
  const concurrent = post(app, "/thing", "k8", { a: 1 });
  await new Promise((r) => setTimeout(r, 50));
  holding = false;
  for (const resolve of waiting.splice(0)) resolve();
  expect((await slow).status).toBe(200);
  const again = await concurrent;
  expect(again.status).toBe(200);
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  expect(handled).toBe(before + 1);
}

describe(`Idempotency-Key after authentication (${DB_KIND})`, () => {
  const admin = "admin-key-for-tests-0123456789";
  let clock = 1_700_000_000_000;
  const ttlMs = 3_600_000;
  const app = () =>
    createApp({
      readiness: { ready: true, stage: "ready" },
      log: () => {},
      nowMs: () => clock,
      limits: { authFailuresPerMinute: 0, requestsPerMinute: 0, idempotencyTtlMs: ttlMs },
      context: () => ({
        db: database.db,
        ...NO_CHAIN,
        adminKey: admin,
        network: "preprod",
        encryptionKeyHex: "00".repeat(32),
      }),
    });
  const rows = async () => (await database.db.select().from(idempotencyKeys)).length;
  const send = (token: string | undefined, key: string, body: unknown, bearer = false) =>
    app().request("/api/v1/api-key", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": key,
        ...(token === undefined ? {} : bearer ? { authorization: `Bearer ${token}` } : { token }),
      },
      body: JSON.stringify(body),
    });
  const newAdminKey = async () =>
    ((await (await send(admin, `make-${clock++}`, { permission: "Admin" })).json()) as any).data;

  it("revoked key cannot replay a stored answer", async () => {
    const key = await newAdminKey();
    const first = await send(key.token, "made-by-revoked", { permission: "Read" });
    expect(first.status).toBe(200);
    const replay = await send(key.token, "made-by-revoked", { permission: "Read" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const revoked = await app().request("/api/v1/api-key", {
      method: "DELETE",
      headers: { token: admin, "content-type": "application/json" },
      body: JSON.stringify({ id: key.id }),
    });
    expect(revoked.status).toBe(200);
    const after = await send(key.token, "made-by-revoked", { permission: "Read" });
    expect(after.status).toBe(401);
    expect(after.headers.get("idempotent-replayed")).toBeNull();
    expect(JSON.stringify(await after.json())).not.toContain("Read");
  });

  it("anonymous bodies are never stored", async () => {
    const before = await rows();
    const big = { padding: "x".repeat(240 * 1024) };
    for (let i = 0; i < 5; i++) {
      expect((await send(undefined, `anon-${i}`, big)).status).toBe(401);
      expect((await send("escrowd_not_a_key", `wrong-${i}`, big)).status).toBe(401);
    }
    expect(await rows()).toBe(before);
  });

  it("a request refused for its permission stores nothing", async () => {
    const made = await send(admin, `make-read-${clock++}`, { permission: "Read" });
    const readKey = ((await made.json()) as any).data.token;
    const before = await rows();
    const refused = await send(readKey, "not-allowed", { permission: "Admin" });
    expect(refused.status).toBe(403);
    expect(await rows()).toBe(before);
  });

  it("the same key sent as token or as Bearer is one caller", async () => {
    const key = await newAdminKey();
    const viaHeader = await send(key.token, "one-caller", { permission: "Read" });
    const viaBearer = await send(key.token, "one-caller", { permission: "Read" }, true);
    expect(viaHeader.status).toBe(200);
    expect(viaBearer.headers.get("idempotent-replayed")).toBe("true");
    expect(((await viaBearer.json()) as any).data.id).toBe(
      ((await viaHeader.json()) as any).data.id,
    );
  });

  it("a stored answer expires after the TTL: the retry runs again", async () => {
    const first = (await (await send(admin, "expiring", { permission: "Read" })).json()) as any;
    clock += ttlMs - 1;
    const within = await send(admin, "expiring", { permission: "Read" });
    expect(within.headers.get("idempotent-replayed")).toBe("true");
    clock += 1;
    const after = await send(admin, "expiring", { permission: "Read" });
    expect(after.status).toBe(200);
    expect(after.headers.get("idempotent-replayed")).toBeNull();
    expect(((await after.json()) as any).data.id).not.toBe(first.data.id);
  });

  it("expired answers are swept, a bounded batch per stored request", async () => {
    const old = Array.from({ length: 250 }, (_, i) => ({
      principalId: "admin",
      key: `old-${i}`,
      route: "POST /api/v1/api-key",
      requestBody: "{}",
      status: 200,
      responseBody: "{}",
      createdAtMs: clock - ttlMs - 1,
    }));
    await database.db.insert(idempotencyKeys).values(old);
    const expired = async () =>
      (await database.db.select().from(idempotencyKeys)).filter((r) => r.key.startsWith("old-"))
        .length;
    expect(await expired()).toBe(250);
    await send(admin, `sweeper-${clock}`, { permission: "Read" });
    expect(await expired()).toBe(50);
    await send(admin, `sweeper-2-${clock}`, { permission: "Read" });
    expect(await expired()).toBe(0);
  });
});
