/**
 * `npm run -s bench:scaleout -- [--payments N] [--concurrency C] [--processes 1,2,3] [--json]`:
 * the same lifecycles (payment request, purchase, result, the scheduler's withdrawal) run by 1,
 * 2 and 3 node processes on one PostgreSQL database and one standalone devnet (issue 17), each
 * on a fresh database. Requests are spread over the processes' APIs. Per run it reports intake
 * (purchases answered per second), settlement (payments withdrawn per second, first request to
 * last withdrawal), the CPU seconds each process used (its own `process_cpu_seconds_total`),
 * payments per CPU-second, and how many transactions each process built (the submitter's share).
 * On a 2-core machine more processes cannot add cores, so the figure that matters is efficiency:
 * payments per CPU-second with 3 processes against 1. Needs DATABASE_URL (a PostgreSQL server).
 * With --json, exactly one line of JSON; progress goes to stderr.
 */
import { parseArgs } from "node:util";
import {
  moveTimeTo,
  openJobs,
  registerAgent,
  submitResults,
  waitStates,
  type JobRun,
} from "../test/support/cluster-jobs.ts";
import { counterTotal, metricsText, openCluster, type Cluster } from "../test/support/cluster.ts";

const { values } = parseArgs({
  options: {
    payments: { type: "string", default: "150" },
    concurrency: { type: "string", default: "12" },
    processes: { type: "string", default: "1,2,3" },
    json: { type: "boolean", default: false },
  },
});
const payments = Number(values.payments);
const concurrency = Number(values.concurrency);
const counts = values.processes.split(",").map(Number);
if (!Number.isSafeInteger(payments) || payments < 1 || payments > 5_000)
  throw new Error("--payments: an integer from 1 to 5000");
if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 200)
  throw new Error("--concurrency: an integer from 1 to 200");
if (counts.some((n) => !Number.isSafeInteger(n) || n < 1 || n > 8))
  throw new Error("--processes: a comma-separated list of integers from 1 to 8");
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL: a PostgreSQL server is needed");

const PRICE_USDM = 1_000_000n;
const MINUTE_MS = 60_000;
const progress = (line: string) => process.stderr.write(`bench-scaleout: ${line}\n`);

interface ProcessSample {
  cpuSeconds: number;
  txsBuilt: number;
}

/** One process's CPU seconds and transactions built so far, from its /metrics. */
async function sample(c: Cluster, i: number): Promise<ProcessSample> {
  const text = await metricsText(c.nodes[i]!, c.adminKey);
  if (text === undefined) throw new Error(`process ${i} gave no metrics`);
  const cpu = /^escrowd_process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  return {
    cpuSeconds: Number(cpu ?? NaN),
    txsBuilt: counterTotal(text, "escrowd_transactions_total", 'event="built"'),
  };
}

async function runWith(processes: number) {
  const seed = 1_000 + processes;
  const run: JobRun = {
    seed,
    priceUsdm: PRICE_USDM,
    jobs: payments,
    drivers: concurrency,
    phaseWaitMs: 15 * MINUTE_MS,
    progress,
  };
  const c = await openCluster({
    processes,
    blockIntervalMs: 300,
    purchasingWallets: 3,
    buyerUsdm: PRICE_USDM * BigInt(payments),
    seed,
  });
  try {
    const agentIdentifier = await registerAgent(c, run);
    const before = await Promise.all(c.nodes.map((_, i) => sample(c, i)));
    const startedMs = Date.now();
    const { jobs, times } = await openJobs(c, run, agentIdentifier);
    const intakeMs = Date.now() - startedMs;
    await waitStates(c, run, "FundsLocked", "FundsLocked");
    await submitResults(c, run, jobs);
    await waitStates(c, run, "ResultSubmitted", "ResultSubmitted");
    await moveTimeTo(c, times.unlockTimeMs + 11 * MINUTE_MS);
    await waitStates(c, run, "Withdrawn", "Withdrawn");
    const settledMs = Date.now() - startedMs;
    const after = await Promise.all(c.nodes.map((_, i) => sample(c, i)));
    const cpuSeconds = after.map((a, i) => round(a.cpuSeconds - before[i]!.cpuSeconds, 2));
    const total = cpuSeconds.reduce((a, b) => a + b, 0);
    const result = {
      processes,
      intakePerSecond: round(payments / (intakeMs / 1000), 1),
      settledPerSecond: round(payments / (settledMs / 1000), 2),
      settledMs,
      cpuSecondsByProcess: cpuSeconds,
      cpuSeconds: round(total, 2),
      paymentsPerCpuSecond: round(payments / total, 2),
      txsBuiltByProcess: after.map((a, i) => a.txsBuilt - before[i]!.txsBuilt),
    };
    progress(JSON.stringify(result));
    return result;
  } finally {
    await c.close();
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const runs = [];
for (const n of counts) runs.push(await runWith(n));
const one = runs.find((r) => r.processes === 1);
const three = runs.find((r) => r.processes === 3);
const report = {
  payments,
  concurrency,
  runs,
  // Payments per CPU-second with three processes over one: the cost of coordination.
  efficiency3vs1:
    one && three ? round(three.paymentsPerCpuSecond / one.paymentsPerCpuSecond, 3) : null,
};
if (values.json) console.log(JSON.stringify(report));
else console.log(JSON.stringify(report, null, 2));
