/**
 * The `escrow_action` intent: which escrow output to act on, the action, and its parameters.
 * ResolveDispute is not here yet: it needs the admins' signatures, which one wallet cannot give.
 */
import { z } from "zod";

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const target = { escrowTxHash: hex32, escrowOutputIndex: z.number().int().nonnegative() };
const plain = <A extends string>(action: A) =>
  z.object({ ...target, action: z.literal(action), params: z.object({}).optional() });

export const actionPayloadSchema = z.discriminatedUnion("action", [
  z.object({
    ...target,
    action: z.literal("SubmitResult"),
    params: z.object({ resultHash: hex32 }),
  }),
  z.object({
    ...target,
    action: z.literal("Release"),
    params: z.object({
      unit: z.string().regex(/^(lovelace|[0-9a-f]{56,120})$/),
      amount: z.string().regex(/^[1-9][0-9]{0,29}$/),
    }),
  }),
  plain("RequestRefund"),
  plain("CancelRefund"),
  plain("AuthorizeRefund"),
  plain("Withdraw"),
  plain("WithdrawRefund"),
]);
export type EscrowActionPayload = z.infer<typeof actionPayloadSchema>;
export type WalletAction = EscrowActionPayload["action"];
