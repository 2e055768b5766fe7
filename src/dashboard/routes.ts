/**
 * The operator's dashboard: a static page (assets/) served at `/` and `/dashboard`, which reads
 * the node's own API with the admin key the operator types in (kept in the tab's session
 * storage, never in a URL), plus the few things the API has no route for: the node's status
 * (watchers, readiness) and, on the devnet, the faucet and moving time. Nothing is fetched from
 * another host: the page's policy allows only the node itself.
 */
import { readFile } from "node:fs/promises";
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Readiness } from "../api/health.ts";
import { errorBody } from "../api/errors.ts";
import { parseOr400 } from "../api/validate.ts";
import type { Db } from "../db/client.ts";
import { watchCheckpoints } from "../db/schema.ts";
import { isAdminToken } from "../services/api-keys.ts";
import { USDM_UNIT, type Network } from "../chain/network.ts";

/** What the dashboard's routes need of the node, once it is up. */
export interface DashboardContext {
  db: Db;
  adminKey: string;
  network: Network;
  /** The in-process devnet's URL, when the node runs on one. */
  devnetUrl?: string;
}

const ASSETS: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "style.css": "text/css; charset=utf-8",
};
const POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const timeBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(1)
    .max(366 * 86_400_000),
});
const faucetBody = z.object({
  address: z.string().min(1).max(200),
  lovelace: z
    .string()
    .regex(/^\d{1,13}$/)
    .optional(),
});

async function asset(c: Context, name: string) {
  const body = await readFile(new URL(`./assets/${name}`, import.meta.url));
  c.header("Content-Type", ASSETS[name]!);
  c.header("Content-Security-Policy", POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Cache-Control", "no-cache");
  return c.body(body);
}

export function dashboardRoutes(
  context: () => DashboardContext | undefined,
  readiness: Readiness,
  wallClockMs: () => number = Date.now,
): Hono {
  const r = new Hono();
  r.get("/", (c) => asset(c, "index.html"));
  r.get("/dashboard", (c) => asset(c, "index.html"));
  r.get("/dashboard/app.js", (c) => asset(c, "app.js"));
  r.get("/dashboard/style.css", (c) => asset(c, "style.css"));

  /** The node's context for an admin's request, or the refusal to answer. */
  const admin = (c: Context): DashboardContext | Response => {
    const ctx = context();
    if (ctx === undefined) return c.json(errorBody(`starting: ${readiness.stage}`), 503);
    const token = c.req.header("token") ?? "";
    if (token.length === 0 || token.length > 600 || !isAdminToken(token, ctx.adminKey))
      return c.json(errorBody("the admin key is needed", "token"), 401);
    return ctx;
  };

  r.get("/dashboard/status", async (c) => {
    const ctx = admin(c);
    if (ctx instanceof Response) return ctx;
    const watchers = await ctx.db.select().from(watchCheckpoints);
    let devnet: { url: string; tip: unknown; timeMs: number } | null = null;
    let usdmUnit = USDM_UNIT[ctx.network];
    if (ctx.devnetUrl !== undefined) {
      const res = await fetch(`${ctx.devnetUrl}/devnet/info`);
      const info = (await res.json()) as { tip: unknown; timeMs: number; usdmUnit: string };
      devnet = { url: ctx.devnetUrl, tip: info.tip, timeMs: info.timeMs };
      usdmUnit = info.usdmUnit;
    }
    return c.json({
      status: "success",
      data: {
        network: ctx.network,
        ready: readiness.ready,
        stage: readiness.stage,
        wallClockMs: wallClockMs(),
        usdmUnit,
        watchers: watchers.map((w) => ({
          name: w.name,
          height: w.height,
          savedAtMs: w.updatedAtMs,
        })),
        devnet,
      },
    });
  });

  // The devnet's own routes, for the page's buttons (the devnet listens on another port).
  for (const [path, schema] of [
    ["time", timeBody],
    ["faucet", faucetBody],
  ] as const) {
    r.post(`/dashboard/devnet/${path}`, async (c) => {
      const ctx = admin(c);
      if (ctx instanceof Response) return ctx;
      if (ctx.devnetUrl === undefined)
        return c.json(errorBody("this node does not run on the devnet"), 409);
      const body = parseOr400(schema, await c.req.json().catch(() => undefined), "body");
      const res = await fetch(`${ctx.devnetUrl}/devnet/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(path === "faucet" ? { ...body, confirm: true } : body),
      });
      return c.json(
        { status: res.ok ? "success" : "error", data: await res.json() },
        res.ok ? 200 : 400,
      );
    });
  }
  return r;
}
