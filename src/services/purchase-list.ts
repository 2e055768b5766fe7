/**
 * Reads of the buyer's purchases: pages newest first, and what their views show beside the row
 * (the latest lock intent, the agent's name and pricing type), each for a whole page in one
 * query. Pages are ordered by (createdAtMs, id), which never change, so a page neither repeats
 * nor skips a purchase when new ones arrive between requests.
 */
import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import { ESCROW_LOCK_KIND } from "../chain/builders/escrow-lock.ts";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { intents, purchases, registryIndex } from "../db/schema.ts";
import { PAYMENT_STATES, toMasumiOnChainState } from "../domain/escrow-states.ts";
import type { IntentRow } from "./intents.ts";
import { PurchaseError, type PurchaseRow } from "./purchases.ts";
import type { IndexScope } from "./registry-query.ts";

/** The largest page, as the peer allows. */
export const PURCHASE_PAGE_MAX = 100;
/** Lock intents read for one page; a purchase normally has one. */
const LOCK_INTENTS_MAX = 1000;

export interface PurchaseFilter {
  blockchainIdentifier?: string;
  /** The peer's on-chain state name (e.g. FundsLocked). */
  onChainState?: string;
}

export interface PurchasePage {
  rows: PurchaseRow[];
  /** The cursorId of the next page, or null on the last one. */
  nextCursorId: string | null;
}

/** One page of this network's purchases matching `filter`. */
export async function listPurchases(
  db: Db,
  network: Network,
  filter: PurchaseFilter,
  page: { limit: number; cursorId?: string },
): Promise<PurchasePage> {
  if (!(page.limit >= 1 && page.limit <= PURCHASE_PAGE_MAX)) {
    throw new Error(`listPurchases: limit ${page.limit} outside 1..${PURCHASE_PAGE_MAX}`);
  }
  const where: SQL[] = [eq(purchases.network, network)];
  if (filter.blockchainIdentifier !== undefined) {
    where.push(eq(purchases.blockchainIdentifier, filter.blockchainIdentifier));
  }
  if (filter.onChainState !== undefined) {
    const states = PAYMENT_STATES.filter((s) => toMasumiOnChainState(s) === filter.onChainState);
    if (states.length === 0) return { rows: [], nextCursorId: null };
    where.push(inArray(purchases.state, states));
  }
  if (page.cursorId !== undefined) where.push(await afterCursor(db, network, page.cursorId));
  // One row beyond the page tells whether another follows, without a count query.
  const rows = await db
    .select()
    .from(purchases)
    .where(and(...where))
    .orderBy(desc(purchases.createdAtMs), desc(purchases.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { rows: shown, nextCursorId: more ? shown[shown.length - 1]!.id : null };
}

/** Rows after the cursor row in page order; an unknown cursor is the caller's mistake. */
async function afterCursor(db: Db, network: Network, cursorId: string): Promise<SQL> {
  const [cursor] = await db
    .select({ createdAtMs: purchases.createdAtMs, id: purchases.id })
    .from(purchases)
    .where(and(eq(purchases.network, network), eq(purchases.id, cursorId)))
    .limit(1);
  if (cursor === undefined) {
    throw new PurchaseError("invalid", "cursorId", "no purchase with this id");
  }
  return or(
    lt(purchases.createdAtMs, cursor.createdAtMs),
    and(eq(purchases.createdAtMs, cursor.createdAtMs), lt(purchases.id, cursor.id)),
  )!;
}

/** The latest `escrow_lock` intent of each of these purchases, by purchase id. */
export async function latestLockIntents(
  db: Db,
  purchaseIds: readonly string[],
): Promise<Map<string, IntentRow>> {
  if (purchaseIds.length === 0) return new Map();
  if (purchaseIds.length > PURCHASE_PAGE_MAX) {
    throw new Error(`latestLockIntents: ${purchaseIds.length} ids, at most ${PURCHASE_PAGE_MAX}`);
  }
  const rows = await db
    .select()
    .from(intents)
    .where(and(eq(intents.kind, ESCROW_LOCK_KIND), inArray(intents.subjectId, [...purchaseIds])))
    .orderBy(desc(intents.createdAtMs), desc(intents.id))
    .limit(LOCK_INTENTS_MAX);
  const latest = new Map<string, IntentRow>();
  for (const row of rows) if (!latest.has(row.subjectId!)) latest.set(row.subjectId!, row);
  return latest;
}

export interface AgentLabel {
  name: string | null;
  pricingType: string | null;
}

/** The registry's current name and pricing type of these agents, by agent identifier. */
export async function agentLabels(
  db: Db,
  scope: IndexScope,
  agentIdentifiers: readonly string[],
): Promise<Map<string, AgentLabel>> {
  const ids = [...new Set(agentIdentifiers)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      agentIdentifier: registryIndex.agentIdentifier,
      name: registryIndex.name,
      pricingType: registryIndex.pricingType,
    })
    .from(registryIndex)
    .where(
      and(
        eq(registryIndex.network, scope.network),
        eq(registryIndex.policyId, scope.policyId),
        inArray(registryIndex.agentIdentifier, ids),
      ),
    )
    .limit(ids.length);
  return new Map(rows.map(({ agentIdentifier, ...label }) => [agentIdentifier, label]));
}
