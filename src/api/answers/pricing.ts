/**
 * Price sheets, quotes and preflights as the routes answer them (price-sheets.ts, quotes.ts):
 * the sheet in its wire form (domain/price-sheet.ts `toWireSheet`), amounts as integer strings.
 */
import { z } from "zod";
import { PRICING_MODELS, TIER_PERIODS } from "../../domain/price-sheet.ts";
import { registryRequests } from "../../db/schema.ts";
import { amountText } from "./shapes.ts";

const unitText = z.string().meta({ description: "`lovelace`, or policy id + asset name hex" });

/** A price sheet in its wire form, the form its hash is computed from. */
export const priceSheetAnswer = z
  .object({
    version: z.literal(1),
    unit: unitText,
    model: z.enum(PRICING_MODELS),
    enabled: z.boolean(),
    basePrice: amountText.meta({ description: "charged per call" }),
    outcomePrice: amountText.meta({ description: "charged per outcome the agent reports" }),
    inputPricePer1MTokens: amountText,
    outputPricePer1MTokens: amountText,
    computePricePerSecond: amountText,
    customUnitPrices: z
      .record(z.string(), amountText)
      .meta({ description: "price per one of each named custom unit" }),
    freeCallsPerBuyer: amountText.meta({ description: "calls each buyer makes free" }),
    minimumCharge: amountText.meta({ description: "the least a billed job costs" }),
    tiers: z.array(
      z.object({
        name: z.string(),
        period: z.enum(TIER_PERIODS),
        price: amountText,
        includedCalls: amountText,
      }),
    ),
    listing: z.object({
      summary: z.string(),
      requestDocs: z.string(),
      responseNotes: z.string(),
      integrationLinks: z.array(z.string()),
      supportUrl: z.string().optional(),
    }),
  })
  .meta({ description: "A price sheet; amounts are integer strings in the sheet's unit" });

const sheetHash = z.string().meta({ description: "sha256 (hex) of the sheet's canonical JSON" });

/** The sheet a node serves for an agent, against the hash committed on chain. */
export const servedSheetAnswer = z.object({
  agentIdentifier: z.string(),
  priceSheet: priceSheetAnswer,
  hash: sheetHash,
  onChainHash: z
    .string()
    .nullable()
    .meta({ description: "the hash in the agent's current on-chain metadata, if any" }),
  matchesChain: z.boolean(),
});

const registryState = z
  .enum(registryRequests.state.enumValues)
  .meta({ description: "the agent's registration state on this node" });

/** The served sheet of one of this node's agents, with its registration state. */
export const ownSheetAnswer = servedSheetAnswer.extend({ registryState });

/** A sheet just published. */
export const publishedSheetAnswer = z.object({
  agentIdentifier: z.string(),
  priceSheet: priceSheetAnswer,
  hash: sheetHash,
  committing: z.boolean().meta({
    description:
      "whether a registry update was queued to commit the hash (false: already on chain)",
  }),
  registryState,
});

/** What a job would cost. */
export const quoteAnswer = z.object({
  unit: unitText,
  amount: amountText.meta({ description: "whole base units the job would be charged" }),
  breakdown: z.array(
    z.object({
      item: z.string().meta({
        description: "calls, outcomes, inputTokens, outputTokens, computeMs or custom.<name>",
      }),
      quantity: amountText,
      price: amountText,
      per: amountText.meta({ description: "the quantity the price is quoted for" }),
      millionths: amountText.meta({ description: "the line's cost in millionths of a base unit" }),
    }),
  ),
  freeCallsLeft: amountText.meta({ description: "free calls this buyer had left before the job" }),
  freeQuotaApplied: amountText.meta({ description: "calls the free quota covered" }),
  minimumApplied: z.boolean(),
  capped: z.boolean().meta({ description: "whether the ceiling cut the charge" }),
});

const amounts = z.array(z.object({ unit: unitText, amount: amountText }));

/** Whether this key's budgets allow a job now. */
export const preflightAnswer = z.object({
  approved: z.boolean(),
  reason: z.enum(["budget_exhausted", "ceiling_exceeded"]).optional(),
  budgetId: z.string().optional().meta({ description: "the budget that refuses" }),
  remainingAmounts: amounts.meta({ description: "per unit, the least any budget has left" }),
  estimatedAmounts: amounts,
});
