/**
 * An agent's MIP-002 metadata in the peer's API names (the Masumi \`RegistryEntry\` fields), shared
 * by this node's registrations and the explorer so both show an agent the same way.
 */
import type { AgentMetadata } from "../domain/mip002.ts";
import { LOVELACE, type Price, type Pricing } from "../domain/pricing.ts";

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
export function agentView(agent: AgentMetadata) {
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
