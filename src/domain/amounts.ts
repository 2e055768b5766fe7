/**
 * Amounts of a payment: lists of `{unit, amount}` with bigint amounts in code and integer
 * strings on the wire. The unit and amount rules live in pricing.ts (one definition for prices
 * and payments); this module adds what a payment request needs on top: the peer's limit on the
 * list's length, the wire form, a canonical order, and sums.
 */
import { formatProblem, LOVELACE, type Price, type Problem, readPrices } from "./pricing.ts";
import { within } from "./pricing-fields.ts";

export { AMOUNT_MAX, amountsEqual, LOVELACE } from "./pricing.ts";

/** One amount of one unit, in base units; the same shape as a price. */
export type Amount = Price;

/** An amount as the API carries it. */
export interface WireAmount {
  unit: string;
  amount: string;
}

/** Entries one amount list may hold on the wire (the peer's `maxItems` for RequestedFunds). */
export const AMOUNTS_MAX = 7;

export type AmountsResult =
  { ok: true; amounts: Amount[] } | { ok: false; problems: Problem[]; message: string };

/**
 * Reads a wire amount list (e.g. `RequestedFunds`): `""` or `lovelace` become `lovelace`,
 * amounts are integer strings from 1 to 2^63-1, no unit twice, at most AMOUNTS_MAX entries and
 * no more tokens than an escrow can hold. Problems name their field, e.g. `RequestedFunds[1].amount`.
 */
export function parseWireAmounts(raw: unknown, fieldName: string): AmountsResult {
  // Checked before reading any entry, so an oversized list costs nothing.
  if (Array.isArray(raw) && raw.length > AMOUNTS_MAX) {
    return fail([{ path: [fieldName], message: `at most ${AMOUNTS_MAX} amounts` }]);
  }
  const read = readPrices(raw, { onChain: false });
  if (read.prices === undefined) return fail(within([fieldName], read.problems));
  return { ok: true, amounts: sortAmounts(read.prices) };
}

function fail(problems: Problem[]): AmountsResult {
  return { ok: false, problems, message: problems.map(formatProblem).join("; ") };
}

/**
 * The wire form. The peer writes lovelace as the empty unit, so an API that must look like it
 * passes `{ lovelaceUnit: "" }`; our own formats keep the explicit `lovelace`.
 */
export function toWireAmounts(
  amounts: readonly Amount[],
  { lovelaceUnit = LOVELACE }: { lovelaceUnit?: "" | typeof LOVELACE } = {},
): WireAmount[] {
  return amounts.map((a) => ({
    unit: a.unit === LOVELACE ? lovelaceUnit : a.unit,
    amount: a.amount.toString(),
  }));
}

/** Orders units canonically: lovelace first, then asset ids in code unit order. */
export function compareUnits(a: string, b: string): number {
  if (a === b) return 0;
  if (a === LOVELACE) return -1;
  if (b === LOVELACE) return 1;
  return a < b ? -1 : 1;
}

/** A copy in canonical unit order, so equal lists also look equal. */
export function sortAmounts(amounts: readonly Amount[]): Amount[] {
  return amounts.map((a) => ({ ...a })).sort((x, y) => compareUnits(x.unit, y.unit));
}

/**
 * The per-unit totals of several lists, in canonical order. A total may pass 2^63-1 (it is a
 * sum over payments, not one output's value); units are expected already normalised.
 */
export function sumAmounts(lists: readonly (readonly Amount[])[]): Amount[] {
  const totals = new Map<string, bigint>();
  for (const list of lists) {
    for (const { unit, amount } of list) totals.set(unit, (totals.get(unit) ?? 0n) + amount);
  }
  return sortAmounts([...totals].map(([unit, amount]) => ({ unit, amount })));
}

/** The amount of `unit` in a list (0n when absent). */
export function amountOf(amounts: readonly Amount[], unit: string): bigint {
  return amounts.reduce((sum, a) => (a.unit === unit ? sum + a.amount : sum), 0n);
}
