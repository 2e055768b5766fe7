/**
 * The metered columns of payments and purchases (`price_sheet`, `reported_usage`), read and
 * written by column name. Another branch adds them to the drizzle schema and its migration;
 * until the two meet, this module is the one place that touches them, in plain SQL, and it
 * tolerates their absence (no sheet; usage not storable), so the metered routes compile and
 * answer either way. Once `payments.priceSheet` and `purchases.reportedUsage` are in schema.ts,
 * these functions can become ordinary drizzle queries.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { EscrowActionError } from "./escrow-actions.ts";

type Rows<T> = { rows?: T[] } | T[];
const rowsOf = <T>(result: Rows<T>): T[] => (Array.isArray(result) ? result : (result.rows ?? []));

// Columns seen to exist. Only presence is kept: migrations run at boot, so a column does not
// disappear while the node runs, and one added later is found on the next look.
const present = new Set<string>();

/**
 * Whether `table.column` exists. Asked of the catalogue rather than learnt from a failed query,
 * which would abort the request's transaction (an Idempotency-Key runs the route in one).
 */
async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  const key = `${table}.${column}`;
  if (present.has(key)) return true;
  const result = (await db.execute(
    sql`select 1 as found from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`,
  )) as unknown as Rows<{ found: number }>;
  const found = rowsOf(result).length > 0;
  if (found) present.add(key);
  return found;
}

/** The payment's price sheet as stored (JSON text), or null when it has none. */
export async function paymentPriceSheet(db: Db, paymentId: string): Promise<string | null> {
  if (!(await hasColumn(db, "payments", "price_sheet"))) return null;
  const result = (await db.execute(
    sql`select price_sheet from payments where id = ${paymentId} limit 1`,
  )) as unknown as Rows<{ price_sheet: string | null }>;
  return rowsOf(result)[0]?.price_sheet ?? null;
}

/** Stores the usage the buyer reports for a purchase (JSON text). */
export async function storeReportedUsage(
  db: Db,
  purchaseId: string,
  usageJson: string,
  nowMs: number,
): Promise<void> {
  if (!(await hasColumn(db, "purchases", "reported_usage")))
    throw new EscrowActionError("unavailable", "this node's database cannot store usage yet");
  await db.execute(
    sql`update purchases set reported_usage = ${usageJson}, updated_at_ms = ${nowMs}
        where id = ${purchaseId}`,
  );
}
