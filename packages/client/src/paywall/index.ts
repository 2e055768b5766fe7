/**
 * `@escrowd/client/paywall`: charge for an agent. `paywall()` serves MIP-003 in front of a
 * handler; `paid()` answers HTTP 402 in front of any Hono route; `nodeListener()` turns either
 * into a handler for Node's `http.createServer` or Express (`app.use(nodeListener(agent))`).
 */
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";

export { paywall, type Paywall, type PaywallOptions } from "./mip003.ts";
export { paid, type PaidOptions } from "./paid.ts";
export { metered, type AgentHandler, type JobContext } from "./job.ts";
export type { Usage, NodeOption } from "./seller.ts";

/** A Node `(req, res)` listener for a Hono app (http.createServer, Express, Fastify's raw mode). */
export function nodeListener(app: Hono): ReturnType<typeof getRequestListener> {
  return getRequestListener(app.fetch);
}
