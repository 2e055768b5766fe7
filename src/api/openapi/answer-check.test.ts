/**
 * The answer check judges an answer by the route that gave it, not by a later route whose path
 * also matches (`/things/count` matches `/things/:id`, which never runs for it).
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answerCheck } from "./answer-check.ts";
import { lazyDescription } from "./docs-routes.ts";
import { documented } from "./route-doc.ts";

function appWith(countAnswer: unknown) {
  const reports: string[] = [];
  const app = new Hono();
  app.use(
    "/api/v1/*",
    answerCheck(
      lazyDescription(() => app, "test"),
      (line) => reports.push(line),
    ),
  );
  const doc = (answer: z.ZodType) =>
    documented({ summary: "s", tag: "T", access: "public", answer });
  app.get("/api/v1/things/count", doc(z.object({ total: z.number() })), (c) =>
    c.json({ status: "success", data: countAnswer }),
  );
  app.get("/api/v1/things/:id", doc(z.object({ id: z.string() })), (c) =>
    c.json({ status: "success", data: { id: c.req.param("id") } }),
  );
  return { app, reports };
}

describe("answer check", () => {
  it("checks a count against its own route, not the later /:id it also matches", async () => {
    const { app, reports } = appWith({ total: 3 });
    const res = await app.request("/api/v1/things/count");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "success", data: { total: 3 } });
    expect((await app.request("/api/v1/things/7")).status).toBe(200);
    expect(reports).toEqual([]);
  });

  it("still refuses an answer its own route does not describe", async () => {
    const { app, reports } = appWith({ total: "3" });
    const res = await app.request("/api/v1/things/count");
    expect(res.status).toBe(500);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain("get /api/v1/things/count 200");
    expect(reports[0]).toContain("/data/total must be number");
  });
});
