/**
 * The submitter's build threads (piscina): `onThread(builder)` is the same builder, run on a
 * worker thread (src/workers/build-thread.ts) instead of the main thread, so that building and
 * signing a large batch never holds up the API. The thread's reads come back here
 * (src/thread-rpc.ts): the chain, the escrow locator within the submitter's database
 * transaction, and the escrow admins' signatures. Threads start with the first build and end
 * after a while without one, so a node at rest holds no second copy of the Cardano libraries.
 */
import { MessageChannel } from "node:worker_threads";
import { eq } from "drizzle-orm";
import { Piscina } from "piscina";
import { BUILD_THREAD_NICE } from "../thread-priority.ts";
import type { BuildOutcome, TxBuilder } from "../chain/builders/types.ts";
import type { EscrowAdmins } from "../chain/escrow/admins.ts";
import type { EscrowFacts } from "../chain/escrow/deployment.ts";
import type { EscrowLocator } from "../chain/escrow/locate.ts";
import type { MeshFetcherPort } from "../chain/mesh.ts";
import type { Network } from "../chain/network.ts";
import type { TxEvaluator } from "../chain/port.ts";
import { wallets } from "../db/schema.ts";
import { serveRpc, type RpcMethods } from "../thread-rpc.ts";
import {
  CHAIN_METHODS,
  type BuildResult,
  type BuildTask,
  type BuildThreadData,
} from "./build-task.ts";

export interface BuildThreads {
  onThread(builder: TxBuilder): TxBuilder;
  close(): Promise<void>;
}

export interface BuildThreadsOptions {
  network: Network;
  facts: EscrowFacts;
  admins: EscrowAdmins;
  locate: EscrowLocator;
  encryptionKeyHex: string;
  chain: MeshFetcherPort & TxEvaluator;
  /** Threads at most (each holds its own copy of the Cardano libraries, ~150 MB). */
  threads?: number;
  /** A thread without a build for this long ends. */
  idleTimeoutMs?: number;
}

/** Builds waiting for a thread at most; the submitter has one in hand per process at a time. */
const QUEUE_MAX = 16;
/**
 * The build thread's old generation at most, in MB. The bound is not what is saved: a build's
 * live objects are a few tens of MB. V8 lets a heap grow to a multiple of what survived its last
 * full collection before it collects again, up to 4× on a heap allowed 2 GB or more (the
 * default on a machine this size) and about 1.4× on one allowed 512 MB. Unbounded, the thread's
 * heap grew build after build with garbage to 192 MB in the 200-lifecycle benchmark; with this
 * bound it stayed under 97 MB, and the node's peak resident set fell by 65 MB, with the same
 * intake and batches (one run each, production shape). A build that would need more ends its
 * thread with an error; its intents wait and are built again (submitter.ts).
 */
export const BUILD_THREAD_OLD_GENERATION_MB = 512;
/** A build that has not ended after this long is given up (its thread is ended with it). */
const BUILD_TIMEOUT_MS = 5 * 60_000;

export function createBuildThreads(opts: BuildThreadsOptions): BuildThreads {
  const data: BuildThreadData = {
    network: opts.network,
    facts: opts.facts,
    adminKeyHashes: opts.admins.keyHashes,
    encryptionKeyHex: opts.encryptionKeyHex,
  };
  const pool = new Piscina<BuildTask, BuildResult>({
    filename: new URL("./build-thread-entry.mjs", import.meta.url).href,
    minThreads: 0,
    maxThreads: opts.threads ?? 1,
    idleTimeout: opts.idleTimeoutMs ?? 120_000,
    maxQueue: QUEUE_MAX,
    // Below the API's threads (src/thread-priority.ts), through the same binding.
    niceIncrement: BUILD_THREAD_NICE,
    workerData: data,
    // The old generation's bound, not the young one's: V8's own young generation, not
    // src/thread-start.ts's smaller one. A build allocates fast, and with 16 MB the thread's extra
    // collections took CPU from the API (at 50 purchases a second on PostgreSQL, p99 of
    // POST /payment 61.5 ms against 50.5, medians of three runs).
    resourceLimits: { maxOldGenerationSizeMb: BUILD_THREAD_OLD_GENERATION_MB },
  });
  const chainMethods = Object.fromEntries(
    CHAIN_METHODS.map((m) => [
      m,
      (...args: unknown[]) => (opts.chain[m] as (...a: unknown[]) => Promise<unknown>)(...args),
    ]),
  );

  // Piscina would start a new thread for a task given after destroy(): a closed node builds no more.
  let closed = false;

  function onThread(builder: TxBuilder): TxBuilder {
    return {
      kind: builder.kind,
      batchMax: builder.batchMax,
      async build(input): Promise<BuildOutcome> {
        if (closed) throw new Error("the build threads are closed");
        const [wallet] = await input.db
          .select({
            id: wallets.id,
            address: wallets.address,
            encryptedMnemonic: wallets.encryptedMnemonic,
          })
          .from(wallets)
          .where(eq(wallets.address, input.walletAddress))
          .limit(1);
        if (wallet === undefined) throw new Error(`no wallet at ${input.walletAddress}`);
        const { port1, port2 } = new MessageChannel();
        const methods: RpcMethods = {
          ...chainMethods,
          locate: (ids: readonly string[]) => opts.locate(ids, input.db),
          adminSign: (cbor: string, keyHashes?: readonly string[]) =>
            opts.admins.sign(cbor, keyHashes),
        };
        serveRpc(port1, methods, "the main thread, for a build thread");
        const { fetcher: _f, evaluator: _e, db: _d, ...portable } = input;
        try {
          const result = await pool.run(
            { kind: builder.kind, input: portable, wallet, port: port2 },
            { transferList: [port2], signal: AbortSignal.timeout(BUILD_TIMEOUT_MS) },
          );
          return result.outcome;
        } finally {
          port1.close();
        }
      },
    };
  }

  return {
    onThread,
    close() {
      closed = true;
      return pool.destroy();
    },
  };
}
