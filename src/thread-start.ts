/**
 * A worker thread that serves calls (src/thread-rpc.ts): started from an entry module, it tells
 * its parent once when it is ready (with what the parent needs to know, e.g. its URL) or why it
 * failed, may forward log lines, and then answers calls on a port of its own until it is asked
 * to `close`. The devnet's thread and the database's thread start this way.
 */
import type { EventLoopUtilization } from "node:perf_hooks";
import {
  MessageChannel,
  parentPort,
  Worker,
  workerData,
  type MessagePort,
} from "node:worker_threads";
import { rpcClient, serveRpc, type RpcMethods } from "./thread-rpc.ts";

/** What a thread tells its parent, besides the answers to calls. */
export type ThreadNote<R> =
  { kind: "log"; line: string } | { kind: "ready"; ready: R } | { kind: "failed"; message: string };

/** The parent's handle on a started thread. */
export interface RpcThread<R> {
  /** What the thread told when it became ready. */
  ready: R;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  /** Asks the thread to close (its `close` method), then ends it; again returns the same. */
  close(): Promise<void>;
}

/**
 * Each thread's young generation at most, in MB. V8 sizes it for the machine (up to 48 MB on
 * this one), per thread, and grows it to that under a burst of short-lived objects (a batch of
 * fifty locks built or validated): the embedded 200-lifecycle benchmark peaked at 897 MB with
 * this limit on the node's threads, 1,010 MB without (one run each, the same intake within the
 * runs' spread). Not the build threads (src/workers/build-threads.ts): see there.
 */
export const THREAD_YOUNG_GENERATION_MB = 16;

/** A running thread's event loop, as its parent sees it. */
export interface ThreadLoop {
  side: string;
  /** Its event loop's utilisation so far, or since `before` (perf_hooks' semantics). */
  utilization(before?: EventLoopUtilization): EventLoopUtilization;
}

/** The threads started here and not yet ended, for `runningThreads`. */
const running = new Set<ThreadLoop>();

/**
 * The event loops of the threads running now: with the main thread's, where a process's CPU
 * goes (the lifecycle benchmark prints each one's busy share of the intake).
 */
export function runningThreads(): ThreadLoop[] {
  return [...running];
}

/** How long a thread's `close` may take before the thread is ended anyway. */
const CLOSE_TIMEOUT_MS = 30_000;

/**
 * Starts `entry` on a new thread with `data` (and, as `port` and `side`, the port its calls come
 * in on and its name); resolves once it is ready, rejects with its reason when it fails or ends first.
 * `side` names the thread in errors and log lines.
 */
export async function startRpcThread<R>(
  entry: URL,
  data: object,
  opts: { side: string; log?: (line: string) => void },
): Promise<RpcThread<R>> {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(entry, {
    workerData: { ...data, port: port2, side: opts.side },
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
  });
  let ended = false;
  const loop: ThreadLoop = {
    side: opts.side,
    utilization: (before) => worker.performance.eventLoopUtilization(before),
  };
  running.add(loop);
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      running.delete(loop);
      resolve();
    }),
  );
  const ready = new Promise<R>((resolve, reject) => {
    worker.on("message", (note: ThreadNote<R>) => {
      if (note.kind === "log") opts.log?.(note.line);
      else if (note.kind === "ready") resolve(note.ready);
      else reject(new Error(note.message));
    });
    worker.once("error", (err) => {
      if (!ended) opts.log?.(`${opts.side} failed: ${err.message}`);
      reject(err);
    });
    worker.once("exit", (code) => {
      if (!ended) opts.log?.(`${opts.side} ended (exit code ${code})`);
      reject(new Error(`${opts.side} ended (exit code ${code}) before it was ready`));
    });
  });
  let told: R;
  try {
    told = await ready;
  } catch (err) {
    ended = true;
    port1.close();
    await worker.terminate();
    throw err;
  }
  const call = rpcClient(port1, opts.side);
  let closed: Promise<void> | undefined;
  return {
    ready: told,
    call,
    close() {
      closed ??= (async () => {
        ended = true;
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        try {
          await call("close");
        } finally {
          clearTimeout(timer);
          port1.close();
          await worker.terminate();
          await exited;
        }
      })();
      return closed;
    },
  };
}

/**
 * The thread's side: runs `start` with the data it was given and a log that reaches the parent,
 * then serves the methods it returns (which must include `close`) and tells the parent it is
 * ready; a failed start is told with its reason.
 */
export async function runRpcThread<D, R>(
  start: (data: D, log: (line: string) => void) => Promise<{ methods: RpcMethods; ready: R }>,
): Promise<void> {
  const data = workerData as D & { port: MessagePort; side: string };
  const tell = (note: ThreadNote<R>) => parentPort!.postMessage(note);
  let started;
  try {
    started = await start(data, (line) => tell({ kind: "log", line }));
  } catch (err) {
    tell({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    return;
  }
  serveRpc(data.port, started.methods, data.side);
  tell({ kind: "ready", ready: started.ready });
}
