/**
 * The price sheets this node publishes for its agents (table `price_sheets`), and how a served
 * sheet compares with the hash committed on chain in the agent's MIP-002 metadata.
 *
 * The hash this module answers is always recomputed from the stored sheet, never read from the
 * row's `hash` column: a sheet changed behind the node's back must not vouch for itself.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { priceSheets } from "../db/schema.ts";
import { canonicalize } from "../domain/jcs.ts";
import { decodeAgentMetadata } from "../domain/mip002.ts";
import { parsePriceSheet, sheetHash, toWireSheet, type PriceSheet } from "../domain/price-sheet.ts";
import { getEntry, type IndexRow, type IndexScope } from "./registry-query.ts";

/** A stored sheet read back, with the hash of what is stored now. */
export interface ServedSheet {
  sheet: PriceSheet;
  hash: string;
}

/** Reads a stored sheet; a row that no longer parses is a corrupted database, not an outcome. */
function readStored(agentIdentifier: string, json: string): ServedSheet {
  const parsed = parsePriceSheet(JSON.parse(json));
  if (!parsed.ok) {
    throw new Error(`price_sheets row ${agentIdentifier} does not parse: ${parsed.message}`);
  }
  return { sheet: parsed.sheet, hash: sheetHash(parsed.sheet) };
}

/** The sheet this node publishes for the agent, with its hash; null when it publishes none. */
export async function publishedSheet(
  db: Db,
  network: Network,
  agentIdentifier: string,
): Promise<ServedSheet | null> {
  const [row] = await db
    .select({ sheet: priceSheets.sheet })
    .from(priceSheets)
    .where(and(eq(priceSheets.network, network), eq(priceSheets.agentIdentifier, agentIdentifier)));
  return row === undefined ? null : readStored(agentIdentifier, row.sheet);
}

/** The served hash of each of these agents that has a sheet here (a page of at most 100). */
export async function servedHashes(
  db: Db,
  network: Network,
  agentIdentifiers: readonly string[],
): Promise<Map<string, string>> {
  if (agentIdentifiers.length === 0) return new Map();
  const rows = await db
    .select({ agentIdentifier: priceSheets.agentIdentifier, sheet: priceSheets.sheet })
    .from(priceSheets)
    .where(
      and(
        eq(priceSheets.network, network),
        inArray(priceSheets.agentIdentifier, [...agentIdentifiers]),
      ),
    )
    .limit(agentIdentifiers.length);
  return new Map(rows.map((r) => [r.agentIdentifier, readStored(r.agentIdentifier, r.sheet).hash]));
}

/** Stores (or replaces) the agent's sheet in its canonical form; returns its hash. */
export async function storeSheet(
  db: Db,
  input: { network: Network; agentIdentifier: string; sheet: PriceSheet; nowMs: number },
): Promise<string> {
  const hash = sheetHash(input.sheet);
  const sheet = canonicalize(toWireSheet(input.sheet));
  await db
    .insert(priceSheets)
    .values({
      network: input.network,
      agentIdentifier: input.agentIdentifier,
      sheet,
      hash,
      createdAtMs: input.nowMs,
      updatedAtMs: input.nowMs,
    })
    .onConflictDoUpdate({
      target: [priceSheets.network, priceSheets.agentIdentifier],
      set: { sheet, hash, updatedAtMs: input.nowMs },
    });
  return hash;
}

/** The price sheet hash committed in an indexed agent's metadata; null for none or junk. */
export function indexedSheetHash(row: IndexRow | undefined): string | null {
  if (row === undefined || !row.valid || row.metadata === null) return null;
  const decoded = decodeAgentMetadata(JSON.parse(row.metadata));
  return decoded.ok ? (decoded.agent.priceSheetHash ?? null) : null;
}

/** What a buyer sees of an agent's sheet: the sheet served here and the hash on chain. */
export interface SheetLookup {
  agentIdentifier: string;
  served: ServedSheet;
  /** The hash committed in the agent's current metadata, as the explorer index read it. */
  onChainHash: string | null;
  matchesChain: boolean;
}

/** The served sheet of an agent against the chain's hash; null when this node serves none. */
export async function lookupSheet(
  db: Db,
  scope: IndexScope,
  agentIdentifier: string,
): Promise<SheetLookup | null> {
  const served = await publishedSheet(db, scope.network, agentIdentifier);
  if (served === null) return null;
  const entry = await getEntry(db, scope, agentIdentifier);
  const onChainHash = entry?.status === "active" ? indexedSheetHash(entry) : null;
  return { agentIdentifier, served, onChainHash, matchesChain: onChainHash === served.hash };
}
