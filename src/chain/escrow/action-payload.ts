/**
 * The `escrow_action` intent: which escrow to act on (its id, the lock's out-ref: the builder
 * finds where it is now), the action, and its parameters. ResolveDispute is not here: it needs
 * the admins' signatures, which one wallet cannot give (see resolve-payload.ts).
 */
import { z } from "zod";
import { parseEscrowId } from "./locate.ts";

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const target = {
  escrowId: z.string().refine((id) => parseEscrowId(id) !== null, "must be txHash#index"),
};
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
