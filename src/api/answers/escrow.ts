/**
 * The parts payments and purchases share in their answers: the escrow's source, the meter (the
 * escrow's books), NextAction and the action history.
 */
import { z } from "zod";
import { ON_CHAIN_STATES, PAYMENT_STATES, TERMINAL_STATES } from "../../domain/escrow-states.ts";
import { amountText, isoTime, msText, wireAmount } from "./shapes.ts";

export const paymentSourceAnswer = z.object({
  id: z.string(),
  network: z.enum(["Preprod", "Mainnet"]),
  paymentSourceType: z.literal("Web3CardanoV1"),
  smartContractAddress: z.string().nullable(),
  policyId: z.string().meta({ description: "the registry policy whose agents this node serves" }),
});

const meterAmount = z.object({
  unit: z.string(),
  locked: amountText,
  released: amountText,
  refunded: amountText,
  redeemed: amountText,
  paidToSeller: amountText,
  paidToBuyer: amountText,
  remaining: amountText,
});

export const meterAnswer = z
  .object({
    autoRelease: z.boolean(),
    priceSheetHash: z.string().nullable(),
    claim: z.array(wireAmount).nullable(),
    voucherTotal: amountText,
    amounts: z.array(meterAmount),
    transactions: z.array(
      z.object({
        action: z.string().nullable().meta({ description: '"Lock" for the lock, else the step' }),
        txHash: z.string(),
        blockTimeMs: z.number().int(),
        toSeller: z.array(wireAmount),
        toBuyer: z.array(wireAmount),
      }),
    ),
  })
  .meta({ description: "The escrow's books: what was locked, released, refunded and paid" });

export const nextActionAnswer = z.object({
  requestedAction: z.string(),
  errorType: z.enum(["Unknown"]).nullable(),
  errorNote: z.string().nullable(),
  resultHash: z.string().nullable().optional(),
  waitUntil: msText.optional().meta({ description: "a queued action waits for the chain's time" }),
});

const historyItem = {
  id: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  submittedTxHash: z.string().nullable(),
  requestedAction: z.string(),
  action: z.string(),
  status: z.string(),
  errorType: z.enum(["Unknown"]).nullable(),
  errorNote: z.string().nullable(),
};
export const paymentHistoryAnswer = z.array(
  z.object({ ...historyItem, resultHash: z.string().nullable() }),
);
export const purchaseHistoryAnswer = z.array(z.object(historyItem));

export const stateAnswer = z.enum(PAYMENT_STATES).meta({ description: "escrowd's state" });
export const onChainStateAnswer = z
  .enum([...ON_CHAIN_STATES, ...TERMINAL_STATES])
  .nullable()
  .meta({ description: "the peer's onChainState; null before a lock" });
