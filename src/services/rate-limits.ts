/**
 * Fixed-window request counters in the database, so that every node process sharing it counts
 * against the same limit. One atomic upsert per counted event; rows of windows that have ended
 * are swept a bounded batch at a time.
 */
import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";

export const RATE_WINDOW_MS = 60_000;
/** How many ended windows one sweep deletes at most. */
export const SWEEP_ROWS_MAX = 200;

export type RateOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one event in `bucket` and says whether it is within `limitPerWindow`. */
export async function countEvent(
  db: Db,
  bucket: string,
  limitPerWindow: number,
  nowMs: number,
): Promise<RateOutcome> {
  const windowStartMs = nowMs - (nowMs % RATE_WINDOW_MS);
  // A new window restarts the count; the same window adds one. Atomic across processes.
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket, windowStartMs, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.bucket,
      set: {
        count: sql`case when ${rateLimits.windowStartMs} = excluded.window_start_ms then least(${rateLimits.count} + 1, 2147483647) else 1 end`,
        windowStartMs: sql`excluded.window_start_ms`,
      },
    })
    .returning({ count: rateLimits.count });
  if (row!.count <= limitPerWindow) return { allowed: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStartMs + RATE_WINDOW_MS - nowMs) / 1000));
  return { allowed: false, retryAfterSeconds };
}

/** Deletes up to SWEEP_ROWS_MAX counters of windows that have ended. */
export async function sweepRateLimits(db: Db, nowMs: number): Promise<void> {
  const windowStartMs = nowMs - (nowMs % RATE_WINDOW_MS);
  const ended = db
    .select({ bucket: rateLimits.bucket })
    .from(rateLimits)
    .where(lt(rateLimits.windowStartMs, windowStartMs))
    .limit(SWEEP_ROWS_MAX);
  await db.delete(rateLimits).where(sql`${rateLimits.bucket} in (${ended})`);
}
