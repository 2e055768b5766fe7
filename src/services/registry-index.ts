/**
 * The registry explorer's index in the database: what the indexer knows of each agent (to pick
 * whom to refresh), and one upsert per agent in its own transaction. Rows are keyed by agent
 * identifier; `checkedAtMs` moves on every refresh, `updatedAtMs` only when the content changed.
 * Every text is made storable on the way in (see storableText): on-chain junk is quoted in
 * reasons, and a NUL in it would otherwise fail the write.
 */
import { and, eq } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { registryIndex } from "../db/schema.ts";
import { storableText } from "../domain/storable-text.ts";
import { forgetRecentEntries } from "./registry-query.ts";

type Row = typeof registryIndex.$inferSelect;

/** One agent as read from chain: everything in its row but the bookkeeping times. */
export type IndexEntry = Omit<Row, "firstSeenAtMs" | "checkedAtMs" | "updatedAtMs">;

/** What the indexer needs of a stored agent to tell whether it changed and how stale it is. */
export interface IndexedState {
  assetName: string;
  status: "active" | "burned";
  checkedAtMs: number;
}

/** The stored state of every agent of `policyId` on `network`, by agent identifier. */
export async function loadIndexState(
  db: Db,
  network: Network,
  policyId: string,
): Promise<Map<string, IndexedState>> {
  const rows = await db
    .select({
      agentIdentifier: registryIndex.agentIdentifier,
      assetName: registryIndex.assetName,
      status: registryIndex.status,
      checkedAtMs: registryIndex.checkedAtMs,
    })
    .from(registryIndex)
    .where(and(eq(registryIndex.network, network), eq(registryIndex.policyId, policyId)));
  return new Map(rows.map(({ agentIdentifier, ...state }) => [agentIdentifier, state]));
}

/** The content fields of a row, in a fixed order, for change detection. */
function contentOf(e: IndexEntry): string {
  return JSON.stringify([
    e.network,
    e.policyId,
    e.assetName,
    e.status,
    e.holderAddress,
    e.holderPaymentKeyHash,
    e.rawMetadata,
    e.metadata,
    e.valid,
    e.invalidReasons,
    e.name,
    e.description,
    e.pricingType,
    e.units,
    e.tags,
    e.capabilityName,
    e.mintOrBurnCount,
  ]);
}

export type SaveOutcome = "inserted" | "updated" | "unchanged";

/** The entry with NUL and lone surrogates escaped in every text and list of texts. */
export function storableEntry(entry: IndexEntry): IndexEntry {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    out[key] =
      typeof value === "string"
        ? storableText(value)
        : Array.isArray(value)
          ? value.map((v: unknown) => (typeof v === "string" ? storableText(v) : v))
          : value;
  }
  return out as IndexEntry;
}

/** Writes one agent in one transaction: inserts it, or updates it and marks it checked. */
export async function saveIndexEntry(
  db: Db,
  given: IndexEntry,
  nowMs: number,
): Promise<SaveOutcome> {
  const entry = storableEntry(given);
  const outcome = await db.transaction(async (tx): Promise<SaveOutcome> => {
    const [old] = await tx
      .select()
      .from(registryIndex)
      .where(eq(registryIndex.agentIdentifier, entry.agentIdentifier))
      .for("update");
    if (old === undefined) {
      await tx
        .insert(registryIndex)
        .values({ ...entry, firstSeenAtMs: nowMs, checkedAtMs: nowMs, updatedAtMs: nowMs })
        // Another node sharing the database may have inserted it in the meantime; its row is
        // as fresh as ours, so ours is dropped rather than failing the tick.
        .onConflictDoNothing();
      return "inserted";
    }
    const changed = contentOf(old) !== contentOf(entry);
    await tx
      .update(registryIndex)
      .set(changed ? { ...entry, checkedAtMs: nowMs, updatedAtMs: nowMs } : { checkedAtMs: nowMs })
      .where(eq(registryIndex.agentIdentifier, entry.agentIdentifier));
    return changed ? "updated" : "unchanged";
  });
  // This process's requests see the change at once (other processes' within ENTRY_FRESH_MS).
  if (outcome !== "unchanged") forgetRecentEntries();
  return outcome;
}
