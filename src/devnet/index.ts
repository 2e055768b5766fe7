/**
 * The devnet: an offline Cardano ledger (the scalus Emulator) behind Blockfrost's HTTP API,
 * with blocks, a faucet, time control, rollbacks and fault injection.
 */
import { keepAliveLong } from "../keep-alive.ts";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  BLOCK_INTERVAL_MS_DEFAULT,
  defaultEmptyBlockIntervalMs,
  startBlockProducer,
  type BlockProducer,
} from "./block-producer.ts";
import { FaultInjector } from "./http/faults.ts";
import type { DevnetLedger } from "./ledger.ts";
import { openLedger } from "./ledger-open.ts";
import { BLOCKFROST_PREFIX, createDevnetApp } from "./server.ts";

export type { DevnetLedger, TimeMove } from "./ledger.ts";
export { defaultEmptyBlockIntervalMs } from "./block-producer.ts";
export { openLedger, type LedgerOptions } from "./ledger-open.ts";
export type { RollbackResult, Tip } from "./ledger-types.ts";
export type { FaucetRequest } from "./faucet.ts";
export type { TxConfirmation } from "./waiters.ts";
export type { FaultConfig } from "./http/faults.ts";
export { DEVNET_USDM_UNIT } from "./genesis.ts";
export {
  DevnetRequestError,
  MempoolFullError,
  TxDecodeError,
  TxRejectedError,
  WaitTimeoutError,
} from "./errors.ts";

export interface DevnetOptions {
  /** Where the ledger is kept (block log + state); without it the devnet lives in memory. */
  dataDir?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** How often a non-empty mempool becomes a block (default 1000 ms, at least 10). */
  blockIntervalMs?: number;
  /**
   * How long the chain may stay without a block before an empty one is made, like a real
   * chain's idle blocks (0: never). Default 20 block intervals, at least 1000 ms.
   */
  emptyBlockIntervalMs?: number;
  /** Transactions the mempool holds before submissions get 425 (default 10,000). */
  mempoolCapacity?: number;
  log?: (line: string) => void;
  /** Where the chain clock keeps its offset (shared when another thread reads chain time). */
  clockCell?: BigInt64Array;
}

export interface RunningDevnet {
  /** The root, e.g. http://127.0.0.1:PORT; the devnet's own routes are under `/devnet`. */
  url: string;
  /** `url` + "/api/v0": give this to any Blockfrost client. */
  blockfrostUrl: string;
  ledger: DevnetLedger;
  /** The fault settings of the Blockfrost API (also settable at POST /devnet/faults). */
  faults: FaultInjector;
  /** Stops the block producer, saves the mempool, closes the server and the log. */
  close(): Promise<void>;
}

/** Opens the ledger in `dataDir` (or in memory) and serves it over HTTP. */
export async function startDevnet(opts: DevnetOptions = {}): Promise<RunningDevnet> {
  const log = opts.log ?? (() => undefined);
  const host = opts.host ?? "127.0.0.1";
  const ledger = await openLedger({
    dataDir: opts.dataDir,
    mempoolCapacity: opts.mempoolCapacity,
    log,
    clockCell: opts.clockCell,
  });
  const blockIntervalMs = opts.blockIntervalMs ?? BLOCK_INTERVAL_MS_DEFAULT;
  const emptyBlockIntervalMs =
    opts.emptyBlockIntervalMs ?? defaultEmptyBlockIntervalMs(blockIntervalMs);
  let producer: BlockProducer;
  try {
    producer = startBlockProducer(ledger, { blockIntervalMs, emptyBlockIntervalMs }, log);
  } catch (error) {
    ledger.close();
    throw error;
  }
  const faults = new FaultInjector();
  const app = createDevnetApp(ledger, faults, log);
  let server: ReturnType<typeof serve>;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? 0 }, resolve);
    keepAliveLong(server);
    server.once("error", reject);
  }).catch((error: unknown) => {
    producer.stop();
    ledger.close();
    throw error;
  });
  const hostInUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${hostInUrl}:${address.port}`;
  log(`devnet: serving ${url}${BLOCKFROST_PREFIX}`);
  let closed: Promise<void> | undefined;
  return {
    url,
    blockfrostUrl: url + BLOCKFROST_PREFIX,
    ledger,
    faults,
    close() {
      closed ??= (async () => {
        producer.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold close() open; the devnet has no long requests.
          if ("closeAllConnections" in server) server.closeAllConnections();
        });
        ledger.close();
      })();
      return closed;
    },
  };
}
