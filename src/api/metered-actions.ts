/**
 * Metered escrow over HTTP (issue 10), additive to the Masumi shapes. The buyer signs vouchers
 * (`/purchase/voucher`), releases all or part of an escrow (`/purchase/release`) and records
 * the usage it saw (`/purchase/usage`); the seller keeps the buyer's vouchers
 * (`/payment/voucher`), redeems the latest (`/payment/redeem-voucher`) and refunds part of an
 * escrow (`/payment/partial-refund`). As with the other escrow actions, only the API key that
 * created the payment or purchase, or an admin, may act on it.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { paymentHashOf } from "../../contracts/address.ts";
import { network, text } from "./fields.ts";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import { paymentByIdentifier, type PaymentRow } from "../services/payments.ts";
import { purchaseByIdentifier, type PurchaseRow } from "../services/purchases.ts";
import { storeReportedUsage } from "../services/purchases.ts";
import { voucherSigner } from "../services/voucher-signers.ts";
import { acceptVoucher, issueVoucher, voucherToRedeem, voucherWire } from "../services/vouchers.ts";
import { requirePermission, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import {
  answering,
  paymentAnswer,
  purchaseAnswer,
  requireCreator,
  subjectReader,
  type EscrowActionRoutesContext,
} from "./escrow-actions.ts";
import {
  EscrowActionError,
  requestAction,
  type ActionRequest,
} from "../services/escrow-actions.ts";

/** The action and parameters of one metered request, as the service takes them. */
type MeteredRequest = Pick<ActionRequest, "action" | "params">;
import { integerString, unit, unitAmounts, usage, usageJson } from "./metered-fields.ts";
import { documented, type RouteDoc } from "./openapi/route-doc.ts";
import { paymentAnswer as paymentDoc } from "./answers/payment.ts";
import { purchaseAnswer as purchaseDoc } from "./answers/purchase.ts";
import { usageAnswer, voucherAnswer } from "./answers/escrow-action.ts";

/** A metered route's documentation: the caller must have created the subject, or be an admin. */
const meteredDoc = (doc: Omit<RouteDoc, "tag" | "access" | "errors">) =>
  documented({
    ...doc,
    description: `${doc.description ?? ""} Only the API key that created it, or an admin.`.trim(),
    tag: "Metered escrow",
    access: "pay",
    errors: [404, 409],
  });

/** What the metered routes need of the node beyond the escrow action routes' context. */
export interface MeteredRoutesContext extends EscrowActionRoutesContext {
  /** Opens the buyer's wallet to sign vouchers. */
  encryptionKeyHex: string;
}

const blockchainIdentifier = text(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX).min(1, {
  error: "must not be empty",
});
const subjectBody = z.object({ network, blockchainIdentifier });
const amountBody = subjectBody.extend({ unit, amount: integerString(1n) });
const issueBody = subjectBody.extend({ unit, total: integerString(1n) });
const acceptBody = subjectBody.extend({
  voucher: z
    .object(
      {
        unit,
        total: integerString(1n),
        vkey: z.string({ error: "must be text" }).regex(/^[0-9a-f]{64}$/, {
          error: "must be 32 bytes of lowercase hex",
        }),
        signature: z.string({ error: "must be text" }).regex(/^[0-9a-f]{128}$/, {
          error: "must be 64 bytes of lowercase hex",
        }),
      },
      { error: "must be an object" },
    )
    .strict(),
});
const releaseBody = subjectBody.extend({
  amounts: unitAmounts(1n)
    // An empty list is refused rather than read as "everything": a full release is final.
    .refine((a) => a.length === 1, {
      error: "must have exactly one entry; leave amounts out to release the whole escrow",
    })
    .optional(),
});
const usageBody = subjectBody.extend({ usage });

/** The escrow script's hash, from the address this node locks at. */
function scriptHashOf(ctx: MeteredRoutesContext): string {
  const address = ctx.escrowAddress;
  if (address === undefined) throw new ApiError(503, "this node has no escrow address yet");
  // addressParts remembers the addresses it read: no cache of its own here.
  const hash = paymentHashOf(address, "script");
  if (hash === undefined) throw new Error(`escrow address ${address} is not a script's`);
  return hash;
}

/** The metered routes; `ready` yields the node's context or throws a 503 while it starts. */
export function meteredActionRoutes(
  ready: () => MeteredRoutesContext,
  nowMs: () => number,
): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const pay = requirePermission("pay", ready);
  const read = subjectReader(ready);
  /** The caller's own payment (or any, for an admin). */
  const ownPayment = async (c: Context<AuthEnv>, ctx: MeteredRoutesContext, id: string) => {
    const row = await paymentByIdentifier(ctx.db, ctx.network, id);
    requireCreator(c.get("principal"), row, "payment");
    return row;
  };
  const ownPurchase = async (c: Context<AuthEnv>, ctx: MeteredRoutesContext, id: string) => {
    const row = await purchaseByIdentifier(ctx.db, ctx.network, id);
    requireCreator(c.get("principal"), row, "purchase");
    return row;
  };
  const queue = async (
    ctx: MeteredRoutesContext,
    row: PaymentRow | PurchaseRow,
    kind: "payment" | "purchase",
    req: MeteredRequest,
  ) => (await requestAction(ctx.db, { ...req, subject: { kind, id: row.id }, nowMs: nowMs() })).row;

  r.post(
    "/purchase/voucher",
    meteredDoc({
      summary: "Sign a voucher for the seller (the buyer)",
      description:
        "Signs, with the purchasing wallet, a voucher that lets the seller redeem `total` of " +
        "`unit` from the locked escrow. Totals only rise: the same total answers the stored " +
        "voucher, a lower one is refused. Hand the answer to the seller.",
      body: issueBody,
      answer: voucherAnswer,
    }),
    pay,
    async (c) => {
      const { body, ctx } = await read(c, issueBody);
      const stored = await answering(async () => {
        const purchase = await ownPurchase(c, ctx, body.blockchainIdentifier);
        const signer = await voucherSigner(ctx.db, {
          walletId: purchase.purchasingWalletId,
          network: ctx.network,
          encryptionKeyHex: ctx.encryptionKeyHex,
        });
        return issueVoucher(ctx.db, {
          purchase,
          scriptHash: scriptHashOf(ctx),
          unit: body.unit,
          total: body.total,
          signer,
          nowMs: nowMs(),
        });
      });
      const data = { blockchainIdentifier: body.blockchainIdentifier, ...voucherWire(stored) };
      return c.json({ status: "success", data });
    },
  );

  r.post(
    "/payment/voucher",
    meteredDoc({
      summary: "Keep the buyer's voucher (the seller)",
      description:
        "Checks the buyer's voucher against the escrow (the buyer's key from the lock, this " +
        "script, the escrow's reference) and keeps it if it raises the total held (409 " +
        "otherwise) and the escrow can pay it.",
      body: acceptBody,
      answer: voucherAnswer,
    }),
    pay,
    async (c) => {
      const { body, ctx } = await read(c, acceptBody);
      const stored = await answering(async () => {
        const payment = await ownPayment(c, ctx, body.blockchainIdentifier);
        return acceptVoucher(ctx.db, {
          payment,
          scriptHash: scriptHashOf(ctx),
          voucher: body.voucher,
          nowMs: nowMs(),
        });
      });
      const data = { blockchainIdentifier: body.blockchainIdentifier, ...voucherWire(stored) };
      return c.json({ status: "success", data });
    },
  );

  r.post(
    "/payment/redeem-voucher",
    meteredDoc({
      summary: "Redeem the latest voucher kept (the seller)",
      description:
        "Queues the escrow's RedeemVoucher for the voucher kept (the highest total signed).",
      body: subjectBody,
      answer: paymentDoc,
    }),
    pay,
    async (c) => {
      const { body, ctx } = await read(c, subjectBody);
      const row = await answering(async () => {
        const payment = await ownPayment(c, ctx, body.blockchainIdentifier);
        const params = await voucherToRedeem(ctx.db, payment);
        return queue(ctx, payment, "payment", { action: "RedeemVoucher", params });
      });
      return c.json({ status: "success", data: await paymentAnswer(ctx, row as PaymentRow) });
    },
  );

  r.post(
    "/payment/partial-refund",
    meteredDoc({
      summary: "Refund part of the escrow to the buyer (the seller)",
      description: "Queues the escrow's PartialRefund of `amount` (base units) of `unit`.",
      body: amountBody,
      answer: paymentDoc,
    }),
    pay,
    async (c) => {
      const { body, ctx } = await read(c, amountBody);
      const row = await answering(async () => {
        const payment = await ownPayment(c, ctx, body.blockchainIdentifier);
        const params = { unit: body.unit, amount: body.amount.toString() };
        return queue(ctx, payment, "payment", { action: "PartialRefund", params });
      });
      return c.json({ status: "success", data: await paymentAnswer(ctx, row as PaymentRow) });
    },
  );

  r.post(
    "/purchase/release",
    meteredDoc({
      summary: "Release the escrow, or part of it, to the seller (the buyer)",
      description:
        "Without `amounts`, queues the escrow's Accept: everything goes to the seller and the " +
        "escrow ends. With one entry, queues a Release of that much of one unit.",
      body: releaseBody,
      answer: purchaseDoc,
    }),
    pay,
    async (c) => {
      const { body, ctx } = await read(c, releaseBody);
      const row = await answering(async () => {
        const purchase = await ownPurchase(c, ctx, body.blockchainIdentifier);
        const part = body.amounts?.[0];
        // No amounts: the whole escrow goes (Accept); one entry: that much of one unit (Release).
        const req: MeteredRequest =
          part === undefined
            ? { action: "Accept" }
            : { action: "Release", params: { unit: part.unit, amount: part.amount.toString() } };
        return queue(ctx, purchase, "purchase", req).catch((err: unknown) => {
          // The service names its own parameters; on this route they sit in `amounts[0]`.
          if (err instanceof EscrowActionError && (err.field === "unit" || err.field === "amount"))
            throw new EscrowActionError(
              err.kind,
              `amounts[0].${err.message}`,
              `amounts[0].${err.field}`,
            );
          throw err;
        });
      });
      return c.json({ status: "success", data: await purchaseAnswer(ctx, row as PurchaseRow) });
    },
  );

  r.post(
    "/purchase/usage",
    meteredDoc({
      summary: "Record the usage the buyer saw for the job",
      description:
        "Stored with the purchase; the node checks the seller's claim against it. Counts are " +
        "integer strings, a count left out is zero.",
      body: usageBody,
      answer: usageAnswer,
    }),
    pay,
    async (c) => {
      const { body, ctx } = await read(c, usageBody);
      const stored = usageJson(body.usage);
      await answering(async () => {
        const purchase = await ownPurchase(c, ctx, body.blockchainIdentifier);
        await storeReportedUsage(ctx.db, purchase.id, stored, nowMs());
      });
      const data = { blockchainIdentifier: body.blockchainIdentifier, usage: JSON.parse(stored) };
      return c.json({ status: "success", data });
    },
  );
  return r;
}
