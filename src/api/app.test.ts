import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import type { Readiness } from "./health.ts";

function app(readiness: Readiness) {
  const logged: string[] = [];
  return {
    app: createApp({ readiness, log: (l) => logged.push(l), context: () => undefined }),
    logged,
  };
}

describe("GET /api/v1/health", () => {
  it("answers 503 with the stage while the node starts", async () => {
    const res = await app({ ready: false, stage: "starting the devnet" }).app.request(
      "/api/v1/health",
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "error",
      error: { message: "starting: starting the devnet" },
    });
  });

  it("answers the Masumi shape once ready", async () => {
    const res = await app({ ready: true, stage: "ready" }).app.request("/api/v1/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "success", data: { status: "ok" } });
  });
});

describe("unknown routes and large bodies", () => {
  it("answers 404 in the error envelope", async () => {
    const res = await app({ ready: true, stage: "ready" }).app.request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      status: "error",
      error: { message: "no route GET /api/v1/nope" },
    });
  });

  it("refuses a body over the limit with 413", async () => {
    const res = await app({ ready: true, stage: "ready" }).app.request("/api/v1/health", {
      method: "POST",
      body: "x".repeat(300 * 1024),
      headers: { "content-type": "text/plain", "content-length": String(300 * 1024) },
    });
    expect(res.status).toBe(413);
  });
});
