import { createHash } from "node:crypto";
import { connect } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { NO_CHAIN } from "../../test/support/app-context.ts";
import { createApp } from "./app.ts";
import { onApiError } from "./errors.ts";

const ADMIN = "admin-key-for-tests-0123456789";
let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`error logs on ${DB_KIND}`, () => {
  it("a failed query logs neither a key, its hash nor the request's body", async () => {
    const logged: string[] = [];
    const app = createApp({
      readiness: { ready: true, stage: "ready" },
      log: (l) => logged.push(l),
      limits: { authFailuresPerMinute: 0, requestsPerMinute: 0, idempotencyTtlMs: 86_400_000 },
      context: () => ({
        db: database.db,
        ...NO_CHAIN,
        adminKey: ADMIN,
        network: "preprod",
        encryptionKeyHex: "00".repeat(32),
      }),
    });
    const token = "escrowd_secret-token-that-must-not-be-logged";
    const body = JSON.stringify({ permission: "Read", note: "body-that-must-not-be-logged" });
    // Without its table the key lookup fails, with the token's hash among the query's params.
    await database.db.execute(sql`alter table api_keys rename to api_keys_away`);
    try {
      const res = await app.request("/api/v1/api-key", {
        method: "POST",
        headers: { token, "content-type": "application/json", "idempotency-key": "k" },
        body,
      });
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).not.toContain("api_keys");
    } finally {
      await database.db.execute(sql`alter table api_keys_away rename to api_keys`);
    }
    const text = logged.join("\n");
    expect(text).toMatch(/unexpected error on POST \/api\/v1\/api-key: database error/);
    const hash = createHash("sha256").update(token).digest("hex");
    for (const secret of [token, hash, "body-that-must-not-be-logged", "select", "params"])
      expect(text).not.toContain(secret);
  });

  it("a value quoted by the database's own message is not logged", async () => {
    const logged: string[] = [];
    const app = new Hono();
    app.post("/boom", async () => {
      await database.db.execute(sql`select ${"mnemonic words that must stay secret"}::integer`);
      return new Response("unreachable");
    });
    app.onError(onApiError((l) => logged.push(l)));
    expect((await app.request("/boom", { method: "POST" })).status).toBe(500);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/database error \(.*SQLSTATE 22P02/);
    expect(logged[0]).not.toContain("mnemonic");
  });

  it("a client that hung up is one short line, without a stack", async () => {
    const logged: string[] = [];
    const app = new Hono();
    app.post("/upload", () => {
      throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    });
    app.onError(onApiError((l) => logged.push(l)));
    await app.request("/upload", { method: "POST" });
    expect(logged).toEqual(["api: client went away during POST /upload"]);
  });

  it("a client that hangs up mid-body on a real server is one short line", async () => {
    const logged: string[] = [];
    const app = createApp({
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
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
    });
    try {
      const { port } = server.address() as { port: number };
      const socket = connect(port, "127.0.0.1");
      await new Promise<void>((r) => socket.once("connect", () => r()));
      socket.write(
        "POST /api/v1/api-key HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n" +
          `token: ${ADMIN}\r\nidempotency-key: gone\r\ncontent-length: 100000\r\n\r\n{"permission":`,
      );
      await new Promise((r) => setTimeout(r, 100));
      socket.destroy();
      for (let i = 0; i < 50 && logged.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(logged).toEqual(["api: client went away during POST /api/v1/api-key"]);
  });

  it("an unexpected error of the node's own keeps its message and stack frames", async () => {
    const logged: string[] = [];
    const app = new Hono();
    app.get("/bug", () => {
      throw new TypeError("x is undefined");
    });
    app.onError(onApiError((l) => logged.push(l)));
    expect((await app.request("/bug")).status).toBe(500);
    expect(logged[0]).toMatch(/TypeError: x is undefined\n\s+at /);
  });
});
