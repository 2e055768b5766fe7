/**
 * The node's wallets, low-balance rules and transfers in the peer's (Masumi's) shapes. A wallet
 * answer never carries its mnemonic: the node keeps it sealed, so `Secret` is never present and
 * `POST /wallet` writes a notice where the peer writes the mnemonic.
 */
import type { FundTransfer } from "../services/fund-transfers.ts";
import type { RuleRow } from "../services/low-balance.ts";
import type { WalletInfo, WalletRole } from "../services/wallets.ts";

/** What `walletMnemonic` holds in escrowd's answers: the mnemonic stays sealed on the node. */
export const SEALED_MNEMONIC = "sealed: escrowd never returns a wallet's mnemonic";

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const WALLET_TYPES = {
  Selling: "selling",
  Purchasing: "purchasing",
  Funding: "funding",
} as const;
const TYPE_OF: Record<WalletRole, keyof typeof WALLET_TYPES> = {
  selling: "Selling",
  purchasing: "Purchasing",
  funding: "Funding",
};

/** The peer's `PaymentSource.id` of this node's one escrow on a network. */
export const paymentSourceId = (network: string) => `escrow-${network}`;

/** One rule as the peer lists it (without its wallet, as inside `Wallet.LowBalanceRules`). */
export function ruleView(rule: RuleRow) {
  return {
    id: rule.id,
    assetUnit: rule.assetUnit,
    thresholdAmount: rule.thresholdAmount.toString(),
    enabled: rule.enabled,
    // Escrowd never tops a wallet up on its own: money moves only by an operator's transfer.
    topupEnabled: false,
    topupAmount: null,
    status: rule.status,
    lastKnownAmount: rule.lastKnownAmount === null ? null : rule.lastKnownAmount.toString(),
    lastCheckedAt: isoOrNull(rule.lastCheckedAtMs),
    lastAlertedAt: isoOrNull(rule.lastAlertedAtMs),
  };
}

/** One rule with its wallet, the peer's `/wallet/low-balance` item. */
export function ruleWithWalletView(rule: RuleRow, wallet: WalletInfo) {
  return {
    ...ruleView(rule),
    walletId: wallet.id,
    walletVkey: wallet.paymentKeyHash,
    walletAddress: wallet.address,
    walletType: TYPE_OF[wallet.role],
    paymentSourceId: paymentSourceId(wallet.network),
    network: wallet.network === "mainnet" ? "Mainnet" : "Preprod",
  };
}

/** `LowBalanceSummary`: Low when an enabled rule's last check found it Low. */
export function lowBalanceSummary(rules: readonly RuleRow[]) {
  const enabled = rules.filter((r) => r.enabled);
  const low = enabled.filter((r) => r.status === "Low");
  const checked = enabled.flatMap((r) => (r.lastCheckedAtMs === null ? [] : [r.lastCheckedAtMs]));
  return {
    isLow: low.length > 0,
    lowRuleCount: low.length,
    lastCheckedAt: checked.length ? new Date(Math.max(...checked)).toISOString() : null,
  };
}

/** The peer's `WalletListItem`. */
export function walletListItemView(wallet: WalletInfo, rules: readonly RuleRow[]) {
  return {
    id: wallet.id,
    paymentSourceId: paymentSourceId(wallet.network),
    type: TYPE_OF[wallet.role],
    walletVkey: wallet.paymentKeyHash,
    walletAddress: wallet.address,
    // Withdrawn and refunded funds stay in the wallet itself; there is no collection address.
    collectionAddress: null,
    note: wallet.note,
    LowBalanceSummary: lowBalanceSummary(rules),
  };
}

/** The peer's `Wallet` (without `Secret`, which escrowd never answers). */
export function walletView(wallet: WalletInfo, rules: readonly RuleRow[]) {
  return {
    id: wallet.id,
    type: TYPE_OF[wallet.role],
    // Escrowd's submitter batches a wallet's work; it never holds a wallet for one transaction.
    PendingTransaction: null,
    note: wallet.note,
    walletVkey: wallet.paymentKeyHash,
    walletAddress: wallet.address,
    collectionAddress: null,
    LowBalanceSummary: lowBalanceSummary(rules),
    LowBalanceRules: rules.map(ruleView),
  };
}

/** The peer's `GeneratedWalletSecret`, with the notice in place of the mnemonic. */
export function createdWalletView(wallet: WalletInfo) {
  return {
    id: wallet.id,
    type: TYPE_OF[wallet.role],
    walletMnemonic: SEALED_MNEMONIC,
    walletAddress: wallet.address,
    walletVkey: wallet.paymentKeyHash,
  };
}

/** The peer's `WalletFundTransfer`. */
export function transferView(t: FundTransfer) {
  return {
    id: t.intent.id,
    status: t.status,
    txHash: t.txHash,
    fromWalletAddress: t.walletAddress,
    toAddress: t.payload.address,
    lovelaceAmount: t.payload.lovelace,
    assets: t.payload.assets.length ? t.payload.assets : null,
    createdAt: new Date(t.intent.createdAtMs).toISOString(),
    updatedAt: new Date(t.intent.updatedAtMs).toISOString(),
    lastCheckedAt: isoOrNull(t.lastCheckedAtMs),
    errorNote: t.intent.lastError,
  };
}
