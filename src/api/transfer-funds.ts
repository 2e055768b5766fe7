/**
 * `/api/v1/wallet/transfer-funds` (admin): move lovelace and tokens out of one of the node's
 * wallets, and follow such transfers. A transfer is queued as an intent for the submitter, which
 * turns it into a signed transaction; its status follows that transaction (Pending until the
 * chain confirms it). No balance is ever kept or moved in the database.
 */
import { Hono } from "hono";
import { z } from "zod";
import { pageSize, text } from "./fields.ts";
import {
  FundTransferError,
  listTransfers,
  requestTransfer,
  TRANSFER_PAGE_MAX,
} from "../services/fund-transfers.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { transferView } from "./wallet-view.ts";
import { documented } from "./openapi/route-doc.ts";
import { transferAnswer } from "./answers/wallet.ts";

const positive = z
  .string({ error: "must be an integer string" })
  .regex(/^[1-9][0-9]{0,18}$/, { error: "must be a positive integer string" })
  .transform(BigInt)
  .refine((a) => a <= 2n ** 63n - 1n, { error: "is too large" });
const ASSETS_MAX = 10;

const transferBody = z.object({
  fromWalletAddress: text(250).min(1, { error: "must not be empty" }),
  toAddress: text(250).min(1, { error: "must not be empty" }),
  lovelaceAmount: positive,
  assets: z
    .array(
      z.object({
        unit: z
          .string({ error: "must be text" })
          .regex(/^[0-9a-fA-F]{56}(?:[0-9a-fA-F]{2}){0,32}$/, {
            error: "must be a policy id followed by an asset name (hex)",
          }),
        quantity: positive,
      }),
      { error: "must be a list" },
    )
    .max(ASSETS_MAX, { error: `must have at most ${ASSETS_MAX} entries` })
    .default([]),
});
const listQuery = z.object({
  id: text(250).optional(),
  hotWalletId: text(250).optional(),
  walletAddress: text(250).optional(),
  cursorId: text(250).optional(),
  limit: pageSize(TRANSFER_PAGE_MAX, 20),
});

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof FundTransferError)) throw err;
    throw new ApiError(err.kind === "invalid" ? 400 : 404, err.message, err.field);
  }
}

/** The transfer routes; `ready` yields the node's context or throws a 503 while it starts. */
export function transferFundsRoutes(ready: () => AuthContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const admin = requirePermission("admin", ready);

  r.post(
    "/wallet/transfer-funds",
    documented({
      summary: "Send lovelace and tokens out of one of the node's wallets (queued for submission)",
      description:
        "The transfer is queued for the submitter, which signs and submits it; its status " +
        "is Pending until the chain confirms the transaction. Amounts are positive integer " +
        "strings in base units. A `fromWalletAddress` that is not one of the node's wallets " +
        "is not found (404).",
      tag: "Wallets",
      access: "admin",
      body: transferBody,
      answer: transferAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, transferBody);
      const ctx = ready();
      const transfer = await answering(() =>
        requestTransfer(ctx.db, {
          network: ctx.network,
          fromWalletAddress: body.fromWalletAddress,
          toAddress: body.toAddress,
          lovelace: body.lovelaceAmount,
          assets: body.assets,
          nowMs: nowMs(),
        }),
      );
      return c.json({ status: "success", data: transferView(transfer) });
    },
  );

  r.get(
    "/wallet/transfer-funds",
    documented({
      summary: "List fund transfers (or one by id), with their transaction's status",
      tag: "Wallets",
      access: "admin",
      query: listQuery,
      answer: z.object({ transfers: z.array(transferAnswer) }),
      errors: [404],
    }),
    admin,
    async (c) => {
      const q = queryParams(c, listQuery);
      const ctx = ready();
      const transfers = await answering(() =>
        listTransfers(ctx.db, {
          network: ctx.network,
          id: q.id,
          walletId: q.hotWalletId,
          walletAddress: q.walletAddress,
          cursorId: q.cursorId,
          limit: q.limit,
        }),
      );
      if (q.id !== undefined && transfers.length === 0)
        throw new ApiError(404, `id: no transfer ${q.id}`, "id");
      return c.json({ status: "success", data: { transfers: transfers.map(transferView) } });
    },
  );
  return r;
}
