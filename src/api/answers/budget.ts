/** Budgets as the budget routes answer them (budgets.ts `budgetView`). */
import { z } from "zod";
import { BUDGET_PERIODS } from "../../domain/budget-period.ts";
import { amountText, msText } from "./shapes.ts";

/** A budget with its current period's spend. */
export const budgetAnswer = z.object({
  id: z.string(),
  network: z.enum(["Preprod", "Mainnet"]),
  apiKeyId: z.string().nullable().meta({ description: "the key it limits; null: the whole node" }),
  agentIdentifier: z
    .string()
    .nullable()
    .meta({ description: "the agent it limits spending on; null: every agent" }),
  period: z.enum(BUDGET_PERIODS).meta({ description: "a UTC calendar period, or `total`" }),
  unit: z.string().meta({ description: "`lovelace`, or policy id + asset name hex" }),
  limitAmount: amountText,
  perRequestCeiling: amountText
    .nullable()
    .meta({ description: "the most one purchase may lock; null: no ceiling" }),
  periodStart: msText,
  periodEnd: msText.nullable().meta({ description: "POSIX milliseconds; null for `total`" }),
  spentAmount: amountText.meta({ description: "spent in the current period" }),
  remainingAmount: amountText.meta({ description: "left in the current period" }),
  createdBy: z.string().meta({ description: "the API key that set it" }),
  createdAt: msText,
});

/** A deleted budget. */
export const deletedBudgetAnswer = z.object({ id: z.string(), deletedAt: msText });
