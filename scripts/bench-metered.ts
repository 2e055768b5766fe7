/**
 * Metered escrow benchmark (issue 10): streams units through one whole node over HTTP on its
 * devnet, by vouchers and by on-chain releases, and prints the figures the issue judges them by.
 *
 *   npm run -s bench:metered -- --json       only one JSON object on stdout
 *   npm run -s bench:metered -- --escrows 5 --units 100 --releases 4     a short run
 *
 * Prints {escrows, units, vouchersPerSecond, voucherSettleTxs, feeLovelacePerUnit, releases,
 * releaseTxs, releasesPerTx, releasesPerTxMax, feeLovelacePerRelease,
 * blockfrostRequestsPerRelease}, where `units`
 * and `releases` are totals over all escrows (escrows × units, escrows × releases).
 *
 * - Vouchers: `--escrows` escrows each stream `--units` units. vouchersPerSecond is how many
 *   vouchers one core issues (signs, the buyer's side) and checks (verifies against the buyer's
 *   key hash, the seller's side) a second, measured in this process with the node's own voucher
 *   modules over every unit of every escrow. Through the node, the buyer's node signs a voucher
 *   every `--voucher-every` units (100 by default; 1 sends every unit over HTTP) and the test
 *   carries each to the seller's node; the seller then redeems the last of each escrow, all at
 *   once, and the node batches the redemptions. feeLovelacePerUnit = the settling transactions'
 *   fees over all units streamed.
 * - Releases: as many other escrows each take `--releases` releases of an equal share, every
 *   escrow's release asked for at once per round, time moved past the buyer's cooldown between
 *   rounds. blockfrostRequestsPerRelease counts the node's chain requests (ChainRequestStats)
 *   over the whole phase, confirmations included.
 *
 * Every payout is checked on its transaction (read from the devnet) before the figures are
 * printed: a benchmark of wrong payments is no benchmark. Progress goes to stderr, the node's
 * log too with E2E_LOG=1. PGlite by default, a fresh database on DATABASE_URL's server when set.
 */
import { performance } from "node:perf_hooks";
import { MeshWallet } from "@meshsdk/core";
import { intArg } from "./cli-args.ts";
import type { ChainRequestStats } from "../src/chain/port.ts";
import { verifyVoucher } from "../src/domain/voucher.ts";
import { createVoucherSigner, signVoucher } from "../src/domain/voucher-signer.ts";
import {
  closeNodes,
  openNode,
  PRICE,
  registerAgent,
  TUSDM,
  type TestNode,
} from "../test/support/lifecycle-world.ts";
import {
  act,
  bothIn,
  checkPayouts,
  escrowIdOf,
  FAR_MS,
  fundBuyer,
  issueVoucher,
  handVoucher,
  meteredJobs,
  moveOn,
  waitSteps,
  type Job,
  type SettledTx,
  type Step,
} from "../test/support/metered-e2e-world.ts";

/** Each escrow locks the agent's price; units and releases are shares of it. */
const LOCKED = BigInt(PRICE);
/** How long one phase's transactions may take to confirm. */
const PHASE_WAIT_MS = 10 * 60_000;
const CONCURRENCY = 8;

const progress = (line: string) => process.stderr.write(`bench-metered: ${line}\n`);

interface Options {
  escrows: number;
  units: number;
  releases: number;
  voucherEvery: number;
  blockIntervalMs: number;
  jsonOnly: boolean;
}

function parseOptions(): Options {
  const units = intArg("--units", 1_000, 1_000_000);
  return {
    escrows: intArg("--escrows", 50, 500),
    units,
    // Each release must move at least one base unit of the locked amount.
    releases: intArg("--releases", 40, 1_000),
    voucherEvery: Math.min(units, intArg("--voucher-every", 100, 1_000_000)),
    blockIntervalMs: intArg("--block-interval-ms", 1_000, 600_000),
    jsonOnly: process.argv.includes("--json"),
  };
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

type LockedJob = Job & { escrowId: string };

/** `count` jobs with deadlines months out (the release rounds move time), locked. */
async function lockJobs(t: TestNode, agent: string, count: number): Promise<LockedJob[]> {
  const jobs = await meteredJobs(t, agent, count, { submitResultInMs: FAR_MS }, CONCURRENCY);
  await bothIn(
    t,
    jobs.map((j) => j.id),
    "FundsLocked",
  );
  const ids = await Promise.all(jobs.map((j) => escrowIdOf(t, j.id)));
  return jobs.map((j, i) => ({ ...j, escrowId: ids[i]! }));
}

/**
 * Vouchers issued and checked a second on one core: every unit of every escrow signed with a
 * payment key and verified against its key hash, as the buyer's and the seller's nodes do. The
 * node shares this process, so the work goes in slices with the event loop let through between
 * them (a node starved for half a minute drops its connections); only the slices are timed.
 */
async function voucherRate(t: TestNode, jobs: LockedJob[], opts: Options, unitPrice: bigint) {
  const signer = await createVoucherSigner(MeshWallet.brew() as string[]);
  const scriptHash = t.node.parts!.escrow.facts.script.hash;
  const references = jobs.map((j) => String(j.payment.escrowReference));
  let busyMs = 0;
  for (let unit = 1; unit <= opts.units; unit++) {
    const startedMs = performance.now();
    const total = unitPrice * BigInt(unit);
    for (const reference of references) {
      const v = signVoucher(signer, { scriptHash, reference, unit: TUSDM, total });
      if (!verifyVoucher(v, signer.keyHashHex).ok) throw new Error("a good voucher was refused");
    }
    busyMs += performance.now() - startedMs;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return Math.round((opts.units * jobs.length) / (busyMs / 1000));
}

/** Streams every escrow's units through the node by vouchers and redeems the last of each. */
async function streamVouchers(t: TestNode, jobs: LockedJob[], opts: Options, unitPrice: bigint) {
  const startedMs = performance.now();
  let sent = 0;
  await inParallel(jobs, CONCURRENCY, async (j) => {
    for (let unit = opts.voucherEvery; unit <= opts.units; unit += opts.voucherEvery) {
      await carry(t, j.id, unitPrice * BigInt(unit));
      sent++;
    }
    // The last unit, when `--voucher-every` does not divide the units.
    if (opts.units % opts.voucherEvery !== 0) {
      await carry(t, j.id, unitPrice * BigInt(opts.units));
      sent++;
    }
  });
  const seconds = (performance.now() - startedMs) / 1000;
  progress(`${sent} vouchers through the node's API in ${seconds.toFixed(1)} s`);
  await Promise.all(jobs.map((j) => act(t, "/payment/redeem-voucher", j.id)));
  const steps = await waitSteps(
    t,
    jobs.map((j) => j.escrowId),
    1,
    PHASE_WAIT_MS,
  );
  const total = unitPrice * BigInt(opts.units);
  return checkPayouts(
    t,
    steps.map((step) => ({ step, unit: TUSDM, toSeller: total, toBuyer: 0n })),
  );
}

/** The buyer's node signs a voucher; the seller's node must keep it. */
async function carry(t: TestNode, id: string, total: bigint): Promise<void> {
  const v = await issueVoucher(t, id, TUSDM, total);
  const kept = await handVoucher(t, id, v);
  if (kept.status !== 200)
    throw new Error(`/payment/voucher: HTTP ${kept.status} ${JSON.stringify(kept.body)}`);
}

/** Rounds of one release per escrow, asked for at once; returns every release's step. */
async function streamReleases(t: TestNode, jobs: LockedJob[], opts: Options, share: bigint) {
  const escrowIds = jobs.map((j) => j.escrowId);
  const steps: Step[] = [];
  for (let round = 1; round <= opts.releases; round++) {
    const amounts = [{ unit: TUSDM, amount: share.toString() }];
    await inParallel(jobs, jobs.length, (j) =>
      act(t, "/purchase/release", j.id, { amounts }).then(() => undefined),
    );
    steps.push(...(await waitSteps(t, escrowIds, round, PHASE_WAIT_MS)));
    if (round % 5 === 0 || round === opts.releases)
      progress(`release round ${round} of ${opts.releases} confirmed`);
    // The buyer's cooldown runs to the end of its last transaction's validity window.
    await moveOn(t);
  }
  return steps;
}

const sumFees = (txs: SettledTx[]) => txs.reduce((s, tx) => s + tx.feeLovelace, 0n);
const ratio = (a: bigint | number, b: number, digits = 2) =>
  b > 0 ? Math.round((Number(a) / b) * 10 ** digits) / 10 ** digits : null;
const requestsBetween = (before: ChainRequestStats, after: ChainRequestStats) =>
  after.requestsTotal - before.requestsTotal;

async function measure(t: TestNode, agent: string, opts: Options) {
  const unitPrice = LOCKED / BigInt(opts.units);
  const share = LOCKED / BigInt(opts.releases);
  if (unitPrice === 0n || share === 0n)
    throw new Error(`${LOCKED} base units locked cannot pay that many units or releases`);
  progress(`locking ${opts.escrows} escrows for vouchers and ${opts.escrows} for releases`);
  const streamed = await lockJobs(t, agent, opts.escrows);
  const released = await lockJobs(t, agent, opts.escrows);

  progress(`issuing and checking ${opts.escrows * opts.units} vouchers in process`);
  const vouchersPerSecond = await voucherRate(t, streamed, opts, unitPrice);
  progress(`${vouchersPerSecond} vouchers issued and checked a second`);
  progress(`streaming vouchers every ${opts.voucherEvery} units through the node`);
  const settleTxs = await streamVouchers(t, streamed, opts, unitPrice);

  progress(`${opts.releases} rounds of ${opts.escrows} releases`);
  const chain = t.node.parts!.chain;
  const before = chain.stats();
  const releaseSteps = await streamReleases(t, released, opts, share);
  const requests = requestsBetween(before, chain.stats());
  // Read after the request count: these lookups are the benchmark's, not the node's.
  const releaseTxs = await checkPayouts(
    t,
    releaseSteps.map((step) => ({ step, unit: TUSDM, toSeller: share, toBuyer: 0n })),
  );
  const units = opts.escrows * opts.units;
  const releases = releaseSteps.length;
  // The average counts the last, partial transaction of each round; the fullest shows how many
  // fit one transaction when that many wait.
  const perTx = new Map<string, number>();
  for (const s of releaseSteps) perTx.set(s.txHash, (perTx.get(s.txHash) ?? 0) + 1);
  return {
    escrows: opts.escrows,
    units,
    vouchersPerSecond,
    voucherSettleTxs: settleTxs.length,
    feeLovelacePerUnit: ratio(sumFees(settleTxs), units),
    releases,
    releaseTxs: releaseTxs.length,
    releasesPerTx: ratio(releases, releaseTxs.length),
    releasesPerTxMax: Math.max(0, ...perTx.values()),
    feeLovelacePerRelease: ratio(sumFees(releaseTxs), releases, 0),
    blockfrostRequestsPerRelease: ratio(requests, releases),
  };
}

async function main(): Promise<void> {
  const opts = parseOptions();
  progress(`starting a node (devnet blocks every ${opts.blockIntervalMs} ms)`);
  const t = await openNode({
    DEVNET_BLOCK_INTERVAL_MS: String(opts.blockIntervalMs),
    SELLING_WALLETS: "1",
    PURCHASING_WALLETS: "1",
  });
  try {
    await fundBuyer(t, 2 * opts.escrows, LOCKED);
    progress("registering an agent");
    const agent = await registerAgent(t);
    const figures = await measure(t, agent, opts);
    process.stdout.write(JSON.stringify(figures, null, opts.jsonOnly ? undefined : 2) + "\n");
  } finally {
    await closeNodes(t);
  }
}

main().catch((error: unknown) => {
  progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
