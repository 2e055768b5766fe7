/**
 * Taking receipts to deliver, and recording how it went. A dispatcher leases due `pending`
 * receipts of one target (FOR UPDATE SKIP LOCKED: two dispatchers on one PostgreSQL never take
 * the same receipt; a crashed one's leases run out and the receipts are taken again). Every
 * outcome is written only while the lease it was taken under still holds, so a receipt taken
 * over after a lease ran out is recorded once, by its new holder. Times here are the wall
 * clock: backoff and leases are about real seconds, whatever the chain's clock says.
 */
import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { eventDeliveries, usageEvents } from "../db/schema.ts";
import type { UsageEventBody } from "../domain/usage-event.ts";

export interface LeasedReceipt {
  eventId: string;
  attempts: number;
  firstAttemptAtMs: number | null;
  body: string;
  event: UsageEventBody;
  /** The lease's end, the fence every outcome is written under. */
  leaseUntilMs: number;
}

/** Leases up to `limit` due pending receipts of a target, oldest due first. */
export async function leaseDue(
  db: Db,
  targetId: string,
  opts: { nowMs: number; leaseMs: number; limit: number },
): Promise<LeasedReceipt[]> {
  const leaseUntilMs = opts.nowMs + opts.leaseMs;
  const due = db
    .select({ eventId: eventDeliveries.eventId })
    .from(eventDeliveries)
    .where(
      and(
        eq(eventDeliveries.targetId, targetId),
        eq(eventDeliveries.status, "pending"),
        lte(eventDeliveries.nextAttemptAtMs, opts.nowMs),
        or(isNull(eventDeliveries.leaseUntilMs), lte(eventDeliveries.leaseUntilMs, opts.nowMs)),
      ),
    )
    .orderBy(asc(eventDeliveries.nextAttemptAtMs), asc(eventDeliveries.eventId))
    .limit(opts.limit)
    .for("update", { skipLocked: true });
  const taken = await db
    .update(eventDeliveries)
    .set({ leaseUntilMs, updatedAtMs: opts.nowMs })
    .where(and(eq(eventDeliveries.targetId, targetId), inArray(eventDeliveries.eventId, due)))
    .returning({ eventId: eventDeliveries.eventId });
  const ids = taken.map((r) => r.eventId);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      eventId: eventDeliveries.eventId,
      attempts: eventDeliveries.attempts,
      firstAttemptAtMs: eventDeliveries.firstAttemptAtMs,
      body: usageEvents.body,
      createdAtMs: usageEvents.createdAtMs,
    })
    .from(eventDeliveries)
    .innerJoin(usageEvents, eq(usageEvents.id, eventDeliveries.eventId))
    .where(
      and(
        eq(eventDeliveries.targetId, targetId),
        eq(eventDeliveries.leaseUntilMs, leaseUntilMs),
        inArray(eventDeliveries.eventId, ids),
      ),
    )
    .orderBy(usageEvents.createdAtMs, usageEvents.id);
  return rows.map((r) => ({
    eventId: r.eventId,
    attempts: r.attempts,
    firstAttemptAtMs: r.firstAttemptAtMs,
    body: r.body,
    event: JSON.parse(r.body) as UsageEventBody,
    leaseUntilMs,
  }));
}

export type ReceiptUpdate =
  | { status: "delivered"; statusCode: number | null }
  | { status: "pending"; statusCode: number | null; error: string; nextAttemptAtMs: number }
  | { status: "failed"; statusCode: number | null; error: string }
  | { status: "skipped"; reason: string }
  | { status: "deferred"; reason: string };

/** How long an answer or error is kept on a receipt. */
const ERROR_LENGTH_MAX = 500;

/**
 * Records one attempt's outcome, under the lease it was taken with. False when the lease was
 * lost (another dispatcher holds the receipt now): nothing is written then.
 */
export async function recordOutcome(
  db: Db,
  targetId: string,
  r: LeasedReceipt,
  u: ReceiptUpdate,
  nowMs: number,
): Promise<boolean> {
  const attempted = u.status !== "skipped" && u.status !== "deferred";
  const set = {
    status: u.status,
    attempts: attempted ? r.attempts + 1 : r.attempts,
    lastStatusCode: "statusCode" in u ? u.statusCode : null,
    lastError: (u.status === "delivered" ? null : "error" in u ? u.error : u.reason)?.slice(
      0,
      ERROR_LENGTH_MAX,
    ),
    nextAttemptAtMs: u.status === "pending" ? u.nextAttemptAtMs : nowMs,
    firstAttemptAtMs: attempted ? (r.firstAttemptAtMs ?? nowMs) : r.firstAttemptAtMs,
    dispatchedAtMs: u.status === "delivered" ? nowMs : undefined,
    leaseUntilMs: null,
    updatedAtMs: nowMs,
  };
  const done = await db
    .update(eventDeliveries)
    .set(set)
    .where(
      and(
        eq(eventDeliveries.eventId, r.eventId),
        eq(eventDeliveries.targetId, targetId),
        eq(eventDeliveries.leaseUntilMs, r.leaseUntilMs),
      ),
    )
    .returning({ eventId: eventDeliveries.eventId });
  return done.length === 1;
}
