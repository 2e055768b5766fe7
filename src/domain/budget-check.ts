/**
 * Whether one request fits the budgets that apply to it: pure, so the preflight answer and the
 * purchase's refusal come from the same rule. A per-request ceiling is checked before any
 * period's limit: a request above a ceiling is refused as `ceiling_exceeded` even when the
 * budget is also exhausted, because it would be refused in any period.
 */
import type { Amount } from "./amounts.ts";

export type BudgetReason = "budget_exhausted" | "ceiling_exceeded";

/** One budget as a check needs it: its limit and what its current period has spent. */
export interface BudgetState {
  id: string;
  unit: string;
  limitAmount: bigint;
  perRequestCeiling: bigint | null;
  spentAmount: bigint;
}

export interface BudgetRefusal {
  reason: BudgetReason;
  budgetId: string;
  unit: string;
  /** What the request asks of the unit. */
  needAmount: bigint;
  /** The ceiling, or what the period has left. */
  allowedAmount: bigint;
}

/** What a request asks of `unit` (its entries of that unit summed). */
export function amountOfUnit(amounts: readonly Amount[], unit: string): bigint {
  return amounts.reduce((sum, a) => (a.unit === unit ? sum + a.amount : sum), 0n);
}

/** What is left of a budget's period; never below zero. */
export function leftOf(b: BudgetState): bigint {
  return b.spentAmount >= b.limitAmount ? 0n : b.limitAmount - b.spentAmount;
}

/** The first ceiling `amounts` exceed, budgets taken in the order given. */
export function ceilingRefusal(
  budgets: readonly BudgetState[],
  amounts: readonly Amount[],
): BudgetRefusal | undefined {
  for (const b of budgets) {
    const need = amountOfUnit(amounts, b.unit);
    if (b.perRequestCeiling !== null && need > b.perRequestCeiling) {
      const allowedAmount = b.perRequestCeiling;
      return {
        reason: "ceiling_exceeded",
        budgetId: b.id,
        unit: b.unit,
        needAmount: need,
        allowedAmount,
      };
    }
  }
  return undefined;
}

/** The first refusal of `amounts` by `budgets` (ceilings first), or undefined when they fit. */
export function budgetRefusal(
  budgets: readonly BudgetState[],
  amounts: readonly Amount[],
): BudgetRefusal | undefined {
  const ceiling = ceilingRefusal(budgets, amounts);
  if (ceiling) return ceiling;
  for (const b of budgets) {
    const need = amountOfUnit(amounts, b.unit);
    if (need > 0n && need > leftOf(b)) {
      return {
        reason: "budget_exhausted",
        budgetId: b.id,
        unit: b.unit,
        needAmount: need,
        allowedAmount: leftOf(b),
      };
    }
  }
  return undefined;
}

/** Per unit, the least any budget of that unit has left: what a caller may still spend. */
export function remainingAmounts(budgets: readonly BudgetState[]): Amount[] {
  const byUnit = new Map<string, bigint>();
  for (const b of budgets) {
    const left = leftOf(b);
    const known = byUnit.get(b.unit);
    if (known === undefined || left < known) byUnit.set(b.unit, left);
  }
  return [...byUnit]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unit, amount]) => ({ unit, amount }));
}
