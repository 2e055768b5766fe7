/**
 * Counts and incremental sync of payments, purchases and this node's registrations (the peer's
 * `/…/count` and `/…/diff` routes): rows changed at or after a time, oldest change first, a
 * bounded page at a time, with the last row's id as the cursor among rows changed in the same
 * millisecond. A row's `updatedAtMs` moves on every change of its state, result or next action.
 */
import { and, asc, count, eq, gt, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { intents, payments, purchases, registryRequests } from "../db/schema.ts";
import { ACTION_KINDS } from "./escrow-actions.ts";

export const DIFF_PAGE_MAX = 100;

export type SyncKind = "payment" | "purchase" | "registry";
const TABLES = { payment: payments, purchase: purchases, registry: registryRequests } as const;

export class SyncError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * Rows whose latest escrow action failed after their last change: what the node could not carry
 * out on its own (the peer's "needs manual action").
 */
function needsManualAction(table: typeof payments | typeof purchases): SQL {
  return sql`exists (select 1 from ${intents} where ${intents.subjectId} = ${table.id}
    and ${inArray(intents.kind, ACTION_KINDS)} and ${intents.status} = 'failed'
    and ${intents.updatedAtMs} >= ${table.updatedAtMs})`;
}

/** How many rows of a kind this node holds on a network. */
export async function countOf(
  db: Db,
  kind: SyncKind,
  network: Network,
  opts: { needsManualAction?: boolean } = {},
): Promise<number> {
  const table = TABLES[kind];
  const conditions: SQL[] = [eq(table.network, network)];
  if (opts.needsManualAction && kind !== "registry")
    conditions.push(needsManualAction(table as typeof payments));
  const [row] = await db
    .select({ n: count() })
    .from(table)
    .where(and(...conditions));
  return Number(row?.n ?? 0);
}

/** The ids of rows changed at or after `sinceMs` (after the cursor row at its own time). */
export async function changedSince(
  db: Db,
  kind: SyncKind,
  network: Network,
  opts: { sinceMs: number; cursorId?: string; limit: number },
): Promise<string[]> {
  const table = TABLES[kind];
  let from: SQL = gte(table.updatedAtMs, opts.sinceMs);
  if (opts.cursorId !== undefined) {
    const [cursor] = await db
      .select({ updatedAtMs: table.updatedAtMs })
      .from(table)
      .where(and(eq(table.id, opts.cursorId), eq(table.network, network)))
      .limit(1);
    if (!cursor) throw new SyncError(`cursorId: no ${kind} ${opts.cursorId}`, "cursorId");
    // Rows after the cursor: later changes, or the same millisecond with a larger id.
    from = and(
      from,
      or(
        gt(table.updatedAtMs, cursor.updatedAtMs),
        and(eq(table.updatedAtMs, cursor.updatedAtMs), gt(table.id, opts.cursorId)),
      ),
    )!;
  }
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.network, network), from))
    .orderBy(asc(table.updatedAtMs), asc(table.id))
    .limit(Math.min(opts.limit, DIFF_PAGE_MAX));
  return rows.map((r) => r.id);
}

/** The rows with these ids, in the order of `ids`. */
export async function paymentsInOrder(db: Db, ids: string[]) {
  const rows = ids.length ? await db.select().from(payments).where(inArray(payments.id, ids)) : [];
  return inOrder(rows, ids);
}

/** The rows with these ids, in the order of `ids`. */
export async function purchasesInOrder(db: Db, ids: string[]) {
  const rows = ids.length
    ? await db.select().from(purchases).where(inArray(purchases.id, ids))
    : [];
  return inOrder(rows, ids);
}

/** The rows with these ids, in the order of `ids`. */
export async function registrationsInOrder(db: Db, ids: string[]) {
  const rows = ids.length
    ? await db.select().from(registryRequests).where(inArray(registryRequests.id, ids))
    : [];
  return inOrder(rows, ids);
}

function inOrder<R extends { id: string }>(rows: R[], ids: string[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
