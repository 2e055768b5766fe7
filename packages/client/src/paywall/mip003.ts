/**
 * A seller's agent as a paid MIP-003 endpoint: `/start_job`, `/status`, `/availability` and
 * `/input_schema` in front of the agent's handler. `/start_job` asks the seller's node for a
 * payment request bound to the input (MIP-004 input hash) and answers its terms; a loop asks the
 * node where each waiting job's escrow stands and runs the handler only once the buyer's lock is
 * on chain (FundsLocked); then the result's hash (and a metered job's usage) is submitted, and
 * the node collects the payment when the dispute window closes.
 *
 * Jobs are kept in memory, at most `jobsMax` (finished ones are forgotten first): a restart
 * forgets them, but not the escrows, which live on chain and in the node; a buyer whose job was
 * lost gets its refund the usual way.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { EscrowdError } from "../client.ts";
import { inputHash, isIdentifierFromPurchaser, resultHash } from "../mip004.ts";
import { type AgentHandler, jobOutput } from "./job.ts";
import {
  lockedAndUnused,
  paymentOf,
  requestPayment,
  type SellerOptions,
  sellerOf,
  submitResult,
  termsOf,
} from "./seller.ts";

export interface PaywallOptions<Input = unknown> extends SellerOptions {
  /** The agent's work: the job's input in, its result out. */
  handler: AgentHandler<Input>;
  /** MIP-003's `/input_schema` answer (default: one free-text field named `text`). */
  inputSchema?: { input_data: unknown[] };
  /** Refuses an input before any payment request: a message names what is wrong. */
  checkInput?: (input: unknown) => string | undefined;
  /** How often waiting jobs are looked up at the node (default 1 s). */
  pollMs?: number;
  /** Jobs kept at once (default 10,000). */
  jobsMax?: number;
  /** Handlers running at once (default 4). */
  concurrency?: number;
  /** The largest `/start_job` body (default 1 MiB). */
  bodyBytesMax?: number;
}

type Status = "awaiting_payment" | "running" | "completed" | "failed";

interface Job {
  id: string;
  blockchainIdentifier: string;
  identifierFromPurchaser: string;
  input: unknown;
  status: Status;
  result?: string;
  message?: string;
}

export type Paywall = Hono & {
  /** Stops the loop (jobs in flight finish on their own). */
  close(): void;
};

const LOOKUPS_PER_TICK_MAX = 100;
const DEFAULT_SCHEMA = { input_data: [{ id: "text", type: "string", name: "Text" }] };
const UNPAID_ENDINGS = new Set(["Expired", "FundsOrDatumInvalid", "RefundWithdrawn"]);

export function paywall<Input = unknown>(options: PaywallOptions<Input>): Paywall {
  const seller = sellerOf(options);
  const jobsMax = options.jobsMax ?? 10_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const jobs = new Map<string, Job>();
  let running = 0;
  let closed = false;

  const app = new Hono();
  app.get("/availability", (c) =>
    c.json({ status: "available", type: "masumi-agent", message: "ready for jobs" }),
  );
  app.get("/input_schema", (c) => c.json(options.inputSchema ?? DEFAULT_SCHEMA));
  app.get("/status", (c) => {
    const id = c.req.query("job_id");
    if (id === undefined || id === "") return c.json({ error: "job_id is required" }, 400);
    const job = jobs.get(id);
    if (job === undefined) return c.json({ error: "no such job (job_id)" }, 404);
    const { status, result, message } = job;
    return c.json({ id: job.id, job_id: job.id, status, result, message });
  });
  app.post(
    "/start_job",
    bodyLimit({
      maxSize: options.bodyBytesMax ?? 1 << 20,
      onError: (c) => c.json({ error: "the body is too large" }, 413),
    }),
    async (c) => {
      const body = (await c.req.json().catch(() => undefined)) as
        { identifier_from_purchaser?: unknown; input_data?: unknown } | undefined;
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return c.json({ error: "the body must be a JSON object" }, 400);
      }
      const identifier = body.identifier_from_purchaser;
      if (!isIdentifierFromPurchaser(identifier)) {
        return c.json({ error: "identifier_from_purchaser must be 14 to 26 hex characters" }, 400);
      }
      if (body.input_data === undefined) return c.json({ error: "input_data is required" }, 400);
      const refused = options.checkInput?.(body.input_data);
      if (refused !== undefined) return c.json({ error: `input_data: ${refused}` }, 400);
      if (unfinished() >= jobsMax) return c.json({ error: "too many jobs; try later" }, 503);
      let hash: string;
      try {
        hash = await inputHash(identifier, body.input_data);
      } catch (e) {
        return c.json({ error: `input_data: ${(e as Error).message}` }, 400);
      }
      let payment;
      try {
        payment = await requestPayment(seller, identifier, hash);
      } catch (e) {
        if (e instanceof EscrowdError && e.status === 400) return c.json({ error: e.message }, 400);
        return c.json({ error: "the seller's payment node did not take the job" }, 502);
      }
      const job: Job = {
        id: globalThis.crypto.randomUUID(),
        blockchainIdentifier: payment.blockchainIdentifier,
        identifierFromPurchaser: identifier,
        input: body.input_data,
        status: "awaiting_payment",
      };
      remember(job);
      const terms = termsOf(payment, seller.priceSheet);
      return c.json({
        id: job.id,
        job_id: job.id,
        status: "success",
        blockchainIdentifier: terms.blockchainIdentifier,
        payByTime: terms.payByTime,
        submitResultTime: terms.submitResultTime,
        unlockTime: terms.unlockTime,
        externalDisputeUnlockTime: terms.externalDisputeUnlockTime,
        agentIdentifier: terms.agentIdentifier,
        sellerVKey: terms.sellerVkey,
        identifierFromPurchaser: identifier,
        input_hash: hash,
        ...(terms.priceSheet === undefined ? {} : { priceSheet: terms.priceSheet }),
      });
    },
  );

  function unfinished(): number {
    let n = 0;
    for (const job of jobs.values())
      if (job.status === "awaiting_payment" || job.status === "running") n += 1;
    return n;
  }

  /** Keeps the job, forgetting the oldest finished one when full. */
  function remember(job: Job): void {
    if (jobs.size >= jobsMax) {
      for (const [id, old] of jobs) {
        if (old.status === "completed" || old.status === "failed") {
          jobs.delete(id);
          break;
        }
      }
    }
    jobs.set(job.id, job);
  }

  async function run(job: Job): Promise<void> {
    running += 1;
    job.status = "running";
    try {
      const output = jobOutput(
        await options.handler(job.input as Input, {
          jobId: job.id,
          blockchainIdentifier: job.blockchainIdentifier,
          identifierFromPurchaser: job.identifierFromPurchaser,
        }),
      );
      const hash = await resultHash(job.identifierFromPurchaser, output.text);
      await submitResult(seller, job.blockchainIdentifier, hash, output.usage);
      job.result = output.text;
      job.status = "completed";
    } catch (e) {
      job.status = "failed";
      job.message =
        e instanceof EscrowdError ? `the result was not taken: ${e.message}` : "the job failed";
    } finally {
      running -= 1;
    }
  }

  /** One look at the waiting jobs; a job whose escrow is locked is started. */
  async function tick(): Promise<void> {
    let looked = 0;
    for (const job of jobs.values()) {
      if (job.status !== "awaiting_payment") continue;
      if (looked >= LOOKUPS_PER_TICK_MAX || running >= concurrency) break;
      looked += 1;
      const payment = await paymentOf(seller, job.blockchainIdentifier).catch(() => undefined);
      if (payment === undefined) continue;
      if (lockedAndUnused(payment)) void run(job);
      else if (UNPAID_ENDINGS.has(payment.state)) {
        job.status = "failed";
        job.message = `not paid: the escrow is ${payment.state}`;
      }
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = async () => {
    await tick().catch(() => undefined);
    if (!closed) timer = setTimeout(loop, options.pollMs ?? 1000);
    // The loop never keeps a process alive on its own; the agent's server does.
    (timer as { unref?: () => void } | undefined)?.unref?.();
  };
  timer = setTimeout(loop, 0);
  (timer as { unref?: () => void }).unref?.();

  return Object.assign(app, {
    close() {
      closed = true;
      clearTimeout(timer);
    },
  });
}
