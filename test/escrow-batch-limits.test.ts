/**
 * How many escrows one transaction carries when more are waiting than fit: the builders search
 * for the largest batch within the protocol's size and execution limits. Prints the measured
 * sizes; fails below 30, the batching target of the payment lifecycle.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escrowReference, decodeEscrowDatum, fromCbor } from "../contracts/index.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import { DB_KIND } from "./support/db.ts";
import {
  deployEscrow,
  intentRows,
  openEscrowWorld,
  queueAll,
  tickAndBlock,
  USDM,
  type EscrowWorld,
} from "./escrow-world.ts";

const WAITING = 100;
const HOUR_MS = 3_600_000;
let w: EscrowWorld;

beforeAll(async () => {
  w = await openEscrowWorld({ batchMax: WAITING });
  await deployEscrow(w);
});
afterAll(async () => {
  await w?.close();
});

/** Ticks until every intent is done (bounded); returns how many each transaction carried. */
async function settle(ids: string[]): Promise<number[]> {
  for (let round = 0; round < 10; round++) {
    await tickAndBlock(w);
    const rows = await intentRows(w, ids);
    if (rows.every((r) => r.status === "done")) break;
  }
  const rows = await intentRows(w, ids);
  expect(rows.map((r) => r.status)).toEqual(Array(ids.length).fill("done"));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.txHash!, (counts.get(r.txHash!) ?? 0) + 1);
  return [...counts.values()];
}

async function escrowOutputs(txHashes: string[]) {
  const out: { txHash: string; outputIndex: number }[] = [];
  for (const h of txHashes)
    for (const o of (await w.chain.txUtxos(h))!.outputs)
      if (o.address === w.facts.escrowAddress) {
        decodeEscrowDatum(fromCbor(o.inlineDatumCbor!), 0);
        out.push({ txHash: h, outputIndex: o.outputIndex });
      }
  return out;
}

describe(`escrow batch limits on ${DB_KIND}`, () => {
  it(`fits at least 30 locks, results and withdrawals per transaction (${WAITING} waiting)`, async () => {
    const now = w.devnet.ledger.nowMs();
    const times = {
      payByTimeMs: now + HOUR_MS,
      submitResultTimeMs: now + 2 * HOUR_MS,
      unlockTimeMs: now + 3 * HOUR_MS,
      externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
    };
    const lockIds = await queueAll(
      w,
      ESCROW_LOCK_KIND,
      w.buyer.id,
      Array.from({ length: WAITING }, (_, i) => ({
        sellerAddress: w.seller.address,
        buyerAddress: w.buyer.address,
        reference: escrowReference(i.toString(16).padStart(8, "0").repeat(8)),
        inputHash: "22".repeat(32),
        times,
        amounts: [{ unit: USDM, amount: "1000000" }],
      })),
    );
    const locks = await settle(lockIds);
    const lockTxs = [...new Set((await intentRows(w, lockIds)).map((r) => r.txHash!))];
    const escrows = await escrowOutputs(lockTxs);
    const resultIds = await queueAll(
      w,
      ESCROW_ACTION_KIND,
      w.seller.id,
      escrows.map((e) => ({
        escrowId: `${e.txHash}#${e.outputIndex}`,
        action: "SubmitResult",
        params: { resultHash: "cd".repeat(32) },
      })),
    );
    const results = await settle(resultIds);
    w.devnet.ledger.advanceTime(times.unlockTimeMs - w.devnet.ledger.nowMs() + 60_000);
    w.devnet.ledger.produceBlock({ allowEmpty: true });
    const withdrawIds = await queueAll(
      w,
      ESCROW_ACTION_KIND,
      w.seller.id,
      escrows.map((e) => ({
        escrowId: `${e.txHash}#${e.outputIndex}`,
        action: "Withdraw",
      })),
    );
    const withdrawals = await settle(withdrawIds);
    console.log(JSON.stringify({ locks, results, withdrawals }));
    for (const sizes of [locks, results, withdrawals])
      expect(Math.max(...sizes)).toBeGreaterThanOrEqual(30);
  });
});
