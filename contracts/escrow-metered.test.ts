/**
 * The escrow's metered steps on the ledger: a claim on SubmitResult and the Withdraw and Accept
 * that pay it, partial refunds, vouchers, and autoRelease. Each passing case checks the exact
 * amounts the transaction pays; each failing case breaks one thing and names the script's check.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { UTxO } from "@meshsdk/core";
import { decodeEscrowDatum, escrowBatch, type EscrowDatum } from "./escrow-data.ts";
import { EscrowTrace as T } from "./escrow/layout.ts";
import { fromCbor } from "./plutus-data.ts";
import {
  qty,
  signedVoucher,
  type ActionItem,
  type Asset,
  type SpendPlan,
} from "./test-support/escrow-tx.ts";
import { expectScriptTrace } from "./test-support/expect.ts";
import {
  defaultAmount,
  inState,
  lockEscrows,
  MINUTE_MS,
  pastDeadlines,
  plan,
  run,
  setup,
  USDM,
  type Fixture,
  type Locked,
} from "./test-support/fixture.ts";
import type { Party } from "./test-support/parties.ts";

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});

const datumAt = (u: UTxO): EscrowDatum =>
  decodeEscrowDatum(fromCbor(u.output.plutusData as string), 0);

function outputOf(txHash: string, index: number): UTxO {
  const u = f.chain.utxo(txHash, index);
  if (u === undefined) throw new Error(`no output ${txHash}#${index}`);
  return u;
}

const amountOf = (u: UTxO): Asset[] => u.output.amount as Asset[];

async function one(
  state: EscrowDatum["state"],
  overrides: Partial<EscrowDatum> = {},
  amount?: Asset[],
): Promise<Locked> {
  const [e] = await lockEscrows(f, 1, () => inState(state, overrides), amount);
  return e as Locked;
}

/** Plans `items` for `by`, runs it, and returns the transaction hash. */
async function act(by: Party, items: ActionItem[]): Promise<{ txHash: string; p: SpendPlan }> {
  const p = plan(f, items, by);
  return { txHash: await run(f, p), p };
}

/** The output of step `i`'s field `field` (an output index) in plan `p`. */
function stepOutput(p: SpendPlan, txHash: string, field: string, i = 0): UTxO {
  const step = p.spends[i]?.step as unknown as Record<string, number>;
  return outputOf(txHash, step[field] as number);
}

describe("claims", () => {
  it("SubmitResult records a claim, and Withdraw pays the claim to the seller and the rest to the buyer", async () => {
    const e = await one("FundsLocked");
    const claim = [{ unit: USDM, amount: 3_951n }];
    const submitted = await act(f.seller, [{ ...e, action: "SubmitResult", claim }]);
    const cont = outputOf(submitted.txHash, 0);
    expect(datumAt(cont).claim).toEqual(claim);

    const [later] = await lockEscrows(f, 1, () =>
      inState("ResultSubmitted", { ...pastDeadlines(f), claim }),
    );
    const w = await act(f.seller, [{ ...(later as Locked), action: "Withdraw" }]);
    const seller = stepOutput(w.p, w.txHash, "sellerOutput");
    const buyer = stepOutput(w.p, w.txHash, "buyerOutput");
    expect(qty(amountOf(seller), USDM)).toBe(3_951n);
    expect(qty(amountOf(buyer), USDM)).toBe(10_000_000n - 3_951n);
    // The buyer gets every lovelace of the escrow back with its tokens.
    expect(qty(amountOf(buyer), "lovelace")).toBe(5_000_000n);
  });

  it("refuses a claim above what the escrow holds, a negative one, and one on the buyer's deposit", async () => {
    for (const claim of [
      [{ unit: USDM, amount: 10_000_001n }],
      [{ unit: "lovelace", amount: 3_000_001n }],
    ]) {
      const e = await one("FundsLocked");
      await expectScriptTrace(
        f,
        plan(f, [{ ...e, action: "SubmitResult", claim }], f.seller),
        T.claim,
      );
    }
    const e = await one("FundsLocked");
    const p = plan(f, [{ ...e, action: "SubmitResult" }], f.seller);
    // claimData refuses negative amounts off-chain, so write the claim's data by hand.
    const negative = {
      constructor: 1,
      fields: [
        {
          map: [
            {
              k: { bytes: USDM.slice(0, 56) },
              v: { map: [{ k: { bytes: USDM.slice(56) }, v: { int: -1 } }] },
            },
          ],
        },
      ],
    };
    const step = escrowBatch(p.spends.map((s) => s.step)) as { list: { fields: unknown[] }[] };
    (step.list[0] as { fields: unknown[] }).fields[2] = negative;
    p.batchRedeemer = step as never;
    await expectScriptTrace(f, p, T.claim);
  });

  it("pays the seller what the escrow still holds when a release left less than the claim", async () => {
    const claim = [{ unit: USDM, amount: 8_000_000n }];
    const e = await one("ResultSubmitted", { claim });
    const released = await act(f.buyer, [
      { ...e, action: "Release", release: { unit: USDM, amount: 4_000_000n } },
    ]);
    const cont = outputOf(released.txHash, 0);
    const d = datumAt(cont);
    expect(qty(amountOf(cont), USDM)).toBe(6_000_000n);
    // Accept (the buyer) settles now: the seller gets the 6 USDM left, less than the claim.
    const accepted = await act(f.buyer, [{ utxo: cont, datum: d, action: "Accept" }]);
    expect(qty(amountOf(stepOutput(accepted.p, accepted.txHash, "sellerOutput")), USDM)).toBe(
      6_000_000n,
    );
    expect(qty(amountOf(stepOutput(accepted.p, accepted.txHash, "buyerOutput")), USDM)).toBe(0n);
  });

  it("refuses a Withdraw that pays the seller more than its claim", async () => {
    const claim = [{ unit: USDM, amount: 1_000_000n }];
    const e = await one("ResultSubmitted", { ...pastDeadlines(f), claim });
    const p = plan(f, [{ ...e, action: "Withdraw" }], f.seller);
    const [sellerOut, buyerOut] = p.outputs;
    (sellerOut as { amount: Asset[] }).amount = [
      { unit: "lovelace", quantity: "2000000" },
      { unit: USDM, quantity: "2000000" },
    ];
    (buyerOut as { amount: Asset[] }).amount = [
      { unit: "lovelace", quantity: "5000000" },
      { unit: USDM, quantity: "8000000" },
    ];
    await expectScriptTrace(f, p, T.buyerPayout);
  });

  it("refuses a Withdraw that pays the seller less than its claim (the seller's own output)", async () => {
    const claim = [{ unit: USDM, amount: 1_000_000n }];
    const e = await one("ResultSubmitted", { ...pastDeadlines(f), claim });
    const p = plan(f, [{ ...e, action: "Withdraw" }], f.seller);
    (p.outputs[0] as { amount: Asset[] }).amount = [
      { unit: "lovelace", quantity: "2000000" },
      { unit: USDM, quantity: "999999" },
    ];
    await expectScriptTrace(f, p, T.sellerPayout);
  });
});

describe("Accept", () => {
  it("settles at once, before unlockTime, paying the seller all but the buyer's deposit", async () => {
    const e = await one("FundsLocked");
    const a = await act(f.buyer, [{ ...e, action: "Accept" }]);
    expect(qty(amountOf(stepOutput(a.p, a.txHash, "sellerOutput")), USDM)).toBe(10_000_000n);
    expect(qty(amountOf(stepOutput(a.p, a.txHash, "buyerOutput")), "lovelace")).toBe(2_000_000n);
  });

  it("is the buyer's: signed by the seller it is refused", async () => {
    const e = await one("ResultSubmitted");
    await expectScriptTrace(f, plan(f, [{ ...e, action: "Accept" }], f.seller), T.buyerSigned);
  });
});

describe("PartialRefund", () => {
  it("returns part of the escrow to the buyer and keeps the rest under the same terms", async () => {
    const e = await one("ResultSubmitted");
    const r = await act(f.seller, [
      { ...e, action: "PartialRefund", release: { unit: USDM, amount: 2_500_000n } },
    ]);
    const cont = stepOutput(r.p, r.txHash, "continuingOutput");
    expect(qty(amountOf(cont), USDM)).toBe(7_500_000n);
    expect(qty(amountOf(stepOutput(r.p, r.txHash, "buyerOutput")), USDM)).toBe(2_500_000n);
    const d = datumAt(cont);
    expect(d.state).toBe("ResultSubmitted");
    expect(d.sellerCooldownMs).toBeGreaterThan(0);
    expect(d.buyerCooldownMs).toBe(0);
  });

  it("is the seller's: signed by the buyer it is refused", async () => {
    const e = await one("ResultSubmitted");
    const p = plan(
      f,
      [{ ...e, action: "PartialRefund", release: { unit: USDM, amount: 1n } }],
      f.buyer,
    );
    await expectScriptTrace(f, p, T.sellerSigned);
  });

  it("refuses more than the escrow holds", async () => {
    const e = await one("FundsLocked");
    const release = { unit: USDM, amount: 10_000_000n };
    const p = plan(f, [{ ...e, action: "PartialRefund", release }], f.seller);
    // The planner cannot leave a negative amount behind; the step alone asks for one more.
    (p.spends[0]?.step as { amount: bigint }).amount = 10_000_001n;
    await expectScriptTrace(f, p, T.releaseLocked);
  });
});

describe("Release", () => {
  it("is the buyer's: signed by the seller it is refused", async () => {
    const e = await one("ResultSubmitted");
    const p = plan(f, [{ ...e, action: "Release", release: { unit: USDM, amount: 1n } }], f.seller);
    await expectScriptTrace(f, p, T.buyerSigned);
  });
});

describe("vouchers", () => {
  it("pays the seller a voucher's total, then only what a later voucher adds", async () => {
    const e = await one("FundsLocked");
    const v1 = signedVoucher(f.d, e.datum, f.buyer, USDM, 1_234_567n);
    const r1 = await act(f.seller, [{ ...e, action: "RedeemVoucher", voucher: v1 }]);
    const cont = stepOutput(r1.p, r1.txHash, "continuingOutput");
    expect(qty(amountOf(stepOutput(r1.p, r1.txHash, "sellerOutput")), USDM)).toBe(1_234_567n);
    expect(qty(amountOf(cont), USDM)).toBe(10_000_000n - 1_234_567n);
    const d = datumAt(cont);
    expect(d.voucherTotal).toBe(1_234_567n);

    // The seller's own cooldown holds its next step back, as after any of its actions.
    f.chain.advanceTo(d.sellerCooldownMs + MINUTE_MS);
    const v2 = signedVoucher(f.d, d, f.buyer, USDM, 2_000_000n);
    const r2 = await act(f.seller, [
      { utxo: cont, datum: d, action: "RedeemVoucher", voucher: v2 },
    ]);
    expect(qty(amountOf(stepOutput(r2.p, r2.txHash, "sellerOutput")), USDM)).toBe(765_433n);
    const cont2 = stepOutput(r2.p, r2.txHash, "continuingOutput");
    expect(datumAt(cont2).voucherTotal).toBe(2_000_000n);

    // An older voucher (a lower total) pays nothing and is refused.
    f.chain.advanceTo(datumAt(cont2).sellerCooldownMs + MINUTE_MS);
    const d2 = datumAt(cont2);
    const v3 = signedVoucher(f.d, d2, f.buyer, USDM, 2_500_000n);
    const stale = plan(
      f,
      [{ utxo: cont2, datum: d2, action: "RedeemVoucher", voucher: v3 }],
      f.seller,
    );
    // The first voucher in place of the third: a genuine signature, a total already passed.
    Object.assign(stale.spends[0]?.step as object, { total: v1.total, signature: v1.signature });
    await expectScriptTrace(f, stale, T.voucherTotal);
  });

  it("refuses a voucher signed by another key than the buyer's", async () => {
    const e = await one("FundsLocked");
    const forged = signedVoucher(f.d, e.datum, f.other, USDM, 1_000_000n);
    const p = plan(f, [{ ...e, action: "RedeemVoucher", voucher: forged }], f.seller);
    await expectScriptTrace(f, p, T.voucherKey);
  });

  it("refuses the buyer's key with another signature, and a voucher for another escrow", async () => {
    const e = await one("FundsLocked");
    const good = signedVoucher(f.d, e.datum, f.buyer, USDM, 1_000_000n);
    const flipped = `${good.signature.slice(0, -2)}${good.signature.endsWith("00") ? "01" : "00"}`;
    const bad = plan(
      f,
      [{ ...e, action: "RedeemVoucher", voucher: { ...good, signature: flipped } }],
      f.seller,
    );
    await expectScriptTrace(f, bad, T.voucherSignature);

    const other = await one("FundsLocked");
    const elsewhere = signedVoucher(f.d, other.datum, f.buyer, USDM, 1_000_000n);
    const p = plan(f, [{ ...e, action: "RedeemVoucher", voucher: elsewhere }], f.seller);
    await expectScriptTrace(f, p, T.voucherSignature);
  });

  it("refuses a voucher in another unit than the one it is paid in", async () => {
    const e = await one("FundsLocked");
    // Signed for lovelace, presented as a USDM total: the message names the unit.
    const lovelaceVoucher = signedVoucher(f.d, e.datum, f.buyer, "lovelace", 1_000_000n);
    const p = plan(
      f,
      [{ ...e, action: "RedeemVoucher", voucher: { ...lovelaceVoucher, unit: USDM } }],
      f.seller,
    );
    await expectScriptTrace(f, p, T.voucherSignature);
  });

  // The report finds the largest batch (`npm run -s contracts:report`); twenty is the issue's
  // streaming case.
  it("redeems twenty vouchers in one transaction", async () => {
    const escrows = await lockEscrows(f, 20, () => ({}));
    const items = escrows.map((e) => ({
      ...e,
      action: "RedeemVoucher" as const,
      voucher: signedVoucher(f.d, e.datum, f.buyer, USDM, 100_000n),
    }));
    const r = await act(f.seller, items);
    for (let i = 0; i < 20; i++)
      expect(qty(amountOf(stepOutput(r.p, r.txHash, "sellerOutput", i)), USDM)).toBe(100_000n);
  });
});

describe("autoRelease", () => {
  it("lets the seller withdraw from FundsLocked after unlockTime", async () => {
    const e = await one("FundsLocked", { ...pastDeadlines(f), autoRelease: true });
    const w = await act(f.seller, [{ ...e, action: "Withdraw" }]);
    expect(qty(amountOf(stepOutput(w.p, w.txHash, "sellerOutput")), USDM)).toBe(10_000_000n);
  });

  it("does not without autoRelease", async () => {
    const e = await one("FundsLocked", pastDeadlines(f));
    await expectScriptTrace(f, plan(f, [{ ...e, action: "Withdraw" }], f.seller), T.state);
  });

  it("takes the buyer's refund from FundsLocked away: the buyer must ask before unlockTime", async () => {
    const e = await one("FundsLocked", { ...pastDeadlines(f), autoRelease: true });
    await expectScriptTrace(f, plan(f, [{ ...e, action: "WithdrawRefund" }], f.buyer), T.state);
    const asked = await one("RefundRequested", { ...pastDeadlines(f), autoRelease: true });
    const w = await act(f.buyer, [{ ...asked, action: "WithdrawRefund" }]);
    expect(qty(amountOf(stepOutput(w.p, w.txHash, "buyerOutput")), USDM)).toBe(10_000_000n);
  });

  it("refuses the seller's withdrawal once the buyer asked for a refund", async () => {
    const e = await one("RefundRequested", { ...pastDeadlines(f), autoRelease: true });
    await expectScriptTrace(f, plan(f, [{ ...e, action: "Withdraw" }], f.seller), T.state);
  });
});

it("keeps defaultAmount as these tests assume (10 USDM, 5 ADA)", () => {
  expect(defaultAmount()).toEqual([
    { unit: "lovelace", quantity: "5000000" },
    { unit: USDM, quantity: "10000000" },
  ]);
});
