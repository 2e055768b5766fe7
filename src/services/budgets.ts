/**
 * The buyer's budgets: made, listed and deleted by the routes, read with what their current
 * period has spent. A budget limits the purchases of one API key (or, with no key, of the whole
 * node), from one seller agent (or any), in one unit, per UTC calendar period; see
 * budget-spend.ts for how a purchase consumes it.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { apiKeys, budgetSpend, budgets } from "../db/schema.ts";
import type { BudgetState } from "../domain/budget-check.ts";
import { type BudgetPeriod, periodStartMs } from "../domain/budget-period.ts";

export type BudgetRow = typeof budgets.$inferSelect;

/** Budgets one network may hold: every purchase reads those that apply to it. */
export const BUDGETS_MAX = 100;
/** The configured admin key's id in principals and budgets (it has no api_keys row). */
export const ADMIN_KEY_ID = "admin";

/** An expected refusal, mapped to HTTP by the routes; `field` is the wire name at fault. */
export class BudgetError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound" | "forbidden" | "conflict",
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface NewBudget {
  network: Network;
  apiKeyId: string | null;
  agentIdentifier: string | null;
  period: BudgetPeriod;
  unit: string;
  limitAmount: bigint;
  perRequestCeiling: bigint | null;
  createdById: string;
  nowMs: number;
}

/** Stores a budget; the key it names must exist (or be the admin key). */
export async function createBudget(db: Db, b: NewBudget): Promise<BudgetRow> {
  if (b.apiKeyId !== null && b.apiKeyId !== ADMIN_KEY_ID) {
    const [key] = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.id, b.apiKeyId))
      .limit(1);
    if (key === undefined) throw new BudgetError("invalid", "apiKeyId", "no such API key");
  }
  const held = await db
    .select({ id: budgets.id })
    .from(budgets)
    .where(eq(budgets.network, b.network))
    .limit(BUDGETS_MAX);
  if (held.length >= BUDGETS_MAX)
    throw new BudgetError("conflict", "network", `holds ${BUDGETS_MAX} budgets, the most allowed`);
  const row: BudgetRow = {
    id: randomUUID(),
    network: b.network,
    apiKeyId: b.apiKeyId,
    agentIdentifier: b.agentIdentifier,
    period: b.period,
    unit: b.unit,
    limitAmount: b.limitAmount,
    perRequestCeiling: b.perRequestCeiling,
    createdById: b.createdById,
    createdAtMs: b.nowMs,
  };
  await db.insert(budgets).values(row);
  return row;
}

/** What selects budgets: the key whose purchases they apply to (all when undefined). */
export interface BudgetScope {
  network: Network;
  /** Budgets of this key and the node's; undefined for every budget of the network. */
  apiKeyId?: string | null;
  /** Budgets of this agent and of any agent. */
  agentIdentifier?: string;
  /** Only budgets of these units. */
  units?: readonly string[];
}

function scopeWhere(s: BudgetScope): SQL {
  const parts: (SQL | undefined)[] = [eq(budgets.network, s.network)];
  if (s.apiKeyId !== undefined)
    parts.push(
      s.apiKeyId === null
        ? isNull(budgets.apiKeyId)
        : or(isNull(budgets.apiKeyId), eq(budgets.apiKeyId, s.apiKeyId)),
    );
  if (s.agentIdentifier !== undefined)
    parts.push(or(isNull(budgets.agentIdentifier), eq(budgets.agentIdentifier, s.agentIdentifier)));
  if (s.units !== undefined) parts.push(inArray(budgets.unit, [...s.units]));
  return and(...parts)!;
}

/**
 * The budgets in `scope`, by id (the order purchases lock them in, so two never wait on each
 * other). With `lock`, each is share-locked until the transaction ends, so it cannot be deleted
 * while a purchase is consuming it.
 */
export async function budgetsIn(
  db: Db,
  scope: BudgetScope,
  opts: { lock?: boolean } = {},
): Promise<BudgetRow[]> {
  if (scope.units !== undefined && scope.units.length === 0) return [];
  const query = db
    .select()
    .from(budgets)
    .where(scopeWhere(scope))
    .orderBy(budgets.id)
    .limit(BUDGETS_MAX + 1);
  const rows = opts.lock ? await query.for("share") : await query;
  // createBudget keeps a network to BUDGETS_MAX; more means that rule was bypassed.
  if (rows.length > BUDGETS_MAX) throw new Error(`more than ${BUDGETS_MAX} budgets apply`);
  return rows;
}

/** Each budget with what its period holding `nowMs` has spent so far. */
export async function withSpend(
  db: Db,
  rows: readonly BudgetRow[],
  nowMs: number,
): Promise<(BudgetRow & BudgetState & { periodStartMs: number })[]> {
  if (rows.length === 0) return [];
  const starts = rows.map((r) => periodStartMs(r.period, nowMs));
  const spent = await db
    .select()
    .from(budgetSpend)
    .where(
      or(
        ...rows.map((r, i) =>
          and(eq(budgetSpend.budgetId, r.id), eq(budgetSpend.periodStartMs, starts[i]!)),
        ),
      ),
    );
  const byId = new Map(spent.map((s) => [s.budgetId, s.spentAmount]));
  return rows.map((r, i) => ({
    ...r,
    periodStartMs: starts[i]!,
    spentAmount: byId.get(r.id) ?? 0n,
  }));
}

/**
 * Deletes a budget. The admin may delete any; a key only one it made itself, so a key cannot
 * lift a limit the admin set on it. A budget the caller cannot see is not found.
 */
export async function deleteBudget(
  db: Db,
  network: Network,
  id: string,
  caller: { apiKeyId: string; isAdmin: boolean },
): Promise<BudgetRow> {
  const [row] = await db
    .select()
    .from(budgets)
    .where(and(eq(budgets.network, network), eq(budgets.id, id)))
    .limit(1);
  const visible =
    row !== undefined &&
    (caller.isAdmin || row.apiKeyId === null || row.apiKeyId === caller.apiKeyId);
  if (!visible) throw new BudgetError("notFound", "id", "no such budget");
  if (!caller.isAdmin && row.createdById !== caller.apiKeyId)
    throw new BudgetError(
      "forbidden",
      "id",
      "only the admin or the key that made it may delete it",
    );
  // Its spending rows go with it (on delete cascade).
  await db.delete(budgets).where(eq(budgets.id, id));
  return row;
}
