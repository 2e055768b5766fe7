/**
 * Usage events are kept at least 13 months (config: EVENTS_RETENTION_MS, 396 days at least);
 * older ones are deleted in bounded batches, their receipts with them (cascade).
 */
import { asc, inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { usageEvents } from "../db/schema.ts";

const PRUNE_BATCH = 1_000;

/** Deletes up to a batch of events written before `beforeMs`; `more` when a batch was full. */
export async function pruneEvents(
  db: Db,
  beforeMs: number,
): Promise<{ deleted: number; more: boolean }> {
  const old = db
    .select({ id: usageEvents.id })
    .from(usageEvents)
    .where(lt(usageEvents.createdAtMs, beforeMs))
    .orderBy(asc(usageEvents.createdAtMs))
    .limit(PRUNE_BATCH);
  const gone = await db
    .delete(usageEvents)
    .where(inArray(usageEvents.id, old))
    .returning({ id: usageEvents.id });
  return { deleted: gone.length, more: gone.length === PRUNE_BATCH };
}
