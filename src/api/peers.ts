/**
 * Balance and usage with one peer agent over HTTP (issue 11); which trades count as trades
 * with the peer is defined in peer-books.ts. `GET /peers/balance` sums every trade's meter per
 * unit and side; `GET /peers/usage` lists the trades most recent first, cursor-paged, each with
 * its meter's amounts, the claim, the usage reported and the transactions.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import type { WireAmount } from "../domain/amounts.ts";
import { parseStoredUsage, usageJson } from "../domain/usage-wire.ts";
import type { Meter } from "../services/escrow-meter.ts";
import {
  cursorAfter,
  peerBalance,
  peerTrades,
  tradeKey,
  tradeMeters,
  type PeerTrade,
} from "../services/peer-books.ts";
import {
  usageRecordsFor,
  usageRecordView,
  type UsageRecordView,
} from "../services/usage-records.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { network, pageSize, text } from "./fields.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";
import { queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { peerBalanceAnswer, peerUsagePageAnswer } from "./answers/usage.ts";

export const PEER_PAGE_MAX = 50;
/** Usage records a page of history carries at most (the rest: `GET /usage`). */
export const PEER_PAGE_RECORDS_MAX = 500;

const agentIdentifier = z
  .string({ error: "must be text" })
  .regex(/^[0-9a-f]{57,120}$/, { error: "must be a policy id and asset name in lowercase hex" });
const balanceQuery = z.object({ network, agentIdentifier });
const usageQuery = balanceQuery.extend({
  limit: pageSize(PEER_PAGE_MAX, 20),
  cursor: text(400).optional(),
});

/** One row of the usage history. */
export interface PeerUsageRow {
  blockchainIdentifier: string;
  role: "buyer" | "seller";
  state: string;
  createdAt: string;
  escrowId: string | null;
  amounts: Meter["amounts"];
  claim: WireAmount[] | null;
  voucherTotal: string;
  usage: { records: UsageRecordView[]; reported: Record<string, unknown> | null };
  transactions: Meter["transactions"];
  txHashes: string[];
}

function usageRow(t: PeerTrade, meter: Meter, records: UsageRecordView[]): PeerUsageRow {
  return {
    blockchainIdentifier: t.blockchainIdentifier,
    role: t.role,
    state: t.state,
    createdAt: String(t.createdAtMs),
    escrowId: t.escrowId,
    amounts: meter.amounts,
    claim: meter.claim,
    voucherTotal: meter.voucherTotal,
    usage: {
      records,
      reported:
        t.reportedUsage === null
          ? null
          : (JSON.parse(usageJson(parseStoredUsage(t.reportedUsage))) as Record<string, unknown>),
    },
    transactions: meter.transactions,
    txHashes: meter.transactions.map((x) => x.txHash),
  };
}

/** The peer routes; `ready` yields the node's context or throws a 503 while it starts. */
export function peerRoutes(ready: () => AuthContext & { db: Db; network: Network }): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const read = requirePermission("read", ready);
  const onThisNode = (n: Network) => {
    const ctx = ready();
    if (n !== ctx.network)
      throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
    return ctx;
  };

  r.get(
    "/peers/balance",
    documented({
      summary: "The balance with one peer agent: every trade's books summed per unit and side",
      tag: "Usage",
      access: "read",
      query: balanceQuery,
      answer: peerBalanceAnswer,
    }),
    read,
    async (c) => {
      const q = queryParams(c, balanceQuery);
      const ctx = onThisNode(q.network);
      const balance = await peerBalance(ctx.db, ctx.network, q.agentIdentifier);
      return c.json({
        status: "success",
        data: { agentIdentifier: q.agentIdentifier, ...balance },
      });
    },
  );

  r.get(
    "/peers/usage",
    documented({
      summary: "The trades with one peer agent, most recent first, each with its books and usage",
      tag: "Usage",
      access: "read",
      query: usageQuery,
      answer: peerUsagePageAnswer,
    }),
    read,
    async (c) => {
      const q = queryParams(c, usageQuery);
      const ctx = onThisNode(q.network);
      const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      const trades = await peerTrades(ctx.db, ctx.network, q.agentIdentifier, {
        limit: q.limit,
        cursor,
      });
      const meters = await tradeMeters(ctx.db, ctx.network, trades);
      const records = await usageRecordsFor(
        ctx.db,
        ctx.network,
        trades.map((t) => t.blockchainIdentifier),
        PEER_PAGE_RECORDS_MAX,
      );
      const byIdentifier = new Map<string, UsageRecordView[]>();
      for (const rec of records) {
        const list = byIdentifier.get(rec.blockchainIdentifier) ?? [];
        list.push(usageRecordView(rec));
        byIdentifier.set(rec.blockchainIdentifier, list);
      }
      const last = trades[trades.length - 1];
      return c.json({
        status: "success",
        data: {
          Usage: trades.map((t) =>
            usageRow(t, meters.get(tradeKey(t))!, byIdentifier.get(t.blockchainIdentifier) ?? []),
          ),
          recordsTruncated: records.length === PEER_PAGE_RECORDS_MAX,
          nextCursor:
            trades.length < q.limit || last === undefined ? null : encodeCursor(cursorAfter(last)),
        },
      });
    },
  );
  return r;
}
