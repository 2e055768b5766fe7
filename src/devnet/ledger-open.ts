/**
 * Opening a ledger: read (or create) the state and the block log, rebuild the index by parsing
 * the log, build the emulator from the index's state, attach the faucet, re-admit the mempool
 * saved at the last close.
 */
import fs from "node:fs";
import { newMnemonic } from "../domain/wallet-derivation.ts";
import { memoryBlockLog, openBlockLog } from "./block-log.ts";
import { ChainClock } from "./clock.ts";
import { Faucet } from "./faucet.ts";
import { deriveFaucetKey, type FaucetKey } from "./faucet-key.ts";
import { DEFAULT_GENESIS } from "./genesis.ts";
import { buildIndex } from "./index-build.ts";
import { DevnetLedger } from "./ledger.ts";
import { readState, writeState, type DevnetState } from "./state-file.ts";

export interface LedgerOptions {
  /** Where the ledger is kept; without it the ledger lives in memory only. */
  dataDir?: string;
  log?: (line: string) => void;
  /** Transactions the mempool may hold before submissions get 425 (default 10,000). */
  mempoolCapacity?: number;
  /** The wall clock, replaceable in tests. */
  wallClockMs?: () => number;
  /** Where the chain clock keeps its offset (shared when another thread reads chain time). */
  clockCell?: BigInt64Array;
}

export const MEMPOOL_CAPACITY_DEFAULT = 10_000;

/** Opens the ledger in `dataDir` (creating it on first use), or a fresh in-memory one. */
export async function openLedger(opts: LedgerOptions = {}): Promise<DevnetLedger> {
  const log = opts.log ?? (() => undefined);
  const wallClockMs = opts.wallClockMs ?? Date.now;
  const dir = opts.dataDir;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  let state = dir ? readState(dir) : undefined;
  // The faucet's key is derived once here (PBKDF2 is slow), for both a new genesis and the faucet.
  const key = await deriveFaucetKey(state?.faucetMnemonic ?? newMnemonic());
  if (!state) {
    state = freshState(wallClockMs(), key);
    if (dir) writeState(dir, state);
    log(`devnet: new ledger${dir ? ` in ${dir}` : " in memory"}`);
  }
  const blockLog = dir ? openBlockLog(dir) : memoryBlockLog();
  const saved: DevnetState = state;
  const ledger = new DevnetLedger({
    genesis: saved.genesis,
    clock: new ChainClock(saved.timeOffsetMs, wallClockMs, opts.clockCell),
    blockLog,
    index: buildIndex(saved.genesis, blockLog.blocks),
    mempoolCapacity: opts.mempoolCapacity ?? MEMPOOL_CAPACITY_DEFAULT,
    persist: ({ timeOffsetMs, mempool }) => {
      if (dir) writeState(dir, { ...saved, timeOffsetMs, mempool });
    },
    log,
  });
  ledger.attachFaucet(
    new Faucet(key, {
      utxos: (address) => ledger.emulatorUnspent(address),
      submit: (cbor) => ledger.submit(cbor),
    }),
  );
  // The saved list stays on disk until the next save: after a crash it is simply re-admitted
  // again, and whatever reached a block meanwhile is refused and dropped.
  ledger.requeue(saved.mempool);
  return ledger;
}

function freshState(nowMs: number, key: FaucetKey): DevnetState {
  return {
    version: 1,
    faucetMnemonic: key.mnemonic,
    genesis: {
      createdAtMs: nowMs,
      faucetAddress: key.address,
      utxoCount: DEFAULT_GENESIS.utxoCount,
      lovelacePerUtxo: DEFAULT_GENESIS.lovelacePerUtxo.toString(),
      usdmPerUtxo: DEFAULT_GENESIS.usdmPerUtxo.toString(),
    },
    timeOffsetMs: 0,
    mempool: [],
  };
}
