/**
 * The chain port: small capability interfaces, one per thing the node asks of the chain. Workers
 * and services depend on the capabilities they use (a watcher on `AddressHistoryReader` and
 * `TxStatusReader`, a builder on `UtxoReader` and `ProtocolParamsReader`), never on Blockfrost.
 *
 * Conventions: amounts are `bigint` in the smallest unit, POSIX times end in `Ms`, hashes and
 * CBOR are lowercase hex. "Not found" is `null` only where absence is a fact about the chain (a
 * transaction not in a block, an unknown asset); every other failure is a thrown `ChainError`.
 */
import type { Network } from "./network.ts";
import type { AssetHoldersReader, AssetReader } from "./port-assets.ts";

export type * from "./port-assets.ts";

/** Lovelace plus native assets, keyed by unit (policy id + asset name, hex). */
export interface Value {
  lovelace: bigint;
  assets: Readonly<Record<string, bigint>>;
}

/** An unspent output, or an output of a transaction as the chain recorded it. */
export interface TxOutput {
  address: string;
  value: Value;
  outputIndex: number;
  dataHash: string | null;
  inlineDatumCbor: string | null;
  referenceScriptHash: string | null;
}

/** An output that is still unspent, with the transaction that created it. */
export interface Utxo extends TxOutput {
  txHash: string;
}

export interface UtxoQuery {
  /** Only outputs holding this unit (policy id + asset name, hex). */
  asset?: string;
}

/** Reads the unspent outputs of an address. */
export interface UtxoReader {
  /**
   * All unspent outputs of `address` (every page, up to the implementation's page bound, which
   * throws `ChainLimitError` when reached). An address that never appeared on chain has none.
   */
  utxos(address: string, query?: UtxoQuery): Promise<Utxo[]>;
}

/** The cost models per Plutus version, as the ledger's ordered integer lists. */
export interface CostModels {
  plutusV1: number[];
  plutusV2: number[];
  plutusV3: number[];
}

/** The protocol parameters a transaction builder needs. */
export interface ProtocolParams {
  epoch: number;
  minFeePerByteLovelace: bigint;
  minFeeConstantLovelace: bigint;
  maxTxSizeBytes: number;
  maxBlockSizeBytes: number;
  maxBlockHeaderSizeBytes: number;
  maxValueSizeBytes: number;
  keyDepositLovelace: bigint;
  poolDepositLovelace: bigint;
  minPoolCostLovelace: bigint;
  coinsPerUtxoByteLovelace: bigint;
  /** Execution unit prices (lovelace per unit), rationals given as decimals by Blockfrost. */
  priceMem: number;
  priceStep: number;
  maxTxExMem: bigint;
  maxTxExSteps: bigint;
  maxBlockExMem: bigint;
  maxBlockExSteps: bigint;
  collateralPercent: number;
  maxCollateralInputs: number;
  minFeeRefScriptCostPerByte: number;
  protocolVersion: { major: number; minor: number };
  costModels: CostModels;
}

/** Reads the current protocol parameters. */
export interface ProtocolParamsReader {
  /** Parameters of the current epoch. */
  protocolParams(): Promise<ProtocolParams>;
}

/** Submits signed transactions. */
export interface TxSubmitter {
  /**
   * Submits a signed transaction (CBOR hex) and returns its hash. A ledger rejection throws
   * `TxRejectedError` with the ledger's reason; transport trouble throws another `ChainError`.
   */
  submitTx(txCborHex: string): Promise<string>;
}

/** Where a transaction sits in a block. */
export interface BlockPlace {
  blockHeight: number;
  blockHash: string;
  slot: number;
  blockTimeMs: number;
  txIndex: number;
}

/**
 * What the backend knows of a transaction now. `notFound` covers never seen, dropped from the
 * mempool and rolled back alike: only the caller's own history can tell those apart.
 */
export type TxStatus =
  | { kind: "pending" }
  | ({ kind: "confirmed" } & BlockPlace)
  /** In a block, but its scripts failed (phase 2): the collateral was taken, outputs not made. */
  | ({ kind: "failed" } & BlockPlace)
  | { kind: "notFound" };

/** Reads the status of a transaction by hash. */
export interface TxStatusReader {
  /** The current status of `txHash`. */
  txStatus(txHash: string): Promise<TxStatus>;
}

/** A position in the chain's total order of transactions: block height, then index in block. */
export interface Checkpoint {
  height: number;
  index: number;
}

/** A transaction that touched an address. */
export interface AddressTx {
  txHash: string;
  blockHeight: number;
  txIndex: number;
  blockTimeMs: number;
}

export interface AddressHistoryPage {
  /** Transactions strictly after the checkpoint asked for, in chain order. */
  txs: AddressTx[];
  /** The position of the last transaction returned, or the one asked for when none came. */
  checkpoint: Checkpoint | null;
  /** True when the bound of this call was reached and more transactions may follow. */
  more: boolean;
}

/** Reads the transactions of an address since a checkpoint, oldest first. */
export interface AddressHistoryReader {
  /**
   * Transactions touching `address` strictly after `since` (from the beginning when null), at
   * most `txsMax` of them; call again with the returned checkpoint while `more` is true.
   */
  addressTxsSince(
    address: string,
    since: Checkpoint | null,
    options?: { txsMax?: number },
  ): Promise<AddressHistoryPage>;
}

/** A block header, as much of it as the node needs. */
export interface BlockInfo {
  height: number;
  hash: string;
  slot: number;
  blockTimeMs: number;
  previousHash: string | null;
  confirmations: number;
}

/** Reads the latest block. */
export interface TipReader {
  /** The latest block the backend knows. */
  tip(): Promise<BlockInfo>;
}

/** Reads a block by hash or height. */
export interface BlockReader {
  /** The block, or null when no block has that hash or height (any more). */
  block(hashOrHeight: string | number): Promise<BlockInfo | null>;
}

/** A transaction in a block. */
export interface TxInfo extends BlockPlace {
  txHash: string;
  feesLovelace: bigint;
  depositLovelace: bigint;
  sizeBytes: number;
  invalidBeforeSlot: number | null;
  invalidHereafterSlot: number | null;
  /** False when its scripts failed and only the collateral was spent. */
  validContract: boolean;
}

/** An input of a transaction, with the output it spent. */
export interface TxInput extends TxOutput {
  txHash: string;
  collateral: boolean;
  reference: boolean;
}

export interface TxUtxos {
  txHash: string;
  inputs: TxInput[];
  outputs: (TxOutput & { collateral: boolean; consumedByTxHash: string | null })[];
}

/** One metadata entry of a transaction: its label and the JSON form of its value. */
export interface TxMetadataEntry {
  label: string;
  json: unknown;
}

/** Reads transactions in blocks by hash. */
export interface TxReader {
  /** The transaction, or null when no block holds it. */
  tx(txHash: string): Promise<TxInfo | null>;
  /** Its inputs and outputs, or null when no block holds it. */
  txUtxos(txHash: string): Promise<TxUtxos | null>;
  /** Its metadata ([] when it has none), or null when no block holds it. */
  txMetadata(txHash: string): Promise<TxMetadataEntry[] | null>;
}

export type ScriptInfo =
  | { hash: string; type: "plutusV1" | "plutusV2" | "plutusV3"; cborHex: string }
  | { hash: string; type: "timelock"; json: unknown };

/** Reads scripts by hash (needed to rebuild reference scripts held in UTxOs). */
export interface ScriptReader {
  /** The script, or null when the chain never saw it. */
  script(scriptHash: string): Promise<ScriptInfo | null>;
}

export type RedeemerPurpose = "spend" | "mint" | "cert" | "reward" | "vote" | "propose";

/** The execution budget one redeemer needs. */
export interface RedeemerBudget {
  purpose: RedeemerPurpose;
  index: number;
  mem: bigint;
  steps: bigint;
}

/** Computes the execution budgets of a transaction's scripts. */
export interface TxEvaluator {
  /**
   * Budgets per redeemer; `additionalUtxos` resolves inputs not yet on chain. A script failure
   * throws `TxEvaluationError` carrying the evaluator's account of it.
   */
  evaluateTx(txCborHex: string, additionalUtxos?: Utxo[]): Promise<RedeemerBudget[]>;
}

/** Requests made by a port, for metrics and for "requests per payment" in benchmarks. */
export interface ChainRequestStats {
  /** HTTP requests sent, retries included. */
  requestsTotal: number;
  /** Of those, how many were retries. */
  retriesTotal: number;
  /** Requests per endpoint template, e.g. `addresses/{address}/utxos`. */
  byEndpoint: Record<string, number>;
}

/** Every capability together: what one backend provides. */
export interface ChainPort
  extends
    UtxoReader,
    ProtocolParamsReader,
    TxSubmitter,
    TxStatusReader,
    AddressHistoryReader,
    TipReader,
    BlockReader,
    TxReader,
    AssetReader,
    AssetHoldersReader,
    ScriptReader,
    TxEvaluator {
  readonly network: Network;
  /** A snapshot of the request counters since the port was made. */
  stats(): ChainRequestStats;
}
