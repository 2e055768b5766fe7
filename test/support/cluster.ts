/**
 * Several `escrowd start` processes on one PostgreSQL database and one standalone devnet, as an
 * operator runs them behind a load balancer (issue 17): the same keys and database, each its
 * own port and data directory. Used by test/scale-out.test.ts and scripts/bench-scaleout.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  fetchJson,
  freePort,
  fundFromFaucet,
  NodeProcess,
  staleClaimMover,
  startDevnetProcess,
  type DevnetProcess,
} from "./chaos.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";

export interface ClusterOptions {
  processes: number;
  /** ROLE of each process, by index; `all` when left out. */
  roles?: ("all" | "api" | "worker")[];
  blockIntervalMs: number;
  purchasingWallets: number;
  /** The buyer's tUSDM, spread over the purchasing wallets. */
  buyerUsdm: bigint;
  /** Names the admin key and the idempotency keys of this run. */
  seed: number;
  /** An existing PostgreSQL database's URL (a benchmark's); a fresh one on DATABASE_URL's server otherwise. */
  databaseUrl?: string;
  extraEnv?: Record<string, string>;
}

export interface Cluster {
  dir: string;
  devnet: DevnetProcess;
  database: TestDatabase | undefined;
  nodes: NodeProcess[];
  /** The processes that answer the API (every role but `worker`). */
  apiNodes: NodeProcess[];
  wallets: { selling: string; purchasing: string[] };
  adminKey: string;
  /** Which processes say (in /metrics) that they lead right now. */
  leaders(): Promise<number[]>;
  close(): Promise<void>;
}

const ADMIN_KEY_PREFIX = "cluster-admin-";

/** Starts the devnet, then the first process (it makes the wallets), then the others together. */
export async function openCluster(opts: ClusterOptions): Promise<Cluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-cluster-"));
  const devnet = await startDevnetProcess(path.join(dir, "devnet"), opts.blockIntervalMs);
  const database = opts.databaseUrl ? undefined : await freshDatabase();
  const databaseUrl = opts.databaseUrl ?? database?.url;
  if (!databaseUrl) throw new Error("a cluster needs PostgreSQL (DATABASE_URL)");
  const claims = staleClaimMover(devnet);
  const adminKey = `${ADMIN_KEY_PREFIX}${opts.seed}-0123456789abcdef`;
  const nodes: NodeProcess[] = [];
  for (let i = 0; i < opts.processes; i++) {
    const env: Record<string, string> = {
      CHAIN_BACKEND: "blockfrost",
      BLOCKFROST_URL: devnet.blockfrostUrl,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: "c5".repeat(32),
      ESCROW_ADMINS: "devnet",
      ADMIN_KEY: adminKey,
      DATA_DIR: path.join(dir, `node-${i}`),
      PORT: String(await freePort()),
      ROLE: opts.roles?.[i] ?? "all",
      PURCHASING_WALLETS: String(opts.purchasingWallets),
      CHAIN_POLL_INTERVAL_MS: String(Math.max(500, opts.blockIntervalMs)),
      // Every process may take a burst of the whole run's requests.
      RATE_LIMIT_REQUESTS_PER_MINUTE: "0",
      ...opts.extraEnv,
    };
    nodes.push(
      new NodeProcess({
        env,
        adminKey,
        callDeadlineMs: 180_000,
        onAbandonedClaim: claims.onAbandonedClaim,
      }),
    );
  }
  const close = async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    devnet.child.proc.kill("SIGTERM");
    await devnet.child.exited;
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await nodes[0]!.start();
    await Promise.all(nodes.slice(1).map((n) => n.start()));
    const wallets = await walletsOf(nodes.find((_, i) => opts.roles?.[i] !== "worker")!);
    await fundFromFaucet(devnet, wallets, opts.buyerUsdm);
    return {
      dir,
      devnet,
      database,
      nodes,
      apiNodes: nodes.filter((_, i) => opts.roles?.[i] !== "worker"),
      wallets,
      adminKey,
      leaders: () => leadersOf(nodes, adminKey),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The node's wallets as its API lists them (every process shares them). */
async function walletsOf(node: NodeProcess): Promise<Cluster["wallets"]> {
  const res = await node.call("GET", "/wallet/list?take=100");
  if (res.status !== 200) throw new Error(`wallet list: ${JSON.stringify(res.body)}`);
  const list = res.body.data.Wallets as { type: string; walletAddress: string }[];
  const of = (type: string) => list.filter((w) => w.type === type).map((w) => w.walletAddress);
  const [selling] = of("Selling");
  const purchasing = of("Purchasing");
  if (!selling || purchasing.length === 0) throw new Error(`no wallets: ${JSON.stringify(list)}`);
  return { selling, purchasing };
}

async function leadersOf(nodes: NodeProcess[], adminKey: string): Promise<number[]> {
  const says = await Promise.all(
    nodes.map(async (n, i) => {
      const text = await metricsText(n, adminKey);
      return text !== undefined && /^escrowd_leader 1$/m.test(text) ? i : undefined;
    }),
  );
  return says.filter((i): i is number => i !== undefined);
}

/** A process's /metrics, or undefined when it does not answer (it is down or starting). */
export async function metricsText(node: NodeProcess, adminKey: string) {
  const res = await fetch(node.apiUrl.replace(/\/api\/v1$/, "/metrics"), {
    headers: { token: adminKey },
    signal: AbortSignal.timeout(2_000),
  }).catch(() => undefined);
  return res?.status === 200 ? res.text() : undefined;
}

/** The sum of a counter's series in a /metrics text, those with `label` among their labels. */
export function counterTotal(metrics: string, name: string, label: string): number {
  let total = 0;
  for (const line of metrics.split("\n"))
    if (line.startsWith(`${name}{`) && line.includes(label))
      total += Number(line.split(" ").at(-1));
  return total;
}

/**
 * The devnet's count of transactions sent to it since it started, and its latest refusals
 * (see DevnetLedger).
 */
export async function submissionsOf(devnet: DevnetProcess) {
  const info = await fetchJson<{
    submissions: { accepted: number; refused: number; alreadyKnown: number };
    refusals: { txHash: string | null; reason: string }[];
  }>(`${devnet.devnetUrl}/info`);
  return { ...info.submissions, refusals: info.refusals };
}
