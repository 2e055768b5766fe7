/** What the chain index holds: confirmed blocks, transactions, outputs and assets. */
import type { Cip25Entry } from "./metadata.ts";
import type { ParsedOutput, ParsedTx } from "./types.ts";

export interface IndexedBlock {
  height: number;
  hash: string;
  prevHash: string | null;
  slot: number;
  timeMs: number;
  epoch: number;
  epochSlot: number;
  txHashes: string[];
  sizeBytes: number;
  feesLovelace: bigint;
  /** Sum of the lovelace of every output in the block. */
  outputLovelace: bigint;
}

export interface IndexedTx {
  parsed: ParsedTx;
  blockHeight: number;
  blockHash: string;
  indexInBlock: number;
  slot: number;
  timeMs: number;
  depositLovelace: bigint;
  /** The script each redeemer runs (same order as `parsed.redeemers`); "" when unknown. */
  redeemerScriptHashes: string[];
  isGenesis: boolean;
}

export interface IndexedOutput extends ParsedOutput {
  txHash: string;
  index: number;
  blockHeight: number;
  blockHash: string;
  txIndex: number;
  /** The transaction that spent this output, once it is spent. */
  spentBy: string | null;
}

export interface AssetInfo {
  unit: string;
  policyId: string;
  assetNameHex: string;
  quantity: bigint;
  initialMintTxHash: string;
  mintOrBurnCount: number;
}

/** One mint (positive quantity) or burn (negative) of an asset by a transaction. */
export interface AssetMint {
  txHash: string;
  quantity: bigint;
}

/** An address holding an asset in its unspent outputs, and how much of it. */
export interface AssetHolder {
  address: string;
  quantity: bigint;
}

/** Where a transaction sits in the chain: an address's or an asset's history entry. */
export interface AddressTxEntry {
  txHash: string;
  blockHeight: number;
  txIndex: number;
  timeMs: number;
}

export type { Cip25Entry };
