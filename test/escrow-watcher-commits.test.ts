/**
 * The watcher's database transactions (src/workers/escrow-watcher.ts), on the devnet. It works
 * a block's states out before a transaction opens and writes them only if the rows it read are
 * unchanged (escrow-subjects.ts `applyRefresh`): when the scheduler's expiry lands between the
 * reads and the writes, the transaction rolls back whole and the block is worked out again. And
 * a chain transaction with many escrows is written in parts of a few references each (on
 * PGlite each holds the one session the API waits for), the checkpoint with the last: when a
 * part fails, the next tick reads the transaction again and writes each change once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { escrowReference } from "../contracts/index.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import { coinsPerUtxoSizeReader } from "../src/chain/utxo-price.ts";
import type { Db } from "../src/db/client.ts";
import { escrowEvents, payments, usageEvents, watchCheckpoints } from "../src/db/schema.ts";
import { createEscrowWatcher, evenParts } from "../src/workers/escrow-watcher.ts";
import { DB_KIND } from "./support/db.ts";
import {
  deployEscrow,
  hourlyTimes,
  intentRows,
  openEscrowWorld,
  queueAll,
  USDM,
  type EscrowWorld,
} from "./escrow-world.ts";

let w: EscrowWorld;

beforeAll(async () => {
  w = await openEscrowWorld();
  await deployEscrow(w);
});
afterAll(async () => {
  await w?.close();
});

/**
 * Stores the payments `ids` (waiting for funds) and queues a lock for each from the buyer; the
 * locks go into one block, which the world's own watcher does not read. Returns the locks'
 * transaction and the payments' references.
 */
async function lockedPayments(ids: readonly string[]) {
  const now = w.devnet.ledger.nowMs();
  const amounts = [
    { unit: "lovelace", amount: "3000000" },
    { unit: USDM, amount: "5000000" },
  ];
  const locks = ids.map((id): EscrowLockPayload => ({
    sellerAddress: w.seller.address,
    buyerAddress: w.buyer.address,
    reference: escrowReference(Buffer.from(id).toString("hex").padEnd(64, "0")),
    inputHash: "11".repeat(32),
    times: hourlyTimes(now),
    amounts,
  }));
  await w.database.db.insert(payments).values(
    locks.map((lock, i) => ({
      id: ids[i]!,
      network: "preprod" as const,
      blockchainIdentifier: `bid-${ids[i]}`,
      escrowReference: lock.reference,
      agentIdentifier: "ab".repeat(29),
      pricingType: "Fixed" as const,
      sellingWalletId: w.seller.id,
      identifierFromPurchaser: "cd".repeat(8),
      inputHash: lock.inputHash,
      amounts: JSON.stringify(amounts),
      ...lock.times,
      state: "WaitingForFunds" as const,
      createdAtMs: now,
      updatedAtMs: now,
    })),
  );
  const intentIds = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, locks);
  await w.submitter.tick();
  w.devnet.ledger.produceBlock();
  const hashes = new Set((await intentRows(w, intentIds)).map((r) => r.txHash));
  expect(hashes.size).toBe(1);
  const [txHash] = [...hashes];
  expect(txHash).toMatch(/^[0-9a-f]{64}$/);
  return { txHash: txHash!, references: locks.map((l) => l.reference) };
}

/**
 * The world's database, except that `before(n)` runs before its n-th transaction opens (and
 * may throw in its place).
 */
function countingTransactions(
  db: Db,
  before: (n: number) => Promise<void>,
): { db: Db; transactions: () => number } {
  let count = 0;
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop !== "transaction") {
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (...args: Parameters<Db["transaction"]>) => {
        count++;
        await before(count);
        return target.transaction(...args);
      };
    },
  });
  return { db: proxy, transactions: () => count };
}

/** A watcher of the world's escrow over `db`. */
function watcherOver(db: Db) {
  return createEscrowWatcher({
    network: "preprod",
    escrowAddress: w.facts.escrowAddress,
    db,
    chain: w.chain,
    coinsPerUtxoSize: coinsPerUtxoSizeReader(w.chain),
    log: () => {},
    nowMs: () => w.devnet.ledger.nowMs(),
  });
}

/** The payments `ids` as [id, state, the lock's transaction] each, by id. */
async function paymentStates(ids: readonly string[]) {
  const rows = await w.database.db
    .select()
    .from(payments)
    .where(inArray(payments.id, [...ids]));
  return rows
    .map((r) => [r.id, r.state, r.escrowId?.slice(0, 64) ?? null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** The escrow watcher's checkpoint: the height it has read to. */
async function checkpointHeight(): Promise<number | null> {
  const rows = await w.database.db
    .select({ name: watchCheckpoints.name, height: watchCheckpoints.height })
    .from(watchCheckpoints);
  return rows.find((r) => r.name === `escrow:${w.facts.escrowAddress}`)?.height ?? null;
}

describe(`the watcher's transactions (${DB_KIND})`, () => {
  it("rolls back the block's transaction and works it out again from fresh reads", async () => {
    const id = "pay-stale";
    const { txHash, references } = await lockedPayments([id]);
    // The scheduler expires the payment after the watcher read it, before its writes.
    const db = countingTransactions(w.database.db, async (n) => {
      if (n !== 1) return;
      await w.database.db
        .update(payments)
        .set({ state: "Expired", updatedAtMs: 1 })
        .where(eq(payments.id, id));
    });
    await watcherOver(db.db).tick();

    // Two attempts: the first found the row expired under it and wrote nothing.
    expect(db.transactions()).toBe(2);
    // Worked out again from the expired row: a lock in a block before payByTime pays it.
    expect(await paymentStates([id])).toEqual([[id, "FundsLocked", txHash]]);
    const [row] = await w.database.db.select().from(payments).where(eq(payments.id, id));
    expect(row!.invalidReason).toBeNull();
    const events = await w.database.db
      .select()
      .from(escrowEvents)
      .where(eq(escrowEvents.reference, references[0]!));
    expect(events.map((e) => [e.kind, e.txHash])).toEqual([["lock", txHash]]);
  }, 120_000);

  it("writes a transaction of many escrows in parts, and once each after a part failed", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `pay-part-${String(i).padStart(2, "0")}`);
    const { txHash } = await lockedPayments(ids);
    const heightBefore = await checkpointHeight();

    // The second part's transaction fails before it opens, as a crash there would leave it.
    const failing = countingTransactions(w.database.db, async (n) => {
      if (n === 2) throw new Error("the database went away");
    });
    await expect(watcherOver(failing.db).tick()).rejects.toThrow("the database went away");
    // 20 references go in two parts of 10: the first committed, the checkpoint did not move.
    const after1 = await paymentStates(ids);
    expect(after1.filter((r) => r[1] === "FundsLocked")).toHaveLength(10);
    expect(after1.filter((r) => r[1] === "WaitingForFunds")).toHaveLength(10);
    expect(await checkpointHeight()).toBe(heightBefore);

    // The next tick reads the transaction again: each change is written once.
    const healthy = countingTransactions(w.database.db, async () => {});
    await watcherOver(healthy.db).tick();
    expect(healthy.transactions()).toBe(2);
    expect(await paymentStates(ids)).toEqual(ids.map((id) => [id, "FundsLocked", txHash]));
    expect(await checkpointHeight()).toBeGreaterThan(heightBefore ?? -1);
    const locks = await w.database.db
      .select({ escrowId: escrowEvents.escrowId })
      .from(escrowEvents)
      .where(eq(escrowEvents.txHash, txHash));
    expect(locks).toHaveLength(20);
    const usage = await w.database.db
      .select({ subjectId: usageEvents.subjectId, type: usageEvents.type })
      .from(usageEvents)
      .where(inArray(usageEvents.subjectId, ids));
    expect(usage.map((u) => u.subjectId).sort()).toEqual(ids);
    expect(new Set(usage.map((u) => u.type))).toEqual(new Set(["payment.funds_locked"]));
  }, 120_000);
});

describe("evenParts", () => {
  it("splits into as few parts of at most the bound as can be, nearly even, in order", () => {
    const n = (k: number) => Array.from({ length: k }, (_, i) => i);
    const sizes = (k: number, max: number) => evenParts(n(k), max).map((p) => p.length);
    expect(sizes(0, 16)).toEqual([0]);
    expect(sizes(1, 16)).toEqual([1]);
    expect(sizes(16, 16)).toEqual([16]);
    expect(sizes(17, 16)).toEqual([9, 8]);
    expect(sizes(20, 16)).toEqual([10, 10]);
    expect(sizes(50, 16)).toEqual([13, 13, 13, 11]);
    expect(evenParts(n(50), 16).flat()).toEqual(n(50));
  });
});
