/**
 * A Blockfrost that throttles, fails and answers slowly delays the node's work but never loses
 * it: the chain port retries within its bound, a worker tick that still fails runs again later,
 * and no payment or transaction is given up on. The API's own chain reads may give up with a
 * 503 that stores nothing; the client retries with the same Idempotency-Key and gets one
 * purchase.
 */
import { createHash, randomUUID } from "node:crypto";
import { count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetSharedUtxoReads } from "../src/chain/shared-utxo-reads.ts";
import { chainTxs, escrowEvents, intents, purchases } from "../src/db/schema.ts";
import type { FaultConfig } from "../src/devnet/index.ts";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  devnetOf,
  HOUR_MS,
  jobInput,
  MINUTE_MS,
  openNode,
  PRICE,
  purchaseBody,
  registerAgent,
  SETTLE_MS,
  TUSDM,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { waitFor } from "./support/process.ts";

/** Three requests in ten fail, each slowed down; the seed fixes the sequence of faults. */
const FAULTS: FaultConfig = { rate429: 0.15, rate500: 0.15, latencyMs: 25, seed: 20_240_601 };
const NO_FAULTS: FaultConfig = { rate429: 0, rate500: 0, latencyMs: 0, seed: null };
const JOBS = 4;
/** How often the test's client tries a request that answers 503 before it gives up. */
const CLIENT_ATTEMPTS_MAX = 8;
const TEST_TIMEOUT_MS = 120_000;

let t: TestNode | undefined;
let agent: string;

beforeAll(async () => {
  t = await openNode();
  agent = await registerAgent(t);
});

afterAll(async () => {
  if (t?.node.parts) await devnetOf(t).faults.set(NO_FAULTS);
  await closeNodes(t);
});

const node = () => t!.node.parts!;

interface Answer {
  status: number;
  body: any;
  replayed: boolean;
}

/** One POST with an Idempotency-Key, as the admin. */
async function send(route: string, body: unknown, idempotencyKey: string): Promise<Answer> {
  const res = await fetch(`${t!.node.apiUrl}${route}`, {
    method: "POST",
    headers: {
      token: node().keys.adminKey,
      "content-type": "application/json",
      "idempotency-key": idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  const replayed = res.headers.get("idempotent-replayed") === "true";
  return { status: res.status, body: await res.json(), replayed };
}

/** POSTs as a client does: after a 503 it waits and sends the same request again, with its key. */
async function post(route: string, body: unknown, idempotencyKey: string): Promise<Answer> {
  for (let attempt = 1; attempt <= CLIENT_ATTEMPTS_MAX; attempt++) {
    const answer = await send(route, body, idempotencyKey);
    if (answer.status !== 503) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
  throw new Error(`POST ${route}: still 503 after ${CLIENT_ATTEMPTS_MAX} attempts`);
}

/** The seller's payment request for a new job, answered one hour from now. */
function paymentBody() {
  const submitResultTime = node().nowMs() + HOUR_MS;
  return {
    network: "Preprod",
    agentIdentifier: agent,
    ...jobInput(),
    payByTime: String(submitResultTime - 10 * MINUTE_MS),
    submitResultTime: String(submitResultTime),
  };
}

/** The seller's result for job `id` (a fixed hash per job, so a retry sends the same body). */
function resultBody(id: string) {
  const submitResultHash = createHash("sha256").update(id).digest("hex");
  return { network: "Preprod", blockchainIdentifier: id, submitResultHash };
}

/** How many rows of `table` match `where`. */
async function rowsOf(table: PgTable, where: SQL): Promise<number> {
  const [row] = await node().database.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}

/** Waits until the submitter has put the purchase's lock in a transaction. */
function lockBuilt(purchaseId: string) {
  return waitFor(
    "the lock to be built",
    async () => {
      const [intent] = await node()
        .database.db.select({ status: intents.status })
        .from(intents)
        .where(eq(intents.subjectId, purchaseId));
      return intent?.status === "queued" ? undefined : true;
    },
    SETTLE_MS,
    100,
  );
}

/** The tUSDM the node's purchasing wallet holds on chain (read with the faults off). */
async function buyerUsdm(): Promise<bigint> {
  const buyer = node().wallets.find((w) => w.role === "purchasing")!;
  const utxos = await node().chain.utxos(buyer.address);
  return utxos.reduce((sum, u) => sum + (u.value.assets[TUSDM] ?? 0n), 0n);
}

describe(`the lifecycle with a faulty Blockfrost on ${DB_KIND}`, () => {
  it(
    "locks and submits every job through 429s, 500s and latency, failing none, buying each once",
    async () => {
      const usdmBefore = await buyerUsdm();
      const retriesBefore = node().chain.stats().retriesTotal;
      await devnetOf(t!).faults.set(FAULTS);

      const jobs: { id: string; purchaseId: string; key: string; body: unknown }[] = [];
      for (let i = 0; i < JOBS; i++) {
        const payment = await post("/payment", paymentBody(), randomUUID());
        expect(payment.status).toBe(200);
        const id = payment.body.data.blockchainIdentifier as string;
        const body = purchaseBody(payment.body.data);
        const key = randomUUID();
        if (i === 0) {
          // An outage outlasting the port's retries: the route gives up, and writes nothing. The
          // node's shared answer of its wallet is put aside (as one older than STALE_MAX_MS is),
          // so that the purchase reads the chain.
          forgetSharedUtxoReads(node().chain);
          await devnetOf(t!).faults.set({ ...NO_FAULTS, rate429: 1 });
          expect((await send("/purchase", body, key)).status).toBe(503);
          expect(await rowsOf(purchases, eq(purchases.blockchainIdentifier, id))).toBe(0);
          await devnetOf(t!).faults.set(FAULTS);
        }
        const bought = await post("/purchase", body, key);
        expect(bought.status, JSON.stringify(bought.body)).toBe(200);
        jobs.push({ id, purchaseId: bought.body.data.id, key, body });
        // One lock transaction per job, so that more of them go through the faulty submit.
        await lockBuilt(bought.body.data.id);
      }
      for (const { id } of jobs) {
        await waitState(t!, "purchase", id, "FundsLocked");
        await waitState(t!, "payment", id, "FundsLocked");
        const submitted = await post("/payment/submit-result", resultBody(id), randomUUID());
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      }
      for (const { id } of jobs) {
        await waitState(t!, "purchase", id, "ResultSubmitted");
        const payment = await waitState(t!, "payment", id, "ResultSubmitted");
        expect(payment.resultHash).toBe(resultBody(id).submitResultHash);
      }
      // A client that never saw the answer tries once more: it gets the same purchase back.
      for (const job of jobs) {
        const again = await post("/purchase", job.body, job.key);
        expect(again).toMatchObject({ status: 200, replayed: true });
        expect(again.body.data.id).toBe(job.purchaseId);
      }
      await devnetOf(t!).faults.set(NO_FAULTS);

      expect(node().chain.stats().retriesTotal).toBeGreaterThan(retriesBefore);
      expect(await rowsOf(intents, eq(intents.status, "failed"))).toBe(0);
      expect(await rowsOf(chainTxs, eq(chainTxs.status, "refused"))).toBe(0);
      for (const job of jobs) {
        const [row] = await node()
          .database.db.select()
          .from(purchases)
          .where(eq(purchases.blockchainIdentifier, job.id));
        expect(row!.id).toBe(job.purchaseId);
        expect(await rowsOf(intents, eq(intents.subjectId, job.purchaseId))).toBe(1);
        // One lock and one move: nothing read twice.
        const events = eq(escrowEvents.reference, row!.escrowReference);
        expect(await rowsOf(escrowEvents, events)).toBe(2);
      }
      expect(await rowsOf(purchases, eq(purchases.network, "preprod"))).toBe(JOBS);
      expect(await buyerUsdm()).toBe(usdmBefore - BigInt(JOBS) * BigInt(PRICE));
    },
    TEST_TIMEOUT_MS,
  );
});
