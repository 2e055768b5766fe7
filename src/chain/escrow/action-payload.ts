/**
 * The `escrow_action` intent: which escrow to act on (its id, the lock's out-ref: the builder
 * finds where it is now), the action, and its parameters. ResolveDispute is not here: it needs
 * the admins' signatures, which one wallet cannot give (see resolve-payload.ts).
 */
import { z } from "zod";
import { MAX_TOKENS_PER_ESCROW } from "../../../contracts/index.ts";
import { parseEscrowId } from "./locate.ts";

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
/** A Mesh unit: "lovelace", or a policy id (28 bytes) and an asset name (0..32 bytes), hex. */
export const unitSchema = z.string().regex(/^(lovelace|[0-9a-f]{56}([0-9a-f]{2}){0,32})$/);
/** Whether digits are below 2^64 (false for what is not digits: zod runs refinements anyway). */
function below64(s: string): boolean {
  return /^[0-9]{1,20}$/.test(s) && BigInt(s) < 2n ** 64n;
}

/** A positive amount in base units, as an integer string (below 2^64 whatever the unit). */
const positive = z
  .string()
  .regex(/^[1-9][0-9]{0,19}$/, "must be a positive integer")
  .refine(below64, "must be below 2^64");
/** A claim's amount may be zero (the seller claims nothing of that unit). */
const natural = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,19})$/, "must be a non-negative integer")
  .refine(below64, "must be below 2^64");

/** One unit of a claim as the intent and the service carry it. */
export const claimEntrySchema = z.object({ unit: unitSchema, amount: natural });
export const claimSchema = z
  .array(claimEntrySchema)
  .max(1 + MAX_TOKENS_PER_ESCROW)
  .refine((c) => new Set(c.map((e) => e.unit)).size === c.length, "names a unit twice");

export const submitResultParams = z.object({
  resultHash: hex32,
  /** Omitted or null: no claim (the whole escrow but the buyer's deposit). */
  claim: claimSchema.nullable().optional(),
});
/** Release (buyer) and PartialRefund (seller): part of one unit, paid now. */
export const partPaymentParams = z.object({ unit: unitSchema, amount: positive });
export const redeemVoucherParams = z.object({
  unit: unitSchema,
  total: positive,
  vkey: z.string().regex(/^[0-9a-f]{64}$/, "must be 32 bytes hex"),
  signature: z.string().regex(/^[0-9a-f]{128}$/, "must be 64 bytes hex"),
});

const target = {
  escrowId: z.string().refine((id) => parseEscrowId(id) !== null, "must be txHash#index"),
};
const plain = <A extends string>(action: A) =>
  z.object({ ...target, action: z.literal(action), params: z.object({}).optional() });

export const actionPayloadSchema = z.discriminatedUnion("action", [
  z.object({ ...target, action: z.literal("SubmitResult"), params: submitResultParams }),
  z.object({ ...target, action: z.literal("Release"), params: partPaymentParams }),
  z.object({ ...target, action: z.literal("PartialRefund"), params: partPaymentParams }),
  z.object({ ...target, action: z.literal("RedeemVoucher"), params: redeemVoucherParams }),
  plain("RequestRefund"),
  plain("CancelRefund"),
  plain("AuthorizeRefund"),
  plain("Withdraw"),
  plain("WithdrawRefund"),
  plain("Accept"),
]);
export type EscrowActionPayload = z.infer<typeof actionPayloadSchema>;
export type WalletAction = EscrowActionPayload["action"];
