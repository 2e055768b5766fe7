/**
 * Metered escrow (issue 10) end to end: one test per billing pattern of the escrow seed, over
 * HTTP against a whole node on its own devnet, one node selling (its selling wallet) and buying
 * (its purchasing wallet), vouchers carried by the test from `/purchase/voucher` to
 * `/payment/voucher`, time moved on demand. Every amount is checked on the transaction that
 * settled it, read from the devnet's Blockfrost API (what each escrow gave up, what each
 * party's address gained), and against the `meter` of the views. Then the negative space: what
 * the node must refuse before anything reaches the script, and what the buyer's node disputes.
 *
 * Escrows a test leaves open have deadlines months out (FAR_MS), so no other test's time move
 * reaches them; a test that ends its escrows by time uses the default hour.
 */
import { MeshWallet } from "@meshsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { charge, type Usage } from "../src/domain/charge.ts";
import { schedule } from "../src/domain/payment-times.ts";
import { parsePriceSheet } from "../src/domain/price-sheet.ts";
import { createVoucherSigner, signVoucher } from "../src/domain/voucher-signer.ts";
import { EscrowActionError, requestAction } from "../src/services/escrow-actions.ts";
import { paymentByIdentifier } from "../src/services/payments.ts";
import { purchaseByIdentifier } from "../src/services/purchases.ts";
import { DB_KIND } from "./support/db.ts";
import { bothSides, expectEventShape } from "./support/usage-events.ts";
import { usageEvents } from "../src/db/schema.ts";
import type { UsageEventBody } from "../src/domain/usage-event.ts";
import {
  closeNodes,
  MINUTE_MS,
  moveTimeTo,
  openNode,
  PRICE,
  registerAgent,
  TUSDM,
  viewOf,
  type TestNode,
} from "./support/lifecycle-world.ts";
import {
  act,
  bothIn,
  checkPayouts,
  endOf,
  escrowIdOf,
  escrowValue,
  FAR_MS,
  fundBuyer,
  handVoucher,
  issueVoucher,
  meterAmounts,
  meteredJobs,
  meterTx,
  moveOn,
  payByVoucher,
  payKey,
  post,
  stepsOf,
  STRANGER_UNIT,
  views,
  waitSteps,
  type Job,
  type MeteredTerms,
  type SettledTx,
} from "./support/metered-e2e-world.ts";

/** What every escrow here locks: the agent's price, the buyer's ceiling. */
const CEILING = BigInt(PRICE);
const DAY_MS = 24 * 60 * MINUTE_MS;
const far: MeteredTerms = { submitResultInMs: FAR_MS };
/** A test's budget: a few locks and steps, each waited for up to SETTLE_MS. */
const TEST_MS = 150_000;

let n: TestNode;
let agent: string;

beforeAll(async () => {
  n = await openNode({ SELLING_WALLETS: "1", PURCHASING_WALLETS: "1" });
  agent = await registerAgent(n);
  await fundBuyer(n, 60, CEILING);
}, 120_000);
afterAll(async () => {
  await closeNodes(n);
});

const resultHash = (i: number) => i.toString(16).padStart(64, "d");

/** Jobs with `terms`, locked on both sides; with their escrow ids. */
async function locked(count: number, terms: MeteredTerms = {}) {
  const jobs = await meteredJobs(n, agent, count, terms);
  await bothIn(
    n,
    jobs.map((j) => j.id),
    "FundsLocked",
  );
  const escrowIds = await Promise.all(jobs.map((j) => escrowIdOf(n, j.id)));
  return jobs.map((j, i) => ({ ...j, escrowId: escrowIds[i]! }));
}

const pair = <T>(xs: T[]): [T, T] => [xs[0]!, xs[1]!];

/** Moves time past the job's unlockTime and the scheduler's margin, when it withdraws. */
async function pastUnlock(job: Job): Promise<void> {
  const { autoWithdrawAtMs } = schedule({
    payByTimeMs: 0,
    submitResultTimeMs: 0,
    unlockTimeMs: Number(job.payment.unlockTime),
    externalDisputeUnlockTimeMs: 0,
  });
  await moveTimeTo(n, autoWithdrawAtMs + MINUTE_MS);
}

/** The answer of a request the node must refuse: its status and the field it names. */
async function refusal(route: string, id: string, extra: object, token?: string) {
  const res = await post(n, route, id, extra, token);
  return { status: res.status, field: res.body?.error?.field as string | undefined };
}

const tokenSheet = {
  unit: TUSDM,
  model: "tokens",
  // Per 1M tokens, in base units; odd prices so the one rounding up at the end shows.
  inputPricePer1MTokens: "123456789",
  outputPricePer1MTokens: "234567891",
};
const tokenUsage = { inputTokens: "12345", outputTokens: "6789" };

/** What charge.ts makes of a wire usage under a wire sheet, within the ceiling. */
function chargeOf(wireSheet: unknown, wireUsage: Record<string, string>): bigint {
  const parsed = parsePriceSheet(wireSheet);
  if (!parsed.ok) throw new Error(parsed.message);
  const b = (k: string) => BigInt(wireUsage[k] ?? "0");
  const usage: Usage = {
    calls: b("calls"),
    inputTokens: b("inputTokens"),
    outputTokens: b("outputTokens"),
    computeMs: b("computeMs"),
  };
  const c = charge(parsed.sheet, usage, { ceiling: CEILING });
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.amount;
}

describe(`metered escrow patterns over HTTP on ${DB_KIND}`, () => {
  it(
    "pay-per-call against a prepaid balance",
    async () => {
      const [job] = await locked(1);
      const { id, escrowId } = job!;
      const callPrice = 10_000n;
      const calls = 100;
      let older;
      for (let call = 1; call <= calls; call++) {
        const v = await payByVoucher(n, id, TUSDM, callPrice * BigInt(call));
        if (call === 50) older = v;
      }
      const paid = callPrice * BigInt(calls);
      await act(n, "/payment/redeem-voucher", id);
      const [redeem] = await waitSteps(n, [escrowId], 1);
      // Exactly the sum of the calls moves, by one transaction for a hundred calls.
      await checkPayouts(n, [{ step: redeem!, unit: TUSDM, toSeller: paid, toBuyer: 0n }]);
      const { payment } = await views(n, id);
      expect(payment.meter.voucherTotal).toBe(paid.toString());
      expect(meterTx(payment, redeem!.txHash, TUSDM)).toMatchObject({
        toSeller: paid,
        toBuyer: 0n,
      });
      expect(meterAmounts(payment, TUSDM)).toMatchObject({
        locked: CEILING.toString(),
        redeemed: paid.toString(),
        remaining: (CEILING - paid).toString(),
      });
      // An older voucher (a lower total than the one redeemed) is worth nothing now.
      const stale = await handVoucher(n, id, older!);
      expect([400, 409]).toContain(stale.status);
      expect(stale.body.error.field).toBe("voucher.total");

      // The seller claims nothing more; the unused balance returns to the buyer at the end.
      await moveOn(n);
      await act(n, "/payment/submit-result", id, {
        submitResultHash: resultHash(1),
        claim: [{ unit: TUSDM, amount: "0" }],
      });
      await bothIn(n, [id], "ResultSubmitted");
      await pastUnlock(job!);
      await bothIn(n, [id], "Withdrawn");
      const end = await endOf(n, escrowId);
      await checkPayouts(n, [{ step: end, unit: TUSDM, toSeller: 0n, toBuyer: CEILING - paid }]);
      expect(meterAmounts(await viewOf(n, "purchase", id), TUSDM)).toMatchObject({
        paidToSeller: paid.toString(),
        paidToBuyer: (CEILING - paid).toString(),
        remaining: "0",
      });
    },
    TEST_MS,
  );

  it(
    "pay-per-token",
    async () => {
      const expected = chargeOf(tokenSheet, tokenUsage);
      // 12,345 × 123.456789 + 6,789 × 234.567891 = 3,116,555.47…, rounded up once at the end;
      // below the 5 tUSDM ceiling, so nothing is capped.
      expect(expected).toBe(3_116_556n);
      const [job] = await locked(1, { priceSheet: tokenSheet });
      const { id, escrowId } = job!;
      // The buyer's node records the usage it saw, to check the seller's claim against.
      await act(n, "/purchase/usage", id, { usage: tokenUsage });
      await act(n, "/payment/submit-result", id, {
        submitResultHash: resultHash(2),
        usage: tokenUsage,
      });
      const [payment] = await bothIn(n, [id], "ResultSubmitted");
      expect(payment.meter.claim).toEqual([{ unit: TUSDM, amount: expected.toString() }]);
      expect(payment.meter.priceSheetHash).toMatch(/^[0-9a-f]{64}$/);
      // The claim matches the buyer's usage: its node does not dispute it.
      await pastUnlock(job!);
      await bothIn(n, [id], "Withdrawn");
      const end = await endOf(n, escrowId);
      await checkPayouts(n, [
        { step: end, unit: TUSDM, toSeller: expected, toBuyer: CEILING - expected },
      ]);
      expect(meterTx(await viewOf(n, "payment", id), end.txHash, TUSDM)).toMatchObject({
        toSeller: expected,
        toBuyer: CEILING - expected,
      });
    },
    TEST_MS,
  );

  it(
    "flat subscription",
    async () => {
      // A week's price, locked with auto-release; no result is ever submitted.
      const [job] = await locked(1, {
        autoRelease: true,
        submitResultInMs: 7 * DAY_MS - 20 * MINUTE_MS,
        unlockInMs: 7 * DAY_MS,
      });
      const { id, escrowId } = job!;
      const { payment, purchase } = await views(n, id);
      expect(payment.meter.autoRelease).toBe(true);
      expect(purchase.meter.autoRelease).toBe(true);
      // Past submitResultTime (and the scheduler's refund margin) but before the period's end:
      // an escrow without auto-release would be refunded by now; this one stays locked.
      await moveTimeTo(n, Number(job!.payment.unlockTime) - MINUTE_MS);
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await viewOf(n, "payment", id)).state).toBe("FundsLocked");
      expect((await stepsOf(n, [escrowId])).get(escrowId)).toEqual([]);
      await pastUnlock(job!);
      await bothIn(n, [id], "Withdrawn");
      const end = await endOf(n, escrowId);
      await checkPayouts(n, [{ step: end, unit: TUSDM, toSeller: CEILING, toBuyer: 0n }]);
    },
    TEST_MS,
  );

  it(
    "milestones",
    async () => {
      const [job] = await locked(1, far);
      const { id, escrowId } = job!;
      const shares = [CEILING / 4n, CEILING / 2n];
      const steps = [];
      for (const [i, amount] of shares.entries()) {
        await act(n, "/purchase/release", id, {
          amounts: [{ unit: TUSDM, amount: String(amount) }],
        });
        steps.push((await waitSteps(n, [escrowId], i + 1))[0]!);
        // The buyer's cooldown runs to the end of its last transaction's validity.
        await moveOn(n);
      }
      const { purchase } = await views(n, id);
      expect(meterAmounts(purchase, TUSDM)).toMatchObject({
        released: String(shares[0]! + shares[1]!),
        remaining: String(CEILING - shares[0]! - shares[1]!),
      });
      // The last milestone accepted: a full release settles the escrow without waiting.
      await act(n, "/purchase/release", id);
      await bothIn(n, [id], "Withdrawn");
      const last = CEILING - shares[0]! - shares[1]!;
      await checkPayouts(n, [
        { step: steps[0]!, unit: TUSDM, toSeller: shares[0]!, toBuyer: 0n },
        { step: steps[1]!, unit: TUSDM, toSeller: shares[1]!, toBuyer: 0n },
        { step: await endOf(n, escrowId), unit: TUSDM, toSeller: last, toBuyer: 0n },
      ]);
      expect([shares[0], shares[1], last]).toEqual([1_250_000n, 2_500_000n, 1_250_000n]);
    },
    TEST_MS,
  );

  it(
    "streaming",
    async () => {
      const escrows = 20;
      const everyUnits = 25_000n;
      const vouchersEach = 8;
      const jobs = await locked(escrows, far);
      const escrowIds = jobs.map((j) => j.escrowId);
      // Every escrow streams at once; each one's vouchers in order, a voucher every N units.
      await Promise.all(
        jobs.map(async (j) => {
          for (let k = 1; k <= vouchersEach; k++)
            await payByVoucher(n, j.id, TUSDM, everyUnits * BigInt(k));
        }),
      );
      const streamed = everyUnits * BigInt(vouchersEach);
      await Promise.all(jobs.map((j) => act(n, "/payment/redeem-voucher", j.id)));
      const redeems = await waitSteps(n, escrowIds, 1);
      const redeemTxs = await checkPayouts(
        n,
        redeems.map((step) => ({ step, unit: TUSDM, toSeller: streamed, toBuyer: 0n })),
      );
      // One settling transaction for all of them (two if the submitter ticked mid-way through).
      expect(redeemTxs.length).toBeLessThanOrEqual(2);

      // The same with on-chain releases every N units, batched.
      const rounds = 3;
      const releaseTxs: SettledTx[] = [];
      for (let round = 1; round <= rounds; round++) {
        await Promise.all(
          jobs.map((j) =>
            act(n, "/purchase/release", j.id, {
              amounts: [{ unit: TUSDM, amount: everyUnits.toString() }],
            }),
          ),
        );
        const released = await waitSteps(n, escrowIds, 1 + round);
        const txs = await checkPayouts(
          n,
          released.map((step) => ({ step, unit: TUSDM, toSeller: everyUnits, toBuyer: 0n })),
        );
        expect(txs.length).toBeLessThanOrEqual(2);
        releaseTxs.push(...txs);
        await moveOn(n);
      }
      const releasesPerTx = (escrows * rounds) / releaseTxs.length;
      console.log(
        `streaming: ${escrows} escrows, vouchers settled in ${redeemTxs.length} transaction(s); ` +
          `${escrows * rounds} releases in ${releaseTxs.length} transactions ` +
          `(${releasesPerTx.toFixed(1)} releases per transaction)`,
      );
      expect(releasesPerTx).toBeGreaterThanOrEqual(10);
      const { payment } = await views(n, jobs[0]!.id);
      expect(meterAmounts(payment, TUSDM)).toMatchObject({
        redeemed: streamed.toString(),
        released: String(everyUnits * BigInt(rounds)),
        remaining: String(CEILING - streamed - everyUnits * BigInt(rounds)),
      });
    },
    TEST_MS,
  );

  it(
    "performance-based",
    async () => {
      const jobs = await locked(3, far);
      const [great, good, poor] = [jobs[0]!, jobs[1]!, jobs[2]!];
      const scores = new Map([
        [great.id, 0.95],
        [good.id, 0.75],
        [poor.id, 0.5],
      ]);
      /** The seller's share by the score: all from 0.9, 70 % from 0.7, nothing below. */
      const shareOf = (score: number) =>
        score >= 0.9 ? CEILING : score >= 0.7 ? (CEILING * 70n) / 100n : 0n;
      expect(shareOf(scores.get(good.id)!)).toBe(3_500_000n);

      // The seller's result carries its claim by the score; the buyer's node accepts it at once.
      await act(n, "/payment/submit-result", great.id, { submitResultHash: resultHash(3) });
      await act(n, "/payment/submit-result", good.id, {
        submitResultHash: resultHash(4),
        claim: [{ unit: TUSDM, amount: String(shareOf(0.75)) }],
      });
      await bothIn(n, [great.id, good.id], "ResultSubmitted");
      await act(n, "/purchase/release", great.id);
      await act(n, "/purchase/release", good.id);
      await bothIn(n, [great.id, good.id], "Withdrawn");
      // Below 0.7: the buyer asks for its money back and the seller agrees.
      await act(n, "/purchase/request-refund", poor.id);
      await bothIn(n, [poor.id], "RefundRequested");
      await act(n, "/payment/authorize-refund", poor.id);
      await bothIn(n, [poor.id], "RefundWithdrawn");

      await checkPayouts(
        n,
        await Promise.all(
          jobs.map(async (j) => {
            const share = shareOf(scores.get(j.id)!);
            const step = await endOf(n, j.escrowId);
            return { step, unit: TUSDM, toSeller: share, toBuyer: CEILING - share };
          }),
        ),
        jobs.map((j) => j.escrowId),
      );
    },
    TEST_MS,
  );

  it(
    "hybrid",
    async () => {
      const [base, overage] = pair(await locked(2, far));
      const deposit = (await escrowValue(n, overage.escrowId)).find((a) => a.unit === "lovelace")!;
      const unitPrice = 20_000n;
      const unitsOver = 37;
      // The quota is paid by the base escrow; each unit beyond it is drawn from the overage one.
      for (let u = 1; u <= unitsOver; u++)
        await payByVoucher(n, overage.id, TUSDM, unitPrice * BigInt(u));
      const drawn = unitPrice * BigInt(unitsOver);
      await act(n, "/payment/redeem-voucher", overage.id);
      const [redeem] = await waitSteps(n, [overage.escrowId], 1);
      await moveOn(n);
      // The unused overage goes back to the buyer at once (the seller's partial refund).
      const unused = CEILING - drawn;
      await act(n, "/payment/partial-refund", overage.id, {
        unit: TUSDM,
        amount: unused.toString(),
      });
      const [refund] = await waitSteps(n, [overage.escrowId], 2);
      // The base: result submitted, accepted in full; the overage escrow, now only the buyer's
      // deposit, is accepted too, which returns the deposit and ends it.
      await act(n, "/payment/submit-result", base.id, { submitResultHash: resultHash(5) });
      await bothIn(n, [base.id], "ResultSubmitted");
      await act(n, "/purchase/release", base.id);
      await act(n, "/purchase/release", overage.id);
      await bothIn(n, [base.id, overage.id], "Withdrawn");
      await checkPayouts(
        n,
        [
          { step: redeem!, unit: TUSDM, toSeller: drawn, toBuyer: 0n },
          { step: refund!, unit: TUSDM, toSeller: 0n, toBuyer: unused },
          { step: await endOf(n, base.escrowId), unit: TUSDM, toSeller: CEILING, toBuyer: 0n },
          { step: await endOf(n, overage.escrowId), unit: TUSDM, toSeller: 0n, toBuyer: 0n },
        ],
        [base.escrowId, overage.escrowId],
      );
      expect(meterAmounts(await viewOf(n, "purchase", overage.id), TUSDM)).toMatchObject({
        redeemed: drawn.toString(),
        refunded: unused.toString(),
        paidToSeller: drawn.toString(),
        paidToBuyer: unused.toString(),
        remaining: "0",
      });
      // The buyer's min-UTxO deposit is not part of what the meter calls locked (nothing was
      // priced in lovelace), and it comes back to the buyer with the last step.
      expect(meterAmounts(await viewOf(n, "purchase", overage.id), "lovelace")).toMatchObject({
        locked: "0",
        paidToBuyer: deposit.amount,
        remaining: "0",
      });
    },
    TEST_MS,
  );

  it("wrote a usage event for each metered change, on both sides where both see it", async () => {
    const db = n.node.parts!.database.db;
    const rows = await db.select().from(usageEvents);
    const seen = new Set<string>();
    for (const row of rows) {
      const body = JSON.parse(row.body) as UsageEventBody;
      expectEventShape(row, body);
      seen.add(body.type);
      if (body.type.endsWith(".voucher_updated")) {
        expect(body.voucher?.unit).toBe(TUSDM);
        expect(BigInt(body.voucher!.increment)).toBeGreaterThan(0n);
        expect(BigInt(body.voucher!.total)).toBeGreaterThanOrEqual(BigInt(body.voucher!.increment));
        // The seller's node knows its buyer from the lock, as the buyer's does.
        expect(body.buyerVkey).toMatch(/^[0-9a-f]{56}$/);
      }
      if (body.type.endsWith(".claim_submitted")) expect(body.claim?.length).toBeGreaterThan(0);
      if (body.type.endsWith(".partially_refunded"))
        expect(body.paidToBuyer.some((a) => a.unit === TUSDM)).toBe(true);
    }
    const metered = [
      "funds_locked",
      "voucher_updated",
      "voucher_redeemed",
      "claim_submitted",
      "partially_refunded",
      "released",
      "accepted",
      "withdrawn",
    ];
    for (const type of [...bothSides(...metered), "purchase.usage_reported"])
      expect([...seen], type).toContain(type);
    console.log(`metered-patterns: usage event types seen: ${[...seen].sort().join(", ")}`);
  });
});

describe("metered escrow: what the nodes refuse", () => {
  it(
    "refuses a voucher signed by someone else, for another escrow, or in a unit not held",
    async () => {
      const [a, b] = pair(await locked(2, far));
      const forA = await issueVoucher(n, a.id, TUSDM, 100_000n);
      // B's own first voucher, which also tells the test B's reference and the script hash.
      const forB = await payByVoucher(n, b.id, TUSDM, 50_000n);
      expect(forB.reference).not.toBe(forA.reference);
      // A's voucher handed to B's seller: signed over A's reference, so not over B's terms.
      const crossed = await handVoucher(n, b.id, { ...forA });
      expect(crossed.status).toBe(400);
      expect(crossed.body.error.field).toBe("voucher.signature");
      // Signed by a key that is not the escrow's buyer's.
      const stranger = await createVoucherSigner(MeshWallet.brew() as string[]);
      const forged = signVoucher(stranger, {
        scriptHash: forB.scriptHash,
        reference: forB.reference,
        unit: TUSDM,
        total: 200_000n,
      });
      const foreign = await handVoucher(n, b.id, { ...forged, total: forged.total.toString() });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.field).toBe("voucher.vkey");
      // Totals only rise: the same voucher again, or a lower one, is refused.
      await payByVoucher(n, b.id, TUSDM, 80_000n);
      const lower = await handVoucher(n, b.id, forB);
      expect([400, 409]).toContain(lower.status);
      expect(lower.body.error.field).toBe("voucher.total");
      // Nothing is signed for a unit the escrow does not hold, or for more than it holds.
      expect(await refusal("/purchase/voucher", b.id, { unit: STRANGER_UNIT, total: "1" })).toEqual(
        {
          status: 400,
          field: "unit",
        },
      );
      const above = await refusal("/purchase/voucher", b.id, {
        unit: TUSDM,
        total: String(CEILING + 1n),
      });
      expect(above).toEqual({ status: 400, field: "total" });
      // The seller still redeems the best voucher it holds.
      await act(n, "/payment/redeem-voucher", b.id);
      const [redeem] = await waitSteps(n, [await escrowIdOf(n, b.id)], 1);
      await checkPayouts(n, [{ step: redeem!, unit: TUSDM, toSeller: 80_000n, toBuyer: 0n }]);
    },
    TEST_MS,
  );

  it(
    "refuses a claim above the ceiling, or in a unit not held, before it reaches the script",
    async () => {
      const [job] = await locked(1, far);
      const { id, escrowId } = job!;
      const submit = (extra: object) =>
        refusal("/payment/submit-result", id, { submitResultHash: resultHash(6), ...extra });
      const overCeiling = [{ unit: TUSDM, amount: String(CEILING + 1n) }];
      expect(await submit({ claim: overCeiling })).toEqual({
        status: 400,
        field: "claim[0].amount",
      });
      const stranger = [{ unit: STRANGER_UNIT, amount: "1" }];
      expect(await submit({ claim: stranger })).toEqual({ status: 400, field: "claim[0].unit" });
      // Usage needs a price sheet to be charged by; this payment has none.
      expect((await submit({ usage: tokenUsage })).field).toMatch(/^usage/);
      expect(await submit({ usage: tokenUsage, claim: overCeiling })).toMatchObject({
        status: 400,
      });
      // Nothing was queued: no step, and the escrow still takes a claim at the ceiling.
      expect((await viewOf(n, "payment", id)).NextAction.requestedAction).not.toMatch(/Requested$/);
      expect((await stepsOf(n, [escrowId])).get(escrowId)).toEqual([]);
      await act(n, "/payment/submit-result", id, {
        submitResultHash: resultHash(6),
        claim: [{ unit: TUSDM, amount: String(CEILING) }],
      });
      const [payment] = await bothIn(n, [id], "ResultSubmitted");
      expect(payment.meter.claim).toEqual([{ unit: TUSDM, amount: CEILING.toString() }]);
    },
    TEST_MS,
  );

  it(
    "disputes a claim above what usage and pricing allow; the admins resolve it",
    async () => {
      const allowed = chargeOf(tokenSheet, tokenUsage);
      const [job] = await locked(1, { priceSheet: tokenSheet });
      const { id, escrowId } = job!;
      await act(n, "/purchase/usage", id, { usage: tokenUsage });
      // The seller claims one base unit more than the usage it was told of allows.
      await act(n, "/payment/submit-result", id, {
        submitResultHash: resultHash(7),
        claim: [{ unit: TUSDM, amount: String(allowed + 1n) }],
      });
      // The buyer's node checks the claim with the same charge function and disputes it itself.
      await bothIn(n, [id], "Disputed");
      await moveTimeTo(n, Number(job!.payment.externalDisputeUnlockTime) + MINUTE_MS);
      const lovelace = (await escrowValue(n, escrowId)).find((a) => a.unit === "lovelace")!;
      const resolved = await post(n, "/payment/resolve-dispute", id, {
        sellerAmounts: [{ unit: TUSDM, amount: String(allowed) }],
        buyerAmounts: [{ unit: TUSDM, amount: String(CEILING - allowed) }, lovelace],
      });
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
      await bothIn(n, [id], "DisputedWithdrawn");
      const end = await endOf(n, escrowId);
      await checkPayouts(n, [
        { step: end, unit: TUSDM, toSeller: allowed, toBuyer: CEILING - allowed },
      ]);
    },
    TEST_MS,
  );

  it(
    "refuses a release by the seller and a partial refund by the buyer",
    async () => {
      const sellerToken = await payKey(n);
      const buyerToken = await payKey(n);
      const [job] = await locked(1, { ...far, sellerToken, buyerToken });
      const { id, escrowId } = job!;
      const amounts = [{ unit: TUSDM, amount: "1000" }];
      // The node never queues a step for the wrong side, whoever asks (an admin included).
      const db = n.node.parts!.database.db;
      const payment = await paymentByIdentifier(db, "preprod", id);
      const purchase = await purchaseByIdentifier(db, "preprod", id);
      const nowMs = n.node.parts!.nowMs();
      const wrongSide = async (req: unknown) => {
        const err = await requestAction(db, req as Parameters<typeof requestAction>[1]).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(EscrowActionError);
        return (err as EscrowActionError).field;
      };
      const params = { unit: TUSDM, amount: "1000" };
      const asSeller = { subject: { kind: "payment", id: payment.id }, nowMs, params };
      const asBuyer = { subject: { kind: "purchase", id: purchase.id }, nowMs, params };
      expect(await wrongSide({ ...asSeller, action: "Release" })).toBe("action");
      expect(await wrongSide({ ...asSeller, action: "Accept", params: undefined })).toBe("action");
      expect(await wrongSide({ ...asBuyer, action: "PartialRefund" })).toBe("action");
      // Over HTTP: the seller's credentials cannot release, the buyer's cannot refund part.
      expect(await refusal("/purchase/release", id, { amounts }, sellerToken)).toEqual({
        status: 403,
        field: "token",
      });
      expect(await refusal("/purchase/release", id, {}, sellerToken)).toEqual({
        status: 403,
        field: "token",
      });
      expect(
        await refusal("/payment/partial-refund", id, { unit: TUSDM, amount: "1000" }, buyerToken),
      ).toEqual({ status: 403, field: "token" });
      // With the right credentials both go through.
      const release = await post(n, "/purchase/release", id, { amounts }, buyerToken);
      expect(release.status, JSON.stringify(release.body)).toBe(200);
      await waitSteps(n, [escrowId], 1);
      const refund = await post(
        n,
        "/payment/partial-refund",
        id,
        { unit: TUSDM, amount: "1000" },
        sellerToken,
      );
      expect(refund.status, JSON.stringify(refund.body)).toBe(200);
      await waitSteps(n, [escrowId], 2);
      const [releaseStep, refundStep] = (await stepsOf(n, [escrowId])).get(escrowId)!;
      await checkPayouts(n, [
        { step: releaseStep!, unit: TUSDM, toSeller: 1000n, toBuyer: 0n },
        { step: refundStep!, unit: TUSDM, toSeller: 0n, toBuyer: 1000n },
      ]);
    },
    TEST_MS,
  );

  it(
    "refuses a release larger than what remains, and amounts in a unit the escrow does not hold",
    async () => {
      const [job] = await locked(1, far);
      const { id, escrowId } = job!;
      const release = (unit: string, amount: bigint) =>
        refusal("/purchase/release", id, { amounts: [{ unit, amount: String(amount) }] });
      const partialRefund = (unit: string, amount: bigint) =>
        refusal("/payment/partial-refund", id, { unit, amount: String(amount) });
      await act(n, "/purchase/release", id, { amounts: [{ unit: TUSDM, amount: "3000000" }] });
      await waitSteps(n, [escrowId], 1);
      await moveOn(n);
      const remaining = CEILING - 3_000_000n;
      const tooMuch = await release(TUSDM, remaining + 1n);
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.field).toMatch(/amount/);
      const strangerRelease = await release(STRANGER_UNIT, 1n);
      expect(strangerRelease.status).toBe(400);
      expect(strangerRelease.field).toMatch(/unit/);
      const refundTooMuch = await partialRefund(TUSDM, remaining + 1n);
      expect(refundTooMuch.status).toBe(400);
      expect(refundTooMuch.field).toMatch(/amount/);
      const strangerRefund = await partialRefund(STRANGER_UNIT, 1n);
      expect(strangerRefund.status).toBe(400);
      expect(strangerRefund.field).toMatch(/unit/);
      // Two entries are not one release; a full release is asked for by leaving amounts out.
      const two = await refusal("/purchase/release", id, {
        amounts: [
          { unit: TUSDM, amount: "1" },
          { unit: "lovelace", amount: "1" },
        ],
      });
      expect(two.status).toBe(400);
      expect(two.field).toMatch(/^amounts/);
      // Nothing was queued by the refusals: exactly what remains still goes.
      expect((await stepsOf(n, [escrowId])).get(escrowId)!.length).toBe(1);
      await act(n, "/purchase/release", id, {
        amounts: [{ unit: TUSDM, amount: String(remaining) }],
      });
      await waitSteps(n, [escrowId], 2);
      const [first, last] = (await stepsOf(n, [escrowId])).get(escrowId)!;
      await checkPayouts(n, [
        { step: first!, unit: TUSDM, toSeller: 3_000_000n, toBuyer: 0n },
        { step: last!, unit: TUSDM, toSeller: remaining, toBuyer: 0n },
      ]);
    },
    TEST_MS,
  );
});
