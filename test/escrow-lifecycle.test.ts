/**
 * The escrow builders driven by the real submitter on the devnet and a real database: deploy
 * once, lock 40 escrows in one transaction, submit 30 results in one, withdraw them after
 * unlockTime, refund the rest, and refuse an action the state forbids, with value conserved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escrowReference, fromCbor, decodeEscrowDatum } from "../contracts/index.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_DEPLOY_KIND } from "../src/chain/builders/escrow-deploy.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import { queueEscrowDeploy } from "../src/chain/escrow/deploy-queue.ts";
import { findEscrowReference, readDeployment } from "../src/chain/escrow/deployment.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import { createMeshFetcher } from "../src/chain/mesh.ts";
import { DB_KIND } from "./support/db.ts";
import {
  chainTxCount,
  feesOf,
  holdings,
  intentRows,
  openEscrowWorld,
  queueAll,
  tickAndBlock,
  txSizes,
  USDM,
  type EscrowWorld,
} from "./escrow-world.ts";

let w: EscrowWorld;
const HOUR_MS = 3_600_000;
const PRICE_USDM = 5_000_000n;
const KEY_DEPOSIT = 2_000_000n;
let escrows: { id: string; buyerLovelace: bigint }[] = [];
let times: EscrowLockPayload["times"];

beforeAll(async () => {
  w = await openEscrowWorld();
});
afterAll(async () => {
  await w?.close();
});

const ref = (i: number) => escrowReference(i.toString(16).padStart(8, "0").repeat(8));

describe(`escrow lifecycle through the submitter on ${DB_KIND}`, () => {
  it("deploys once: publishes the reference script and registers the reward address", async () => {
    const fetcher = createMeshFetcher(w.chain);
    const opts = {
      facts: w.facts,
      walletId: w.seller.id,
      fetcher,
      keyDepositLovelace: KEY_DEPOSIT,
    };
    const first = await queueEscrowDeploy(w.database.db, { ...opts, nowMs: 1 });
    expect(first).toMatchObject({ kind: "queued", missing: ["publish", "register"] });
    expect(await queueEscrowDeploy(w.database.db, { ...opts, nowMs: 2 })).toMatchObject({
      kind: "inProgress",
    });
    await tickAndBlock(w);
    const status = await readDeployment(fetcher, w.facts, KEY_DEPOSIT);
    expect(status.missing).toEqual([]);
    const holderUtxos = await fetcher.fetchAddressUTxOs(w.facts.holderAddress);
    expect(findEscrowReference(holderUtxos, w.facts.script.hash)).toBeDefined();
    expect(await queueEscrowDeploy(w.database.db, { ...opts, nowMs: 3 })).toMatchObject({
      kind: "deployed",
    });
    // A deploy intent queued behind the queue helper's back is refused by the builder itself.
    const [late] = await queueAll(w, ESCROW_DEPLOY_KIND, w.seller.id, [
      { scriptHash: w.facts.script.hash },
    ]);
    const before = await chainTxCount(w);
    await tickAndBlock(w);
    const [row] = await intentRows(w, [late!]);
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toMatch(/^already deployed/);
    expect(await chainTxCount(w)).toBe(before);
  });

  it("locks 40 escrows in one transaction, with the buyer's min-UTxO on top", async () => {
    const now = w.devnet.ledger.nowMs();
    times = {
      payByTimeMs: now + HOUR_MS,
      submitResultTimeMs: now + 2 * HOUR_MS,
      unlockTimeMs: now + 3 * HOUR_MS,
      externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
    };
    const payloads: EscrowLockPayload[] = Array.from({ length: 40 }, (_, i) => ({
      sellerAddress: w.seller.address,
      buyerAddress: w.buyer.address,
      reference: ref(i),
      inputHash: "11".repeat(32),
      times,
      amounts: [{ unit: USDM, amount: PRICE_USDM.toString() }],
    }));
    const buyerBefore = await holdings(w, w.buyer.address);
    const ids = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, payloads);
    await tickAndBlock(w);
    expect((await intentRows(w, ids)).map((r) => r.status)).toEqual(Array(40).fill("done"));
    expect(await txSizes(w, ids)).toEqual([40]);
    const txHash = (await intentRows(w, ids))[0]!.txHash!;
    const outs = (await w.chain.txUtxos(txHash))!.outputs.filter(
      (o) => o.address === w.facts.escrowAddress,
    );
    expect(outs).toHaveLength(40);
    escrows = outs.map((o, i) => {
      const d = decodeEscrowDatum(fromCbor(o.inlineDatumCbor!), 0);
      expect(d).toMatchObject({ state: "FundsLocked", reference: ref(i), buyer: w.buyer.address });
      expect(o.value.lovelace).toBe(d.buyerLovelace);
      expect(o.value.assets[USDM]).toBe(PRICE_USDM);
      return { id: `${txHash}#${o.outputIndex}`, buyerLovelace: d.buyerLovelace };
    });
    const locked = escrows.reduce((s, e) => s + e.buyerLovelace, 0n);
    const buyerAfter = await holdings(w, w.buyer.address);
    expect(buyerBefore.lovelace - buyerAfter.lovelace).toBe(locked + (await feesOf(w, ids)));
    expect(buyerBefore.usdm - buyerAfter.usdm).toBe(40n * PRICE_USDM);
  });

  it("refuses an action the state forbids, with the reason, and submits nothing", async () => {
    const e = escrows[35]!;
    const [id] = await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, [
      { escrowId: e.id, action: "Withdraw" },
    ]);
    const before = await chainTxCount(w);
    await w.submitter.tick();
    expect(w.devnet.ledger.mempoolSize()).toBe(0);
    expect(await chainTxCount(w)).toBe(before);
    const [row] = await intentRows(w, [id!]);
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toBe("Withdraw refused in state FundsLocked: state (ST)");
  });

  it("refuses a buyer's action asked of the seller's wallet", async () => {
    const e = escrows[36]!;
    const [id] = await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, [
      { escrowId: e.id, action: "RequestRefund" },
    ]);
    await w.submitter.tick();
    const [row] = await intentRows(w, [id!]);
    expect(row!.lastError).toMatch(/RequestRefund is the buyer's/);
  });

  it("submits 30 results in one transaction from the seller's wallet", async () => {
    const payloads = escrows.slice(0, 30).map((e, i) => ({
      escrowId: e.id,
      action: "SubmitResult",
      params: { resultHash: (i + 1).toString(16).padStart(64, "a") },
    }));
    const ids = await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, payloads);
    await tickAndBlock(w);
    expect((await intentRows(w, ids)).map((r) => r.status)).toEqual(Array(30).fill("done"));
    expect(await txSizes(w, ids)).toEqual([30]);
    const txHash = (await intentRows(w, ids))[0]!.txHash!;
    const outs = (await w.chain.txUtxos(txHash))!.outputs.filter(
      (o) => o.address === w.facts.escrowAddress,
    );
    expect(outs).toHaveLength(30);
    for (const o of outs)
      expect(decodeEscrowDatum(fromCbor(o.inlineDatumCbor!), 0).state).toBe("ResultSubmitted");
  });

  it("withdraws the 30 after unlockTime: USDM to the seller, min-UTxO back to the buyer", async () => {
    w.devnet.ledger.advanceTime(times.unlockTimeMs - w.devnet.ledger.nowMs() + 60_000);
    w.devnet.ledger.produceBlock({ allowEmpty: true });
    const sellerBefore = await holdings(w, w.seller.address);
    const buyerBefore = await holdings(w, w.buyer.address);
    const payloads = escrows.slice(0, 30).map((e) => ({
      escrowId: e.id,
      action: "Withdraw",
    }));
    const ids = await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, payloads);
    for (let round = 0; round < 3; round++) await tickAndBlock(w);
    expect((await intentRows(w, ids)).map((r) => r.status)).toEqual(Array(30).fill("done"));
    const sizes = await txSizes(w, ids);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(30);
    console.log(`Withdraw batch sizes: ${sizes.join(", ")}`);
    const refunded = escrows.slice(0, 30).reduce((s, e) => s + e.buyerLovelace, 0n);
    const buyerAfter = await holdings(w, w.buyer.address);
    expect(buyerAfter.lovelace - buyerBefore.lovelace).toBe(refunded);
    const sellerAfter = await holdings(w, w.seller.address);
    expect(sellerAfter.usdm - sellerBefore.usdm).toBe(30n * PRICE_USDM);
    // The seller pays the fees and nothing else: its payouts' min-UTxO lovelace come back to it.
    expect(sellerBefore.lovelace - sellerAfter.lovelace).toBe(await feesOf(w, ids));
  });

  it("refunds the buyer the escrows without a result, after submitResultTime", async () => {
    const rest = escrows.slice(30, 40);
    const buyerBefore = await holdings(w, w.buyer.address);
    const payloads = rest.map((e) => ({
      escrowId: e.id,
      action: "WithdrawRefund",
    }));
    const ids = await queueAll(w, ESCROW_ACTION_KIND, w.buyer.id, payloads);
    await tickAndBlock(w);
    expect((await intentRows(w, ids)).map((r) => r.status)).toEqual(Array(10).fill("done"));
    expect(await txSizes(w, ids)).toEqual([10]);
    const buyerAfter = await holdings(w, w.buyer.address);
    const lovelaceBack = rest.reduce((s, e) => s + e.buyerLovelace, 0n);
    expect(buyerAfter.usdm - buyerBefore.usdm).toBe(10n * PRICE_USDM);
    expect(buyerAfter.lovelace - buyerBefore.lovelace).toBe(lovelaceBack - (await feesOf(w, ids)));
    expect(await w.chain.utxos(w.facts.escrowAddress)).toEqual([]);
  });
});
