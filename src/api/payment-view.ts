/**
 * How a payment request looks on the wire: the peer's (Masumi's) `Payment` shape, times as
 * strings of unix ms, amounts as integer strings with lovelace as the empty unit. Additive:
 * `tierName`, `state` (ours, finer than `onChainState`), `escrowReference` and `meter` (the
 * escrow's books, src/services/escrow-meter.ts).
 */
import type { Network } from "../chain/network.ts";
import { parseWireAmounts, toWireAmounts } from "../domain/amounts.ts";
import { type PaymentState, toMasumiOnChainState } from "../domain/escrow-states.ts";
import { escrowMeter, type Meter } from "../services/escrow-meter.ts";
import type { PaymentRow } from "../services/payments.ts";
import type { WalletInfo } from "../services/wallets.ts";

/** What the view needs besides the row: where the escrow lives. */
export interface PaymentSourceInfo {
  network: Network;
  policyId: string;
  /** The escrow's address, when the node was given it. */
  escrowAddress?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const WIRE_NETWORK = { preprod: "Preprod", mainnet: "Mainnet" } as const;

/** The peer's `PaymentSource`: the escrow a payment or purchase is locked in. */
export function paymentSourceView(source: PaymentSourceInfo) {
  return {
    id: `escrow-${source.network}`,
    network: WIRE_NETWORK[source.network],
    paymentSourceType: "Web3CardanoV1",
    smartContractAddress: source.escrowAddress ?? null,
    policyId: source.policyId,
  };
}

/** The seller's next step as the peer names it; later states belong to the workers. */
function nextAction(state: PaymentState): string {
  return state === "WaitingForFunds" ? "WaitingForExternalAction" : "None";
}

/** Stored amounts back to the wire, lovelace as "" like the peer. */
function requestedFunds(row: PaymentRow) {
  const read = parseWireAmounts(JSON.parse(row.amounts), "amounts");
  // The row was written from signed terms; anything else is a corrupted row.
  if (!read.ok) throw new Error(`payment ${row.id}: stored amounts unreadable: ${read.message}`);
  return toWireAmounts(read.amounts, { lovelaceUnit: "" });
}

/** One payment in the peer's shape. */
export function paymentView(
  row: PaymentRow,
  source: PaymentSourceInfo,
  wallet?: WalletInfo,
  meter?: Meter,
) {
  const state = row.state as PaymentState;
  return {
    id: row.id,
    createdAt: iso(row.createdAtMs),
    updatedAt: iso(row.updatedAtMs),
    blockchainIdentifier: row.blockchainIdentifier,
    agentIdentifier: row.agentIdentifier,
    agentName: row.agentName,
    pricingType: row.pricingType,
    tierName: row.tierName,
    lastCheckedAt: null,
    payByTime: String(row.payByTimeMs),
    submitResultTime: String(row.submitResultTimeMs),
    unlockTime: String(row.unlockTimeMs),
    externalDisputeUnlockTime: String(row.externalDisputeUnlockTimeMs),
    collateralReturnLovelace: null,
    buyerReturnAddress: null,
    sellerReturnAddress: wallet?.address ?? null,
    requestedById: row.requestedById,
    resultHash: row.resultHash,
    inputHash: row.inputHash,
    identifierFromPurchaser: row.identifierFromPurchaser,
    escrowReference: row.escrowReference,
    escrowId: row.escrowId,
    invalidReason: row.invalidReason,
    state,
    onChainState: toMasumiOnChainState(state),
    NextAction: {
      requestedAction: nextAction(state),
      errorType: null,
      errorNote: null,
      resultHash: null,
    },
    nextActionLastChangedAt: iso(row.updatedAtMs),
    onChainStateOrResultLastChangedAt: iso(row.updatedAtMs),
    nextActionOrOnChainStateOrResultLastChangedAt: iso(row.updatedAtMs),
    totalBuyerCardanoFees: 0,
    totalSellerCardanoFees: 0,
    cooldownTime: 0,
    cooldownTimeOtherParty: 0,
    CurrentTransaction: null,
    TransactionHistory: [],
    RequestedFunds: requestedFunds(row),
    WithdrawnForSeller: [],
    WithdrawnForBuyer: [],
    PaymentSource: paymentSourceView(source),
    BuyerWallet: null,
    // The seller's vkey, which the peer's agent servers read from this answer.
    sellerVKey: wallet?.paymentKeyHash ?? null,
    SmartContractWallet: wallet
      ? { id: wallet.id, walletVkey: wallet.paymentKeyHash, walletAddress: wallet.address }
      : null,
    metadata: row.metadata,
    meter: meter ?? escrowMeter([], null, row),
  };
}
