/**
 * Makes the devnet's blocks on its own: every `blockIntervalMs` a block of the waiting
 * transactions, and, while no block comes for `emptyBlockIntervalMs`, an empty one. A real chain
 * makes a block about every 20 s whether or not transactions wait, and clients (the node among
 * them) read the time from the latest block: without idle blocks the tip would stand still on an
 * idle devnet while its clock runs on, and an action valid only after some time would be refused
 * as too early for as long as nobody else sends a transaction.
 */
import type { DevnetLedger } from "./ledger.ts";

export interface BlockProducer {
  stop(): void;
}

export interface BlockProducerOptions {
  /** How often waiting transactions become a block. */
  blockIntervalMs: number;
  /** How long the chain stays without a block before an empty one is made; 0 never. */
  emptyBlockIntervalMs: number;
}

export const BLOCK_INTERVAL_MS_DEFAULT = 1000;
export const BLOCK_INTERVAL_MS_MIN = 10;
/**
 * A real chain has at most one block per slot (1 s), and so have the devnet's idle blocks: each
 * moves the tip to a new slot, so a shorter interval would only add blocks that show no new time.
 */
export const EMPTY_BLOCK_INTERVAL_MS_MIN = 1000;
export const EMPTY_BLOCK_INTERVAL_MS_MAX = 86_400_000;
/**
 * A real chain makes a block about every 20 slots (1 s each); the devnet's block interval plays
 * the slot, so idle blocks come every 20 block intervals: 20 s with the default 1 s, a few
 * seconds with the fast intervals tests use, never with the hour-long ones of tests that make
 * every block by hand.
 */
export const EMPTY_BLOCKS_PER_BLOCK_INTERVAL = 20;

/** The idle-block interval for a block interval, when none is configured. */
export function defaultEmptyBlockIntervalMs(blockIntervalMs: number): number {
  const scaled = blockIntervalMs * EMPTY_BLOCKS_PER_BLOCK_INTERVAL;
  return Math.min(Math.max(scaled, EMPTY_BLOCK_INTERVAL_MS_MIN), EMPTY_BLOCK_INTERVAL_MS_MAX);
}

function checkOptions({ blockIntervalMs, emptyBlockIntervalMs }: BlockProducerOptions): void {
  if (!Number.isInteger(blockIntervalMs) || blockIntervalMs < BLOCK_INTERVAL_MS_MIN) {
    throw new RangeError(`blockIntervalMs must be an integer >= ${BLOCK_INTERVAL_MS_MIN}`);
  }
  const e = emptyBlockIntervalMs;
  const inRange = e >= EMPTY_BLOCK_INTERVAL_MS_MIN && e <= EMPTY_BLOCK_INTERVAL_MS_MAX;
  if (!Number.isInteger(e) || (e !== 0 && !inRange)) {
    throw new RangeError(
      `emptyBlockIntervalMs must be 0 or an integer in ${EMPTY_BLOCK_INTERVAL_MS_MIN}..${EMPTY_BLOCK_INTERVAL_MS_MAX}`,
    );
  }
}

/** Starts the timers; `stop()` ends them. */
export function startBlockProducer(
  ledger: DevnetLedger,
  opts: BlockProducerOptions,
  log: (line: string) => void,
): BlockProducer {
  checkOptions(opts);
  const make = (allowEmpty: boolean): boolean => {
    try {
      ledger.produceBlock({ allowEmpty });
      return true;
    } catch (error) {
      log(`devnet: block production failed: ${error instanceof Error ? error.stack : error}`);
      return false;
    }
  };
  const txTimer = setInterval(() => {
    if (ledger.mempoolSize() > 0) make(false);
  }, opts.blockIntervalMs);
  // The HTTP server keeps a standalone devnet alive; the producer alone should not.
  txTimer.unref();

  let idleTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  // One timer, re-armed for the moment the chain will have been idle long enough; a block made
  // meanwhile (by the other timer, a route or a time move) pushes that moment on.
  const armIdle = (delayMinMs: number) => {
    if (stopped) return;
    const dueMs = ledger.lastBlockAtMs + opts.emptyBlockIntervalMs;
    idleTimer = setTimeout(onIdle, Math.max(delayMinMs, dueMs - ledger.nowMs()));
    idleTimer.unref();
  };
  const onIdle = () => {
    const due = ledger.nowMs() >= ledger.lastBlockAtMs + opts.emptyBlockIntervalMs;
    // A failed block is not tried again at once: that would spin on a persistent failure.
    const failed = due && !make(true);
    armIdle(failed ? opts.emptyBlockIntervalMs : 0);
  };
  if (opts.emptyBlockIntervalMs > 0) armIdle(0);

  return {
    stop: () => {
      stopped = true;
      clearInterval(txTimer);
      clearTimeout(idleTimer);
    },
  };
}
