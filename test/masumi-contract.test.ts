/**
 * The Masumi drop-in promise, checked the way a client of the peer would: every method+path of
 * the peer's published API description (`masumi-api-subset.openapi.json`) is called with a valid
 * request against a whole node on the devnet holding real data (payments and purchases in
 * several states, registered agents, API keys, wallets), and every 2xx answer is validated with
 * ajv against the operation's declared response schema. Additional fields are allowed (escrowd's
 * answers are additive); a missing required field or a wrong type is a departure.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  jobInput,
  payJob,
  registerAgent,
  waitState,
  type TestNode,
  openNode,
  TUSDM,
} from "./support/lifecycle-world.ts";
import { waitFor } from "./support/process.ts";
import { agentBody } from "./registry-fixtures.ts";

// The peer's published API description, kept in the repository so the test runs anywhere.
const SPEC_PATH = fileURLToPath(
  new URL("./fixtures/masumi-api-subset.openapi.json", import.meta.url),
);
const spec = JSON.parse(readFileSync(process.env.MASUMI_OPENAPI ?? SPEC_PATH, "utf8")) as {
  paths: Record<string, Record<string, { responses: Record<string, any> }>>;
  components: Record<string, unknown>;
};

/**
 * OpenAPI 3.0 schemas for ajv: `nullable` also admits null in enums (the peer writes
 * `onChainState: null`), references point into the registered document, and additional
 * properties are always allowed, since escrowd's answers add fields.
 */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "additionalProperties" && v === false) continue;
    if (k === "$ref" && typeof v === "string") out[k] = `masumi${v}`;
    else out[k] = forAjv(v);
  }
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null))
    out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) delete out.nullable;
  return out;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
// `cuid` names the peer's id generator, not a wire constraint: escrowd's ids are UUIDs.
ajv.addFormat("cuid", /^.+$/);
ajv.addSchema({ $id: "masumi", components: forAjv(spec.components) });

const OPERATIONS = Object.entries(spec.paths).flatMap(([path, ops]) =>
  Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
);

const validators = new Map<string, ValidateFunction | undefined>();
function validatorOf(operation: string, status: number): ValidateFunction | undefined {
  const key = `${operation} ${status}`;
  if (!validators.has(key)) {
    const [method, path] = operation.split(" ") as [string, string];
    const response = spec.paths[path]![method.toLowerCase()]!.responses[String(status)];
    const schema = response?.content?.["application/json"]?.schema;
    validators.set(key, schema ? ajv.compile(forAjv(schema) as object) : undefined);
  }
  return validators.get(key);
}

/** The lists the routes answer, each of which must hold rows here to validate anything. */
const LISTS = [
  "Payments",
  "Purchases",
  "Assets",
  "Wallets",
  "Rules",
  "transfers",
  "PaymentSources",
  "Utxos",
  "Balance",
  "ApiKeys",
];

interface Outcome {
  status: number;
  departures: string[];
}
const outcomes = new Map<string, Outcome>();

let n: TestNode;
let agent: string;

/** Calls `operation` with `query`/`body`, validates a 2xx answer, and returns the answer's data. */
async function call(
  operation: string,
  input: { query?: Record<string, string>; body?: unknown; token?: string } = {},
): Promise<any> {
  const [method, path] = operation.split(" ") as [string, string];
  const qs = input.query ? `?${new URLSearchParams(input.query)}` : "";
  const res = await fetch(`${n.node.apiUrl}${path}${qs}`, {
    method,
    headers: {
      token: input.token ?? n.node.parts!.keys.adminKey,
      "content-type": "application/json",
    },
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  const body = (await res.json()) as any;
  const departures: string[] = [];
  if (res.status >= 200 && res.status < 300) {
    const validate = validatorOf(operation, res.status);
    if (!validate) departures.push(`no response schema for ${res.status}`);
    else if (!validate(body))
      departures.push(...(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
    // An empty list validates trivially: every list route is called where it has rows.
    for (const key of LISTS) {
      const value = body?.data?.[key];
      if (Array.isArray(value) && value.length === 0) departures.push(`${key}: empty list`);
    }
  } else {
    departures.push(`answered ${res.status}: ${JSON.stringify(body)}`);
  }
  outcomes.set(operation, { status: res.status, departures });
  return body?.data;
}

const wallet = (role: "selling" | "purchasing") =>
  n.node.parts!.wallets.find((w) => w.role === role)!;
const network = "Preprod";
const resultHash = "ab".repeat(32);

beforeAll(async () => {
  n = await openNode();
  agent = await registerAgent(n);
}, 180_000);
afterAll(async () => {
  await closeNodes(n);
});

describe(`the peer's API description, served in full on ${DB_KIND}`, () => {
  it("serves every method+path with answers that match the declared schemas", async () => {
    try {
      await exerciseEveryRoute();
    } finally {
      const departures = [...outcomes].filter(([, o]) => o.departures.length > 0);
      if (departures.length > 0) console.error(JSON.stringify(departures, null, 2));
    }
    const served = OPERATIONS.filter((op) => (outcomes.get(op)?.status ?? 500) < 300);
    const departures = OPERATIONS.filter(
      (op) => (outcomes.get(op)?.departures ?? ["not called"]).length > 0,
    );
    expect(OPERATIONS.length).toBe(48);
    expect(served.length).toBe(48);
    expect(departures).toEqual([]);
  }, 600_000);
});

async function exerciseEveryRoute(): Promise<void> {
  const since = new Date(n.node.parts!.nowMs() - 60_000).toISOString();
  // Payments and purchases in several states, paid by the node's own buyer.
  const jobs = await Promise.all([0, 1, 2, 3].map(() => payJob(n, n, agent)));
  const [submitJob, authorizeJob, refundJob, cancelJob] = jobs.map((j) => j.blockchainIdentifier);
  for (const id of [submitJob, authorizeJob, refundJob, cancelJob])
    await waitState(n, "purchase", id!, "FundsLocked");

  // Two more agents of our own: one to update, one to deregister and then delete.
  const [toUpdate, toDelete] = await Promise.all([registerAgent(n), registerAgent(n)]);

  await call("GET /health");
  await call("GET /api-key-status");

  // API keys.
  const key = await call("POST /api-key", {
    body: { permission: "ReadAndPay", UsageCredits: [], NetworkLimit: ["Preprod"] },
  });
  await call("GET /api-key", { query: { take: "10" } });
  await call("PATCH /api-key", { body: { id: key.id, usageLimited: false } });
  await call("GET /api-key-status", { token: key.token });
  const doomed = await n.api("POST", "/api-key", { permission: "Read", UsageCredits: [] });
  await call("DELETE /api-key", { body: { id: doomed.body.data.id } });

  // Wallets.
  const seller = wallet("selling");
  const list = await call("GET /wallet/list", { query: { take: "10" } });
  expect(list.Wallets.map((w: any) => w.walletVkey)).toContain(seller.paymentKeyHash);
  await call("GET /wallet", { query: { walletType: "Selling", id: seller.id } });
  const created = await call("POST /wallet", { body: { network } });
  await call("PATCH /wallet", { body: { id: created.id, newCollectionAddress: null } });
  const rule = await call("POST /wallet/low-balance", {
    body: { walletId: seller.id, assetUnit: "lovelace", thresholdAmount: "5000000" },
  });
  await call("GET /wallet/low-balance", { query: { walletId: seller.id } });
  await call("PATCH /wallet/low-balance", {
    body: { ruleId: rule.id, thresholdAmount: "6000000" },
  });
  await call("DELETE /wallet/low-balance", { body: { ruleId: rule.id } });
  const transfer = await call("POST /wallet/transfer-funds", {
    body: {
      fromWalletAddress: wallet("purchasing").address,
      toAddress: created.walletAddress,
      lovelaceAmount: "3000000",
    },
  });
  await call("GET /wallet/transfer-funds", { query: { id: transfer.id } });
  await call("GET /payment-source", { query: { take: "10" } });
  await call("GET /utxos", { query: { address: seller.address, network } });
  await call("GET /balance", { query: { address: seller.address, network } });

  // Payments.
  const now = n.node.parts!.nowMs();
  const paid = await call("POST /payment", {
    body: {
      network,
      agentIdentifier: agent,
      paymentType: "Web3CardanoV1",
      ...jobInput(),
      payByTime: new Date(now + 50 * 60_000).toISOString(),
      submitResultTime: new Date(now + 60 * 60_000).toISOString(),
    },
  });
  await call("POST /payment/resolve-blockchain-identifier", {
    body: { network, blockchainIdentifier: submitJob, includeHistory: "true" },
  });
  await call("POST /payment/submit-result", {
    body: { network, blockchainIdentifier: submitJob, submitResultHash: resultHash },
  });
  await call("POST /payment/authorize-refund", {
    body: { network, blockchainIdentifier: authorizeJob },
  });
  await call("POST /payment/error-state-recovery", {
    body: { network, blockchainIdentifier: paid.blockchainIdentifier, updatedAt: paid.updatedAt },
  });
  // Lists and diffs after the actions, so that their histories are not empty.
  await call("GET /payment", { query: { network, limit: "10", includeHistory: "true" } });
  for (const route of ["", "/next-action", "/onchain-state-or-result"])
    await call(`GET /payment/diff${route}`, { query: { network, lastUpdate: since } });
  await call("GET /payment/count", { query: { network } });

  // Purchases.
  const sold = await n.api("POST", "/payment", {
    network,
    agentIdentifier: agent,
    ...jobInput(),
  });
  const p = sold.body.data;
  const bought = await call("POST /purchase", {
    body: {
      network,
      blockchainIdentifier: p.blockchainIdentifier,
      inputHash: p.inputHash,
      sellerVkey: p.sellerVKey,
      agentIdentifier: p.agentIdentifier,
      identifierFromPurchaser: p.identifierFromPurchaser,
      paymentType: "Web3CardanoV1",
      payByTime: p.payByTime,
      submitResultTime: p.submitResultTime,
      unlockTime: p.unlockTime,
      externalDisputeUnlockTime: p.externalDisputeUnlockTime,
    },
  });
  await call("POST /purchase/resolve-blockchain-identifier", {
    body: { network, blockchainIdentifier: refundJob, includeHistory: "false" },
  });
  await call("POST /purchase/request-refund", {
    body: { network, blockchainIdentifier: refundJob },
  });
  await n.api("POST", "/purchase/request-refund", { network, blockchainIdentifier: cancelJob });
  await waitState(n, "purchase", cancelJob!, "RefundRequested");
  await call("POST /purchase/cancel-refund-request", {
    body: { network, blockchainIdentifier: cancelJob },
  });
  // The recovery names the state it saw: once locked, nothing moves the purchase on.
  const seen = await waitState(n, "purchase", bought.blockchainIdentifier, "FundsLocked");
  expect((await n.api("GET", `/purchase/${bought.id}`)).body.data.updatedAt).toBe(seen.updatedAt);
  await call("POST /purchase/error-state-recovery", {
    body: {
      network,
      blockchainIdentifier: bought.blockchainIdentifier,
      updatedAt: seen.updatedAt,
    },
  });
  await call("GET /purchase", { query: { network, limit: "10", includeHistory: "true" } });
  for (const route of ["", "/next-action", "/onchain-state-or-result"])
    await call(`GET /purchase/diff${route}`, { query: { network, lastUpdate: since } });
  await call("GET /purchase/count", { query: { network } });

  // Registry.
  await call("GET /registry", { query: { network, limit: "10" } });
  await call("GET /registry/count", { query: { network } });
  await call("GET /registry/diff", { query: { network, lastUpdate: since } });
  await call("GET /registry/agent-identifier", { query: { network, agentIdentifier: agent } });
  await call("GET /registry/wallet", { query: { network, walletVkey: seller.paymentKeyHash } });
  const pricing = { pricingType: "Fixed", Pricing: [{ unit: TUSDM, amount: "2000000" }] };
  await call("POST /registry", { body: agentBody(seller.paymentKeyHash, "Another", pricing) });
  await call("POST /registry/update", {
    body: { ...agentBody(seller.paymentKeyHash, "Updated", pricing), agentIdentifier: toUpdate },
  });
  const deregistered = await call("POST /registry/deregister", {
    body: { network, agentIdentifier: toDelete },
  });
  await waitFor(
    "the deregistration to be confirmed",
    async () => {
      const res = await n.api("GET", `/registry?network=${network}&limit=100`);
      const e = res.body.data.Assets.find((a: any) => a.id === deregistered.id);
      return e?.state === "DeregistrationConfirmed" ? true : undefined;
    },
    60_000,
    200,
  );
  await call("DELETE /registry", { body: { id: deregistered.id } });
}
