/**
 * Each route's OpenAPI description, attached to the route itself as a middleware. The schemas a
 * route documents are the ones it parses with: `jsonBody` and `queryParams` (validate.ts) refuse
 * to parse with any other, so the description cannot drift from what the route accepts.
 * hono-openapi reads these middlewares when it walks the app (see document.ts).
 */
import type { Context, MiddlewareHandler } from "hono";
import { uniqueSymbol, type DescribeRouteOptions } from "hono-openapi";
import { z } from "zod";
import type { Permission } from "../auth.ts";

/** Who may call a route: anyone, or a key with this permission (admin implies all). */
export type Access = "public" | Permission;

export interface RouteDoc {
  /** One line: what the route does. */
  summary: string;
  /** More about it, when the summary is not enough (Markdown). */
  description?: string;
  /** The group it is listed under in the reference. */
  tag: string;
  access: Access;
  /** The JSON body's schema, as the route parses it. */
  body?: z.ZodType;
  /** The query's schema, as the route parses it. */
  query?: z.ZodType;
  /** The `data` of the `{status: "success", data}` answer. */
  answer: z.ZodType;
  /** The answer is `answer` itself, not wrapped in the envelope (the explorer's routes). */
  bare?: boolean;
  /** Expected refusals beyond those implied by the access and the inputs. */
  errors?: readonly number[];
}

/** The documented schemas of the route a request reached, for validate.ts. */
export interface DocumentedInputs {
  body?: z.ZodType;
  query?: z.ZodType;
}

const INPUTS = Symbol("documentedInputs");

/** What the route the request reached documents as its inputs, if it is documented. */
export function documentedInputs(c: Context): DocumentedInputs | undefined {
  return (c as unknown as Record<symbol, DocumentedInputs | undefined>)[INPUTS];
}

const ERROR_TEXT: Record<number, string> = {
  400: "Bad input; `error.field` names the first offending field",
  401: "No token, or an unknown or revoked API key",
  402: "Refused by a budget or the key's remaining credits",
  403: "The key lacks the permission, or is not allowed on this network",
  404: "Not found",
  409: "Conflicts with the current state, or an Idempotency-Key sent again with another body",
  413: "Request body over 256 KiB",
  429: "Too many requests; `Retry-After` says when to come back",
  503: "The node is starting, or the chain could not be read",
};

/** The error envelope every refusal answers with. */
export const errorAnswer = z.object({
  status: z.literal("error"),
  error: z
    .object({ message: z.string(), field: z.string().optional() })
    .catchall(z.unknown())
    .meta({ description: "`field` names the offending input, where there is one" }),
});

/** A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as the route reads or writes it. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/** The query schema's top-level fields as OpenAPI parameters. */
function queryParameters(query: z.ZodType) {
  const json = jsonSchemaOf(query, "input") as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query" as const,
    required: json.required?.includes(name) ?? false,
    schema,
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
  }));
}

const IDEMPOTENCY_HEADER = {
  name: "Idempotency-Key",
  in: "header" as const,
  required: false,
  description:
    "Makes the request safe to retry: the first answer is stored and replayed for the same key " +
    "and body; the same key with another body is refused (409)",
  schema: { type: "string", maxLength: 255 },
};

function statusesOf(doc: RouteDoc, method: string): number[] {
  const statuses = new Set<number>(doc.errors ?? []);
  // Any request can be refused as malformed (input-guard.ts), whatever the route reads, and a
  // request that sends a token is refused for a bad or limited key even on a public route.
  for (const s of [400, 401, 403, 429, 503]) statuses.add(s);
  if (method !== "GET") statuses.add(413);
  // An Idempotency-Key sent again with another body.
  if (method !== "GET" && doc.access !== "public") statuses.add(409);
  return [...statuses].sort((a, b) => a - b);
}

/** Where a route's RouteDoc sits in the operation hono-openapi collects (document.ts reads it). */
export const DOC_KEY = "x-escrowd-doc";

/** The OpenAPI operation of a route, from its RouteDoc and method (upper case). */
export function operationOf(doc: RouteDoc, method: string): DescribeRouteOptions {
  const answer = doc.bare
    ? doc.answer
    : z.object({ status: z.literal("success"), data: doc.answer });
  const responses: Record<string, unknown> = {
    200: {
      description: "Done",
      content: { "application/json": { schema: jsonSchemaOf(answer, "output") } },
    },
  };
  const error = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  for (const status of statusesOf(doc, method))
    responses[status] = { description: ERROR_TEXT[status] ?? "Refused", content: error };
  const parameters: unknown[] = doc.query ? queryParameters(doc.query) : [];
  if (method !== "GET" && doc.access !== "public") parameters.push(IDEMPOTENCY_HEADER);
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    ...(doc.access === "public"
      ? { security: [] }
      : {
          security: [{ token: [] }, { bearer: [] }],
          "x-permission": doc.access,
        }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchemaOf(doc.body, "input") } },
          },
        }
      : {}),
    responses,
  } as DescribeRouteOptions;
}

/**
 * The middleware that documents a route. The operation is built when the description is
 * generated (document.ts), from the method and path hono-openapi found the route under.
 */
export function documented(doc: RouteDoc): MiddlewareHandler {
  const inputs: DocumentedInputs = { body: doc.body, query: doc.query };
  const middleware: MiddlewareHandler = async function documentedRoute(c, next) {
    (c as unknown as Record<symbol, DocumentedInputs>)[INPUTS] = inputs;
    await next();
  };
  return Object.assign(middleware, { [uniqueSymbol]: { spec: { [DOC_KEY]: doc } } });
}
