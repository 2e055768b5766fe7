/**
 * The chain port over Blockfrost's HTTP API: one implementation for the devnet, preprod and
 * mainnet, which differ only in base URL, project id and network.
 */
import { readAssetHistory, readAssetHolders, readPolicyAssets } from "./blockfrost-assets.ts";
import { BlockfrostCalls, RequestCounter, type BlockfrostConnection } from "./blockfrost-client.ts";
import { parseEvaluation, toOgmiosUtxo } from "./blockfrost-evaluate.ts";
import {
  toAssetInfo,
  toBlockInfo,
  toProtocolParams,
  toTxInfo,
  toTxUtxos,
} from "./blockfrost-map.ts";
import { readAllUtxos, readHistorySince } from "./blockfrost-paging.ts";
import {
  ChainHttpError,
  ChainResponseError,
  TxEvaluationError,
  TxRejectedError,
} from "./errors.ts";
import { assertAddress, assertBlockRef, assertHex } from "./inputs.ts";
import type { Network } from "./network.ts";
import type {
  AddressHistoryPage,
  AssetHistoryEntry,
  AssetHistoryQuery,
  AssetHolder,
  AssetInfo,
  BlockInfo,
  ChainPort,
  ChainRequestStats,
  Checkpoint,
  PolicyAsset,
  ProtocolParams,
  RedeemerBudget,
  ScriptInfo,
  TxInfo,
  TxMetadataEntry,
  TxStatus,
  TxUtxos,
  Utxo,
  UtxoQuery,
} from "./port.ts";

export interface ChainLimits {
  /** Pages of 100 read for one address's UTxOs before `ChainLimitError`. */
  utxoPagesMax: number;
  /** Default and ceiling of `txsMax` in one `addressTxsSince` call. */
  historyTxsDefault: number;
  historyTxsMax: number;
  /** Pages of 100 read for one asset's holders or mint history before `ChainLimitError`. */
  assetPagesMax: number;
  /** Pages of 100 read for one policy's assets before `ChainLimitError`. */
  policyPagesMax: number;
}

export const DEFAULT_CHAIN_LIMITS: ChainLimits = {
  utxoPagesMax: 20,
  historyTxsDefault: 100,
  historyTxsMax: 1_000,
  assetPagesMax: 20,
  policyPagesMax: 50,
};

export interface BlockfrostChainOptions extends BlockfrostConnection {
  limits?: Partial<ChainLimits>;
  /** Share one counter between ports to count a whole node's requests. */
  counter?: RequestCounter;
  /**
   * Ask `mempool/{hash}` about transactions not yet in a block, to tell `pending` from
   * `notFound` (Blockfrost knows only transactions submitted through it). Default true.
   */
  mempoolLookup?: boolean;
}

/** Makes the chain port for one Blockfrost-compatible backend. */
export function createBlockfrostChain(options: BlockfrostChainOptions): ChainPort {
  return new BlockfrostChain(options);
}

/** The whole port under the name the node wires it by. */
export type { ChainPort as Chain } from "./port.ts";
export { RequestCounter };

class BlockfrostChain implements ChainPort {
  readonly network: Network;
  private readonly calls: BlockfrostCalls;
  private readonly limits: ChainLimits;
  private readonly mempoolLookup: boolean;

  constructor(options: BlockfrostChainOptions) {
    this.network = options.network;
    this.calls = new BlockfrostCalls(options, options.counter);
    this.limits = { ...DEFAULT_CHAIN_LIMITS, ...options.limits };
    this.mempoolLookup = options.mempoolLookup ?? true;
  }

  stats(): ChainRequestStats {
    return this.calls.counter.snapshot();
  }

  async utxos(address: string, query: UtxoQuery = {}): Promise<Utxo[]> {
    assertAddress(address, this.network);
    if (query.asset !== undefined) assertHex("asset", query.asset);
    return readAllUtxos(this.calls, address, query.asset, this.limits.utxoPagesMax);
  }

  async addressTxsSince(
    address: string,
    since: Checkpoint | null,
    { txsMax = this.limits.historyTxsDefault }: { txsMax?: number } = {},
  ): Promise<AddressHistoryPage> {
    assertAddress(address, this.network);
    if (!Number.isInteger(txsMax) || txsMax < 1 || txsMax > this.limits.historyTxsMax) {
      throw new RangeError(`txsMax must be 1..${this.limits.historyTxsMax}, got ${txsMax}`);
    }
    return readHistorySince(this.calls, address, since, txsMax);
  }

  async protocolParams(): Promise<ProtocolParams> {
    const endpoint = "epochs/latest/parameters";
    return toProtocolParams(
      endpoint,
      await this.calls.call(endpoint, (api) => api.epochsLatestParameters()),
    );
  }

  async tip(): Promise<BlockInfo> {
    const endpoint = "blocks/latest";
    return toBlockInfo(endpoint, await this.calls.call(endpoint, (api) => api.blocksLatest()));
  }

  async block(hashOrHeight: string | number): Promise<BlockInfo | null> {
    assertBlockRef(hashOrHeight);
    const endpoint = "blocks/{hash_or_number}";
    const b = await this.calls.lookup(endpoint, (api) => api.blocks(hashOrHeight));
    return b === null ? null : toBlockInfo(endpoint, b);
  }

  async tx(txHash: string): Promise<TxInfo | null> {
    assertHex("txHash", txHash, 64);
    const t = await this.calls.lookup("txs/{hash}", (api) => api.txs(txHash));
    return t === null ? null : toTxInfo("txs/{hash}", t);
  }

  async txStatus(txHash: string): Promise<TxStatus> {
    const info = await this.tx(txHash);
    if (info !== null) {
      const { blockHeight, blockHash, slot, blockTimeMs, txIndex } = info;
      const place = { blockHeight, blockHash, slot, blockTimeMs, txIndex };
      return info.validContract ? { kind: "confirmed", ...place } : { kind: "failed", ...place };
    }
    if (!this.mempoolLookup) return { kind: "notFound" };
    const inMempool = await this.calls.lookup("mempool/{hash}", (api) => api.mempoolTx(txHash));
    return inMempool === null ? { kind: "notFound" } : { kind: "pending" };
  }

  async txUtxos(txHash: string): Promise<TxUtxos | null> {
    assertHex("txHash", txHash, 64);
    const t = await this.calls.lookup("txs/{hash}/utxos", (api) => api.txsUtxos(txHash));
    return t === null ? null : toTxUtxos("txs/{hash}/utxos", t);
  }

  async txMetadata(txHash: string): Promise<TxMetadataEntry[] | null> {
    assertHex("txHash", txHash, 64);
    const m = await this.calls.lookup("txs/{hash}/metadata", (api) => api.txsMetadata(txHash));
    return m === null ? null : m.map((e) => ({ label: e.label, json: e.json_metadata }));
  }

  async asset(unit: string): Promise<AssetInfo | null> {
    assertHex("unit", unit);
    const a = await this.calls.lookup("assets/{asset}", (api) => api.assetsById(unit));
    return a === null ? null : toAssetInfo("assets/{asset}", a);
  }

  async assetHolders(unit: string): Promise<AssetHolder[]> {
    assertHex("unit", unit);
    return readAssetHolders(this.calls, unit, this.limits.assetPagesMax);
  }

  async assetHistory(
    unit: string,
    { since }: AssetHistoryQuery = {},
  ): Promise<AssetHistoryEntry[]> {
    assertHex("unit", unit);
    if (since !== undefined) assertHex("since", since, 64);
    return readAssetHistory(this.calls, unit, since, this.limits.assetPagesMax);
  }

  async policyAssets(policyId: string): Promise<PolicyAsset[]> {
    assertHex("policyId", policyId, 56);
    return readPolicyAssets(this.calls, policyId, this.limits.policyPagesMax);
  }

  async script(scriptHash: string): Promise<ScriptInfo | null> {
    assertHex("scriptHash", scriptHash, 56);
    const s = await this.calls.lookup("scripts/{hash}", (api) => api.scriptsByHash(scriptHash));
    if (s === null) return null;
    if (s.type === "timelock") {
      const j = await this.calls.call("scripts/{hash}/json", (api) => api.scriptsJson(scriptHash));
      return { hash: scriptHash, type: "timelock", json: j.json };
    }
    const c = await this.calls.call("scripts/{hash}/cbor", (api) => api.scriptsCbor(scriptHash));
    if (c.cbor === null) throw new ChainResponseError("scripts/{hash}/cbor", "cbor is null");
    return { hash: scriptHash, type: s.type, cborHex: c.cbor };
  }

  async submitTx(txCborHex: string): Promise<string> {
    assertHex("txCborHex", txCborHex);
    let ambiguous = false;
    try {
      const hash = await this.calls.call(
        "tx/submit",
        (api) => api.txSubmit(txCborHex),
        () => (ambiguous = true),
      );
      if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
        throw new ChainResponseError(
          "tx/submit",
          `not a transaction hash: ${JSON.stringify(hash)}`,
        );
      }
      return hash;
    } catch (error) {
      // Blockfrost answers 400 with the node's (or the devnet ledger's) reason for a refusal.
      if (error instanceof ChainHttpError && error.statusCode === 400) {
        throw new TxRejectedError(error.detail, ambiguous);
      }
      throw error;
    }
  }

  async evaluateTx(txCborHex: string, additionalUtxos: Utxo[] = []): Promise<RedeemerBudget[]> {
    assertHex("txCborHex", txCborHex);
    const set = additionalUtxos.map(toOgmiosUtxo);
    try {
      const body = await this.calls.call("utils/txs/evaluate/utxos", (api) =>
        // The client's parameter type is narrower than the Ogmios shapes the endpoint takes.
        api.utilsTxsEvaluateUtxos(txCborHex, set as never),
      );
      return parseEvaluation(body);
    } catch (error) {
      // A 400 here is about the transaction (undecodable, unresolvable inputs), not the link.
      if (error instanceof ChainHttpError && error.statusCode === 400) {
        throw new TxEvaluationError({ statusCode: 400, message: error.detail, body: error.body });
      }
      throw error;
    }
  }
}
