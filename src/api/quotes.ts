/**
 * `POST /api/v1/quote` and `POST /api/v1/preflight` (read permission): what a job of an agent
 * would cost this buyer, and whether this key's budgets allow it now. Both only read; a
 * purchase is where budgets are consumed (services/budget-spend.ts), by the same rule.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network, text } from "./fields.ts";
import { integerString, unitAmounts, usage } from "./metered-fields.ts";
import type { Network } from "../chain/network.ts";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import type { Amount } from "../domain/amounts.ts";
import { budgetRefusal, remainingAmounts } from "../domain/budget-check.ts";
import type { Usage } from "../domain/charge.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import { budgetsIn, withSpend } from "../services/budgets.ts";
import { quote, QuoteError, sheetForQuote, type SheetSource } from "../services/quotes.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { jsonBody } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { preflightAnswer, quoteAnswer } from "./answers/pricing.ts";

const sheetSource = {
  priceSheet: z.unknown().optional(),
  blockchainIdentifier: text(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX).min(1).optional(),
};
const agentIdentifier = text(250).min(1, { error: "must not be empty" });
const quoteBody = z
  .object({
    network,
    agentIdentifier,
    usage,
    ceiling: integerString(0n).optional(),
    ...sheetSource,
  })
  .strict();
const preflightBody = z
  .object({
    network,
    agentIdentifier,
    estimatedAmounts: unitAmounts(0n).optional(),
    usage: usage.optional(),
    ...sheetSource,
  })
  .strict();

const wire = (amounts: readonly Amount[]) =>
  amounts.map((a) => ({ unit: a.unit, amount: a.amount.toString() }));

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof QuoteError)
      throw new ApiError(err.kind === "notFound" ? 404 : 400, err.message, err.field);
    throw err;
  }
}

function agentOf(raw: string): string {
  const agent = normaliseAgentIdentifier(raw);
  if (agent === null) {
    const message = "agentIdentifier: must be a policy id followed by an asset name (hex)";
    throw new ApiError(400, message, "agentIdentifier");
  }
  return agent;
}

interface QuoteInput {
  network: Network;
  agentIdentifier: string;
  usage: Usage;
  ceiling?: bigint;
  source: SheetSource;
}

/** The quote routes; `ready` yields the node's context or throws a 503 while it starts. */
export function quoteRoutes(ready: () => AuthContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const checkNetwork = (n: Network) => {
    if (n !== ready().network)
      throw new ApiError(400, `network: this node runs on ${ready().network}`, "network");
  };
  const quoted = async (q: QuoteInput) => {
    const db = ready().db;
    const sheet = await sheetForQuote(db, q.network, q.agentIdentifier, q.source);
    return quote(db, { ...q, sheet });
  };

  r.post(
    "/quote",
    documented({
      summary: "What a job of an agent would cost, under its price sheet",
      description:
        "The sheet is the one given (`priceSheet`), the one of a purchase " +
        "(`blockchainIdentifier`), or the one this node publishes for the agent. Counts the " +
        "buyer's free calls left; `ceiling` caps the charge. Only reads.",
      tag: "Quotes and budgets",
      access: "read",
      body: quoteBody,
      answer: quoteAnswer,
      // 409: an Idempotency-Key sent again with another body.
      errors: [404, 409],
    }),
    requirePermission("read", ready),
    async (c) => {
      const body = await jsonBody(c, quoteBody);
      checkNetwork(body.network);
      const { priceSheet, blockchainIdentifier } = body;
      const q = await answering(() =>
        quoted({
          network: body.network,
          agentIdentifier: agentOf(body.agentIdentifier),
          usage: body.usage,
          ceiling: body.ceiling,
          source: { priceSheet, blockchainIdentifier },
        }),
      );
      const s = (n: bigint) => n.toString();
      return c.json({
        status: "success",
        data: {
          unit: q.unit,
          amount: s(q.amount),
          breakdown: q.breakdown.map((l) => ({
            item: l.item,
            quantity: s(l.quantity),
            price: s(l.price),
            per: s(l.per),
            millionths: s(l.millionths),
          })),
          freeCallsLeft: s(q.freeCallsLeft),
          freeQuotaApplied: s(q.freeQuotaApplied),
          minimumApplied: q.minimumApplied,
          capped: q.capped,
        },
      });
    },
  );

  r.post(
    "/preflight",
    documented({
      summary: "Whether this key's budgets allow a job of an agent now",
      description:
        "Give `estimatedAmounts`, or `usage` to be quoted as `POST /quote` does (not both). " +
        "Only reads: a purchase is where budgets are spent, by the same rule.",
      tag: "Quotes and budgets",
      access: "read",
      body: preflightBody,
      answer: preflightAnswer,
      // 409: an Idempotency-Key sent again with another body.
      errors: [404, 409],
    }),
    requirePermission("read", ready),
    async (c) => {
      const body = await jsonBody(c, preflightBody);
      checkNetwork(body.network);
      if ((body.estimatedAmounts === undefined) === (body.usage === undefined)) {
        const message = "estimatedAmounts: give either estimatedAmounts or usage (with a sheet)";
        throw new ApiError(400, message, "estimatedAmounts");
      }
      const agent = agentOf(body.agentIdentifier);
      const { priceSheet, blockchainIdentifier } = body;
      let estimated: Amount[] = body.estimatedAmounts ?? [];
      if (body.usage !== undefined) {
        const source = { priceSheet, blockchainIdentifier };
        const input = { network: body.network, agentIdentifier: agent, usage: body.usage, source };
        const q = await answering(() => quoted(input));
        estimated = [{ unit: q.unit, amount: q.amount }];
      }
      const db = ready().db;
      const scope = { network: body.network, apiKeyId: c.get("principal").apiKeyId };
      const budgets = await withSpend(
        db,
        await budgetsIn(db, { ...scope, agentIdentifier: agent }),
        nowMs(),
      );
      const refusal = budgetRefusal(budgets, estimated);
      return c.json({
        status: "success",
        data: {
          approved: refusal === undefined,
          ...(refusal ? { reason: refusal.reason, budgetId: refusal.budgetId } : {}),
          remainingAmounts: wire(remainingAmounts(budgets)),
          estimatedAmounts: wire(estimated),
        },
      });
    },
  );
  return r;
}
