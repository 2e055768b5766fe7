/** The ledger's public result types, its block limits, and what it is built from. */
import type { BlockLog } from "./block-log.ts";
import type { ChainIndex } from "./chain-index.ts";
import type { ChainClock } from "./clock.ts";
import type { GenesisParams } from "./genesis.ts";
import type { BlockLimits } from "./mempool.ts";
import { PROTOCOL } from "./params.ts";

export interface Tip {
  height: number;
  hash: string;
  slot: number;
  timeMs: number;
  epoch: number;
}

export interface RollbackResult {
  tip: Tip;
  removedTxHashes: string[];
  /** Rolled-back or pending transactions that are back in the mempool. */
  requeuedTxHashes: string[];
  /** Pending (or rolled-back) transactions no longer valid on the new chain. */
  droppedTxHashes: string[];
}

/** What one block may hold (the protocol's limits; at most 1,000 transactions). */
export const BLOCK_LIMITS: BlockLimits = {
  bodySizeBytes: PROTOCOL.maxBlockBodySizeBytes,
  exMem: PROTOCOL.maxBlockExMem,
  exSteps: PROTOCOL.maxBlockExSteps,
  txsMax: 1000,
};

/** What the ledger is built from; see ledger-open.ts. */
export interface LedgerParts {
  genesis: GenesisParams;
  clock: ChainClock;
  blockLog: BlockLog;
  index: ChainIndex;
  mempoolCapacity: number;
  /** Saves what the block log does not hold: chain time's offset and pending transactions. */
  persist: (state: { timeOffsetMs: number; mempool: string[] }) => void;
  log: (line: string) => void;
}
