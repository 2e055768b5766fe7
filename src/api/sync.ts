/**
 * `/api/v1/{payment,purchase,registry}/count` and `…/diff` (read), the peer's counts and
 * incremental sync. A diff answers the rows changed at or after `lastUpdate` (ISO 8601 or unix
 * ms), oldest change first, at most `limit`; the next page passes the last row's id as
 * `cursorId` with the same `lastUpdate`. escrowd keeps one change time per row, so the three
 * payment (and purchase) diffs answer the same rows: any change of state, result or next action
 * is a change of that time. Inclusive where the peer says "after", so that rows changed in the
 * same millisecond as the last one seen are never missed.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { network, pageSize, stringBoolean, text } from "./fields.ts";
import { parseTimeMs } from "../domain/payment-times.ts";
import {
  changedSince,
  countOf,
  DIFF_PAGE_MAX,
  paymentsInOrder,
  purchasesInOrder,
  registrationsInOrder,
  SyncError,
  type SyncKind,
} from "../services/subject-sync.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { entryViews } from "./registry-view.ts";
import { paymentViews, purchaseViews } from "./subject-views.ts";
import { queryParams } from "./validate.ts";
import { documented, type RouteDoc } from "./openapi/route-doc.ts";
import {
  countAnswer,
  paymentDiffAnswer,
  purchaseDiffAnswer,
  registryDiffAnswer,
} from "./answers/sync.ts";

/** What the sync routes need of the node beyond authentication. */
export interface SyncRoutesContext extends AuthContext {
  policyId: string;
  escrowAddress?: string;
}

const sourceFilters = {
  filterSmartContractAddress: text(250).optional(),
  filterPaymentSourceType: z
    .enum(["Web3CardanoV1", "Web3CardanoV2"], { error: "must be Web3CardanoV1 or Web3CardanoV2" })
    .optional(),
};

const countQuery = z.object({
  network,
  filterNeedsManualAction: stringBoolean.optional(),
  ...sourceFilters,
});
const diffQuery = z.object({
  network,
  limit: pageSize(DIFF_PAGE_MAX, 10),
  cursorId: text(100).optional(),
  lastUpdate: text(40).default("1970-01-01T00:00:00.000Z"),
  includeHistory: stringBoolean.optional(),
  ...sourceFilters,
});

const TAGS = { payment: "Payments", purchase: "Purchases", registry: "Registry" } as const;
const PLURAL = { payment: "payments", purchase: "purchases", registry: "registrations" } as const;

const DIFF_ABOUT =
  "The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at " +
  "most `limit`. For the next page pass the last row's id as `cursorId` with the same " +
  "`lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the " +
  "millisecond of the last one seen are never missed.";

/** A diff route's documentation. */
const diffDoc = (kind: SyncKind, summary: string, answer: RouteDoc["answer"], more = "") =>
  documented({
    summary,
    description: `${DIFF_ABOUT}${more}`,
    tag: TAGS[kind],
    access: "read",
    query: diffQuery,
    answer,
    errors: [404],
  });

/** The sync routes; `ready` yields the node's context or throws a 503 while it starts. */
export function syncRoutes(ready: () => SyncRoutesContext): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const read = requirePermission("read", ready);
  /** False when the filters name a payment source that is not this node's escrow. */
  const ours = (q: z.output<typeof countQuery> | z.output<typeof diffQuery>): boolean => {
    const ctx = ready();
    if (q.network !== ctx.network)
      throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
    if (q.filterPaymentSourceType === "Web3CardanoV2") return false;
    return (
      q.filterSmartContractAddress === undefined ||
      q.filterSmartContractAddress === ctx.escrowAddress
    );
  };
  const changed = async (c: Context<AuthEnv>, kind: SyncKind) => {
    const q = queryParams(c, diffQuery);
    const since = parseTimeMs(q.lastUpdate);
    if (!since.ok) throw new ApiError(400, `lastUpdate ${since.message}`, "lastUpdate");
    const includeHistory = q.includeHistory === "true";
    if (!ours(q)) return { ids: [], includeHistory };
    try {
      const ids = await changedSince(ready().db, kind, q.network, {
        sinceMs: since.ms,
        cursorId: q.cursorId,
        limit: q.limit,
      });
      return { ids, includeHistory };
    } catch (err) {
      if (err instanceof SyncError) throw new ApiError(404, err.message, err.field);
      throw err;
    }
  };

  for (const kind of ["payment", "purchase", "registry"] as const) {
    r.get(
      `/${kind}/count`,
      documented({
        summary: `Count this network's ${PLURAL[kind]}`,
        description:
          "A filter naming another payment source than this node's escrow counts 0. " +
          "`filterNeedsManualAction=true` counts those whose latest escrow action failed " +
          "since they last changed (ignored for the registry).",
        tag: TAGS[kind],
        access: "read",
        query: countQuery,
        answer: countAnswer,
      }),
      read,
      async (c) => {
        const q = queryParams(c, countQuery);
        const total = ours(q)
          ? await countOf(ready().db, kind, q.network, {
              needsManualAction: q.filterNeedsManualAction === "true",
            })
          : 0;
        return c.json({ status: "success", data: { total } });
      },
    );
  }

  const SAME_ROWS = " escrowd keeps one change time per row: the three diffs answer the same rows.";
  const DIFF_SUMMARY = {
    "": "changed",
    "/next-action": "whose next action changed",
    "/onchain-state-or-result": "whose on-chain state or result changed",
  } as const;
  for (const route of ["", "/next-action", "/onchain-state-or-result"] as const) {
    const what = DIFF_SUMMARY[route];
    r.get(
      `/payment/diff${route}`,
      diffDoc("payment", `Payments ${what} since a time`, paymentDiffAnswer, SAME_ROWS),
      read,
      async (c) => {
        const { ids, includeHistory } = await changed(c, "payment");
        const rows = await paymentsInOrder(ready().db, ids);
        const Payments = await paymentViews(ready(), rows, { includeHistory });
        return c.json({ status: "success", data: { Payments } });
      },
    );
    r.get(
      `/purchase/diff${route}`,
      diffDoc("purchase", `Purchases ${what} since a time`, purchaseDiffAnswer, SAME_ROWS),
      read,
      async (c) => {
        const { ids, includeHistory } = await changed(c, "purchase");
        const rows = await purchasesInOrder(ready().db, ids);
        const Purchases = await purchaseViews(ready(), rows, { includeHistory });
        return c.json({ status: "success", data: { Purchases } });
      },
    );
  }
  r.get(
    "/registry/diff",
    diffDoc("registry", "This node's registrations changed since a time", registryDiffAnswer),
    read,
    async (c) => {
      const rows = await registrationsInOrder(ready().db, (await changed(c, "registry")).ids);
      return c.json({ status: "success", data: { Assets: await entryViews(ready().db, rows) } });
    },
  );
  return r;
}
