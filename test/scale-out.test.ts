/**
 * Three node processes on one PostgreSQL database and one devnet (issue 17), while the leader is
 * SIGKILLed again and again. The jobs are split across the processes' APIs: each job's payment
 * request goes to one process, its purchase to the next, its result to the third; the sellers'
 * withdrawals come from the scheduler of whichever process leads then. At the end every payment
 * is withdrawn, every escrow was locked exactly once, the devnet was never sent a transaction it
 * already held, the value per asset over the devnet's whole chain is its genesis less fees, and
 * every process answers the same. Each kill is followed by a new leader within the bound.
 *
 * SCALE_OUT_JOBS sets the number of jobs (300 by default).
 */
import { randomInt } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { chainTxs, escrowEvents, intents, payments, purchases } from "../src/db/schema.ts";
import { TUSDM } from "./registry-fixtures.ts";
import { fetchJson, replayChain, seededRandom, sleep } from "./support/chaos.ts";
import {
  counterTotal,
  metricsText,
  openCluster,
  submissionsOf,
  type Cluster,
} from "./support/cluster.ts";
import {
  moveTimeTo,
  openJobs,
  registerAgent,
  submitResults,
  waitStates,
  type Job,
  type JobRun,
} from "./support/cluster-jobs.ts";
import { DB_KIND } from "./support/db.ts";
import { waitFor } from "./support/process.ts";

const JOBS = Number(process.env.SCALE_OUT_JOBS ?? 300);
const PROCESSES = 3;
const PRICE_USDM = 2_000_000n;
const MINUTE_MS = 60_000;
/** Requests in flight at once, spread over the processes. */
const DRIVERS = 12;
/** A new leader must lead within this long of the old one's death (the bound). */
const TAKEOVER_MS_MAX = 10_000;
/** How long the killer waits between a takeover and the next kill. */
const KILL_GAP_MS = { min: 1_000, max: 6_000 };
const KILLS_MIN = 4;
const PHASE_WAIT_MS = 300_000;
const TEST_TIMEOUT_MS = 1_500_000;
const SEED = Number(process.env.CHAOS_SEED ?? randomInt(2 ** 31));
const STARTED_MS = Date.now();

function progress(line: string): void {
  console.log(`scale-out +${((Date.now() - STARTED_MS) / 1000).toFixed(1)}s: ${line}`);
}

const RUN: JobRun = {
  seed: SEED,
  priceUsdm: PRICE_USDM,
  jobs: JOBS,
  drivers: DRIVERS,
  phaseWaitMs: PHASE_WAIT_MS,
  progress,
};

interface Takeover {
  killed: number;
  next: number;
  ms: number;
}

let cluster: Cluster | undefined;
let split: Cluster | undefined;
afterAll(async () => {
  await cluster?.close();
  await split?.close();
});

describe.skipIf(DB_KIND !== "postgres")(
  `${PROCESSES} processes on one PostgreSQL, ${JOBS} payments, the leader killed again and again (skipped on PGlite: one process owns a PGlite database)`,
  () => {
    it(
      "withdraws every payment, locks each escrow once, sends no transaction twice, conserves value",
      async () => {
        progress(`seed ${SEED}`);
        const c = await openCluster({
          processes: PROCESSES,
          blockIntervalMs: 300,
          purchasingWallets: 3,
          buyerUsdm: PRICE_USDM * BigInt(JOBS),
          seed: SEED,
        });
        cluster = c;
        expect(await waitLeaders(c), "one leader at the start").toHaveLength(1);
        const agentIdentifier = await registerAgent(c, RUN);
        progress(`agent ${agentIdentifier} registered`);
        const killer = startKiller(c, seededRandom(SEED));

        // Each phase ends only once the killer has struck again, so kills fall in all of them.
        const { jobs, times } = await openJobs(c, RUN, agentIdentifier);
        progress(`${jobs.length} jobs opened`);
        await killer.atLeast(1);
        await waitStates(c, RUN, "FundsLocked", "FundsLocked");
        await killer.atLeast(2);
        await submitResults(c, RUN, jobs);
        await killer.atLeast(3);
        await waitStates(c, RUN, "ResultSubmitted", "ResultSubmitted");
        // Past the unlock time and the scheduler's margin: the leader's scheduler withdraws.
        await moveTimeTo(c, times.unlockTimeMs + 11 * MINUTE_MS);
        await waitStates(c, RUN, "Withdrawn", "Withdrawn");
        await killer.atLeast(KILLS_MIN);
        const takeovers = await killer.stop();
        progress(`takeovers ${JSON.stringify(takeovers)}`);

        expect(takeovers.length, "leader kills").toBeGreaterThanOrEqual(KILLS_MIN);
        for (const t of takeovers)
          expect(t.ms, `takeover after killing process ${t.killed}`).toBeLessThanOrEqual(
            TAKEOVER_MS_MAX,
          );
        expect(await waitLeaders(c), "one leader at the end").toHaveLength(1);
        await settle(c);
        await checkDatabase(c, jobs);
        await checkSubmissions(c);
        await checkValue(c, jobs);
        await checkSameAnswers(c, jobs, agentIdentifier);
        const serverErrors = c.nodes.flatMap((n) => n.serverErrors);
        expect
          .soft(serverErrors, `5xx answers other than 503; errors logged:\n${errorsLogged(c)}`)
          .toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );

    it("splits the work by ROLE: api processes answer and build nothing, the worker settles", async () => {
      const run = { ...RUN, jobs: 6, drivers: 3, phaseWaitMs: 120_000 };
      const c = await openCluster({
        processes: 3,
        roles: ["api", "api", "worker"],
        blockIntervalMs: 300,
        purchasingWallets: 1,
        buyerUsdm: PRICE_USDM * BigInt(run.jobs),
        seed: SEED + 1,
        // The admin key is never limited; a key's requests are counted across processes.
        extraEnv: { RATE_LIMIT_REQUESTS_PER_MINUTE: String(RATE_LIMIT) },
      });
      split = c;
      expect(await waitLeaders(c), "the worker leads").toEqual([2]);
      await checkRateLimitShared(c);
      const agentIdentifier = await registerAgent(c, run);
      const { jobs, times } = await openJobs(c, run, agentIdentifier);
      await waitStates(c, run, "FundsLocked", "FundsLocked");
      await submitResults(c, run, jobs);
      await waitStates(c, run, "ResultSubmitted", "ResultSubmitted");
      await moveTimeTo(c, times.unlockTimeMs + 11 * MINUTE_MS);
      await waitStates(c, run, "Withdrawn", "Withdrawn");
      const built = await Promise.all(
        c.nodes.map(async (n) =>
          counterTotal(
            (await metricsText(n, c.adminKey)) ?? "",
            "escrowd_transactions_total",
            'event="built"',
          ),
        ),
      );
      expect(built.slice(0, 2), "transactions the api processes built").toEqual([0, 0]);
      expect(built[2], "transactions the worker built").toBeGreaterThan(0);
      const refused = await c.nodes[2]!.call("GET", "/payment?network=Preprod");
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toMatch(/ROLE=worker/);
    }, 300_000);
  },
);

const RATE_LIMIT = 4;

/** A key's requests per minute are counted in the database: spread over two processes, the
 * one past the limit is refused whichever process it reaches. */
async function checkRateLimitShared(c: Cluster): Promise<void> {
  const key = await c.apiNodes[0]!.call("POST", "/api-key", {
    permission: "Read",
    UsageCredits: [],
  });
  expect(key.status).toBe(200);
  const token = key.body.data.token as string;
  // The limit's window is a wall-clock minute: start well inside one.
  const toBoundaryMs = 60_000 - (Date.now() % 60_000);
  if (toBoundaryMs < 5_000) await sleep(toBoundaryMs + 100);
  const statuses: number[] = [];
  for (let i = 0; i < RATE_LIMIT + 2; i++) {
    const node = c.apiNodes[i % c.apiNodes.length]!;
    const res = await fetch(`${node.apiUrl}/payment?network=Preprod`, { headers: { token } });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([...Array(RATE_LIMIT).fill(200), 429, 429]);
}

/** Waits until exactly one process says it leads; returns who do at the end (bounded). */
async function waitLeaders(c: Cluster): Promise<number[]> {
  let last: number[] = [];
  const deadlineMs = Date.now() + TAKEOVER_MS_MAX;
  while (Date.now() < deadlineMs) {
    last = await c.leaders();
    if (last.length === 1) return last;
    await sleep(100);
  }
  return last;
}

/**
 * Kills whichever process leads, waits for another to lead (timing it), starts the dead one
 * again, and pauses; until stopped. Also checks, at every look, that no two processes lead.
 */
function startKiller(c: Cluster, random: () => number) {
  const takeovers: Takeover[] = [];
  const state = { stopped: false, failure: undefined as unknown };
  const loop = (async () => {
    while (!state.stopped) {
      await sleep(KILL_GAP_MS.min + random() * (KILL_GAP_MS.max - KILL_GAP_MS.min));
      if (state.stopped) break;
      const [leader, ...others] = await c.leaders();
      if (leader === undefined) continue;
      if (others.length > 0) throw new Error(`two leaders: ${[leader, ...others].join(", ")}`);
      await c.nodes[leader]!.kill();
      const killedAtMs = Date.now();
      let next: number | undefined;
      while (next === undefined && Date.now() - killedAtMs < 2 * TAKEOVER_MS_MAX) {
        const now = await c.leaders();
        if (now.length > 1) throw new Error(`two leaders after a kill: ${now.join(", ")}`);
        next = now[0];
        if (next === undefined) await sleep(50);
      }
      const ms = Date.now() - killedAtMs;
      takeovers.push({ killed: leader, next: next ?? -1, ms });
      progress(`killed leader ${leader}; process ${next} leads after ${ms} ms`);
      await c.nodes[leader]!.start();
    }
  })().catch((err: unknown) => {
    state.failure = err;
    state.stopped = true;
  });
  return {
    /** Resolves once `n` kills are made (and their takeovers seen). */
    async atLeast(n: number): Promise<void> {
      await waitFor(
        `${n} leader kills`,
        () => {
          if (state.failure) throw state.failure;
          return takeovers.length >= n ? true : undefined;
        },
        120_000,
        100,
      );
    },
    async stop(): Promise<Takeover[]> {
      state.stopped = true;
      await loop;
      if (state.failure) throw state.failure;
      return takeovers;
    },
  };
}

/** Waits (bounded) until no intent is queued or in a transaction not yet seen in a block. */
async function settle(c: Cluster): Promise<void> {
  await waitFor(
    "the last transactions to be seen in a block",
    async () => {
      const open = await c
        .database!.db.select({ n: count() })
        .from(intents)
        .where(eq(intents.status, "in_tx"));
      const queued = await c
        .database!.db.select({ n: count() })
        .from(intents)
        .where(eq(intents.status, "queued"));
      return open[0]!.n + queued[0]!.n === 0 ? true : undefined;
    },
    60_000,
    500,
  );
}

/** The shared records: no failed intent; each escrow locked once and withdrawn once. */
async function checkDatabase(c: Cluster, jobs: Job[]): Promise<void> {
  const db = c.database!.db;
  const failed = await db.select().from(intents).where(eq(intents.status, "failed"));
  expect.soft(failed, "failed intents").toEqual([]);
  const events = await db
    .select()
    .from(escrowEvents)
    .orderBy(escrowEvents.blockHeight, escrowEvents.txIndex);
  expect.soft(events.filter((e) => e.kind === "lock").length, "lock events").toBe(JOBS);
  const histories = new Map<string, string[]>();
  for (const e of events)
    histories.set(e.reference, [...(histories.get(e.reference) ?? []), `${e.kind} ${e.state}`]);
  for (const j of jobs) {
    const history = histories.get(j.escrowReference) ?? [];
    expect
      .soft(history, `job ${j.index}'s escrow history`)
      .toEqual(["lock FundsLocked", "move ResultSubmitted", "end Withdrawn"]);
  }
  const [paid] = await db.select({ n: count() }).from(payments);
  const [bought] = await db.select({ n: count() }).from(purchases);
  expect.soft([paid!.n, bought!.n], "payment and purchase rows").toEqual([JOBS, JOBS]);
}

/**
 * The devnet accepted exactly the node's confirmed transactions, and was never sent one it
 * already held (two processes sending the same transaction).
 */
async function checkSubmissions(c: Cluster): Promise<void> {
  const sent = await submissionsOf(c.devnet);
  const txs = await c
    .database!.db.select({ status: chainTxs.status, n: count() })
    .from(chainTxs)
    .groupBy(chainTxs.status);
  progress(`devnet submissions ${JSON.stringify(sent)}; node transactions ${JSON.stringify(txs)}`);
  const confirmed = txs.find((t) => t.status === "confirmed")?.n ?? 0;
  expect.soft(sent.alreadyKnown, "transactions sent again while the devnet held them").toBe(0);
  expect.soft(sent.accepted, "accepted transactions = the node's confirmed ones").toBe(confirmed);
  const refused = await c
    .database!.db.select({ kind: chainTxs.kind, error: chainTxs.lastError })
    .from(chainTxs)
    .where(eq(chainTxs.status, "refused"));
  // The one refusal allowed: a transaction built by a process whose clock had not yet seen the
  // devnet's jump in time (the test moves chain time by hours at once, which a real chain never
  // does). Its intents were built again; nothing else may be refused.
  expect
    .soft(sent.refused, "refusals the devnet counted ≥ those the node recorded")
    .toBeGreaterThanOrEqual(refused.length);
  // The devnet may have refused more than the node shows as refused: a leader killed between a
  // refusal and its record leaves the transaction to expire; a rebuild can give the very bytes
  // of a refused transaction, which a later send gets in. But each was a transaction the node
  // had recorded before it sent it: nothing reaches the chain unrecorded.
  const recorded = new Set(
    (await c.database!.db.select({ txHash: chainTxs.txHash }).from(chainTxs)).map((r) => r.txHash),
  );
  for (const r of sent.refusals)
    expect.soft(recorded.has(r.txHash ?? ""), `refused ${r.txHash}: ${r.reason}`).toBe(true);
  for (const r of refused) {
    expect
      .soft(r.error, `a refused ${r.kind}; errors logged:\n${errorsLogged(c)}`)
      .toMatch(/is outside the validity interval/);
  }
}

/** What each process logged at level error, so that a failure in CI can be read from its log. */
function errorsLogged(c: Cluster): string {
  return c.nodes.map((n, i) => `process ${i}:\n${n.errorLines().join("\n")}`).join("\n");
}

/** Every asset's total over the devnet's unspent outputs is its genesis less fees and deposits. */
async function checkValue(c: Cluster, jobs: Job[]): Promise<void> {
  const bf = c.devnet.blockfrostUrl;
  const chain = await replayChain(bf);
  for (const unit of new Set([...chain.genesis.keys(), ...chain.unspent.keys()])) {
    const expected =
      unit === "lovelace"
        ? chain.genesis.get(unit)! - chain.feesLovelace - chain.depositLovelace
        : (chain.genesis.get(unit) ??
          BigInt((await fetchJson<{ quantity: string }>(`${bf}/assets/${unit}`)).quantity));
    expect.soft(chain.unspent.get(unit) ?? 0n, `total ${unit}`).toBe(expected);
  }
  expect
    .soft(chain.at(c.wallets.selling).get(TUSDM), "the seller's tUSDM")
    .toBe(PRICE_USDM * BigInt(jobs.length));
  const bought = c.wallets.purchasing.reduce((n, a) => n + (chain.at(a).get(TUSDM) ?? 0n), 0n);
  expect.soft(bought, "the buyers' tUSDM left").toBe(0n);
  progress(`replayed ${chain.txCount} transactions`);
}

/** Every process gives the same answer to the same reads. */
async function checkSameAnswers(c: Cluster, jobs: Job[], agentIdentifier: string): Promise<void> {
  const sample = [jobs[0]!, jobs[Math.floor(jobs.length / 2)]!, jobs[jobs.length - 1]!];
  const reads: [string, string, unknown?][] = [
    ["GET", "/payment?network=Preprod&limit=25"],
    ["GET", "/purchase?network=Preprod&limit=25"],
    ["GET", "/registry-entry?limit=10"],
    ...sample.flatMap((j) =>
      (["payment", "purchase"] as const).map((side): [string, string, unknown] => [
        "POST",
        `/${side}/resolve-blockchain-identifier`,
        { network: "Preprod", blockchainIdentifier: j.blockchainIdentifier },
      ]),
    ),
  ];
  for (const [method, route, body] of reads) {
    const answers = await Promise.all(c.nodes.map((n) => n.call(method, route, body)));
    expect.soft(answers[0]!.status, route).toBe(200);
    for (const a of answers.slice(1)) expect.soft(a, route).toEqual(answers[0]);
  }
  // One Idempotency-Key sent to each process in turn: one payment request, one answer.
  const info = await fetchJson<{ timeMs: number }>(`${c.devnet.devnetUrl}/info`);
  const body = {
    network: "Preprod",
    agentIdentifier,
    identifierFromPurchaser: "ffffffffffffffff",
    inputHash: "ab".repeat(32),
    payByTime: String(info.timeMs + 50 * MINUTE_MS),
    submitResultTime: String(info.timeMs + 60 * MINUTE_MS),
  };
  const key = `scale-${SEED}-replayed`;
  const answers = [];
  for (const n of c.nodes) answers.push(await n.call("POST", "/payment", body, key));
  expect.soft(answers[0]!.status, "the replayed key's first answer").toBe(200);
  for (const a of answers.slice(1)) expect.soft(a, "the replayed key's answer").toEqual(answers[0]);
  const [made] = await c
    .database!.db.select({ n: count() })
    .from(payments)
    .where(eq(payments.identifierFromPurchaser, body.identifierFromPurchaser));
  expect.soft(made!.n, "payment requests made by the replayed key").toBe(1);
}
