/**
 * What the main thread and a build thread (build-thread.ts) exchange: the thread's start data,
 * a task and its result, and the chain methods a build reads through the main thread. Kept
 * apart from the thread's code so that the main thread, which imports these, does not import
 * the builders' and the wallets' Mesh code with them (src/chain/mesh-lib.ts).
 */
import type { MessagePort } from "node:worker_threads";
import type { BuildInput, BuildOutcome } from "../chain/builders/types.ts";
import type { EscrowFacts } from "../chain/escrow/deployment.ts";
import type { MeshFetcherPort } from "../chain/mesh.ts";
import type { Network } from "../chain/network.ts";
import type { TxEvaluator } from "../chain/port.ts";
import type { SealedWallet } from "../services/wallet-keys.ts";

/** What every task of a thread shares, given when the thread starts. */
export interface BuildThreadData {
  network: Network;
  facts: EscrowFacts;
  adminKeyHashes: string[];
  encryptionKeyHex: string;
}

/** The part of a build's input that travels to the thread (the rest is made there). */
export type PortableBuildInput = Omit<BuildInput, "fetcher" | "evaluator" | "db">;

export interface BuildTask {
  kind: string;
  input: PortableBuildInput;
  wallet: SealedWallet;
  /** The thread's line to the main thread for this task; closed when the task ends. */
  port: MessagePort;
}

export interface BuildResult {
  outcome: BuildOutcome;
}

/** The chain methods a build reads through (see createMeshFetcher and createMeshEvaluator). */
export const CHAIN_METHODS = [
  "utxos",
  "tx",
  "txUtxos",
  "protocolParams",
  "script",
  "asset",
  "evaluateTx",
] as const satisfies readonly (keyof (MeshFetcherPort & TxEvaluator))[];
