/**
 * A request id for every HTTP request (an incoming `X-Request-Id` of word characters, else a new
 * one; answered in `X-Request-Id`) and one log line per request: method, route pattern, status,
 * time taken and the id. Never the path's values, the query, a header or the body.
 */
import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import type { Log } from "../log.ts";
import { answeringRoute } from "./answering-route.ts";

export function requestIds(): MiddlewareHandler {
  return requestId({ limitLength: 128 });
}

export function requestLog(log: Log): MiddlewareHandler {
  return async function logRequest(c, next) {
    const startedMs = performance.now();
    await next();
    const id = (c.var as { requestId?: string }).requestId ?? null;
    const route = answeringRoute(c)?.path ?? "unmatched";
    log(`http: ${c.req.method} ${route} ${c.res.status}`, {
      requestId: id,
      method: c.req.method.slice(0, 10),
      route,
      status: c.res.status,
      durationMs: Math.round(performance.now() - startedMs),
    });
  };
}
