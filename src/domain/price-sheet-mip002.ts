/**
 * MIP-002's four pricing modes (Free, Fixed, Fixed with tiers, Dynamic) stay as they are on
 * chain; this module maps each onto price sheets and says when a sheet contradicts them.
 *
 * A sheet has one unit and MIP-002 prices may name several, so a mode maps onto one sheet per
 * unit (and per tier): a Fixed price of 2 ADA plus 1 USDM is two flat sheets.
 *
 * What "contradicts" means:
 * - Free: the sheet would charge something (any price, minimum charge or tier price above 0).
 * - Fixed (or the chosen tier): the sheet's unit is not one of the fixed prices, it is not
 *   flat, its base price differs from the fixed amount, it charges per outcome, or its minimum
 *   exceeds the fixed amount; each would make the charge differ from what the buyer escrowed.
 * - Dynamic: the price is agreed per job and the buyer's locked amount caps every charge, so no
 *   sheet contradicts it.
 */
import { type PriceSheet, SHEET_VERSION } from "./price-sheet.ts";
import { type Price, type Pricing } from "./pricing.ts";

/** A sheet with nothing charged, no tiers and empty listing texts. */
export function emptySheet(unit: string, model: PriceSheet["model"]): PriceSheet {
  return {
    version: SHEET_VERSION,
    unit,
    model,
    enabled: true,
    basePrice: 0n,
    outcomePrice: 0n,
    inputPricePer1MTokens: 0n,
    outputPricePer1MTokens: 0n,
    computePricePerSecond: 0n,
    customUnitPrices: {},
    freeCallsPerBuyer: 0n,
    minimumCharge: 0n,
    tiers: [],
    listing: { summary: "", requestDocs: "", responseNotes: "", integrationLinks: [] },
  };
}

/** One sheet a MIP-002 pricing maps onto; `tierName` is set for the tiers of a tiered agent. */
export interface MappedSheet {
  tierName?: string;
  sheet: PriceSheet;
}

/**
 * The sheets a MIP-002 pricing maps onto. Free and Dynamic name no unit, so they take
 * `unit` (the network's stablecoin, say); Fixed gives one flat sheet per price, and a tiered
 * agent one per tier and price.
 */
export function sheetsFromMip002(pricing: Pricing, unit: string): MappedSheet[] {
  const flat = (p: Price) => ({ ...emptySheet(p.unit, "flat"), basePrice: p.amount });
  switch (pricing.kind) {
    case "free":
      return [{ sheet: emptySheet(unit, "flat") }];
    case "dynamic":
      return [{ sheet: emptySheet(unit, "dynamic") }];
    case "fixed":
      return pricing.prices.map((p) => ({ sheet: flat(p) }));
    case "tiered":
      return pricing.tiers.flatMap((t) =>
        t.prices.map((p) => ({ tierName: t.name, sheet: flat(p) })),
      );
  }
}

/**
 * Why `sheet` contradicts the on-chain pricing, or undefined when it does not. For a tiered
 * agent, `tierName` picks the tier (the first one, the MIP-002 v1 default, when absent).
 */
export function contradiction(
  sheet: PriceSheet,
  pricing: Pricing,
  tierName?: string,
): string | undefined {
  switch (pricing.kind) {
    case "dynamic":
      return undefined;
    case "free":
      return chargesAnything(sheet)
        ? "the agent is Free on chain, but the sheet charges for its calls"
        : undefined;
    case "fixed":
      return fixedContradiction(sheet, pricing.prices, "the Fixed price");
    case "tiered": {
      const tier =
        tierName === undefined ? pricing.tiers[0] : pricing.tiers.find((t) => t.name === tierName);
      if (tier === undefined) return `the agent has no tier named "${tierName}" on chain`;
      return fixedContradiction(sheet, tier.prices, `tier "${tier.name}"`);
    }
  }
}

function chargesAnything(sheet: PriceSheet): boolean {
  const prices = [
    sheet.basePrice,
    sheet.outcomePrice,
    sheet.inputPricePer1MTokens,
    sheet.outputPricePer1MTokens,
    sheet.computePricePerSecond,
    sheet.minimumCharge,
    ...Object.values(sheet.customUnitPrices),
    ...sheet.tiers.map((t) => t.price),
  ];
  return prices.some((p) => p > 0n);
}

function fixedContradiction(
  sheet: PriceSheet,
  prices: readonly Price[],
  what: string,
): string | undefined {
  const price = prices.find((p) => p.unit === sheet.unit);
  if (price === undefined) return `${what} on chain names no amount of ${sheet.unit}`;
  if (sheet.model !== "flat") return `${what} on chain is fixed, but the sheet is ${sheet.model}`;
  if (sheet.basePrice !== price.amount) {
    return `${what} on chain is ${price.amount} ${sheet.unit}, but the sheet's base price is ${sheet.basePrice}`;
  }
  if (sheet.outcomePrice !== 0n)
    return `${what} on chain is fixed, but the sheet charges per outcome`;
  if (sheet.minimumCharge > price.amount) {
    return `the sheet's minimum charge ${sheet.minimumCharge} exceeds ${what} on chain (${price.amount})`;
  }
  return undefined;
}
