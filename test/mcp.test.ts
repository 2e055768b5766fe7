/**
 * The node's MCP server through the SDK's own client (StreamableHTTPClientTransport) on the
 * devnet: the tools a key may call are listed with the routes' schemas; a whole paid job runs
 * through them (lookup → create_payment_request → purchase → submit_result → release → the
 * seller paid) and a refund (purchase → request_refund → authorize_refund → refunded); a key
 * with Read permission sees no paying tool and is refused one with the API's message; without
 * a key there is no MCP at all.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { connectToNode } from "../examples/mcp/connect.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  HOUR_MS,
  jobInput,
  MINUTE_MS,
  openNode,
  purchaseBody,
  registerAgent,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { waitFor } from "./support/process.ts";

let n: TestNode;
let agent: string;
let mcpUrl: URL;

beforeAll(async () => {
  n = await openNode();
  mcpUrl = new URL(n.node.apiUrl.replace(/\/api\/v1$/, "/mcp"));
  agent = await registerAgent(n);
}, 120_000);
afterAll(async () => {
  await closeNodes(n);
});

// The README's code (examples/mcp/connect.ts).
const connect = (token: string): Promise<Client> => connectToNode(mcpUrl, token);

/** A tool's result as the API's data; fails the test on a tool error. */
async function use(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { text: string }[])[0]!.text;
  expect(result.isError ?? false, `${name}: ${text}`).toBe(false);
  return JSON.parse(text);
}

async function stateOf(client: Client, tool: string, id: string) {
  return (await use(client, tool, { network: "Preprod", blockchainIdentifier: id }))
    .state as string;
}

function until(client: Client, tool: string, id: string, state: string) {
  return waitFor(
    `${tool} to say ${state}`,
    async () => ((await stateOf(client, tool, id)) === state ? true : undefined),
    60_000,
    250,
  );
}

/** A job bought through the tools; the seller's request and the buyer's lock. */
async function buyThroughTools(client: Client) {
  const now = n.node.parts!.nowMs();
  const payment = await use(client, "create_payment_request", {
    network: "Preprod",
    agentIdentifier: agent,
    ...jobInput(),
    payByTime: String(now + HOUR_MS - 10 * MINUTE_MS),
    submitResultTime: String(now + HOUR_MS),
    idempotencyKey: `pay-${now}`,
  });
  const purchase = await use(client, "purchase", {
    ...purchaseBody(payment),
    idempotencyKey: `buy-${now}`,
  });
  expect(purchase.blockchainIdentifier).toBe(payment.blockchainIdentifier);
  const id = payment.blockchainIdentifier as string;
  await until(client, "purchase_status", id, "FundsLocked");
  return id;
}

describe(`MCP at /mcp on ${DB_KIND}`, () => {
  it("lists every tool to an admin key, with the routes' input schemas", async () => {
    const client = await connect(n.node.parts!.keys.adminKey);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        "authorize_refund",
        "create_payment_request",
        "list_payments",
        "list_purchases",
        "lookup_agent",
        "payment_status",
        "preflight",
        "purchase",
        "purchase_status",
        "quote",
        "refund_part",
        "release",
        "request_refund",
        "submit_result",
      ].sort(),
    );
    const purchase = tools.find((t) => t.name === "purchase")!;
    expect(purchase.inputSchema.required).toEqual(
      expect.arrayContaining(["network", "blockchainIdentifier", "sellerVkey"]),
    );
    expect(purchase.inputSchema.properties).toHaveProperty("idempotencyKey");
    expect(purchase.description).toMatch(/base units/);
    await client.close();
  });

  it("runs a paid job: lookup, request, purchase, result, release, the seller paid", async () => {
    const client = await connect(n.node.parts!.keys.adminKey);
    const info = await use(client, "lookup_agent", { agentIdentifier: agent });
    expect(JSON.stringify(info)).toContain(agent);
    const id = await buyThroughTools(client);
    await use(client, "submit_result", {
      network: "Preprod",
      blockchainIdentifier: id,
      submitResultHash: "c".repeat(64),
    });
    await until(client, "payment_status", id, "ResultSubmitted");
    await use(client, "release", { network: "Preprod", blockchainIdentifier: id });
    await until(client, "payment_status", id, "Withdrawn");
    const listed = await use(client, "list_payments", { network: "Preprod", limit: 5 });
    expect(listed.Payments.some((p: any) => p.blockchainIdentifier === id)).toBe(true);
    await client.close();
  });

  it("runs a refund: purchase, request_refund, authorize_refund, refunded", async () => {
    const client = await connect(n.node.parts!.keys.adminKey);
    const id = await buyThroughTools(client);
    await use(client, "request_refund", { network: "Preprod", blockchainIdentifier: id });
    await until(client, "payment_status", id, "RefundRequested");
    await use(client, "authorize_refund", { network: "Preprod", blockchainIdentifier: id });
    await until(client, "purchase_status", id, "RefundWithdrawn");
    await client.close();
  });

  it("answers a refusal as a tool error with the API's status, message and field", async () => {
    const client = await connect(n.node.parts!.keys.adminKey);
    const result = await client.callTool({
      name: "submit_result",
      arguments: { network: "Preprod", blockchainIdentifier: "nope", submitResultHash: "x" },
    });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/^400: .*\(field /);
    expect(result.structuredContent).toMatchObject({ error: { status: 400 } });
    await client.close();
  });

  it("gives a Read key no paying tool, and refuses it one with the API's 403", async () => {
    const created = await n.api("POST", "/api-key", { permission: "Read", usageLimited: "false" });
    expect(created.status).toBe(200);
    const client = await connect(created.body.data.token);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("payment_status");
    expect(names).toContain("lookup_agent");
    for (const paying of ["purchase", "release", "create_payment_request", "submit_result"])
      expect(names).not.toContain(paying);
    const refused = await client.callTool({
      name: "purchase",
      arguments: { network: "Preprod", blockchainIdentifier: "x" },
    });
    expect(refused.isError).toBe(true);
    expect((refused.content as { text: string }[])[0]!.text).toMatch(/^403: /);
    await client.close();
  });

  it("refuses a request without a key, or with an unknown one, before any MCP", async () => {
    const none = await fetch(mcpUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(none.status).toBe(401);
    await expect(connect("unknown-token-of-some-length")).rejects.toThrow();
  });
});
