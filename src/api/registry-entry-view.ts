/**
 * How the explorer shows an indexed agent: the field names of the Masumi `RegistryEntry`
 * (`name`, `apiBaseUrl`, `Capability`, `Author`, `Legal`, `Tags`, `ExampleOutputs`,
 * `AgentPricing {pricingType, Pricing[{unit, amount}]}`), amounts as integer strings, plus what
 * an explorer adds: status, validity with reasons, holder, and the raw metadata of junk.
 * Additive to the peer: `AgentPricing.Tiers` for agents with several named prices.
 */
import { decodeAgentMetadata, type AgentMetadata } from "../domain/mip002.ts";
import type { IndexRow } from "../services/registry-query.ts";
import { agentView } from "./agent-view.ts";

/**
 * The decoded agent of a valid row (the stored wire form is read back by the same decoder).
 * Every payment request and purchase reads its agent's row: the decoding of a stored form is
 * kept, by that form, as it never changes. The agent is frozen, as every caller shares it.
 */
export function agentOf(row: IndexRow): AgentMetadata | null {
  if (!row.valid || row.metadata === null) return null;
  const known = decodedAgents.get(row.metadata);
  if (known !== undefined) return known;
  const decoded = decodeAgentMetadata(JSON.parse(row.metadata));
  // The indexer stored only metadata that decoded; anything else is a corrupted row.
  if (!decoded.ok) throw new Error(`registry index row ${row.agentIdentifier} does not decode`);
  if (decodedAgents.size >= DECODED_AGENTS_MAX) decodedAgents.clear();
  decodedAgents.set(row.metadata, frozen(decoded.agent));
  return decoded.agent;
}

/** `value` and everything in it frozen (a decoded agent: plain objects and arrays, a few levels). */
function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}

/** Decoded agents by their stored form, at most DECODED_AGENTS_MAX (cleared whole when full). */
const decodedAgents = new Map<string, AgentMetadata>();
const DECODED_AGENTS_MAX = 1_024;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One explorer entry. Invalid agents carry their reasons and raw metadata, no decoded fields.
 * Ours, additive: `priceSheetHash` (the hash committed on chain, or null) and
 * `priceSheetMatchesChain` (whether the sheet this node serves for the agent has that hash;
 * null when it serves none). `servedSheetHash` is the served sheet's hash, if any.
 */
export function entryView(row: IndexRow, servedSheetHash?: string) {
  const agent = agentOf(row);
  const priceSheetHash = agent?.priceSheetHash ?? null;
  return {
    agentIdentifier: row.agentIdentifier,
    policyId: row.policyId,
    assetName: row.assetName,
    status: row.status === "active" ? ("Active" as const) : ("Burned" as const),
    valid: row.valid,
    invalidReasons: row.invalidReasons,
    holderAddress: row.holderAddress,
    holderVkey: row.holderPaymentKeyHash,
    ...(agent
      ? agentView(agent)
      : { name: null, rawMetadata: row.rawMetadata === null ? null : JSON.parse(row.rawMetadata) }),
    priceSheetHash,
    priceSheetMatchesChain:
      servedSheetHash === undefined
        ? null
        : row.status === "active" && servedSheetHash === priceSheetHash,
    createdAt: iso(row.firstSeenAtMs),
    updatedAt: iso(row.updatedAtMs),
    lastCheckedAt: iso(row.checkedAtMs),
  };
}
