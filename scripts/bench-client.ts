/**
 * The lifecycle benchmark's buyers: payment requests asked for and bought over HTTP, in a
 * process of their own. The buyers of a real node are other processes: on the node's thread
 * their HTTP client's work (building, sending and parsing requests) held up its event loop, and
 * on another thread of the node's process its memory (a JavaScript heap, the TypeScript loader,
 * the HTTP client's buffers) was counted in the node's resident set. A child process shares the
 * machine's cores and nothing else.
 *
 * With `purchaseRate` the requests come open-loop at that rate (one pair every 1/rate seconds,
 * whether earlier ones have been answered or not, at most `concurrency` in flight): the latency
 * of a node under a given load. Without it, `concurrency` pairs are always in flight: the most
 * the node takes in.
 */
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { purchaseBody } from "../test/support/job-bodies.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface ClientWork {
  apiUrl: string;
  adminKey: string;
  agentIdentifier: string;
  jobs: { identifierFromPurchaser: string; inputHash: string }[];
  concurrency: number;
  /** Pairs started per second, or null to keep `concurrency` in flight. */
  purchaseRate: number | null;
  /** The devnet's time minus this machine's: payment times are chain times. */
  chainOffsetMs: number;
}

export interface Paid {
  ids: string[];
  /** The latest unlockTime of them all. */
  unlockTimeMsMax: number;
  /** Each pair's times: `paymentMs[i]`, `purchaseMs[i]` and `sentAtMs[i]` are one pair's. */
  paymentMs: number[];
  purchaseMs: number[];
  /** When the pair's payment request was sent, from the first request sent. */
  sentAtMs: number[];
  /** From the first request sent to the last answer. */
  wallMs: number;
  /** The client process's CPU time (user and system) over `wallMs`: taken from the node's cores. */
  cpuMs: number;
}

/** Runs `work` in a child process; resolves with its figures. */
export function payAllInProcess(work: ClientWork): Promise<Paid> {
  const child = fork(new URL("./bench-client-entry.mjs", import.meta.url), {
    // Plain Node: the entry registers tsx itself; the parent's flags (a CPU profile) stay here.
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.send(work);
  return new Promise<Paid>((resolve, reject) => {
    child.once("message", (m: { paid?: Paid; error?: string }) => {
      child.disconnect();
      if (m.paid) resolve(m.paid);
      else reject(new Error(m.error));
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the client process ended (exit code ${code})`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type View = Record<string, unknown>;

/** The data of a 200 answer, else an error naming the request. */
function dataOf(what: string, status: number, body: { data?: View }): View {
  if (status !== 200 || body.data === undefined) {
    throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  }
  return body.data;
}

/**
 * POSTs `body` as JSON on one of `agent`'s kept-alive connections; the answer's status and
 * parsed body. node:http rather than fetch: the client shares the machine's two cores with the
 * node, and with fetch the client took 1.07-1.10 s of CPU for 200 pairs at 50 a second, with
 * this 0.44-0.48 s (`clientCpuMs`): time taken from the node it measures.
 */
function postJson(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const bytes = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": bytes.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString()),
            });
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on("error", reject);
    req.end(bytes);
  });
}

/** Asks for a payment request for every job and buys each at once, timing both requests. */
export async function payAll(work: ClientWork): Promise<Paid> {
  const agent = new Agent({ keepAlive: true, maxSockets: work.concurrency });
  const call = async (route: string, body: unknown) => {
    const res = await postJson(
      agent,
      new URL(`${work.apiUrl}${route}`),
      { token: work.adminKey },
      body,
    );
    return dataOf(`POST ${route}`, res.status, res.body as { data?: View });
  };
  const paid: Paid = {
    ids: [],
    unlockTimeMsMax: 0,
    paymentMs: [],
    purchaseMs: [],
    sentAtMs: [],
    wallMs: 0,
    cpuMs: 0,
  };
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  const intervalMs = work.purchaseRate === null ? 0 : 1000 / work.purchaseRate;
  let next = 0;
  const buyer = async () => {
    while (next < work.jobs.length) {
      const i = next++;
      const dueMs = startedAt + i * intervalMs - performance.now();
      if (dueMs > 0) await sleep(dueMs);
      const submitResultTime = Date.now() + work.chainOffsetMs + HOUR_MS;
      const paymentSentMs = performance.now();
      const payment = await call("/payment", {
        network: "Preprod",
        agentIdentifier: work.agentIdentifier,
        ...work.jobs[i],
        payByTime: String(submitResultTime - 10 * MINUTE_MS),
        submitResultTime: String(submitResultTime),
      });
      const purchaseSentMs = performance.now();
      await call("/purchase", purchaseBody(payment));
      paid.purchaseMs.push(performance.now() - purchaseSentMs);
      paid.paymentMs.push(purchaseSentMs - paymentSentMs);
      paid.sentAtMs.push(paymentSentMs - startedAt);
      paid.ids.push(String(payment.blockchainIdentifier));
      paid.unlockTimeMsMax = Math.max(paid.unlockTimeMsMax, Number(payment.unlockTime));
    }
  };
  const buyers = Math.min(work.concurrency, work.jobs.length);
  try {
    await Promise.all(Array.from({ length: buyers }, buyer));
  } finally {
    agent.destroy();
  }
  paid.wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuAtStart);
  paid.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  return paid;
}
