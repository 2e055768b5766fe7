/**
 * Collateral is kept available: a buyer wallet funded with one token-bearing output has no
 * pure-ADA output to offer as collateral, so its first escrow action waits; the submitter makes
 * one by a transfer to the wallet itself, once, and the action then goes through.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escrowReference } from "../contracts/index.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import { NO_COLLATERAL } from "../src/chain/builders/registry-common.ts";
import { TRANSFER_KIND } from "../src/chain/builders/transfer.ts";
import { intents } from "../src/db/schema.ts";
import { createWallet } from "../src/services/wallets.ts";
import { collateralSubject } from "../src/workers/collateral.ts";
import { DB_KIND } from "./support/db.ts";
import {
  deployEscrow,
  hourlyTimes,
  intentRows,
  KEY,
  openEscrowWorld,
  queueAll,
  tickAndBlock,
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

describe(`collateral upkeep on ${DB_KIND}`, () => {
  it("makes a collateral output for a wallet that has none, then acts", async () => {
    const buyer = await createWallet(w.database.db, {
      role: "purchasing",
      network: "preprod",
      encryptionKeyHex: KEY,
      nowMs: 0,
    });
    await w.devnet.ledger.faucet(buyer.address, {
      lovelace: 200_000_000n,
      assets: [{ unit: USDM, quantity: 50_000_000n }],
    });
    w.devnet.ledger.produceBlock();
    const now = w.devnet.ledger.nowMs();
    const [lock] = await queueAll(w, ESCROW_LOCK_KIND, buyer.id, [
      {
        sellerAddress: w.seller.address,
        buyerAddress: buyer.address,
        reference: escrowReference("c0".repeat(32)),
        inputHash: "11".repeat(32),
        times: hourlyTimes(now),
        amounts: [{ unit: USDM, amount: "5000000" }],
      },
    ]);
    await tickAndBlock(w);
    const [locked] = await intentRows(w, [lock!]);
    expect(locked!.status).toBe("done");

    const [refund] = await queueAll(w, ESCROW_ACTION_KIND, buyer.id, [
      { escrowId: `${locked!.txHash}#0`, action: "RequestRefund" },
    ]);
    await w.submitter.tick();
    const [waiting] = await intentRows(w, [refund!]);
    expect(waiting).toMatchObject({ status: "queued", lastError: NO_COLLATERAL });
    // A second tick queues no second transfer.
    await w.submitter.tick();
    const transfers = await w.database.db
      .select()
      .from(intents)
      .where(
        and(eq(intents.kind, TRANSFER_KIND), eq(intents.subjectId, collateralSubject(buyer.id))),
      );
    expect(transfers).toHaveLength(1);

    for (let round = 0; round < 5; round++) {
      await tickAndBlock(w);
      const [row] = await intentRows(w, [refund!]);
      if (row!.status === "done") break;
    }
    expect((await intentRows(w, [refund!]))[0]!.status).toBe("done");
    const [transfer] = await intentRows(w, [transfers[0]!.id]);
    expect(transfer!.status).toBe("done");
    const made = (await w.chain.txUtxos(transfer!.txHash!))!.outputs.find(
      (o) => o.address === buyer.address && o.value.lovelace === 5_000_000n,
    );
    expect(made?.value.assets).toEqual({});
  });
});
