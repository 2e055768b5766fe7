/** `GET /api/v1/health`: 200 `{status: "success", data: {status: "ok"}}` once ready, 503 before. */
import { Hono } from "hono";
import { z } from "zod";
import { errorBody } from "./errors.ts";
import { documented } from "./openapi/route-doc.ts";

/** What the node says about its own start-up; `ready` flips once, when everything is up. */
export interface Readiness {
  ready: boolean;
  /** What the node is doing while not ready, for the 503 answer. */
  stage: string;
}

export function healthRoutes(readiness: Readiness): Hono {
  return new Hono().get(
    "/health",
    documented({
      summary: "Whether the node is up: 200 once ready, 503 (naming the stage) while it starts",
      tag: "Node",
      access: "public",
      answer: z.object({ status: z.literal("ok") }),
    }),
    (c) =>
      readiness.ready
        ? c.json({ status: "success", data: { status: "ok" } })
        : c.json(errorBody(`starting: ${readiness.stage}`), 503),
  );
}
