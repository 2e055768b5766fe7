/**
 * Pages of payments (the seller's) or purchases (the buyer's), newest first: both tables have
 * the same paging columns. The cursor is the last id of the previous page; rows are ordered by
 * (createdAtMs, id), which never change, so a page neither repeats nor skips a row when new
 * ones arrive between requests.
 */
import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { payments, purchases } from "../db/schema.ts";
import { PAYMENT_STATES, toMasumiOnChainState } from "../domain/escrow-states.ts";

/** The largest page, as the peer allows. */
export const SUBJECT_PAGE_MAX = 100;

export type SubjectTable = typeof payments | typeof purchases;

export interface SubjectFilter {
  blockchainIdentifier?: string;
  /** The peer's on-chain state name (e.g. FundsLocked). */
  onChainState?: string;
}

export interface SubjectPage<Row> {
  rows: Row[];
  /** The cursorId of the next page, or null on the last one. */
  nextCursorId: string | null;
}

/** One page of `table`'s rows on `network` matching `filter`; `unknownCursor` makes the refusal. */
export async function listSubjects<T extends SubjectTable>(
  db: Db,
  table: T,
  network: Network,
  filter: SubjectFilter,
  page: { limit: number; cursorId?: string },
  unknownCursor: () => Error,
): Promise<SubjectPage<T["$inferSelect"]>> {
  if (!(page.limit >= 1 && page.limit <= SUBJECT_PAGE_MAX)) {
    throw new Error(`listSubjects: limit ${page.limit} outside 1..${SUBJECT_PAGE_MAX}`);
  }
  // Both tables have these columns; drizzle types one table at a time.
  const t = table as typeof payments;
  const where: SQL[] = [eq(t.network, network)];
  if (filter.blockchainIdentifier !== undefined) {
    where.push(eq(t.blockchainIdentifier, filter.blockchainIdentifier));
  }
  if (filter.onChainState !== undefined) {
    const states = PAYMENT_STATES.filter((s) => toMasumiOnChainState(s) === filter.onChainState);
    if (states.length === 0) return { rows: [], nextCursorId: null };
    where.push(inArray(t.state, states));
  }
  if (page.cursorId !== undefined) {
    const [cursor] = await db
      .select({ createdAtMs: t.createdAtMs, id: t.id })
      .from(t)
      .where(and(eq(t.network, network), eq(t.id, page.cursorId)))
      .limit(1);
    if (cursor === undefined) throw unknownCursor();
    where.push(
      or(
        lt(t.createdAtMs, cursor.createdAtMs),
        and(eq(t.createdAtMs, cursor.createdAtMs), lt(t.id, cursor.id)),
      )!,
    );
  }
  // One row beyond the page tells whether another follows, without a count query.
  const rows = (await db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.createdAtMs), desc(t.id))
    .limit(page.limit + 1)) as T["$inferSelect"][];
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { rows: shown, nextCursorId: more ? shown[shown.length - 1]!.id : null };
}
