/**
 * Lifecycle benchmark: N payments through one whole node over HTTP, from the payment request to
 * the seller's withdrawal, with the figures the batching work is judged by: payments per escrow
 * transaction, Blockfrost requests and fees per payment, and the API's latency.
 *
 *   npm run bench:lifecycle -- --payments 200             a pretty summary on stdout
 *   npm run -s bench:lifecycle -- --payments 200 --json   only one JSON object on stdout
 *
 * Optional: `--concurrency 8` (requests in flight, up to 1,000: enough to saturate the node's
 * intake), `--block-interval-ms 1000` (the devnet's), `--shape production` (the node against a
 * standalone `escrowd devnet` process over HTTP, on PostgreSQL: DATABASE_URL must be set; the
 * default `embedded` runs the devnet in the node's process, on its own thread),
 * `--devnet-nice 15` (the standalone devnet's CPU priority, see DEVNET_NICE),
 * `--purchasing-wallets 2` (the node's, each funded for every purchase; purchases spread over
 * them), `--hanging-target` (a webhook event target that accepts connections and never answers, so
 * every delivery times out: `npm run bench:events` compares runs with and without it).
 * Memory: `rssMbIdle` is the process's resident set once the node is up with its agent
 * registered, `rssMbPeak` the most it reached during the lifecycles (sampled every 100 ms),
 * `rssMbRest` (with `--rest-ms N`, e.g. 130000: past the build thread's two idle minutes) once
 * the node has rested that long after them, garbage collected; in the embedded shape that
 * process also holds the devnet. `purchasesPerSecond` is the intake: payment requests made and
 * bought over the time they took, with `--concurrency` in flight. The buyers' HTTP client runs
 * in a process of its own (scripts/bench-client.ts): its memory and its event loop are not the
 * node's, though not its cores: `clientCpuMs` is the CPU time it took. `intakeBusyShare` is,
 * for the node's main thread and its database and devnet threads, the share of the intake's
 * time each was busy. `--purchase-rate R`
 * starts R pairs a second whatever the answers (open loop, `--concurrency` in flight at most):
 * the API's latency at that load, where without it `--concurrency` buyers wait in line and the
 * latency is the queue's (in flight / intake). `paymentP99WarmMs` and `purchaseP99WarmMs` leave
 * out the pairs sent in the first second: a node just started runs its code cold (not yet
 * compiled by V8) and each statement once more per connection, and at 50 pairs a second that
 * first second alone decides the p99 of 200. `cpuCalibrationMs` is the machine's speed, timed
 * before the node starts (scripts/cpu-calibration.ts): compare figures only at like calibrations.
 * Progress goes to stderr, the node's own log too with E2E_LOG=1. One node both sells and buys:
 * its selling wallet holds the agent, its purchasing wallet locks the funds. PGlite by default,
 * a fresh database on DATABASE_URL's server when that is set.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { and, eq, inArray } from "drizzle-orm";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import type { ChainRequestStats } from "../src/chain/port.ts";
import { chainTxs, eventDeliveries, intents } from "../src/db/schema.ts";
import { schedule } from "../src/domain/payment-times.ts";
import { intArg, optionalIntArg } from "./cli-args.ts";
import { cpuCalibrationMs as calibrateCpu } from "./cpu-calibration.ts";
import { payAllInProcess, type Paid } from "./bench-client.ts";
import { runningThreads } from "../src/thread-start.ts";
import { runEscrowd, waitFor, type Child } from "../test/support/process.ts";
import {
  closeNodes,
  devnetOf,
  jobInput,
  MINUTE_MS,
  openNode,
  PRICE,
  registerAgent,
  TUSDM,
  type TestNode,
} from "../test/support/lifecycle-world.ts";

/** The peer's single SubmitResult transaction with the inline script (FACTS.md), three per life. */
const PEER_TX_FEE_LOVELACE = 722_122n;
const PEER_TXS_PER_PAYMENT = 3n;
const WAIT_MS = 10 * MINUTE_MS;
const POLL_MS = 500;
const PAGE_SIZE = 100;
const ESCROW_KINDS = [ESCROW_LOCK_KIND, ESCROW_ACTION_KIND];
/** States from which a payment can never reach the one awaited. */
const DEAD_ENDS = ["Expired", "FundsOrDatumInvalid", "RefundWithdrawn", "DisputedWithdrawn"];

/**
 * The production shape's devnet stands in for a chain the node reaches over the network
 * (Blockfrost): on a real deployment its work is done on other machines. Here it shares the
 * node's two cores, and while it validated a batch of fifty locks the node's statements waited
 * for a core: at 50 purchases a second the API's p99 was 132 ms (payments) and 360 ms
 * (purchases) with the devnet at the node's priority, 41 and 83 ms with it at nice 15 (one run
 * each). So it runs at a lower priority, and the figures are the node's; `--devnet-nice 0`
 * measures the shared machine instead.
 */
const DEVNET_NICE = 15;

const progress = (line: string) => process.stderr.write(`bench-lifecycle: ${line}\n`);

interface Options {
  payments: number;
  concurrency: number;
  blockIntervalMs: number;
  hangingTarget: boolean;
  jsonOnly: boolean;
  shape: "embedded" | "production";
  restMs: number;
  /** Pairs started per second (open loop), or null to keep `concurrency` in flight. */
  purchaseRate: number | null;
  /** The node's purchasing wallets; purchases spread over them. */
  purchasingWallets: number;
  /** The standalone devnet's nice value (production shape). */
  devnetNice: number;
}

function parseOptions(): Options {
  return {
    payments: intArg("--payments", 200, 5_000),
    concurrency: intArg("--concurrency", 8, 1_000),
    blockIntervalMs: intArg("--block-interval-ms", 1_000, 600_000),
    hangingTarget: process.argv.includes("--hanging-target"),
    jsonOnly: process.argv.includes("--json"),
    shape: shapeArg(),
    restMs: intArg("--rest-ms", 0, 600_000),
    purchaseRate: optionalIntArg("--purchase-rate", 10_000) ?? null,
    purchasingWallets: intArg("--purchasing-wallets", 1, 10),
    devnetNice: optionalIntArg("--devnet-nice", 19, process.argv, 0) ?? DEVNET_NICE,
  };
}

function shapeArg(): Options["shape"] {
  const i = process.argv.indexOf("--shape");
  if (i === -1) return "embedded";
  const shape = process.argv[i + 1];
  if (shape !== "embedded" && shape !== "production") {
    throw new Error(`--shape must be embedded or production, got ${shape ?? "nothing"}`);
  }
  if (shape === "production" && !process.env.DATABASE_URL) {
    throw new Error("--shape production runs on PostgreSQL: set DATABASE_URL");
  }
  return shape;
}

/** What the benchmark asks of the devnet, in whichever process it runs. */
interface BenchDevnet {
  /** Pays `address` from the faucet; resolves once the payment is in a block. */
  faucet(address: string, lovelace: bigint, usdm?: bigint): Promise<void>;
  /** Moves the devnet's time forward to `ms`, making a block there. */
  moveTimeTo(ms: number): Promise<void>;
  close(): Promise<void>;
}

function embeddedDevnet(t: TestNode): BenchDevnet {
  const ledger = devnetOf(t).ledger;
  return {
    async faucet(address, lovelace, usdm) {
      const assets = usdm === undefined ? [] : [{ unit: TUSDM, quantity: usdm }];
      await ledger.waitForTx(await ledger.faucet(address, { lovelace, assets }), 60_000);
    },
    async moveTimeTo(ms) {
      if (ledger.nowMs() < ms) await ledger.advanceTimeTo(ms);
    },
    close: async () => {},
  };
}

/** `escrowd devnet` in a process of its own; its Blockfrost URL and its own routes. */
async function standaloneDevnet(opts: Options): Promise<BenchDevnet & { blockfrostUrl: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "escrowd-bench-devnet-"));
  const child: Child = runEscrowd(
    [
      "devnet",
      "--port",
      "0",
      "--block-interval-ms",
      String(opts.blockIntervalMs),
      "--data-dir",
      dataDir,
    ],
    {},
  );
  if (child.proc.pid !== undefined) os.setPriority(child.proc.pid, opts.devnetNice);
  const close = async () => {
    child.proc.kill();
    await child.exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  const blockfrostUrl = await waitFor(
    "the devnet to listen",
    () => /Blockfrost API\s+(\S+)/.exec(child.stdout())?.[1],
    60_000,
  ).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  const routes = blockfrostUrl.replace(/\/api\/v0$/, "/devnet");
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${routes}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    });
    if (!res.ok) throw new Error(`devnet ${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    blockfrostUrl,
    async faucet(address, lovelace, usdm) {
      const assets = usdm === undefined ? [] : [{ unit: TUSDM, quantity: usdm }];
      await post("/faucet", { address, lovelace, assets, confirm: true });
    },
    async moveTimeTo(ms) {
      const info = (await (await fetch(`${routes}/info`)).json()) as { timeMs: number };
      if (info.timeMs < ms) await post("/time", { toTimeMs: ms });
    },
    close,
  };
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> } & Record<string, unknown>;
}

function ok(what: string, res: Answer): Record<string, unknown> {
  if (res.status !== 200 || res.body.data === undefined) {
    throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}

/** Runs `work` on every item, at most `concurrency` at a time. */
async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * The event-loop monitor's timer. Node's histogram records the whole time between two of its
 * firings, not the lag: an idle loop reads about 10 ms (p50 10.2 here). The delay reported is
 * what is over the timer's interval, as the OpenTelemetry and Elastic agents read it (figures
 * printed before 2026-12-07 include the 10 ms).
 */
const LOOP_TIMER_MS = 10;
const loopDelayMs = (ns: number) => Math.max(0, Math.round(ns / 1e6 - LOOP_TIMER_MS));

/** Pairs sent this long after the first are the warm ones (see paymentP99WarmMs above). */
const WARM_AFTER_MS = 1_000;

function percentiles(samplesMs: number[]): { p50: number; p99: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

/** Gives the purchasing wallet the tUSDM and ADA for `payments` locks on top of its funding. */
async function topUpBuyers(t: TestNode, devnet: BenchDevnet, payments: number): Promise<void> {
  const buyers = t.node.parts!.wallets.filter((w) => w.role === "purchasing");
  if (buyers.length === 0) throw new Error("the node has no purchasing wallet");
  // Each wallet could pay for every purchase: how they spread is the node's choice.
  for (const buyer of buyers) {
    await devnet.faucet(
      buyer.address,
      BigInt(payments) * 3_000_000n + 100_000_000n,
      BigInt(payments) * BigInt(PRICE),
    );
  }
}

/** Asks for `n` payment requests and buys each, from a client in a process of its own. */
async function payAll(t: TestNode, agentIdentifier: string, opts: Options): Promise<Paid> {
  const parts = t.node.parts!;
  return payAllInProcess({
    apiUrl: t.node.apiUrl,
    adminKey: parts.keys.adminKey,
    agentIdentifier,
    jobs: Array.from({ length: opts.payments }, () => jobInput()),
    concurrency: opts.concurrency,
    purchaseRate: opts.purchaseRate,
    chainOffsetMs: parts.nowMs() - Date.now(),
  });
}

/** How many of `ids` are in each state, read page by page from the list route. */
async function stateCounts(
  t: TestNode,
  side: "payment" | "purchase",
  ids: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const key = side === "payment" ? "Payments" : "Purchases";
  const counts = new Map<string, number>();
  let cursor: string | null = null;
  // Other rows may share the table (none in this run), hence a page or two of slack.
  const pagesMax = Math.ceil(ids.size / PAGE_SIZE) + 2;
  for (let page = 0; page < pagesMax; page++) {
    const after: string = cursor === null ? "" : `&cursorId=${encodeURIComponent(cursor)}`;
    const data = ok(
      `GET /${side}`,
      await t.api("GET", `/${side}?network=Preprod&limit=${PAGE_SIZE}${after}`),
    );
    for (const row of data[key] as { blockchainIdentifier: string; state: string }[]) {
      if (ids.has(row.blockchainIdentifier))
        counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
    }
    cursor = data.nextCursorId as string | null;
    if (cursor === null) return counts;
  }
  throw new Error(`GET /${side}: more than ${pagesMax} pages for ${ids.size} rows`);
}

const describeCounts = (counts: Map<string, number>) =>
  [...counts].map(([state, n]) => `${n} ${state}`).join(", ") || "none listed";

/** The node's intents by kind and status, with the last error of a failed one, for a diagnosis. */
async function intentSummary(t: TestNode): Promise<string> {
  const rows = await t.node
    .parts!.database.db.select({
      kind: intents.kind,
      status: intents.status,
      lastError: intents.lastError,
    })
    .from(intents);
  const counts = new Map<string, number>();
  const errors = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.kind}/${r.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (r.lastError && r.status !== "done") errors.set(key, r.lastError);
  }
  const errorText = [...errors].map(([k, e]) => `; ${k}: ${e}`).join("");
  return `intents: ${describeCounts(counts)}${errorText}`;
}

/** Waits until every one of `ids` is in `target`; throws on a dead end or after WAIT_MS. */
async function waitAll(
  t: TestNode,
  side: "payment" | "purchase",
  ids: ReadonlySet<string>,
  target: string,
): Promise<void> {
  const deadlineMs = Date.now() + WAIT_MS;
  let shown = "";
  for (;;) {
    const counts = await stateCounts(t, side, ids);
    const text = describeCounts(counts);
    if (text !== shown) progress(`${side}s: ${(shown = text)}`);
    if (counts.get(target) === ids.size) return;
    const stuck = DEAD_ENDS.filter((s) => s !== target && counts.has(s));
    if (stuck.length > 0 || Date.now() > deadlineMs) {
      const why = stuck.length > 0 ? `${stuck.join(", ")} cannot become ${target}` : "timed out";
      throw new Error(
        `${why} waiting ${WAIT_MS} ms for ${ids.size} ${side}s to be ${target}: ${text}; ` +
          (await intentSummary(t)),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Asks the seller's node to submit a result for every payment; returns each request's time. */
async function submitResults(t: TestNode, ids: string[], opts: Options): Promise<number[]> {
  const latencyMs: number[] = [];
  await inParallel(ids, opts.concurrency, async (blockchainIdentifier, i) => {
    const startedMs = performance.now();
    const res = await t.api("POST", "/payment/submit-result", {
      network: "Preprod",
      blockchainIdentifier,
      submitResultHash: (i + 1).toString(16).padStart(64, "e"),
    });
    latencyMs.push(performance.now() - startedMs);
    ok("POST /payment/submit-result", res);
  });
  return latencyMs;
}

/** Waits until none of the node's escrow transactions is still on its way. */
async function waitTxsSettled(t: TestNode): Promise<void> {
  const db = t.node.parts!.database.db;
  const deadlineMs = Date.now() + WAIT_MS;
  for (;;) {
    const open = await db
      .select({ hash: chainTxs.txHash })
      .from(chainTxs)
      .where(
        and(
          inArray(chainTxs.kind, ESCROW_KINDS),
          inArray(chainTxs.status, ["signed", "submitted"]),
        ),
      );
    if (open.length === 0) return;
    if (Date.now() > deadlineMs) {
      throw new Error(`timed out waiting for ${open.length} escrow transaction(s) to confirm`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** An intent carried out, when it was queued and when the transaction that took it was built. */
interface DoneIntent {
  what: string;
  txHash: string;
  queuedAtMs: number;
  builtAtMs: number;
}

interface TxGroup {
  txs: number;
  items: number;
  itemsPerTxMax: number;
  /**
   * The most intents of the group ever waiting at once: an upper bound, since an intent counts
   * as waiting until its transaction is recorded (after it was built). Batches below 30 are only
   * a miss when this reached 30.
   */
  queuedMax: number;
}

/** Transactions per group, their sizes, and the longest the group's queue got. */
function groupOf(done: DoneIntent[], what: string): TxGroup {
  const mine = done.filter((d) => d.what === what);
  const perTx = new Map<string, number>();
  for (const d of mine) perTx.set(d.txHash, (perTx.get(d.txHash) ?? 0) + 1);
  const sizes = [...perTx.values()];
  // Leaving before joining at the same instant, so the bound is not inflated by ties.
  const events = mine
    .flatMap((d) => [
      { atMs: d.queuedAtMs, step: 1 },
      { atMs: d.builtAtMs, step: -1 },
    ])
    .sort((a, b) => a.atMs - b.atMs || a.step - b.step);
  let queued = 0;
  let queuedMax = 0;
  for (const e of events) queuedMax = Math.max(queuedMax, (queued += e.step));
  return {
    txs: sizes.length,
    items: sizes.reduce((a, b) => a + b, 0),
    itemsPerTxMax: Math.max(0, ...sizes),
    queuedMax,
  };
}

/** The confirmed escrow transactions, grouped as locks, results and withdrawals by their intents. */
async function escrowTxs(t: TestNode) {
  const db = t.node.parts!.database.db;
  const txRows = await db
    .select({ hash: chainTxs.txHash, kind: chainTxs.kind, status: chainTxs.status })
    .from(chainTxs)
    .where(inArray(chainTxs.kind, ESCROW_KINDS));
  const confirmed = txRows.filter((r) => r.status === "confirmed");
  const rows = await db
    .select({
      kind: intents.kind,
      payload: intents.payload,
      txHash: intents.txHash,
      queuedAtMs: intents.createdAtMs,
      builtAtMs: chainTxs.createdAtMs,
    })
    .from(intents)
    .innerJoin(chainTxs, eq(chainTxs.txHash, intents.txHash))
    .where(and(inArray(intents.kind, ESCROW_KINDS), eq(intents.status, "done")));
  const done = rows.map((r) => ({
    what: r.kind === ESCROW_LOCK_KIND ? "Lock" : String(JSON.parse(r.payload).action),
    txHash: r.txHash!,
    queuedAtMs: r.queuedAtMs,
    builtAtMs: r.builtAtMs,
  }));
  return {
    hashes: confirmed.map((r) => r.hash),
    lockTxs: confirmed.filter((r) => r.kind === ESCROW_LOCK_KIND).length,
    actionTxs: confirmed.filter((r) => r.kind === ESCROW_ACTION_KIND).length,
    refusedOrExpiredTxs: txRows.filter((r) => r.status === "refused" || r.status === "expired")
      .length,
    locks: groupOf(done, "Lock"),
    results: groupOf(done, "SubmitResult"),
    withdrawals: groupOf(done, "Withdraw"),
  };
}

async function feesLovelace(t: TestNode, hashes: string[]): Promise<bigint> {
  let total = 0n;
  for (const hash of hashes) {
    const info = await t.node.parts!.chain.tx(hash);
    if (!info) throw new Error(`escrow transaction ${hash} is confirmed in the database only`);
    total += info.feesLovelace;
  }
  return total;
}

function requestsBetween(before: ChainRequestStats, after: ChainRequestStats) {
  const byEndpoint: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(after.byEndpoint)) {
    const d = n - (before.byEndpoint[endpoint] ?? 0);
    if (d > 0) byEndpoint[endpoint] = d;
  }
  const sorted = Object.entries(byEndpoint).sort((a, b) => b[1] - a[1]);
  return {
    total: after.requestsTotal - before.requestsTotal,
    retries: after.retriesTotal - before.retriesTotal,
    byEndpoint: Object.fromEntries(sorted),
  };
}

/** Runs every lifecycle to the seller's withdrawal; returns the payments and the phases' ends. */
async function runLifecycles(
  t: TestNode,
  devnet: BenchDevnet,
  agentIdentifier: string,
  opts: Options,
) {
  const startedMs = performance.now();
  const chain = t.node.parts!.chain;
  let requestsSoFar = chain.stats().requestsTotal;
  const phasesMs: Record<string, number> = {};
  const requestsByPhase: Record<string, number> = {};
  const phaseEnds = (name: string) => {
    phasesMs[name] = Math.round(performance.now() - startedMs);
    const requests = chain.stats().requestsTotal;
    requestsByPhase[name] = requests - requestsSoFar;
    requestsSoFar = requests;
  };
  const rate = opts.purchaseRate === null ? "" : `, ${opts.purchaseRate} a second`;
  progress(`${opts.payments} payments and purchases, ${opts.concurrency} in flight at most${rate}`);
  const loops = loopsNow();
  const paid = await payAll(t, agentIdentifier, opts);
  const intakeBusyShare = loops.busyShares();
  phaseEnds("paidAndPurchased");
  const ids = new Set(paid.ids);
  await waitAll(t, "payment", ids, "FundsLocked");
  phaseEnds("fundsLocked");
  progress("submitting results");
  const submitResultMs = await submitResults(t, paid.ids, opts);
  await waitAll(t, "payment", ids, "ResultSubmitted");
  phaseEnds("resultsSubmitted");
  // The scheduler withdraws a margin after unlockTime; a minute more makes sure it is due.
  const { autoWithdrawAtMs } = schedule({
    payByTimeMs: 0,
    submitResultTimeMs: 0,
    unlockTimeMs: paid.unlockTimeMsMax,
    externalDisputeUnlockTimeMs: 0,
  });
  progress("moving devnet time past unlockTime; the scheduler withdraws");
  await devnet.moveTimeTo(autoWithdrawAtMs + MINUTE_MS);
  await waitAll(t, "payment", ids, "Withdrawn");
  await waitAll(t, "purchase", ids, "Withdrawn");
  phaseEnds("withdrawn");
  await waitTxsSettled(t);
  phaseEnds("txsConfirmed");
  const wallMs = Math.round(performance.now() - startedMs);
  return { paid, submitResultMs, phasesMs, requestsByPhase, wallMs, intakeBusyShare };
}

/**
 * The event loops of this process's main thread and running threads (the database's, the
 * devnet's) as they are now; `busyShares` gives the share of the time since that each was busy
 * (the rest it waited for work), by thread: `main`, `database`, `devnet`. Not the build
 * threads' (piscina's own pool).
 */
function loopsNow() {
  const main = performance.eventLoopUtilization();
  const threads = runningThreads().map((loop) => ({ loop, before: loop.utilization() }));
  const share = (u: { utilization: number }) => Math.round(u.utilization * 100) / 100;
  const name = (side: string) => side.replace(/^the /, "").replace(/'s thread$/, "");
  return {
    busyShares: (): Record<string, number> => ({
      main: share(performance.eventLoopUtilization(main)),
      ...Object.fromEntries(
        threads.map(({ loop, before }) => [name(loop.side), share(loop.utilization(before))]),
      ),
    }),
  };
}

const ratio = (a: number, b: number, digits = 2) =>
  b > 0 ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null;

/** Runs the lifecycles and computes the figures. */
async function measure(t: TestNode, devnet: BenchDevnet, agentIdentifier: string, opts: Options) {
  const chain = t.node.parts!.chain;
  const rssMbIdle = rssMb();
  let rssPeak = process.memoryUsage.rss();
  let heapPeak = 0;
  let atPeak = { heapTotal: 0, external: 0 };
  const sampler = setInterval(() => {
    const { rss, heapTotal, external } = process.memoryUsage();
    if (rss > rssPeak) atPeak = { heapTotal, external };
    rssPeak = Math.max(rssPeak, rss);
    heapPeak = Math.max(heapPeak, heapTotal);
  }, 100);
  // The devnet, the workers and the API share this process: a busy event loop delays them all.
  const eventLoop = monitorEventLoopDelay({ resolution: LOOP_TIMER_MS });
  eventLoop.enable();
  const statsBefore = chain.stats();
  const run = await runLifecycles(t, devnet, agentIdentifier, opts).finally(() =>
    clearInterval(sampler),
  );
  const { paid, submitResultMs, phasesMs, requestsByPhase, wallMs, intakeBusyShare } = run;
  eventLoop.disable();
  // Taken once the transactions are confirmed too: the node's own tracking of them counts.
  const requests = requestsBetween(statsBefore, chain.stats());
  const txs = await escrowTxs(t);
  // Read after the request count: these lookups are the benchmark's, not the node's.
  const feePerPayment = (await feesLovelace(t, txs.hashes)) / BigInt(opts.payments);
  const peerFeeLovelace = PEER_TXS_PER_PAYMENT * PEER_TX_FEE_LOVELACE;
  // Last: the node goes on polling the chain while it rests.
  const rest = opts.restMs > 0 ? await memoryAtRest(opts.restMs) : null;
  const n = opts.payments;
  const latency = {
    payment: percentiles(paid.paymentMs),
    purchase: percentiles(paid.purchaseMs),
    submitResult: percentiles(submitResultMs),
  };
  // Null when every pair was sent in the first second.
  const warm = (ms: number[]) => {
    const after = ms.filter((_, i) => paid.sentAtMs[i]! >= WARM_AFTER_MS);
    return after.length > 0 ? percentiles(after).p99 : null;
  };
  return {
    shape: opts.shape,
    payments: n,
    wallMs,
    // From the client's first request to its last answer: its process's start is not the node's.
    purchasesPerSecond: ratio(n, paid.wallMs / 1000, 1),
    clientCpuMs: paid.cpuMs,
    intakeBusyShare,
    rssMbIdle,
    rssMbPeak: Math.round(rssPeak / 2 ** 20),
    // The main thread's heap at its largest (the build thread's is outside it).
    heapMbPeak: Math.round(heapPeak / 2 ** 20),
    // At the resident set's peak: the main thread's heap and the memory outside any heap
    // (buffers, WebAssembly); the rest of it is the threads, compiled code and the allocator's.
    heapMbAtRssPeak: Math.round(atPeak.heapTotal / 2 ** 20),
    externalMbAtRssPeak: Math.round(atPeak.external / 2 ** 20),
    rssMbRest: rest?.rssMb ?? null,
    // Where the resident set at rest lies: the JavaScript heap of the main thread (the worker
    // threads' heaps are outside it) and memory outside any heap (WebAssembly, buffers).
    heapMbRest: rest?.heapMb ?? null,
    externalMbRest: rest?.externalMb ?? null,
    txs: txs.hashes.length,
    locksPerTx: ratio(n, txs.lockTxs),
    settlementsPerTx: ratio(txs.results.items + txs.withdrawals.items, txs.actionTxs),
    blockfrostRequests: requests.total,
    blockfrostRequestsPerPayment: ratio(requests.total, n),
    feeLovelacePerPayment: Number(feePerPayment),
    paymentP50Ms: latency.payment.p50,
    paymentP99Ms: latency.payment.p99,
    purchaseP50Ms: latency.purchase.p50,
    purchaseP99Ms: latency.purchase.p99,
    paymentP99WarmMs: warm(paid.paymentMs),
    purchaseP99WarmMs: warm(paid.purchaseMs),
    submitResultP50Ms: latency.submitResult.p50,
    submitResultP99Ms: latency.submitResult.p99,
    eventLoopDelayP99Ms: loopDelayMs(eventLoop.percentile(99)),
    eventLoopDelayMaxMs: loopDelayMs(eventLoop.max),
    lockTxs: txs.lockTxs,
    locksPerTxMax: txs.locks.itemsPerTxMax,
    locksQueuedMax: txs.locks.queuedMax,
    resultTxs: txs.results.txs,
    resultsPerTx: ratio(txs.results.items, txs.results.txs),
    resultsPerTxMax: txs.results.itemsPerTxMax,
    resultsQueuedMax: txs.results.queuedMax,
    withdrawalTxs: txs.withdrawals.txs,
    withdrawalsPerTx: ratio(txs.withdrawals.items, txs.withdrawals.txs),
    withdrawalsPerTxMax: txs.withdrawals.itemsPerTxMax,
    withdrawalsQueuedMax: txs.withdrawals.queuedMax,
    refusedOrExpiredTxs: txs.refusedOrExpiredTxs,
    unbatchedInlineFeeLovelace: Number(peerFeeLovelace),
    feeRatio: ratio(Number(feePerPayment), Number(peerFeeLovelace), 4),
    blockfrostRetries: requests.retries,
    blockfrostByEndpoint: requests.byEndpoint,
    blockfrostRequestsByPhase: requestsByPhase,
    phasesMs,
    concurrency: opts.concurrency,
    purchaseRate: opts.purchaseRate,
    purchasingWallets: opts.purchasingWallets,
    blockIntervalMs: opts.blockIntervalMs,
    devnetNice: opts.shape === "production" ? opts.devnetNice : null,
  };
}

/** An HTTP server that takes every request and never answers it (closed at the end). */
async function startHangingServer(): Promise<{
  url: string;
  requests: () => number;
  server: Server;
}> {
  let requests = 0;
  const server = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, requests: () => requests, server };
}

/** The receipts of the hanging target by status: none can be delivered. */
async function receiptCounts(t: TestNode): Promise<Record<string, number>> {
  const rows = await t.node
    .parts!.database.db.select({ status: eventDeliveries.status })
    .from(eventDeliveries);
  const out: Record<string, number> = {};
  for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

const rssMb = () => Math.round(process.memoryUsage.rss() / 2 ** 20);

/**
 * The resident set once the node has rested `restMs` with nothing to do (the build thread ends
 * after two minutes without a build), after a full garbage collection: a node at rest collects
 * its garbage in time, and the benchmark does not wait for that.
 */
async function memoryAtRest(
  restMs: number,
): Promise<{ rssMb: number; heapMb: number; externalMb: number }> {
  progress(`resting ${restMs} ms`);
  await new Promise((resolve) => setTimeout(resolve, restMs));
  v8.setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external) };
}

/** The node, and the devnet it runs on, in the shape asked for. */
async function openShape(opts: Options): Promise<{ t: TestNode; devnet: BenchDevnet }> {
  const common = {
    SELLING_WALLETS: "1",
    PURCHASING_WALLETS: String(opts.purchasingWallets),
    EVENTS_ALLOW_PRIVATE_TARGETS: "true",
  };
  if (opts.shape === "embedded") {
    progress(`starting a node (devnet blocks every ${opts.blockIntervalMs} ms)`);
    const t = await openNode({ ...common, DEVNET_BLOCK_INTERVAL_MS: String(opts.blockIntervalMs) });
    return { t, devnet: embeddedDevnet(t) };
  }
  progress(`starting escrowd devnet (blocks every ${opts.blockIntervalMs} ms) and a node on it`);
  const devnet = await standaloneDevnet(opts);
  const t = await openNode({
    ...common,
    CHAIN_BACKEND: "blockfrost",
    BLOCKFROST_URL: devnet.blockfrostUrl,
    ENCRYPTION_KEY: "5e".repeat(32),
    ESCROW_ADMINS: "devnet",
    CHAIN_POLL_INTERVAL_MS: String(Math.min(1000, opts.blockIntervalMs)),
  }).catch(async (error: unknown) => {
    await devnet.close();
    throw error;
  });
  // As the embedded devnet funds its node's wallets at start.
  for (const w of t.node.parts!.wallets) {
    await devnet.faucet(w.address, 2_000_000_000n, 1_000_000_000n);
  }
  return { t, devnet };
}

async function main(): Promise<void> {
  const opts = parseOptions();
  // Before anything of the node runs: the machine's speed alone.
  const cpuCalibrationMs = calibrateCpu();
  const { t, devnet } = await openShape(opts);
  const hanging = opts.hangingTarget ? await startHangingServer() : undefined;
  try {
    if (hanging) {
      progress(`every event goes to ${hanging.url}, which never answers`);
      ok(
        "POST /event-targets",
        await t.api("POST", "/event-targets", {
          name: "hanging",
          kind: "webhook",
          config: { url: hanging.url },
        }),
      );
    }
    await topUpBuyers(t, devnet, opts.payments);
    progress("registering an agent");
    const agentIdentifier = await registerAgent(t);
    const figures = {
      ...(await measure(t, devnet, agentIdentifier, opts)),
      cpuCalibrationMs,
      hangingTarget: hanging
        ? { requests: hanging.requests(), receipts: await receiptCounts(t) }
        : null,
    };
    process.stdout.write(JSON.stringify(figures, null, opts.jsonOnly ? undefined : 2) + "\n");
  } finally {
    await closeNodes(t);
    await devnet.close();
    hanging?.server.closeAllConnections();
    hanging?.server.close();
  }
}

main().catch((error: unknown) => {
  progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
