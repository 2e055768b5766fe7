/**
 * Killing the node (SIGKILL) at any moment and starting it again loses nothing, double-spends
 * nothing and delivers every usage event (issue 12). One devnet process lives throughout, so the chain stays put; the node
 * runs as a child process on it (CHAIN_BACKEND=blockfrost) and is killed at random points
 * (seeded: the seed is printed, and CHAOS_SEED replays the plan) of 20 concurrent lifecycles,
 * sold and bought on the same node, then started again on the same data directory, database and
 * port. The driver retries every request with its Idempotency-Key until the node answers.
 * Half the jobs get a result and are withdrawn by the seller; the rest are refunded to the
 * buyer without one, both by the node's scheduler. At the end every payment and purchase is in
 * its expected final state, no intent failed or hangs, each escrow was locked exactly once, the
 * wallets moved exactly the prices of the completed jobs, and the devnet's value per asset over
 * all its unspent outputs is its genesis less fees and deposits. A webhook receiver in this
 * process (it outlives the kills) fails 30 % of requests; every event the node wrote reaches it
 * with a signature the `standardwebhooks` package verifies, each usage id once after the
 * receiver's deduplication by `webhook-id`.
 */
import { createHash, randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { paymentKeyHash } from "../contracts/index.ts";
import { openDatabase, type Db } from "../src/db/client.ts";
import {
  chainTxs,
  escrowEvents,
  eventDeliveries,
  intents,
  payments,
  purchases,
  usageEvents,
} from "../src/db/schema.ts";
import { agentBody, TUSDM } from "./registry-fixtures.ts";
import {
  fetchJson,
  freePort,
  fundFromFaucet,
  NodeProcess,
  replayChain,
  seededRandom,
  sleep,
  staleClaimMover,
  startDevnetProcess,
  type DevnetProcess,
} from "./support/chaos.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";
import { purchaseBody } from "./support/lifecycle-world.ts";
import { waitFor } from "./support/process.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";

const JOBS = 20;
const PRICE_USDM = 5_000_000n;
const BUYER_USDM = 1_000_000_000n;
const MINUTE_MS = 60_000;
/** Blocks come this often when transactions wait: a submitted one stays in flight a while. */
const BLOCK_INTERVAL_MS = 500;
/** How many jobs the driver opens at once, so that locks share transactions. */
const DRIVERS = 4;
/**
 * CHAOS_KILLS (npm run chaos -- --kills N) scales the run: the kill budgets below are for 10
 * kills and are multiplied by N / 10, and the waits and chain-time room grow with them.
 */
const KILLS_WANTED = Number(process.env.CHAOS_KILLS ?? 10);
const SCALE = Math.max(1, KILLS_WANTED / 10);
const TEST_TIMEOUT_MS = 600_000 + KILLS_WANTED * 20_000;
/** The share of webhook requests the receiver answers with a 5xx (or 429). */
const WEBHOOK_FAILURE_RATE = 0.3;
/** Once the jobs are final, every event is delivered within this long. */
const DELIVERY_WAIT_MS = 120_000;
/** Events per job: each step on both sides (lock, result, withdrawal; or lock, refund). */
const EVENTS_COMPLETE = 6;
const EVENTS_REFUNDED = 4;

type Phase = "setup" | "requests" | "locking" | "results" | "refunds" | "withdrawals";
/**
 * Kills per phase, so that they spread over the whole run: registration, the requests (and the
 * lock batches they start), the results, the refunds and the withdrawals. A phase ends only once
 * its kills are made; those that come after its work is done hit the node between steps.
 */
const KILL_BUDGET: Record<Phase, number> = scaleBudget({
  setup: 1,
  requests: 2,
  locking: 1,
  results: 2,
  refunds: 2,
  withdrawals: 2,
});
/** Every budget spent; a "booting" kill counts twice (a second kill while the node boots). */
const KILLS_MIN = Object.values(KILL_BUDGET).reduce((a, b) => a + b, 0);
const KILLS_MAX = KILLS_MIN + Math.round(6 * SCALE);
const KILL_GAP_MS = { min: 200, max: 3_000 };
/** How long the driver pauses between two requests at most, so that kills fall among them. */
const REQUEST_PAUSE_MS_MAX = 1_500;
/** A phase's states must be reached within this long. */
const PHASE_WAIT_MS = 90_000;
/** How long a phase waits for its remaining kills once its work is done. */
const KILLS_WAIT_MS = 60_000 * SCALE;
/** At the end, how often the node is started again to see its last transactions through. */
const SETTLE_STARTS_MAX = 4;
const SETTLE_PAUSE_MS = 5_000;

const SEED = Number(process.env.CHAOS_SEED ?? randomInt(2 ** 31));

function scaleBudget(budget: Record<Phase, number>): Record<Phase, number> {
  return Object.fromEntries(
    Object.entries(budget).map(([phase, n]) => [phase, Math.round(n * SCALE)]),
  ) as Record<Phase, number>;
}

/**
 * What `npm run chaos` prints (written to CHAOS_REPORT when set): jobs whose money did not end
 * where planned, escrow steps beyond the plan (a second lock or action), and whether every
 * asset's total over the chain is its genesis less fees.
 */
const summary = { lost: 0, doubleSpent: 0, valueConserved: true };
const STARTED_MS = Date.now();

/** A line of progress with the time since the file started, for reading a run afterwards. */
function progress(line: string): void {
  console.log(`lifecycle-chaos +${((Date.now() - STARTED_MS) / 1000).toFixed(1)}s: ${line}`);
}

interface World {
  dir: string;
  devnet: DevnetProcess;
  node: NodeProcess;
  database: TestDatabase | undefined;
  /** Idempotency keys whose retry did not get the first answer back. */
  lostAnswers: string[];
  /** Keys for which chain time was moved past an abandoned claim's staleness. */
  staleClaims: Set<string>;
  /** The node's data directory (its PGlite database lives under it). */
  dataDir: string;
  /** The escrow's address, as the payment views name it. */
  escrowAddress?: string;
  killer?: Killer;
  receiver: WebhookReceiver;
}

interface Job {
  index: number;
  complete: boolean;
  blockchainIdentifier: string;
  escrowReference: string;
}

/**
 * How a kill picks its moment: any time; while one of the node's transactions waits in the
 * devnet's mempool (sent, not yet in a block); within a watcher poll after such a transaction
 * went into a block (while the node reads it); right after a webhook request reached the
 * receiver (before the node records the answer); or twice, the second time during the boot.
 */
const KILL_MODES = [
  "anytime",
  "inFlight",
  "afterBlock",
  "inFlight",
  "afterBlock",
  "afterDelivery",
  "booting",
] as const;

interface Kill {
  phase: Phase;
  mode: (typeof KILL_MODES)[number];
  atMs: number;
}

let world: World | undefined;

afterAll(async () => {
  if (!world) return;
  // A failed run may leave the killer going: stop it first, or it starts the node again.
  await world.killer?.abort();
  await world.node.kill();
  world.devnet.child.proc.kill("SIGTERM");
  await world.devnet.child.exited;
  await world.receiver.close();
  await world.database?.close();
  await rm(world.dir, { recursive: true, force: true });
});

describe(`SIGKILL at random moments of ${JOBS} lifecycles on ${DB_KIND}`, () => {
  it(
    "loses nothing and double-spends nothing",
    async () => {
      progress(`seed ${SEED} (CHAOS_SEED=${SEED} replays the plan)`);
      const startedMs = Date.now();
      const w = await openWorld();
      await addWebhookTarget(w);
      const killer = startKiller(w, seededRandom(SEED));
      const pace = seededRandom(SEED ^ 0x5bd1e995);
      const agentIdentifier = await registerAgent(w);
      await killer.enter("requests");
      const { jobs, times } = await openJobs(w, agentIdentifier, pace);
      await killer.enter("locking");
      await waitStates(w, jobs, () => "FundsLocked", PHASE_WAIT_MS);
      await killer.enter("results");
      await submitResults(w, jobs, pace);
      const resulted = (j: Job) => (j.complete ? "ResultSubmitted" : "FundsLocked");
      await waitStates(w, jobs, resulted, PHASE_WAIT_MS);
      await killer.enter("refunds");
      // Each deadline plus the scheduler's ten minutes: first the refunds, then the withdrawals.
      await moveTimeTo(w, times.submitResultTimeMs + 11 * MINUTE_MS);
      const refunded = (j: Job) => (j.complete ? "ResultSubmitted" : "RefundWithdrawn");
      await waitStates(w, jobs, refunded, PHASE_WAIT_MS);
      await killer.enter("withdrawals");
      await moveTimeTo(w, times.unlockTimeMs + 11 * MINUTE_MS);
      const final = (j: Job) => (j.complete ? "Withdrawn" : "RefundWithdrawn");
      await waitStates(w, jobs, final, PHASE_WAIT_MS);
      const kills = await killer.stop();
      report(w, kills);
      await waitDelivered(w, jobs);
      await stopSettled(w);
      expect(kills.length).toBeGreaterThanOrEqual(KILLS_MIN);
      await checkDatabase(w, jobs);
      await checkValue(w, jobs);
      await checkEvents(w, jobs);
      await writeSummary(kills.length, Date.now() - startedMs);
      expect.soft(w.lostAnswers, "retries that did not get the first answer").toEqual([]);
      expect.soft(w.node.serverErrors, "5xx answers other than 503").toEqual([]);
      progress(`done in ${((Date.now() - startedMs) / 1000).toFixed(1)} s`);
    },
    TEST_TIMEOUT_MS,
  );
});

/** The devnet, the node (first start), and the node's wallets funded from the faucet. */
async function openWorld(): Promise<World> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-chaos-"));
  const devnet = await startDevnetProcess(path.join(dir, "devnet"), BLOCK_INTERVAL_MS);
  const env: Record<string, string> = {
    CHAIN_BACKEND: "blockfrost",
    BLOCKFROST_URL: devnet.blockfrostUrl,
    ENCRYPTION_KEY: "c4".repeat(32),
    ESCROW_ADMINS: "devnet",
    ADMIN_KEY: `chaos-admin-${SEED}-0123456789abcdef`,
    DATA_DIR: path.join(dir, "node"),
    PORT: String(await freePort()),
    // The devnet makes a block every half second when transactions wait; follow it closely.
    CHAIN_POLL_INTERVAL_MS: "1000",
    // The receiver listens on loopback; retries come quickly so that the run stays short.
    EVENTS_ALLOW_PRIVATE_TARGETS: "true",
    EVENTS_BACKOFF_BASE_MS: "200",
    EVENTS_BACKOFF_CAP_MS: "4000",
  };
  let database: TestDatabase | undefined;
  if (DB_KIND === "postgres") {
    database = await freshDatabase();
    env.DATABASE_URL = database.url!;
  }
  const claims = staleClaimMover(devnet);
  const node = new NodeProcess({
    env,
    adminKey: env.ADMIN_KEY!,
    callDeadlineMs: 120_000,
    onAbandonedClaim: claims.onAbandonedClaim,
  });
  const receiver = await startWebhookReceiver({
    secrets: [WEBHOOK_SECRET],
    failRate: WEBHOOK_FAILURE_RATE,
    random: seededRandom(SEED ^ 0x27d4eb2f),
  });
  world = {
    dir,
    devnet,
    node,
    database,
    lostAnswers: [],
    staleClaims: claims.keys,
    dataDir: env.DATA_DIR!,
    receiver,
  };
  await node.start();
  const { selling, purchasing } = node.wallets();
  await fundFromFaucet(devnet, { selling, purchasing: [purchasing] }, BUYER_USDM);
  return world;
}

const WEBHOOK_SECRET = `whsec_${Buffer.from(`chaos webhook secret ${SEED}`.padEnd(32, "."))
  .subarray(0, 32)
  .toString("base64")}`;

/** The receiver as the node's one event target, taking every event type. */
async function addWebhookTarget(w: World): Promise<void> {
  const res = await w.node.call(
    "POST",
    "/event-targets",
    {
      name: "chaos receiver",
      kind: "webhook",
      config: { url: w.receiver.url },
      secret: WEBHOOK_SECRET,
    },
    `chaos-${SEED}-target`,
  );
  if (res.status !== 200) throw new Error(`event target: ${JSON.stringify(res.body)}`);
}

/** Registers a Fixed-price agent held by the selling wallet; resolves once it is sellable. */
async function registerAgent(w: World): Promise<string> {
  const vkey = paymentKeyHash(w.node.wallets().selling);
  const pricing = { pricingType: "Fixed", Pricing: [{ unit: TUSDM, amount: String(PRICE_USDM) }] };
  const body = agentBody(vkey, "Chaos", pricing);
  const res = await w.node.call("POST", "/registry", body, `chaos-${SEED}-register`);
  if (res.status !== 200) throw new Error(`registry: ${JSON.stringify(res.body)}`);
  const id = res.body.data.id as string;
  const agentIdentifier = await waitFor(
    "the agent's registration to be confirmed",
    async () => {
      const list = await w.node.call("GET", "/registry?limit=100");
      const e = list.body.data.Assets.find((a: { id: string }) => a.id === id);
      if (e?.state === "RegistrationFailed") throw new Error(`registration failed: ${e.error}`);
      return e?.state === "RegistrationConfirmed" ? (e.agentIdentifier as string) : undefined;
    },
    90_000,
    500,
  );
  await waitFor(
    "the explorer to index the agent",
    async () => {
      const list = await w.node.call("GET", "/registry-entry?limit=100");
      const entries = list.body.data.RegistryEntries as { agentIdentifier: string }[];
      return entries.some((e) => e.agentIdentifier === agentIdentifier) ? true : undefined;
    },
    90_000,
    500,
  );
  return agentIdentifier;
}

interface Times {
  payByTimeMs: number;
  submitResultTimeMs: number;
  unlockTimeMs: number;
  externalDisputeUnlockTimeMs: number;
}

/** Opens every job (a payment request, then its purchase), DRIVERS at a time. */
async function openJobs(w: World, agentIdentifier: string, pace: () => number) {
  const info = await fetchJson<{ timeMs: number }>(`${w.devnet.devnetUrl}/info`);
  // Room for a minute of chain time per abandoned claim before payByTime comes.
  const submitResultTimeMs = info.timeMs + 75 * SCALE * MINUTE_MS;
  const times: Times = {
    payByTimeMs: submitResultTimeMs - 15 * MINUTE_MS,
    submitResultTimeMs,
    unlockTimeMs: submitResultTimeMs + 20 * MINUTE_MS,
    externalDisputeUnlockTimeMs: submitResultTimeMs + 40 * MINUTE_MS,
  };
  const completing = shuffled(JOBS, pace).slice(0, JOBS / 2);
  const jobs: Job[] = [];
  const queue = Array.from({ length: JOBS }, (_, i) => i);
  const driver = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      await sleep(pace() * REQUEST_PAUSE_MS_MAX);
      jobs.push(await openJob(w, agentIdentifier, times, i, completing.includes(i)));
    }
  };
  await Promise.all(Array.from({ length: DRIVERS }, driver));
  return { jobs: jobs.sort((a, b) => a.index - b.index), times };
}

function shuffled(n: number, random: () => number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function openJob(
  w: World,
  agentIdentifier: string,
  times: Times,
  index: number,
  complete: boolean,
): Promise<Job> {
  const created = await w.node.call(
    "POST",
    "/payment",
    {
      network: "Preprod",
      agentIdentifier,
      identifierFromPurchaser:
        SEED.toString(16).padStart(8, "0") + index.toString(16).padStart(8, "0"),
      inputHash: createHash("sha256").update(`chaos ${SEED} job ${index}`).digest("hex"),
      payByTime: String(times.payByTimeMs),
      submitResultTime: String(times.submitResultTimeMs),
      unlockTime: String(times.unlockTimeMs),
      externalDisputeUnlockTime: String(times.externalDisputeUnlockTimeMs),
    },
    `chaos-${SEED}-payment-${index}`,
  );
  if (created.status !== 200) throw new Error(`payment ${index}: ${JSON.stringify(created.body)}`);
  const p = created.body.data;
  w.escrowAddress ??= p.PaymentSource.smartContractAddress as string;
  const key = `chaos-${SEED}-purchase-${index}`;
  const bought = await w.node.call("POST", "/purchase", purchaseBody(p), key);
  const message = String(bought.body?.error?.message ?? "");
  if (bought.status === 409 && /already purchased on this node/.test(message)) {
    // The first attempt's purchase was stored but its answer was lost: a retry should get it.
    w.lostAnswers.push(`${key}: ${message}`);
  } else if (bought.status !== 200) {
    throw new Error(`purchase ${index}: ${JSON.stringify(bought.body)}`);
  }
  return {
    index,
    complete,
    blockchainIdentifier: p.blockchainIdentifier,
    escrowReference: p.escrowReference,
  };
}

/** The seller submits a result for every completing job. */
async function submitResults(w: World, jobs: Job[], pace: () => number): Promise<void> {
  for (const j of jobs.filter((job) => job.complete)) {
    await sleep(pace() * REQUEST_PAUSE_MS_MAX);
    const key = `chaos-${SEED}-result-${j.index}`;
    const res = await w.node.call(
      "POST",
      "/payment/submit-result",
      {
        network: "Preprod",
        blockchainIdentifier: j.blockchainIdentifier,
        submitResultHash: createHash("sha256").update(`result ${SEED} ${j.index}`).digest("hex"),
      },
      key,
    );
    const message = String(res.body?.error?.message ?? "");
    if (res.status === 409 && /already pending/.test(message)) {
      w.lostAnswers.push(`${key}: ${message}`);
    } else if (res.status !== 200) {
      throw new Error(`submit-result ${j.index}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

/** Moves the devnet's time to `ms` (if it is not there yet) and makes a block the node reads. */
async function moveTimeTo(w: World, ms: number): Promise<void> {
  const info = await fetchJson<{ timeMs: number }>(`${w.devnet.devnetUrl}/info`);
  if (info.timeMs < ms) await w.devnet.post("/time", { toTimeMs: ms });
  await w.devnet.post("/blocks");
}

const TERMINAL = ["Withdrawn", "RefundWithdrawn", "DisputedWithdrawn", "FundsOrDatumInvalid"];

/**
 * Waits until every job's payment and purchase are in the state `expected` names; fails at once
 * when one reaches another final state, and on timeout shows every job's states.
 */
async function waitStates(
  w: World,
  jobs: Job[],
  expected: (j: Job) => string,
  timeoutMs: number,
): Promise<void> {
  let seen = new Map<string, { payment?: string; purchase?: string }>();
  const deadlineMs = Date.now() + timeoutMs;
  while (Date.now() < deadlineMs) {
    w.killer!.throwIfFailed();
    seen = await statesOf(w);
    const wrong = jobs.filter((j) => {
      const s = seen.get(j.blockchainIdentifier);
      return [s?.payment, s?.purchase].some((x) => TERMINAL.includes(x!) && x !== expected(j));
    });
    if (wrong.length > 0)
      return fail(w, jobs, `wrong final state:\n${table(jobs, seen, expected)}`);
    const done = jobs.every((j) => {
      const s = seen.get(j.blockchainIdentifier);
      return s?.payment === expected(j) && s.purchase === expected(j);
    });
    if (done) return;
    await sleep(500);
  }
  return fail(w, jobs, `states not reached in ${timeoutMs} ms:\n${table(jobs, seen, expected)}`);
}

/** Stops the killer and the node, and throws with what the node's database and log say. */
async function fail(w: World, jobs: Job[], message: string): Promise<never> {
  await w.killer?.abort();
  await w.node.kill();
  const tail = w.node.logs().slice(-6_000);
  throw new Error(`${message}\n${await explain(w, jobs)}\n${tail}`);
}

/** Each job's latest escrow event beside its stored rows' states (the node is stopped). */
async function explain(w: World, jobs: Job[]): Promise<string> {
  return withDatabase(w, async (db) => {
    const events = await db
      .select()
      .from(escrowEvents)
      .where(
        inArray(
          escrowEvents.reference,
          jobs.map((j) => j.escrowReference),
        ),
      )
      .orderBy(escrowEvents.blockHeight, escrowEvents.txIndex);
    const latest = new Map(events.map((e) => [e.reference, e]));
    const [pays, buys] = [await db.select().from(payments), await db.select().from(purchases)];
    const lines = jobs.map((j) => {
      const e = latest.get(j.escrowReference);
      const pay = pays.find((r) => r.escrowReference === j.escrowReference);
      const buy = buys.find((r) => r.escrowReference === j.escrowReference);
      const event = `${e?.kind}/${e?.state} at height ${e?.blockHeight}`;
      return `  job ${j.index}: latest event ${event}; rows: payment ${pay?.state}, purchase ${buy?.state}`;
    });
    return `the node's database:\n${lines.join("\n")}`;
  });
}

async function statesOf(w: World) {
  const states = new Map<string, { payment?: string; purchase?: string }>();
  for (const side of ["payment", "purchase"] as const) {
    const res = await w.node.call("GET", `/${side}?network=Preprod&limit=100`);
    if (res.status !== 200) throw new Error(`list ${side}: ${JSON.stringify(res.body)}`);
    const rows = res.body.data[side === "payment" ? "Payments" : "Purchases"] as {
      blockchainIdentifier: string;
      state: string;
    }[];
    for (const r of rows) {
      const s = states.get(r.blockchainIdentifier) ?? {};
      s[side] = r.state;
      states.set(r.blockchainIdentifier, s);
    }
  }
  return states;
}

function table(
  jobs: Job[],
  seen: Map<string, { payment?: string; purchase?: string }>,
  expected: (j: Job) => string,
): string {
  return jobs
    .map((j) => {
      const s = seen.get(j.blockchainIdentifier);
      return `  job ${j.index}: payment ${s?.payment} purchase ${s?.purchase} (want ${expected(j)})`;
    })
    .join("\n");
}

interface Killer {
  /** Moves on to `phase` once the current phase's kills are all made. */
  enter(phase: Phase): Promise<void>;
  throwIfFailed(): void;
  /** Stops killing; resolves once the node is up again, with every kill made. */
  stop(): Promise<Kill[]>;
  /** Stops at once, the phase's budget spent or not (after a failure). */
  abort(): Promise<void>;
}

/** Kills the node at random moments (KILL_MODES) within each phase's budget, and restarts it. */
function startKiller(w: World, random: () => number): Killer {
  const state = { phase: "setup" as Phase, stopped: false, failure: undefined as unknown };
  const kills: Kill[] = [];
  const spent = () =>
    kills.filter((k) => k.phase === state.phase).length >= KILL_BUDGET[state.phase] ||
    kills.length >= KILLS_MAX;
  const kill = async (mode: Kill["mode"]) => {
    await w.node.kill();
    kills.push({ phase: state.phase, mode, atMs: Date.now() - STARTED_MS });
    progress(`kill ${kills.length} (${state.phase}, ${mode})`);
  };
  const round = async () => {
    await sleep(KILL_GAP_MS.min + random() * (KILL_GAP_MS.max - KILL_GAP_MS.min));
    const mode = KILL_MODES[Math.floor(random() * KILL_MODES.length)]!;
    if (mode === "inFlight") await untilMempool(w.devnet, true, () => state.stopped);
    if (mode === "afterDelivery") {
      await untilDelivery(w.receiver, () => state.stopped);
      await sleep(random() * 50);
    }
    if (mode === "afterBlock") {
      await untilMempool(w.devnet, true, () => state.stopped);
      await untilMempool(w.devnet, false, () => state.stopped);
      await sleep(random() * 1_200);
    }
    if (state.stopped) return;
    await kill(mode);
    if (mode === "booting") {
      await w.node.start(false);
      await sleep(300 + random() * 2_500);
      await kill(mode);
    }
    await w.node.start();
  };
  const loop = (async () => {
    while (!state.stopped) {
      if (spent()) await sleep(100);
      else await round();
    }
  })().catch((err: unknown) => {
    state.failure = err;
    state.stopped = true;
  });
  const throwIfFailed = () => {
    if (state.failure) throw state.failure;
  };
  w.killer = {
    enter: async (phase) => {
      await waitFor(
        `the kills of phase ${state.phase}`,
        () => {
          throwIfFailed();
          return spent() ? true : undefined;
        },
        KILLS_WAIT_MS,
      );
      progress(`phase ${phase}`);
      state.phase = phase;
    },
    throwIfFailed,
    stop: async () => {
      await waitFor(
        "the last kills",
        () => (spent() || state.failure ? true : undefined),
        KILLS_WAIT_MS,
      );
      state.stopped = true;
      await loop;
      throwIfFailed();
      return kills;
    },
    abort: async () => {
      state.stopped = true;
      await loop;
    },
  };
  return w.killer;
}

/** Waits (at most 8 s) until the devnet's mempool is non-empty, or (`busy` false) empty again. */
async function untilMempool(devnet: DevnetProcess, busy: boolean, stopped: () => boolean) {
  const deadlineMs = Date.now() + 8_000;
  while (Date.now() < deadlineMs && !stopped()) {
    if ((await devnet.mempoolSize()) > 0 === busy) return;
    await sleep(25);
  }
}

/** Waits (at most 8 s) until the receiver takes another request. */
async function untilDelivery(receiver: WebhookReceiver, stopped: () => boolean) {
  const before = receiver.requests;
  const deadlineMs = Date.now() + 8_000;
  while (Date.now() < deadlineMs && !stopped() && receiver.requests === before) await sleep(5);
}

/** Every event the node lists has reached the receiver and is marked delivered. */
async function waitDelivered(w: World, jobs: Job[]): Promise<void> {
  const expected = jobs.reduce((n, j) => n + (j.complete ? EVENTS_COMPLETE : EVENTS_REFUNDED), 0);
  const confirmed = new Set<string>();
  await waitFor(
    `${expected} usage events delivered`,
    async () => {
      const ids = await listedEventIds(w);
      for (const id of ids) {
        if (confirmed.has(id) || !w.receiver.acceptedIds.includes(id)) continue;
        const res = await w.node.call("GET", `/events/${id}`);
        const receipts = res.body.data.receipts as { status: string }[];
        if (receipts.length > 0 && receipts.every((r) => r.status === "delivered"))
          confirmed.add(id);
      }
      return ids.length >= expected && confirmed.size === ids.length ? true : undefined;
    },
    DELIVERY_WAIT_MS,
    1_000,
  );
  progress(
    `events: ${confirmed.size} delivered; receiver: ${w.receiver.requests} requests, ` +
      `${w.receiver.failedRequests} failed on purpose, ${w.receiver.duplicates} duplicate deliveries`,
  );
}

/** The ids of every event the node lists, paged (bounded). */
async function listedEventIds(w: World): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await w.node.call("GET", `/events?limit=100${q}`);
    if (res.status !== 200) throw new Error(`events: ${JSON.stringify(res.body)}`);
    for (const e of res.body.data.events as { usageId: string }[]) ids.push(e.usageId);
    cursor = res.body.data.nextCursor as string | null;
    if (!cursor) return ids;
  }
  throw new Error("more than 2,000 events");
}

/**
 * The node's events are those of the lifecycles (each step on both sides, once), every receipt
 * is delivered, and the receiver took each once after deduplication, every signature good.
 */
async function checkEvents(w: World, jobs: Job[]): Promise<void> {
  await withDatabase(w, async (db) => {
    const events = await db
      .select({ id: usageEvents.id, type: usageEvents.type, bi: usageEvents.blockchainIdentifier })
      .from(usageEvents);
    for (const j of jobs) {
      const types = events
        .filter((e) => e.bi === j.blockchainIdentifier)
        .map((e) => e.type)
        .sort();
      const steps = j.complete
        ? ["funds_locked", "result_submitted", "withdrawn"]
        : ["funds_locked", "refunded"];
      const want = steps.flatMap((s) => [`payment.${s}`, `purchase.${s}`]).sort();
      expect.soft(types, `job ${j.index}'s events`).toEqual(want);
    }
    const receipts = await db
      .select({ status: eventDeliveries.status, n: count() })
      .from(eventDeliveries)
      .groupBy(eventDeliveries.status);
    expect
      .soft(receipts, "receipts by status")
      .toEqual([{ status: "delivered", n: events.length }]);
    const accepted = w.receiver.acceptedIds;
    expect
      .soft(new Set(accepted).size, "the receiver's ids after deduplication")
      .toBe(accepted.length);
    expect
      .soft([...accepted].sort(), "ids the receiver took")
      .toEqual(events.map((e) => e.id).sort());
  });
  expect.soft(w.receiver.badSignatures, "requests whose signature did not verify").toBe(0);
}

async function writeSummary(kills: number, durationMs: number): Promise<void> {
  const file = process.env.CHAOS_REPORT;
  if (!file) return;
  const line = { kills, lifecycles: JOBS, ...summary, seed: SEED, db: DB_KIND, durationMs };
  await writeFile(file, `${JSON.stringify(line)}\n`);
}

function report(w: World, kills: Kill[]): void {
  const list = kills.map((k) => `${k.phase}/${k.mode}@${(k.atMs / 1000).toFixed(1)}s`);
  progress(
    `${DB_KIND}: seed ${SEED}, ${kills.length} kills [${list.join(", ")}], ` +
      `${w.staleClaims.size} abandoned claim(s) taken over`,
  );
  // What the node complained of on the way (expected: build retries while a wallet waits).
  const complaints = w.node.logs().match(/^.*(failed|refused|expired|rollback).*$/gm) ?? [];
  const kinds = new Set(
    complaints.map((l) => l.replace(/^\S+ /, "").replace(/[0-9a-f-]{36,}/g, "…")),
  );
  progress(
    `node log: ${complaints.length} complaint line(s): ${[...kinds].slice(0, 12).join(" | ")}`,
  );
}

/** Runs `read` on the node's database; on PGlite only while the node is stopped. */
async function withDatabase<T>(w: World, read: (db: Db) => Promise<T>): Promise<T> {
  if (w.database) return read(w.database.db);
  const database = await openDatabase({ pgliteDir: path.join(w.dataDir, "pg") });
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}

const unfinishedIntents = (db: Db) =>
  db
    .select({
      id: intents.id,
      kind: intents.kind,
      status: intents.status,
      error: intents.lastError,
    })
    .from(intents)
    .where(inArray(intents.status, ["failed", "queued", "in_tx"]));

/**
 * Stops the node (SIGTERM) once it has followed its last transactions into a block: the views
 * can show a final state (the watcher read the chain) a moment before the submitter marks the
 * transaction that made it confirmed. Bounded: at most SETTLE_STARTS_MAX more starts.
 */
async function stopSettled(w: World): Promise<void> {
  for (let start = 0; ; start++) {
    expect(await w.node.stop()).toBe(0);
    const open = await withDatabase(w, unfinishedIntents);
    const waiting = open.filter((i) => i.status !== "failed");
    if (waiting.length === 0 || start === SETTLE_STARTS_MAX) return;
    progress(`${waiting.length} intent(s) not yet seen through; starting the node again`);
    await w.node.start();
    await sleep(SETTLE_PAUSE_MS);
  }
}

/** The node's own records: its intents, escrow events and rows. */
async function checkDatabase(w: World, jobs: Job[]): Promise<void> {
  await withDatabase(w, async (db) => {
    expect.soft(await unfinishedIntents(db), "intents failed or never finished").toEqual([]);
    await checkEscrows(db, jobs);
    const requests = await db
      .select({ job: payments.identifierFromPurchaser, state: payments.state })
      .from(payments);
    expect.soft(requests.length, `payment requests: ${JSON.stringify(requests)}`).toBe(JOBS);
    const [bought] = await db.select({ n: count() }).from(purchases);
    expect.soft(bought!.n, "purchases (a duplicate?)").toBe(JOBS);
    const txs = await db
      .select({ kind: chainTxs.kind, status: chainTxs.status, n: count() })
      .from(chainTxs)
      .groupBy(chainTxs.kind, chainTxs.status);
    progress(`node transactions ${JSON.stringify(txs)}`);
  });
}

/**
 * Each job's escrow was locked exactly once and acted on exactly as planned (one result for a
 * completed job, then its withdrawal; a refund for the others), and its rows point at that lock.
 */
async function checkEscrows(db: Db, jobs: Job[]): Promise<void> {
  const events = await db
    .select()
    .from(escrowEvents)
    .orderBy(escrowEvents.blockHeight, escrowEvents.txIndex);
  const locks = events.filter((e) => e.kind === "lock");
  expect.soft(locks.length, "lock events in all").toBe(JOBS);
  const [pays, buys] = [await db.select().from(payments), await db.select().from(purchases)];
  for (const j of jobs) {
    const mine = events.filter((e) => e.reference === j.escrowReference);
    const history = mine.map((e) => `${e.kind} ${e.state}`);
    const planned = j.complete
      ? ["lock FundsLocked", "move ResultSubmitted", "end Withdrawn"]
      : ["lock FundsLocked", "end RefundWithdrawn"];
    if (history.at(-1) !== planned.at(-1)) summary.lost++;
    summary.doubleSpent += Math.max(0, history.length - planned.length);
    expect.soft(history, `job ${j.index}'s escrow history`).toEqual(planned);
    const escrowId = mine[0]?.escrowId;
    const pay = pays.find((r) => r.blockchainIdentifier === j.blockchainIdentifier);
    const buy = buys.find((r) => r.blockchainIdentifier === j.blockchainIdentifier);
    expect
      .soft([pay?.escrowId, buy?.escrowId], `job ${j.index}'s escrow`)
      .toEqual([escrowId, escrowId]);
  }
}

/**
 * Value: over all unspent outputs, each asset totals its genesis (lovelace less fees and
 * deposits; a minted token its supply); the escrow holds nothing; the buyer paid and the seller
 * received exactly the price of each completed job.
 */
async function checkValue(w: World, jobs: Job[]): Promise<void> {
  const bf = w.devnet.blockfrostUrl;
  const chain = await replayChain(bf);
  const units = new Set([...chain.genesis.keys(), ...chain.unspent.keys()]);
  for (const unit of units) {
    const expected =
      unit === "lovelace"
        ? chain.genesis.get(unit)! - chain.feesLovelace - chain.depositLovelace
        : chain.genesis.has(unit)
          ? chain.genesis.get(unit)!
          : BigInt((await fetchJson<{ quantity: string }>(`${bf}/assets/${unit}`)).quantity);
    expect.soft(chain.unspent.get(unit) ?? 0n, `total ${unit}`).toBe(expected);
    if ((chain.unspent.get(unit) ?? 0n) !== expected) summary.valueConserved = false;
  }
  const paid = PRICE_USDM * BigInt(jobs.filter((j) => j.complete).length);
  const { selling, purchasing } = w.node.wallets();
  const escrowAddress = w.escrowAddress!;
  expect.soft([...chain.at(escrowAddress)], "value left in escrow").toEqual([]);
  expect.soft(chain.at(purchasing).get(TUSDM), "buyer's tUSDM").toBe(BUYER_USDM - paid);
  expect.soft(chain.at(selling).get(TUSDM), "seller's tUSDM").toBe(paid);
  for (const address of [selling, purchasing, escrowAddress])
    expect
      .soft(await heldPerIndex(bf, address), `${address} per the devnet`)
      .toEqual(chain.at(address));
  progress(`replayed ${chain.txCount} transactions of the devnet`);
}

/** What the devnet's address index says an address holds, per unit. */
async function heldPerIndex(blockfrostUrl: string, address: string): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for (let page = 1; page <= 20; page++) {
    const res = await fetch(`${blockfrostUrl}/addresses/${address}/utxos?count=100&page=${page}`);
    if (res.status === 404) return out;
    const utxos = (await res.json()) as { amount: { unit: string; quantity: string }[] }[];
    for (const u of utxos)
      for (const a of u.amount) out.set(a.unit, (out.get(a.unit) ?? 0n) + BigInt(a.quantity));
    if (utxos.length < 100) return out;
  }
  throw new Error(`${address}: more than 2,000 unspent outputs`);
}
