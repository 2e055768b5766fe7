/** A payment request (the seller's side of an escrow) as the payment routes answer it. */
import { z } from "zod";
import {
  meterAnswer,
  nextActionAnswer,
  onChainStateAnswer,
  paymentHistoryAnswer,
  paymentSourceAnswer,
  stateAnswer,
} from "./escrow.ts";
import { isoTime, msText, wireAmount } from "./shapes.ts";

export const paymentAnswer = z
  .object({
    id: z.string(),
    createdAt: isoTime,
    updatedAt: isoTime,
    blockchainIdentifier: z.string(),
    agentIdentifier: z.string(),
    agentName: z.string().nullable(),
    pricingType: z.enum(["Fixed", "Dynamic"]),
    tierName: z.string().nullable(),
    lastCheckedAt: z.null(),
    payByTime: msText,
    submitResultTime: msText,
    unlockTime: msText,
    externalDisputeUnlockTime: msText,
    collateralReturnLovelace: z.null(),
    buyerReturnAddress: z.null(),
    sellerReturnAddress: z.string().nullable(),
    requestedById: z.string().nullable(),
    resultHash: z.string().nullable(),
    inputHash: z.string(),
    identifierFromPurchaser: z.string(),
    escrowReference: z.string(),
    escrowId: z.string().nullable(),
    invalidReason: z.string().nullable(),
    state: stateAnswer,
    onChainState: onChainStateAnswer,
    NextAction: nextActionAnswer,
    nextActionLastChangedAt: isoTime,
    onChainStateOrResultLastChangedAt: isoTime,
    nextActionOrOnChainStateOrResultLastChangedAt: isoTime,
    totalBuyerCardanoFees: z.number(),
    totalSellerCardanoFees: z.number(),
    cooldownTime: z.number(),
    cooldownTimeOtherParty: z.number(),
    CurrentTransaction: z.null(),
    TransactionHistory: z.array(z.unknown()).max(0),
    RequestedFunds: z.array(wireAmount),
    WithdrawnForSeller: z.array(wireAmount),
    WithdrawnForBuyer: z.array(wireAmount),
    PaymentSource: paymentSourceAnswer,
    BuyerWallet: z.null(),
    sellerVKey: z.string().nullable(),
    SmartContractWallet: z
      .object({ id: z.string(), walletVkey: z.string(), walletAddress: z.string() })
      .nullable(),
    metadata: z.string().nullable(),
    meter: meterAnswer,
    ActionHistory: paymentHistoryAnswer.nullable(),
  })
  .meta({ description: "A payment request, in the Masumi API's `Payment` shape plus escrowd's" });
