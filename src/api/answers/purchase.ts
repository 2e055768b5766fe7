/** A purchase (the buyer's side of an escrow) as the purchase routes answer it (purchase-view.ts). */
import { z } from "zod";
import {
  meterAnswer,
  nextActionAnswer,
  onChainStateAnswer,
  paymentSourceAnswer,
  purchaseHistoryAnswer,
  stateAnswer,
} from "./escrow.ts";
import { isoTime, msText, wireAmount } from "./shapes.ts";

/** The lock's transaction, once the node has built it. */
const lockTransaction = z
  .object({
    id: z.string().meta({ description: "the transaction's hash" }),
    createdAt: isoTime,
    updatedAt: isoTime,
    txHash: z.string(),
    status: z.enum(["Pending", "Confirmed"]),
    fees: z.null(),
    blockHeight: z.null(),
    blockTime: z.null(),
    previousOnChainState: z.null(),
    newOnChainState: z.literal("FundsLocked"),
    confirmations: z.null(),
  })
  .nullable()
  .meta({ description: "The lock's transaction once built; null before and for later steps" });

export const purchaseAnswer = z
  .object({
    id: z.string(),
    createdAt: isoTime,
    updatedAt: isoTime,
    blockchainIdentifier: z.string(),
    agentIdentifier: z.string(),
    agentName: z.string().nullable().meta({ description: "from the registry; null if unknown" }),
    pricingType: z.string().nullable().meta({ description: "from the registry; null if unknown" }),
    lastCheckedAt: z.null(),
    payByTime: msText,
    submitResultTime: msText,
    unlockTime: msText,
    externalDisputeUnlockTime: msText,
    totalBuyerCardanoFees: z.number(),
    totalSellerCardanoFees: z.number(),
    nextActionOrOnChainStateOrResultLastChangedAt: isoTime,
    nextActionLastChangedAt: isoTime,
    onChainStateOrResultLastChangedAt: isoTime,
    requestedById: z.string().nullable().meta({ description: "the API key that made it" }),
    onChainState: onChainStateAnswer,
    collateralReturnLovelace: z.null(),
    buyerReturnAddress: z
      .string()
      .nullable()
      .meta({ description: "the purchasing wallet's address" }),
    sellerReturnAddress: z.string().meta({ description: "the seller's address from its terms" }),
    cooldownTime: z.number(),
    cooldownTimeOtherParty: z.number(),
    inputHash: z.string(),
    resultHash: z.string().nullable(),
    identifierFromPurchaser: z.string(),
    escrowReference: z.string(),
    escrowId: z.string().nullable(),
    invalidReason: z.string().nullable(),
    state: stateAnswer,
    NextAction: nextActionAnswer.omit({ resultHash: true }),
    CurrentTransaction: lockTransaction,
    TransactionHistory: z.array(z.unknown()).max(0),
    PaidFunds: z.array(wireAmount).meta({ description: 'what is locked; lovelace as unit ""' }),
    WithdrawnForSeller: z.array(wireAmount).max(0),
    WithdrawnForBuyer: z.array(wireAmount).max(0),
    PaymentSource: paymentSourceAnswer,
    SellerWallet: z
      .object({ id: z.string(), walletVkey: z.string(), walletAddress: z.string() })
      .meta({ description: "the seller's key hash (its id here too) and return address" }),
    SmartContractWallet: z
      .object({ id: z.string(), walletVkey: z.string(), walletAddress: z.string() })
      .nullable()
      .meta({ description: "the node's purchasing wallet that locks" }),
    metadata: z.string().nullable(),
    meter: meterAnswer,
    ActionHistory: purchaseHistoryAnswer
      .nullable()
      .meta({ description: "the buyer's actions; null unless `includeHistory`" }),
  })
  .meta({ description: "A purchase, in the Masumi API's `Purchase` shape plus escrowd's" });
