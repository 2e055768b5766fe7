/**
 * The watcher's books on the devnet: each escrow step the submitter takes is recorded with the
 * step it was and what it paid each party out of the escrow (the builders' min-UTxO top-ups
 * left out), and the meter adds them up so that locked = paid to the seller + refunded +
 * remaining, per unit, at every step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { decodeEscrowDatum, escrowReference, fromCbor } from "../contracts/index.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import { escrowEvents } from "../src/db/schema.ts";
import { metersOf, type Meter } from "../src/services/escrow-meter.ts";
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

let w: EscrowWorld;
const HOUR_MS = 3_600_000;
let times: EscrowLockPayload["times"];
/** Escrow A is released from, given a result and withdrawn; escrow B is refunded. */
const esc = { a: "", b: "", depositA: 0n, depositB: 0n };

beforeAll(async () => {
  w = await openEscrowWorld();
});
afterAll(async () => {
  await w?.close();
});

const ref = (i: number) => escrowReference(i.toString(16).padStart(8, "0").repeat(8));

async function act(walletId: string, payload: Record<string, unknown>): Promise<string> {
  const [id] = await queueAll(w, ESCROW_ACTION_KIND, walletId, [payload]);
  await tickAndBlock(w);
  // A party's next step waits out the cooldown its last one stamped (the validity's end).
  for (let round = 0; round < 3 && (await intentRows(w, [id!]))[0]!.status === "queued"; round++) {
    w.devnet.ledger.advanceTime(10 * 60_000);
    await tickAndBlock(w);
  }
  const [row] = await intentRows(w, [id!]);
  expect(row, row?.lastError ?? "").toMatchObject({ status: "done" });
  return row!.txHash!;
}

async function eventOf(escrowId: string, txHash: string) {
  const [row] = await w.database.db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.escrowId, escrowId), eq(escrowEvents.txHash, txHash)));
  return {
    kind: row!.kind,
    state: row!.state,
    action: row!.action,
    toSeller: JSON.parse(row!.paidToSeller) as unknown,
    toBuyer: JSON.parse(row!.paidToBuyer) as unknown,
  };
}

async function meterOf(escrowId: string): Promise<Meter> {
  const rows = [{ id: "x", escrowId, autoRelease: false, priceSheetHash: null }];
  return (await metersOf(w.database.db, "preprod", rows)).get("x")!;
}

/** locked = paidToSeller + refunded + remaining, per unit: nothing is lost or counted twice. */
function expectBalanced(m: Meter) {
  for (const a of m.amounts)
    expect(BigInt(a.locked), a.unit).toBe(
      BigInt(a.paidToSeller) + BigInt(a.refunded) + BigInt(a.remaining),
    );
}

describe(`escrow books on the devnet (${DB_KIND})`, () => {
  it("deploys and locks two escrows of 3 ADA + 5 USDM", async () => {
    await deployEscrow(w);
    const now = w.devnet.ledger.nowMs();
    times = {
      payByTimeMs: now + HOUR_MS,
      submitResultTimeMs: now + 2 * HOUR_MS,
      unlockTimeMs: now + 3 * HOUR_MS,
      externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
    };
    const payloads: EscrowLockPayload[] = [0, 1].map((i) => ({
      sellerAddress: w.seller.address,
      buyerAddress: w.buyer.address,
      reference: ref(i),
      inputHash: "11".repeat(32),
      times,
      amounts: [
        { unit: "lovelace", amount: "3000000" },
        { unit: USDM, amount: "5000000" },
      ],
    }));
    const ids = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, payloads);
    await tickAndBlock(w);
    const txHash = (await intentRows(w, ids))[0]!.txHash!;
    const outs = (await w.chain.txUtxos(txHash))!.outputs.filter(
      (o) => o.address === w.facts.escrowAddress,
    );
    const deposit = (o: (typeof outs)[number]) =>
      decodeEscrowDatum(fromCbor(o.inlineDatumCbor!), 0).buyerLovelace;
    esc.a = `${txHash}#${outs[0]!.outputIndex}`;
    esc.b = `${txHash}#${outs[1]!.outputIndex}`;
    esc.depositA = deposit(outs[0]!);
    esc.depositB = deposit(outs[1]!);
    const m = await meterOf(esc.a);
    expect(m.amounts).toEqual([
      expect.objectContaining({ unit: "lovelace", locked: "3000000", remaining: "3000000" }),
      expect.objectContaining({ unit: USDM, locked: "5000000", remaining: "5000000" }),
    ]);
    expect(m.transactions).toEqual([
      { action: "Lock", txHash, blockTimeMs: expect.any(Number), toSeller: [], toBuyer: [] },
    ]);
  });

  it("records a Release of USDM without the min-UTxO lovelace the buyer's builder added", async () => {
    const txHash = await act(w.buyer.id, {
      escrowId: esc.a,
      action: "Release",
      params: { unit: USDM, amount: "1000000" },
    });
    // The payout output carries lovelace too (its minimum UTxO), paid by the buyer's wallet.
    const payout = (await w.chain.txUtxos(txHash))!.outputs.find(
      (o) => o.address === w.seller.address && o.value.assets[USDM] === 1_000_000n,
    );
    expect(payout!.value.lovelace).toBeGreaterThan(0n);
    expect(await eventOf(esc.a, txHash)).toEqual({
      kind: "move",
      state: "FundsLocked",
      action: "Release",
      toSeller: [{ unit: USDM, amount: "1000000" }],
      toBuyer: [],
    });
  });

  it("records a Release of lovelace", async () => {
    const txHash = await act(w.buyer.id, {
      escrowId: esc.a,
      action: "Release",
      params: { unit: "lovelace", amount: "1500000" },
    });
    expect(await eventOf(esc.a, txHash)).toMatchObject({
      action: "Release",
      toSeller: [{ unit: "lovelace", amount: "1500000" }],
      toBuyer: [],
    });
    const m = await meterOf(esc.a);
    expect(m.amounts).toEqual([
      {
        unit: "lovelace",
        locked: "3000000",
        released: "1500000",
        refunded: "0",
        redeemed: "0",
        paidToSeller: "1500000",
        paidToBuyer: "0",
        remaining: "1500000",
      },
      {
        unit: USDM,
        locked: "5000000",
        released: "1000000",
        refunded: "0",
        redeemed: "0",
        paidToSeller: "1000000",
        paidToBuyer: "0",
        remaining: "4000000",
      },
    ]);
    expectBalanced(m);
  });

  it("records a SubmitResult as a step that pays nobody", async () => {
    const txHash = await act(w.seller.id, {
      escrowId: esc.a,
      action: "SubmitResult",
      params: { resultHash: "ab".repeat(32) },
    });
    expect(await eventOf(esc.a, txHash)).toEqual({
      kind: "move",
      state: "ResultSubmitted",
      action: "SubmitResult",
      toSeller: [],
      toBuyer: [],
    });
  });

  it("records the Withdraw: the rest to the seller, the deposit back to the buyer", async () => {
    w.devnet.ledger.advanceTime(times.unlockTimeMs - w.devnet.ledger.nowMs() + 60_000);
    w.devnet.ledger.produceBlock({ allowEmpty: true });
    const txHash = await act(w.seller.id, { escrowId: esc.a, action: "Withdraw" });
    expect(await eventOf(esc.a, txHash)).toEqual({
      kind: "end",
      state: "Withdrawn",
      action: "Withdraw",
      toSeller: [
        { unit: "lovelace", amount: "1500000" },
        { unit: USDM, amount: "4000000" },
      ],
      toBuyer: [{ unit: "lovelace", amount: esc.depositA.toString() }],
    });
    const m = await meterOf(esc.a);
    expect(m.amounts.map((a) => [a.unit, a.paidToSeller, a.paidToBuyer, a.refunded])).toEqual([
      ["lovelace", "3000000", esc.depositA.toString(), "0"],
      [USDM, "5000000", "0", "0"],
    ]);
    expect(m.amounts.every((a) => a.remaining === "0")).toBe(true);
    expect(m.transactions.map((t) => t.action)).toEqual([
      "Lock",
      "Release",
      "Release",
      "SubmitResult",
      "Withdraw",
    ]);
    expectBalanced(m);
  });

  it("records a WithdrawRefund: everything back to the buyer, refunded less the deposit", async () => {
    const txHash = await act(w.buyer.id, { escrowId: esc.b, action: "WithdrawRefund" });
    expect(await eventOf(esc.b, txHash)).toEqual({
      kind: "end",
      state: "RefundWithdrawn",
      action: "WithdrawRefund",
      toSeller: [],
      toBuyer: [
        { unit: "lovelace", amount: (3_000_000n + esc.depositB).toString() },
        { unit: USDM, amount: "5000000" },
      ],
    });
    const m = await meterOf(esc.b);
    expect(m.amounts.map((a) => [a.unit, a.refunded, a.paidToSeller, a.remaining])).toEqual([
      ["lovelace", "3000000", "0", "0"],
      [USDM, "5000000", "0", "0"],
    ]);
    expectBalanced(m);
  });
});
