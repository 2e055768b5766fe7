/**
 * How a purchase looks on the wire: the peer's (Masumi's) `Purchase` shape, times as strings of
 * unix ms, amounts as integer strings with lovelace as the empty unit. Additive: `state` (ours,
 * finer than `onChainState`), `escrowReference`, `escrowId`, `invalidReason` and `meter` (the
 * escrow's books, src/services/escrow-meter.ts).
 */
import { parseWireAmounts, toWireAmounts } from "../domain/amounts.ts";
import { type PaymentState, toMasumiOnChainState } from "../domain/escrow-states.ts";
import { escrowMeter, type Meter } from "../services/escrow-meter.ts";
import type { IntentRow } from "../services/intents.ts";
import type { AgentLabel } from "../services/purchase-list.ts";
import type { PurchaseRow } from "../services/purchases.ts";
import type { WalletInfo } from "../services/wallets.ts";
import { paymentSourceView, type PaymentSourceInfo } from "./payment-view.ts";

/** What the view shows beside the row, each read for a whole page at once. */
export interface PurchaseExtras {
  /** The purchasing wallet that locks. */
  wallet?: WalletInfo;
  /** The purchase's latest `escrow_lock` intent. */
  lockIntent?: IntentRow;
  agent?: AgentLabel;
  /** The escrow's books; without it, the books of an escrow not yet locked. */
  meter?: Meter;
}

export interface PurchaseNextAction {
  requestedAction: string;
  errorType: "Unknown" | null;
  errorNote: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const AWAITING_OTHERS: readonly PaymentState[] = [
  "FundsLocked",
  "ResultSubmitted",
  "RefundRequested",
  "Disputed",
  "RefundAuthorized",
];

/**
 * The buyer's next step in the peer's names. Before funds are seen, it follows the lock intent
 * (a queued one shows why it waits, if the submitter said); later steps belong to the workers.
 */
export function purchaseNextAction(
  state: PaymentState,
  lockIntent?: Pick<IntentRow, "status" | "lastError">,
): PurchaseNextAction {
  const action = (requestedAction: string, errorNote: string | null = null) => ({
    requestedAction,
    errorType: null,
    errorNote,
  });
  if (state === "WaitingForFunds" && lockIntent !== undefined) {
    switch (lockIntent.status) {
      case "queued":
        return action("FundsLockingRequested", lockIntent.lastError);
      case "in_tx":
        return action("FundsLockingInitiated");
      case "failed":
        return { ...action("FundsLockingRequested", lockIntent.lastError), errorType: "Unknown" };
      case "done":
        return action("WaitingForExternalAction");
    }
  }
  return action(AWAITING_OTHERS.includes(state) ? "WaitingForExternalAction" : "None");
}

/** The lock's transaction in the peer's shape, once the submitter has built one. */
function currentTransaction(intent: IntentRow | undefined) {
  if (intent?.txHash == null || (intent.status !== "in_tx" && intent.status !== "done")) {
    return null;
  }
  return {
    id: intent.txHash,
    createdAt: iso(intent.createdAtMs),
    updatedAt: iso(intent.updatedAtMs),
    txHash: intent.txHash,
    status: intent.status === "done" ? "Confirmed" : "Pending",
    fees: null,
    blockHeight: null,
    blockTime: null,
    previousOnChainState: null,
    newOnChainState: "FundsLocked",
    // escrowd does not follow a confirmed lock's depth; the watcher handles rollbacks itself.
    confirmations: null,
  };
}

/** Stored amounts back to the wire, lovelace as "" like the peer. */
function paidFunds(row: PurchaseRow) {
  const read = parseWireAmounts(JSON.parse(row.amounts), "amounts");
  // The row was written from signed terms; anything else is a corrupted row.
  if (!read.ok) throw new Error(`purchase ${row.id}: stored amounts unreadable: ${read.message}`);
  return toWireAmounts(read.amounts, { lovelaceUnit: "" });
}

/** One purchase in the peer's shape. */
export function purchaseView(row: PurchaseRow, source: PaymentSourceInfo, extras: PurchaseExtras) {
  const state = row.state as PaymentState;
  const { wallet, lockIntent, agent, meter } = extras;
  const nextActionChangedMs = Math.max(row.updatedAtMs, lockIntent?.updatedAtMs ?? 0);
  return {
    id: row.id,
    createdAt: iso(row.createdAtMs),
    updatedAt: iso(row.updatedAtMs),
    blockchainIdentifier: row.blockchainIdentifier,
    agentIdentifier: row.agentIdentifier,
    agentName: agent?.name ?? null,
    pricingType: agent?.pricingType ?? null,
    lastCheckedAt: null,
    payByTime: String(row.payByTimeMs),
    submitResultTime: String(row.submitResultTimeMs),
    unlockTime: String(row.unlockTimeMs),
    externalDisputeUnlockTime: String(row.externalDisputeUnlockTimeMs),
    totalBuyerCardanoFees: 0,
    totalSellerCardanoFees: 0,
    nextActionOrOnChainStateOrResultLastChangedAt: iso(nextActionChangedMs),
    nextActionLastChangedAt: iso(nextActionChangedMs),
    onChainStateOrResultLastChangedAt: iso(row.updatedAtMs),
    requestedById: row.requestedById,
    onChainState: toMasumiOnChainState(state),
    collateralReturnLovelace: null,
    buyerReturnAddress: wallet?.address ?? null,
    sellerReturnAddress: row.sellerAddress,
    cooldownTime: 0,
    cooldownTimeOtherParty: 0,
    inputHash: row.inputHash,
    resultHash: row.resultHash,
    identifierFromPurchaser: row.identifierFromPurchaser,
    escrowReference: row.escrowReference,
    escrowId: row.escrowId,
    invalidReason: row.invalidReason,
    state,
    NextAction: purchaseNextAction(state, lockIntent),
    CurrentTransaction: currentTransaction(lockIntent),
    TransactionHistory: [],
    PaidFunds: paidFunds(row),
    WithdrawnForSeller: [],
    WithdrawnForBuyer: [],
    PaymentSource: paymentSourceView(source),
    // The seller's wallet is not one of ours: its key hash is the only id it has.
    SellerWallet: {
      id: row.sellerVkey,
      walletVkey: row.sellerVkey,
      walletAddress: row.sellerAddress,
    },
    SmartContractWallet: wallet
      ? { id: wallet.id, walletVkey: wallet.paymentKeyHash, walletAddress: wallet.address }
      : null,
    metadata: row.metadata,
    meter: meter ?? escrowMeter([], null, row),
  };
}
