/**
 * The route pattern that answered a request, for middleware that runs around the routes (the
 * answer check, the HTTP metrics). `matchedRoutes` also holds later routes the path matches (a
 * GET of `/payment/count` matches `/payment/:id` too), which never ran; a refusal before any
 * route ran is put down to the first route that would have answered.
 */
import type { Context } from "hono";
import type { RouterRoute } from "hono/types";

export function answeringRoute(c: Context): RouterRoute | undefined {
  const matched = c.req.matchedRoutes;
  const answered = matched[c.req.routeIndex];
  if (answered !== undefined && answered.method !== "ALL") return answered;
  return matched.find((r) => r.method !== "ALL");
}
