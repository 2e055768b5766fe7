/**
 * The body limit over a real socket (@hono/node-server, as the node serves): a declared length
 * over the cap is refused from its header, a chunked body is counted as it streams, and bodies
 * within the cap reach the handler whole, either way.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimit } from "./body-limit.ts";

const MAX = 1_000;
let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.use("*", bodyLimit({ maxBytes: MAX, onError: (c) => c.json({ over: true }, 413) }));
  app.post("/echo", async (c) => c.json({ bytes: (await c.req.text()).length }));
  app.get("/plain", (c) => c.json({ ok: true }));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends `chunks` to `path`: with a content-length of their sum, or chunked when `chunked`. */
function send(
  method: string,
  path: string,
  chunks: string[],
  chunked = false,
): Promise<{ status: number; body: unknown }> {
  const total = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        headers: chunked ? { "transfer-encoding": "chunked" } : { "content-length": total },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe("bodyLimit", () => {
  it("passes a body at the cap whole, declared or chunked", async () => {
    expect(await send("POST", "/echo", ["x".repeat(MAX)])).toEqual({
      status: 200,
      body: { bytes: MAX },
    });
    expect(await send("POST", "/echo", ["x".repeat(600), "y".repeat(400)], true)).toEqual({
      status: 200,
      body: { bytes: MAX },
    });
  });

  it("refuses a declared length over the cap, and a chunked body once it streams past it", async () => {
    expect(await send("POST", "/echo", ["x".repeat(MAX + 1)])).toEqual({
      status: 413,
      body: { over: true },
    });
    expect(await send("POST", "/echo", ["x".repeat(600), "y".repeat(401)], true)).toEqual({
      status: 413,
      body: { over: true },
    });
  });

  it("lets a request without a body through", async () => {
    expect(await send("GET", "/plain", [])).toEqual({ status: 200, body: { ok: true } });
    expect(await send("POST", "/echo", [])).toEqual({ status: 200, body: { bytes: 0 } });
  });
});
