import { describe, expect, it } from "vitest";
import type { Usage } from "./charge.ts";
import { claimExcess } from "./claim-check.ts";
import { emptySheet } from "./price-sheet-mip002.ts";
import type { PriceSheet } from "./price-sheet.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";
const OTHER = "aa".repeat(28) + "01";
const sheet: PriceSheet = {
  ...emptySheet(USDM, "tokens"),
  inputPricePer1MTokens: 100_000n,
  outputPricePer1MTokens: 400_000n,
};
const usage: Usage = { calls: 1n, inputTokens: 12_345n, outputTokens: 6_789n, computeMs: 0n };
const locked = [{ unit: USDM, amount: 5_000_000n }];

describe("claimExcess", () => {
  it("accepts a claim of exactly the charge, or less", () => {
    // 1,234.5 + 2,715.6 = 3,950.1 base units, rounded up once: 3,951.
    expect(claimExcess({ sheet, usage, locked, claim: [{ unit: USDM, amount: 3_951n }] })).toBe(
      null,
    );
    expect(claimExcess({ sheet, usage, locked, claim: [{ unit: USDM, amount: 1n }] })).toBe(null);
  });

  it("flags one base unit more than the usage allows, naming both amounts", () => {
    const why = claimExcess({ sheet, usage, locked, claim: [{ unit: USDM, amount: 3_952n }] });
    expect(why).toContain("3952");
    expect(why).toContain("3951");
  });

  it("counts a result without a claim as a claim of everything locked", () => {
    expect(claimExcess({ sheet, usage, locked, claim: null })).toContain("5000000");
    const all = { sheet, usage: { ...usage, inputTokens: 10n ** 12n }, locked, claim: null };
    expect(claimExcess(all)).toBe(null);
  });

  it("flags a claim in a unit the sheet does not charge in, lovelace included", () => {
    expect(claimExcess({ sheet, usage, locked, claim: [{ unit: OTHER, amount: 1n }] })).toContain(
      "does not charge",
    );
    expect(
      claimExcess({ sheet, usage, locked, claim: [{ unit: "lovelace", amount: 1n }] }),
    ).toContain("does not charge");
  });

  it("raises nothing without recorded usage", () => {
    expect(
      claimExcess({ sheet, usage: null, locked, claim: [{ unit: USDM, amount: 5n * 10n ** 6n }] }),
    ).toBe(null);
  });

  it("allows nothing for usage the sheet cannot price", () => {
    const odd = { ...usage, custom: { widgets: 1n } };
    expect(
      claimExcess({ sheet, usage: odd, locked, claim: [{ unit: USDM, amount: 1n }] }),
    ).toContain("exceeds the 0");
  });

  it("uses the free calls the buyer had left", () => {
    const perCall: PriceSheet = { ...emptySheet(USDM, "flat"), basePrice: 1_000n };
    const one = { calls: 1n, inputTokens: 0n, outputTokens: 0n, computeMs: 0n };
    const claim = [{ unit: USDM, amount: 1_000n }];
    expect(claimExcess({ sheet: perCall, usage: one, locked, claim })).toBe(null);
    expect(claimExcess({ sheet: perCall, usage: one, locked, claim, freeCallsLeft: 1n })).toContain(
      "exceeds the 0",
    );
  });
});
