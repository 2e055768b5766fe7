/**
 * The node's MCP server at `/mcp` (streamable HTTP, the official SDK, stateless: a server per
 * request). Authenticated by the node's API keys (`Authorization: Bearer` or `token`); the tools
 * listed are those the key may call, and each call is the route's own request (tools.ts), so
 * answers and refusals are the API's: a refusal is a tool error carrying its status, message and
 * field.
 */
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { Hono } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { errorBody } from "../api/errors.ts";
import { TOOL_ROUTES, type ToolRoute } from "./tools.ts";
import { tokenOf } from "../api/auth.ts";

const TOKEN_LENGTH_MAX = 600;
const IDEMPOTENCY_KEY = "idempotencyKey";

type Fetch = (path: string, init: RequestInit) => Promise<Response>;

let sdk: Promise<Sdk> | undefined;
type Sdk = [
  typeof import("@modelcontextprotocol/sdk/server/index.js"),
  typeof import("@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js"),
  typeof import("@modelcontextprotocol/sdk/types.js"),
];

/**
 * The MCP SDK, loaded at the first request to `/mcp`: a node whose agents never use MCP does not
 * hold it (about 12 MB resident).
 */
function mcpSdk(): Promise<Sdk> {
  sdk ??= Promise.all([
    import("@modelcontextprotocol/sdk/server/index.js"),
    import("@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js"),
    import("@modelcontextprotocol/sdk/types.js"),
  ]);
  return sdk;
}

/** A tool's input schema: the route's documented body, or its query parameters as an object. */
function inputSchemaOf(route: ToolRoute, doc: OpenAPIV3_1.Document): Tool["inputSchema"] {
  const op = doc.paths?.[`/api/v1${route.path}`]?.[route.method.toLowerCase() as "get"];
  if (op === undefined) throw new Error(`MCP tool ${route.name}: ${route.path} is not documented`);
  let schema: Record<string, unknown> & { properties?: Record<string, unknown> };
  if (route.method === "GET") {
    const params = ((op.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).filter(
      (p) => p.in === "query",
    );
    schema = {
      type: "object",
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
      required: params.filter((p) => p.required).map((p) => p.name),
      additionalProperties: false,
    };
  } else {
    const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject).content["application/json"]!
      .schema as Record<string, unknown>;
    schema = structuredClone(body) as typeof schema;
    schema.properties = {
      ...schema.properties,
      [IDEMPOTENCY_KEY]: {
        type: "string",
        maxLength: 255,
        description: "Makes the call safe to retry: the same key and arguments answer the same",
      },
    };
  }
  return schema as Tool["inputSchema"];
}

/** What the key may do, or the API's refusal. */
async function permissionsOf(call: Fetch, token: string) {
  const res = await call("/api/v1/api-key-status", { headers: { token } });
  const body = (await res.json()) as { data?: { canRead?: boolean; canPay?: boolean } };
  return res.status === 200
    ? { ok: true as const, ...body.data }
    : { ok: false as const, res, body };
}

/** Runs one tool: the route's request with the caller's key; the answer as the tool's result. */
async function runTool(
  call: Fetch,
  token: string,
  route: ToolRoute,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  const { [IDEMPOTENCY_KEY]: idempotencyKey, ...input } = args;
  const headers: Record<string, string> = { token, "content-type": "application/json" };
  if (typeof idempotencyKey === "string") headers["Idempotency-Key"] = idempotencyKey;
  let path = `/api/v1${route.path}`;
  let body: string | undefined;
  if (route.method === "GET") {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(input)) if (v !== undefined) query.set(k, String(v));
    if ([...query].length > 0) path += `?${query}`;
  } else {
    body = JSON.stringify(input);
  }
  const res = await call(path, { method: route.method, headers, body });
  const answer = (await res.json().catch(() => ({}))) as {
    data?: unknown;
    error?: { message?: string; field?: string };
  };
  if (res.status === 200) {
    const data = answer.data;
    return {
      content: [{ type: "text", text: JSON.stringify(data) }],
      ...(data !== null && typeof data === "object" && !Array.isArray(data)
        ? { structuredContent: data as Record<string, unknown> }
        : {}),
    };
  }
  const error = {
    status: res.status,
    message: answer.error?.message ?? "refused",
    field: answer.error?.field,
  };
  const where = error.field === undefined ? "" : ` (field ${error.field})`;
  return {
    isError: true,
    content: [{ type: "text", text: `${error.status}: ${error.message}${where}` }],
    structuredContent: { error },
  };
}

/** The `/mcp` route; `app` is the node's app, whose routes the tools call in process. */
export function mcpRoutes(
  app: () => Hono,
  description: () => Promise<OpenAPIV3_1.Document>,
  version: string,
): Hono {
  const call: Fetch = (path, init) => Promise.resolve(app().request(path, init));
  return new Hono().all("/mcp", async (c) => {
    const token = tokenOf((name) => c.req.header(name));
    if (token === undefined || token.length > TOKEN_LENGTH_MAX)
      return c.json(errorBody("an API key is needed (Authorization: Bearer …)", "token"), 401);
    const allowed = await permissionsOf(call, token);
    if (!allowed.ok) return c.json(allowed.body, allowed.res.status as 401);
    const doc = await description();
    const mayCall = (r: ToolRoute) =>
      r.access === "public" || (r.access === "pay" ? allowed.canPay : allowed.canRead);
    const [{ Server }, { WebStandardStreamableHTTPServerTransport }, schemas] = await mcpSdk();
    const { CallToolRequestSchema, ListToolsRequestSchema } = schemas;
    const server = new Server({ name: "escrowd", version }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: TOOL_ROUTES.filter(mayCall).map((r) => ({
        name: r.name,
        description: r.description,
        inputSchema: inputSchemaOf(r, doc),
      })),
    }));
    server.setRequestHandler(CallToolRequestSchema, async (req) => {
      const route = TOOL_ROUTES.find((r) => r.name === req.params.name);
      if (route === undefined)
        return { isError: true, content: [{ type: "text", text: `no tool ${req.params.name}` }] };
      // A tool the key may not call is still the route's to refuse (403), with its message.
      return runTool(call, token, route, req.params.arguments ?? {});
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });
}
