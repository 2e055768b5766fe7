/**
 * The door for hostile input on /api/v1. Before anything else reads or stores a request
 * (authentication, idempotency keys, the handlers), it refuses with a 400 naming the field what
 * no route can take and PostgreSQL cannot store:
 * - a NUL character (raw, or `%00` once decoded) or a lone surrogate in the path, a query key
 *   or a query value; more than QUERY_PARAMS_MAX query values, or one over
 *   QUERY_VALUE_LENGTH_MAX characters;
 * - a body that is not JSON (every route of the API reads JSON);
 * - a JSON string or key holding NUL or a lone surrogate; the field is its JSON path
 *   (`Metadata.name`, `Tags[2]`);
 * - a body nested deeper than BODY_DEPTH_MAX levels, since the idempotency check and the
 *   handlers walk bodies recursively.
 * The body is read with `c.req.text()`, which Hono caches on the request: the idempotency
 * middleware's `text()` and the handlers' `json()` read that same cached text afterwards.
 */
import { createMiddleware } from "hono/factory";
import { textProblem } from "../domain/storable-text.ts";
import { ApiError } from "./errors.ts";

/** How deeply a body may nest objects and arrays; `{"a": [1]}` is 2 levels. */
export const BODY_DEPTH_MAX = 32;
/** The longest query value, in UTF-16 code units (the longest filter, `tags`, needs 3,900). */
export const QUERY_VALUE_LENGTH_MAX = 4096;
/** The most query values one request may carry. */
export const QUERY_PARAMS_MAX = 64;

const BODILESS = new Set(["GET", "HEAD", "OPTIONS"]);

type PathSegment = string | number;

/** Writes a JSON path as validate.ts names fields: `a.b[0].c`, `body` for the whole. */
function fieldOf(path: readonly PathSegment[]): string {
  if (path.length === 0) return "body";
  return path
    .map((s) => (typeof s === "number" ? `[${s}]` : `.${JSON.stringify(s).slice(1, -1)}`))
    .join("")
    .replace(/^\./, "");
}

function refuse(field: string, message: string): never {
  throw new ApiError(400, `${field}: ${message}`, field);
}

function checkQuery(path: string, queries: Record<string, string[]>): void {
  const pathProblem = textProblem(path);
  if (pathProblem) refuse("path", pathProblem);
  let count = 0;
  for (const [key, values] of Object.entries(queries)) {
    const name = JSON.stringify(key).slice(1, -1);
    const keyProblem = textProblem(key);
    if (keyProblem) refuse(name, `the query key ${keyProblem}`);
    for (const value of values) {
      if (++count > QUERY_PARAMS_MAX) refuse("query", `at most ${QUERY_PARAMS_MAX} values`);
      const valueProblem = textProblem(value);
      if (valueProblem) refuse(name, valueProblem);
      if (value.length > QUERY_VALUE_LENGTH_MAX) {
        refuse(name, `must be at most ${QUERY_VALUE_LENGTH_MAX} characters`);
      }
    }
  }
}

/**
 * The first problem in a parsed JSON body, walked with an explicit stack rather than recursion
 * so that no nesting can overflow the call stack; nesting past BODY_DEPTH_MAX stops the walk.
 */
export function bodyProblem(body: unknown): { field: string; message: string } | undefined {
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: body, path: [] }];
  // Every node is visited once, so the walk is bounded by the body's size (bodyLimit caps it).
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { field: fieldOf(path), message: problem };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= BODY_DEPTH_MAX) {
      return { field: fieldOf(path), message: `nested deeper than ${BODY_DEPTH_MAX} levels` };
    }
    const entries: [PathSegment, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    // Pushed in reverse so the first problem found is the first in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (typeof key === "string") {
        const problem = textProblem(key);
        if (problem) return { field: fieldOf([...path, key]), message: `the key ${problem}` };
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

/** The middleware; mount it on `/api/v1/*` before authentication and idempotency. */
export function inputGuard() {
  return createMiddleware(async function guardInput(c, next) {
    // The values as the routes will read them: decoded (`%00` is NUL), every repeat included.
    checkQuery(c.req.path, c.req.queries());
    if (!BODILESS.has(c.req.method)) {
      // Errors of reading (a body over bodyLimit's cap) are left to propagate to their handler.
      const text = await c.req.text();
      if (text.trim() !== "") {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          refuse("body", "not valid JSON");
        }
        const problem = bodyProblem(body);
        if (problem) refuse(problem.field, problem.message);
      }
    }
    await next();
  });
}
