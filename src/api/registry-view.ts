/**
 * This node's registry rows in the peer's shapes: `RegistryEntry` for the list and the POSTs,
 * `AgentIdentifierMetadata` for `/registry/agent-identifier`. Lovelace is written as the unit ""
 * there, as the peer's RegistryEntry documents.
 */
import { inArray } from "drizzle-orm";
import { REGISTRY_POLICY } from "../chain/builders/registry-common.ts";
import type { Db } from "../db/client.ts";
import { chainTxs, wallets } from "../db/schema.ts";
import type { AgentMetadata } from "../domain/mip002.ts";
import { agentFromJson, type RegistryRow } from "../services/registry.ts";
import { agentView } from "./agent-view.ts";

type TxRow = typeof chainTxs.$inferSelect;
type WalletRow = typeof wallets.$inferSelect;

const TX_STATUS: Record<TxRow["status"], string> = {
  signed: "Pending",
  submitted: "Pending",
  confirmed: "Confirmed",
  refused: "RolledBack",
  expired: "FailedViaTimeout",
};

const walletView = (w: WalletRow | undefined) =>
  w ? { walletVkey: w.paymentKeyHash, walletAddress: w.address } : null;

/** One `RegistryEntry`, given the wallets and transactions it refers to. */
export function entryView(
  row: RegistryRow,
  walletsById: Map<string, WalletRow>,
  txs: Map<string, TxRow>,
) {
  const tx = row.currentTxHash ? txs.get(row.currentTxHash) : undefined;
  return {
    id: row.id,
    ...agentView(agentFromJson(row.metadata)),
    state: row.state,
    agentIdentifier: row.agentIdentifier,
    error: row.error,
    createdAt: new Date(row.createdAtMs).toISOString(),
    updatedAt: new Date(row.updatedAtMs).toISOString(),
    lastCheckedAt: null,
    sendFundingLovelace: null,
    supportedPaymentSources: null,
    verifications: null,
    SmartContractWallet: walletView(walletsById.get(row.walletId)),
    RecipientWallet: row.recipientWalletId
      ? walletView(walletsById.get(row.recipientWalletId))
      : null,
    CurrentTransaction: row.currentTxHash
      ? {
          txHash: row.currentTxHash,
          status: tx ? TX_STATUS[tx.status] : "Pending",
          confirmations: null,
          fees: null,
          blockHeight: tx?.blockHeight ?? null,
          blockTime: null,
        }
      : null,
  };
}

/** `RegistryEntry` views of rows, loading their wallets and transactions in two queries. */
export async function entryViews(db: Db, rows: RegistryRow[]) {
  const walletIds = [
    ...new Set(rows.flatMap((r) => [r.walletId, r.recipientWalletId ?? r.walletId])),
  ];
  const hashes = [...new Set(rows.flatMap((r) => (r.currentTxHash ? [r.currentTxHash] : [])))];
  const ws = walletIds.length
    ? await db.select().from(wallets).where(inArray(wallets.id, walletIds))
    : [];
  const ts = hashes.length
    ? await db.select().from(chainTxs).where(inArray(chainTxs.txHash, hashes))
    : [];
  const walletsById = new Map(ws.map((w) => [w.id, w]));
  const txs = new Map(ts.map((t) => [t.txHash, t]));
  return rows.map((r) => entryView(r, walletsById, txs));
}

/**
 * The peer's `AgentIdentifierMetadata` (its `AgentMetadata` too) of an agent. The peer requires
 * `image` as a string: an agent without one has "". escrowd's MIP-002 metadata carries neither
 * payment sources nor verifications, so both are null (the agent is paid in this node's escrow).
 */
export function identifierMetadataView(
  agent: AgentMetadata,
  ids: { policyId: string; assetName: string | null; agentIdentifier: string | null },
) {
  const { AgentPricing, ...fields } = agentView(agent);
  return {
    ...ids,
    Metadata: {
      ...fields,
      image: fields.image ?? "",
      AgentPricing,
      metadataVersion: 1,
      supportedPaymentSources: null,
      verifications: null,
    },
  };
}

/** The peer's `AgentIdentifierMetadata` for one of this node's agents. */
export function identifierView(row: RegistryRow) {
  return identifierMetadataView(agentFromJson(row.metadata), {
    policyId: REGISTRY_POLICY.hash,
    assetName: row.assetName,
    agentIdentifier: row.agentIdentifier,
  });
}
