/**
 * Escrow actions over HTTP, in the Masumi API's shapes: the seller submits a result or
 * authorizes a refund (`/payment/…`), the buyer requests or cancels a refund (`/purchase/…`),
 * each answered with the subject's view. As the peer documents, only the API key that created
 * the payment or purchase, or an admin, may act on it. Additive: `POST /payment/resolve-dispute`
 * lets an admin split a disputed escrow between the parties. Metered escrow (issue 10): the
 * seller's submit-result may carry the usage it charges for, or the amounts it claims; the rest
 * of the metered routes are in metered-actions.ts.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { network, text } from "./fields.ts";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import type { WalletAction } from "../chain/escrow/action-payload.ts";
import type { Network } from "../chain/network.ts";
import type { Principal } from "../services/api-keys.ts";
import {
  EscrowActionError,
  requestAction,
  requestResolve,
  type SubjectRow,
} from "../services/escrow-actions.ts";
import { paymentByIdentifier, PaymentError, type PaymentRow } from "../services/payments.ts";
import { purchaseByIdentifier, PurchaseError, type PurchaseRow } from "../services/purchases.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { checkIdentifier } from "./identifier-check.ts";
import { paymentViews, purchaseViews } from "./subject-views.ts";
import { jsonBody } from "./validate.ts";
import { unitAmounts, usage } from "./metered-fields.ts";
import { checkClaim, claimFromUsage } from "../services/metered-claims.ts";
import { VoucherError } from "../services/vouchers.ts";
import { documented, type RouteDoc } from "./openapi/route-doc.ts";
import { paymentAnswer as paymentDoc } from "./answers/payment.ts";
import { purchaseAnswer as purchaseDoc } from "./answers/purchase.ts";
import { subjectAnswer } from "./answers/escrow-action.ts";

/** What the escrow action routes need of the node beyond authentication. */
export interface EscrowActionRoutesContext extends AuthContext {
  /** The registry policy whose agents are sold (for the views). */
  policyId: string;
  escrowAddress?: string;
  /**
   * The escrow admin keys this node holds (of the escrow's own admins) and how many a
   * resolution needs; undefined when it holds none.
   */
  escrowAdmins?: { held: number; threshold: number };
}

const blockchainIdentifier = text(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX).min(1, {
  error: "must not be empty",
});
/** An escrow holds lovelace and at most a few tokens; the service checks the entries' meaning. */
const SHARE_ENTRIES_MAX = 16;
const share = z
  .array(z.object({ unit: text(130), amount: text(40) }), { error: "must be a list" })
  .max(SHARE_ENTRIES_MAX, { error: `must have at most ${SHARE_ENTRIES_MAX} entries` });

const subjectBody = z.object({ network, blockchainIdentifier });
const submitBody = subjectBody
  .extend({
    submitResultHash: text(64),
    /** The usage the claim is charged for (the payment's price sheet), or the claim itself. */
    usage: usage.optional(),
    claim: unitAmounts(0n).optional(),
  })
  .refine((b) => b.usage === undefined || b.claim === undefined, {
    path: ["claim"],
    error: "give usage or claim, not both",
  });
const resolveBody = subjectBody.extend({ sellerAmounts: share, buyerAmounts: share });

type SubjectSchema = z.ZodType<{ network: Network; blockchainIdentifier: string }>;

const STATUS = { invalid: 400, notFound: 404, conflict: 409, unavailable: 503 } as const;

/** Maps the services' expected refusals to HTTP answers. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof EscrowActionError)
      throw new ApiError(STATUS[err.kind], err.message, err.field);
    if (err instanceof PaymentError || err instanceof PurchaseError || err instanceof VoucherError)
      throw new ApiError(STATUS[err.kind], err.message, err.field);
    throw err;
  }
}

/** Only the key that created the subject, or an admin, acts on it (as the peer has it). */
export function requireCreator(principal: Principal, row: SubjectRow, kind: string): void {
  if (principal.canAdmin || row.requestedById === principal.apiKeyId) return;
  throw new ApiError(
    403,
    `only the API key that created this ${kind}, or an admin, may act on it`,
    "token",
  );
}

/**
 * Reads a subject route's body: validated by `schema`, its network this node's and its
 * identifier well-formed, with the node's context (or a 503 while the node starts).
 */
export function subjectReader<C extends { network: Network }>(ready: () => C) {
  return async <S extends SubjectSchema>(c: Context<AuthEnv>, schema: S) => {
    const body = await jsonBody(c, schema);
    const ctx = ready();
    if (body.network !== ctx.network)
      throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
    checkIdentifier(body.blockchainIdentifier);
    return { body, ctx };
  };
}

/** The escrow action routes; `ready` yields the node's context or throws a 503 while it starts. */
export function escrowActionRoutes(
  ready: () => EscrowActionRoutesContext,
  nowMs: () => number,
): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const read = subjectReader(ready);

  r.post(
    "/payment/submit-result",
    documented({
      summary: "Submit the job's result hash (the seller), queueing the escrow's SubmitResult",
      description:
        "Only the API key that created the payment, or an admin. On metered terms the seller " +
        "may claim less than the escrow holds: `usage` is charged by the payment's price sheet, " +
        "or `claim` names the amounts (give one, not both).",
      tag: "Escrow actions",
      access: "pay",
      body: submitBody,
      answer: paymentDoc,
      errors: [404, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const { body, ctx } = await read(c, submitBody);
      const row = await answering(async () => {
        const found = await paymentByIdentifier(ctx.db, ctx.network, body.blockchainIdentifier);
        requireCreator(c.get("principal"), found, "payment");
        const subject = { kind: "payment" as const, id: found.id };
        const resultHash = body.submitResultHash;
        if (body.usage === undefined && body.claim === undefined) {
          const params = { resultHash };
          return (
            await requestAction(ctx.db, { subject, action: "SubmitResult", params, nowMs: nowMs() })
          ).row;
        }
        const claim =
          body.usage !== undefined ? await claimFromUsage(ctx.db, found, body.usage) : body.claim!;
        await checkClaim(ctx.db, found, claim);
        const wire = claim.map((a) => ({ unit: a.unit, amount: a.amount.toString() }));
        const params = { resultHash, claim: wire };
        return (
          await requestAction(ctx.db, { subject, action: "SubmitResult", params, nowMs: nowMs() })
        ).row;
      });
      return c.json({ status: "success", data: await paymentAnswer(ctx, row as PaymentRow) });
    },
  );

  /** What a one-step action's documentation says beyond its summary. */
  const actionDoc = (summary: string, description: string, answer: RouteDoc["answer"]) =>
    documented({
      summary,
      description: `${description} Only the API key that created it, or an admin.`,
      tag: "Escrow actions",
      access: "pay",
      body: subjectBody,
      answer,
      errors: [404, 409],
    });

  const sellerAction = (path: string, action: WalletAction, summary: string, about: string) =>
    r.post(
      path,
      actionDoc(summary, about, paymentDoc),
      requirePermission("pay", ready),
      async (c) => {
        const { body, ctx } = await read(c, subjectBody);
        const row = await answering(async () => {
          const found = await paymentByIdentifier(ctx.db, ctx.network, body.blockchainIdentifier);
          requireCreator(c.get("principal"), found, "payment");
          const subject = { kind: "payment" as const, id: found.id };
          return (await requestAction(ctx.db, { subject, action, nowMs: nowMs() })).row;
        });
        return c.json({ status: "success", data: await paymentAnswer(ctx, row as PaymentRow) });
      },
    );

  const buyerAction = (path: string, action: WalletAction, summary: string, about: string) =>
    r.post(
      path,
      actionDoc(summary, about, purchaseDoc),
      requirePermission("pay", ready),
      async (c) => {
        const { body, ctx } = await read(c, subjectBody);
        const row = await answering(async () => {
          const found = await purchaseByIdentifier(ctx.db, ctx.network, body.blockchainIdentifier);
          requireCreator(c.get("principal"), found, "purchase");
          const subject = { kind: "purchase" as const, id: found.id };
          return (await requestAction(ctx.db, { subject, action, nowMs: nowMs() })).row;
        });
        return c.json({ status: "success", data: await purchaseAnswer(ctx, row as PurchaseRow) });
      },
    );

  sellerAction(
    "/payment/authorize-refund",
    "AuthorizeRefund",
    "Authorize the buyer's refund (the seller)",
    "Queues the escrow's AuthorizeRefund on a payment whose buyer asked for a refund.",
  );
  buyerAction(
    "/purchase/request-refund",
    "RequestRefund",
    "Request a refund (the buyer)",
    "Queues the escrow's refund request on a locked purchase; a submitted result makes it a " +
      "dispute.",
  );
  buyerAction(
    "/purchase/cancel-refund-request",
    "CancelRefund",
    "Cancel a refund request (the buyer)",
    "Queues the escrow's cancellation of the purchase's refund request.",
  );

  r.post(
    "/payment/resolve-dispute",
    documented({
      summary: "Split a disputed escrow between seller and buyer (an admin)",
      description:
        "Queues the escrow admins' resolution of a disputed escrow, named by the " +
        "blockchainIdentifier of its payment or purchase on this node: `sellerAmounts` and " +
        "`buyerAmounts` (integer strings in base units) must share out what it holds. Needs the " +
        "escrow admin keys this node holds to reach the escrow's threshold (503 otherwise). " +
        "Answers the payment, or the purchase, as it now is.",
      tag: "Escrow actions",
      access: "admin",
      body: resolveBody,
      answer: subjectAnswer,
      errors: [404, 409],
    }),
    requirePermission("admin", ready),
    async (c) => {
      const { body, ctx } = await read(c, resolveBody);
      const queued = await answering(() =>
        requestResolve(ctx.db, {
          network: ctx.network,
          blockchainIdentifier: body.blockchainIdentifier,
          sellerAmounts: body.sellerAmounts,
          buyerAmounts: body.buyerAmounts,
          admins: ctx.escrowAdmins ?? { held: 0, threshold: 1 },
          nowMs: nowMs(),
        }),
      );
      const data =
        queued.subject.kind === "payment"
          ? await paymentAnswer(ctx, queued.row as PaymentRow)
          : await purchaseAnswer(ctx, queued.row as PurchaseRow);
      return c.json({ status: "success", data });
    },
  );
  return r;
}

export const paymentAnswer = async (ctx: EscrowActionRoutesContext, row: PaymentRow) =>
  (await paymentViews(ctx, [row]))[0]!;
export const purchaseAnswer = async (ctx: EscrowActionRoutesContext, row: PurchaseRow) =>
  (await purchaseViews(ctx, [row]))[0]!;
