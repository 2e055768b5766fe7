/**
 * What an agent charges, in four modes: free, one fixed price, several named fixed prices (tiers)
 * the buyer picks from, and dynamic (set per job). Amounts are bigint base units in code and
 * integer strings on the wire; a price is a short list of `{unit, amount}`.
 */
import { joinChunks, utf8ByteLength } from "./metadata-chunks.ts";
import { field, notTextReason, type Problem, problem, readText, within } from "./pricing-fields.ts";

export { type PathSegment, type Problem, formatProblem } from "./pricing-fields.ts";

/** The unit of ADA's base unit. The peer also accepts "" for it; we normalise to this. */
export const LOVELACE = "lovelace";
/** The ledger's largest token quantity (a signed 64-bit integer). */
export const AMOUNT_MAX = 2n ** 63n - 1n;
/**
 * Tokens besides lovelace that one price may name. It matches MAX_TOKENS_PER_ESCROW in
 * contracts/escrow/layout.ts: an escrow output holding more could never change state.
 */
export const TOKENS_PER_PRICE_MAX = 2;
/** Tiers one agent may offer. */
export const TIERS_MAX = 10;
/** A tier name is one metadata text string, never chunked. */
export const TIER_NAME_BYTES_MAX = 64;

export interface Price {
  /** `lovelace`, or a policy id (56 hex) followed by an asset name (0–64 hex), lowercase. */
  unit: string;
  amount: bigint;
}
export interface PriceTier {
  name: string;
  prices: Price[];
}
export type Pricing =
  | { kind: "free" }
  | { kind: "fixed"; prices: Price[] }
  | { kind: "tiered"; tiers: PriceTier[] }
  | { kind: "dynamic" };

const ASSET_UNIT = /^[0-9a-f]{56}(?:[0-9a-f]{2}){0,32}$/;
const DIGITS = /^[0-9]+$/;

/** Normalises a unit: "" and "lovelace" become `lovelace`, an asset id becomes lowercase hex. */
export function parseUnit(
  raw: string,
): { ok: true; unit: string } | { ok: false; message: string } {
  if (raw === "" || raw.toLowerCase() === LOVELACE) return { ok: true, unit: LOVELACE };
  const unit = raw.toLowerCase();
  if (ASSET_UNIT.test(unit)) return { ok: true, unit };
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return {
    ok: false,
    message: `unknown unit "${shown}": expected "lovelace" (or "") or a policy id (56 hex) followed by an asset name (0-64 hex, whole bytes)`,
  };
}

/** Where a value comes from: on-chain metadata may hold numbers and chunk lists, requests not. */
export interface ReadOptions {
  onChain: boolean;
}

/** Reads a positive amount: an integer string (or, on chain, an integer) from 1 to 2^63-1. */
export function parseAmount(
  raw: unknown,
  { onChain }: ReadOptions,
): { ok: true; amount: bigint } | { ok: false; message: string } {
  let text: string;
  if (raw === undefined || raw === null) return { ok: false, message: "is required" };
  if (typeof raw === "string") text = raw;
  else if (onChain && Array.isArray(raw) && raw.every((c) => typeof c === "string")) {
    text = joinChunks(raw);
  } else if (onChain && typeof raw === "bigint") text = raw.toString();
  else if (onChain && typeof raw === "number" && Number.isInteger(raw)) {
    // JSON readers turn large integer metadata into imprecise floats; refuse rather than guess.
    if (!Number.isSafeInteger(raw)) return { ok: false, message: "is too large to read exactly" };
    text = String(raw);
  } else if (typeof raw === "number") {
    return {
      ok: false,
      message: Number.isInteger(raw)
        ? 'must be an integer string of base units, e.g. "1000000"'
        : "must be a whole number of base units",
    };
  } else return { ok: false, message: 'must be an integer string of base units, e.g. "1000000"' };
  if (text.trim().startsWith("-")) return { ok: false, message: "must not be negative" };
  if (!DIGITS.test(text)) return { ok: false, message: "must be a whole number of base units" };
  // Bounding the digits first keeps BigInt() from parsing arbitrarily long junk.
  const digits = text.replace(/^0+(?=.)/, "");
  if (digits.length > 19 || BigInt(digits) > AMOUNT_MAX) {
    return { ok: false, message: `must be at most ${AMOUNT_MAX}` };
  }
  const amount = BigInt(digits);
  if (amount === 0n) return { ok: false, message: "must be at least 1" };
  return { ok: true, amount };
}

/** Rules for a whole price list, on already-read prices; paths are relative to the list. */
export function checkPriceList(prices: readonly Price[]): Problem[] {
  if (prices.length === 0) return [problem([], "needs at least one amount")];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  prices.forEach((price, i) => {
    const unit = parseUnit(price.unit);
    if (!unit.ok) problems.push(problem([i, "unit"], unit.message));
    else if (seen.has(unit.unit))
      problems.push(problem([i, "unit"], `${unit.unit} is listed twice`));
    else seen.add(unit.unit);
    if (price.amount < 1n) problems.push(problem([i, "amount"], "must be at least 1"));
    if (price.amount > AMOUNT_MAX)
      problems.push(problem([i, "amount"], `must be at most ${AMOUNT_MAX}`));
  });
  const tokens = [...seen].filter((u) => u !== LOVELACE).length;
  if (tokens > TOKENS_PER_PRICE_MAX) {
    problems.push(
      problem(
        [],
        `names ${tokens} tokens; an escrow holds at most ${TOKENS_PER_PRICE_MAX} besides lovelace`,
      ),
    );
  }
  return problems;
}

/** Reads a list of `{unit, amount}` from the wire; paths of problems are relative to the list. */
export function readPrices(
  raw: unknown,
  options: ReadOptions,
): { prices?: Price[]; problems: Problem[] } {
  if (!Array.isArray(raw)) return { problems: [problem([], "must be a list of {unit, amount}")] };
  const problems: Problem[] = [];
  const prices: Price[] = [];
  raw.forEach((item: unknown, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      problems.push(problem([i], "must be an object {unit, amount}"));
      return;
    }
    const rawUnit = field(item, "unit");
    const unitText = readText(rawUnit, options.onChain);
    const unit = unitText === undefined ? undefined : parseUnit(unitText);
    if (unit === undefined) {
      problems.push(problem([i, "unit"], notTextReason(rawUnit, options.onChain)));
    } else if (!unit.ok) problems.push(problem([i, "unit"], unit.message));
    const amount = parseAmount(field(item, "amount"), options);
    if (!amount.ok) problems.push(problem([i, "amount"], amount.message));
    if (unit?.ok && amount.ok) prices.push({ unit: unit.unit, amount: amount.amount });
  });
  if (problems.length > 0) return { problems };
  const listProblems = checkPriceList(prices);
  return listProblems.length > 0 ? { problems: listProblems } : { prices, problems: [] };
}

/** Reads named tiers; `pricesKey` is the wire name of each tier's price list. */
export function readTiers(
  raw: unknown,
  pricesKey: string,
  options: ReadOptions,
): { tiers?: PriceTier[]; problems: Problem[] } {
  if (!Array.isArray(raw))
    return { problems: [problem([], `must be a list of {name, ${pricesKey}}`)] };
  if (raw.length === 0) return { problems: [problem([], "needs at least one tier")] };
  if (raw.length > TIERS_MAX) return { problems: [problem([], `at most ${TIERS_MAX} tiers`)] };
  const problems: Problem[] = [];
  const tiers: PriceTier[] = [];
  const names = new Map<string, number>();
  raw.forEach((item: unknown, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      problems.push(problem([i], `must be an object {name, ${pricesKey}}`));
      return;
    }
    const rawName = field(item, "name");
    const name = readText(rawName, options.onChain);
    const nameProblem =
      name === undefined
        ? notTextReason(rawName, options.onChain, "must be non-empty text")
        : checkTierName(name, names);
    if (nameProblem) problems.push(problem([i, "name"], nameProblem));
    else names.set(name!.toLowerCase(), i);
    const read = readPrices(field(item, pricesKey), options);
    problems.push(...within([i, pricesKey], read.problems));
    if (name !== undefined && read.prices) tiers.push({ name, prices: read.prices });
  });
  return problems.length > 0 ? { problems } : { tiers, problems: [] };
}

function checkTierName(name: string | undefined, taken: Map<string, number>): string | undefined {
  if (name === undefined || name.trim() === "") return "must be non-empty text";
  if (utf8ByteLength(name) > TIER_NAME_BYTES_MAX) {
    return `must be at most ${TIER_NAME_BYTES_MAX} bytes`;
  }
  // Names differing only in case would confuse a buyer picking one, so they count as the same.
  const clash = taken.get(name.toLowerCase());
  return clash === undefined ? undefined : `"${name}" is already the name of tier [${clash}]`;
}

/** Every unit a pricing names (for filtering an explorer by unit). */
export function unitsOf(pricing: Pricing): string[] {
  if (pricing.kind === "fixed") return pricing.prices.map((p) => p.unit);
  if (pricing.kind === "tiered") {
    return [...new Set(pricing.tiers.flatMap((t) => t.prices.map((p) => p.unit)))];
  }
  return [];
}

/** True when two price lists ask for the same amounts of the same units, in any order. */
export function amountsEqual(a: readonly Price[], b: readonly Price[]): boolean {
  const total = (prices: readonly Price[]) => {
    const sums = new Map<string, bigint>();
    for (const p of prices) {
      const unit = p.unit === "" ? LOVELACE : p.unit.toLowerCase();
      sums.set(unit, (sums.get(unit) ?? 0n) + p.amount);
    }
    return sums;
  };
  const left = total(a);
  const right = total(b);
  if (left.size !== right.size) return false;
  for (const [unit, amount] of left) if (right.get(unit) !== amount) return false;
  return true;
}

/** Why no price could be fixed for a job; each is an expected outcome, not a crash. */
export type JobPriceError =
  | { code: "nothingToEscrow" }
  | { code: "unknownTier"; tierName: string; tierNames: string[] }
  | { code: "tierNotOffered"; tierName: string }
  | { code: "dynamicAmountsMissing" }
  | { code: "dynamicAmountsNotAllowed" }
  | { code: "dynamicAmountsInvalid"; problems: Problem[] };

export type JobPrice = { ok: true; prices: Price[] } | { ok: false; error: JobPriceError };

/** What a buyer chooses for one job: a tier of a tiered agent, the amounts of a dynamic one. */
export interface JobPriceChoice {
  tierName?: string;
  dynamicAmounts?: readonly Price[];
}

/**
 * The amounts to escrow for one job. A tiered agent without a tier name charges its first tier,
 * the price a MIP-002 v1 reader sees; units come back normalised.
 */
export function priceForJob(pricing: Pricing, choice: JobPriceChoice = {}): JobPrice {
  const { tierName, dynamicAmounts } = choice;
  if (dynamicAmounts !== undefined && pricing.kind !== "dynamic") {
    return { ok: false, error: { code: "dynamicAmountsNotAllowed" } };
  }
  if (tierName !== undefined && pricing.kind !== "tiered") {
    return { ok: false, error: { code: "tierNotOffered", tierName } };
  }
  switch (pricing.kind) {
    case "free":
      return { ok: false, error: { code: "nothingToEscrow" } };
    case "fixed":
      return { ok: true, prices: pricing.prices.map((p) => ({ ...p })) };
    case "tiered": {
      const tier =
        tierName === undefined ? pricing.tiers[0] : pricing.tiers.find((t) => t.name === tierName);
      if (tier === undefined) {
        const tierNames = pricing.tiers.map((t) => t.name);
        return { ok: false, error: { code: "unknownTier", tierName: tierName ?? "", tierNames } };
      }
      return { ok: true, prices: tier.prices.map((p) => ({ ...p })) };
    }
    case "dynamic": {
      if (dynamicAmounts === undefined)
        return { ok: false, error: { code: "dynamicAmountsMissing" } };
      const problems = checkPriceList(dynamicAmounts);
      if (problems.length > 0)
        return { ok: false, error: { code: "dynamicAmountsInvalid", problems } };
      const prices = dynamicAmounts.map((p) => ({ unit: normalUnit(p.unit), amount: p.amount }));
      return { ok: true, prices };
    }
  }
}

function normalUnit(unit: string): string {
  const parsed = parseUnit(unit);
  if (!parsed.ok) throw new Error(`normalUnit: ${unit} passed checkPriceList but is no unit`);
  return parsed.unit;
}
