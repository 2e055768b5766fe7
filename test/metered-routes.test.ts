/**
 * The metered routes up to the service boundary (app.request, no chain): each route reads and
 * checks its body (400 naming the field), who may call it (401, 403), which subject (404), and
 * hands `requestAction` exactly the action and typed parameters of METERED-SPEC.md.
 *
 * `requestAction` is replaced here by a recorder: the actions PartialRefund, RedeemVoucher and
 * Accept and the typed parameters (a claim on SubmitResult) belong to the chain branch's
 * service, which is not merged yet. Once it is, the end-to-end check of each queued intent is
 * its tests' and the lifecycle tests' business; these stay valid as they are.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { payments, purchases } from "../src/db/schema.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { parsePriceSheet, toWireSheet } from "../src/domain/price-sheet.ts";
import { parseStoredUsage } from "../src/domain/usage-wire.ts";
import { signVoucher } from "../src/domain/voucher-signer.ts";
import type { ActionRequest } from "../src/services/escrow-actions.ts";
import { createWallet, openVoucherSigner, type WalletInfo } from "../src/services/wallets.ts";
import { DB_KIND } from "./support/db.ts";
import {
  ADMIN,
  type Deal,
  DEPOSIT,
  ids,
  insertPayment,
  insertPurchase,
  KEY,
  NOW_MS,
  openTestNode,
  recordEvent,
  RESULT_HASH,
  SCRIPT_HASH,
  signedDeal,
  type TestNode,
} from "./support/metered-world.ts";

const recorded = vi.hoisted(() => ({ requests: [] as unknown[] }));

vi.mock("../src/services/escrow-actions.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/services/escrow-actions.ts")>();
  const { payments: p, purchases: q } = await import("../src/db/schema.ts");
  const { eq: is } = await import("drizzle-orm");
  return {
    ...actual,
    // Records the request and answers the subject as it is, as the real service does.
    requestAction: async (db: any, req: ActionRequest) => {
      recorded.requests.push(req);
      const table = req.subject.kind === "payment" ? p : q;
      const [row] = await db.select().from(table).where(is(table.id, req.subject.id));
      return { intentId: randomUUID(), row };
    },
  };
});

const USDM = DEVNET_USDM_UNIT;
const LOCKED = 5_000_000n;
let node: TestNode;
let buyerWallet: WalletInfo;

beforeAll(async () => {
  node = await openTestNode("selling");
  // The buyer's wallet lives on this node's database only to sign test vouchers.
  buyerWallet = await createWallet(node.database.db, {
    role: "purchasing",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: NOW_MS,
  });
}, 120_000);
afterAll(async () => {
  await node?.close();
});
beforeEach(() => {
  recorded.requests.length = 0;
});

const last = () => recorded.requests.at(-1) as ActionRequest & { params?: unknown };

/** A payment (this node sells) and a purchase (this node buys) of one locked deal. */
async function locked(amounts = [{ unit: USDM, amount: LOCKED }]) {
  const deal = await signedDeal(node, amounts);
  const payment = await insertPayment(node, deal);
  await recordEvent(node, deal, buyerWallet);
  return { deal, payment };
}

async function lockedPurchase() {
  const deal = await signedDeal(node, [{ unit: USDM, amount: LOCKED }]);
  const purchase = await insertPurchase(node, deal, node.wallet);
  return { deal, purchase };
}

const subject = (d: Deal) => ids({ blockchainIdentifier: d.id });

/** Posts `body` and expects a 400 naming `field`. */
async function refused(path: string, body: unknown, field: string) {
  const res = await node.call(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.field).toBe(field);
  expect(recorded.requests).toHaveLength(0);
}

describe(`POST /payment/partial-refund (${DB_KIND})`, () => {
  it("queues PartialRefund of one unit for the payment, lovelace written either way", async () => {
    const { deal, payment } = await locked([
      { unit: "lovelace", amount: 3_000_000n },
      { unit: USDM, amount: LOCKED },
    ]);
    const res = await node.call("/payment/partial-refund", {
      ...subject(deal),
      unit: USDM,
      amount: "250",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.blockchainIdentifier).toBe(deal.id);
    expect(last()).toMatchObject({
      subject: { kind: "payment", id: payment.id },
      action: "PartialRefund",
      params: { unit: USDM, amount: "250" },
      nowMs: expect.any(Number),
    });
    await node.call("/payment/partial-refund", { ...subject(deal), unit: "", amount: "7" });
    expect(last().params).toEqual({ unit: "lovelace", amount: "7" });
  });

  it("refuses amounts that are not positive integer strings within 2^63-1, and bad units", async () => {
    const { deal } = await locked();
    const bad = (extra: object, field: string) =>
      refused("/payment/partial-refund", { ...subject(deal), unit: USDM, ...extra }, field);
    for (const amount of ["1.5", "-1", "0", "01", "1e3", " 1", "9223372036854775808", 5, null])
      await bad({ amount }, "amount");
    await bad({ amount: undefined }, "amount");
    for (const unit of ["LOVELACE", "ab", USDM.toUpperCase(), 7])
      await bad({ unit, amount: "1" }, "unit");
    await bad({ network: "Mainnet", amount: "1" }, "network");
    await bad({ blockchainIdentifier: "nope", amount: "1" }, "blockchainIdentifier");
    // The largest amount reads.
    const top = await node.call("/payment/partial-refund", {
      ...subject(deal),
      unit: USDM,
      amount: "9223372036854775807",
    });
    expect(top.status).toBe(200);
  });

  it("answers 401 without a key, 403 for a read key or another pay key, 404 for an unknown payment", async () => {
    const { deal } = await locked();
    const body = { ...subject(deal), unit: USDM, amount: "1" };
    expect((await node.call("/payment/partial-refund", body, null)).status).toBe(401);
    expect((await node.call("/payment/partial-refund", body, node.readToken)).status).toBe(403);
    const other = await node.call("/payment/partial-refund", body, node.otherPayToken);
    expect(other.status).toBe(403);
    expect(other.body.error.field).toBe("token");
    expect((await node.call("/payment/partial-refund", body, ADMIN)).status).toBe(200);
    const unknown = await signedDeal(node, [{ unit: USDM, amount: 1n }]);
    const missing = await node.call("/payment/partial-refund", { ...body, ...subject(unknown) });
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe("blockchainIdentifier");
    expect(recorded.requests).toHaveLength(1);
  });
});

describe(`POST /purchase/release (${DB_KIND})`, () => {
  it("without amounts queues Accept (a full release); with one entry, Release of it", async () => {
    const { deal, purchase } = await lockedPurchase();
    const all = await node.call("/purchase/release", subject(deal));
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(last()).toMatchObject({
      subject: { kind: "purchase", id: purchase.id },
      action: "Accept",
    });
    expect(last().params).toBeUndefined();
    const part = await node.call("/purchase/release", {
      ...subject(deal),
      amounts: [{ unit: USDM, amount: "1250000" }],
    });
    expect(part.status).toBe(200);
    expect(last()).toMatchObject({ action: "Release", params: { unit: USDM, amount: "1250000" } });
  });

  it("refuses two entries, an empty list, a zero amount and a payment's identifier", async () => {
    const { deal } = await lockedPurchase();
    const two = [
      { unit: USDM, amount: "1" },
      { unit: "lovelace", amount: "1" },
    ];
    await refused("/purchase/release", { ...subject(deal), amounts: two }, "amounts");
    await refused("/purchase/release", { ...subject(deal), amounts: [] }, "amounts");
    await refused(
      "/purchase/release",
      { ...subject(deal), amounts: [{ unit: USDM, amount: "0" }] },
      "amounts[0].amount",
    );
    await refused(
      "/purchase/release",
      { ...subject(deal), amounts: [{ unit: USDM, amount: "1", extra: 1 }] },
      "amounts[0]",
    );
    const { deal: sold } = await locked();
    const res = await node.call("/purchase/release", subject(sold));
    expect(res.status).toBe(404);
  });
});

describe(`POST /payment/redeem-voucher (${DB_KIND})`, () => {
  const signFor = async (deal: Deal, total: bigint) => {
    const signer = await openVoucherSigner(node.database.db, {
      walletId: buyerWallet.id,
      network: "preprod",
      encryptionKeyHex: KEY,
    });
    const v = signVoucher(signer, {
      scriptHash: SCRIPT_HASH,
      reference: deal.reference,
      unit: USDM,
      total,
    });
    return { unit: USDM, total: total.toString(), vkey: v.vkey, signature: v.signature };
  };

  it("queues RedeemVoucher with the latest voucher held, and refuses when none is", async () => {
    const { deal, payment } = await locked();
    const none = await node.call("/payment/redeem-voucher", subject(deal));
    expect(none.status).toBe(409);
    expect(none.body.error.field).toBe("blockchainIdentifier");
    const v1 = await signFor(deal, 40n);
    const v2 = await signFor(deal, 90n);
    for (const voucher of [v1, v2])
      expect((await node.call("/payment/voucher", { ...subject(deal), voucher })).status).toBe(200);
    const res = await node.call("/payment/redeem-voucher", subject(deal));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(last()).toEqual({
      subject: { kind: "payment", id: payment.id },
      action: "RedeemVoucher",
      params: v2,
      nowMs: expect.any(Number),
    });
  });

  it("refuses once the held voucher's total has been redeemed on chain", async () => {
    const { deal } = await locked();
    const voucher = await signFor(deal, 500n);
    expect((await node.call("/payment/voucher", { ...subject(deal), voucher })).status).toBe(200);
    await recordEvent(node, deal, buyerWallet, {
      kind: "move",
      datum: { voucherTotal: 500n },
      value: [
        { unit: "lovelace", amount: DEPOSIT },
        { unit: USDM, amount: LOCKED - 500n },
      ],
    });
    const res = await node.call("/payment/redeem-voucher", subject(deal));
    expect(res.status).toBe(409);
    expect(recorded.requests).toHaveLength(0);
  });

  it("refuses a malformed voucher, naming the field", async () => {
    const { deal } = await locked();
    const good = await signFor(deal, 5n);
    const bad = (voucher: unknown, field: string) =>
      refused("/payment/voucher", { ...subject(deal), voucher }, field);
    await bad({ ...good, total: "5.0" }, "voucher.total");
    await bad({ ...good, total: "0" }, "voucher.total");
    await bad({ ...good, vkey: good.vkey.toUpperCase() }, "voucher.vkey");
    await bad({ ...good, signature: good.signature.slice(2) }, "voucher.signature");
    await bad({ ...good, scriptHash: SCRIPT_HASH }, "voucher");
    await bad("voucher", "voucher");
    await bad(undefined, "voucher");
  });
});

describe(`POST /payment/submit-result with usage or a claim (${DB_KIND})`, () => {
  // 3 USDM per 1M input tokens, 15 per 1M output tokens (base units: millionths of a USDM).
  const sheet = parsePriceSheet({
    unit: USDM,
    model: "tokens",
    inputPricePer1MTokens: "3000000",
    outputPricePer1MTokens: "15000000",
  });
  const withSheet = async () => {
    const made = await locked();
    if (!sheet.ok) throw new Error(sheet.message);
    await node.database.db.execute(
      sql`update payments set price_sheet = ${JSON.stringify(toWireSheet(sheet.sheet))} where id = ${made.payment.id}`,
    );
    return made;
  };
  const submit = (deal: Deal, extra: object) =>
    node.call("/payment/submit-result", {
      ...subject(deal),
      submitResultHash: RESULT_HASH,
      ...extra,
    });

  it("charges the usage under the payment's price sheet and claims it", async () => {
    const { deal, payment } = await withSheet();
    const res = await submit(deal, { usage: { inputTokens: "12345", outputTokens: "6789" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 12,345 × 3 + 6,789 × 15 = 37,035 + 101,835 base units, exact.
    expect(last()).toEqual({
      subject: { kind: "payment", id: payment.id },
      action: "SubmitResult",
      params: { resultHash: RESULT_HASH, claim: [{ unit: USDM, amount: "138870" }] },
      nowMs: expect.any(Number),
    });
  });

  it("caps the charge at what the escrow holds", async () => {
    const { deal } = await withSheet();
    await submit(deal, { usage: { outputTokens: "9000000000" } });
    expect(last().params).toMatchObject({ claim: [{ unit: USDM, amount: LOCKED.toString() }] });
  });

  it("refuses usage without a price sheet, a custom unit the sheet lacks, and both usage and claim", async () => {
    const { deal } = await locked();
    await refused(
      "/payment/submit-result",
      { ...subject(deal), submitResultHash: RESULT_HASH, usage: { calls: "1" } },
      "usage",
    );
    const { deal: priced } = await withSheet();
    await refused(
      "/payment/submit-result",
      { ...subject(priced), submitResultHash: RESULT_HASH, usage: { custom: { image: "2" } } },
      "usage.custom.image",
    );
    await refused(
      "/payment/submit-result",
      {
        ...subject(priced),
        submitResultHash: RESULT_HASH,
        usage: { calls: "1" },
        claim: [{ unit: USDM, amount: "1" }],
      },
      "claim",
    );
    for (const [usage, field] of [
      [{ calls: 1 }, "usage.calls"],
      [{ calls: "-1" }, "usage.calls"],
      [{ tokens: "1" }, "usage"],
      [[], "usage"],
    ] as const)
      await refused(
        "/payment/submit-result",
        { ...subject(priced), submitResultHash: RESULT_HASH, usage },
        field,
      );
  });

  it("passes an explicit claim, held to what the escrow holds of units it holds", async () => {
    const { deal } = await locked();
    await submit(deal, { claim: [{ unit: USDM, amount: "4000000" }] });
    expect(last().params).toEqual({
      resultHash: RESULT_HASH,
      claim: [{ unit: USDM, amount: "4000000" }],
    });
    await submit(deal, { claim: [] });
    expect(last().params).toEqual({ resultHash: RESULT_HASH, claim: [] });
    recorded.requests.length = 0;
    const body = { ...subject(deal), submitResultHash: RESULT_HASH };
    await refused(
      "/payment/submit-result",
      { ...body, claim: [{ unit: USDM, amount: (LOCKED + 1n).toString() }] },
      "claim[0].amount",
    );
    await refused(
      "/payment/submit-result",
      { ...body, claim: [{ unit: "cd".repeat(28), amount: "1" }] },
      "claim[0].unit",
    );
    // Lovelace beyond the deposit only: this escrow holds none for the seller.
    await refused(
      "/payment/submit-result",
      { ...body, claim: [{ unit: "lovelace", amount: "1" }] },
      "claim[0].amount",
    );
    await refused(
      "/payment/submit-result",
      {
        ...body,
        claim: [
          { unit: USDM, amount: "1" },
          { unit: USDM, amount: "2" },
        ],
      },
      "claim[1].unit",
    );
  });

  it("without usage or claim, submits the result as before", async () => {
    const { deal } = await locked();
    await submit(deal, {});
    expect(last()).toMatchObject({ action: "SubmitResult", params: { resultHash: RESULT_HASH } });
    expect(last().params).not.toHaveProperty("claim");
  });
});

describe(`POST /purchase/usage (${DB_KIND})`, () => {
  it("stores the buyer's usage, counts as integer strings, omitted counts as zero", async () => {
    const { deal, purchase } = await lockedPurchase();
    const res = await node.call("/purchase/usage", {
      ...subject(deal),
      usage: { calls: "3", inputTokens: "12345", custom: { image: "2" } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = {
      calls: "3",
      outcomes: "0",
      inputTokens: "12345",
      outputTokens: "0",
      computeMs: "0",
      custom: { image: "2" },
    };
    expect(res.body.data).toEqual({ blockchainIdentifier: deal.id, usage: stored });
    const rows = (await node.database.db.execute(
      sql`select reported_usage from purchases where id = ${purchase.id}`,
    )) as any;
    const row = (rows.rows ?? rows)[0];
    expect(JSON.parse(row.reported_usage)).toEqual(stored);
    // What the buyer's claim check reads back.
    expect(parseStoredUsage(row.reported_usage)).toEqual({
      calls: 3n,
      outcomes: 0n,
      inputTokens: 12345n,
      outputTokens: 0n,
      computeMs: 0n,
      custom: { image: 2n },
    });
    const [after] = await node.database.db
      .select()
      .from(purchases)
      .where(eq(purchases.id, purchase.id));
    expect(after!.updatedAtMs).toBeGreaterThan(purchase.updatedAtMs);
  });

  it("refuses bad usage and another key's purchase", async () => {
    const { deal } = await lockedPurchase();
    await refused("/purchase/usage", { ...subject(deal), usage: { calls: "1.5" } }, "usage.calls");
    await refused(
      "/purchase/usage",
      { ...subject(deal), usage: { custom: { Bad: "1" } } },
      "usage.custom.Bad",
    );
    await refused("/purchase/usage", subject(deal), "usage");
    const other = await node.call(
      "/purchase/usage",
      { ...subject(deal), usage: {} },
      node.otherPayToken,
    );
    expect(other.status).toBe(403);
    const [unchanged] = await node.database.db
      .select()
      .from(payments)
      .where(eq(payments.blockchainIdentifier, deal.id));
    expect(unchanged).toBeUndefined();
  });
});
