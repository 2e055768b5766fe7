/**
 * `/api/v1/payment…`, the seller's side of a payment, in the Masumi API's shapes: create a
 * payment request (pay permission), list them and resolve one by blockchainIdentifier (read).
 * Additive to the peer: `tierName` on create, a `blockchainIdentifier` filter and `nextCursorId`
 * on the list.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network, pageSize, stringBoolean, text } from "./fields.ts";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import { ON_CHAIN_STATES, TERMINAL_STATES } from "../domain/escrow-states.ts";
import { parseTimeFields, WIRE_TIME_FIELDS } from "../domain/payment-times.ts";
import { TIER_NAME_BYTES_MAX } from "../domain/pricing.ts";
import { listPayments, PAYMENT_PAGE_MAX } from "../services/payment-list.ts";
import {
  createPaymentRequest,
  paymentByIdentifier,
  PaymentError,
  type PaymentRow,
} from "../services/payments.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { checkIdentifier } from "./identifier-check.ts";
import { paymentViews } from "./subject-views.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { paymentAnswer } from "./answers/payment.ts";
import { cursorPage } from "./answers/shapes.ts";

/** What the payment routes need of the node beyond authentication. */
export interface PaymentRoutesContext extends AuthContext {
  /** The registry policy whose agents this node sells. */
  policyId: string;
  encryptionKeyHex: string;
  escrowAddress?: string;
}

const METADATA_LENGTH_MAX = 10_000;
const blockchainIdentifier = text(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX).min(1, {
  error: "must not be empty",
});

// Only shapes here; the meaning of each field is checked by the service, naming the field.
const createBody = z.object({
  network,
  agentIdentifier: text(250).min(57, { error: "must be at least 57 characters" }),
  inputHash: text(250),
  identifierFromPurchaser: text(26),
  RequestedFunds: z.unknown().optional(),
  tierName: text(TIER_NAME_BYTES_MAX).optional(),
  metadata: text(METADATA_LENGTH_MAX).optional(),
  payByTime: z.unknown().optional(),
  submitResultTime: z.unknown().optional(),
  unlockTime: z.unknown().optional(),
  externalDisputeUnlockTime: z.unknown().optional(),
  // Metered terms (additive): the sheet's fields are checked by the service, naming each.
  autoRelease: z.boolean({ error: "must be true or false" }).optional(),
  priceSheet: z.unknown().optional(),
});

const listQuery = z.object({
  network,
  limit: pageSize(PAYMENT_PAGE_MAX, 10),
  cursorId: text(100).optional(),
  blockchainIdentifier: blockchainIdentifier.optional(),
  filterOnChainState: z
    .enum([...ON_CHAIN_STATES, ...TERMINAL_STATES], { error: "is not an on-chain state" })
    .optional(),
  includeHistory: stringBoolean.transform((v) => v === "true").optional(),
});

// The peer's SDKs send it as a string ("false"); booleans are read as well.
const includeHistory = z
  .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
    error: "must be true or false",
  })
  .optional();
const resolveBody = z.object({ blockchainIdentifier, network, includeHistory });

/** Maps the service's expected refusals to HTTP answers. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof PaymentError)) throw err;
    const status = err.kind === "invalid" ? 400 : err.kind === "notFound" ? 404 : 409;
    throw new ApiError(status, err.message, err.field);
  }
}

/** The payment routes; `ready` yields the node's context or throws a 503 while it starts. */
export function paymentRoutes(
  ready: () => PaymentRoutesContext,
  nowMs: () => number,
): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const checkNetwork = (n: string) => {
    if (n !== ready().network)
      throw new ApiError(400, `network: this node runs on ${ready().network}`, "network");
  };
  const views = (rows: PaymentRow[], includeHistory = false) =>
    paymentViews(ready(), rows, { includeHistory });

  r.post(
    "/payment",
    documented({
      summary: "Create a payment request (the seller's terms, signed for the buyer)",
      tag: "Payments",
      access: "pay",
      body: createBody,
      answer: paymentAnswer,
      errors: [402, 404, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, createBody);
      checkNetwork(body.network);
      const times = parseTimeFields(body);
      if (!times.ok) throw new ApiError(400, times.message, WIRE_TIME_FIELDS[times.field]);
      const ctx = ready();
      const row = await answering(() =>
        createPaymentRequest(
          { ...ctx, nowMs: nowMs() },
          {
            agentIdentifier: body.agentIdentifier,
            inputHash: body.inputHash,
            identifierFromPurchaser: body.identifierFromPurchaser,
            times: times.given,
            requestedFunds: body.RequestedFunds,
            tierName: body.tierName,
            metadata: body.metadata,
            requestedById: c.get("principal").apiKeyId,
            autoRelease: body.autoRelease,
            priceSheet: body.priceSheet,
          },
        ),
      );
      // Nothing but this request has touched the payment yet: no action can be pending.
      const written = { noPendingActions: true as const };
      const [view] = await paymentViews(ready(), [row], { written });
      return c.json({ status: "success", data: view });
    },
  );

  r.get(
    "/payment",
    documented({
      summary: "List payment requests, newest first",
      tag: "Payments",
      access: "read",
      query: listQuery,
      answer: cursorPage("Payments", paymentAnswer),
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, listQuery);
      checkNetwork(q.network);
      const page = await answering(() =>
        listPayments(
          ready().db,
          q.network,
          { blockchainIdentifier: q.blockchainIdentifier, onChainState: q.filterOnChainState },
          { limit: q.limit, cursorId: q.cursorId },
        ),
      );
      return c.json({
        status: "success",
        data: {
          Payments: await views(page.rows, q.includeHistory),
          nextCursorId: page.nextCursorId,
        },
      });
    },
  );

  r.post(
    "/payment/resolve-blockchain-identifier",
    documented({
      summary: "Find a payment by its blockchainIdentifier",
      tag: "Payments",
      access: "read",
      body: resolveBody,
      answer: paymentAnswer,
      errors: [404],
    }),
    requirePermission("read", ready),
    async (c) => {
      const body = await jsonBody(c, resolveBody);
      checkNetwork(body.network);
      checkIdentifier(body.blockchainIdentifier);
      const row = await answering(() =>
        paymentByIdentifier(ready().db, body.network, body.blockchainIdentifier),
      );
      return c.json({ status: "success", data: (await views([row], body.includeHistory))[0] });
    },
  );
  return r;
}
