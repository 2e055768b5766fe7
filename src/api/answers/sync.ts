/**
 * The answers of the count and diff routes (sync.ts): a count, and pages of payments, purchases
 * or registry entries in their usual shapes (the registry routes' `registrationAnswer`).
 */
import { z } from "zod";
import { paymentAnswer } from "./payment.ts";
import { purchaseAnswer } from "./purchase.ts";
import { registrationAnswer } from "./registry.ts";

export const countAnswer = z.object({
  total: z.number().int().meta({ description: "how many there are on this network" }),
});

export const paymentDiffAnswer = z.object({ Payments: z.array(paymentAnswer) });
export const purchaseDiffAnswer = z.object({ Purchases: z.array(purchaseAnswer) });

export const registryDiffAnswer = z.object({ Assets: z.array(registrationAnswer) });
