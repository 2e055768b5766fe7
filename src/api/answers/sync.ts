/**
 * The answers of the count and diff routes (sync.ts): a count, and pages of payments, purchases
 * or registry entries in their usual shapes. The registry entry (registry-view.ts `entryView`)
 * is described here for `/registry/diff`; the registry routes answer the same shape.
 */
import { z } from "zod";
import { paymentAnswer } from "./payment.ts";
import { purchaseAnswer } from "./purchase.ts";
import { isoTime, wireAmount } from "./shapes.ts";

export const countAnswer = z.object({
  total: z.number().int().meta({ description: "how many there are on this network" }),
});

export const paymentDiffAnswer = z.object({ Payments: z.array(paymentAnswer) });
export const purchaseDiffAnswer = z.object({ Purchases: z.array(purchaseAnswer) });

const agentPrice = z.array(wireAmount).meta({ description: 'lovelace is the unit ""' });

/** `AgentPricing` as agent-view.ts writes it; a tiered agent's first tier is its `Pricing`. */
const agentPricing = z.union([
  z.object({ pricingType: z.enum(["Free", "Dynamic"]) }),
  z.object({
    pricingType: z.literal("Fixed"),
    Pricing: agentPrice,
    Tiers: z.array(z.object({ name: z.string(), Pricing: agentPrice })).optional(),
  }),
]);

const registryWallet = z.object({ walletVkey: z.string(), walletAddress: z.string() }).nullable();

/** One of this node's registrations in the peer's `RegistryEntry` shape. */
export const registryEntryAnswer = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  apiBaseUrl: z.string(),
  Capability: z.object({ name: z.string().nullable(), version: z.string().nullable() }),
  Author: z.object({
    name: z.string(),
    contactEmail: z.string().nullable(),
    contactOther: z.string().nullable(),
    organization: z.string().nullable(),
  }),
  Legal: z.object({
    privacyPolicy: z.string().nullable(),
    terms: z.string().nullable(),
    other: z.string().nullable(),
  }),
  Tags: z.array(z.string()),
  ExampleOutputs: z.array(z.object({ name: z.string(), mimeType: z.string(), url: z.string() })),
  AgentPricing: agentPricing,
  image: z.string().nullable(),
  state: z.enum([
    "RegistrationRequested",
    "RegistrationInitiated",
    "RegistrationConfirmed",
    "RegistrationFailed",
    "UpdateRequested",
    "UpdateInitiated",
    "UpdateConfirmed",
    "UpdateFailed",
    "DeregistrationRequested",
    "DeregistrationInitiated",
    "DeregistrationConfirmed",
    "DeregistrationFailed",
  ]),
  agentIdentifier: z.string().nullable().meta({ description: "null until the mint is seen" }),
  error: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  lastCheckedAt: z.null(),
  sendFundingLovelace: z.null(),
  supportedPaymentSources: z.null(),
  verifications: z.null(),
  SmartContractWallet: registryWallet.meta({ description: "the node wallet that minted it" }),
  RecipientWallet: registryWallet.meta({ description: "the wallet holding the NFT, if another" }),
  CurrentTransaction: z
    .object({
      txHash: z.string(),
      status: z.enum(["Pending", "Confirmed", "RolledBack", "FailedViaTimeout"]),
      confirmations: z.null(),
      fees: z.null(),
      blockHeight: z.number().int().nullable(),
      blockTime: z.null(),
    })
    .nullable(),
});

export const registryDiffAnswer = z.object({ Assets: z.array(registryEntryAnswer) });
