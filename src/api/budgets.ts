/**
 * `/api/v1/budgets`: the buyer's spending limits (see services/budgets.ts). The admin sets
 * budgets on any key or on the whole node; a key with the pay permission may set budgets on
 * itself and delete those it set, never one the admin set on it. Listing shows each budget
 * with its current UTC period and what that period has spent and has left.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network, text } from "./fields.ts";
import { integerString, unit } from "./metered-fields.ts";
import type { Network } from "../chain/network.ts";
import { leftOf } from "../domain/budget-check.ts";
import { BUDGET_PERIODS, periodEndMs } from "../domain/budget-period.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import {
  BudgetError,
  budgetsIn,
  createBudget,
  deleteBudget,
  type BudgetRow,
  withSpend,
} from "../services/budgets.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { jsonBody, parseOr400, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { budgetAnswer, deletedBudgetAnswer } from "./answers/budget.ts";

const createBody = z
  .object({
    network,
    apiKeyId: text(250).min(1, { error: "must not be empty" }).nullable().optional(),
    agentIdentifier: text(250).nullable().optional(),
    period: z.enum(BUDGET_PERIODS, { error: `must be one of ${BUDGET_PERIODS.join(", ")}` }),
    unit,
    limitAmount: integerString(0n),
    perRequestCeiling: integerString(0n).nullable().optional(),
  })
  .strict();
const listQuery = z.object({ network });
const idParam = z.object({ id: text(100).min(1, { error: "must not be empty" }) });

const STATUS = { invalid: 400, forbidden: 403, notFound: 404, conflict: 409 } as const;
const WIRE_NETWORK = { preprod: "Preprod", mainnet: "Mainnet" } as const;

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BudgetError) throw new ApiError(STATUS[err.kind], err.message, err.field);
    throw err;
  }
}

/** A budget on the wire: amounts and times (unix ms) as integer strings. */
function budgetView(b: BudgetRow & { periodStartMs: number; spentAmount: bigint }) {
  const end = periodEndMs(b.period, b.periodStartMs);
  return {
    id: b.id,
    network: WIRE_NETWORK[b.network],
    apiKeyId: b.apiKeyId,
    agentIdentifier: b.agentIdentifier,
    period: b.period,
    unit: b.unit,
    limitAmount: b.limitAmount.toString(),
    perRequestCeiling: b.perRequestCeiling?.toString() ?? null,
    periodStart: String(b.periodStartMs),
    periodEnd: end === null ? null : String(end),
    spentAmount: b.spentAmount.toString(),
    remainingAmount: leftOf(b).toString(),
    createdBy: b.createdById,
    createdAt: String(b.createdAtMs),
  };
}

/** The key a new budget limits: the admin picks any (none for the node), a key only itself. */
function budgetKey(requested: string | null | undefined, caller: string, isAdmin: boolean) {
  if (isAdmin) return requested ?? null;
  if (requested === undefined || requested === caller) return caller;
  throw new ApiError(403, "apiKeyId: a key may set budgets only on itself", "apiKeyId");
}

/** The budget routes; `ready` yields the node's context or throws a 503 while it starts. */
export function budgetRoutes(ready: () => AuthContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const checkNetwork = (n: Network) => {
    if (n !== ready().network)
      throw new ApiError(400, `network: this node runs on ${ready().network}`, "network");
  };

  r.post(
    "/budgets",
    documented({
      summary: "Set a spending limit on purchases, per period and unit",
      description:
        "The admin sets budgets on any key (`apiKeyId`) or on the whole node (none); a key with " +
        "the pay permission only on itself (403 otherwise). `agentIdentifier` narrows it to one " +
        "agent; `perRequestCeiling` caps what one purchase may lock.",
      tag: "Quotes and budgets",
      access: "pay",
      body: createBody,
      answer: budgetAnswer,
      errors: [409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, createBody);
      checkNetwork(body.network);
      const agentIdentifier =
        body.agentIdentifier === undefined || body.agentIdentifier === null
          ? null
          : normaliseAgentIdentifier(body.agentIdentifier);
      if (agentIdentifier === null && body.agentIdentifier) {
        const message = "agentIdentifier: must be a policy id followed by an asset name (hex)";
        throw new ApiError(400, message, "agentIdentifier");
      }
      const p = c.get("principal");
      const row = await answering(() =>
        createBudget(ready().db, {
          network: body.network,
          apiKeyId: budgetKey(body.apiKeyId, p.apiKeyId, p.canAdmin),
          agentIdentifier,
          period: body.period,
          unit: body.unit,
          limitAmount: body.limitAmount,
          perRequestCeiling: body.perRequestCeiling ?? null,
          createdById: p.apiKeyId,
          nowMs: nowMs(),
        }),
      );
      const [view] = await withSpend(ready().db, [row], nowMs());
      return c.json({ status: "success", data: budgetView(view!) });
    },
  );

  r.get(
    "/budgets",
    documented({
      summary: "The budgets that limit this key, with their current period's spend",
      description: "A key sees its own budgets and the node's; the admin sees every budget.",
      tag: "Quotes and budgets",
      access: "read",
      query: listQuery,
      answer: z.object({ Budgets: z.array(budgetAnswer) }),
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, listQuery);
      checkNetwork(q.network);
      const p = c.get("principal");
      // A key sees the budgets that limit it: its own and the node's.
      const rows = await budgetsIn(ready().db, {
        network: q.network,
        apiKeyId: p.canAdmin ? undefined : p.apiKeyId,
      });
      const Budgets = (await withSpend(ready().db, rows, nowMs())).map(budgetView);
      return c.json({ status: "success", data: { Budgets } });
    },
  );

  r.delete(
    "/budgets/:id",
    documented({
      summary: "Delete a budget",
      description: "The admin deletes any; a key only the budgets it set (403 otherwise).",
      tag: "Quotes and budgets",
      access: "pay",
      answer: deletedBudgetAnswer,
      // 409: an Idempotency-Key sent again with another body.
      errors: [404, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const { id } = parseOr400(idParam, c.req.param(), "id");
      const p = c.get("principal");
      const caller = { apiKeyId: p.apiKeyId, isAdmin: p.canAdmin };
      const row = await answering(() => deleteBudget(ready().db, ready().network, id, caller));
      return c.json({ status: "success", data: { id: row.id, deletedAt: String(nowMs()) } });
    },
  );
  return r;
}
