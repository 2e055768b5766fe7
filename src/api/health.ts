/** `GET /api/v1/health`: 200 `{status: "success", data: {status: "ok"}}` once ready, 503 before. */
import { Hono } from "hono";
import { errorBody } from "./errors.ts";

/** What the node says about its own start-up; `ready` flips once, when everything is up. */
export interface Readiness {
  ready: boolean;
  /** What the node is doing while not ready, for the 503 answer. */
  stage: string;
}

export function healthRoutes(readiness: Readiness): Hono {
  return new Hono().get("/health", (c) =>
    readiness.ready
      ? c.json({ status: "success", data: { status: "ok" } })
      : c.json(errorBody(`starting: ${readiness.stage}`), 503),
  );
}
