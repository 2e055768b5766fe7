/**
 * The answers of the metered escrow routes that are not a payment or purchase (metered-actions.ts):
 * a signed voucher and a reported usage. The escrow actions answer the subject's own view.
 */
import { z } from "zod";
import { paymentAnswer } from "./payment.ts";
import { purchaseAnswer } from "./purchase.ts";
import { amountText } from "./shapes.ts";

/** The payment or purchase an admin's resolution queued for (whichever the identifier names). */
export const subjectAnswer = z
  .union([paymentAnswer, purchaseAnswer])
  .meta({ description: "The payment, or the purchase, whose escrow the resolution splits" });

/** A voucher as stored: the buyer's signature over the total it lets the seller redeem. */
export const voucherAnswer = z.object({
  blockchainIdentifier: z.string(),
  scriptHash: z.string().meta({ description: "the escrow script's hash the voucher is bound to" }),
  reference: z.string().meta({ description: "the escrow's reference the voucher is bound to" }),
  unit: z.string().meta({ description: "`lovelace` or policy id + asset name hex" }),
  total: amountText.meta({ description: "the total the seller may redeem, in base units" }),
  vkey: z.string().meta({ description: "the buyer's verification key, 32 bytes hex" }),
  signature: z.string().meta({ description: "Ed25519 signature, 64 bytes hex" }),
  count: z
    .number()
    .int()
    .meta({ description: "vouchers issued (buyer) or accepted (seller) for this escrow so far" }),
});

const countText = z.string().regex(/^\d+$/);

/** A usage as stored, every count written (a count left out was zero). */
export const usageAnswer = z.object({
  blockchainIdentifier: z.string(),
  usage: z.object({
    calls: countText,
    outcomes: countText,
    inputTokens: countText,
    outputTokens: countText,
    computeMs: countText,
    custom: z
      .record(z.string(), countText)
      .meta({ description: "counts of the price sheet's custom units, by name" }),
  }),
});
