/**
 * The answer check (src/api/openapi/answer-check.ts) for tests that mount route modules on a
 * bare Hono app instead of the node's: call it before the routes are added.
 */
import type { Hono } from "hono";
import { answerCheck } from "../../src/api/openapi/answer-check.ts";
import { lazyDescription } from "../../src/api/openapi/docs-routes.ts";

export function checkingAnswers<A extends Hono>(app: A): A {
  const report = (line: string) => process.stderr.write(`${line}\n`);
  app.use(
    "/api/v1/*",
    answerCheck(
      lazyDescription(() => app, "test"),
      report,
    ),
  );
  return app;
}
