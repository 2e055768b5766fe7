/**
 * `/api/v1/purchase…`, the buyer's side of a payment, in the Masumi API's shapes: purchase a
 * seller's signed terms (pay permission), list purchases and resolve one by
 * blockchainIdentifier (read). Additive to the peer: a `blockchainIdentifier` filter and
 * `nextCursorId` on the list; `state`, `escrowReference`, `escrowId`, `invalidReason` on each.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network, pageSize, stringBoolean, text } from "./fields.ts";
import { ChainError } from "../chain/errors.ts";
import type { UtxoReader } from "../chain/port.ts";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import { ON_CHAIN_STATES, TERMINAL_STATES } from "../domain/escrow-states.ts";
import {
  parseTimeFields,
  type PaymentTimes,
  TIME_FIELDS,
  WIRE_TIME_FIELDS,
} from "../domain/payment-times.ts";
import { listPurchases, PURCHASE_PAGE_MAX } from "../services/purchase-list.ts";
import {
  createPurchase,
  purchaseByIdentifier,
  PurchaseError,
  type PurchaseRow,
} from "../services/purchases.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { checkIdentifier } from "./identifier-check.ts";
import { purchaseViews } from "./subject-views.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { purchaseAnswer } from "./answers/purchase.ts";
import { cursorPage } from "./answers/shapes.ts";

/** What the purchase routes need of the node beyond authentication. */
export interface PurchaseRoutesContext extends AuthContext {
  /** The registry policy whose agents sellers sell. */
  policyId: string;
  /** The escrow's address; without it the node cannot lock and POST answers 503. */
  escrowAddress?: string;
  /** Reads the purchasing wallets' outputs for the funding check. */
  chain: UtxoReader;
  /** The protocol's coins per UTxO byte (a number, or a reader of the current parameters). */
  coinsPerUtxoSize: number | (() => Promise<number>);
}

const METADATA_LENGTH_MAX = 10_000;
const blockchainIdentifier = text(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX).min(1, {
  error: "must not be empty",
});

// Only shapes here; the service checks each field against the signed terms, naming the field.
const createBody = z.object({
  blockchainIdentifier,
  network,
  inputHash: text(250),
  sellerVkey: text(250),
  agentIdentifier: text(250).min(57, { error: "must be at least 57 characters" }),
  identifierFromPurchaser: text(26),
  Amounts: z.unknown().optional(),
  // Required by the peer; requiredTimes says which one is missing.
  payByTime: z.unknown().optional(),
  submitResultTime: z.unknown().optional(),
  unlockTime: z.unknown().optional(),
  externalDisputeUnlockTime: z.unknown().optional(),
  metadata: text(METADATA_LENGTH_MAX).optional(),
  // The peer's V2 hints: our identifier names everything, so these may only agree with it.
  paymentSourceType: z
    .enum(["Web3CardanoV1", "Web3CardanoV2"], { error: "must be Web3CardanoV1 or Web3CardanoV2" })
    .optional(),
  smartContractAddress: text(250).optional(),
  supportedPaymentSourceIndex: z.number().int().min(0).max(24).optional(),
  buyerReturnAddress: text(250).optional(),
  sellerReturnAddress: text(250).optional(),
  // Metered terms (additive): the sheet's fields are checked by the service, naming each.
  autoRelease: z.boolean({ error: "must be true or false" }).optional(),
  priceSheet: z.unknown().optional(),
  priceSheetHash: text(64).optional(),
});

const listQuery = z.object({
  network,
  limit: pageSize(PURCHASE_PAGE_MAX, 10),
  cursorId: text(100).optional(),
  blockchainIdentifier: blockchainIdentifier.optional(),
  filterOnChainState: z
    .enum([...ON_CHAIN_STATES, ...TERMINAL_STATES], { error: "is not an on-chain state" })
    .optional(),
  includeHistory: stringBoolean.transform((v) => v === "true").optional(),
});

// The peer's SDKs send it as a string ("false"); booleans are read as well.
const resolveBody = z.object({
  blockchainIdentifier,
  network,
  includeHistory: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
      error: "must be true or false",
    })
    .optional(),
});

/** Maps the service's expected refusals (and an unreachable chain) to HTTP answers. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ChainError) {
      throw new ApiError(503, `the chain could not be read: ${err.message}`);
    }
    if (!(err instanceof PurchaseError)) throw err;
    const status = err.kind === "invalid" ? 400 : err.kind === "notFound" ? 404 : 409;
    throw new ApiError(status, err.message, err.field);
  }
}

/** All four times, which the peer requires, in ms. */
function requiredTimes(body: Readonly<Record<string, unknown>>): PaymentTimes {
  const times = parseTimeFields(body);
  if (!times.ok) throw new ApiError(400, times.message, WIRE_TIME_FIELDS[times.field]);
  const missing = TIME_FIELDS.find((f) => times.given[f] === undefined);
  if (missing !== undefined) {
    const wire = WIRE_TIME_FIELDS[missing];
    throw new ApiError(400, `${wire}: is required`, wire);
  }
  return times.given as PaymentTimes;
}

/** The purchase routes; `ready` yields the node's context or throws a 503 while it starts. */
export function purchaseRoutes(
  ready: () => PurchaseRoutesContext,
  nowMs: () => number,
): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const checkNetwork = (n: string) => {
    if (n !== ready().network)
      throw new ApiError(400, `network: this node runs on ${ready().network}`, "network");
  };
  const views = (rows: PurchaseRow[], includeHistory = false) =>
    purchaseViews(ready(), rows, { includeHistory });

  r.post(
    "/purchase",
    documented({
      summary: "Purchase a seller's signed terms: lock the funds in the escrow",
      description:
        "Checks the seller's terms (signed into `blockchainIdentifier`) and queues the lock from " +
        "a purchasing wallet that can fund it. All four times are required, as POSIX ms. " +
        "Spends the key's credits and budgets (402 when they refuse). Answers 503 while the " +
        "node has no escrow address.",
      tag: "Purchases",
      access: "pay",
      body: createBody,
      answer: purchaseAnswer,
      errors: [402, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, createBody);
      checkNetwork(body.network);
      const times = requiredTimes(body);
      const ctx = ready();
      const { escrowAddress, coinsPerUtxoSize } = ctx;
      if (escrowAddress === undefined) {
        throw new ApiError(503, "the escrow is not set up on this node yet: cannot lock funds");
      }
      if (body.smartContractAddress !== undefined && body.smartContractAddress !== escrowAddress) {
        throw new ApiError(
          400,
          `smartContractAddress: this node's escrow is ${escrowAddress}`,
          "smartContractAddress",
        );
      }
      const { row, lockIntent, agent } = await answering(() =>
        createPurchase(
          {
            ...ctx,
            escrowAddress,
            coinsPerUtxoSize:
              typeof coinsPerUtxoSize === "number"
                ? () => Promise.resolve(coinsPerUtxoSize)
                : coinsPerUtxoSize,
            nowMs: nowMs(),
          },
          {
            blockchainIdentifier: body.blockchainIdentifier,
            agentIdentifier: body.agentIdentifier,
            sellerVkey: body.sellerVkey,
            inputHash: body.inputHash,
            identifierFromPurchaser: body.identifierFromPurchaser,
            times,
            amounts: body.Amounts,
            sellerAddress: body.sellerReturnAddress,
            buyerAddress: body.buyerReturnAddress,
            metadata: body.metadata,
            requestedById: c.get("principal").apiKeyId,
            autoRelease: body.autoRelease,
            priceSheet: body.priceSheet,
            priceSheetHash: body.priceSheetHash,
          },
        ),
      );
      // Nothing but this request has touched the purchase yet: its view needs no reads back.
      const written = {
        noPendingActions: true as const,
        lockIntents: new Map([[row.id, lockIntent]]),
        agents: new Map([[row.agentIdentifier, agent]]),
      };
      const [view] = await purchaseViews(ready(), [row], { written });
      return c.json({ status: "success", data: view });
    },
  );

  r.get(
    "/purchase",
    documented({
      summary: "List purchases, newest first",
      tag: "Purchases",
      access: "read",
      query: listQuery,
      answer: cursorPage("Purchases", purchaseAnswer),
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, listQuery);
      checkNetwork(q.network);
      const page = await answering(() =>
        listPurchases(
          ready().db,
          q.network,
          { blockchainIdentifier: q.blockchainIdentifier, onChainState: q.filterOnChainState },
          { limit: q.limit, cursorId: q.cursorId },
        ),
      );
      return c.json({
        status: "success",
        data: {
          Purchases: await views(page.rows, q.includeHistory),
          nextCursorId: page.nextCursorId,
        },
      });
    },
  );

  r.post(
    "/purchase/resolve-blockchain-identifier",
    documented({
      summary: "Find a purchase by its blockchainIdentifier",
      tag: "Purchases",
      access: "read",
      body: resolveBody,
      answer: purchaseAnswer,
      errors: [404],
    }),
    requirePermission("read", ready),
    async (c) => {
      const body = await jsonBody(c, resolveBody);
      checkNetwork(body.network);
      checkIdentifier(body.blockchainIdentifier);
      const row = await answering(() =>
        purchaseByIdentifier(ready().db, body.network, body.blockchainIdentifier),
      );
      return c.json({ status: "success", data: (await views([row], body.includeHistory))[0] });
    },
  );
  return r;
}
