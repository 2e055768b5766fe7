/**
 * The `escrow_resolve` intent: which disputed escrow the admins resolve (by its id, the lock's
 * out-ref) and how its value is split between seller and buyer. The split must give out the
 * escrow's whole value exactly, unit by unit; `resolveSplit` checks that against the value the
 * escrow holds now (the builder's job, as only it reads the escrow).
 */
import type { Asset } from "@meshsdk/core";
import { z } from "zod";
import { MAX_TOKENS_PER_ESCROW } from "../../../contracts/index.ts";
import { parseEscrowId } from "./locate.ts";
import { qty, toAmount } from "./value.ts";

const share = z
  .array(
    z.object({
      unit: z.string().regex(/^(lovelace|[0-9a-f]{56,120})$/),
      amount: z.string().regex(/^(0|[1-9][0-9]{0,29})$/),
    }),
  )
  .max(1 + MAX_TOKENS_PER_ESCROW)
  .refine((s) => new Set(s.map((a) => a.unit)).size === s.length, "a unit is listed twice");

export const resolvePayloadSchema = z.object({
  escrowId: z
    .string()
    .refine((id) => parseEscrowId(id) !== null, 'escrowId must be "txHash#outputIndex"'),
  sellerAmounts: share,
  buyerAmounts: share,
});
export type EscrowResolvePayload = z.infer<typeof resolvePayloadSchema>;

/** What each party gets, as Mesh values (before any minimum-UTxO top-up). */
export interface ResolveSplit {
  seller: Asset[];
  buyer: Asset[];
}

const sum = (s: EscrowResolvePayload["sellerAmounts"]): Asset[] =>
  toAmount(s.map((a) => ({ unit: a.unit, amount: BigInt(a.amount) })));

/**
 * The split `p` asks of an escrow holding `locked`, or why it cannot be made: every unit the
 * escrow holds must go out in full (seller + buyer = locked), and no other unit may be named.
 */
export function resolveSplit(
  p: EscrowResolvePayload,
  locked: readonly Asset[],
): ResolveSplit | string {
  const seller = sum(p.sellerAmounts);
  const buyer = sum(p.buyerAmounts);
  const units = new Set([...locked, ...seller, ...buyer].map((a) => a.unit));
  for (const unit of units) {
    const paid = qty(seller, unit) + qty(buyer, unit);
    const held = qty(locked, unit);
    if (paid !== held)
      return `the split gives out ${paid} ${unit} (seller ${qty(seller, unit)}, buyer ${qty(buyer, unit)}), the escrow holds ${held}`;
  }
  return { seller, buyer };
}
