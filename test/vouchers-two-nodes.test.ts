/**
 * Vouchers between two nodes over HTTP (app.request, no server, no chain): the buyer's node
 * signs running totals for its purchase (`POST /purchase/voucher`), the seller's node checks
 * each against its own view of the escrow and keeps the latest (`POST /payment/voucher`). Both
 * nodes hold the same escrow events, written as their watchers would. The negative space: a
 * voucher signed by another key, for another escrow, with a lower total, tampered, in a unit
 * the escrow does not hold, above what it can pay, after the escrow ended or was redeemed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { vouchers } from "../src/db/schema.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { verifyVoucher, voucherMessage } from "../src/domain/voucher.ts";
import { signVoucher } from "../src/domain/voucher-signer.ts";
import { openVoucherSigner } from "../src/services/wallets.ts";
import { DB_KIND } from "./support/db.ts";
import {
  ADMIN,
  type Deal,
  DEPOSIT,
  ids,
  insertPayment,
  insertPurchase,
  KEY,
  openTestNode,
  recordEvent,
  SCRIPT_HASH,
  signedDeal,
  type TestNode,
} from "./support/metered-world.ts";

const USDM = DEVNET_USDM_UNIT;
let seller: TestNode;
let buyer: TestNode;

beforeAll(async () => {
  seller = await openTestNode("selling");
  buyer = await openTestNode("purchasing");
}, 120_000);
afterAll(async () => {
  await buyer?.close();
  await seller?.close();
});

/** A deal locked by the buyer's wallet, known to both nodes. */
async function lockedDeal(amount = 5_000_000n, unit = USDM) {
  const deal = await signedDeal(seller, [{ unit, amount }]);
  const payment = await insertPayment(seller, deal);
  const purchase = await insertPurchase(buyer, deal, seller.wallet);
  await recordEvent(seller, deal, buyer.wallet);
  await recordEvent(buyer, deal, buyer.wallet);
  return { deal, payment, purchase };
}

const issue = (deal: Deal, total: string, unit = USDM) =>
  buyer.call("/purchase/voucher", { ...ids({ blockchainIdentifier: deal.id }), unit, total });

const hand = (
  deal: Deal,
  voucher: { unit: string; total: string; vkey: string; signature: string },
) => seller.call("/payment/voucher", { ...ids({ blockchainIdentifier: deal.id }), voucher });

/** The voucher fields the buyer's answer carries, as the seller is handed them. */
const handed = (data: any) => ({
  unit: data.unit,
  total: data.total,
  vkey: data.vkey,
  signature: data.signature,
});

describe(`vouchers between a buyer's node and a seller's node (${DB_KIND})`, () => {
  it("the buyer signs rising totals; the seller verifies and keeps the latest", async () => {
    const { deal, payment, purchase } = await lockedDeal();
    const first = await issue(deal, "100");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toMatchObject({
      blockchainIdentifier: deal.id,
      scriptHash: SCRIPT_HASH,
      reference: deal.reference,
      unit: USDM,
      total: "100",
      vkey: expect.stringMatching(/^[0-9a-f]{64}$/),
      signature: expect.stringMatching(/^[0-9a-f]{128}$/),
      count: 1,
    });
    // What the chain checks: the signature over these terms, by the lock's buyer key.
    const signed = { ...first.body.data, total: 100n };
    expect(verifyVoucher(signed, buyer.wallet.paymentKeyHash)).toEqual({ ok: true });
    const kept = await hand(deal, handed(first.body.data));
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.data).toMatchObject({ total: "100", count: 1, reference: deal.reference });

    const second = await issue(deal, "250");
    expect(second.body.data).toMatchObject({ total: "250", count: 2 });
    expect((await hand(deal, handed(second.body.data))).body.data).toMatchObject({
      total: "250",
      count: 2,
    });
    const [onSeller] = await seller.database.db
      .select()
      .from(vouchers)
      .where(eq(vouchers.subjectId, payment.id));
    expect(onSeller).toMatchObject({ side: "received", total: 250n, count: 2, unit: USDM });
    const [onBuyer] = await buyer.database.db
      .select()
      .from(vouchers)
      .where(eq(vouchers.subjectId, purchase.id));
    expect(onBuyer).toMatchObject({ side: "issued", total: 250n, count: 2 });
    expect(onBuyer!.signature).toBe(onSeller!.signature);
  });

  it("the buyer answers the same total with the stored voucher and refuses a lower one", async () => {
    const { deal } = await lockedDeal();
    const first = await issue(deal, "400");
    const again = await issue(deal, "400");
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    const lower = await issue(deal, "399");
    expect(lower.status).toBe(409);
    expect(lower.body.error.field).toBe("total");
  });

  it("the seller refuses an older voucher (a lower or equal total) once it holds a later one", async () => {
    const { deal } = await lockedDeal();
    const old = handed((await issue(deal, "10")).body.data);
    const later = handed((await issue(deal, "20")).body.data);
    expect((await hand(deal, later)).status).toBe(200);
    for (const v of [old, later]) {
      const res = await hand(deal, v);
      expect(res.status).toBe(409);
      expect(res.body.error.field).toBe("voucher.total");
    }
  });

  it("the seller refuses a voucher signed by another key, even over the same terms", async () => {
    const { deal } = await lockedDeal();
    const stranger = await openVoucherSigner(seller.database.db, {
      walletId: seller.wallet.id,
      network: "preprod",
      encryptionKeyHex: KEY,
    });
    const v = signVoucher(stranger, {
      scriptHash: SCRIPT_HASH,
      reference: deal.reference,
      unit: USDM,
      total: 50n,
    });
    const res = await hand(deal, handed({ ...v, total: "50" }));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("voucher.vkey");
    // The buyer's vkey with the stranger's signature: the signature is at fault.
    const buyerVkey = handed((await issue(deal, "1")).body.data).vkey;
    const forged = await hand(deal, handed({ ...v, total: "50", vkey: buyerVkey }));
    expect(forged.status).toBe(400);
    expect(forged.body.error.field).toBe("voucher.signature");
  });

  it("the seller refuses a voucher for another escrow of the same buyer", async () => {
    const a = await lockedDeal();
    const b = await lockedDeal();
    const forB = handed((await issue(b.deal, "70")).body.data);
    const res = await hand(a.deal, forB);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("voucher.signature");
    expect((await hand(b.deal, forB)).status).toBe(200);
  });

  it("the seller refuses a tampered voucher: total, unit or a flipped signature bit", async () => {
    const { deal } = await lockedDeal();
    const v = handed((await issue(deal, "300")).body.data);
    const flipped = (v.signature[0] === "0" ? "1" : "0") + v.signature.slice(1);
    for (const [tampered, field] of [
      [{ ...v, total: "301" }, "voucher.signature"],
      [{ ...v, signature: flipped }, "voucher.signature"],
      [{ ...v, unit: "lovelace" }, "voucher.signature"],
    ] as const) {
      const res = await hand(deal, tampered);
      expect(res.status, JSON.stringify(tampered)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await hand(deal, v)).status).toBe(200);
  });

  it("the seller refuses a unit the escrow does not hold and a total above what it can pay", async () => {
    const { deal } = await lockedDeal(1_000n);
    const signer = await buyerSigner();
    const sign = (unit: string, total: bigint) => {
      const v = signVoucher(signer, {
        scriptHash: SCRIPT_HASH,
        reference: deal.reference,
        unit,
        total,
      });
      return { unit, total: total.toString(), vkey: v.vkey, signature: v.signature };
    };
    const otherToken = `${"cd".repeat(28)}${"01".repeat(4)}`;
    const notHeld = await hand(deal, sign(otherToken, 5n));
    expect(notHeld.status).toBe(400);
    expect(notHeld.body.error.field).toBe("voucher.unit");
    const over = await hand(deal, sign(USDM, 1_001n));
    expect(over.status).toBe(400);
    expect(over.body.error.field).toBe("voucher.total");
    // Lovelace: the deposit is never the seller's, so a voucher may not reach into it.
    const deposit = await hand(deal, sign("lovelace", 1n));
    expect(deposit.status).toBe(400);
    expect(deposit.body.error.field).toBe("voucher.total");
    expect((await hand(deal, sign(USDM, 1_000n))).status).toBe(200);
  });

  it("after a redemption on chain, the cap is what remains plus what was redeemed", async () => {
    const { deal } = await lockedDeal(1_000n);
    const signer = await buyerSigner();
    const sign = (total: bigint) => {
      const v = signVoucher(signer, {
        scriptHash: SCRIPT_HASH,
        reference: deal.reference,
        unit: USDM,
        total,
      });
      return { unit: USDM, total: total.toString(), vkey: v.vkey, signature: v.signature };
    };
    // 600 redeemed: the escrow holds 400 more, and the datum records 600.
    await recordEvent(seller, deal, buyer.wallet, {
      kind: "move",
      datum: { voucherTotal: 600n },
      value: [
        { unit: "lovelace", amount: DEPOSIT },
        { unit: USDM, amount: 400n },
      ],
    });
    const redeemed = await hand(deal, sign(600n));
    expect(redeemed.status).toBe(409);
    expect(redeemed.body.error.field).toBe("voucher.total");
    expect((await hand(deal, sign(1_001n))).body.error.field).toBe("voucher.total");
    expect((await hand(deal, sign(1_000n))).status).toBe(200);
  });

  it("the buyer refuses a total above what it locked, a unit it did not lock, another unit than before", async () => {
    const { deal } = await lockedDeal(1_000n);
    const over = await issue(deal, "1001");
    expect(over.status).toBe(400);
    expect(over.body.error.field).toBe("total");
    const unit = await issue(deal, "5", "lovelace");
    expect(unit.status).toBe(400);
    expect(unit.body.error.field).toBe("unit");
    const both = await lockedDealIn([
      { unit: "lovelace", amount: 3_000_000n },
      { unit: USDM, amount: 1_000n },
    ]);
    expect((await issue(both, "5", USDM)).status).toBe(200);
    const switched = await issue(both, "6", "lovelace");
    expect(switched.status).toBe(409);
    expect(switched.body.error.field).toBe("unit");
  });

  it("no voucher before the lock or after the escrow ended, on either node", async () => {
    const deal = await signedDeal(seller, [{ unit: USDM, amount: 1_000n }]);
    await insertPayment(seller, deal, "WaitingForFunds");
    await insertPurchase(buyer, deal, seller.wallet, "WaitingForFunds");
    const early = await issue(deal, "5");
    expect(early.status).toBe(409);
    expect(early.body.error.field).toBe("blockchainIdentifier");

    const { deal: ended } = await lockedDeal(1_000n);
    const v = handed((await issue(ended, "5")).body.data);
    await recordEvent(seller, ended, buyer.wallet, { kind: "end" });
    await recordEvent(buyer, ended, buyer.wallet, { kind: "end" });
    expect((await issue(ended, "6")).status).toBe(409);
    const late = await hand(ended, v);
    expect(late.status).toBe(409);
    expect(late.body.error.field).toBe("blockchainIdentifier");
  });

  it("only the creator's key or an admin acts; others get 403, unknown identifiers 404", async () => {
    const { deal } = await lockedDeal();
    const body = { ...ids({ blockchainIdentifier: deal.id }), unit: USDM, total: "1" };
    expect((await buyer.call("/purchase/voucher", body, buyer.otherPayToken)).status).toBe(403);
    expect((await buyer.call("/purchase/voucher", body, buyer.readToken)).status).toBe(403);
    expect((await buyer.call("/purchase/voucher", body, null)).status).toBe(401);
    expect((await buyer.call("/purchase/voucher", body, ADMIN)).status).toBe(200);
    const unknown = await signedDeal(seller, [{ unit: USDM, amount: 1n }]);
    const missing = await buyer.call("/purchase/voucher", {
      ...body,
      blockchainIdentifier: unknown.id,
    });
    expect(missing.status).toBe(404);
    const v = handed((await issue(deal, "2")).body.data);
    const other = await seller.call(
      "/payment/voucher",
      { ...ids({ blockchainIdentifier: deal.id }), voucher: v },
      seller.otherPayToken,
    );
    expect(other.status).toBe(403);
  });

  it("answers never carry the wallet's secret, only the public key", async () => {
    const { deal } = await lockedDeal();
    const res = await issue(deal, "9");
    expect(Object.keys(res.body.data).sort()).toEqual([
      "blockchainIdentifier",
      "count",
      "reference",
      "scriptHash",
      "signature",
      "total",
      "unit",
      "vkey",
    ]);
    // The message the signature covers is the documented layout.
    expect(voucherMessage({ ...res.body.data, total: 9n }).length).toBe(
      28 + 16 + 8 + USDM.length / 2,
    );
  });
});

async function buyerSigner() {
  return openVoucherSigner(buyer.database.db, {
    walletId: buyer.wallet.id,
    network: "preprod",
    encryptionKeyHex: KEY,
  });
}

async function lockedDealIn(amounts: { unit: string; amount: bigint }[]): Promise<Deal> {
  const deal = await signedDeal(seller, amounts);
  await insertPayment(seller, deal);
  await insertPurchase(buyer, deal, seller.wallet);
  await recordEvent(seller, deal, buyer.wallet);
  await recordEvent(buyer, deal, buyer.wallet);
  return deal;
}
