/**
 * The API's OpenAPI 3.1 description, generated from the app's own routes: hono-openapi walks
 * the app and collects each route's `documented` middleware, and each RouteDoc becomes its
 * operation here, where its method and path are known.
 */
import type { Hono } from "hono";
import { generateSpecs } from "hono-openapi";
import type { OpenAPIV3_1 } from "openapi-types";
import { DOC_KEY, errorAnswer, jsonSchemaOf, operationOf, type RouteDoc } from "./route-doc.ts";

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

const INTRODUCTION = [
  "escrowd's HTTP API: escrowed USDM payments between AI agents on Cardano, the agent",
  "registry, metered terms, budgets and usage events. The payment, purchase, registry and",
  "wallet routes keep the Masumi payment service's paths and field names.",
  "",
  "Amounts are integer strings in base units (USDM has 6 decimals); times are POSIX",
  'milliseconds. Answers are `{status: "success", data}`; refusals are',
  '`{status: "error", error: {message, field?}}` with a 4xx that names the field.',
  "Send your API key as the `token` header (or `Authorization: Bearer`). Every POST, PATCH and",
  "DELETE takes an `Idempotency-Key`.",
].join("\n");

/** The description of `app` (the whole node app, so paths carry their `/api/v1` prefix). */
export async function apiDescription(app: Hono, version: string): Promise<OpenAPIV3_1.Document> {
  const specs = (await generateSpecs(app, {
    excludeStaticFile: false,
    documentation: {
      info: { title: "escrowd", version, description: INTRODUCTION },
      components: {
        securitySchemes: {
          token: { type: "apiKey", in: "header", name: "token" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
  })) as OpenAPIV3_1.Document;
  const paths: OpenAPIV3_1.PathsObject = {};
  for (const [path, item] of Object.entries(specs.paths ?? {})) {
    for (const method of METHODS) {
      const found = item?.[method] as
        (Record<string, unknown> & { parameters?: unknown[] }) | undefined;
      const doc = found?.[DOC_KEY] as RouteDoc | undefined;
      // Only documented routes are described; the completeness test finds any other.
      if (found === undefined || doc === undefined) continue;
      const operation = operationOf(doc, method.toUpperCase()) as Record<string, unknown>;
      const pathParameters = (found.parameters ?? []).filter(
        (p) => (p as { in?: string }).in === "path",
      );
      operation.parameters = [...pathParameters, ...((operation.parameters as unknown[]) ?? [])];
      if ((operation.parameters as unknown[]).length === 0) delete operation.parameters;
      paths[path] = { ...paths[path], [method]: { operationId: found.operationId, ...operation } };
    }
  }
  return {
    ...specs,
    paths,
    components: {
      ...specs.components,
      schemas: { Error: jsonSchemaOf(errorAnswer, "output") as OpenAPIV3_1.SchemaObject },
    },
  };
}
