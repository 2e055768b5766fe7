/**
 * Pages of the seller's payment requests, newest first. The cursor is the last id of the
 * previous page; rows are ordered by (createdAtMs, id), which never change, so a page neither
 * repeats nor skips a payment when new ones arrive between requests.
 */
import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { payments } from "../db/schema.ts";
import { PAYMENT_STATES, toMasumiOnChainState } from "../domain/escrow-states.ts";
import { PaymentError, type PaymentRow } from "./payments.ts";

/** The largest page, as the peer allows. */
export const PAYMENT_PAGE_MAX = 100;

export interface PaymentFilter {
  blockchainIdentifier?: string;
  /** The peer's on-chain state name (e.g. FundsLocked). */
  onChainState?: string;
}

export interface PaymentPage {
  rows: PaymentRow[];
  /** The cursorId of the next page, or null on the last one. */
  nextCursorId: string | null;
}

/** One page of this network's payments matching `filter`. */
export async function listPayments(
  db: Db,
  network: Network,
  filter: PaymentFilter,
  page: { limit: number; cursorId?: string },
): Promise<PaymentPage> {
  if (!(page.limit >= 1 && page.limit <= PAYMENT_PAGE_MAX)) {
    throw new Error(`listPayments: limit ${page.limit} outside 1..${PAYMENT_PAGE_MAX}`);
  }
  const where: SQL[] = [eq(payments.network, network)];
  if (filter.blockchainIdentifier !== undefined) {
    where.push(eq(payments.blockchainIdentifier, filter.blockchainIdentifier));
  }
  if (filter.onChainState !== undefined) {
    const states = PAYMENT_STATES.filter((s) => toMasumiOnChainState(s) === filter.onChainState);
    if (states.length === 0) return { rows: [], nextCursorId: null };
    where.push(inArray(payments.state, states));
  }
  if (page.cursorId !== undefined) where.push(await afterCursor(db, network, page.cursorId));
  // One row beyond the page tells whether another follows, without a count query.
  const rows = await db
    .select()
    .from(payments)
    .where(and(...where))
    .orderBy(desc(payments.createdAtMs), desc(payments.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { rows: shown, nextCursorId: more ? shown[shown.length - 1]!.id : null };
}

/** Rows after the cursor row in page order; an unknown cursor is the caller's mistake. */
async function afterCursor(db: Db, network: Network, cursorId: string): Promise<SQL> {
  const [cursor] = await db
    .select({ createdAtMs: payments.createdAtMs, id: payments.id })
    .from(payments)
    .where(and(eq(payments.network, network), eq(payments.id, cursorId)))
    .limit(1);
  if (cursor === undefined)
    throw new PaymentError("invalid", "cursorId", "no payment with this id");
  return or(
    lt(payments.createdAtMs, cursor.createdAtMs),
    and(eq(payments.createdAtMs, cursor.createdAtMs), lt(payments.id, cursor.id)),
  )!;
}
