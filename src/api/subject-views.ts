/**
 * Payments and purchases as the API shows them, a page at a time: the rows with their wallets,
 * their lock intents, their agents' labels, and NextAction following the latest escrow action
 * the node was asked for. One query per kind of lookup, whatever the page size. `ActionHistory`
 * is null unless asked for (`includeHistory`), as the peer answers.
 */
import type { Db } from "../db/client.ts";
import type { Network } from "../chain/network.ts";
import { actionNextAction, pendingActions } from "../services/pending-actions.ts";
import { metersOf } from "../services/escrow-meter.ts";
import type { IntentRow } from "../services/intents.ts";
import { type AgentLabel, agentLabels, latestLockIntents } from "../services/purchase-list.ts";
import type { PaymentRow } from "../services/payments.ts";
import type { PurchaseRow } from "../services/purchases.ts";
import { recentWallets, type WalletInfo, type WalletRole } from "../services/wallets.ts";
import { actionHistories } from "../services/action-history.ts";
import { paymentHistoryView, purchaseHistoryView } from "./action-history-view.ts";
import { paymentView, type PaymentSourceInfo } from "./payment-view.ts";
import { purchaseView } from "./purchase-view.ts";

export interface ViewContext extends PaymentSourceInfo {
  db: Db;
  network: Network;
}

/** What a caller asks of the views: the action history too (the peer's `includeHistory`). */
export interface ViewOptions {
  includeHistory?: boolean;
  /**
   * What the caller already holds for rows it has just written, in the same request: each
   * lookup given here is not read again. The answer is then the rows as written, as the rows
   * themselves are (a lock intent the submitter picks up a moment later shows as queued).
   */
  written?: WrittenLookups;
}

export interface WrittenLookups {
  /** No escrow action can be pending for a row this request created. */
  noPendingActions?: true;
  /** The lock intent queued with each purchase, by purchase id. */
  lockIntents?: ReadonlyMap<string, IntentRow>;
  /** The registry's label of each agent, as read to check the request. */
  agents?: ReadonlyMap<string, AgentLabel>;
}

/** The pending escrow action of each row, unless the caller knows there is none. */
async function pendingOf(ctx: ViewContext, ids: string[], opts: ViewOptions) {
  return opts.written?.noPendingActions ? new Map<string, never>() : pendingActions(ctx.db, ids);
}

/** The histories when asked for, else null for every row (the peer's answer without them). */
async function historiesOf(ctx: ViewContext, ids: string[], opts: ViewOptions) {
  return opts.includeHistory ? actionHistories(ctx.db, ids) : undefined;
}

/** The node's wallets of `role` by id, with every one of `ids` that exists. */
async function walletsById(ctx: ViewContext, role: WalletRole, ids: readonly string[]) {
  const has = (list: readonly WalletInfo[]) => ids.every((id) => list.some((w) => w.id === id));
  return new Map((await recentWallets(ctx.db, ctx.network, role, has)).map((w) => [w.id, w]));
}

/** The payments in the peer's shape. */
export async function paymentViews(
  ctx: ViewContext,
  rows: readonly PaymentRow[],
  opts: ViewOptions = {},
) {
  const sellers = await walletsById(
    ctx,
    "selling",
    rows.map((r) => r.sellingWalletId),
  );
  const pending = await pendingOf(
    ctx,
    rows.map((r) => r.id),
    opts,
  );
  const histories = await historiesOf(
    ctx,
    rows.map((r) => r.id),
    opts,
  );
  const meters = await metersOf(ctx.db, ctx.network, rows);
  return rows.map((row) => {
    const view = {
      ...paymentView(row, ctx, sellers.get(row.sellingWalletId), meters.get(row.id)),
      ActionHistory: histories ? paymentHistoryView(histories.get(row.id) ?? []) : null,
    };
    const next = actionNextAction(pending.get(row.id), row.updatedAtMs);
    return next === undefined ? view : { ...view, NextAction: next };
  });
}

/** The purchases in the peer's shape. */
export async function purchaseViews(
  ctx: ViewContext,
  rows: readonly PurchaseRow[],
  opts: ViewOptions = {},
) {
  const ids = rows.map((r) => r.id);
  const buyers = await walletsById(
    ctx,
    "purchasing",
    rows.map((r) => r.purchasingWalletId),
  );
  const locks = opts.written?.lockIntents ?? (await latestLockIntents(ctx.db, ids));
  const pending = await pendingOf(ctx, ids, opts);
  const scope = { network: ctx.network, policyId: ctx.policyId };
  const agents =
    opts.written?.agents ??
    (await agentLabels(
      ctx.db,
      scope,
      rows.map((r) => r.agentIdentifier),
    ));
  const histories = await historiesOf(ctx, ids, opts);
  const meters = await metersOf(ctx.db, ctx.network, rows);
  return rows.map((row) => {
    const view = {
      ...purchaseView(row, ctx, {
        wallet: buyers.get(row.purchasingWalletId),
        lockIntent: locks.get(row.id),
        agent: agents.get(row.agentIdentifier),
        meter: meters.get(row.id),
      }),
      ActionHistory: histories ? purchaseHistoryView(histories.get(row.id) ?? []) : null,
    };
    const next = actionNextAction(pending.get(row.id), row.updatedAtMs);
    if (next === undefined) return view;
    const { requestedAction, errorType, errorNote, waitUntil } = next;
    const wait = waitUntil === undefined ? {} : { waitUntil };
    return { ...view, NextAction: { requestedAction, errorType, errorNote, ...wait } };
  });
}
