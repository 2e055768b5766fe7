/**
 * `GET /metrics`, Prometheus's text format: the process's metrics and the node's books. Read
 * with the admin key or the metrics token (METRICS_TOKEN), which reads nothing else; either as
 * `Authorization: Bearer` or the `token` header, like the API.
 */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { Registry } from "prom-client";
import { isAdminToken } from "../services/api-keys.ts";
import { errorBody } from "../api/errors.ts";
import { answeringRoute } from "../api/answering-route.ts";
import { httpDuration, httpRequests, processRegistry } from "./metrics.ts";
import { tokenOf } from "../api/auth.ts";

/** Who may read the metrics, once the node is up. */
export interface MetricsAccess {
  adminKey: string;
  metricsToken?: string;
}

/** The route; `books` is the node's own registry (book-metrics.ts). */
export function metricsRoutes(access: () => MetricsAccess | undefined, books: Registry): Hono {
  return new Hono().get("/metrics", async (c) => {
    const allowed = access();
    if (allowed === undefined) return c.json(errorBody("starting"), 503);
    const token = tokenOf((name) => c.req.header(name));
    // Compared as digests, in constant time (isAdminToken), whichever token it is.
    const ok =
      token !== undefined &&
      token.length <= 600 &&
      (isAdminToken(token, allowed.adminKey) ||
        (allowed.metricsToken !== undefined && isAdminToken(token, allowed.metricsToken)));
    if (!ok) return c.json(errorBody("the admin key or the metrics token is needed", "token"), 401);
    const merged = Registry.merge([processRegistry, books]);
    c.header("Content-Type", merged.contentType);
    return c.body(await merged.metrics());
  });
}

// Any method name can arrive; labels stay bounded.
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Counts every HTTP request by the route pattern that answered it (never the raw path, which
 * holds ids and addresses) and times it.
 */
export function httpMetrics() {
  return createMiddleware(async function countRequest(c, next) {
    const end = httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = answeringRoute(c)?.path ?? "unmatched";
      const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : "other";
      end({ route, method });
      httpRequests.inc({ route, method, status: String(c.res.status) });
    }
  });
}
