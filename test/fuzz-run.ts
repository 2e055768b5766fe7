/**
 * The API fuzz's world and runner, shared by test/fuzz.test.ts and scripts/fuzz.ts. The world
 * is a ready node's app (as the API tests build it: a fresh database, no live chain) with a
 * selling and a purchasing wallet, agents in the explorer's index held by the seller, and API
 * keys of every permission plus a revoked one, all made through the API itself. Every route the
 * app registers is fuzzed, so routes added later are covered without editing this file.
 */
import fc from "fast-check";
import type { Hono } from "hono";
import { createApp } from "../src/api/app.ts";
import { routeSchemas } from "../src/api/validate.ts";
import { REGISTRY_POLICY } from "../src/chain/builders/registry-common.ts";
import { registryIndex } from "../src/db/schema.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import type { AgentMetadata } from "../src/domain/mip002.ts";
import { encodeAgentMetadata } from "../src/domain/mip002-encode.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { NO_CHAIN } from "./support/app-context.ts";
import { freshDatabase, type TestDatabase } from "./support/db.ts";
import { ORACLE, SUMMARISER, TRANSLATOR } from "./support/registry-agents.ts";
import {
  requestFor,
  type Caller,
  type FuzzRequest,
  type FuzzRoute,
  type ValuePool,
} from "./fuzz-requests.ts";

const ADMIN = "admin-key-for-the-fuzz-0123456789";
const ENCRYPTION_KEY = "22".repeat(32);
const INPUT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/** Requests generated per fast-check sample; bounds the memory of big bodies held at once. */
const BATCH = 50;
/** Values kept per pool name, so harvesting answers never grows without bound. */
const POOL_PER_NAME_MAX = 8;
const HARVESTED = new Set(["id", "blockchainIdentifier", "agentIdentifier", "nextCursor"]);

export interface FuzzWorld {
  app: Hono;
  routes: FuzzRoute[];
  pool: ValuePool;
  tokens: Record<Caller, string | undefined>;
  /** Lines the node logged (an unexpected error shows here with its stack). */
  logged: string[];
  close(): Promise<void>;
}

export interface FiveXx {
  status: number;
  body: string;
  /** How to send it again: method, path, headers (the key named by its role), body. */
  request: FuzzRequest;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  fiveXx: number;
  /** Requests sent per route (`METHOD /path` as registered). */
  byRoute: Record<string, number>;
  /** The first few 5xx answers, with their requests. */
  firstFiveXx: FiveXx[];
}

async function indexAgent(
  db: TestDatabase["db"],
  id: string,
  agent: AgentMetadata,
  holder: WalletInfo,
) {
  await db.insert(registryIndex).values({
    agentIdentifier: id,
    network: "preprod",
    policyId: REGISTRY_POLICY.hash,
    assetName: `${id.slice(56)}000000`,
    status: "active",
    holderAddress: holder.address,
    holderPaymentKeyHash: holder.paymentKeyHash,
    rawMetadata: JSON.stringify(encodeAgentMetadata(agent)),
    metadata: JSON.stringify(encodeAgentMetadata(agent)),
    valid: true,
    invalidReasons: [],
    name: agent.name,
    description: agent.description ?? null,
    pricingType: null,
    units: [],
    tags: agent.tags,
    capabilityName: agent.capability?.name ?? null,
    mintOrBurnCount: 1,
    firstSeenAtMs: 0,
    checkedAtMs: 0,
    updatedAtMs: 0,
  });
}

function headersOf(r: FuzzRequest, tokens: FuzzWorld["tokens"]): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = tokens[r.caller];
  if (token !== undefined) {
    if (r.bearer) headers.authorization = `Bearer ${token}`;
    else headers.token = token;
  }
  if (r.idempotencyKey !== undefined) headers["idempotency-key"] = r.idempotencyKey;
  return headers;
}

/** Sends one request; answers the status and the body text. */
export async function send(
  world: Pick<FuzzWorld, "app" | "tokens">,
  r: FuzzRequest,
): Promise<{ status: number; text: string }> {
  const res = await world.app.request(r.url, {
    method: r.method,
    headers: headersOf(r, world.tokens),
    body: r.body,
  });
  return { status: res.status, text: await res.text() };
}

function remember(pool: ValuePool, name: string, value: unknown): void {
  const values = pool.get(name) ?? [];
  if (values.includes(value)) return;
  values.push(value);
  if (values.length > POOL_PER_NAME_MAX) values.shift();
  pool.set(name, values);
}

/** Keeps identifiers from a successful answer, so later requests can name real rows. */
function harvest(pool: ValuePool, text: string): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  const stack: { v: unknown; depth: number }[] = [{ v: body, depth: 0 }];
  for (let seen = 0; stack.length > 0 && seen < 500; seen++) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== "object" || v === null || depth > 6) continue;
    for (const [k, child] of Object.entries(v)) {
      if (typeof child === "string" && HARVESTED.has(k)) {
        remember(pool, k === "nextCursor" ? "cursorId" : k, child);
      } else stack.push({ v: child, depth: depth + 1 });
    }
  }
}

function seedPool(seller: WalletInfo, agents: string[]): ValuePool {
  const pool: ValuePool = new Map();
  const seed: Record<string, unknown[]> = {
    agentIdentifier: agents,
    sellingWalletVkey: [seller.paymentKeyHash],
    network: ["Preprod"],
    inputHash: [INPUT_HASH],
    identifierFromPurchaser: ["aabbccddeeff0011"],
    apiBaseUrl: ["https://agent.example.com/api"],
    unit: ["", DEVNET_USDM_UNIT],
    AgentPricing: [
      { pricingType: "Free" },
      { pricingType: "Dynamic" },
      { pricingType: "Fixed", Pricing: [{ unit: "", amount: "1000000" }] },
      { pricingType: "Fixed", Tiers: [{ name: "Basic", Pricing: [{ unit: "", amount: "1" }] }] },
    ],
    RequestedFunds: [[{ unit: "", amount: "1000000" }]],
  };
  for (const [name, values] of Object.entries(seed)) pool.set(name, values);
  return pool;
}

async function makeKey(app: Hono, body: object): Promise<{ id: string; token: string }> {
  const res = await app.request("/api/v1/api-key", {
    method: "POST",
    headers: { "content-type": "application/json", token: ADMIN },
    body: JSON.stringify({ NetworkLimit: ["Preprod"], usageLimited: false, ...body }),
  });
  const created = (await res.json()) as { data: { id: string; token: string } };
  if (res.status !== 200) throw new Error(`fuzz world: could not make a key: ${res.status}`);
  return created.data;
}

/** The routes the app registers under /api/v1, without middleware entries. */
function registeredRoutes(app: Hono): FuzzRoute[] {
  const seen = new Set<string>();
  const routes: FuzzRoute[] = [];
  for (const r of app.routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/v1/") || r.path.includes("*")) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method: r.method, path: r.path });
  }
  return routes;
}

/**
 * Finds each route's schemas: one admin request per route reaches its parsing, which notes the
 * schemas it reads (see validate.ts). A route that takes none is fuzzed with generic values.
 */
async function discoverSchemas(app: Hono, routes: FuzzRoute[]): Promise<void> {
  for (const route of routes) {
    const path = route.path.replace(/:[^/]+/g, "x");
    await app.request(path, {
      method: route.method,
      headers: { "content-type": "application/json", token: ADMIN },
      body: route.method === "GET" || route.method === "HEAD" ? undefined : "{}",
    });
    route.schemas = routeSchemas(route.method, route.path);
  }
}

/** Opens a fresh world; `close` it after. */
export async function openFuzzWorld(): Promise<FuzzWorld> {
  const database = await freshDatabase();
  const db = database.db;
  const logged: string[] = [];
  const app = createApp({
    readiness: { ready: true, stage: "ready" },
    log: (line) => logged.push(line),
    context: () => ({
      db,
      ...NO_CHAIN,
      // A chain with no outputs anywhere, which answers what it is asked.
      coinsPerUtxoSize: () => Promise.resolve(4310),
      adminKey: ADMIN,
      network: "preprod",
      encryptionKeyHex: ENCRYPTION_KEY,
    }),
  });
  const wallet = (role: "selling" | "purchasing") =>
    createWallet(db, { role, network: "preprod", encryptionKeyHex: ENCRYPTION_KEY, nowMs: 0 });
  const seller = await wallet("selling");
  await wallet("purchasing");
  const agents = [TRANSLATOR, SUMMARISER, ORACLE].map(
    (_, i) => `${REGISTRY_POLICY.hash}${(i + 1).toString(16).padStart(2, "0")}${"ab".repeat(28)}`,
  );
  await Promise.all(
    [TRANSLATOR, SUMMARISER, ORACLE].map((a, i) => indexAgent(db, agents[i]!, a, seller)),
  );
  const read = await makeKey(app, { permission: "Read" });
  const pay = await makeKey(app, { permission: "ReadAndPay" });
  const revoked = await makeKey(app, { permission: "ReadAndPay" });
  await app.request("/api/v1/api-key", {
    method: "PATCH",
    headers: { "content-type": "application/json", token: ADMIN },
    body: JSON.stringify({ id: revoked.id, status: "Revoked" }),
  });
  const routes = registeredRoutes(app);
  await discoverSchemas(app, routes);
  const pool = seedPool(seller, agents);
  for (const k of [read, pay, revoked]) remember(pool, "id", k.id);
  return {
    app,
    routes,
    pool,
    tokens: {
      none: undefined,
      wrong: "escrowd_not-a-key-of-this-node-at-all",
      revoked: revoked.token,
      read: read.token,
      pay: pay.token,
      admin: ADMIN,
    },
    logged,
    close: () => database.close(),
  };
}

/** Sends `requests` generated requests (deterministic for a seed) and counts the answers. */
export async function runFuzz(
  world: FuzzWorld,
  { requests, seed }: { requests: number; seed: number },
): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, byStatus: {}, fiveXx: 0, byRoute: {}, firstFiveXx: [] };
  for (let batch = 0; report.requests < requests; batch++) {
    const numRuns = Math.min(BATCH, requests - report.requests);
    // Each batch is sampled from the pool as it stands, so harvested ids are used from then on.
    const arbitrary = requestFor(world.routes, world.pool);
    for (const r of fc.sample(arbitrary, { seed: seed + batch, numRuns })) {
      const { status, text } = await send(world, r);
      report.requests++;
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      report.byRoute[r.route] = (report.byRoute[r.route] ?? 0) + 1;
      if (status >= 500) {
        report.fiveXx++;
        if (report.firstFiveXx.length < 5) {
          report.firstFiveXx.push({ status, body: text.slice(0, 500), request: r });
        }
      } else if (status < 300) harvest(world.pool, text);
    }
  }
  return report;
}
