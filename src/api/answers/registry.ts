/**
 * The registry's answers: this node's registrations (`RegistryEntry`, registry-view.ts), the
 * peer's `AgentIdentifierMetadata`, and the public explorer's entries and payment information
 * (registry-entry-view.ts, payment-information-view.ts).
 */
import { z } from "zod";
import { registryRequests } from "../../db/schema.ts";
import { agentFields, agentPricingAnswer, agentPrice } from "./agent.ts";
import { isoTime } from "./shapes.ts";

const nodeWallet = z
  .object({
    walletVkey: z.string().meta({ description: "the wallet's payment key hash" }),
    walletAddress: z.string(),
  })
  .nullable();

/** One of this node's registrations, in the peer's `RegistryEntry` shape. */
export const registrationAnswer = z
  .object({
    id: z.string(),
    ...agentFields,
    state: z.enum(registryRequests.state.enumValues),
    agentIdentifier: z
      .string()
      .nullable()
      .meta({ description: "policy id + asset name hex; null until the mint is seen" }),
    error: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    lastCheckedAt: z.null(),
    sendFundingLovelace: z.null(),
    supportedPaymentSources: z.null(),
    verifications: z.null(),
    SmartContractWallet: nodeWallet.meta({ description: "the wallet that minted the NFT" }),
    RecipientWallet: nodeWallet.meta({ description: "the wallet holding the NFT, if another" }),
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
  })
  .meta({ description: "A registration of this node, in the Masumi API's `RegistryEntry` shape" });

/** The peer's `AgentIdentifierMetadata`: an agent's ids and its metadata under `Metadata`. */
export const identifierMetadataAnswer = z.object({
  policyId: z.string(),
  assetName: z.string().nullable(),
  agentIdentifier: z.string().nullable(),
  Metadata: z.object({
    ...agentFields,
    image: z.string().meta({ description: '"" when the agent has none' }),
    metadataVersion: z.literal(1),
    supportedPaymentSources: z.null(),
    verifications: z.null(),
  }),
});

/** An agent a wallet holds (`GET /registry/wallet`). */
export const heldAgentAnswer = identifierMetadataAnswer;

const explorerBase = {
  agentIdentifier: z.string(),
  policyId: z.string(),
  assetName: z.string(),
  status: z.enum(["Active", "Burned"]),
  valid: z.boolean().meta({ description: "whether the on-chain metadata is valid MIP-002" }),
  invalidReasons: z.array(z.string()),
  holderAddress: z.string().nullable(),
  holderVkey: z.string().nullable().meta({ description: "the holder's payment key hash" }),
  priceSheetHash: z
    .string()
    .nullable()
    .meta({ description: "the price sheet hash committed on chain, if any" }),
  priceSheetMatchesChain: z.boolean().nullable().meta({
    description:
      "whether the sheet this node serves has the committed hash; null if it serves none",
  }),
  createdAt: isoTime,
  updatedAt: isoTime,
  lastCheckedAt: isoTime,
};

/** One explorer entry: a valid agent's metadata, or an invalid one's raw metadata. */
export const explorerEntryAnswer = z.union([
  z.object({ ...explorerBase, ...agentFields }),
  z.object({
    ...explorerBase,
    name: z.null(),
    rawMetadata: z.unknown().meta({ description: "the metadata as found on chain, if any" }),
  }),
]);

/** A page of the explorer. */
export const explorerPageAnswer = z.object({
  RegistryEntries: z.array(explorerEntryAnswer),
  nextCursor: z.string().nullable().meta({ description: "pass as `cursorId` for the next page" }),
});

const sellerWallet = z.object({
  address: z.string(),
  vkey: z.string().meta({ description: "the seller's payment key hash" }),
});

/** What a buyer needs to pay an agent, in escrowd's shape and the peer registry's at once. */
export const paymentInformationAnswer = z.object({
  ...agentFields,
  agentIdentifier: z.string(),
  policyId: z.string(),
  assetName: z.string(),
  SellerWallet: sellerWallet,
  sellerWallet: sellerWallet.meta({ description: "the same, as the peer's registry names it" }),
  AgentPricing: agentPricingAnswer.extend({
    FixedPricing: z
      .object({ Amounts: z.array(agentPrice) })
      .optional()
      .meta({ description: "`Pricing` again, as the peer's registry names it" }),
  }),
  Metadata: z.object(agentFields),
});
