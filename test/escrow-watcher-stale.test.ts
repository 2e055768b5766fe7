/**
 * The watcher works a block's states out before its database transaction opens and writes them
 * only if the rows it read are unchanged (escrow-subjects.ts `applyRefresh`). Here the
 * scheduler's expiry lands between the reads and the writes, on the devnet: the first
 * transaction rolls back whole and the block is worked out again from fresh reads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { escrowReference } from "../contracts/index.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import { coinsPerUtxoSizeReader } from "../src/chain/utxo-price.ts";
import type { Db } from "../src/db/client.ts";
import { escrowEvents, payments } from "../src/db/schema.ts";
import { createEscrowWatcher } from "../src/workers/escrow-watcher.ts";
import { DB_KIND } from "./support/db.ts";
import {
  deployEscrow,
  intentRows,
  openEscrowWorld,
  queueAll,
  USDM,
  type EscrowWorld,
} from "./escrow-world.ts";

let w: EscrowWorld;
const HOUR_MS = 3_600_000;
const PAYMENT = "pay-stale";

beforeAll(async () => {
  w = await openEscrowWorld();
});
afterAll(async () => {
  await w?.close();
});

/**
 * The world's database, except that its first transaction is preceded by the scheduler's
 * expiry of the payment: the watcher has read the row by then, and writes after.
 */
function expiringFirst(db: Db): { db: Db; transactions: () => number } {
  let count = 0;
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop !== "transaction") {
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (...args: Parameters<Db["transaction"]>) => {
        count++;
        if (count === 1) {
          await db
            .update(payments)
            .set({ state: "Expired", updatedAtMs: 1 })
            .where(eq(payments.id, PAYMENT));
        }
        return target.transaction(...args);
      };
    },
  });
  return { db: proxy, transactions: () => count };
}

describe(`the watcher when a row changes under it (${DB_KIND})`, () => {
  it("rolls back the block's transaction and works it out again from fresh reads", async () => {
    await deployEscrow(w);
    const now = w.devnet.ledger.nowMs();
    const reference = escrowReference("7".repeat(64));
    const amounts = [
      { unit: "lovelace", amount: "3000000" },
      { unit: USDM, amount: "5000000" },
    ];
    const lock: EscrowLockPayload = {
      sellerAddress: w.seller.address,
      buyerAddress: w.buyer.address,
      reference,
      inputHash: "11".repeat(32),
      times: {
        payByTimeMs: now + HOUR_MS,
        submitResultTimeMs: now + 2 * HOUR_MS,
        unlockTimeMs: now + 3 * HOUR_MS,
        externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
      },
      amounts,
    };
    await w.database.db.insert(payments).values({
      id: PAYMENT,
      network: "preprod",
      blockchainIdentifier: "bid-stale",
      escrowReference: reference,
      agentIdentifier: "ab".repeat(29),
      pricingType: "Fixed",
      sellingWalletId: w.seller.id,
      identifierFromPurchaser: "cd".repeat(8),
      inputHash: lock.inputHash,
      amounts: JSON.stringify(amounts),
      ...lock.times,
      state: "WaitingForFunds",
      createdAtMs: now,
      updatedAtMs: now,
    });
    const [id] = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, [lock]);
    // The lock goes into a block; the world's own watcher does not read it.
    await w.submitter.tick();
    w.devnet.ledger.produceBlock();
    const txHash = (await intentRows(w, [id!]))[0]!.txHash!;
    expect(txHash).toMatch(/^[0-9a-f]{64}$/);

    const db = expiringFirst(w.database.db);
    const watcher = createEscrowWatcher({
      network: "preprod",
      escrowAddress: w.facts.escrowAddress,
      db: db.db,
      chain: w.chain,
      coinsPerUtxoSize: coinsPerUtxoSizeReader(w.chain),
      log: () => {},
      nowMs: () => w.devnet.ledger.nowMs(),
    });
    await watcher.tick();

    // Two attempts: the first found the row expired under it and wrote nothing.
    expect(db.transactions()).toBe(2);
    const [row] = await w.database.db.select().from(payments).where(eq(payments.id, PAYMENT));
    // Worked out again from the expired row: a lock in a block before payByTime pays it.
    expect([row!.state, row!.invalidReason, row!.escrowId?.slice(0, 64)]).toEqual([
      "FundsLocked",
      null,
      txHash,
    ]);
    const events = await w.database.db
      .select()
      .from(escrowEvents)
      .where(eq(escrowEvents.reference, reference));
    expect(events.map((e) => [e.kind, e.txHash])).toEqual([["lock", txHash]]);
  }, 120_000);
});
