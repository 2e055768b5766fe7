/**
 * Payments and purchases as the API shows them, a page at a time: the rows with their wallets,
 * their lock intents, their agents' labels, and NextAction following the latest escrow action
 * the node was asked for. One query per kind of lookup, whatever the page size.
 */
import type { Db } from "../db/client.ts";
import type { Network } from "../chain/network.ts";
import { actionNextAction, pendingActions } from "../services/escrow-actions.ts";
import { agentLabels, latestLockIntents } from "../services/purchase-list.ts";
import type { PaymentRow } from "../services/payments.ts";
import type { PurchaseRow } from "../services/purchases.ts";
import { listWallets } from "../services/wallets.ts";
import { paymentView, type PaymentSourceInfo } from "./payment-view.ts";
import { purchaseView } from "./purchase-view.ts";

export interface ViewContext extends PaymentSourceInfo {
  db: Db;
  network: Network;
}

/** The payments in the peer's shape. */
export async function paymentViews(ctx: ViewContext, rows: readonly PaymentRow[]) {
  const sellers = new Map(
    (await listWallets(ctx.db, ctx.network, "selling")).map((w) => [w.id, w]),
  );
  const pending = await pendingActions(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const view = paymentView(row, ctx, sellers.get(row.sellingWalletId));
    const next = actionNextAction(pending.get(row.id), row.updatedAtMs);
    return next === undefined ? view : { ...view, NextAction: next };
  });
}

/** The purchases in the peer's shape. */
export async function purchaseViews(ctx: ViewContext, rows: readonly PurchaseRow[]) {
  const ids = rows.map((r) => r.id);
  const buyers = new Map(
    (await listWallets(ctx.db, ctx.network, "purchasing")).map((w) => [w.id, w]),
  );
  const locks = await latestLockIntents(ctx.db, ids);
  const pending = await pendingActions(ctx.db, ids);
  const scope = { network: ctx.network, policyId: ctx.policyId };
  const agents = await agentLabels(
    ctx.db,
    scope,
    rows.map((r) => r.agentIdentifier),
  );
  return rows.map((row) => {
    const view = purchaseView(row, ctx, {
      wallet: buyers.get(row.purchasingWalletId),
      lockIntent: locks.get(row.id),
      agent: agents.get(row.agentIdentifier),
    });
    const next = actionNextAction(pending.get(row.id), row.updatedAtMs);
    if (next === undefined) return view;
    const { requestedAction, errorType, errorNote, waitUntil } = next;
    const wait = waitUntil === undefined ? {} : { waitUntil };
    return { ...view, NextAction: { requestedAction, errorType, errorNote, ...wait } };
  });
}
