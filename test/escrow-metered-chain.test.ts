/**
 * The metered escrow steps through the real service, submitter and script on the devnet: each
 * new action is asked of `requestAction` (as the routes and the scheduler ask), lands, and the
 * settling transaction pays exactly what the terms say: a claim's split on Withdraw and Accept,
 * a Release, a PartialRefund, two vouchers redeemed in turn, a subscription withdrawn from
 * FundsLocked, and 32 releases in one transaction. The service refuses, naming the field, what
 * the script would refuse.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEscrowDatum, fromCbor, type EscrowDatum } from "../contracts/index.ts";
import { ESCROW_ACTION_KIND, escrowActionBuilder } from "../src/chain/builders/escrow-action.ts";
import { escrowDeployBuilder } from "../src/chain/builders/escrow-deploy.ts";
import { ESCROW_LOCK_KIND, escrowLockBuilder } from "../src/chain/builders/escrow-lock.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import { intents, payments, purchases, wallets } from "../src/db/schema.ts";
import { createEscrowScheduler } from "../src/workers/escrow-scheduler.ts";
import { createVoucherSigner, signVoucher } from "../src/domain/voucher-signer.ts";
import {
  EscrowActionError,
  requestAction,
  type ActionRequest,
} from "../src/services/escrow-actions.ts";
import { openSecret } from "../src/services/secret-box.ts";
import { DB_KIND } from "./support/db.ts";
import {
  deployEscrow,
  intentRows,
  KEY,
  openEscrowWorld,
  queueAll,
  tickAndBlock,
  USDM,
  type EscrowWorld,
} from "./escrow-world.ts";

const HOUR_MS = 3_600_000;
const TEN_USDM = 10_000_000n;
let w: EscrowWorld;
let times: EscrowLockPayload["times"];
const logs: string[] = [];

interface Locked {
  id: string;
  datum: EscrowDatum;
  payment: string;
  purchase: string;
}
const escrows = new Map<string, Locked>();

beforeAll(async () => {
  w = await openEscrowWorld({ batchMax: 60 });
  // The world's submitter, with its log kept: a failed build says why in `land`'s message.
  w.submitter = createSubmitter({
    db: w.database.db,
    chain: w.chain,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [
      escrowDeployBuilder(w.facts),
      escrowLockBuilder(w.facts, 60),
      escrowActionBuilder(w.facts, { locate: w.locate, batchMax: 60 }),
    ],
    log: (line) => logs.push(line),
    nowMs: () => w.devnet.ledger.nowMs(),
    statusPollMs: 0,
  });
  await deployEscrow(w);
  const now = w.devnet.ledger.nowMs();
  times = {
    payByTimeMs: now + HOUR_MS,
    submitResultTimeMs: now + 2 * HOUR_MS,
    unlockTimeMs: now + 3 * HOUR_MS,
    externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
  };
  const usdm = [{ unit: USDM, amount: TEN_USDM.toString() }];
  const lovelace = [{ unit: "lovelace", amount: "20000000" }];
  await lockAll([
    ["claim", usdm, false],
    ["accept", usdm, false],
    ["release", usdm, false],
    ["refund", usdm, false],
    ["voucher", usdm, false],
    ["auto", usdm, true],
    ["auto2", usdm, true],
    ["ada", lovelace, false],
    ["negative", usdm, false],
    ...Array.from({ length: 32 }, (_, i) => [`batch${i}`, usdm, false] as const),
  ]);
}, 300_000);
afterAll(async () => {
  await w?.close();
});

/** Locks one escrow per name from the buyer's wallet; records each with a payment and purchase. */
async function lockAll(specs: (readonly [string, EscrowLockPayload["amounts"], boolean])[]) {
  const payloads: EscrowLockPayload[] = specs.map(([, amounts, autoRelease]) => ({
    sellerAddress: w.seller.address,
    buyerAddress: w.buyer.address,
    reference: randomBytes(16).toString("hex"),
    inputHash: "11".repeat(32),
    times,
    amounts,
    autoRelease,
  }));
  const ids = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, payloads);
  for (let round = 0; round < 3; round++) await tickAndBlock(w);
  const rows = await intentRows(w, ids);
  expect(rows.map((r) => r.status)).toEqual(Array(ids.length).fill("done"));
  const byReference = new Map<string, { id: string; datum: EscrowDatum }>();
  for (const txHash of new Set(rows.map((r) => r.txHash!)))
    for (const o of (await w.chain.txUtxos(txHash))!.outputs)
      if (o.address === w.facts.escrowAddress) {
        const datum = decodeEscrowDatum(fromCbor(o.inlineDatumCbor!), 0);
        byReference.set(datum.reference, { id: `${txHash}#${o.outputIndex}`, datum });
      }
  for (const [i, [name, , autoRelease]] of specs.entries()) {
    const e = byReference.get(payloads[i]!.reference)!;
    escrows.set(name, { ...e, ...(await subjects(e.id, autoRelease)) });
  }
}

/**
 * A payment (seller's side) and a purchase (buyer's side) on the escrow, in FundsLocked. Their
 * references are not the datum's, so the watcher leaves their states to the test.
 */
async function subjects(escrowId: string, autoRelease: boolean) {
  const common = () => ({
    id: randomUUID(),
    network: "preprod" as const,
    blockchainIdentifier: randomBytes(20).toString("hex"),
    escrowReference: randomBytes(16).toString("hex"),
    agentIdentifier: `${"ab".repeat(28)}01`,
    identifierFromPurchaser: randomBytes(10).toString("hex"),
    inputHash: "11".repeat(32),
    amounts: "[]",
    ...times,
    state: "FundsLocked",
    resultHash: null,
    metadata: null,
    requestedById: "admin",
    escrowId,
    invalidReason: null,
    autoRelease,
    createdAtMs: 0,
    updatedAtMs: 0,
  });
  const payment = common();
  await w.database.db.insert(payments).values({
    ...payment,
    agentName: null,
    pricingType: "Fixed",
    tierName: null,
    sellingWalletId: w.seller.id,
  });
  const purchase = common();
  await w.database.db.insert(purchases).values({
    ...purchase,
    sellerVkey: w.seller.paymentKeyHash,
    sellerAddress: w.seller.address,
    purchasingWalletId: w.buyer.id,
  });
  return { payment: payment.id, purchase: purchase.id };
}

const get = (name: string): Locked => escrows.get(name)!;

/** Asks the service for an action on the named escrow, from the side that takes it. */
function ask(
  name: string,
  side: "seller" | "buyer",
  action: ActionRequest["action"],
  params?: ActionRequest["params"],
) {
  const e = get(name);
  const subject =
    side === "seller"
      ? { kind: "payment" as const, id: e.payment }
      : { kind: "purchase" as const, id: e.purchase };
  return requestAction(w.database.db, { subject, action, params, nowMs: w.devnet.ledger.nowMs() });
}

/** What `ask` throws (an EscrowActionError), or undefined. */
const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err,
  );

/** Sets both subjects' state (as the watcher would for linked ones). */
async function setState(name: string, state: string, resultHash: string | null = null) {
  const e = get(name);
  await w.database.db.update(payments).set({ state, resultHash }).where(eq(payments.id, e.payment));
  await w.database.db
    .update(purchases)
    .set({ state, resultHash })
    .where(eq(purchases.id, e.purchase));
}

/** Ticks until the intents are done (bounded); returns the transactions that carried them. */
async function land(intentIds: string[]): Promise<string[]> {
  for (let round = 0; round < 4; round++) {
    await tickAndBlock(w);
    if ((await intentRows(w, intentIds)).every((r) => r.status === "done")) break;
  }
  const rows = await intentRows(w, intentIds);
  expect(
    rows.map((r) => r.status),
    [...rows.map((r) => r.lastError), ...logs.slice(-3)].join("; "),
  ).toEqual(Array(intentIds.length).fill("done"));
  return [...new Set(rows.map((r) => r.txHash!))];
}

interface Paid {
  lovelace: bigint;
  usdm: bigint;
}

/** The tagged payouts (outputs with an inline datum) of a transaction to a party, summed. */
async function payoutsTo(txHash: string, address: string): Promise<Paid & { count: number }> {
  const outs = (await w.chain.txUtxos(txHash))!.outputs.filter(
    (o) => o.address === address && o.inlineDatumCbor != null && !o.collateral,
  );
  return {
    count: outs.length,
    lovelace: outs.reduce((s, o) => s + o.value.lovelace, 0n),
    usdm: outs.reduce((s, o) => s + (o.value.assets[USDM] ?? 0n), 0n),
  };
}

/** The escrow's continuing output in a transaction (there is one escrow per test tx). */
async function continuing(txHash: string) {
  const outs = (await w.chain.txUtxos(txHash))!.outputs.filter(
    (o) => o.address === w.facts.escrowAddress,
  );
  expect(outs).toHaveLength(1);
  const o = outs[0]!;
  return {
    lovelace: o.value.lovelace,
    usdm: o.value.assets[USDM] ?? 0n,
    datum: decodeEscrowDatum(fromCbor(o.inlineDatumCbor!), 0),
  };
}

/** A wallet's payment key (the buyer's by default), as the buyer's node signs vouchers. */
async function buyerSigner(walletId = w.buyer.id) {
  const [row] = await w.database.db.select().from(wallets).where(eq(wallets.id, walletId));
  const words = openSecret(KEY, row!.encryptedMnemonic, row!.address).split(" ");
  return createVoucherSigner(words);
}

describe(`metered escrow steps on the devnet (${DB_KIND})`, () => {
  it("SubmitResult carries a claim into the datum, the seller's wallet paying its bigger datum", async () => {
    const claim = [{ unit: USDM, amount: "3000000" }];
    const q = await ask("claim", "seller", "SubmitResult", { resultHash: "ab".repeat(32), claim });
    const [tx] = await land([q.intentId]);
    const c = await continuing(tx!);
    expect(c.datum).toMatchObject({
      state: "ResultSubmitted",
      claim: [{ unit: USDM, amount: 3_000_000n }],
    });
    expect(c.usdm).toBe(TEN_USDM);
    expect(c.lovelace).toBeGreaterThanOrEqual(get("claim").datum.buyerLovelace);
    await setState("claim", "ResultSubmitted", "ab".repeat(32));
  });

  it("Accept pays a claim's split at once: the claim to the seller, the rest to the buyer", async () => {
    const claim = [{ unit: USDM, amount: "4000000" }];
    const s = await ask("accept", "seller", "SubmitResult", { resultHash: "cd".repeat(32), claim });
    await land([s.intentId]);
    await setState("accept", "ResultSubmitted", "cd".repeat(32));
    const q = await ask("accept", "buyer", "Accept");
    const [tx] = await land([q.intentId]);
    expect(await payoutsTo(tx!, w.seller.address)).toMatchObject({ count: 1, usdm: 4_000_000n });
    const buyer = await payoutsTo(tx!, w.buyer.address);
    expect(buyer).toMatchObject({ count: 1, usdm: 6_000_000n });
    expect(buyer.lovelace).toBeGreaterThanOrEqual(get("accept").datum.buyerLovelace);
    expect(
      (await w.chain.txUtxos(tx!))!.outputs.some((o) => o.address === w.facts.escrowAddress),
    ).toBe(false);
    // As the watcher records an ended escrow's subjects (these are not linked to it).
    await setState("accept", "Withdrawn", "cd".repeat(32));
  });

  it("Release pays the seller exactly the amount; the rest stays locked in the same state", async () => {
    const q = await ask("release", "buyer", "Release", { unit: USDM, amount: "2000000" });
    const [tx] = await land([q.intentId]);
    expect(await payoutsTo(tx!, w.seller.address)).toMatchObject({ count: 1, usdm: 2_000_000n });
    const c = await continuing(tx!);
    expect(c.usdm).toBe(8_000_000n);
    expect(c.lovelace).toBe(get("release").datum.buyerLovelace);
    expect(c.datum.state).toBe("FundsLocked");
  });

  it("PartialRefund pays the buyer exactly the amount back", async () => {
    const q = await ask("refund", "seller", "PartialRefund", { unit: USDM, amount: "1000000" });
    const [tx] = await land([q.intentId]);
    expect(await payoutsTo(tx!, w.buyer.address)).toMatchObject({ count: 1, usdm: 1_000_000n });
    expect(await payoutsTo(tx!, w.seller.address)).toMatchObject({ count: 0 });
    expect((await continuing(tx!)).usdm).toBe(9_000_000n);
  });

  it("Release of lovelace pays the seller exactly, above the buyer's deposit", async () => {
    const q = await ask("ada", "buyer", "Release", { unit: "lovelace", amount: "5000000" });
    const [tx] = await land([q.intentId]);
    expect(await payoutsTo(tx!, w.seller.address)).toMatchObject({
      count: 1,
      lovelace: 5_000_000n,
    });
    const c = await continuing(tx!);
    expect(c.lovelace).toBe(get("ada").datum.buyerLovelace + 15_000_000n);
  });

  it("RedeemVoucher pays the seller each voucher's total less what was redeemed before", async () => {
    const signer = await buyerSigner();
    const e = get("voucher");
    const voucher = (total: bigint) => {
      const v = signVoucher(signer, {
        scriptHash: w.facts.script.hash,
        reference: e.datum.reference,
        unit: USDM,
        total,
      });
      return { unit: USDM, total: total.toString(), vkey: v.vkey, signature: v.signature };
    };
    const first = await ask("voucher", "seller", "RedeemVoucher", voucher(2_500_000n));
    const [tx1] = await land([first.intentId]);
    expect(await payoutsTo(tx1!, w.seller.address)).toMatchObject({ count: 1, usdm: 2_500_000n });
    expect((await continuing(tx1!)).datum.voucherTotal).toBe(2_500_000n);
    // The seller's own cooldown (the first one's validity end) must pass for the second.
    w.devnet.ledger.advanceTime(5 * 60_000);
    w.devnet.ledger.produceBlock({ allowEmpty: true });
    const second = await ask("voucher", "seller", "RedeemVoucher", voucher(4_000_000n));
    const [tx2] = await land([second.intentId]);
    expect(await payoutsTo(tx2!, w.seller.address)).toMatchObject({ count: 1, usdm: 1_500_000n });
    const c = await continuing(tx2!);
    expect(c.usdm).toBe(6_000_000n);
    expect(c.datum.voucherTotal).toBe(4_000_000n);
    // A voucher older than the one redeemed (a lower total) is refused, naming the total.
    const stale = await refusalOf(ask("voucher", "seller", "RedeemVoucher", voucher(3_000_000n)));
    expect(stale).toBeInstanceOf(EscrowActionError);
    expect(stale).toMatchObject({ kind: "invalid", field: "total" });
  });

  it("refuses a voucher signed by another key in the builder; the rest of the batch lands", async () => {
    const forger = await buyerSigner(w.seller.id);
    const v = signVoucher(forger, {
      scriptHash: w.facts.script.hash,
      reference: get("negative").datum.reference,
      unit: USDM,
      total: 1_000_000n,
    });
    const params = { unit: USDM, total: "1000000", vkey: v.vkey, signature: v.signature };
    const forged = await ask("negative", "seller", "RedeemVoucher", params);
    const refund = await ask("refund", "seller", "PartialRefund", { unit: USDM, amount: "500000" });
    const [tx] = await land([refund.intentId]);
    expect(await payoutsTo(tx!, w.buyer.address)).toMatchObject({ count: 1, usdm: 500_000n });
    const [bad] = await intentRows(w, [forged.intentId]);
    expect(bad).toMatchObject({ status: "failed" });
    expect(bad!.lastError).toMatch(/vkey is not the buyer's payment key \(vkey\)/);
  });

  it("fits 32 releases of 32 escrows in one transaction of the buyer's wallet", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 32; i++)
      ids.push((await ask(`batch${i}`, "buyer", "Release", { unit: USDM, amount: "1" })).intentId);
    const txs = await land(ids);
    expect(txs).toHaveLength(1);
    expect(await payoutsTo(txs[0]!, w.seller.address)).toMatchObject({ count: 32, usdm: 32n });
    const fee = (await w.chain.tx(txs[0]!))!.feesLovelace;
    console.log(`32 releases in one transaction, fee ${fee} lovelace (${fee / 32n} per release)`);
  });
});

describe(`the service refuses what the script would refuse, naming the field (${DB_KIND})`, () => {
  const refused = async (p: Promise<unknown>, field: string, kind = "invalid") => {
    const err = await refusalOf(p);
    expect(err).toBeInstanceOf(EscrowActionError);
    expect(err).toMatchObject({ kind, field });
  };

  it("refuses the other side's part payments", async () => {
    await refused(ask("negative", "seller", "Release", { unit: USDM, amount: "1" }), "action");
    await refused(ask("negative", "buyer", "PartialRefund", { unit: USDM, amount: "1" }), "action");
    await refused(ask("negative", "buyer", "RedeemVoucher"), "action");
    await refused(ask("negative", "seller", "Accept"), "action");
  });

  it("refuses more than remains, a unit not held, and malformed amounts", async () => {
    await refused(
      ask("negative", "buyer", "Release", { unit: USDM, amount: "10000001" }),
      "amount",
    );
    await refused(
      ask("negative", "seller", "PartialRefund", { unit: "cd".repeat(28), amount: "1" }),
      "unit",
    );
    // Lovelace above the buyer's deposit only: the escrow holds its deposit alone.
    await refused(ask("negative", "buyer", "Release", { unit: "lovelace", amount: "1" }), "amount");
    await refused(ask("negative", "buyer", "Release", { unit: USDM, amount: "1.5" }), "amount");
    await refused(ask("negative", "buyer", "Release", { unit: USDM, amount: "0" }), "amount");
    await refused(ask("negative", "buyer", "Release", { unit: "USDM", amount: "1" }), "unit");
  });

  it("refuses a claim above what the escrow holds, or in a unit it does not hold", async () => {
    const hash = "ef".repeat(32);
    const over = [{ unit: USDM, amount: "10000001" }];
    await refused(
      ask("negative", "seller", "SubmitResult", { resultHash: hash, claim: over }),
      "claim[0].amount",
    );
    const other = [{ unit: "cd".repeat(28), amount: "0" }];
    await refused(
      ask("negative", "seller", "SubmitResult", { resultHash: hash, claim: other }),
      "claim[0].unit",
    );
  });

  it("refuses a malformed voucher, naming the field", async () => {
    const v = { unit: USDM, total: "1", vkey: "ab".repeat(32), signature: "cd".repeat(64) };
    await refused(ask("negative", "seller", "RedeemVoucher", { ...v, vkey: "ab" }), "vkey");
    await refused(
      ask("negative", "seller", "RedeemVoucher", { ...v, signature: "zz".repeat(64) }),
      "signature",
    );
    await refused(ask("negative", "seller", "RedeemVoucher", { ...v, total: "-1" }), "total");
    await refused(ask("negative", "seller", "RedeemVoucher", { ...v, total: "10000001" }), "total");
  });
});

describe(`after unlockTime (${DB_KIND})`, () => {
  beforeAll(() => {
    w.devnet.ledger.advanceTime(times.unlockTimeMs - w.devnet.ledger.nowMs() + 60_000);
    w.devnet.ledger.produceBlock({ allowEmpty: true });
  });

  it("refuses a subscription's refund without a request, and Withdraw from FundsLocked without autoRelease", async () => {
    // The buyer of a subscription that did not ask for a refund gets none, and a seller
    // without autoRelease cannot withdraw without a result.
    const refund = await refusalOf(ask("auto2", "buyer", "WithdrawRefund"));
    expect(refund).toMatchObject({ kind: "conflict" });
    expect((refund as Error).message).toMatch(/WithdrawRefund .* say autoRelease/);
    const withdraw = await refusalOf(ask("negative", "seller", "Withdraw"));
    expect(withdraw).toMatchObject({ kind: "conflict" });
    expect((withdraw as Error).message).toMatch(/Withdraw .* do not say autoRelease/);
  });

  it("the scheduler withdraws a claimed escrow with its split and the subscriptions from FundsLocked", async () => {
    const scheduler = createEscrowScheduler({
      db: w.database.db,
      network: "preprod",
      nowMs: () => w.devnet.ledger.nowMs(),
      log: (line) => logs.push(line),
      graceMs: 0,
    });
    await scheduler.tick();
    const queued = await w.database.db
      .select()
      .from(intents)
      .where(and(eq(intents.kind, ESCROW_ACTION_KIND), eq(intents.status, "queued")));
    const bySubject = new Map(queued.map((q) => [q.subjectId, q]));
    const names = [...escrows.keys()].filter((n) => bySubject.has(get(n).payment));
    expect(names.sort()).toEqual(["auto", "auto2", "claim"]);
    const [tx, ...more] = await land(names.map((n) => bySubject.get(get(n).payment)!.id));
    expect(more).toEqual([]);
    // Three escrows in one transaction: 3 USDM (the claim) and twice 10 USDM (subscriptions).
    const seller = await payoutsTo(tx!, w.seller.address);
    expect(seller).toMatchObject({ count: 3, usdm: 23_000_000n });
    const buyer = await payoutsTo(tx!, w.buyer.address);
    expect(buyer).toMatchObject({ count: 3, usdm: 7_000_000n });
    const deposits = ["claim", "auto", "auto2"].reduce(
      (s, n) => s + get(n).datum.buyerLovelace,
      0n,
    );
    expect(buyer.lovelace).toBeGreaterThanOrEqual(deposits);
  });
});
