/**
 * Reads of the buyer's purchases: pages newest first (see subject-list.ts), and what their
 * views show beside the row (the latest lock intent, the agent's name and pricing type), each
 * for a whole page in one query.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { ESCROW_LOCK_KIND } from "../chain/builders/escrow-lock.ts";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { intents, purchases, registryIndex } from "../db/schema.ts";
import type { IntentRow } from "./intents.ts";
import { PurchaseError, type PurchaseRow } from "./purchases.ts";
import {
  listSubjects,
  SUBJECT_PAGE_MAX,
  type SubjectFilter,
  type SubjectPage,
} from "./subject-list.ts";
import type { IndexScope } from "./registry-query.ts";

/** Lock intents read for one page; a purchase normally has one. */
const LOCK_INTENTS_MAX = 1000;

export const PURCHASE_PAGE_MAX = SUBJECT_PAGE_MAX;
export type PurchaseFilter = SubjectFilter;
export type PurchasePage = SubjectPage<PurchaseRow>;

/** One page of this network's purchases matching `filter`. */
export function listPurchases(
  db: Db,
  network: Network,
  filter: PurchaseFilter,
  page: { limit: number; cursorId?: string },
): Promise<PurchasePage> {
  return listSubjects(
    db,
    purchases,
    network,
    filter,
    page,
    () => new PurchaseError("invalid", "cursorId", "no purchase with this id"),
  );
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
