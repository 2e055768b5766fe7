/**
 * The client's fetch layer without a node: idempotency keys on writes, retries that honour
 * Retry-After and stay bounded, the requests that must not be repeated, and unwrap's refusals.
 */
import { describe, expect, it } from "vitest";
import { createClient, EscrowdError, retryAfterMs, retryingFetch, unwrap } from "./client.ts";

type Seen = { method: string; key: string | null; body: string };

/** A fetch that answers from `answers` in order and records what it was sent. */
function scripted(answers: (Response | Error)[]) {
  const seen: Seen[] = [];
  const fetch = async (request: Request) => {
    seen.push({
      method: request.method,
      key: request.headers.get("idempotency-key"),
      body: await request.text(),
    });
    const next = answers.shift();
    if (next === undefined) throw new Error("no answer left");
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, seen };
}

const ok = () => Response.json({ status: "success", data: { n: 1 } });
const busy = (retryAfter?: string, status = 503) =>
  new Response("{}", {
    status,
    headers: retryAfter === undefined ? {} : { "retry-after": retryAfter },
  });
const post = (url = "http://node/api/v1/x", init: RequestInit = {}) =>
  new Request(url, { method: "POST", body: '{"a":1}', ...init });

describe("idempotency keys", () => {
  it("adds one to writes, keeps the caller's, and sends the same one on every retry", async () => {
    const s = scripted([busy("0"), busy("0"), ok()]);
    const res = await retryingFetch(s.fetch, { baseDelayMs: 1 })(post());
    expect(res.status).toBe(200);
    expect(s.seen).toHaveLength(3);
    expect(s.seen[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(s.seen.map((x) => x.key)).size).toBe(1);
    expect(s.seen.every((x) => x.body === '{"a":1}')).toBe(true);

    const own = scripted([ok()]);
    await retryingFetch(own.fetch)(post(undefined, { headers: { "Idempotency-Key": "mine" } }));
    expect(own.seen[0]!.key).toBe("mine");
  });

  it("adds none to reads, nor when turned off", async () => {
    const s = scripted([ok(), ok()]);
    await retryingFetch(s.fetch)(new Request("http://node/api/v1/x"));
    await retryingFetch(s.fetch, { idempotencyKeys: false })(post());
    expect(s.seen.map((x) => x.key)).toEqual([null, null]);
  });
});

describe("retries", () => {
  it("stops after the attempts allowed and answers the last refusal", async () => {
    const s = scripted([busy("0"), busy("0"), busy("0"), ok()]);
    const res = await retryingFetch(s.fetch, { attempts: 3 })(post());
    expect(res.status).toBe(503);
    expect(s.seen).toHaveLength(3);
  });

  it("waits what Retry-After asks, and answers at once when it asks more than maxDelayMs", async () => {
    const s = scripted([busy("1"), ok()]);
    const started = Date.now();
    expect((await retryingFetch(s.fetch)(post())).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    const long = scripted([busy("120"), ok()]);
    const res = await retryingFetch(long.fetch, { maxDelayMs: 1000 })(post());
    expect(res.status).toBe(503);
    expect(long.seen).toHaveLength(1);
  });

  it("repeats a write without a key only after a 429, and retries network failures of reads", async () => {
    const unkeyed = scripted([busy("0"), ok()]);
    expect((await retryingFetch(unkeyed.fetch, { idempotencyKeys: false })(post())).status).toBe(
      503,
    );
    const limited = scripted([busy("0", 429), ok()]);
    expect((await retryingFetch(limited.fetch, { idempotencyKeys: false })(post())).status).toBe(
      200,
    );
    const lostWrite = scripted([new TypeError("socket hang up"), ok()]);
    await expect(
      retryingFetch(lostWrite.fetch, { idempotencyKeys: false })(post()),
    ).rejects.toThrow("socket hang up");
    const lostRead = scripted([new TypeError("socket hang up"), ok()]);
    const read = await retryingFetch(lostRead.fetch, { baseDelayMs: 1 })(
      new Request("http://node/api/v1/x"),
    );
    expect(read.status).toBe(200);
  });

  it("does not retry what a retry cannot change", async () => {
    for (const status of [400, 401, 403, 404, 409, 500]) {
      const s = scripted([new Response("{}", { status }), ok()]);
      expect((await retryingFetch(s.fetch)(post())).status).toBe(status);
      expect(s.seen).toHaveLength(1);
    }
  });

  it("reads Retry-After as seconds or as a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(new Date(1000).toUTCString(), 4000)).toBe(0);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs("-1")).toBeUndefined();
  });
});

describe("the typed client", () => {
  it("sends the token, and unwraps data or the node's refusal with its field", async () => {
    const s = scripted([
      ok(),
      Response.json(
        { status: "error", error: { message: "must be Preprod or Mainnet", field: "network" } },
        { status: 400 },
      ),
    ]);
    const seenTokens: (string | null)[] = [];
    const client = createClient({
      baseUrl: "http://node/",
      token: "secret-token",
      fetch: (r) => {
        seenTokens.push(r.headers.get("token"));
        return s.fetch(r);
      },
    });
    expect(client.baseUrl).toBe("http://node");
    expect(await unwrap(client.GET("/api/v1/health"))).toEqual({ n: 1 });
    const refused = await unwrap(
      client.POST("/api/v1/purchase/release", {
        body: { network: "Preprod", blockchainIdentifier: "x" },
      }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EscrowdError);
    expect(refused).toMatchObject({ status: 400, field: "network" });
    expect(String((refused as Error).message)).toBe(
      "400: must be Preprod or Mainnet (field network)",
    );
    expect(seenTokens).toEqual(["secret-token", "secret-token"]);
    expect(s.seen[1]!.key).not.toBeNull();
  });
});
