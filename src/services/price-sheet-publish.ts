/**
 * Publishing a price sheet for one of this node's agents: the sheet must not contradict the
 * agent's MIP-002 pricing, it is stored, and its hash is committed on chain with the agent's
 * metadata by a registry update (burn version v, mint v+1: the identifier stays). Storing and
 * queueing the update happen in one db transaction, so a refused update stores nothing.
 *
 * The pricing checked is the metadata this node last confirmed on chain for the agent (the
 * registry request's row), which is what the update re-writes beside the new hash.
 */
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import type { AgentMetadata } from "../domain/mip002.ts";
import type { PriceSheet } from "../domain/price-sheet.ts";
import { contradictionOf, type Contradiction } from "../domain/price-sheet-mip002.ts";
import {
  agentByIdentifier,
  agentFromJson,
  RegistryError,
  requestUpdate,
  type RegistryRow,
} from "./registry.ts";
import { storeSheet } from "./price-sheets.ts";

interface Ctx {
  db: Db;
  network: Network;
  nowMs: number;
}

export interface PublishResult {
  row: RegistryRow;
  hash: string;
  /** True when an update was queued to commit the hash; false when the chain has it already. */
  committing: boolean;
}

/**
 * Why the sheet contradicts the agent's pricing, or undefined. A tiered agent's sheet may
 * price any one of its tiers; when none fits, the first tier's reason is given.
 */
export function sheetConflict(sheet: PriceSheet, agent: AgentMetadata): Contradiction | undefined {
  const pricing = agent.pricing;
  if (pricing.kind !== "tiered") return contradictionOf(sheet, pricing);
  const reasons = pricing.tiers.map((t) => contradictionOf(sheet, pricing, t.name));
  return reasons.some((r) => r === undefined) ? undefined : reasons[0];
}

/** Stores the sheet of one of this node's agents and queues the commit of its hash. */
export async function publishSheet(
  ctx: Ctx,
  req: { network: Network; agentIdentifier: string; sheet: PriceSheet },
): Promise<PublishResult> {
  if (req.network !== ctx.network) {
    throw new RegistryError("invalid", `network: this node runs on ${ctx.network}`, "network");
  }
  const row = await agentByIdentifier(ctx, req.agentIdentifier);
  const agent = agentFromJson(row.metadata);
  const conflict = sheetConflict(req.sheet, agent);
  if (conflict !== undefined) {
    const field = `priceSheet.${conflict.field}`;
    throw new RegistryError("conflict", `${field}: ${conflict.message}`, field);
  }
  const agentIdentifier = row.agentIdentifier!;
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const hash = await storeSheet(db, { ...req, agentIdentifier, nowMs: ctx.nowMs });
    if (agent.priceSheetHash === hash) return { row, hash, committing: false };
    const updated = await requestUpdate(
      { ...ctx, db },
      {
        network: req.network,
        agentIdentifier,
        recipientWalletAddress: undefined,
        sendFundingLovelace: undefined,
        agent: { ...agent, priceSheetHash: hash },
      },
    );
    return { row: updated, hash, committing: true };
  });
}
