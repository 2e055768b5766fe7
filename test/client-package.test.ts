/**
 * @escrowd/client as it is published: its types are the node's current description (so a
 * changed route cannot ship with a stale client), it builds with its own tsconfig, and the built
 * JavaScript runs in plain Node (no TypeScript loader) and in a browser (Chromium, the package's
 * ESM behind an import map) — computing the same MIP-004 hash, and retrying a 503 with the
 * same idempotency key.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientTypesText } from "../scripts/client-types.ts";
import { sha256Hex } from "../src/domain/mip004.ts";
import { launchChromium } from "./support/chromium.ts";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const PACKAGE = path.join(ROOT, "packages/client");
const INPUT = { b: [1, 2.5], a: "é" };
const ID = "abcdef0123456789";
const EXPECTED = sha256Hex(`${ID};{"a":"é","b":[1,2.5]}`);

/** A dependency's ESM entry file, as a browser would be given it (the package's or the root's). */
async function esmEntry(name: string): Promise<string> {
  for (const dir of [
    path.join(PACKAGE, "node_modules", name),
    path.join(ROOT, "node_modules", name),
  ]) {
    const manifest = await readFile(path.join(dir, "package.json"), "utf8").catch(() => undefined);
    if (manifest === undefined) continue;
    const main = JSON.parse(manifest).exports["."];
    return path.join(dir, main.import ?? main.default);
  }
  throw new Error(`${name} is not installed`);
}

beforeAll(async () => {
  await run(process.execPath, [
    path.join(ROOT, "node_modules/typescript/bin/tsc"),
    "-p",
    path.join(PACKAGE, "tsconfig.build.json"),
  ]);
}, 120_000);

describe("@escrowd/client as published", () => {
  it("has the types of the node's current OpenAPI description", async () => {
    const current = await readFile(path.join(PACKAGE, "src/api-types.ts"), "utf8");
    expect(current === (await clientTypesText()), "run npm run client:types").toBe(true);
  });

  it("runs in plain Node from its build, both entry points", async () => {
    const script = `
      const client = await import("@escrowd/client");
      const paywall = await import("@escrowd/client/paywall");
      console.log(JSON.stringify({
        hash: await client.inputHash(${JSON.stringify(ID)}, ${JSON.stringify(INPUT)}),
        client: typeof client.createClient, callAgent: typeof client.callAgent,
        fetchPaid: typeof client.fetchPaid, paywall: typeof paywall.paywall,
        paid: typeof paywall.paid, nodeListener: typeof paywall.nodeListener,
      }));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: ROOT,
    });
    expect(JSON.parse(stdout)).toEqual({
      hash: EXPECTED,
      client: "function",
      callAgent: "function",
      fetchPaid: "function",
      paywall: "function",
      paid: "function",
      nodeListener: "function",
    });
  });

  describe("in a browser", () => {
    let server: ServerType;
    let origin: string;
    const keys: (string | undefined)[] = [];

    beforeAll(async () => {
      const files: Record<string, string> = {
        "/openapi-fetch.js": await esmEntry("openapi-fetch"),
        "/canonicalize.js": await esmEntry("canonicalize"),
      };
      const app = new Hono();
      app.get("/", (c) =>
        c.html(
          `<!doctype html><script type="importmap">${JSON.stringify({
            imports: { "openapi-fetch": "/openapi-fetch.js", canonicalize: "/canonicalize.js" },
          })}</script><p>client</p>`,
        ),
      );
      app.get("/:file{.+\\.js}", async (c) => {
        const name = `/${c.req.param("file")}`;
        const file = files[name] ?? path.join(PACKAGE, "dist", path.normalize(name));
        if (!file.startsWith(PACKAGE) && files[name] === undefined) return c.notFound();
        const text = await readFile(file, "utf8").catch(() => undefined);
        if (text === undefined) return c.notFound();
        return c.body(text, 200, { "content-type": "text/javascript" });
      });
      // A node that is busy once, then takes the write.
      app.post("/api/v1/purchase/release", (c) => {
        keys.push(c.req.header("idempotency-key"));
        return keys.length === 1
          ? c.json({ status: "error", error: { message: "busy" } }, 503, { "retry-after": "0" })
          : c.json({ status: "success", data: { released: true } });
      });
      origin = await new Promise((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
          resolve(`http://127.0.0.1:${info.port}`),
        );
      });
    });
    afterAll(() => new Promise((r) => (server ? server.close(r) : r(undefined))));

    it("computes the hash and retries a write with one idempotency key", async (ctx) => {
      const browser = await launchChromium(ctx);
      try {
        const page = await browser.newPage();
        await page.goto(origin);
        // A string, so the test runner's transform never touches the page's code.
        const answer = await page.evaluate(`(async () => {
          const client = await import("/index.js");
          const node = client.createClient({ baseUrl: location.origin, token: "t" });
          const released = await client.unwrap(
            node.POST("/api/v1/purchase/release", {
              body: { network: "Preprod", blockchainIdentifier: "x" },
            }),
          );
          return { hash: await client.inputHash(${JSON.stringify(ID)}, ${JSON.stringify(INPUT)}), released };
        })()`);
        expect(answer).toEqual({ hash: EXPECTED, released: { released: true } });
        expect(keys).toHaveLength(2);
        expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
        expect(keys[1]).toBe(keys[0]);
      } finally {
        await browser.close();
      }
    });
  });
});
