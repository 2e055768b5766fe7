/**
 * Rollbacks under a whole node, with no manual step: the escrow watcher finds the fork itself,
 * forgets what it read above it and reopens the node's own transactions there, so the submitter
 * sends the same bytes again; both sides' states follow the chain down and back up, each escrow
 * is seen once and the buyer pays once. The test makes every block itself, so each step is
 * observed in a known chain state rather than raced against a block timer.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainTxs, escrowEvents, intents } from "../src/db/schema.ts";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  devnetOf,
  openNode,
  payJob,
  PRICE,
  registerAgent,
  SETTLE_MS,
  TUSDM,
  viewOf,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { waitFor } from "./support/process.ts";
import { bothSides, eventsFor } from "./support/usage-events.ts";

/** A whole scenario: several waits bounded by SETTLE_MS each, seconds in all when things work. */
const TEST_TIMEOUT_MS = 90_000;

let t: TestNode;
let agent: string;

beforeAll(async () => {
  // The node's first start waits for its faucet payments, so it needs the block timer.
  t = await openNode();
  agent = await registerAgent(t);
  // From here on the timers never fire: every block is made by the test (no idle blocks either,
  // which would change the heights the test rolls back to).
  t.env.DEVNET_BLOCK_INTERVAL_MS = "600000";
  t.env.DEVNET_EMPTY_BLOCK_INTERVAL_MS = "0";
  await t.restart();
});

afterAll(() => closeNodes(t));

const ledger = () => devnetOf(t).ledger;
const db = () => t.node.parts!.database.db;

/** Waits for `check`, first making a block of whatever the mempool holds on each round. */
function mineUntil<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const mineThenCheck = async () => {
    if ((await ledger().mempoolSize()) > 0) await ledger().produceBlock();
    return check();
  };
  return waitFor(what, mineThenCheck, SETTLE_MS, 200);
}

/** True once the seller's payment and the buyer's purchase of `id` are both in `state`. */
async function bothIn(id: string, state: string): Promise<true | undefined> {
  const [payment, purchase] = await Promise.all([
    viewOf(t, "payment", id),
    viewOf(t, "purchase", id),
  ]);
  return payment.state === state && purchase.state === state ? true : undefined;
}

type OwnTxKind = "escrow_lock" | "escrow_action";

/** The node's transaction now carrying the subject's intent of `kind` (it has one). */
async function ownTxOf(subjectId: string, kind: OwnTxKind) {
  const rows = await db()
    .select({
      txHash: chainTxs.txHash,
      status: chainTxs.status,
      blockHeight: chainTxs.blockHeight,
      submitAttempts: chainTxs.submitAttempts,
    })
    .from(intents)
    .innerJoin(chainTxs, eq(chainTxs.txHash, intents.txHash))
    .where(and(eq(intents.subjectId, subjectId), eq(intents.kind, kind)));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Waits until the node has seen that transaction confirmed in a block. */
function confirmedTx(subjectId: string, kind: OwnTxKind = "escrow_lock") {
  return waitFor(
    `the node to see its ${kind} confirmed`,
    async () => {
      const tx = await ownTxOf(subjectId, kind);
      return tx.status === "confirmed" ? tx : undefined;
    },
    SETTLE_MS,
    200,
  );
}

/** The escrows the seller's payment and the buyer's purchase of `id` point at. */
async function escrowIdsOf(id: string): Promise<(string | null)[]> {
  const [payment, purchase] = await Promise.all([
    viewOf(t, "payment", id),
    viewOf(t, "purchase", id),
  ]);
  return [payment.escrowId, purchase.escrowId];
}

/** How many transactions of `kind` the node has built, in all. */
async function txsBuilt(kind: OwnTxKind): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(chainTxs)
    .where(eq(chainTxs.kind, kind));
  return row!.n;
}

/** The kinds of the watcher's rows for the escrow reference, in chain order. */
async function eventKinds(reference: string): Promise<string[]> {
  const rows = await db()
    .select({ kind: escrowEvents.kind })
    .from(escrowEvents)
    .where(eq(escrowEvents.reference, reference))
    .orderBy(escrowEvents.blockHeight, escrowEvents.txIndex);
  return rows.map((r) => r.kind);
}

/** The tUSDM the address holds in the chain's confirmed state. */
async function usdmOf(address: string): Promise<bigint> {
  const utxos = await t.node.parts!.chain.utxos(address);
  return utxos.reduce((sum, u) => sum + (u.value.assets[TUSDM] ?? 0n), 0n);
}

/** The address of the node's one purchasing wallet, which makes every lock. */
function buyerAddress(): string {
  const buyers = t.node.parts!.wallets.filter((w) => w.role === "purchasing");
  expect(buyers).toHaveLength(1);
  return buyers[0]!.address;
}

/** Buys a job and makes blocks until both sides see its funds locked. */
async function lockedJob() {
  const job = await payJob(t, t, agent);
  const id = job.blockchainIdentifier;
  await mineUntil("the lock to land", () => bothIn(id, "FundsLocked"));
  const lock = await confirmedTx(job.purchase.id);
  const escrowId = `${lock.txHash}#0`;
  expect(await escrowIdsOf(id)).toEqual([escrowId, escrowId]);
  const purchase = await viewOf(t, "purchase", id);
  return { id, paymentId: job.payment.id as string, purchase, lock };
}

describe(`the escrow watcher through rollbacks on ${DB_KIND}`, () => {
  it(
    "rolls a lock back without requeue: the node sends the same transaction again, it lands once",
    async () => {
      const builtBefore = await txsBuilt("escrow_lock");
      const buyer = buyerAddress();
      const usdmBefore = await usdmOf(buyer);
      const { id, purchase, lock } = await lockedJob();
      expect(lock.blockHeight).toBe((await ledger().tip()).height);
      const eventsBefore = await eventsFor(t.node.parts!.database.db, id);
      expect(eventsBefore.map((e) => e.type).sort()).toEqual(bothSides("funds_locked"));

      const rolled = await ledger().rollback(1);
      expect(rolled.removedTxHashes).toEqual([lock.txHash]);
      expect(await ledger().mempoolSize()).toBe(0);
      // No block is made here: only the watcher can notice the fork.
      await waitFor("the watcher to find the fork", () => bothIn(id, "WaitingForFunds"), SETTLE_MS);
      // Its lock intent is open again: the buyer sees the lock under way, not awaiting the seller.
      const reopened = await viewOf(t, "purchase", id);
      expect(reopened.NextAction.requestedAction).toBe("FundsLockingInitiated");
      await waitFor(
        "the node to send its lock again",
        async () => ((await ledger().mempoolTxHashes()).includes(lock.txHash) ? true : undefined),
        SETTLE_MS,
      );
      await mineUntil("the lock to land again", () => bothIn(id, "FundsLocked"));

      const again = await confirmedTx(purchase.id);
      expect(again.txHash).toBe(lock.txHash);
      expect(again.submitAttempts).toBeGreaterThanOrEqual(2);
      expect(await escrowIdsOf(id)).toEqual([purchase.escrowId, purchase.escrowId]);
      expect(await eventKinds(purchase.escrowReference)).toEqual(["lock"]);
      expect(await txsBuilt("escrow_lock")).toBe(builtBefore + 1);
      expect(await usdmOf(buyer)).toBe(usdmBefore - BigInt(PRICE));
      // The same transaction landing again is the same change: the same two events, once.
      const eventsAfter = await eventsFor(t.node.parts!.database.db, id);
      expect(eventsAfter.map((e) => e.usageId).sort()).toEqual(
        eventsBefore.map((e) => e.usageId).sort(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "rolls a lock back into the mempool: it lands in the next block and is seen once",
    async () => {
      const buyer = buyerAddress();
      const usdmBefore = await usdmOf(buyer);
      const { id, purchase, lock } = await lockedJob();

      const rolled = await ledger().rollback(1, { requeue: true });
      expect(rolled.requeuedTxHashes).toEqual([lock.txHash]);
      await waitFor("the watcher to find the fork", () => bothIn(id, "WaitingForFunds"), SETTLE_MS);
      await mineUntil("the lock to land again", () => bothIn(id, "FundsLocked"));

      const again = await confirmedTx(purchase.id);
      expect(again.txHash).toBe(lock.txHash);
      expect(again.blockHeight).toBe(lock.blockHeight);
      expect(await escrowIdsOf(id)).toEqual([purchase.escrowId, purchase.escrowId]);
      expect(await eventKinds(purchase.escrowReference)).toEqual(["lock"]);
      expect(await usdmOf(buyer)).toBe(usdmBefore - BigInt(PRICE));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "rolls back several blocks holding two locks and a result: all are sent again, seen once",
    async () => {
      const locksBefore = await txsBuilt("escrow_lock");
      const actionsBefore = await txsBuilt("escrow_action");
      const buyer = buyerAddress();
      const usdmBefore = await usdmOf(buyer);
      const first = await lockedJob();
      const second = await lockedJob();
      const resultHash = randomBytes(32).toString("hex");
      const submitted = await t.api("POST", "/payment/submit-result", {
        network: "Preprod",
        blockchainIdentifier: first.id,
        submitResultHash: resultHash,
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      await mineUntil("the result to land", () => bothIn(first.id, "ResultSubmitted"));
      const result = await confirmedTx(first.paymentId, "escrow_action");
      await ledger().produceBlock();
      const heights = [first.lock.blockHeight!, second.lock.blockHeight!, result.blockHeight!];
      expect(heights).toEqual([...new Set(heights)].sort((a, b) => a - b));
      const depth = (await ledger().tip()).height - first.lock.blockHeight! + 1;
      expect(depth).toBe(4);

      const rolled = await ledger().rollback(depth);
      expect(rolled.removedTxHashes).toEqual([
        first.lock.txHash,
        second.lock.txHash,
        result.txHash,
      ]);
      for (const { id } of [first, second])
        await waitFor(
          "the watcher to find the fork",
          () => bothIn(id, "WaitingForFunds"),
          SETTLE_MS,
        );
      await mineUntil(
        "the locks and the result to land again",
        async () => (await bothIn(first.id, "ResultSubmitted")) && bothIn(second.id, "FundsLocked"),
      );

      expect((await confirmedTx(first.paymentId, "escrow_action")).txHash).toBe(result.txHash);
      for (const job of [first, second]) {
        expect((await confirmedTx(job.purchase.id)).txHash).toBe(job.lock.txHash);
        const escrowId = job.purchase.escrowId;
        expect(await escrowIdsOf(job.id)).toEqual([escrowId, escrowId]);
      }
      expect(await eventKinds(first.purchase.escrowReference)).toEqual(["lock", "move"]);
      expect(await eventKinds(second.purchase.escrowReference)).toEqual(["lock"]);
      expect((await viewOf(t, "payment", first.id)).resultHash).toBe(resultHash);
      expect(await txsBuilt("escrow_lock")).toBe(locksBefore + 2);
      expect(await txsBuilt("escrow_action")).toBe(actionsBefore + 1);
      expect(await usdmOf(buyer)).toBe(usdmBefore - 2n * BigInt(PRICE));
    },
    TEST_TIMEOUT_MS,
  );
});
