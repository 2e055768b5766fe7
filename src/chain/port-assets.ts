/**
 * The chain port's native-asset capabilities (re-exported by port.ts): one asset by unit, and
 * for indexers (the agent-registry explorer) who holds an asset, how it was minted and burned,
 * and which assets a policy minted.
 */

export interface AssetInfo {
  unit: string;
  policyId: string;
  assetNameHex: string;
  fingerprint: string;
  quantity: bigint;
  initialMintTxHash: string;
  mintOrBurnCount: number;
  /**
   * CIP-25 (label 721) or CIP-68 metadata as the backend decoded it; for CIP-25, that of the
   * latest transaction minting the asset with label 721 (an update re-mints with new metadata).
   */
  onchainMetadata: Record<string, unknown> | null;
}

/** Reads native assets. */
export interface AssetReader {
  /** The asset, or null when it was never minted. */
  asset(unit: string): Promise<AssetInfo | null>;
}

/** An address whose unspent outputs hold an asset, and how much of it they hold together. */
export interface AssetHolder {
  address: string;
  quantity: bigint;
}

/** One mint or burn of an asset. `amount` is positive; `action` gives the direction. */
export interface AssetHistoryEntry {
  txHash: string;
  action: "minted" | "burned";
  amount: bigint;
}

/** An asset minted under a policy, with its current supply (0 once wholly burned). */
export interface PolicyAsset {
  unit: string;
  quantity: bigint;
}

export interface AssetHistoryQuery {
  /**
   * The hash of the last entry the caller has seen: only later entries are returned. When it
   * is not in the history (rolled back, or never there) the read throws `ChainCheckpointError`.
   */
  since?: string;
}

/**
 * Reads an asset's holders and mint history and a policy's assets. Every read takes all pages
 * up to the implementation's page bound and throws `ChainLimitError` when it is reached, since
 * a partial answer would pass for the whole. An asset or policy the chain never saw has none.
 */
export interface AssetHoldersReader {
  /** Addresses holding `unit` now, oldest holding first; [] once it is wholly burned. */
  assetHolders(unit: string): Promise<AssetHolder[]>;
  /** Mints and burns of `unit`, oldest first. */
  assetHistory(unit: string, query?: AssetHistoryQuery): Promise<AssetHistoryEntry[]>;
  /** Every asset ever minted under `policyId` (burned ones at 0), in first-mint order. */
  policyAssets(policyId: string): Promise<PolicyAsset[]>;
}
