/**
 * The jobs a cluster of processes runs (test/scale-out.test.ts, scripts/bench-scaleout.ts): an
 * agent registered through one process, each job's payment request at one process, its purchase
 * at the next and its result at the third, and waits on the shared database's states.
 */
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { paymentKeyHash } from "../../contracts/index.ts";
import { payments, purchases } from "../../src/db/schema.ts";
import { agentBody, TUSDM } from "../registry-fixtures.ts";
import { fetchJson, sleep } from "./chaos.ts";
import type { Cluster } from "./cluster.ts";
import { purchaseBody } from "./lifecycle-world.ts";
import { waitFor } from "./process.ts";

export interface JobRun {
  /** Names the idempotency keys and the jobs' identifiers. */
  seed: number;
  priceUsdm: bigint;
  jobs: number;
  /** Requests in flight at once, spread over the processes. */
  drivers: number;
  /** How long all rows may take to reach a state. */
  phaseWaitMs: number;
  progress: (line: string) => void;
}

const MINUTE_MS = 60_000;

export interface Job {
  index: number;
  blockchainIdentifier: string;
  escrowReference: string;
}

export async function registerAgent(c: Cluster, run: JobRun): Promise<string> {
  const node = c.apiNodes[0]!;
  const pricing = {
    pricingType: "Fixed",
    Pricing: [{ unit: TUSDM, amount: String(run.priceUsdm) }],
  };
  const body = agentBody(paymentKeyHash(c.wallets.selling), "Scale-out", pricing);
  const res = await node.call("POST", "/registry", body, `scale-${run.seed}-register`);
  if (res.status !== 200) throw new Error(`registry: ${JSON.stringify(res.body)}`);
  const id = res.body.data.id as string;
  return waitFor(
    "the agent's registration to be confirmed and indexed",
    async () => {
      const list = await c.apiNodes[1 % c.apiNodes.length]!.call("GET", "/registry?limit=100");
      const e = list.body.data.Assets.find((a: { id: string }) => a.id === id);
      if (e?.state === "RegistrationFailed") throw new Error(`registration failed: ${e.error}`);
      if (e?.state !== "RegistrationConfirmed") return undefined;
      const indexed = await c.apiNodes[2 % c.apiNodes.length]!.call(
        "GET",
        "/registry-entry?limit=100",
      );
      const entries = indexed.body.data.RegistryEntries as { agentIdentifier: string }[];
      return entries.some((x) => x.agentIdentifier === e.agentIdentifier)
        ? (e.agentIdentifier as string)
        : undefined;
    },
    120_000,
    500,
  );
}

/** Opens every job: the payment request at one process, the purchase at the next. */
export async function openJobs(c: Cluster, run: JobRun, agentIdentifier: string) {
  const info = await fetchJson<{ timeMs: number }>(`${c.devnet.devnetUrl}/info`);
  // Room for a minute of chain time per abandoned claim (kills during intake) before payByTime.
  const submitResultTimeMs = info.timeMs + 6 * 60 * MINUTE_MS;
  const times = {
    payByTimeMs: submitResultTimeMs - 15 * MINUTE_MS,
    submitResultTimeMs,
    unlockTimeMs: submitResultTimeMs + 20 * MINUTE_MS,
    externalDisputeUnlockTimeMs: submitResultTimeMs + 40 * MINUTE_MS,
  };
  const jobs: Job[] = [];
  const queue = Array.from({ length: run.jobs }, (_, i) => i);
  const driver = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift())
      jobs.push(await openJob(c, run, agentIdentifier, times, i));
  };
  await Promise.all(Array.from({ length: run.drivers }, driver));
  return { jobs: jobs.sort((a, b) => a.index - b.index), times };
}

async function openJob(
  c: Cluster,
  run: JobRun,
  agentIdentifier: string,
  times: Record<string, number>,
  index: number,
): Promise<Job> {
  const seller = c.apiNodes[index % c.apiNodes.length]!;
  const buyer = c.apiNodes[(index + 1) % c.apiNodes.length]!;
  const created = await seller.call(
    "POST",
    "/payment",
    {
      network: "Preprod",
      agentIdentifier,
      identifierFromPurchaser:
        run.seed.toString(16).padStart(8, "0") + index.toString(16).padStart(8, "0"),
      inputHash: createHash("sha256").update(`scale ${run.seed} job ${index}`).digest("hex"),
      payByTime: String(times.payByTimeMs),
      submitResultTime: String(times.submitResultTimeMs),
      unlockTime: String(times.unlockTimeMs),
      externalDisputeUnlockTime: String(times.externalDisputeUnlockTimeMs),
    },
    `scale-${run.seed}-payment-${index}`,
  );
  if (created.status !== 200) throw new Error(`payment ${index}: ${JSON.stringify(created.body)}`);
  const p = created.body.data;
  const bought = await buyer.call(
    "POST",
    "/purchase",
    purchaseBody(p),
    `scale-${run.seed}-buy-${index}`,
  );
  if (bought.status !== 200) throw new Error(`purchase ${index}: ${JSON.stringify(bought.body)}`);
  return {
    index,
    blockchainIdentifier: p.blockchainIdentifier,
    escrowReference: p.escrowReference,
  };
}

export async function submitResults(c: Cluster, run: JobRun, jobs: Job[]): Promise<void> {
  const queue = [...jobs];
  const driver = async () => {
    for (let j = queue.shift(); j !== undefined; j = queue.shift()) {
      const res = await c.apiNodes[(j.index + 2) % c.apiNodes.length]!.call(
        "POST",
        "/payment/submit-result",
        {
          network: "Preprod",
          blockchainIdentifier: j.blockchainIdentifier,
          submitResultHash: createHash("sha256")
            .update(`result ${run.seed} ${j.index}`)
            .digest("hex"),
        },
        `scale-${run.seed}-result-${j.index}`,
      );
      if (res.status !== 200)
        throw new Error(`submit-result ${j.index}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  await Promise.all(Array.from({ length: run.drivers }, driver));
}

export async function moveTimeTo(c: Cluster, ms: number): Promise<void> {
  const info = await fetchJson<{ timeMs: number }>(`${c.devnet.devnetUrl}/info`);
  if (info.timeMs < ms) await c.devnet.post("/time", { toTimeMs: ms });
  await c.devnet.post("/blocks");
}

/** Waits until every payment and purchase row is in the given state (read from the database). */
export async function waitStates(
  c: Cluster,
  run: JobRun,
  payment: string,
  purchase: string,
): Promise<void> {
  const db = c.database!.db;
  const counts = async () => {
    const [p] = await db.select({ n: count() }).from(payments).where(eq(payments.state, payment));
    const [b] = await db
      .select({ n: count() })
      .from(purchases)
      .where(eq(purchases.state, purchase));
    return [p!.n, b!.n];
  };
  let last = [0, 0];
  const deadlineMs = Date.now() + run.phaseWaitMs;
  while (Date.now() < deadlineMs) {
    last = await counts();
    if (last[0] === run.jobs && last[1] === run.jobs) {
      run.progress(`all ${run.jobs} payments ${payment}, purchases ${purchase}`);
      return;
    }
    await sleep(500);
  }
  const byState = await db
    .select({ state: payments.state, n: count() })
    .from(payments)
    .groupBy(payments.state);
  throw new Error(
    `states not reached in ${run.phaseWaitMs} ms: ${last} of ${run.jobs}; payments ${JSON.stringify(byState)}\n` +
      c.nodes.map((n, i) => `--- process ${i}\n${n.logs().slice(-3_000)}`).join("\n"),
  );
}
