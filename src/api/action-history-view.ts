/**
 * `ActionHistory` in the peer's shape, for payments (the seller's actions) and purchases (the
 * buyer's). An action the peer has no name for on that side (a dispute resolution, a partial
 * release) is written `None`; the additive `action` field always names it.
 */
import type { HistoryItem } from "../services/action-history.ts";

const PAYMENT_ACTIONS = new Set(["SubmitResult", "Withdraw", "AuthorizeRefund"]);
const PURCHASE_ACTIONS = new Set([
  "FundsLocking",
  "SetRefundRequested",
  "UnSetRefundRequested",
  "WithdrawRefund",
  "AuthorizeWithdrawal",
]);

const iso = (ms: number) => new Date(ms).toISOString();

function requestedAction(item: HistoryItem, known: Set<string>): string {
  if (!known.has(item.peerName)) return "None";
  const sent = item.status === "in_tx" || item.status === "done";
  return `${item.peerName}${sent ? "Initiated" : "Requested"}`;
}

/** One payment's history. */
export function paymentHistoryView(items: readonly HistoryItem[]) {
  return items.map((item) => ({
    id: item.id,
    createdAt: iso(item.createdAtMs),
    updatedAt: iso(item.updatedAtMs),
    submittedTxHash: item.txHash,
    requestedAction: requestedAction(item, PAYMENT_ACTIONS),
    action: item.peerName,
    status: item.status,
    errorType: item.status === "failed" ? "Unknown" : null,
    errorNote: item.lastError,
    resultHash: item.resultHash,
  }));
}

/** One purchase's history. */
export function purchaseHistoryView(items: readonly HistoryItem[]) {
  return items.map((item) => ({
    id: item.id,
    createdAt: iso(item.createdAtMs),
    updatedAt: iso(item.updatedAtMs),
    submittedTxHash: item.txHash,
    requestedAction: requestedAction(item, PURCHASE_ACTIONS),
    action: item.peerName,
    status: item.status,
    errorType: item.status === "failed" ? "Unknown" : null,
    errorNote: item.lastError,
  }));
}
