import { describe, expect, it } from "vitest";
import type { LogFields } from "../log.ts";
import { createApp } from "./app.ts";

function app() {
  const lines: { line: string; fields?: LogFields }[] = [];
  const a = createApp({
    readiness: { ready: true, stage: "ready" },
    log: () => {},
    requestLog: (line, fields) => lines.push({ line, fields }),
    context: () => undefined,
  });
  return { a, lines };
}

describe("request ids and the request log", () => {
  it("echoes a sane incoming X-Request-Id and logs it with the route pattern", async () => {
    const { a, lines } = app();
    const res = await a.request("/api/v1/health", { headers: { "X-Request-Id": "job-42_a" } });
    expect(res.headers.get("x-request-id")).toBe("job-42_a");
    expect(lines).toEqual([
      {
        line: "http: GET /api/v1/health 200",
        fields: expect.objectContaining({
          requestId: "job-42_a",
          route: "/api/v1/health",
          status: 200,
        }),
      },
    ]);
    expect(lines[0]!.fields!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("replaces a hostile or over-long id with a fresh one", async () => {
    const { a } = app();
    for (const hostile of ["a b", "x;y", "<script>", "../etc", "z".repeat(129)]) {
      const res = await a.request("/api/v1/health", { headers: { "X-Request-Id": hostile } });
      const id = res.headers.get("x-request-id")!;
      expect(id).not.toBe(hostile);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const none = await a.request("/api/v1/health");
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs neither the token, the body, the query nor the path's values", async () => {
    const { a, lines } = app();
    const secret = "s3cret-token-value-0123456789";
    await a.request(`/api/v1/payment/some-id-value?network=Preprod&q=query-value`, {
      headers: { token: secret },
    });
    await a.request("/api/v1/payment", {
      method: "POST",
      headers: { token: secret, "content-type": "application/json" },
      body: JSON.stringify({ mnemonic: "body-value" }),
    });
    const logged = JSON.stringify(lines);
    expect(lines).toHaveLength(2);
    for (const leaked of [secret, "some-id-value", "query-value", "body-value"])
      expect(logged).not.toContain(leaked);
    expect(logged).toContain("/api/v1/payment/:id");
  });
});
