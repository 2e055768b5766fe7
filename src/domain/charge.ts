/**
 * The charge for one job, from an agent's price sheet and the usage it reports. The seller's
 * node runs it to make a claim and the buyer's node to check one, so it is pure, deterministic
 * and total: every valid input gives a result, bad usage a typed error, nothing throws.
 *
 * Rounding rule: every part is computed exactly, in millionths of a base unit (token prices are
 * per 1,000,000 tokens, compute prices per second of `computeMs`), the parts are summed, and the
 * sum is rounded UP to the next whole base unit ONCE, at the end; never per part or per token.
 * So at 100,000 base units per 1M tokens (0.1 per token) 1 token and 10 tokens cost 1, 11 cost 2.
 *
 * Then, in this order:
 * 1. Free quota: when the buyer has free calls left, those calls are free of everything they
 *    used, and a job whose calls are all covered (a job of no calls included) costs nothing;
 *    with more calls than free ones the exact total is scaled by billed calls / calls (before
 *    the one rounding), so the charge still rises with usage.
 * 2. Minimum charge: a billed job costs at least `minimumCharge`. It does not apply when the
 *    usage is all zero and the sheet has no base price (nothing was done and nothing is owed per
 *    call), nor when the free quota covered every call.
 * 3. Ceiling: the charge never exceeds the amount the buyer locked, even below the minimum.
 */
import type { PriceSheet } from "./price-sheet.ts";
import { AMOUNT_MAX } from "./pricing.ts";

/** Millionths per base unit: the common denominator of every part. */
const SCALE = 1_000_000n;
const TOKENS_PER_PRICE = 1_000_000n;
const MS_PER_SECOND = 1_000n;

/** What one job used. Every count is a bigint from 0 to 2^63-1. */
export interface Usage {
  calls: bigint;
  outcomes?: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  computeMs: bigint;
  /** Quantities of the sheet's named custom units. */
  custom?: Readonly<Record<string, bigint>>;
}

export interface ChargeOptions {
  /** The amount the buyer locked; no charge exceeds it. */
  ceiling?: bigint;
  /** Free calls this buyer still has (from the sheet's `freeCallsPerBuyer`). */
  freeCallsLeft?: bigint;
}

/** One priced part of the usage, exact: `quantity * price / per`, in millionths of a base unit. */
export interface ChargeLine {
  item: string;
  quantity: bigint;
  price: bigint;
  /** The quantity the price is quoted for: 1 (per call, unit), 1000 (ms) or 1,000,000 (tokens). */
  per: bigint;
  millionths: bigint;
}

export interface Charge {
  unit: string;
  /** Whole base units to claim. */
  amount: bigint;
  breakdown: ChargeLine[];
  /** Calls the free quota covered. */
  freeQuotaApplied: bigint;
  minimumApplied: boolean;
  capped: boolean;
}

export type ChargeError =
  | { code: "negativeUsage"; field: string }
  | { code: "usageTooLarge"; field: string }
  | { code: "unknownCustomUnit"; field: string }
  | { code: "invalidOption"; field: "ceiling" | "freeCallsLeft" };

export type ChargeResult = ({ ok: true } & Charge) | { ok: false; error: ChargeError };

/** The charge for `usage` under `sheet`; see the module comment for the rules. */
export function charge(sheet: PriceSheet, usage: Usage, opts: ChargeOptions = {}): ChargeResult {
  const error = usageError(sheet, usage) ?? optionsError(opts);
  if (error) return { ok: false, error };
  const breakdown = lines(sheet, usage);
  const exact = breakdown.reduce((sum, l) => sum + l.millionths, 0n);
  const freeCallsLeft = opts.freeCallsLeft ?? 0n;
  const freeQuotaApplied = min(freeCallsLeft, usage.calls);
  // A job whose calls the quota covers entirely (a job of no calls included) is free.
  const allFree = freeCallsLeft > 0n && freeCallsLeft >= usage.calls;
  const billedCalls = usage.calls - freeQuotaApplied;
  // Scaling by billed calls / calls keeps one rounding: the denominator grows instead.
  const raw = allFree
    ? 0n
    : freeQuotaApplied === 0n
      ? ceilDiv(exact, SCALE)
      : ceilDiv(exact * billedCalls, SCALE * usage.calls);
  const nothingUsed = isZeroUsage(usage) && sheet.basePrice === 0n;
  const minimumApplies = !nothingUsed && !allFree;
  const minimumApplied = minimumApplies && raw < sheet.minimumCharge;
  const floored = minimumApplied ? sheet.minimumCharge : raw;
  const capped = opts.ceiling !== undefined && floored > opts.ceiling;
  const amount = capped ? opts.ceiling! : floored;
  return {
    ok: true,
    unit: sheet.unit,
    amount,
    breakdown,
    freeQuotaApplied,
    minimumApplied,
    capped,
  };
}

function lines(sheet: PriceSheet, usage: Usage): ChargeLine[] {
  const line = (item: string, quantity: bigint, price: bigint, per: bigint): ChargeLine => ({
    item,
    quantity,
    price,
    per,
    // Exact: SCALE is a multiple of every `per`.
    millionths: (quantity * price * SCALE) / per,
  });
  const out = [
    line("calls", usage.calls, sheet.basePrice, 1n),
    line("outcomes", usage.outcomes ?? 0n, sheet.outcomePrice, 1n),
    line("inputTokens", usage.inputTokens, sheet.inputPricePer1MTokens, TOKENS_PER_PRICE),
    line("outputTokens", usage.outputTokens, sheet.outputPricePer1MTokens, TOKENS_PER_PRICE),
    line("computeMs", usage.computeMs, sheet.computePricePerSecond, MS_PER_SECOND),
  ];
  // Sorted names, so both nodes list the same breakdown whatever order the usage came in.
  for (const name of Object.keys(sheet.customUnitPrices).sort()) {
    const quantity = usage.custom?.[name] ?? 0n;
    out.push(line(`custom.${name}`, quantity, sheet.customUnitPrices[name]!, 1n));
  }
  return out;
}

function usageError(sheet: PriceSheet, usage: Usage): ChargeError | undefined {
  const counts: [string, bigint | undefined][] = [
    ["calls", usage.calls],
    ["outcomes", usage.outcomes],
    ["inputTokens", usage.inputTokens],
    ["outputTokens", usage.outputTokens],
    ["computeMs", usage.computeMs],
  ];
  for (const [name, quantity] of Object.entries(usage.custom ?? {})) {
    if (!Object.hasOwn(sheet.customUnitPrices, name)) {
      return { code: "unknownCustomUnit", field: `custom.${name}` };
    }
    counts.push([`custom.${name}`, quantity]);
  }
  for (const [field, quantity] of counts) {
    if (quantity === undefined) continue;
    if (quantity < 0n) return { code: "negativeUsage", field };
    if (quantity > AMOUNT_MAX) return { code: "usageTooLarge", field };
  }
  return undefined;
}

function optionsError(opts: ChargeOptions): ChargeError | undefined {
  for (const field of ["ceiling", "freeCallsLeft"] as const) {
    const value = opts[field];
    if (value !== undefined && (value < 0n || value > AMOUNT_MAX)) {
      return { code: "invalidOption", field };
    }
  }
  return undefined;
}

function isZeroUsage(usage: Usage): boolean {
  const parts = [usage.calls, usage.outcomes ?? 0n, usage.inputTokens, usage.outputTokens];
  parts.push(usage.computeMs, ...Object.values(usage.custom ?? {}));
  return parts.every((q) => q === 0n);
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  // Both are non-negative here, so bigint division (which truncates) floors.
  return (numerator + denominator - 1n) / denominator;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
