import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatProblem, type Problem } from "./pricing-fields.ts";
import {
  AMOUNT_MAX,
  amountsEqual,
  LOVELACE,
  type Price,
  priceForJob,
  type Pricing,
  unitsOf,
} from "./pricing.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";
const USDCX = "1f3aec8bfe7ea4fe14c5f121e2a92e301afe414147860d557cac7e345553444378";
const OTHER = "ab".repeat(28) + "01";

const messages = (problems: Problem[]) => problems.map(formatProblem);

const fixed: Pricing = { kind: "fixed", prices: [{ unit: USDM, amount: 3_000_000n }] };
const tiered: Pricing = {
  kind: "tiered",
  tiers: [
    { name: "Basic", prices: [{ unit: USDM, amount: 1n }] },
    {
      name: "Pro",
      prices: [
        { unit: USDM, amount: 9n },
        { unit: LOVELACE, amount: 2_000_000n },
      ],
    },
  ],
};

describe("priceForJob", () => {
  it("charges a fixed price, a chosen tier, the first tier by default, and dynamic amounts", () => {
    expect(priceForJob(fixed)).toEqual({ ok: true, prices: fixed.prices });
    expect(priceForJob(tiered, { tierName: "Pro" })).toEqual({
      ok: true,
      prices: tiered.tiers[1]!.prices,
    });
    expect(priceForJob(tiered)).toEqual({ ok: true, prices: tiered.tiers[0]!.prices });
    const dynamicAmounts = [
      { unit: "", amount: 4n },
      { unit: USDM.toUpperCase(), amount: 2n },
    ];
    expect(priceForJob({ kind: "dynamic" }, { dynamicAmounts })).toEqual({
      ok: true,
      prices: [
        { unit: LOVELACE, amount: 4n },
        { unit: USDM, amount: 2n },
      ],
    });
  });

  it("returns a typed error for each case that has no price", () => {
    const error = (p: Pricing, choice?: Parameters<typeof priceForJob>[1]) => {
      const r = priceForJob(p, choice);
      return r.ok ? undefined : r.error;
    };
    expect(error({ kind: "free" })).toEqual({ code: "nothingToEscrow" });
    expect(error(tiered, { tierName: "Gold" })).toEqual({
      code: "unknownTier",
      tierName: "Gold",
      tierNames: ["Basic", "Pro"],
    });
    expect(error(fixed, { tierName: "Pro" })).toEqual({ code: "tierNotOffered", tierName: "Pro" });
    expect(error({ kind: "dynamic" })).toEqual({ code: "dynamicAmountsMissing" });
    expect(error(fixed, { dynamicAmounts: [{ unit: USDM, amount: 1n }] })).toEqual({
      code: "dynamicAmountsNotAllowed",
    });
    const invalid = error({ kind: "dynamic" }, { dynamicAmounts: [{ unit: "USDM", amount: 0n }] });
    expect(invalid?.code).toBe("dynamicAmountsInvalid");
    if (invalid?.code === "dynamicAmountsInvalid") {
      expect(messages(invalid.problems)).toEqual([
        expect.stringMatching(/^\[0\]\.unit: unknown unit/),
        "[0].amount: must be at least 1",
      ]);
    }
    expect(error({ kind: "dynamic" }, { dynamicAmounts: [] })?.code).toBe("dynamicAmountsInvalid");
  });

  it("hands out copies, so a caller cannot change the agent's price", () => {
    const r = priceForJob(fixed);
    if (r.ok) r.prices[0]!.amount = 1n;
    expect(fixed.prices[0]!.amount).toBe(3_000_000n);
  });
});

describe("amountsEqual", () => {
  const a: Price[] = [
    { unit: USDM, amount: 5n },
    { unit: LOVELACE, amount: 2n },
  ];

  it("ignores order and the spelling of lovelace", () => {
    expect(
      amountsEqual(a, [
        { unit: "", amount: 2n },
        { unit: USDM.toUpperCase(), amount: 5n },
      ]),
    ).toBe(true);
  });

  it("sees a different amount, a different unit, a missing or an extra entry", () => {
    expect(
      amountsEqual(a, [
        { unit: USDM, amount: 5n },
        { unit: LOVELACE, amount: 3n },
      ]),
    ).toBe(false);
    expect(
      amountsEqual(a, [
        { unit: USDCX, amount: 5n },
        { unit: LOVELACE, amount: 2n },
      ]),
    ).toBe(false);
    expect(amountsEqual(a, a.slice(0, 1))).toBe(false);
    expect(amountsEqual(a.slice(0, 1), a)).toBe(false);
  });

  it("holds for any permutation and fails for any change of one amount", () => {
    const price = fc.record({
      unit: fc.constantFrom(LOVELACE, USDM, USDCX, OTHER),
      amount: fc.bigInt({ min: 1n, max: AMOUNT_MAX }),
    });
    const list = fc.uniqueArray(price, { minLength: 1, maxLength: 4, selector: (p) => p.unit });
    fc.assert(
      fc.property(list, fc.nat(), fc.bigInt({ min: 1n, max: 1000n }), (prices, seed, delta) => {
        const k = seed % prices.length;
        const shuffled = [...prices.slice(k), ...prices.slice(0, k)].reverse();
        expect(amountsEqual(prices, shuffled)).toBe(true);
        const changed = prices.map((p, i) => (i === k ? { ...p, amount: p.amount + delta } : p));
        expect(amountsEqual(prices, changed)).toBe(false);
      }),
    );
  });
});

describe("unitsOf", () => {
  it("lists the units each mode names", () => {
    expect(unitsOf({ kind: "free" })).toEqual([]);
    expect(unitsOf({ kind: "dynamic" })).toEqual([]);
    expect(unitsOf(fixed)).toEqual([USDM]);
    expect(unitsOf(tiered)).toEqual([USDM, LOVELACE]);
  });
});
