/**
 * Reads of the registry explorer's index: filtered, cursor-paginated lists (ordered by agent
 * identifier, which never changes for an agent, so pages neither repeat nor skip one when
 * agents are added between requests), text search, and one agent by identifier.
 */
import { and, arrayContains, arrayOverlaps, asc, eq, gt, or, sql, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { recentReads } from "../db/recent-reads.ts";
import { registryIndex } from "../db/schema.ts";

export type IndexRow = typeof registryIndex.$inferSelect;

/** Which index the explorer serves: one network, one registry policy. */
export interface IndexScope {
  network: Network;
  policyId: string;
}

export interface EntryFilter {
  /** Agents with any of these tags (exact match). */
  tags?: string[];
  /** Capability name, case-insensitive. */
  capability?: string;
  pricingType?: "Free" | "Fixed" | "Dynamic";
  /** A unit the pricing names (normalised: `lovelace` or lowercase hex). */
  unit?: string;
  holderAddress?: string;
  status?: "active" | "burned";
  valid?: boolean;
  /** Text in name, description or a tag, case-insensitive. */
  text?: string;
}

export interface PageRequest {
  limit: number;
  /** The last agent identifier of the previous page. */
  cursorId?: string;
}

export interface EntryPage {
  rows: IndexRow[];
  /** The cursor of the next page, or null on the last one. */
  nextCursor: string | null;
}

/** `text` for LIKE, with its wildcards and escape character taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(scope: IndexScope, f: EntryFilter): SQL[] {
  const t = registryIndex;
  const where: SQL[] = [eq(t.network, scope.network), eq(t.policyId, scope.policyId)];
  if (f.tags !== undefined && f.tags.length > 0) where.push(arrayOverlaps(t.tags, f.tags));
  if (f.capability !== undefined) {
    where.push(sql`lower(${t.capabilityName}) = lower(${f.capability})`);
  }
  if (f.pricingType !== undefined) where.push(eq(t.pricingType, f.pricingType));
  if (f.unit !== undefined) where.push(arrayContains(t.units, [f.unit]));
  if (f.holderAddress !== undefined) where.push(eq(t.holderAddress, f.holderAddress));
  if (f.status !== undefined) where.push(eq(t.status, f.status));
  if (f.valid !== undefined) where.push(eq(t.valid, f.valid));
  if (f.text !== undefined) {
    const pattern = likePattern(f.text);
    where.push(
      or(
        sql`${t.name} ILIKE ${pattern} ESCAPE '\\'`,
        sql`${t.description} ILIKE ${pattern} ESCAPE '\\'`,
        sql`array_to_string(${t.tags}, ' ') ILIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  return where;
}

/** One page of agents matching `filter`, in agent identifier order. */
export async function listEntries(
  db: Db,
  scope: IndexScope,
  filter: EntryFilter,
  page: PageRequest,
): Promise<EntryPage> {
  const where = conditions(scope, filter);
  if (page.cursorId !== undefined) where.push(gt(registryIndex.agentIdentifier, page.cursorId));
  // One row beyond the page tells whether another page follows, without a count query.
  const rows = await db
    .select()
    .from(registryIndex)
    .where(and(...where))
    .orderBy(asc(registryIndex.agentIdentifier))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { rows: shown, nextCursor: more ? shown[shown.length - 1]!.agentIdentifier : null };
}

/** The agent with this (normalised) identifier, or undefined. */
export async function getEntry(
  db: Db,
  scope: IndexScope,
  agentIdentifier: string,
): Promise<IndexRow | undefined> {
  const [row] = await db
    .select()
    .from(registryIndex)
    .where(and(...conditions(scope, {}), eq(registryIndex.agentIdentifier, agentIdentifier)));
  return row;
}

/**
 * How long one read of an agent's entry answers the payment requests and purchases of that
 * agent that follow: each of them read it, a query apiece, twice per job when the node both
 * sells and buys. The index itself follows the chain seconds behind (the indexer's poll), so a
 * second more changes nothing a caller could rely on; and a refusal is never made on a shared
 * read (see recentEntry).
 */
export const ENTRY_FRESH_MS = 1_000;
const recentEntries = recentReads<IndexRow | undefined>({
  freshMs: ENTRY_FRESH_MS,
  // Per database handle; cleared whole when full.
  keysMax: 1_024,
});

/**
 * The agent's entry as a request needs it: read at most once an ENTRY_FRESH_MS per database
 * and agent, and read again when `usable` refuses the shared answer, so that a refusal always
 * rests on a fresh read (an agent registered or moved a moment ago is not refused). Callers
 * only read the row.
 */
export function recentEntry(
  db: Db,
  scope: IndexScope,
  agentIdentifier: string,
  usable: (row: IndexRow | undefined) => boolean,
): Promise<IndexRow | undefined> {
  const key = `${scope.network}\n${scope.policyId}\n${agentIdentifier}`;
  return recentEntries.get(db, key, () => getEntry(db, scope, agentIdentifier), usable);
}

/** Forgets every shared read of an entry (this process changed the index). */
export function forgetRecentEntries(): void {
  recentEntries.forget();
}
