/**
 * An agent's price sheet: how it charges for usage in one unit (USDM, tUSDM, lovelace or any
 * other token), its free quota, minimum charge, subscription tiers and listing texts. Amounts
 * are bigint base units in code and integer strings on the wire, never floats.
 *
 * Decisions:
 * - One unit per sheet. An agent priced in two units (MIP-002 allows lovelace plus tokens) has
 *   one sheet per unit, so a charge is always one number of one unit.
 * - Unknown fields are refused: the sheet is hashed and the hash committed on chain, so a field
 *   this node would drop silently must not reach a buyer as if it were part of the terms.
 * - Omitted prices, quotas and texts default to zero or empty; the hash covers the parsed form,
 *   so `{}` and `{"basePrice": "0"}` are the same sheet with the same hash.
 * - A tier's period is named (day, week, month, year): a calendar month has no fixed length in
 *   milliseconds, and billing dates are the biller's business, not the sheet's.
 * - The model says which usage prices may be non-zero (see MODEL_PRICES); dynamic allows all.
 */
import { z } from "zod";
import { canonicalize } from "./jcs.ts";
import { checkText, type TextRule } from "./mip002-agent.ts";
import { sha256Hex } from "./mip004.ts";
import { formatProblem, type PathSegment, type Problem } from "./pricing-fields.ts";
import { AMOUNT_MAX, parseUnit, TIERS_MAX } from "./pricing.ts";

export const PRICING_MODELS = ["flat", "tokens", "dynamic", "perSecond", "custom"] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];
export const TIER_PERIODS = ["day", "week", "month", "year"] as const;
export type TierPeriod = (typeof TIER_PERIODS)[number];

/** Named custom units one sheet may price. */
export const CUSTOM_UNITS_MAX = 16;
/** A custom unit name: lowercase, starting with a letter, e.g. `image` or `page_ocr`. */
export const CUSTOM_UNIT_NAME = /^[a-z][a-z0-9_.-]{0,31}$/;
/** Integration links one listing may carry. */
export const INTEGRATION_LINKS_MAX = 10;
/** The version of the sheet's format; it is part of the hashed form. */
export const SHEET_VERSION = 1;

const LISTING_RULES = {
  summary: { maxLength: 500 },
  requestDocs: { maxLength: 10_000 },
  responseNotes: { maxLength: 5_000 },
  link: { maxLength: 500, notBlank: true, httpUrl: true },
  tierName: { maxLength: 64, notBlank: true },
} as const satisfies Record<string, TextRule>;

export interface SubscriptionTier {
  name: string;
  period: TierPeriod;
  price: bigint;
  includedCalls: bigint;
}

export interface Listing {
  summary: string;
  requestDocs: string;
  responseNotes: string;
  integrationLinks: string[];
  /** Absent when the agent names no support page. */
  supportUrl?: string;
}

export interface PriceSheet {
  version: typeof SHEET_VERSION;
  /** `lovelace`, or a policy id followed by an asset name (lowercase hex), as in pricing.ts. */
  unit: string;
  model: PricingModel;
  enabled: boolean;
  /** Charged per call (request). */
  basePrice: bigint;
  /** Charged per outcome the agent reports (e.g. per successful result). */
  outcomePrice: bigint;
  inputPricePer1MTokens: bigint;
  outputPricePer1MTokens: bigint;
  computePricePerSecond: bigint;
  /** Price per one of each named custom unit. */
  customUnitPrices: Record<string, bigint>;
  /** Calls each buyer makes free before billing starts. */
  freeCallsPerBuyer: bigint;
  /** The least a billed job costs (see charge.ts for when it applies). */
  minimumCharge: bigint;
  tiers: SubscriptionTier[];
  listing: Listing;
}

type UsagePrice =
  "inputPricePer1MTokens" | "outputPricePer1MTokens" | "computePricePerSecond" | "customUnitPrices";

/** The usage prices each model may set; the others must be zero (or, for custom, empty). */
export const MODEL_PRICES: Record<PricingModel, readonly UsagePrice[]> = {
  flat: [],
  tokens: ["inputPricePer1MTokens", "outputPricePer1MTokens"],
  perSecond: ["computePricePerSecond"],
  custom: ["customUnitPrices"],
  dynamic: [
    "inputPricePer1MTokens",
    "outputPricePer1MTokens",
    "computePricePerSecond",
    "customUnitPrices",
  ],
};

/** Reads a whole number from 0 to 2^63-1 written as an integer string; `what` names the unit. */
function readWhole(
  raw: unknown,
  what: string,
): { ok: true; value: bigint } | { ok: false; message: string } {
  if (raw === undefined || raw === null) return { ok: false, message: "is required" };
  if (typeof raw === "number") {
    return Number.isInteger(raw)
      ? { ok: false, message: `must be an integer string of ${what}, e.g. "1000000"` }
      : { ok: false, message: `must be a whole number of ${what}, not a fraction` };
  }
  if (typeof raw !== "string") {
    return { ok: false, message: `must be an integer string of ${what}, e.g. "1000000"` };
  }
  if (raw.trim().startsWith("-")) return { ok: false, message: "must not be negative" };
  if (/^[0-9]*[.,][0-9]*$/.test(raw) || /^[0-9]+e-?[0-9]+$/i.test(raw)) {
    return { ok: false, message: `must be a whole number of ${what}, not a fraction` };
  }
  if (!/^[0-9]+$/.test(raw)) return { ok: false, message: `must be an integer string of ${what}` };
  // Bounding the digits first keeps BigInt() from parsing arbitrarily long numbers.
  const digits = raw.replace(/^0+(?=.)/, "");
  if (digits.length > 19 || BigInt(digits) > AMOUNT_MAX) {
    return { ok: false, message: `must be at most ${AMOUNT_MAX}` };
  }
  return { ok: true, value: BigInt(digits) };
}

function whole(what: string) {
  return z.unknown().transform((raw, ctx) => {
    const read = readWhole(raw, what);
    if (read.ok) return read.value;
    ctx.addIssue({ code: "custom", message: read.message });
    return z.NEVER;
  });
}

const amount = () => whole("base units");
const count = () => whole("calls");
const optionalAmount = () => z.unknown().optional().pipe(whole("base units").default(0n));

function text(rule: TextRule) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
    .superRefine((s, ctx) => {
      const message = checkText(s, rule);
      if (message) ctx.addIssue({ code: "custom", message });
    });
}

const unit = z
  .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
  .transform((raw, ctx) => {
    const parsed = parseUnit(raw);
    if (parsed.ok) return parsed.unit;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

const customUnitPrices = z.unknown().transform((raw, ctx) => {
  // Read by hand rather than with z.record, which would turn a "__proto__" key into a
  // prototype and drop it silently instead of refusing it.
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: "custom", message: "must be an object {name: price}" });
    return z.NEVER;
  }
  const prices: Record<string, bigint> = {};
  const names = Object.keys(raw);
  if (names.length > CUSTOM_UNITS_MAX) {
    ctx.addIssue({ code: "custom", message: `at most ${CUSTOM_UNITS_MAX} custom units` });
    return z.NEVER;
  }
  for (const name of names) {
    if (!CUSTOM_UNIT_NAME.test(name)) {
      const message = "a custom unit name is 1-32 of a-z, 0-9, _ . - starting with a letter";
      ctx.addIssue({ code: "custom", path: [name], message });
      continue;
    }
    const read = readWhole((raw as Record<string, unknown>)[name], "base units");
    if (read.ok) prices[name] = read.value;
    else ctx.addIssue({ code: "custom", path: [name], message: read.message });
  }
  return prices;
});

const tier = z.strictObject(
  {
    name: text(LISTING_RULES.tierName),
    period: z.enum(TIER_PERIODS, { error: `must be one of ${TIER_PERIODS.join(", ")}` }),
    price: amount(),
    includedCalls: count(),
  },
  { error: "must be an object {name, period, price, includedCalls}" },
);

const listing = z.strictObject(
  {
    summary: text(LISTING_RULES.summary).default(""),
    requestDocs: text(LISTING_RULES.requestDocs).default(""),
    responseNotes: text(LISTING_RULES.responseNotes).default(""),
    integrationLinks: z
      .array(text(LISTING_RULES.link), { error: "must be a list of URLs" })
      .max(INTEGRATION_LINKS_MAX, { error: `at most ${INTEGRATION_LINKS_MAX} links` })
      .default(() => []),
    supportUrl: text(LISTING_RULES.link).optional(),
  },
  {
    error: "must be an object {summary, requestDocs, responseNotes, integrationLinks, supportUrl}",
  },
);

const sheetSchema = z
  .strictObject(
    {
      version: z
        .literal(SHEET_VERSION, { error: `must be ${SHEET_VERSION}` })
        .default(SHEET_VERSION),
      unit,
      model: z.enum(PRICING_MODELS, { error: `must be one of ${PRICING_MODELS.join(", ")}` }),
      enabled: z.boolean({ error: "must be true or false" }).default(true),
      basePrice: optionalAmount(),
      outcomePrice: optionalAmount(),
      inputPricePer1MTokens: optionalAmount(),
      outputPricePer1MTokens: optionalAmount(),
      computePricePerSecond: optionalAmount(),
      customUnitPrices: customUnitPrices.default(() => ({})),
      freeCallsPerBuyer: z.unknown().optional().pipe(count().default(0n)),
      minimumCharge: optionalAmount(),
      tiers: z
        .array(tier, { error: "must be a list of {name, period, price, includedCalls}" })
        .max(TIERS_MAX, { error: `at most ${TIERS_MAX} tiers` })
        .default(() => []),
      listing: listing.default(() => ({
        summary: "",
        requestDocs: "",
        responseNotes: "",
        integrationLinks: [],
      })),
    },
    { error: "must be an object (a price sheet)" },
  )
  .superRefine((sheet, ctx) => {
    for (const p of sheetProblems(sheet as PriceSheet)) {
      ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    }
  });

/** Rules across fields: prices the model does not use, tier names used twice. */
export function sheetProblems(sheet: PriceSheet): Problem[] {
  const problems: Problem[] = [];
  const allowed = MODEL_PRICES[sheet.model];
  const scalar = [
    "inputPricePer1MTokens",
    "outputPricePer1MTokens",
    "computePricePerSecond",
  ] as const;
  for (const key of scalar) {
    if (sheet[key] !== 0n && !allowed.includes(key)) {
      problems.push({ path: [key], message: `must be 0 for a ${sheet.model} sheet` });
    }
  }
  const customCount = Object.keys(sheet.customUnitPrices).length;
  if (customCount > 0 && !allowed.includes("customUnitPrices")) {
    problems.push({
      path: ["customUnitPrices"],
      message: `must be empty for a ${sheet.model} sheet`,
    });
  }
  if (
    sheet.model === "tokens" &&
    sheet.inputPricePer1MTokens === 0n &&
    sheet.outputPricePer1MTokens === 0n
  ) {
    problems.push({
      path: ["inputPricePer1MTokens"],
      message: "a tokens sheet needs a token price",
    });
  }
  if (sheet.model === "perSecond" && sheet.computePricePerSecond === 0n) {
    problems.push({ path: ["computePricePerSecond"], message: "a perSecond sheet needs a price" });
  }
  if (sheet.model === "custom" && customCount === 0) {
    problems.push({ path: ["customUnitPrices"], message: "a custom sheet needs a custom unit" });
  }
  const names = new Map<string, number>();
  sheet.tiers.forEach((t, i) => {
    // Names differing only in case would confuse a buyer picking one.
    const clash = names.get(t.name.toLowerCase());
    if (clash !== undefined) {
      problems.push({
        path: ["tiers", i, "name"],
        message: `is already the name of tier [${clash}]`,
      });
    } else names.set(t.name.toLowerCase(), i);
  });
  return problems;
}

export type SheetResult =
  { ok: true; sheet: PriceSheet } | { ok: false; problems: Problem[]; message: string };

/**
 * Reads a price sheet from the wire; every problem names its field, e.g. `tiers[0].price`. The
 * rules across fields (`sheetProblems`) are checked once every field reads on its own.
 */
export function parsePriceSheet(raw: unknown): SheetResult {
  // zod reads inherited properties; a structured clone keeps only the value's own data.
  let data: unknown;
  try {
    data = structuredClone(raw);
  } catch {
    const problems = [{ path: [], message: "must be plain JSON data" }];
    return { ok: false, problems, message: problems.map(formatProblem).join("; ") };
  }
  const parsed = sheetSchema.safeParse(data);
  if (parsed.success) return { ok: true, sheet: parsed.data as PriceSheet };
  const problems: Problem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        problems.push({ path: [...path, key], message: "is not a field of a price sheet" });
    } else problems.push({ path, message: issue.message });
  }
  return { ok: false, problems, message: problems.map(formatProblem).join("; ") };
}

/** The wire form: amounts and counts as integer strings, every field written out. */
export function toWireSheet(sheet: PriceSheet): Record<string, unknown> {
  const s = (n: bigint) => n.toString();
  const custom = Object.fromEntries(
    Object.entries(sheet.customUnitPrices).map(([name, price]) => [name, s(price)]),
  );
  const { supportUrl, ...texts } = sheet.listing;
  return {
    version: sheet.version,
    unit: sheet.unit,
    model: sheet.model,
    enabled: sheet.enabled,
    basePrice: s(sheet.basePrice),
    outcomePrice: s(sheet.outcomePrice),
    inputPricePer1MTokens: s(sheet.inputPricePer1MTokens),
    outputPricePer1MTokens: s(sheet.outputPricePer1MTokens),
    computePricePerSecond: s(sheet.computePricePerSecond),
    customUnitPrices: custom,
    freeCallsPerBuyer: s(sheet.freeCallsPerBuyer),
    minimumCharge: s(sheet.minimumCharge),
    tiers: sheet.tiers.map((t) => ({
      name: t.name,
      period: t.period,
      price: s(t.price),
      includedCalls: s(t.includedCalls),
    })),
    listing: {
      ...texts,
      integrationLinks: [...texts.integrationLinks],
      ...(supportUrl === undefined ? {} : { supportUrl }),
    },
  };
}

/**
 * The sha256 (hex) of the sheet's RFC 8785 canonical wire form: what a seller commits on chain
 * and a buyer recomputes from the sheet it was quoted. Key order and leading zeros on the wire
 * do not change it, because it is computed from the parsed sheet.
 */
export function sheetHash(sheet: PriceSheet): string {
  return sha256Hex(canonicalize(toWireSheet(sheet)));
}
