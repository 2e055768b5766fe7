/**
 * Reads one agent from the chain and turns it into its index entry: the current version's
 * metadata (decoded as MIP-002, or the reasons it cannot be) and its holder. Junk on chain never
 * throws here; only the chain port's own failures do. Even a bug tripped by junk makes the agent
 * invalid with the error as its reason, so one agent can never stop the index.
 */
import { paymentHashOf } from "../../contracts/address.ts";
import type { Network } from "../chain/network.ts";
import type { AssetHolder, AssetInfo, ChainPort } from "../chain/port.ts";
import { decodeAgentMetadata, encodeAgentMetadata } from "../domain/mip002.ts";
import { encodeAgentPricing } from "../domain/mip002-pricing.ts";
import { unitsOf } from "../domain/pricing.ts";
import { currentVersion, type AgentAssets } from "../domain/registry-assets.ts";
import type { IndexEntry } from "../services/registry-index.ts";

export type AgentChainReader = Pick<ChainPort, "asset" | "assetHolders">;

/**
 * The payment key hash of a base or enterprise key address; null for script, pointer, Byron or
 * unreadable addresses (an NFT held at a pointer address has no holder key the registry shows).
 */
export const paymentKeyHashOf = (address: string): string | null =>
  paymentHashOf(address, "key") ?? null;

/**
 * Reads the agent's current version (one `asset` request, and one `assetHolders` request when
 * it is still held) and builds its entry.
 */
export async function readAgent(
  chain: AgentChainReader,
  network: Network,
  group: AgentAssets,
): Promise<IndexEntry> {
  const current = currentVersion(group);
  const info = await chain.asset(current.asset.unit);
  const holders = current.status === "active" ? await chain.assetHolders(current.asset.unit) : [];
  return buildEntry(network, group, info, holders);
}

type EntryBase = Omit<
  IndexEntry,
  | "metadata"
  | "valid"
  | "invalidReasons"
  | "name"
  | "description"
  | "pricingType"
  | "units"
  | "tags"
  | "capabilityName"
>;

/** The entry of an agent that cannot be used, with why. */
export function invalidEntry(base: EntryBase, reasons: string[]): IndexEntry {
  return {
    ...base,
    metadata: null,
    valid: false,
    invalidReasons: reasons,
    name: null,
    description: null,
    pricingType: null,
    units: [],
    tags: [],
    capabilityName: null,
  };
}

/** The entry of an agent from what the chain said of its current version. */
export function buildEntry(
  network: Network,
  group: AgentAssets,
  info: AssetInfo | null,
  holders: readonly AssetHolder[],
): IndexEntry {
  const current = currentVersion(group);
  const holder = holders.find((h) => h.quantity > 0n);
  const raw = info?.onchainMetadata ?? null;
  const base: EntryBase = {
    agentIdentifier: group.agentIdentifier,
    network,
    policyId: group.policyId,
    assetName: current.asset.assetName,
    status: current.status,
    holderAddress: holder?.address ?? null,
    holderPaymentKeyHash: holder ? paymentKeyHashOf(holder.address) : null,
    // JSON escapes NUL and lone surrogates (`\u0000`), so the raw text is always storable.
    rawMetadata: raw === null ? null : JSON.stringify(raw),
    mintOrBurnCount: info?.mintOrBurnCount ?? 0,
  };
  try {
    return decodedEntry(base, group, raw);
  } catch (err) {
    return invalidEntry(base, [`unreadable: ${err instanceof Error ? err.message : String(err)}`]);
  }
}

function decodedEntry(base: EntryBase, group: AgentAssets, raw: unknown): IndexEntry {
  const current = currentVersion(group);
  if (group.layoutProblem !== undefined) return invalidEntry(base, [group.layoutProblem]);
  if (raw === null) {
    return invalidEntry(base, [`no CIP-25 (label 721) metadata for ${current.asset.assetName}`]);
  }
  const decoded = decodeAgentMetadata(raw);
  if (!decoded.ok) return invalidEntry(base, [...current.problems, ...decoded.reasons]);
  if (current.problems.length > 0) return invalidEntry(base, current.problems);
  const agent = decoded.agent;
  return {
    ...base,
    // The normalised wire form (chunked text, amounts as strings) is stored because it is plain
    // JSON and the decoder reads it back into exactly this agent.
    metadata: JSON.stringify(encodeAgentMetadata(agent)),
    valid: true,
    invalidReasons: [],
    name: agent.name,
    description: agent.description ?? null,
    pricingType: encodeAgentPricing(agent.pricing).pricingType,
    units: unitsOf(agent.pricing),
    tags: agent.tags,
    capabilityName: agent.capability?.name ?? null,
  };
}
