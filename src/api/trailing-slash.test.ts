import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

const app = createApp({
  readiness: { ready: true, stage: "ready" },
  log: () => {},
  context: () => undefined,
});

describe("a trailing slash names the same route", () => {
  it("for a GET", async () => {
    const res = await app.request("/api/v1/health/");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "success", data: { status: "ok" } });
  });

  it("for a POST, as the Masumi SDKs send `POST /payment/` and `POST /purchase/`", async () => {
    for (const route of ["/api/v1/payment/", "/api/v1/purchase/"]) {
      const res = await app.request(route, { method: "POST", body: "{}" });
      // The route is found: it asks for a key, where an unknown route answers 404.
      expect(res.status, route).toBe(401);
    }
  });

  it("still answers 404 for a path that is no route, with or without the slash", async () => {
    for (const route of ["/api/v1/nope/", "/api/v1/payment/x/y/"]) {
      const res = await app.request(route, { method: "POST", body: "{}" });
      expect(res.status, route).toBe(404);
    }
  });
});
