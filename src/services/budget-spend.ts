/**
 * Budgets are enforced, not advisory: a purchase consumes every budget that applies to it in
 * the transaction that records it, or is refused. Each budget's period is one row of
 * `budget_spend`, raised by one conditional upsert (`... DO UPDATE ... WHERE spent <= limit -
 * need`): PostgreSQL locks the row and evaluates the condition on its latest committed version,
 * so two purchases at once cannot both take the last of a budget, across processes too. A
 * refused or failed purchase rolls its transaction back and with it what it had consumed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { budgetSpend, budgets } from "../db/schema.ts";
import type { Amount } from "../domain/amounts.ts";
import {
  amountOfUnit,
  type BudgetRefusal,
  type BudgetState,
  ceilingRefusal,
} from "../domain/budget-check.ts";
import { periodStartMs } from "../domain/budget-period.ts";
import { type BudgetRow, budgetsIn } from "./budgets.ts";

/** A purchase a budget refuses; the routes answer it with its `reason` and the field. */
export class BudgetRefusedError extends Error {
  /** The request field the refusal is about. */
  readonly field = "Amounts";
  constructor(readonly refusal: BudgetRefusal) {
    const r = refusal;
    super(
      r.reason === "ceiling_exceeded"
        ? `${r.needAmount} of ${r.unit} is above budget ${r.budgetId}'s per-request ceiling of ${r.allowedAmount}`
        : `budget ${r.budgetId} has ${r.allowedAmount} of ${r.unit} left this period, this needs ${r.needAmount}`,
    );
  }
}

export interface Consumption {
  network: Network;
  /** The key that asks (`admin` for the admin key); null counts only node-wide budgets. */
  apiKeyId: string | null;
  agentIdentifier: string;
  amounts: readonly Amount[];
  nowMs: number;
}

/** The status of `anyBudgetRow`'s row, when there is one. */
export const BUDGET_SET = "budget_set";

/**
 * A row when any budget is set on `network`, shaped to join the wallet's read under its lock
 * (purchase-funding.ts) rather than cost a round trip of its own: when none is, no purchase
 * there has one to consume, and a batch of purchases skips consumeBudgets (a query each).
 */
export function anyBudgetRow(tx: Db, network: Network) {
  return tx
    .select({
      ref: sql<string>`${budgets.id}`.as("ref"),
      status: sql<string>`${BUDGET_SET}`.as("status"),
    })
    .from(budgets)
    .where(eq(budgets.network, network))
    .limit(1);
}

/**
 * Consumes `amounts` from every budget that applies, or throws BudgetRefusedError. Call it in
 * the transaction that records the purchase; a throw must roll that transaction back.
 */
export async function consumeBudgets(tx: Db, c: Consumption): Promise<void> {
  const units = [...new Set(c.amounts.filter((a) => a.amount > 0n).map((a) => a.unit))];
  const rows = await budgetsIn(
    tx,
    { network: c.network, apiKeyId: c.apiKeyId, agentIdentifier: c.agentIdentifier, units },
    { lock: true },
  );
  // Ceilings need no spending read: a request above one is refused in any period.
  const ceiling = ceilingRefusal(rows.map(stateOf), c.amounts);
  if (ceiling) throw new BudgetRefusedError(ceiling);
  // budgetsIn orders by id: every purchase raises rows in the same order and none deadlock.
  for (const b of rows) await consumeOne(tx, b, amountOfUnit(c.amounts, b.unit), c.nowMs);
}

function stateOf(b: BudgetRow): BudgetState {
  return { ...b, spentAmount: 0n };
}

async function consumeOne(tx: Db, b: BudgetRow, need: bigint, nowMs: number): Promise<void> {
  if (need === 0n) return;
  const startMs = periodStartMs(b.period, nowMs);
  // `limit - need` keeps the condition inside bigint's range, where `spent + need` could overflow.
  if (need <= b.limitAmount) {
    const raised = await tx
      .insert(budgetSpend)
      .values({ budgetId: b.id, periodStartMs: startMs, spentAmount: need, updatedAtMs: nowMs })
      .onConflictDoUpdate({
        target: [budgetSpend.budgetId, budgetSpend.periodStartMs],
        set: { spentAmount: sql`${budgetSpend.spentAmount} + ${need}`, updatedAtMs: nowMs },
        setWhere: sql`${budgetSpend.spentAmount} <= ${b.limitAmount - need}`,
      })
      .returning({ spentAmount: budgetSpend.spentAmount });
    if (raised.length === 1) {
      if (raised[0]!.spentAmount > b.limitAmount) throw new Error(`budget ${b.id} overspent`);
      return;
    }
  }
  const [row] = await tx
    .select({ spentAmount: budgetSpend.spentAmount })
    .from(budgetSpend)
    .where(and(eq(budgetSpend.budgetId, b.id), eq(budgetSpend.periodStartMs, startMs)));
  const spent = row?.spentAmount ?? 0n;
  const allowedAmount = spent >= b.limitAmount ? 0n : b.limitAmount - spent;
  throw new BudgetRefusedError({
    reason: "budget_exhausted",
    budgetId: b.id,
    unit: b.unit,
    needAmount: need,
    allowedAmount,
  });
}
