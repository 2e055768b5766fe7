/**
 * Helpers for the shared chain port suite: fresh wallets wired to the port through the Mesh
 * adapters, bounded confirmation waits, and a builder preloaded with the chain's parameters.
 */
import { MeshTxBuilder, MeshWallet, type IEvaluator } from "@meshsdk/core";
import { networkId, type Network } from "../src/chain/network.ts";
import {
  createMeshEvaluator,
  createMeshFetcher,
  createMeshSubmitter,
  readMeshBuildParams,
} from "../src/chain/mesh.ts";
import type { ChainPort, TxStatus } from "../src/chain/port.ts";

/** What a backend under test provides to the suite. */
export interface ChainPortContext {
  port: ChainPort;
  network: Network;
  /** The stablecoin unit the backend's faucet or funding wallet can pay. */
  usdmUnit: string;
  /**
   * True when transactions wait in the mempool until `nextBlock()` makes a block (the devnet
   * driven by hand): the suite then insists on seeing `pending` before `confirmed`.
   */
  blocksOnDemand: boolean;
  /**
   * True when the backend serves `mempool/{hash}` (Blockfrost does), so a submitted transaction
   * reads `pending` before its block; without it, it reads `notFound` until then.
   */
  servesMempool: boolean;
  /** Pays `address` and returns the payment's hash once it is in a block. */
  fund(
    address: string,
    value: { lovelace: bigint; assets?: Record<string, bigint> },
  ): Promise<string>;
  /** Returns once the chain has at least one block more than before the call. */
  nextBlock(): Promise<void>;
  close(): Promise<void>;
}

/** Rounds of (look, then make or await a block) before a wait gives up. */
const CONFIRM_ROUNDS_MAX = 10;

/** Waits, a bounded number of blocks, until `txHash` is confirmed; returns its status. */
export async function waitConfirmed(ctx: ChainPortContext, txHash: string): Promise<TxStatus> {
  for (let round = 0; round < CONFIRM_ROUNDS_MAX; round++) {
    const status = await ctx.port.txStatus(txHash);
    if (status.kind === "confirmed" || status.kind === "failed") return status;
    await ctx.nextBlock();
  }
  throw new Error(`${txHash} not confirmed after ${CONFIRM_ROUNDS_MAX} blocks`);
}

/** A fresh wallet whose reads and submissions go through the port's Mesh adapters. */
export async function freshWallet(ctx: ChainPortContext) {
  const fetcher = createMeshFetcher(ctx.port);
  const submitter = createMeshSubmitter(ctx.port);
  const words = MeshWallet.brew() as string[];
  const wallet = new MeshWallet({
    networkId: networkId(ctx.network),
    fetcher,
    submitter,
    key: { type: "mnemonic", words },
  });
  await wallet.init();
  const address = await wallet.getChangeAddress();
  return { wallet, address, fetcher, submitter };
}

/** A MeshTxBuilder over the port, with the chain's parameters and cost models set up front. */
export async function builderFor(ctx: ChainPortContext, evaluator?: IEvaluator) {
  const { params, costModels } = await readMeshBuildParams(ctx.port);
  return new MeshTxBuilder({
    fetcher: createMeshFetcher(ctx.port),
    submitter: createMeshSubmitter(ctx.port),
    evaluator: evaluator ?? createMeshEvaluator(ctx.port),
    params,
  }).setCostModels(costModels);
}

/** The sum of one unit over some UTxOs ("lovelace" for ADA). */
export function total(
  utxos: { value: { lovelace: bigint; assets: Readonly<Record<string, bigint>> } }[],
  unit: string,
): bigint {
  return utxos.reduce(
    (sum, u) => sum + (unit === "lovelace" ? u.value.lovelace : (u.value.assets[unit] ?? 0n)),
    0n,
  );
}
