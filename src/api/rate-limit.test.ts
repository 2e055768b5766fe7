import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { NO_CHAIN } from "../../test/support/app-context.ts";
import { rateLimits } from "../db/schema.ts";
import { createApiKey } from "../services/api-keys.ts";
import { RATE_WINDOW_MS, SWEEP_ROWS_MAX } from "../services/rate-limits.ts";
import { createApp } from "./app.ts";
import { clientAddress } from "./rate-limit.ts";
import type { Context } from "hono";

const ADMIN = "admin-key-for-tests-0123456789";
let database: TestDatabase;
// In the middle of a window, so the window's end is 30 s away.
let clockMs = 1_700_000_010_000 - (1_700_000_010_000 % RATE_WINDOW_MS) + 30_000;

function app(limits: { authFailuresPerMinute: number; requestsPerMinute: number }) {
  return createApp({
    readiness: { ready: true, stage: "ready" },
    log: () => {},
    clockMs: () => clockMs,
    limits: { ...limits, idempotencyTtlMs: 86_400_000 },
    context: () => ({
      db: database.db,
      ...NO_CHAIN,
      adminKey: ADMIN,
      network: "preprod",
      encryptionKeyHex: "00".repeat(32),
    }),
  });
}

/** A request as @hono/node-server hands it over, from `address`. */
function from(a: ReturnType<typeof app>, address: string, token: string) {
  return a.request(
    "/api/v1/api-key-status",
    { headers: { token } },
    {
      incoming: { socket: { remoteAddress: address } },
    },
  );
}

async function newKey(): Promise<string> {
  const made = await createApiKey(database.db, {
    canRead: true,
    canPay: false,
    canAdmin: false,
    networks: ["preprod"],
    usageLimited: false,
    credits: [],
    nowMs: clockMs,
  });
  return made.token;
}

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`rate limits on ${DB_KIND}`, () => {
  it("a flood of wrong keys from one address is slowed with 429 and Retry-After", async () => {
    const a = app({ authFailuresPerMinute: 5, requestsPerMinute: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await from(a, "10.0.0.1", `escrowd_guess${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = await from(a, "10.0.0.1", "escrowd_guess");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(((await limited.json()) as any).error.message).toMatch(/failed authentications/);
    // Another address is counted on its own; a valid key from the limited one still works.
    expect((await from(a, "10.0.0.2", "escrowd_guess")).status).toBe(401);
    expect((await from(a, "10.0.0.1", await newKey())).status).toBe(200);
    // The next window starts afresh.
    clockMs += RATE_WINDOW_MS;
    expect((await from(a, "10.0.0.1", "escrowd_guess")).status).toBe(401);
  });

  it("an API key over its request limit gets 429; other keys and the admin key do not", async () => {
    const a = app({ authFailuresPerMinute: 0, requestsPerMinute: 3 });
    const busy = await newKey();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await from(a, "10.0.0.3", busy)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await from(a, "10.0.0.3", busy);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await from(a, "10.0.0.3", await newKey())).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await from(a, "10.0.0.3", ADMIN)).status).toBe(200);
  });

  it("a limit of 0 is off", async () => {
    const a = app({ authFailuresPerMinute: 0, requestsPerMinute: 0 });
    for (let i = 0; i < 10; i++) expect((await from(a, "10.0.0.4", "escrowd_x")).status).toBe(401);
  });

  it("counters of ended windows are swept, a bounded batch per failure", async () => {
    const a = app({ authFailuresPerMinute: 100, requestsPerMinute: 0 });
    const old = Array.from({ length: SWEEP_ROWS_MAX + 50 }, (_, i) => ({
      bucket: `auth-fail:old-${i}`,
      windowStartMs: clockMs - 10 * RATE_WINDOW_MS,
      count: 1,
    }));
    await database.db.insert(rateLimits).values(old);
    const left = async () =>
      (await database.db.select().from(rateLimits)).filter((r) => r.bucket.includes(":old-"))
        .length;
    await from(a, "10.0.0.5", "escrowd_x");
    expect(await left()).toBe(50);
    await from(a, "10.0.0.5", "escrowd_x");
    expect(await left()).toBe(0);
  });
});

describe("clientAddress", () => {
  const of = (remoteAddress: string | undefined) =>
    clientAddress({ env: { incoming: { socket: { remoteAddress } } } } as unknown as Context);
  it("counts IPv4 as itself, IPv6 by its /64, and a request without a socket as one bucket", () => {
    expect(of("192.0.2.7")).toBe("192.0.2.7");
    expect(of("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(of("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(of("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(of(undefined)).toBe("unknown");
    expect(clientAddress({ env: undefined } as unknown as Context)).toBe("unknown");
  });
});
