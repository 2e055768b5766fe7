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

/** Why a sheet contradicts the on-chain pricing, and the sheet field at fault. */
export interface Contradiction {
  field: string;
  message: string;
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
  return contradictionOf(sheet, pricing, tierName)?.message;
}

/** Like `contradiction`, also naming the sheet field at fault (for a 409 naming it). */
export function contradictionOf(
  sheet: PriceSheet,
  pricing: Pricing,
  tierName?: string,
): Contradiction | undefined {
  switch (pricing.kind) {
    case "dynamic":
      return undefined;
    case "free": {
      const field = chargingField(sheet);
      return field === undefined
        ? undefined
        : { field, message: "the agent is Free on chain, but the sheet charges for its calls" };
    }
    case "fixed":
      return fixedContradiction(sheet, pricing.prices, "the Fixed price");
    case "tiered": {
      const tier =
        tierName === undefined ? pricing.tiers[0] : pricing.tiers.find((t) => t.name === tierName);
      if (tier === undefined) {
        return { field: "tierName", message: `the agent has no tier named "${tierName}" on chain` };
      }
      return fixedContradiction(sheet, tier.prices, `tier "${tier.name}"`);
    }
  }
}

/** The first field of the sheet that charges something, if any. */
function chargingField(sheet: PriceSheet): string | undefined {
  const scalar = [
    "basePrice",
    "outcomePrice",
    "inputPricePer1MTokens",
    "outputPricePer1MTokens",
    "computePricePerSecond",
    "minimumCharge",
  ] as const;
  const field = scalar.find((k) => sheet[k] > 0n);
  if (field !== undefined) return field;
  const custom = Object.entries(sheet.customUnitPrices).find(([, p]) => p > 0n);
  if (custom !== undefined) return `customUnitPrices.${custom[0]}`;
  const tier = sheet.tiers.findIndex((t) => t.price > 0n);
  return tier >= 0 ? `tiers[${tier}].price` : undefined;
}

function fixedContradiction(
  sheet: PriceSheet,
  prices: readonly Price[],
  what: string,
): Contradiction | undefined {
  const price = prices.find((p) => p.unit === sheet.unit);
  if (price === undefined) {
    return { field: "unit", message: `${what} on chain names no amount of ${sheet.unit}` };
  }
  if (sheet.model !== "flat") {
    return {
      field: "model",
      message: `${what} on chain is fixed, but the sheet is ${sheet.model}`,
    };
  }
  if (sheet.basePrice !== price.amount) {
    const message = `${what} on chain is ${price.amount} ${sheet.unit}, but the sheet's base price is ${sheet.basePrice}`;
    return { field: "basePrice", message };
  }
  if (sheet.outcomePrice !== 0n) {
    return {
      field: "outcomePrice",
      message: `${what} on chain is fixed, but the sheet charges per outcome`,
    };
  }
  if (sheet.minimumCharge > price.amount) {
    const message = `the sheet's minimum charge ${sheet.minimumCharge} exceeds ${what} on chain (${price.amount})`;
    return { field: "minimumCharge", message };
  }
  return undefined;
}
