/** Stand-in until the dispatcher's branch lands: receipts for every target, per the spec. */
import { eventDeliveries, eventTargets } from "../db/schema.ts";
import type { Db } from "../db/client.ts";

export async function receiptsForEvents(
  db: Db,
  events: readonly { id: string; type: string }[],
  nowMs: number,
): Promise<void> {
  if (events.length === 0) return;
  const targets = await db.select().from(eventTargets);
  const rows = [];
  for (const t of targets) {
    if (!t.enabled) continue;
    const types = JSON.parse(t.eventTypes) as string[];
    for (const e of events) {
      const takes = types.includes("*") || types.includes(e.type);
      const status = !takes ? "skipped" : t.secret === null ? "deferred" : "pending";
      rows.push({
        eventId: e.id,
        targetId: t.id,
        status: status as "skipped" | "deferred" | "pending",
        nextAttemptAtMs: nowMs,
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
      });
    }
  }
  if (rows.length > 0) await db.insert(eventDeliveries).values(rows).onConflictDoNothing();
}
