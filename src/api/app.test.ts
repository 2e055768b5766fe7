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

describe("ROLE=worker", () => {
  const worker = () =>
    createApp({
      readiness: { ready: true, stage: "ready" },
      log: () => {},
      context: () => undefined,
      workerOnly: true,
    });

  it("answers health, and metrics' own refusal (it needs a token)", async () => {
    const health = await worker().request("/api/v1/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "success", data: { status: "ok" } });
    // /metrics is reached (its own 503 while the node has no context), not the worker's 404.
    const metrics = await worker().request("/metrics/");
    expect(metrics.status).not.toBe(404);
  });

  it("refuses the API, the docs, the dashboard and MCP with a 404 naming the role", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/payment"],
      ["POST", "/api/v1/purchase"],
      ["GET", "/docs"],
      ["GET", "/dashboard"],
      ["POST", "/mcp"],
      ["GET", "/api/v1/health/x"],
    ] as const) {
      const res = await worker().request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/ROLE=worker/);
    }
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
