/** The meter from hand-built event sequences: every step's amounts land in the right column. */
import { describe, expect, it } from "vitest";
import { escrowMeter, type Meter, type MeterDatum, type MeterEvent } from "./escrow-meter.ts";

const U = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
const DEPOSIT = 2_000_000n;
const terms = { autoRelease: false, priceSheetHash: "ab".repeat(32) };
const datum = (over: Partial<MeterDatum> = {}): MeterDatum => ({
  claim: null,
  voucherTotal: 0n,
  autoRelease: false,
  buyerLovelace: DEPOSIT,
  ...over,
});

type Q = Record<string, bigint>;
const wire = (q: Q) =>
  JSON.stringify(Object.entries(q).map(([unit, amount]) => ({ unit, amount: amount.toString() })));
let n = 0;
const ev = (
  kind: MeterEvent["kind"],
  action: string | null,
  value: Q,
  toSeller: Q = {},
  toBuyer: Q = {},
): MeterEvent => ({
  kind,
  action,
  txHash: (++n).toString(16).padStart(64, "0"),
  blockTimeMs: 1_000 * n,
  value: wire(value),
  paidToSeller: wire(toSeller),
  paidToBuyer: wire(toBuyer),
});

const unitOf = (m: Meter, unit: string) => m.amounts.find((a) => a.unit === unit)!;
/** locked = paidToSeller + refunded + remaining for every unit. */
function expectBalanced(m: Meter) {
  for (const a of m.amounts)
    expect(BigInt(a.locked), a.unit).toBe(
      BigInt(a.paidToSeller) + BigInt(a.refunded) + BigInt(a.remaining),
    );
}

describe("escrowMeter", () => {
  // 10 USDM locked over the buyer's 2 ADA deposit.
  const lock = ev("lock", null, { lovelace: DEPOSIT, [U]: 10_000_000n });
  const release = ev(
    "move",
    "Release",
    { lovelace: DEPOSIT, [U]: 8_000_000n },
    { [U]: 2_000_000n },
  );
  const refund = ev(
    "move",
    "PartialRefund",
    { lovelace: DEPOSIT, [U]: 7_000_000n },
    {},
    {
      [U]: 1_000_000n,
    },
  );
  const voucher = ev(
    "move",
    "RedeemVoucher",
    { lovelace: DEPOSIT, [U]: 4_000_000n },
    {
      [U]: 3_000_000n,
    },
  );
  const submit = ev("move", "SubmitResult", { lovelace: DEPOSIT, [U]: 4_000_000n });
  const withdraw = ev(
    "end",
    "Withdraw",
    { lovelace: DEPOSIT, [U]: 4_000_000n },
    { [U]: 1_000_000n },
    { lovelace: DEPOSIT, [U]: 3_000_000n },
  );

  it("shows the terms and no amounts before a lock", () => {
    expect(escrowMeter([], null, { autoRelease: true, priceSheetHash: null })).toEqual({
      autoRelease: true,
      priceSheetHash: null,
      claim: null,
      voucherTotal: "0",
      amounts: [],
      transactions: [],
    });
  });

  it("counts the lock less the buyer's deposit", () => {
    const m = escrowMeter([lock], datum(), terms);
    expect(m.amounts).toEqual([
      {
        unit: "lovelace",
        locked: "0",
        released: "0",
        refunded: "0",
        redeemed: "0",
        paidToSeller: "0",
        paidToBuyer: "0",
        remaining: "0",
      },
      {
        unit: U,
        locked: "10000000",
        released: "0",
        refunded: "0",
        redeemed: "0",
        paidToSeller: "0",
        paidToBuyer: "0",
        remaining: "10000000",
      },
    ]);
    expect(m.transactions).toEqual([
      {
        action: "Lock",
        txHash: lock.txHash,
        blockTimeMs: lock.blockTimeMs,
        toSeller: [],
        toBuyer: [],
      },
    ]);
  });

  it("splits release, partial refund and voucher redemption while the escrow stays open", () => {
    const m = escrowMeter(
      [lock, release, refund, voucher],
      datum({ voucherTotal: 3_000_000n }),
      terms,
    );
    expect(unitOf(m, U)).toEqual({
      unit: U,
      locked: "10000000",
      released: "2000000",
      refunded: "1000000",
      redeemed: "3000000",
      paidToSeller: "5000000",
      paidToBuyer: "1000000",
      remaining: "4000000",
    });
    expect(m.voucherTotal).toBe("3000000");
    expectBalanced(m);
  });

  it("ends with a claim: the seller takes the claim, the buyer the rest and its deposit", () => {
    const claim = [{ unit: U, amount: 1_000_000n }];
    const events = [lock, release, refund, voucher, submit, withdraw];
    const m = escrowMeter(events, datum({ claim, voucherTotal: 3_000_000n }), terms);
    expect(m.claim).toEqual([{ unit: U, amount: "1000000" }]);
    expect(m.priceSheetHash).toBe(terms.priceSheetHash);
    expect(unitOf(m, U)).toEqual({
      unit: U,
      locked: "10000000",
      released: "2000000",
      refunded: "4000000",
      redeemed: "3000000",
      paidToSeller: "6000000",
      paidToBuyer: "4000000",
      remaining: "0",
    });
    // The deposit's return is paid to the buyer but refunds nothing of the price.
    expect(unitOf(m, "lovelace")).toMatchObject({ paidToBuyer: "2000000", refunded: "0" });
    expect(m.transactions.map((t) => t.action)).toEqual([
      "Lock",
      "Release",
      "PartialRefund",
      "RedeemVoucher",
      "SubmitResult",
      "Withdraw",
    ]);
    expect(m.transactions[5]).toMatchObject({
      txHash: withdraw.txHash,
      toSeller: [{ unit: U, amount: "1000000" }],
      toBuyer: [
        { unit: "lovelace", amount: "2000000" },
        { unit: U, amount: "3000000" },
      ],
    });
    expectBalanced(m);
  });

  it("books a dispute's resolution: the admins' split, the deposit back", () => {
    const value = { lovelace: DEPOSIT + 5_000_000n };
    const events = [
      ev("lock", null, value),
      ev("move", "RequestRefund", value),
      ev("move", "SubmitResult", value),
      ev(
        "end",
        "ResolveDispute",
        value,
        { lovelace: 3_000_000n },
        { lovelace: DEPOSIT + 2_000_000n },
      ),
    ];
    const m = escrowMeter(events, datum(), terms);
    expect(m.amounts).toEqual([
      {
        unit: "lovelace",
        locked: "5000000",
        released: "0",
        refunded: "2000000",
        redeemed: "0",
        paidToSeller: "3000000",
        paidToBuyer: "4000000",
        remaining: "0",
      },
    ]);
    expectBalanced(m);
  });

  it("books a refund: all of the price refunded, nothing to the seller", () => {
    const value = { lovelace: DEPOSIT, [U]: 5_000_000n };
    const events = [ev("lock", null, value), ev("end", "WithdrawRefund", value, {}, value)];
    const m = escrowMeter(events, datum({ autoRelease: true }), terms);
    expect(m.autoRelease).toBe(true);
    expect(unitOf(m, U)).toMatchObject({
      locked: "5000000",
      refunded: "5000000",
      paidToSeller: "0",
    });
    expect(unitOf(m, "lovelace")).toMatchObject({ refunded: "0", paidToBuyer: "2000000" });
    expectBalanced(m);
  });

  it("counts a full Accept as released, and nothing as released for a Withdraw", () => {
    const value = { lovelace: DEPOSIT + 4_000_000n };
    const accept = escrowMeter(
      [
        ev("lock", null, value),
        ev("end", "Accept", value, { lovelace: 4_000_000n }, { lovelace: DEPOSIT }),
      ],
      datum(),
      terms,
    );
    expect(accept.amounts[0]).toMatchObject({ released: "4000000", paidToSeller: "4000000" });
    const withdraw = escrowMeter(
      [
        ev("lock", null, value),
        ev("end", "Withdraw", value, { lovelace: 4_000_000n }, { lovelace: DEPOSIT }),
      ],
      datum(),
      terms,
    );
    expect(withdraw.amounts[0]).toMatchObject({ released: "0", paidToSeller: "4000000" });
  });
});
