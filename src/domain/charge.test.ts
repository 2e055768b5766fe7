import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Charge, charge, type ChargeOptions, type Usage } from "./charge.ts";
import { emptySheet } from "./price-sheet-mip002.ts";
import type { PriceSheet } from "./price-sheet.ts";
import { AMOUNT_MAX } from "./pricing.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";
const USDM_1 = 1_000_000n;
const NO_USAGE: Usage = { calls: 0n, inputTokens: 0n, outputTokens: 0n, computeMs: 0n };

function sheetOf(prices: Partial<PriceSheet>): PriceSheet {
  return { ...emptySheet(USDM, "dynamic"), ...prices };
}

function ok(sheet: PriceSheet, usage: Partial<Usage>, opts?: ChargeOptions): Charge {
  const result = charge(sheet, { ...NO_USAGE, ...usage }, opts);
  if (!result.ok) throw new Error(`unexpected ${JSON.stringify(result.error)}`);
  return result;
}

const amountOf = (sheet: PriceSheet, usage: Partial<Usage>, opts?: ChargeOptions) =>
  ok(sheet, usage, opts).amount;

describe("charge: worked examples", () => {
  // 0.10 USDM and 0.40 USDM per 1M tokens: 0.1 and 0.4 base units per token.
  const tokens = sheetOf({ inputPricePer1MTokens: 100_000n, outputPricePer1MTokens: 400_000n });

  it("rounds up once on the total: 1 and 10 tokens cost 1, 11 cost 2", () => {
    expect(amountOf(tokens, { inputTokens: 1n })).toBe(1n);
    expect(amountOf(tokens, { inputTokens: 10n })).toBe(1n);
    expect(amountOf(tokens, { inputTokens: 11n })).toBe(2n);
    expect(amountOf(tokens, { inputTokens: 0n })).toBe(0n);
  });

  it("sums the exact parts before rounding: 0.5 + 0.4 costs 1, not 2", () => {
    expect(amountOf(tokens, { inputTokens: 5n })).toBe(1n);
    expect(amountOf(tokens, { outputTokens: 1n })).toBe(1n);
    expect(amountOf(tokens, { inputTokens: 5n, outputTokens: 1n })).toBe(1n);
  });

  it("charges 12,345 input and 6,789 output tokens under a 5 USDM ceiling", () => {
    const result = ok(
      tokens,
      { inputTokens: 12_345n, outputTokens: 6_789n },
      { ceiling: 5n * USDM_1 },
    );
    // 12,345 × 0.1 = 1,234.5 and 6,789 × 0.4 = 2,715.6: 3,950.1 base units, rounded up to 3,951.
    expect(result.amount).toBe(3_951n);
    expect(result.capped).toBe(false);
    expect(result.minimumApplied).toBe(false);
    expect(result.unit).toBe(USDM);
    const lines = Object.fromEntries(result.breakdown.map((l) => [l.item, l.millionths]));
    expect(lines.inputTokens).toBe(1_234_500_000n);
    expect(lines.outputTokens).toBe(2_715_600_000n);
  });

  it("caps the same usage at the ceiling when the per-1M prices are high", () => {
    // 500 and 300 USDM per 1M tokens: 6,172,500 + 2,036,700 base units, over the 5 USDM lock.
    const dear = sheetOf({
      inputPricePer1MTokens: 500n * USDM_1,
      outputPricePer1MTokens: 300n * USDM_1,
    });
    const usage = { inputTokens: 12_345n, outputTokens: 6_789n };
    expect(amountOf(dear, usage)).toBe(8_209_200n);
    const result = ok(dear, usage, { ceiling: 5n * USDM_1 });
    expect(result.amount).toBe(5n * USDM_1);
    expect(result.capped).toBe(true);
  });

  it("charges every dimension: base price, outcomes, compute seconds and custom units", () => {
    const sheet = sheetOf({
      basePrice: 10_000n,
      outcomePrice: 2_500n,
      computePricePerSecond: 3n,
      customUnitPrices: { image: 40_000n, page: 7n },
    });
    const usage = { calls: 2n, outcomes: 1n, computeMs: 1_500n, custom: { image: 2n, page: 3n } };
    // 20,000 + 2,500 + 4.5 + 80,000 + 21 = 102,525.5, rounded up once.
    const result = ok(sheet, usage);
    expect(result.amount).toBe(102_526n);
    expect(result.breakdown.map((l) => l.item)).toEqual([
      "calls",
      "outcomes",
      "inputTokens",
      "outputTokens",
      "computeMs",
      "custom.image",
      "custom.page",
    ]);
    expect(amountOf(sheet, { computeMs: 1n })).toBe(1n);
    expect(amountOf(sheet, { computeMs: 1_000n })).toBe(3n);
  });

  it("applies the minimum to a billed job, and not to a job that used nothing", () => {
    const sheet = sheetOf({ inputPricePer1MTokens: 100_000n, minimumCharge: 500n });
    const small = ok(sheet, { calls: 1n, inputTokens: 20n });
    expect([small.amount, small.minimumApplied]).toEqual([500n, true]);
    const large = ok(sheet, { calls: 1n, inputTokens: 10_000n });
    expect([large.amount, large.minimumApplied]).toEqual([1_000n, false]);
    const idle = ok(sheet, {});
    expect([idle.amount, idle.minimumApplied]).toEqual([0n, false]);
    // A base price makes even an empty job a billed one.
    expect(amountOf({ ...sheet, basePrice: 1n }, {})).toBe(500n);
  });

  it("lets the ceiling win over the minimum", () => {
    const sheet = sheetOf({ basePrice: 1n, minimumCharge: 900n });
    const result = ok(sheet, { calls: 1n }, { ceiling: 600n });
    expect([result.amount, result.minimumApplied, result.capped]).toEqual([600n, true, true]);
    expect(amountOf(sheet, { calls: 1n }, { ceiling: 0n })).toBe(0n);
  });

  it("makes calls the free quota covers free, and scales a partly free job", () => {
    const sheet = sheetOf({
      basePrice: 10n,
      outputPricePer1MTokens: 1_000_000n,
      minimumCharge: 5n,
    });
    const covered = ok(sheet, { calls: 2n, outputTokens: 9n }, { freeCallsLeft: 2n });
    expect([covered.amount, covered.freeQuotaApplied, covered.minimumApplied]).toEqual([
      0n,
      2n,
      false,
    ]);
    // 3 calls, 1 free: (30 + 9) × 2/3 = 26.
    const partly = ok(sheet, { calls: 3n, outputTokens: 9n }, { freeCallsLeft: 1n });
    expect([partly.amount, partly.freeQuotaApplied]).toEqual([26n, 1n]);
    // (30 + 10) × 2/3 = 26.67: still rounded once, up.
    expect(amountOf(sheet, { calls: 3n, outputTokens: 10n }, { freeCallsLeft: 1n })).toBe(27n);
    expect(amountOf(sheet, { calls: 1n }, { freeCallsLeft: 0n })).toBe(10n);
  });
});

describe("charge: refused usage is a typed error, never a throw", () => {
  const sheet = sheetOf({ basePrice: 1n, customUnitPrices: { image: 1n } });
  const cases: [Partial<Usage>, ChargeOptions, unknown][] = [
    [{ calls: -1n }, {}, { code: "negativeUsage", field: "calls" }],
    [{ outcomes: -1n }, {}, { code: "negativeUsage", field: "outcomes" }],
    [{ inputTokens: -5n }, {}, { code: "negativeUsage", field: "inputTokens" }],
    [{ outputTokens: -5n }, {}, { code: "negativeUsage", field: "outputTokens" }],
    [{ computeMs: -1n }, {}, { code: "negativeUsage", field: "computeMs" }],
    [{ custom: { image: -1n } }, {}, { code: "negativeUsage", field: "custom.image" }],
    [{ inputTokens: AMOUNT_MAX + 1n }, {}, { code: "usageTooLarge", field: "inputTokens" }],
    [{ custom: { video: 1n } }, {}, { code: "unknownCustomUnit", field: "custom.video" }],
    [{ custom: { toString: 1n } }, {}, { code: "unknownCustomUnit", field: "custom.toString" }],
    [{}, { ceiling: -1n }, { code: "invalidOption", field: "ceiling" }],
    [{}, { freeCallsLeft: -1n }, { code: "invalidOption", field: "freeCallsLeft" }],
    [{}, { ceiling: AMOUNT_MAX + 1n }, { code: "invalidOption", field: "ceiling" }],
  ];
  it.each(cases)("refuses %o with %o", (usage, opts, error) => {
    expect(charge(sheet, { ...NO_USAGE, ...usage }, opts)).toEqual({ ok: false, error });
  });

  it("charges the largest usage at the largest prices without overflow", () => {
    const max = AMOUNT_MAX;
    const dear = sheetOf({
      basePrice: max,
      outcomePrice: max,
      inputPricePer1MTokens: max,
      outputPricePer1MTokens: max,
      computePricePerSecond: max,
      customUnitPrices: { image: max },
    });
    const usage = {
      calls: max,
      outcomes: max,
      inputTokens: max,
      outputTokens: max,
      computeMs: max,
      custom: { image: max },
    };
    const exactMillionths = max * max * (3n * 1_000_000n + 1_000n + 2n);
    expect(amountOf(dear, usage)).toBe((exactMillionths + 999_999n) / 1_000_000n);
    expect(amountOf(dear, usage, { ceiling: max })).toBe(max);
  });
});

const SMALL = 10n ** 9n;
const price = fc.bigInt({ min: 0n, max: SMALL });
const quantity = fc.bigInt({ min: 0n, max: SMALL });

const sheetArb = fc
  .record({
    basePrice: price,
    outcomePrice: price,
    inputPricePer1MTokens: price,
    outputPricePer1MTokens: price,
    computePricePerSecond: price,
    a: price,
    b: price,
    minimumCharge: fc.bigInt({ min: 0n, max: 10n ** 7n }),
  })
  .map(({ a, b, ...prices }) => sheetOf({ ...prices, customUnitPrices: { a, b } }));

// Small quantities too, so that rounding and the zero-usage case are hit often.
const qty = fc.oneof(fc.bigInt({ min: 0n, max: 20n }), quantity);
const usageArb = fc
  .record({
    calls: qty,
    outcomes: qty,
    inputTokens: qty,
    outputTokens: qty,
    computeMs: qty,
    a: qty,
    b: qty,
  })
  .map(({ a, b, ...counts }): Usage => ({ ...counts, custom: { a, b } }));

const optsArb = fc.record(
  {
    ceiling: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    freeCallsLeft: fc.bigInt({ min: 0n, max: 5n }),
  },
  { requiredKeys: [] },
);

const DIMENSIONS = [
  "calls",
  "outcomes",
  "inputTokens",
  "outputTokens",
  "computeMs",
  "a",
  "b",
] as const;

function grow(usage: Usage, dim: (typeof DIMENSIONS)[number], by: bigint): Usage {
  if (dim === "a" || dim === "b") {
    return { ...usage, custom: { ...usage.custom, [dim]: usage.custom![dim]! + by } };
  }
  return { ...usage, [dim]: (usage[dim] ?? 0n) + by };
}

function add(x: Usage, y: Usage): Usage {
  return DIMENSIONS.reduce(
    (sum, dim) => grow(sum, dim, dim === "a" || dim === "b" ? y.custom![dim]! : (y[dim] ?? 0n)),
    x,
  );
}

function isZero(usage: Usage): boolean {
  const { custom, ...counts } = usage;
  return [...Object.values(counts), ...Object.values(custom ?? {})].every((q) => q === 0n);
}

describe("charge: properties", () => {
  it("is monotone in each usage dimension", () => {
    fc.assert(
      fc.property(
        sheetArb,
        usageArb,
        optsArb,
        fc.constantFrom(...DIMENSIONS),
        qty,
        (sheet, usage, opts, dim, by) => {
          const before = amountOf(sheet, usage, opts);
          const after = amountOf(sheet, grow(usage, dim, by), opts);
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never exceeds the ceiling", () => {
    fc.assert(
      fc.property(sheetArb, usageArb, optsArb, (sheet, usage, opts) => {
        const result = ok(sheet, usage, opts);
        const uncapped = amountOf(sheet, usage, { ...opts, ceiling: undefined });
        if (opts.ceiling === undefined) {
          expect([result.amount, result.capped]).toEqual([uncapped, false]);
        } else {
          expect(result.amount).toBeLessThanOrEqual(opts.ceiling);
          expect(result.capped).toBe(uncapped > opts.ceiling);
          expect(result.amount).toBe(result.capped ? opts.ceiling : uncapped);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is never below the minimum unless usage is zero and there is no base price", () => {
    fc.assert(
      fc.property(sheetArb, usageArb, fc.boolean(), (sheet, usage, zero) => {
        const used = zero ? { ...NO_USAGE, custom: { a: 0n, b: 0n } } : usage;
        const amount = amountOf(sheet, used);
        const exempt = isZero(used) && sheet.basePrice === 0n;
        if (exempt) expect(amount).toBe(0n);
        else expect(amount).toBeGreaterThanOrEqual(sheet.minimumCharge);
      }),
      { numRuns: 500 },
    );
  });

  it("rounds once: the charge is the exact total rounded up, at most the parts charged apart", () => {
    fc.assert(
      fc.property(sheetArb, usageArb, usageArb, (priced, x, y) => {
        const sheet = { ...priced, minimumCharge: 0n };
        const result = ok(sheet, x);
        // The exact total in millionths of a base unit, computed here independently.
        const exact =
          (x.calls * sheet.basePrice + x.outcomes! * sheet.outcomePrice) * 1_000_000n +
          x.inputTokens * sheet.inputPricePer1MTokens +
          x.outputTokens * sheet.outputPricePer1MTokens +
          x.computeMs * sheet.computePricePerSecond * 1_000n +
          (x.custom!.a! * sheet.customUnitPrices.a! + x.custom!.b! * sheet.customUnitPrices.b!) *
            1_000_000n;
        expect(result.breakdown.reduce((s, l) => s + l.millionths, 0n)).toBe(exact);
        // exact <= amount × 10^6 < exact + 10^6: rounded up by less than one base unit.
        expect(result.amount * 1_000_000n).toBeGreaterThanOrEqual(exact);
        expect(result.amount * 1_000_000n - exact).toBeLessThan(1_000_000n);
        expect(amountOf(sheet, add(x, y))).toBeLessThanOrEqual(
          amountOf(sheet, x) + amountOf(sheet, y),
        );
        const apart = DIMENSIONS.reduce((sum, dim) => {
          const only = grow(
            { ...NO_USAGE, custom: { a: 0n, b: 0n } },
            dim,
            dim === "a" || dim === "b" ? x.custom![dim]! : (x[dim] ?? 0n),
          );
          return sum + amountOf(sheet, only);
        }, 0n);
        expect(result.amount).toBeLessThanOrEqual(apart);
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic: the order of custom units does not matter", () => {
    fc.assert(
      fc.property(sheetArb, usageArb, optsArb, (sheet, usage, opts) => {
        const reversed = {
          ...usage,
          custom: Object.fromEntries(Object.entries(usage.custom!).reverse()),
        };
        expect(charge(sheet, reversed, opts)).toEqual(charge(sheet, usage, opts));
      }),
      { numRuns: 200 },
    );
  });

  it("never throws for any usage and options within range", () => {
    const big = fc.bigInt({ min: 0n, max: AMOUNT_MAX });
    const wide = fc.record({
      sheet: sheetArb,
      usage: fc.record({
        calls: big,
        outcomes: big,
        inputTokens: big,
        outputTokens: big,
        computeMs: big,
      }),
      ceiling: fc.option(big, { nil: undefined }),
      freeCallsLeft: fc.option(big, { nil: undefined }),
    });
    fc.assert(
      fc.property(wide, ({ sheet, usage, ceiling, freeCallsLeft }) => {
        const result = charge(sheet, usage, { ceiling, freeCallsLeft });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.amount).toBeGreaterThanOrEqual(0n);
      }),
      { numRuns: 300 },
    );
  });
});
