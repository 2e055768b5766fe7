/**
 * Request parsing with zod: bad input becomes a 400 that names the first offending field, before
 * anything is written.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.ts";

function fieldOf(issue: z.core.$ZodIssue, root: string): string {
  const parts = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`));
  return parts.length === 0 ? root : parts.join("").replace(/^\./, "");
}

/** Parses `value` with `schema`, or throws a 400 naming the field (`root` when it is the whole). */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldOf(issue, root);
  throw new ApiError(400, `${field}: ${issue.message}`, field);
}

/** Reads and checks a JSON body. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, "body: not valid JSON", "body");
  }
  return parseOr400(schema, body, "body");
}

/** Reads and checks the query string (single values only). */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseOr400(schema, c.req.query(), "query");
}
