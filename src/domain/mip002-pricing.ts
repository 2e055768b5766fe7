/**
 * `agentPricing` in MIP-002 metadata, written the way the leading peer (Masumi) writes it so that
 * its readers accept ours:
 * - Free and Dynamic are `{pricingType}` alone; Fixed is `{pricingType: "Fixed", fixedPricing}`.
 * - `amount` is a decimal string: its registration job writes `pricing.amount.toString()`
 *   (masumi-payment-service, src/services/registry/register/service.ts, buildAgentMetadata), and
 *   its readers coerce it (`z.coerce.bigint()` in src/routes/api/registry/metadata-schema.ts,
 *   `z.coerce.number()` in masumi-registry-service's web3-cardano-metadata.ts).
 * - `unit` goes through its chunker like every string, and lovelace is stored as "" (its
 *   src/services/registry/source-pricing.ts turns "lovelace" into ""), which that chunker turns
 *   into an empty list: lovelace is written `[]`. Its readers accept `[]` (a list of non-empty
 *   strings, no minimum count) but refuse `""` (a string of at least one character).
 * - Tiers are our addition and live *inside* agentPricing: the peer's registry indexer parses
 *   the top level with `.strict()`, refusing unknown keys (masumi-registry-service,
 *   src/services/cardano-registry/web3-cardano-metadata.ts), but nested objects without it, so
 *   an extra `pricingTiers` there is ignored and `fixedPricing` (the first tier) is what it reads.
 */
import { chunkString } from "./metadata-chunks.ts";
import { field, type Problem, problem, readText, within } from "./pricing-fields.ts";
import {
  amountsEqual,
  LOVELACE,
  type Price,
  type Pricing,
  readPrices,
  readTiers,
} from "./pricing.ts";

export type WireText = string | string[];
export interface WirePrice {
  unit: WireText;
  amount: string;
}
export interface WireTier {
  name: string;
  fixedPricing: WirePrice[];
}
export type WireAgentPricing =
  | { pricingType: "Free" | "Dynamic" }
  | { pricingType: "Fixed"; fixedPricing: WirePrice[]; pricingTiers?: WireTier[] };

function encodePrices(prices: readonly Price[]): WirePrice[] {
  return prices.map((p) => ({
    unit: p.unit === LOVELACE ? [] : chunkString(p.unit),
    amount: p.amount.toString(),
  }));
}

/** The `agentPricing` value for a pricing. */
export function encodeAgentPricing(pricing: Pricing): WireAgentPricing {
  switch (pricing.kind) {
    case "free":
      return { pricingType: "Free" };
    case "dynamic":
      return { pricingType: "Dynamic" };
    case "fixed":
      return { pricingType: "Fixed", fixedPricing: encodePrices(pricing.prices) };
    case "tiered": {
      const pricingTiers = pricing.tiers.map((t) => ({
        name: t.name,
        fixedPricing: encodePrices(t.prices),
      }));
      return { pricingType: "Fixed", fixedPricing: pricingTiers[0]!.fixedPricing, pricingTiers };
    }
  }
}

const ON_CHAIN = { onChain: true };

/** Reads `agentPricing` from chain; problem paths are relative to it. */
export function decodeAgentPricing(raw: unknown): { pricing?: Pricing; problems: Problem[] } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { problems: [problem([], "must be an object {pricingType, …}")] };
  }
  const wire = {
    pricingType: field(raw, "pricingType"),
    fixedPricing: field(raw, "fixedPricing"),
    pricingTiers: field(raw, "pricingTiers"),
  };
  const type = readText(wire.pricingType, true);
  if (type === "Free" || type === "Dynamic") {
    // An empty list names no amount, so it is tolerated, as in a registration request.
    const extra = (["fixedPricing", "pricingTiers"] as const).filter((k) => {
      const value = wire[k];
      return value !== undefined && !(Array.isArray(value) && value.length === 0);
    });
    if (extra.length > 0) {
      return { problems: extra.map((k) => problem([k], `a ${type} agent takes no amounts`)) };
    }
    return { pricing: { kind: type === "Free" ? "free" : "dynamic" }, problems: [] };
  }
  if (type !== "Fixed") {
    const shown = type === undefined ? "missing" : `unknown "${type.slice(0, 40)}"`;
    return { problems: [problem(["pricingType"], `${shown}: expected Free, Fixed or Dynamic`)] };
  }
  if (wire.fixedPricing === undefined) {
    return { problems: [problem(["fixedPricing"], "a Fixed price needs at least one amount")] };
  }
  const fixed = readPrices(wire.fixedPricing, ON_CHAIN);
  const problems = within(["fixedPricing"], fixed.problems);
  if (wire.pricingTiers === undefined) {
    return fixed.prices
      ? { pricing: { kind: "fixed", prices: fixed.prices }, problems }
      : { problems };
  }
  const tiered = readTiers(wire.pricingTiers, "fixedPricing", ON_CHAIN);
  problems.push(...within(["pricingTiers"], tiered.problems));
  if (!fixed.prices || !tiered.tiers) return { problems };
  // A v1 reader charges fixedPricing; it must be the default tier or the two readers disagree.
  if (!amountsEqual(fixed.prices, tiered.tiers[0]!.prices)) {
    const message = "must equal the first tier's prices (pricingTiers[0]), the default price";
    return { problems: [problem(["fixedPricing"], message)] };
  }
  return { pricing: { kind: "tiered", tiers: tiered.tiers }, problems: [] };
}
