/**
 * Reading usage events and sending them again. Pages are oldest first by (createdAtMs, id), so a
 * cursor stays valid while new events arrive. A replay makes the receipts of one event, or of a
 * time range of at most REPLAY_MAX events, for one target `pending` and due at once with a fresh
 * count of attempts (in one transaction, so a replay is whole or not at all).
 */
import { and, asc, eq, gt, gte, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { eventDeliveries, eventTargets, usageEvents } from "../db/schema.ts";
import type { UsageEventBody } from "../domain/usage-event.ts";
import { firstStatus } from "./event-receipts.ts";
import { EventTargetError, getTarget } from "./event-targets.ts";

export const REPLAY_MAX = 10_000;

export interface EventFilter {
  fromMs?: number;
  toMs?: number;
  type?: string;
  agentIdentifier?: string;
  blockchainIdentifier?: string;
}

function filterSql(f: EventFilter): SQL[] {
  const where: SQL[] = [];
  if (f.fromMs !== undefined) where.push(gte(usageEvents.createdAtMs, f.fromMs));
  if (f.toMs !== undefined) where.push(lte(usageEvents.createdAtMs, f.toMs));
  if (f.type !== undefined) where.push(eq(usageEvents.type, f.type));
  if (f.agentIdentifier !== undefined)
    where.push(eq(usageEvents.agentIdentifier, f.agentIdentifier));
  if (f.blockchainIdentifier !== undefined)
    where.push(eq(usageEvents.blockchainIdentifier, f.blockchainIdentifier));
  return where;
}

/** An event as the routes show it: its body and when the node wrote it. */
const storedEvent = (r: { body: string; createdAtMs: number }) => ({
  ...(JSON.parse(r.body) as UsageEventBody),
  createdAtMs: r.createdAtMs,
});

export interface EventPage {
  events: (UsageEventBody & { createdAtMs: number })[];
  /** The last event's position, when there may be more. */
  next: { createdAtMs: number; id: string } | null;
}

export async function listEvents(
  db: Db,
  f: EventFilter,
  limit: number,
  after: { createdAtMs: number; id: string } | undefined,
): Promise<EventPage> {
  const where = filterSql(f);
  if (after)
    where.push(
      or(
        gt(usageEvents.createdAtMs, after.createdAtMs),
        and(eq(usageEvents.createdAtMs, after.createdAtMs), gt(usageEvents.id, after.id)),
      )!,
    );
  const rows = await db
    .select({ id: usageEvents.id, body: usageEvents.body, createdAtMs: usageEvents.createdAtMs })
    .from(usageEvents)
    .where(and(...where))
    .orderBy(asc(usageEvents.createdAtMs), asc(usageEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map(storedEvent),
    next: rows.length > limit && last ? { createdAtMs: last.createdAtMs, id: last.id } : null,
  };
}

/** One event with a receipt per target it went (or goes) to. */
export async function eventWithReceipts(db: Db, usageId: string) {
  const [row] = await db.select().from(usageEvents).where(eq(usageEvents.id, usageId));
  if (!row) throw new EventTargetError("notFound", "usageId: no event with this id", "usageId");
  const receipts = await db
    .select({
      targetId: eventDeliveries.targetId,
      targetName: eventTargets.name,
      kind: eventTargets.kind,
      status: eventDeliveries.status,
      attempts: eventDeliveries.attempts,
      lastStatusCode: eventDeliveries.lastStatusCode,
      lastError: eventDeliveries.lastError,
      nextAttemptAtMs: eventDeliveries.nextAttemptAtMs,
      dispatchedAtMs: eventDeliveries.dispatchedAtMs,
    })
    .from(eventDeliveries)
    .innerJoin(eventTargets, eq(eventTargets.id, eventDeliveries.targetId))
    .where(eq(eventDeliveries.eventId, usageId))
    .orderBy(asc(eventTargets.createdAtMs), asc(eventTargets.id));
  return {
    event: storedEvent(row),
    receipts,
  };
}

export type ReplayScope = { usageId: string } | { fromMs: number; toMs: number };

/**
 * Sends events to a target again, whatever their receipts said (delivered, failed, skipped) or
 * whether they had one (the target came later). Without credentials they wait (`deferred`).
 */
export async function replayEvents(
  db: Db,
  targetId: string,
  scope: ReplayScope,
  nowMs: number,
): Promise<number> {
  const target = await getTarget(db, targetId);
  const where =
    "usageId" in scope
      ? eq(usageEvents.id, scope.usageId)
      : and(gte(usageEvents.createdAtMs, scope.fromMs), lte(usageEvents.createdAtMs, scope.toMs));
  const events = await db
    .select({ id: usageEvents.id })
    .from(usageEvents)
    .where(where)
    .limit(REPLAY_MAX + 1);
  if ("usageId" in scope && events.length === 0)
    throw new EventTargetError("notFound", "usageId: no event with this id", "usageId");
  if (events.length > REPLAY_MAX)
    throw new EventTargetError(
      "conflict",
      `from: the range holds more than ${REPLAY_MAX} events; replay a narrower one`,
      "from",
    );
  if (events.length === 0) return 0;
  // Taken or not by the target's event types: a replay is the operator's explicit ask.
  const { status } = firstStatus({ types: [], secret: target.secret }, undefined);
  const fresh = {
    status,
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    // Due at once: the dispatcher's clock is the wall clock, and 0 is before any of it.
    nextAttemptAtMs: 0,
    firstAttemptAtMs: null,
    dispatchedAtMs: null,
    updatedAtMs: nowMs,
  };
  // A receipt in flight keeps its lease (its attempt may stand for the replay): never two sends at once.
  const rows = events.map((e) => ({
    eventId: e.id,
    targetId,
    createdAtMs: nowMs,
    leaseUntilMs: null,
    ...fresh,
  }));
  for (let i = 0; i < rows.length; i += 1_000)
    await db
      .insert(eventDeliveries)
      .values(rows.slice(i, i + 1_000))
      .onConflictDoUpdate({
        target: [eventDeliveries.eventId, eventDeliveries.targetId],
        set: fresh,
      });
  return rows.length;
}
