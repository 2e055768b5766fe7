/**
 * Makes a block every `blockIntervalMs` while the mempool holds transactions. An idle chain
 * makes no blocks (its time still advances with the clock), so the log does not fill with
 * empty blocks.
 */
import type { DevnetLedger } from "./ledger.ts";

export interface BlockProducer {
  stop(): void;
}

export const BLOCK_INTERVAL_MS_DEFAULT = 1000;
export const BLOCK_INTERVAL_MS_MIN = 10;

/** Starts the timer; `stop()` ends it. */
export function startBlockProducer(
  ledger: DevnetLedger,
  blockIntervalMs: number,
  log: (line: string) => void,
): BlockProducer {
  if (!Number.isInteger(blockIntervalMs) || blockIntervalMs < BLOCK_INTERVAL_MS_MIN) {
    throw new RangeError(`blockIntervalMs must be an integer >= ${BLOCK_INTERVAL_MS_MIN}`);
  }
  const timer = setInterval(() => {
    if (ledger.mempoolSize() === 0) return;
    try {
      ledger.produceBlock({ allowEmpty: false });
    } catch (error) {
      log(`devnet: block production failed: ${error instanceof Error ? error.stack : error}`);
    }
  }, blockIntervalMs);
  // The HTTP server keeps a standalone devnet alive; the producer alone should not.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
