/**
 * The metered columns of payments and purchases (`price_sheet`, `reported_usage`), read and
 * written by column name. Another branch adds them to the drizzle schema; until the two meet,
 * this module is the one place that touches them, in plain SQL, so the metered routes compile
 * either way. Once `payments.priceSheet` and `purchases.reportedUsage` are in schema.ts, these
 * two functions can become ordinary drizzle queries.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";

/** The payment's price sheet as stored (JSON text), or null when it has none. */
export async function paymentPriceSheet(db: Db, paymentId: string): Promise<string | null> {
  const rows = (await db.execute(
    sql`select price_sheet from payments where id = ${paymentId} limit 1`,
  )) as unknown as { rows?: { price_sheet: string | null }[] } | { price_sheet: string | null }[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  return list[0]?.price_sheet ?? null;
}

/** Stores the usage the buyer reports for a purchase (JSON text). */
export async function storeReportedUsage(
  db: Db,
  purchaseId: string,
  usageJson: string,
  nowMs: number,
): Promise<void> {
  await db.execute(
    sql`update purchases set reported_usage = ${usageJson}, updated_at_ms = ${nowMs} where id = ${purchaseId}`,
  );
}
