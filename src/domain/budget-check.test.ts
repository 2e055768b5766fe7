import { describe, expect, it } from "vitest";
import { budgetRefusal, type BudgetState, remainingAmounts } from "./budget-check.ts";

const A = "lovelace";
const B = "ab".repeat(28) + "74555344";
const state = (over: Partial<BudgetState>): BudgetState => ({
  id: "b",
  unit: B,
  limitAmount: 10n,
  perRequestCeiling: null,
  spentAmount: 0n,
  ...over,
});

describe("budget check", () => {
  it("approves what fits every budget of the units asked", () => {
    const budgets = [
      state({ id: "1", spentAmount: 6n }),
      state({ id: "2", unit: A, limitAmount: 0n }),
    ];
    expect(budgetRefusal(budgets, [{ unit: B, amount: 4n }])).toBeUndefined();
    expect(budgetRefusal(budgets, [])).toBeUndefined();
  });

  it("refuses one unit more than is left, naming the budget and what is left", () => {
    const budgets = [state({ id: "1" }), state({ id: "2", spentAmount: 6n })];
    expect(budgetRefusal(budgets, [{ unit: B, amount: 5n }])).toEqual({
      reason: "budget_exhausted",
      budgetId: "2",
      unit: B,
      needAmount: 5n,
      allowedAmount: 4n,
    });
  });

  it("sums entries of one unit, and checks a ceiling before any limit", () => {
    const budgets = [
      state({ id: "1", spentAmount: 10n }),
      state({ id: "2", perRequestCeiling: 3n }),
    ];
    const two = [
      { unit: B, amount: 2n },
      { unit: B, amount: 2n },
    ];
    expect(budgetRefusal(budgets, two)?.reason).toBe("ceiling_exceeded");
    expect(budgetRefusal(budgets, [{ unit: B, amount: 3n }])?.reason).toBe("budget_exhausted");
  });

  it("reports per unit the least any budget has left, never below zero", () => {
    const budgets = [
      state({ id: "1", spentAmount: 3n }),
      state({ id: "2", limitAmount: 5n }),
      state({ id: "3", unit: A, limitAmount: 4n, spentAmount: 9n }),
    ];
    expect(remainingAmounts(budgets)).toEqual([
      { unit: B, amount: 5n },
      { unit: A, amount: 0n },
    ]);
  });
});
