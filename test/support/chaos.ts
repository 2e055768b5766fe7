/**
 * Support for the crash test (test/lifecycle-chaos.test.ts): the devnet and the node as child
 * processes, a node that is SIGKILLed and started again on the same data, requests retried
 * (with their Idempotency-Key) until the node answers, a seeded random source, and a replay of
 * the devnet's whole chain that totals the value of every unspent output per asset.
 */
import net from "node:net";
import { IN_PROGRESS_STALE_MS } from "../../src/api/idempotency.ts";
import { TUSDM } from "../registry-fixtures.ts";
import { runEscrowd, waitFor, type Child } from "./process.ts";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A seeded random source in [0, 1) (mulberry32): the same seed gives the same choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A loopback port nobody listens on right now (the node keeps it across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** JSON over HTTP with a bound on the wait; throws on a non-2xx answer. */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** One HTTP request to the node never waits longer than this. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface DevnetProcess {
  child: Child;
  /** The devnet's own routes, e.g. http://127.0.0.1:41234/devnet. */
  devnetUrl: string;
  blockfrostUrl: string;
  post<T>(route: string, body?: unknown): Promise<T>;
  /** How many transactions wait in its mempool. */
  mempoolSize(): Promise<number>;
}

/** Runs `escrowd devnet` on a free port; it is never killed, so the chain stays put. */
export async function startDevnetProcess(
  dataDir: string,
  blockIntervalMs: number,
): Promise<DevnetProcess> {
  const child = runEscrowd(
    [
      "devnet",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--block-interval-ms",
      String(blockIntervalMs),
    ],
    {},
  );
  const blockfrostUrl = await waitFor(
    "the devnet's banner",
    () => {
      if (child.proc.exitCode !== null) throw new Error(`devnet exited:\n${child.stderr()}`);
      return /Blockfrost API\s+(http:\/\/\S+\/api\/v0)/.exec(child.stdout())?.[1];
    },
    30_000,
  );
  const devnetUrl = blockfrostUrl.replace(/\/api\/v0$/, "/devnet");
  return {
    child,
    devnetUrl,
    blockfrostUrl,
    post: <T>(route: string, body?: unknown) =>
      fetchJson<T>(`${devnetUrl}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body ?? {}),
      }),
    mempoolSize: async () => (await fetchJson<unknown[]>(`${blockfrostUrl}/mempool`)).length,
  };
}

/**
 * A request that died with its node leaves its Idempotency-Key claimed until the claim is a
 * minute old in chain time; this moves the devnet's time on (once per key) instead of waiting.
 * `keys` are those taken over.
 */
export function staleClaimMover(devnet: DevnetProcess) {
  const keys = new Set<string>();
  return {
    keys,
    onAbandonedClaim: async (key: string) => {
      if (keys.has(key)) return;
      keys.add(key);
      await devnet.post("/time", { advanceMs: IN_PROGRESS_STALE_MS + 1_000 });
      await devnet.post("/blocks");
    },
  };
}

/** Several pure-ADA outputs per wallet (collateral, parallel transactions) and the buyer's tUSDM. */
export async function fundFromFaucet(
  devnet: DevnetProcess,
  wallets: { selling: string; purchasing: string[] },
  buyerUsdm: bigint,
): Promise<void> {
  const pay = (address: string, lovelace: bigint, usdm?: bigint) =>
    devnet.post("/faucet", {
      address,
      lovelace: lovelace.toString(),
      assets: usdm === undefined ? undefined : [{ unit: TUSDM, quantity: usdm.toString() }],
      confirm: true,
    });
  for (let i = 0; i < 4; i++) await pay(wallets.selling, 500_000_000n);
  const share = buyerUsdm / BigInt(wallets.purchasing.length);
  for (const address of wallets.purchasing) {
    for (let i = 0; i < 4; i++) await pay(address, 500_000_000n);
    await pay(address, 10_000_000n, share);
  }
}

export interface ApiAnswer {
  status: number;
  // The node's JSON answers, read loosely as the other API tests do.
  body: any;
}

export interface NodeProcessOptions {
  env: Record<string, string>;
  adminKey: string;
  /** Called when a retried key is still "being handled" by a request that died with the node. */
  onAbandonedClaim: (key: string) => Promise<void>;
  /** How long one call keeps retrying before it gives up. */
  callDeadlineMs: number;
}

/** The most characters of the node's output kept for a failure's report. */
const LOG_KEPT_MAX = 400_000;

/**
 * An `escrowd start` that a test kills (SIGKILL) and starts again with the same environment
 * (same data directory, database and port), and calls that retry until it answers.
 */
export class NodeProcess {
  readonly apiUrl: string;
  /** Every incarnation's stderr, oldest first (bounded). */
  private log = "";
  private child: Child | undefined;
  private firstStdout = "";
  /** Answers 5xx other than 503, which a live node should never give. */
  readonly serverErrors: string[] = [];

  constructor(private readonly opts: NodeProcessOptions) {
    this.apiUrl = `http://127.0.0.1:${opts.env.PORT}/api/v1`;
  }

  /** Spawns the node; with `ready`, resolves once /health answers 200. */
  async start(ready = true): Promise<void> {
    if (this.child) throw new Error("the node is already running");
    const child = runEscrowd(["start"], this.opts.env);
    this.child = child;
    void child.exited.then(() => this.keepLog(child));
    if (ready) await this.waitReady();
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    const child = this.child!;
    await waitFor(
      "the node to answer /health",
      async () => {
        if (child.proc.exitCode !== null) throw new Error(`node exited:\n${child.stderr()}`);
        const res = await fetch(`${this.apiUrl}/health`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      },
      timeoutMs,
      100,
    );
    if (this.firstStdout === "") this.firstStdout = child.stdout();
  }

  /** SIGKILL, as a crash or the OOM killer would; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.proc.kill("SIGKILL");
    await child.exited;
    this.child = undefined;
  }

  /** SIGTERM and a clean exit. */
  async stop(): Promise<number | string | undefined> {
    const child = this.child;
    if (!child) return undefined;
    child.proc.kill("SIGTERM");
    const code = await child.exited;
    this.child = undefined;
    return code;
  }

  /** The node's wallets as its first ready banner printed them. */
  wallets(): { selling: string; purchasing: string } {
    const found = (role: string) =>
      new RegExp(`^\\s+${role}\\s+(addr_test1\\w+)\\s`, "m").exec(this.firstStdout)?.[1];
    const selling = found("selling");
    const purchasing = found("purchasing");
    if (!selling || !purchasing) throw new Error(`no wallets in the banner:\n${this.firstStdout}`);
    return { selling, purchasing };
  }

  /** What every incarnation printed on stderr, the running one's included. */
  logs(): string {
    return this.log + (this.child?.stderr() ?? "");
  }

  /**
   * The last `max` lines about an unexpected error or a refusal (warnings, pino's level 40, as
   * src/log.ts logs them) or worse, for a failure to show.
   */
  errorLines(max = 40): string[] {
    return this.logs()
      .split("\n")
      .filter(
        (l) =>
          /"level":(50|60)\b/.test(l) ||
          (/"level":40\b/.test(l) && /unexpected|refused|Missing inputs/i.test(l)),
      )
      .slice(-max);
  }

  private keepLog(child: Child): void {
    this.log = (this.log + child.stderr() + "--- process ended ---\n").slice(-LOG_KEPT_MAX);
  }

  /**
   * A call retried until the node answers: through kills (no connection), while it starts
   * (503) and while an earlier attempt's claim on the Idempotency-Key is still open.
   */
  async call(method: string, route: string, body?: unknown, key?: string): Promise<ApiAnswer> {
    const deadlineMs = Date.now() + this.opts.callDeadlineMs;
    let last = "no attempt";
    while (Date.now() < deadlineMs) {
      const answer = await this.attempt(method, route, body, key).catch((err: Error) => {
        last = `${err.message} (${String((err.cause as Error | undefined)?.message ?? "")})`;
        return undefined;
      });
      if (answer === undefined) {
        await sleep(200);
        continue;
      }
      last = `${answer.status} ${JSON.stringify(answer.body)}`;
      if (!(await this.retryable(answer, method, route, key))) return answer;
      await sleep(200);
    }
    throw new Error(
      `${method} ${route}: no answer within ${this.opts.callDeadlineMs} ms: ${last}\n` +
        this.whereabouts(),
    );
  }

  /** Whether a node runs, and the end of what it printed: a failed wait says why. */
  private whereabouts(): string {
    const child = this.child;
    const state =
      child === undefined
        ? "no node process is running"
        : child.proc.exitCode !== null || child.proc.signalCode !== null
          ? `the node exited (${child.proc.exitCode ?? child.proc.signalCode})`
          : "the node process is running";
    return `${state}; its stderr ends:\n${this.logs().slice(-4000)}`;
  }

  private async attempt(method: string, route: string, body: unknown, key?: string) {
    const headers: Record<string, string> = {
      token: this.opts.adminKey,
      "content-type": "application/json",
    };
    if (key !== undefined) headers["idempotency-key"] = key;
    const res = await fetch(`${this.apiUrl}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, body: text === "" ? null : (JSON.parse(text) as unknown) };
  }

  private async retryable(answer: ApiAnswer, method: string, route: string, key?: string) {
    if (answer.status === 503) return true;
    if (answer.status >= 500) {
      this.serverErrors.push(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return true;
    }
    const message = String(answer.body?.error?.message ?? "");
    if (answer.status === 409 && key !== undefined && /still being handled/.test(message)) {
      await this.opts.onAbandonedClaim(key);
      return true;
    }
    return false;
  }
}

/** The devnet's whole chain replayed from its genesis block, totalled per asset. */
export interface ChainTotals {
  /** Every unspent output's value, per unit ("lovelace" or policy id + asset name). */
  unspent: Map<string, bigint>;
  /** What the genesis block created, per unit. */
  genesis: Map<string, bigint>;
  feesLovelace: bigint;
  /** Net deposits taken by certificates (a stake registration's key deposit). */
  depositLovelace: bigint;
  txCount: number;
  /** The unspent outputs at one address, per unit. */
  at(address: string): Map<string, bigint>;
}

interface BfAmount {
  unit: string;
  quantity: string;
}
interface BfTxUtxos {
  inputs: { tx_hash: string; output_index: number; collateral: boolean; reference?: boolean }[];
  outputs: { address: string; amount: BfAmount[]; output_index: number; collateral: boolean }[];
}

/** The most blocks a replay reads: a bound, reported when reached. */
const REPLAY_BLOCKS_MAX = 5_000;

/**
 * Replays every block's transactions in order, spending inputs and adding outputs, and throws
 * if a transaction spends an output that does not exist (or no longer does).
 */
export async function replayChain(blockfrostUrl: string): Promise<ChainTotals> {
  const tip = await fetchJson<{ height: number }>(`${blockfrostUrl}/blocks/latest`);
  if (tip.height > REPLAY_BLOCKS_MAX) throw new Error(`replay: ${tip.height} blocks is too many`);
  const utxos = new Map<string, { address: string; amount: BfAmount[] }>();
  const totals = { fees: 0n, deposit: 0n, txs: 0 };
  let genesis = new Map<string, bigint>();
  for (let height = 0; height <= tip.height; height++) {
    for (const hash of await blockTxs(blockfrostUrl, height)) {
      const tx = await fetchJson<{ fees: string; deposit: string; valid_contract: boolean }>(
        `${blockfrostUrl}/txs/${hash}`,
      );
      if (!tx.valid_contract) throw new Error(`replay: ${hash} is marked invalid`);
      const io = await fetchJson<BfTxUtxos>(`${blockfrostUrl}/txs/${hash}/utxos`);
      for (const i of io.inputs.filter((i) => !i.collateral && !i.reference)) {
        const ref = `${i.tx_hash}#${i.output_index}`;
        if (!utxos.delete(ref)) throw new Error(`replay: ${hash} spends ${ref}, not unspent`);
      }
      for (const o of io.outputs.filter((o) => !o.collateral))
        utxos.set(`${hash}#${o.output_index}`, { address: o.address, amount: o.amount });
      if (height === 0) genesis = sum(io.outputs.map((o) => o.amount));
      totals.fees += BigInt(tx.fees);
      totals.deposit += BigInt(tx.deposit);
      totals.txs++;
    }
  }
  const all = [...utxos.values()];
  return {
    unspent: sum(all.map((u) => u.amount)),
    genesis,
    feesLovelace: totals.fees,
    depositLovelace: totals.deposit,
    txCount: totals.txs,
    at: (address) => sum(all.filter((u) => u.address === address).map((u) => u.amount)),
  };
}

/** A block holds far fewer than this many pages of 100 transactions. */
const BLOCK_PAGES_MAX = 100;

async function blockTxs(blockfrostUrl: string, height: number): Promise<string[]> {
  const hashes: string[] = [];
  for (let page = 1; page <= BLOCK_PAGES_MAX; page++) {
    const got = await fetchJson<string[]>(
      `${blockfrostUrl}/blocks/${height}/txs?count=100&page=${page}`,
    );
    hashes.push(...got);
    if (got.length < 100) return hashes;
  }
  throw new Error(`replay: block ${height} has over ${BLOCK_PAGES_MAX * 100} transactions`);
}

function sum(amounts: BfAmount[][]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const list of amounts)
    for (const a of list) out.set(a.unit, (out.get(a.unit) ?? 0n) + BigInt(a.quantity));
  return out;
}
