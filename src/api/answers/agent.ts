/**
 * An agent's MIP-002 metadata as agent-view.ts writes it (the Masumi `RegistryEntry` field
 * names), shared by the operator's registry routes and the public explorer.
 */
import { z } from "zod";
import { amountText } from "./shapes.ts";

/** A price of an agent; lovelace is the unit "" here, as the peer's RegistryEntry writes it. */
export const agentPrice = z.object({
  unit: z.string().meta({ description: '"" for lovelace, else policy id + asset name hex' }),
  amount: amountText,
});

/** `AgentPricing`: Fixed carries `Pricing`; a tiered agent adds `Tiers` (its first is `Pricing`). */
export const agentPricingAnswer = z
  .object({
    pricingType: z.enum(["Free", "Fixed", "Dynamic"]),
    Pricing: z.array(agentPrice).optional(),
    Tiers: z.array(z.object({ name: z.string(), Pricing: z.array(agentPrice) })).optional(),
  })
  .meta({ description: "Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's)" });

const nullableText = z.string().nullable();

/** The metadata fields of a valid agent (absent texts are null). */
export const agentFields = {
  name: z.string(),
  description: nullableText,
  apiBaseUrl: z.string(),
  Capability: z.object({ name: nullableText, version: nullableText }),
  Author: z.object({
    name: z.string(),
    contactEmail: nullableText,
    contactOther: nullableText,
    organization: nullableText,
  }),
  Legal: z.object({ privacyPolicy: nullableText, terms: nullableText, other: nullableText }),
  Tags: z.array(z.string()),
  ExampleOutputs: z.array(z.object({ name: z.string(), mimeType: z.string(), url: z.string() })),
  AgentPricing: agentPricingAnswer,
  image: nullableText,
};

/** The metadata of a valid agent as one object. */
export const agentAnswer = z.object(agentFields);
