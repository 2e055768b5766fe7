/**
 * The OpenAPI description is complete and true: every route the app registers under /api/v1 is
 * in it, with its inputs, answers, refusals and security; every schema in it compiles; an answer
 * that does not match it is caught (the check the whole suite runs with, ESCROWD_CHECK_ANSWERS);
 * and the reference at /docs asks no host but the node for anything.
 */
import { mkdir } from "node:fs/promises";
import { serve, type ServerType } from "@hono/node-server";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { Hono } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../src/api/app.ts";
import { answerCheck, openApiPath } from "../src/api/openapi/answer-check.ts";
import { apiDescription } from "../src/api/openapi/document.ts";
import { documented } from "../src/api/openapi/route-doc.ts";
import { jsonBody } from "../src/api/validate.ts";
import { onApiError } from "../src/api/errors.ts";
import { launchChromium } from "./support/chromium.ts";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Operation = OpenAPIV3_1.OperationObject & { "x-permission"?: string };
const METHODS = ["get", "put", "post", "patch", "delete"] as const;

const app = createApp({
  readiness: { ready: true, stage: "ready" },
  log: () => {},
  context: () => undefined,
  checkAnswers: false,
});
let description: OpenAPIV3_1.Document;

beforeAll(async () => {
  const res = await app.request("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  description = (await res.json()) as OpenAPIV3_1.Document;
});

function operations(): { path: string; method: string; op: Operation }[] {
  return Object.entries(description.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item?.[method] as Operation | undefined;
      return op === undefined ? [] : [{ path, method, op }];
    }),
  );
}

describe("the OpenAPI description", () => {
  it("is OpenAPI 3.1 with the node's security schemes", () => {
    expect(description.openapi).toBe("3.1.0");
    expect(description.info.title).toBe("escrowd");
    expect(description.components?.securitySchemes).toMatchObject({
      token: { type: "apiKey", in: "header", name: "token" },
      bearer: { type: "http", scheme: "bearer" },
    });
  });

  it("describes every route the app registers under /api/v1", () => {
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
        .filter((r) => r.path !== "/api/v1/openapi.json")
        .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`),
    );
    const described = new Set(operations().map((o) => `${o.method} ${o.path}`));
    expect(registered.size).toBeGreaterThan(60);
    expect([...registered].filter((r) => !described.has(r))).toEqual([]);
    // Nothing is described that the app does not serve.
    expect([...described].filter((d) => !registered.has(d))).toEqual([]);
  });

  it("gives every operation a summary, a tag, an answer, its refusals and its security", () => {
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toMatch(/\S/);
      expect(op.tags?.length, where).toBe(1);
      expect(op.operationId, where).toMatch(/\S/);
      const responses = op.responses ?? {};
      const ok = responses["200"] as OpenAPIV3_1.ResponseObject;
      expect(ok.content?.["application/json"]?.schema, where).toBeDefined();
      expect(responses["400"], where).toBeDefined();
      expect(responses["503"], where).toBeDefined();
      if (op.security?.length === 0) continue; // public
      expect(op.security, where).toEqual([{ token: [] }, { bearer: [] }]);
      expect(["read", "pay", "admin"], where).toContain(op["x-permission"]);
      for (const status of ["401", "403", "429"]) expect(responses[status], where).toBeDefined();
      const params = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      const idempotency = params.some((p) => p.in === "header" && p.name === "Idempotency-Key");
      expect(idempotency, where).toBe(method !== "get");
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        const param = params.find((p) => p.in === "path" && `{${p.name}}` === name);
        expect(param?.required, `${where} ${name}`).toBe(true);
      }
    }
  });

  it("holds only schemas that compile as JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    let compiled = 0;
    for (const { path, method, op } of operations()) {
      const schemas = [
        (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content["application/json"]
          ?.schema,
        ...((op.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).map((p) => p.schema),
        ...Object.values(op.responses ?? {}).map(
          (r) => (r as OpenAPIV3_1.ResponseObject).content?.["application/json"]?.schema,
        ),
      ].filter((s) => s !== undefined);
      for (const schema of schemas) {
        expect(
          () => ajv.compile({ ...schema, components: description.components }),
          `${method} ${path}`,
        ).not.toThrow();
        compiled++;
      }
    }
    expect(compiled).toBeGreaterThan(300);
  });

  it("documents the body a route parses, field by field", () => {
    const op = description.paths?.["/api/v1/payment"]?.post as Operation;
    const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject).content["application/json"]!
      .schema as OpenAPIV3_1.SchemaObject;
    expect(body.required).toEqual(
      expect.arrayContaining(["network", "agentIdentifier", "inputHash"]),
    );
    expect(body.properties?.network).toMatchObject({ enum: ["Preprod", "Mainnet"] });
    const list = description.paths?.["/api/v1/payment"]?.get as Operation;
    const limit = (list.parameters as OpenAPIV3_1.ParameterObject[]).find(
      (p) => p.name === "limit",
    );
    expect(limit).toMatchObject({ in: "query", required: false, schema: { type: "integer" } });
  });
});

describe("the answers are checked against the description", () => {
  // A small app whose one route answers what it does not document, and parses what it does not.
  const documentedBody = z.object({ name: z.string() });
  function lyingApp() {
    const sub = new Hono();
    const doc = documented({
      summary: "test",
      tag: "Test",
      access: "public",
      body: documentedBody,
      answer: z.object({ name: z.string() }),
    });
    sub.post("/said", doc, async (c) => {
      const body = await jsonBody(c, documentedBody);
      return c.json({ status: "success", data: { name: body.name, extra: 1 } });
    });
    sub.post("/parsed", doc, async (c) => {
      await jsonBody(c, z.object({ other: z.string() }));
      return c.json({ status: "success", data: { name: "x" } });
    });
    sub.post("/honest", doc, async (c) => {
      const body = await jsonBody(c, documentedBody);
      return c.json({ status: "success", data: { name: body.name } });
    });
    const reported: string[] = [];
    const outer = new Hono();
    const lazy = () => apiDescription(outer, "0.0.0");
    outer.use(
      "/api/v1/*",
      answerCheck(lazy, (l) => reported.push(l)),
    );
    outer.route("/api/v1", sub);
    outer.onError(onApiError(() => {}));
    return { outer, reported };
  }
  const post = (a: Hono, path: string, body: unknown) =>
    a.request(`/api/v1${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });

  it("passes an answer that matches", async () => {
    const { outer, reported } = lyingApp();
    const res = await post(outer, "/honest", { name: "a" });
    expect(res.status).toBe(200);
    expect(reported).toEqual([]);
  });

  it("turns an undocumented field into a 500 that names it", async () => {
    const { outer, reported } = lyingApp();
    const res = await post(outer, "/said", { name: "a" });
    expect(res.status).toBe(500);
    expect(reported[0]).toMatch(/post \/api\/v1\/said 200 .*additional properties.*extra/);
  });

  it("turns an undocumented refusal status into a 500", async () => {
    const { outer, reported } = lyingApp();
    const ok = await post(outer, "/honest", { name: 5 });
    // 400 is documented for every route: the refusal passes.
    expect(ok.status).toBe(400);
    expect(reported).toEqual([]);
  });

  it("refuses a route that parses a schema other than the one it documents", async () => {
    const { outer } = lyingApp();
    const res = await post(outer, "/parsed", { other: "a" });
    expect(res.status).toBe(500);
  });
});

describe("the reference at /docs", () => {
  it("is a page whose scripts and styles all come from the node", async () => {
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^\/(?!\/)/);
    for (const ref of refs) expect((await app.request(ref)).status, ref).toBe(200);
    expect(html).not.toMatch(/cdn\.jsdelivr|unpkg|fonts\.(googleapis|scalar)/);
    expect(html).toContain("/api/v1/openapi.json");
  });

  describe("in a browser", () => {
    let server: ServerType;
    let origin: string;
    beforeAll(async () => {
      await new Promise<void>((resolve) => {
        server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
          origin = `http://127.0.0.1:${info.port}`;
          resolve();
        });
      });
    });
    afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

    it("renders the routes and asks no other host for anything", async (ctx) => {
      const browser = await launchChromium(ctx);
      try {
        const page = await browser.newPage();
        // Wide enough for the sidebar, which lists every tag.
        await page.setViewport({ width: 1400, height: 1000 });
        const requested: string[] = [];
        page.on("request", (req) => {
          requested.push(req.url());
        });
        await page.goto(`${origin}/docs`, { waitUntil: "networkidle0", timeout: 60_000 });
        await page.waitForFunction(
          // Evaluated in the page (this project's types have no DOM).
          `["Payments", "Purchases", "Registry explorer", "Events", "/api/v1/health"]
            .every((t) => document.body.innerText.includes(t))`,
          { timeout: 60_000 },
        );
        const outside = requested.filter(
          (u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"),
        );
        expect(outside).toEqual([]);
        expect(requested).toContain(`${origin}/api/v1/openapi.json`);
        await mkdir("test-output", { recursive: true });
        await page.screenshot({ path: "test-output/docs.png" });
      } finally {
        await browser.close();
      }
    }, 120_000);
  });
});
