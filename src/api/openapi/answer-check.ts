/**
 * Development check: every answer of a documented route is validated against the API's own
 * description (the JSON Schema of its status), so the description cannot drift from what the
 * routes write. On in the test suite (ESCROWD_CHECK_ANSWERS=1); a mismatch turns the answer
 * into a 500 that names the route and the first difference, so the test that made it fails.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { MiddlewareHandler } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { errorBody } from "../errors.ts";
import { answeringRoute } from "../answering-route.ts";

// ajv-formats is CommonJS; whether its function arrives as the default or under it depends on
// the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** Hono's `/a/:id` as OpenAPI's `/a/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

type Operation = OpenAPIV3_1.OperationObject;

/** The middleware; `description` yields the node's description. */
export function answerCheck(
  description: () => Promise<OpenAPIV3_1.Document>,
  report: (line: string) => void,
): MiddlewareHandler {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction | null>();
  return async function checkAnswer(c, next) {
    await next();
    const route = answeringRoute(c);
    // 5xx are the node's own faults and 499 a client that hung up: no route promises those.
    if (route === undefined || c.res.status >= 499) return;
    const doc = await description();
    const path = openApiPath(route.path);
    const method = c.req.method.toLowerCase() as "get";
    const operation = doc.paths?.[path]?.[method] as Operation | undefined;
    if (operation === undefined) return; // not documented: the completeness test says so
    const key = `${method} ${path} ${c.res.status}`;
    let validate = compiled.get(key);
    if (validate === undefined) {
      const response = operation.responses?.[String(c.res.status)] as
        OpenAPIV3_1.ResponseObject | undefined;
      const schema = response?.content?.["application/json"]?.schema;
      validate =
        schema === undefined ? null : ajv.compile({ ...schema, components: doc.components });
      compiled.set(key, validate);
    }
    const problem =
      validate === null
        ? `status ${c.res.status} is not in the description`
        : ((await valid(validate, c.res.clone())) ?? undefined);
    if (problem === undefined) return;
    const line = `answer of ${key} does not match the API description: ${problem}`;
    report(line);
    c.res = undefined;
    c.res = c.json(errorBody(line), 500);
  };
}

/** The first validation error of a JSON answer, or undefined when it matches. */
async function valid(validate: ValidateFunction, res: Response): Promise<string | undefined> {
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) return `not JSON (${type || "no content type"})`;
  if (validate(await res.json())) return undefined;
  const e = validate.errors?.[0];
  return e
    ? `${e.instancePath || "/"} ${e.message ?? "invalid"} ${JSON.stringify(e.params)}`
    : "invalid";
}
