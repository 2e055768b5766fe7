/**
 * A usage event's receipts: one per enabled target, written with the event in the transaction of
 * the change (so a crash after the commit still delivers it). `skipped` when the target does not
 * take the event's type, `deferred` while it has no credentials (services/event-targets.ts turns
 * those into `pending` when a secret is set), else `pending`, due at once.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { eventDeliveries, eventTargets } from "../db/schema.ts";

type ReceiptStatus = "pending" | "deferred" | "skipped";

/**
 * The first status of a receipt for a target that has `types` (`["*"]` for every one) and an
 * event of `type` (undefined: the operator asked for it, whatever the type), and why, when it
 * is not sent.
 */
export function firstStatus(
  target: { types: readonly string[]; secret: string | null },
  type: string | undefined,
): { status: ReceiptStatus; lastError: string | null } {
  const takes = type === undefined || target.types.includes("*") || target.types.includes(type);
  if (!takes) return { status: "skipped", lastError: `the target does not take ${type}` };
  if (target.secret === null)
    return { status: "deferred", lastError: "the target has no credentials yet" };
  return { status: "pending", lastError: null };
}

/** An enabled target, as its receipts need it. */
export interface ReceivingTarget {
  id: string;
  eventTypes: string;
  secret: string | null;
}

/**
 * The enabled targets, held until the change commits: a secret set or a target deleted meanwhile
 * waits, so no receipt stays deferred past its secret or points at a target that is gone.
 */
export function enabledTargets(db: Db): Promise<ReceivingTarget[]> {
  return db
    .select({
      id: eventTargets.id,
      eventTypes: eventTargets.eventTypes,
      secret: eventTargets.secret,
    })
    .from(eventTargets)
    .where(eq(eventTargets.enabled, true))
    .for("share");
}

/** Receipts for new events, for each of `targets` (none when there is no target). */
export async function receiptsForEvents(
  db: Db,
  targets: readonly ReceivingTarget[],
  events: readonly { id: string; type: string }[],
  nowMs: number,
): Promise<void> {
  const rows = targets.flatMap((row) => {
    const t = { types: JSON.parse(row.eventTypes) as string[], secret: row.secret };
    return events.map((e) => ({
      eventId: e.id,
      targetId: row.id,
      ...firstStatus(t, e.type),
      // Due at once: the dispatcher counts in wall-clock time, which is after 0 whatever the
      // node's clock (chain time on the devnet) says.
      nextAttemptAtMs: 0,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    }));
  });
  // Bounded by the targets' cap (50) times the events of one change.
  if (rows.length > 0) await db.insert(eventDeliveries).values(rows).onConflictDoNothing();
}
