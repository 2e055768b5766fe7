/**
 * How the explorer shows an indexed agent: the field names of the Masumi `RegistryEntry`
 * (`name`, `apiBaseUrl`, `Capability`, `Author`, `Legal`, `Tags`, `ExampleOutputs`,
 * `AgentPricing {pricingType, Pricing[{unit, amount}]}`), amounts as integer strings, plus what
 * an explorer adds: status, validity with reasons, holder, and the raw metadata of junk.
 * Additive to the peer: `AgentPricing.Tiers` for agents with several named prices.
 */
import { decodeAgentMetadata, type AgentMetadata } from "../domain/mip002.ts";
import { LOVELACE, type Price, type Pricing } from "../domain/pricing.ts";
import type { IndexRow } from "../services/registry-query.ts";

// Lovelace is the unit "" on the wire, as the peer's RegistryEntry documents (and as this
// node's operator routes write it); the `unit` filter accepts "" and "lovelace" alike.
const wirePrices = (prices: readonly Price[]) =>
  prices.map((p) => ({ unit: p.unit === LOVELACE ? "" : p.unit, amount: p.amount.toString() }));

/** `AgentPricing` as the peer writes it; a tiered agent's first tier is its `Pricing`. */
export function pricingView(pricing: Pricing) {
  switch (pricing.kind) {
    case "free":
      return { pricingType: "Free" as const };
    case "dynamic":
      return { pricingType: "Dynamic" as const };
    case "fixed":
      return { pricingType: "Fixed" as const, Pricing: wirePrices(pricing.prices) };
    case "tiered":
      return {
        pricingType: "Fixed" as const,
        Pricing: wirePrices(pricing.tiers[0]!.prices),
        Tiers: pricing.tiers.map((t) => ({ name: t.name, Pricing: wirePrices(t.prices) })),
      };
  }
}

/** The metadata fields of a valid agent, in the peer's names (absent text is null). */
export function metadataView(agent: AgentMetadata) {
  return {
    name: agent.name,
    description: agent.description ?? null,
    apiBaseUrl: agent.apiBaseUrl,
    // Capability and Legal are always objects, their fields null when absent (the peer's shape).
    Capability: {
      name: agent.capability?.name ?? null,
      version: agent.capability?.version ?? null,
    },
    Author: {
      name: agent.author.name,
      contactEmail: agent.author.contactEmail ?? null,
      contactOther: agent.author.contactOther ?? null,
      organization: agent.author.organization ?? null,
    },
    Legal: {
      privacyPolicy: agent.legal?.privacyPolicy ?? null,
      terms: agent.legal?.terms ?? null,
      other: agent.legal?.other ?? null,
    },
    Tags: [...agent.tags],
    ExampleOutputs: agent.exampleOutputs.map((e) => ({
      name: e.name,
      mimeType: e.mimeType,
      url: e.url,
    })),
    AgentPricing: pricingView(agent.pricing),
    image: agent.image ?? null,
  };
}

/** The decoded agent of a valid row (the stored wire form is read back by the same decoder). */
export function agentOf(row: IndexRow): AgentMetadata | null {
  if (!row.valid || row.metadata === null) return null;
  const decoded = decodeAgentMetadata(JSON.parse(row.metadata));
  // The indexer stored only metadata that decoded; anything else is a corrupted row.
  if (!decoded.ok) throw new Error(`registry index row ${row.agentIdentifier} does not decode`);
  return decoded.agent;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One explorer entry. Invalid agents carry their reasons and raw metadata, no decoded fields. */
export function entryView(row: IndexRow) {
  const agent = agentOf(row);
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
      ? metadataView(agent)
      : { name: null, rawMetadata: row.rawMetadata === null ? null : JSON.parse(row.rawMetadata) }),
    createdAt: iso(row.firstSeenAtMs),
    updatedAt: iso(row.updatedAtMs),
    lastCheckedAt: iso(row.checkedAtMs),
  };
}
