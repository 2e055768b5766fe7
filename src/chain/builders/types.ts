/**
 * The contract between the submitter and the transaction builders: the submitter hands a
 * builder a batch of queued intents of its kind with everything the build needs; the builder
 * returns unsigned CBOR for as many of them as fit in one transaction. Builders do no I/O of
 * their own beyond the given fetcher and evaluator, and keep no state between calls.
 */
import type { IEvaluator, IFetcher, Protocol, UTxO } from "@meshsdk/core";
import type { Db } from "../../db/client.ts";
import type { Network } from "../network.ts";
import type { BlockInfo } from "../port.ts";

export interface BuildIntent {
  id: string;
  payload: unknown;
}

export interface BuildInput {
  /** Queued intents of the builder's kind for one wallet, oldest first. */
  intents: BuildIntent[];
  walletAddress: string;
  /** The wallet's spendable outputs: on chain, minus what its pending transactions spend, plus their change. */
  utxos: UTxO[];
  protocol: { params: Protocol; costModels: number[][] };
  tip: BlockInfo;
  /** The node's clock (chain time, POSIX ms), for windows that must not shrink with an old tip. */
  nowMs?: number;
  network: Network;
  fetcher: IFetcher;
  evaluator: IEvaluator;
  /** The submitter's open database transaction, for builders that read the node's records. */
  db: Db;
}

export interface BuiltTx {
  unsignedCbor: string;
  /** The intents this transaction carries out (a prefix or subset of those given). */
  intentIds: string[];
  /** The slot after which the transaction can no longer land. */
  invalidHereafterSlot: number;
  /**
   * The transaction signed by the wallet, when the build signed it too (a build on a build
   * thread does, where the work is: see src/workers/build-threads.ts); else the submitter signs.
   */
  signed?: SignedTx;
}

/** A transaction signed by its wallet, with what the submitter records of it. */
export interface SignedTx {
  cbor: string;
  txHash: string;
  /** The inputs it spends, as `txHash#index`. */
  spentInputs: string[];
  /** The outputs it pays to its wallet's own address (see `chainTxs.walletOutputs`). */
  walletOutputs: UTxO[];
}

export interface BuildOutcome {
  tx: BuiltTx | undefined;
  /** Intents that can never be built (bad payload, impossible request), with the reason. */
  rejected: { id: string; reason: string }[];
  /**
   * Why nothing could be built now although the intents may succeed later (for example no
   * collateral output yet): shown on the waiting intents, which stay queued.
   */
  waiting?: string;
  /** Intents that cannot be built before `untilMs` (chain time): queued again from then. */
  deferred?: { id: string; untilMs: number; reason: string }[];
}

export interface TxBuilder {
  kind: string;
  /** The most intents the submitter offers in one call. */
  batchMax: number;
  build(input: BuildInput): Promise<BuildOutcome>;
}
