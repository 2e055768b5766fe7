/**
 * Whole nodes for the payment lifecycle tests, over HTTP: a node on its own in-process devnet
 * (blocks every 200 ms, an idle block after 4 s without one, time moved forward by the test), optionally a second node sharing that
 * devnet through its Blockfrost API (another database, its own wallets, funded by the faucet),
 * and an agent registered by the first node's selling wallet.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.ts";
import type { ThreadedDevnet } from "../../src/devnet/thread.ts";
import { startNode, type RunningNode } from "../../src/node.ts";
import { agentBody, TUSDM } from "../registry-fixtures.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./db.ts";
import { jobInput, purchaseBody } from "./job-bodies.ts";
import { waitFor } from "./process.ts";

export { jobInput, purchaseBody };

export { TUSDM };
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const PRICE = "5000000";
/** How long a test waits for the workers to carry something out. */
export const SETTLE_MS = 60_000;

export interface TestNode {
  node: RunningNode;
  dir: string;
  database: TestDatabase | undefined;
  env: Record<string, string>;
  api(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Stops the node (its devnet too, if it has one). */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and database. */
  restart(): Promise<void>;
}

const log = (l: string) => {
  if (process.env.E2E_LOG) console.error(l);
};

async function launch(env: Record<string, string>): Promise<RunningNode> {
  return startNode(loadConfig(env), log);
}

/** Opens a node; `extraEnv` selects the chain (in-process devnet by default). */
export async function openNode(extraEnv: Record<string, string> = {}): Promise<TestNode> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-lifecycle-"));
  const env: Record<string, string> = {
    DATA_DIR: dir,
    PORT: "0",
    DEVNET_BLOCK_INTERVAL_MS: "200",
    ...extraEnv,
  };
  let database: TestDatabase | undefined;
  if (DB_KIND === "postgres") {
    database = await freshDatabase();
    env.DATABASE_URL = database.url!;
  }
  const t: TestNode = {
    node: await launch(env),
    dir,
    database,
    env,
    async api(method, route, body) {
      const res = await fetch(`${t.node.apiUrl}${route}`, {
        method,
        headers: { token: t.node.parts!.keys.adminKey, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async stop() {
      await t.node.close();
    },
    async restart() {
      // The devnet keeps its data directory (and its port when DEVNET_PORT is set).
      await t.node.close();
      t.node = await launch(t.env);
    },
  };
  return t;
}

/** Closes nodes and removes their data. */
export async function closeNodes(...nodes: (TestNode | undefined)[]): Promise<void> {
  for (const n of nodes) {
    if (!n) continue;
    await n.node.close().catch(() => {});
    await n.database?.close();
    await rm(n.dir, { recursive: true, force: true });
  }
}

export function devnetOf(n: TestNode): ThreadedDevnet {
  return n.node.parts!.devnet!;
}

/** A second node on the first node's devnet, its wallets funded from the faucet. */
export async function openPeerNode(first: TestNode): Promise<TestNode> {
  const devnet = devnetOf(first);
  const peer = await openNode({
    CHAIN_BACKEND: "blockfrost",
    BLOCKFROST_URL: devnet.blockfrostUrl,
    ENCRYPTION_KEY: "5e".repeat(32),
    ESCROW_ADMINS: "devnet",
    CHAIN_POLL_INTERVAL_MS: "300",
  });
  for (const w of peer.node.parts!.wallets) {
    await devnet.ledger.faucet(w.address, { lovelace: 10_000_000n });
    await devnet.ledger.faucet(w.address, {
      lovelace: 2_000_000_000n,
      assets: [{ unit: TUSDM, quantity: 1_000_000_000n }],
    });
  }
  return peer;
}

/** Registers a Fixed-price agent held by the node's selling wallet; resolves once sellable. */
export async function registerAgent(n: TestNode, price = PRICE): Promise<string> {
  const seller = n.node.parts!.wallets.find((w) => w.role === "selling")!;
  const pricing = { pricingType: "Fixed", Pricing: [{ unit: TUSDM, amount: price }] };
  const res = await n.api("POST", "/registry", agentBody(seller.paymentKeyHash, "Job", pricing));
  if (res.status !== 200) throw new Error(`registry: ${JSON.stringify(res.body)}`);
  const id = res.body.data.id as string;
  const agentIdentifier = await waitFor(
    "the agent to be registered",
    async () => {
      const list = await n.api("GET", "/registry?limit=100");
      const e = list.body.data.Assets.find((a: { id: string }) => a.id === id);
      return e?.state === "RegistrationConfirmed" ? (e.agentIdentifier as string) : undefined;
    },
    SETTLE_MS,
    200,
  );
  await waitIndexed(n, agentIdentifier);
  return agentIdentifier;
}

/** Waits until `n`'s own registry index lists the agent (what its payment checks read). */
export async function waitIndexed(n: TestNode, agentIdentifier: string): Promise<void> {
  await waitFor(
    "the explorer to index the agent",
    async () => {
      const res = await fetch(`${n.node.apiUrl}/registry-entry?limit=100`);
      const body = (await res.json()) as any;
      return body.data.RegistryEntries.some((e: any) => e.agentIdentifier === agentIdentifier)
        ? true
        : undefined;
    },
    SETTLE_MS,
    200,
  );
}

/** Asks `seller` for a payment request and `buyer` to pay it; returns the identifier. */
export async function payJob(
  seller: TestNode,
  buyer: TestNode,
  agentIdentifier: string,
  times: { submitResultInMs?: number } = {},
): Promise<{ blockchainIdentifier: string; payment: any; purchase: any }> {
  const now = seller.node.parts!.nowMs();
  const job = jobInput();
  const submitResultTime = now + (times.submitResultInMs ?? HOUR_MS);
  const created = await seller.api("POST", "/payment", {
    network: "Preprod",
    agentIdentifier,
    ...job,
    payByTime: String(submitResultTime - 10 * MINUTE_MS),
    submitResultTime: String(submitResultTime),
  });
  if (created.status !== 200) throw new Error(`payment: ${JSON.stringify(created.body)}`);
  const p = created.body.data;
  const bought = await buyer.api("POST", "/purchase", purchaseBody(p));
  if (bought.status !== 200) throw new Error(`purchase: ${JSON.stringify(bought.body)}`);
  return { blockchainIdentifier: p.blockchainIdentifier, payment: p, purchase: bought.body.data };
}

/** The payment's or purchase's view, read by blockchainIdentifier. */
export async function viewOf(n: TestNode, side: "payment" | "purchase", id: string) {
  const res = await n.api("POST", `/${side}/resolve-blockchain-identifier`, {
    network: "Preprod",
    blockchainIdentifier: id,
  });
  if (res.status !== 200) throw new Error(`${side} resolve: ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Waits until the view's `state` is `state`; fails at once on an unexpected final state. */
export function waitState(
  n: TestNode,
  side: "payment" | "purchase",
  id: string,
  state: string,
  timeoutMs = SETTLE_MS,
) {
  return waitFor(
    `${side} to reach ${state}`,
    async () => {
      const v = await viewOf(n, side, id);
      return v.state === state ? v : undefined;
    },
    timeoutMs,
    200,
  );
}

/**
 * Moves the devnet's time forward to `ms` (if it is not there yet). The devnet makes a block at
 * the new time itself, so the tip the node reads the time from moves with it.
 */
export async function moveTimeTo(n: TestNode, ms: number): Promise<void> {
  const ledger = devnetOf(n).ledger;
  if (ledger.nowMs() < ms) await ledger.advanceTimeTo(ms);
}
