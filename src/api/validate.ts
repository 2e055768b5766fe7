/**
 * Request parsing with zod: bad input becomes a 400 that names the first offending field, before
 * anything is written. Each route's schemas are noted, by method and route path, as the route
 * first uses them, so that tools (the fuzz test) can build requests from the routes' own rules.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.ts";
import { documentedInputs } from "./openapi/route-doc.ts";

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

/** The schemas a route reads its input with. */
export interface RouteSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
}

// Keyed by `METHOD /route/path`; it holds one entry per route, so it is bounded by the app.
const schemasByRoute = new Map<string, RouteSchemas>();

/**
 * Notes the schema a route parses with. A documented route must parse with the schema it
 * documents: anything else is the node's own mistake, answered as a 500 and caught by the tests.
 */
function note(c: Context, part: keyof RouteSchemas, schema: z.ZodType): void {
  const route = `${c.req.method} ${c.req.routePath}`;
  const documented = documentedInputs(c);
  if (documented !== undefined && documented[part] !== schema)
    throw new Error(`${route} parses its ${part} with a schema it does not document`);
  const known = schemasByRoute.get(route);
  if (known?.[part] === undefined) schemasByRoute.set(route, { ...known, [part]: schema });
}

/** The schemas of `METHOD /route/path`, once a request has reached that route's parsing. */
export function routeSchemas(method: string, routePath: string): RouteSchemas | undefined {
  return schemasByRoute.get(`${method} ${routePath}`);
}

/** Reads and checks a JSON body. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  note(c, "body", schema);
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
  note(c, "query", schema);
  return parseOr400(schema, c.req.query(), "query");
}
