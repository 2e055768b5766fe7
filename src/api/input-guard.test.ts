import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { NO_CHAIN } from "../../test/support/app-context.ts";
import { apiKeys, idempotencyKeys, registryRequests } from "../db/schema.ts";
import { createApp } from "./app.ts";
import {
  BODY_DEPTH_MAX,
  bodyProblem,
  QUERY_PARAMS_MAX,
  QUERY_VALUE_LENGTH_MAX,
} from "./input-guard.ts";

const ADMIN = "admin-key-for-tests-0123456789";
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const logged: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  app = createApp({
    readiness: { ready: true, stage: "ready" },
    log: (l) => logged.push(l),
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

interface Sent {
  method?: string;
  body?: string;
  idempotencyKey?: string;
}

async function send(path: string, { method = "GET", body, idempotencyKey }: Sent = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", token: ADMIN };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  const res = await app.request(`/api/v1${path}`, { method, headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

async function rows(table: typeof idempotencyKeys | typeof apiKeys | typeof registryRequests) {
  const [row] = await database.db.select({ n: count() }).from(table);
  return row!.n;
}

function nested(depth: number): string {
  return '{"UsageCredits":' + "[".repeat(depth) + "]".repeat(depth) + "}";
}

describe(`hostile input at the door on ${DB_KIND}`, () => {
  it("raw NUL bytes in a body sent with an Idempotency-Key: 400, no key stored", async () => {
    const before = await rows(idempotencyKeys);
    const res = await send("/api-key", {
      method: "POST",
      body: '{"permission":"Read",\u0000"NetworkLimit":["Preprod"]}',
      idempotencyKey: "nul-bytes-1",
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      status: "error",
      error: { message: "body: not valid JSON", field: "body" },
    });
    expect(await rows(idempotencyKeys)).toBe(before);
  });

  it("a \\u0000 escape in a body string with an Idempotency-Key: 400 naming the JSON path", async () => {
    const before = { keys: await rows(idempotencyKeys), agents: await rows(registryRequests) };
    const res = await send("/registry", {
      method: "POST",
      body: JSON.stringify({ network: "Preprod", Author: { name: "Ada\u0000" }, Tags: ["a"] }),
      idempotencyKey: "nul-escape-1",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("Author.name");
    expect(res.body.error.message).toMatch(/NUL/);
    expect(await rows(idempotencyKeys)).toBe(before.keys);
    expect(await rows(registryRequests)).toBe(before.agents);
  });

  it("a NUL in a key of the body: 400 naming the key, escaped", async () => {
    const res = await send("/api-key", { method: "POST", body: '{"Network\\u0000Limit":[]}' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("Network\\u0000Limit");
  });

  for (const [path, field] of [
    ["/payment?cursorId=%00", "cursorId"],
    ["/purchase?cursorId=a%00b", "cursorId"],
    ["/payment?blockchainIdentifier=%00", "blockchainIdentifier"],
    ["/purchase?blockchainIdentifier=x%00", "blockchainIdentifier"],
    ["/registry-entry?tags=a,%00", "tags"],
    ["/registry-entry?capability=%00", "capability"],
    ["/registry-entry/search?q=%00", "q"],
    ["/api-key?cursorId=%00", "cursorId"],
    ["/registry?cursorId=%00", "cursorId"],
  ] as const) {
    it(`%00 in a query value that reaches SQL: GET ${path} is a 400 naming ${field}`, async () => {
      const res = await send(path);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toMatch(/NUL/);
    });
  }

  it("%00 in a query key or the path: 400", async () => {
    const key = await send("/registry-entry?ta%00gs=a");
    expect(key.status).toBe(400);
    expect(key.body.error.field).toBe("ta\\u0000gs");
    const path = await send("/payment%00");
    expect(path.status).toBe(400);
    expect(path.body.error.field).toBe("path");
  });

  for (const method of ["PATCH", "DELETE"]) {
    it(`\\u0000 in the id of ${method} /api-key: 400 naming id, nothing changed`, async () => {
      const before = await rows(apiKeys);
      const res = await send("/api-key", {
        method,
        body: JSON.stringify({ id: "key\u0000", status: "Revoked" }),
        idempotencyKey: `nul-id-${method}`,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe("id");
      expect(await rows(apiKeys)).toBe(before);
    });
  }

  it("a body nested 10,000 deep, replayed with the same Idempotency-Key: 400 both times", async () => {
    const body = nested(10_000);
    const before = await rows(idempotencyKeys);
    for (let i = 0; i < 2; i++) {
      const res = await send("/api-key", { method: "POST", body, idempotencyKey: "deep-1" });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`nested deeper than ${BODY_DEPTH_MAX} levels`);
      expect(res.body.error.field).toBe(`UsageCredits${"[0]".repeat(BODY_DEPTH_MAX - 1)}`);
    }
    expect(await rows(idempotencyKeys)).toBe(before);
    expect(logged.filter((l) => l.includes("unexpected error"))).toEqual([]);
  });

  it(`a body nested exactly ${BODY_DEPTH_MAX} levels passes the door`, async () => {
    const res = await send("/api-key", { method: "POST", body: nested(BODY_DEPTH_MAX - 1) });
    // The route's own schema refuses it; the guard let it through.
    expect(res.status).toBe(400);
    expect(res.body.error.message).not.toContain("nested deeper");
  });

  it("a lone surrogate in a body string: 400 naming the field", async () => {
    const res = await send("/api-key", { method: "PATCH", body: '{"id":"k\\ud800"}' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("id");
    expect(res.body.error.message).toMatch(/lone surrogate/);
  });

  it("a body that is not JSON: 400", async () => {
    const res = await send("/api-key", { method: "POST", body: "{permission: Read" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("body");
  });

  it("a query value over the cap: 400 naming it", async () => {
    const res = await send(`/registry-entry?capability=${"a".repeat(QUERY_VALUE_LENGTH_MAX + 1)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("capability");
  });

  it("refuses before authentication: no key and a NUL is a 400, not a 401", async () => {
    const res = await app.request("/api/v1/api-key", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "no-key-nul" },
      body: '{"permission":"Read\\u0000"}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.field).toBe("permission");
  });

  it(`more than ${QUERY_PARAMS_MAX} query values, or a NUL in a top-level string body: 400`, async () => {
    const many = Array.from({ length: QUERY_PARAMS_MAX + 1 }, (_, i) => `tags=t${i}`).join("&");
    const query = await send(`/registry-entry?${many}`);
    expect(query.status).toBe(400);
    expect(query.body.error.field).toBe("query");
    const top = await send("/api-key", { method: "DELETE", body: '"\\u0000"' });
    expect(top.status).toBe(400);
    expect(top.body.error.field).toBe("body");
  });

  it("reads the body once: a request with a key still works and replays", async () => {
    const body = JSON.stringify({ permission: "Read", NetworkLimit: ["Preprod"] });
    const first = await send("/api-key", { method: "POST", body, idempotencyKey: "fine-1" });
    expect(first.status).toBe(200);
    expect(first.body.data.permission).toBe("Read");
    const again = await app.request("/api/v1/api-key", {
      method: "POST",
      headers: { "content-type": "application/json", token: ADMIN, "idempotency-key": "fine-1" },
      body,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as any).data.id).toBe(first.body.data.id);
  });
});

describe("bodyProblem", () => {
  it("names the first problem in document order", () => {
    expect(bodyProblem({ a: ["ok", "x\u0000"], b: "\u0000" })).toEqual({
      field: "a[1]",
      message: "must not contain a NUL character (U+0000)",
    });
    expect(bodyProblem([{ ok: 1 }, null, 2, true])).toBeUndefined();
  });

  it("walks a million-deep value without recursion", () => {
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(bodyProblem(deep)?.message).toContain("nested deeper");
  });
});
