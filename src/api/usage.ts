/**
 * Usage records over HTTP (issue 11): `POST /usage` records the usage of one escrow under a
 * usage id the client chooses, idempotently per node and API key (see usage-records.ts);
 * `GET /usage?blockchainIdentifier=` lists an escrow's records, oldest first, cursor-paged.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import {
  recordUsage,
  UsageRecordError,
  usageRecordsOf,
  usageRecordView,
} from "../services/usage-records.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { network, pageSize, text } from "./fields.ts";
import { checkIdentifier } from "./identifier-check.ts";
import { unitAmounts, usage } from "./metered-fields.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";
import { documented } from "./openapi/route-doc.ts";
import { usagePageAnswer, usageRecordAnswer } from "./answers/usage.ts";

/** Usage ids are the client's: printable ASCII without spaces, like an Idempotency-Key. */
export const USAGE_ID_LENGTH_MAX = 128;
export const USAGE_PAGE_MAX = 100;

const blockchainIdentifier = text(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX).min(1, {
  error: "must not be empty",
});
const recordBody = z
  .object({
    network,
    usageId: z.string({ error: "must be text" }).regex(/^[\x21-\x7e]{1,128}$/, {
      error: `must be 1 to ${USAGE_ID_LENGTH_MAX} printable ASCII characters without spaces`,
    }),
    blockchainIdentifier,
    usage,
    amounts: unitAmounts(0n).optional(),
  })
  .strict();
const listQuery = z.object({
  network: network.optional(),
  blockchainIdentifier,
  limit: pageSize(USAGE_PAGE_MAX, 50),
  cursor: text(400).optional(),
});

const STATUS = { notFound: 404, conflict: 409, forbidden: 403 } as const;

/** The usage routes; `ready` yields the node's context or throws a 503 while it starts. */
export function usageRoutes(
  ready: () => AuthContext & { db: Db; network: Network },
  nowMs: () => number,
): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  r.post(
    "/usage",
    documented({
      summary: "Record the usage of one escrow under a usage id the client chooses",
      description:
        "Idempotent per node and API key: the same `usageId` with the same record answers the " +
        "stored record again; with another record it is refused (409, naming the field).",
      tag: "Usage",
      access: "pay",
      body: recordBody,
      answer: usageRecordAnswer,
      errors: [404, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, recordBody);
      const ctx = ready();
      if (body.network !== ctx.network)
        throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
      checkIdentifier(body.blockchainIdentifier);
      const principal = c.get("principal");
      try {
        const { row } = await recordUsage(ctx.db, {
          principalId: principal.apiKeyId,
          canAdmin: principal.canAdmin,
          usageId: body.usageId,
          network: body.network,
          blockchainIdentifier: body.blockchainIdentifier,
          usage: body.usage,
          amounts: body.amounts?.map((a) => ({ unit: a.unit, amount: a.amount.toString() })),
          nowMs: nowMs(),
        });
        // The same answer for the first call and every retry: the stored record.
        return c.json({ status: "success", data: usageRecordView(row) });
      } catch (err) {
        if (err instanceof UsageRecordError)
          throw new ApiError(STATUS[err.kind], err.message, err.field);
        throw err;
      }
    },
  );

  r.get(
    "/usage",
    documented({
      summary: "An escrow's usage records, oldest first",
      tag: "Usage",
      access: "read",
      query: listQuery,
      answer: usagePageAnswer,
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, listQuery);
      const ctx = ready();
      if (q.network !== undefined && q.network !== ctx.network)
        throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      const rows = await usageRecordsOf(ctx.db, ctx.network, q.blockchainIdentifier, {
        limit: q.limit,
        after: after && { createdAtMs: after.createdAtMs, id: after.key },
      });
      const last = rows[rows.length - 1];
      return c.json({
        status: "success",
        data: {
          UsageRecords: rows.map(usageRecordView),
          nextCursor:
            rows.length < q.limit || last === undefined
              ? null
              : encodeCursor({ createdAtMs: last.createdAtMs, key: last.id }),
        },
      });
    },
  );
  return r;
}
