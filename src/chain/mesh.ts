/**
 * Mesh adapters over the chain port, for `new MeshTxBuilder({ fetcher, submitter, evaluator })`
 * and MeshWallet. Unlike Mesh's own BlockfrostProvider, whose `fetchAddressUTxOs` answers []
 * on any error, these throw: an outage must never read as an empty wallet.
 */
import type {
  Action,
  IEvaluator,
  IFetcher,
  ISubmitter,
  Protocol,
  TransactionInfo,
  UTxO,
} from "@meshsdk/core";
import {
  createScriptRefResolver,
  fromMeshUtxo,
  toMeshCostModels,
  toMeshProtocol,
  toMeshTag,
  toMeshUtxo,
} from "./mesh-convert.ts";
import { loadMesh } from "./mesh-lib.ts";
import { SLOT_CONFIGS, type Network } from "./network.ts";
import type {
  AssetReader,
  CostModels,
  ProtocolParamsReader,
  ScriptReader,
  TxEvaluator,
  TxReader,
  TxSubmitter,
  UtxoReader,
} from "./port.ts";

/** What the Mesh fetcher reads through. */
export type MeshFetcherPort = UtxoReader &
  TxReader &
  ProtocolParamsReader &
  ScriptReader &
  AssetReader;

/** The fetcher methods escrowd does not need; they throw rather than guess. */
const UNSUPPORTED = [
  "fetchAccountInfo",
  "fetchAddressTxs",
  "fetchAssetAddresses",
  "fetchBlockInfo",
  "fetchCollectionAssets",
  "fetchGovernanceProposal",
  "get",
] as const;

function unsupported(name: string) {
  return async (): Promise<never> => {
    throw new Error(`${name} is not supported by escrowd's chain port`);
  };
}

/** An `IFetcher` over the port; every failure throws. */
export function createMeshFetcher(
  port: MeshFetcherPort,
  { rememberTxs = false }: { rememberTxs?: boolean } = {},
): IFetcher {
  const resolveScriptRef = createScriptRefResolver(port);
  // Mesh asks for the same transaction's outputs (and the cost models) on every attempt at a
  // batch size; for one build (a short-lived fetcher) the answers cannot change, so they are
  // asked once.
  const remembered = new Map<string, NonNullable<Awaited<ReturnType<typeof port.txUtxos>>>>();
  const txUtxos = async (hash: string) => {
    const known = remembered.get(hash);
    if (known) return known;
    const t = await port.txUtxos(hash);
    if (t !== null && rememberTxs) remembered.set(hash, t);
    return t;
  };

  let params: ReturnType<typeof port.protocolParams> | undefined;
  const protocolParams = () => {
    if (!rememberTxs) return port.protocolParams();
    params ??= port.protocolParams();
    return params;
  };

  const fetchUTxOs = async (hash: string, index?: number): Promise<UTxO[]> => {
    const t = await txUtxos(hash);
    if (t === null) throw new Error(`transaction ${hash} not found on chain`);
    const outputs = t.outputs.filter((o) => index === undefined || o.outputIndex === index);
    return Promise.all(
      outputs.map(async (o) => toMeshUtxo(hash, o, await resolveScriptRef(o.referenceScriptHash))),
    );
  };

  const fetchProtocolParameters = async (epoch?: number): Promise<Protocol> => {
    const p = await protocolParams();
    // The port reads the current epoch only; a past epoch's parameters would be a different answer.
    if (epoch !== undefined && !Number.isNaN(epoch) && epoch !== p.epoch) {
      throw new Error(
        `protocol parameters of epoch ${epoch} are not available (current ${p.epoch})`,
      );
    }
    return toMeshProtocol(p);
  };

  const fetchTxInfo = async (hash: string): Promise<TransactionInfo> => {
    const [info, t] = await Promise.all([port.tx(hash), port.txUtxos(hash)]);
    if (info === null || t === null) throw new Error(`transaction ${hash} not found on chain`);
    return {
      index: info.txIndex,
      block: info.blockHash,
      hash,
      slot: info.slot.toString(),
      fees: info.feesLovelace.toString(),
      size: info.sizeBytes,
      deposit: info.depositLovelace.toString(),
      invalidBefore: info.invalidBeforeSlot?.toString() ?? "",
      invalidAfter: info.invalidHereafterSlot?.toString() ?? "",
      inputs: t.inputs.map((i) => toMeshUtxo(i.txHash, i, undefined)),
      outputs: t.outputs.map((o) => toMeshUtxo(hash, o, undefined)),
      blockHeight: info.blockHeight,
      blockTime: Math.floor(info.blockTimeMs / 1000),
    };
  };

  const fetcher = {
    async fetchAddressUTxOs(address: string, asset?: string): Promise<UTxO[]> {
      const utxos = await port.utxos(address, asset === undefined ? {} : { asset });
      return Promise.all(
        utxos.map(async (u) =>
          toMeshUtxo(u.txHash, u, await resolveScriptRef(u.referenceScriptHash)),
        ),
      );
    },
    fetchUTxOs,
    fetchProtocolParameters,
    async fetchCostModels(): Promise<number[][]> {
      return toMeshCostModels(await protocolParams());
    },
    fetchTxInfo,
    async fetchAssetMetadata(asset: string) {
      const a = await port.asset(asset);
      if (a === null) throw new Error(`asset ${asset} not found on chain`);
      return {
        ...a.onchainMetadata,
        fingerprint: a.fingerprint,
        totalSupply: a.quantity.toString(),
        mintingTxHash: a.initialMintTxHash,
        mintCount: a.mintOrBurnCount,
      } as unknown as Awaited<ReturnType<IFetcher["fetchAssetMetadata"]>>;
    },
  };
  const rest = Object.fromEntries(UNSUPPORTED.map((name) => [name, unsupported(name)]));
  return { ...rest, ...fetcher } as IFetcher;
}

/** An `ISubmitter` over the port: rejections throw `TxRejectedError`. */
export function createMeshSubmitter(port: TxSubmitter): ISubmitter {
  return { submitTx: (tx) => port.submitTx(tx) };
}

/**
 * An `IEvaluator` that asks the backend (Blockfrost's `utils/txs/evaluate/utxos`). MeshTxBuilder
 * calls its evaluator for every transaction; one without redeemers is answered here without a
 * request, which keeps plain payments at zero evaluation requests.
 */
export function createMeshEvaluator(port: TxEvaluator): IEvaluator {
  return {
    async evaluateTx(tx: string, additionalUtxos: UTxO[] = [], additionalTxs: string[] = []) {
      const { core } = await loadMesh();
      const redeemers = core.deserializeTx(tx).witnessSet().redeemers()?.values() ?? [];
      if (redeemers.length === 0) return [];
      const { outputsOfTx } = await import("./tx-outputs.ts");
      // Mesh passes chained transactions' outputs both ways at times; send each output once.
      const byRef = new Map<string, UTxO>();
      for (const u of [...additionalUtxos, ...additionalTxs.flatMap(outputsOfTx)]) {
        byRef.set(`${u.input.txHash}#${u.input.outputIndex}`, u);
      }
      const budgets = await port.evaluateTx(tx, [...byRef.values()].map(fromMeshUtxo));
      return budgets.map((b): Omit<Action, "data"> => ({
        tag: toMeshTag(b.purpose),
        index: b.index,
        budget: { mem: Number(b.mem), steps: Number(b.steps) },
      }));
    },
  };
}

/**
 * An `IEvaluator` that runs the scripts locally with Scalus (Mesh's `OfflineEvaluatorScalus`),
 * resolving inputs through `fetcher`. Pass the chain's cost models so budgets match its ledger.
 */
export async function createOfflineEvaluator(
  fetcher: IFetcher,
  network: Network,
  costModels?: CostModels,
): Promise<IEvaluator> {
  const { core } = await loadMesh();
  const c = SLOT_CONFIGS[network];
  return new core.OfflineEvaluatorScalus(
    fetcher,
    network,
    { zeroTime: c.zeroTimeMs, zeroSlot: c.zeroSlot, slotLength: c.slotLengthMs },
    costModels && [costModels.plutusV1, costModels.plutusV2, costModels.plutusV3],
  );
}

/**
 * What `new MeshTxBuilder({ params })` and `.setCostModels(costModels)` need, read once. Setting
 * the cost models up front matters: when fetching them fails, MeshTxBuilder logs a warning and
 * builds with its built-in defaults instead of failing.
 */
export async function readMeshBuildParams(
  port: ProtocolParamsReader,
): Promise<{ params: Protocol; costModels: number[][] }> {
  const p = await port.protocolParams();
  return { params: toMeshProtocol(p), costModels: toMeshCostModels(p) };
}
