/**
 * The devnet on a thread of its own: the embedded node's chain. The ledger emulator validates
 * every submitted transaction, evaluates its scripts and rebuilds blocks; on the node's main
 * thread that held up the API for hundreds of milliseconds at a time. Here the same devnet
 * (src/devnet/index.ts) runs on a worker thread and serves the same Blockfrost API on its own
 * port; the node reaches it over HTTP like any Blockfrost, reads chain time from a clock cell the
 * two threads share, and calls the few ledger operations it needs (the faucet, blocks, time) over
 * a MessagePort (src/thread-rpc.ts).
 */
import { startRpcThread } from "../thread-start.ts";
import { chainTimeMs, newClockCell } from "./clock.ts";
import type { FaultConfig } from "./http/faults.ts";
import type { DevnetOptions } from "./index.ts";
import type { DevnetLedger } from "./ledger.ts";

/** The ledger's operations callable from the node's thread. */
export const LEDGER_CALLS = [
  "faucet",
  "waitForTx",
  "produceBlock",
  "advanceTime",
  "advanceTimeTo",
  "tip",
  "mempoolSize",
  "mempoolTxHashes",
  "rollback",
] as const;
type LedgerCall = (typeof LEDGER_CALLS)[number];

/** The ledger seen from another thread: its calls answer asynchronously; chain time does not. */
export type RemoteLedger = {
  [K in LedgerCall]: (
    ...args: Parameters<DevnetLedger[K]>
  ) => Promise<Awaited<ReturnType<DevnetLedger[K]>>>;
} & { nowMs(): number };

export interface ThreadedDevnet {
  /** The root, e.g. http://127.0.0.1:PORT; the devnet's own routes are under `/devnet`. */
  url: string;
  /** `url` + "/api/v0": give this to any Blockfrost client. */
  blockfrostUrl: string;
  ledger: RemoteLedger;
  /** The fault settings of the Blockfrost API (also settable at POST /devnet/faults). */
  faults: { set(config: FaultConfig): Promise<void> };
  /** Stops the devnet (saving its mempool) and ends its thread. */
  close(): Promise<void>;
}

/** What the thread is given when it starts (besides its port). */
export interface DevnetThreadData {
  options: Omit<DevnetOptions, "log" | "clockCell">;
  clockCell: BigInt64Array;
}

/** What the thread tells when it serves. */
export interface DevnetWhere {
  url: string;
  blockfrostUrl: string;
}

/** Starts the devnet on a new thread; resolves once it serves its API. */
export async function startDevnetThread(opts: DevnetOptions = {}): Promise<ThreadedDevnet> {
  const log = opts.log ?? (() => undefined);
  const { log: _log, clockCell: _cell, ...options } = opts;
  const clockCell = newClockCell(true);
  const data: DevnetThreadData = { options, clockCell };
  const thread = await startRpcThread<DevnetWhere>(
    new URL("./thread-entry.mjs", import.meta.url),
    data,
    { side: "the devnet's thread", log },
  );
  let closed: Promise<void> | undefined;
  const callOpen = (name: string, ...args: unknown[]) =>
    closed === undefined
      ? thread.call(name, ...args)
      : Promise.reject(new Error("the devnet is closed"));
  const ledger = Object.fromEntries(
    LEDGER_CALLS.map((name) => [name, (...args: unknown[]) => callOpen(name, ...args)]),
  ) as Omit<RemoteLedger, "nowMs">;
  return {
    ...thread.ready,
    ledger: { ...ledger, nowMs: () => chainTimeMs(clockCell) },
    faults: { set: async (config) => void (await callOpen("setFaults", config)) },
    close() {
      closed ??= thread.close().catch((err: unknown) => {
        log(`devnet: closing on its thread failed: ${(err as Error).message}`);
      });
      return closed;
    },
  };
}
