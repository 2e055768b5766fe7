/** Chain time: the wall clock plus an offset that only grows (time on the devnet never goes back). */
import { DevnetRequestError } from "./errors.ts";

/** The most time one request may move the chain forward: ten years. */
export const ADVANCE_MAX_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * Where a clock keeps its offset: one 64-bit cell, which may be shared (a SharedArrayBuffer) so
 * that another thread reads chain time without asking the devnet's thread.
 */
export function newClockCell(shared = false): BigInt64Array {
  return new BigInt64Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
}

/** Chain time as the clock keeping `cell` tells it, from any thread. */
export function chainTimeMs(cell: BigInt64Array, wallClockMs: () => number = Date.now): number {
  return wallClockMs() + Number(Atomics.load(cell, 0));
}

/** The devnet's clock: wall time plus a persisted, growing offset (kept in `cell`). */
export class ChainClock {
  constructor(
    offset: number,
    private readonly wallClockMs: () => number = Date.now,
    private readonly cell: BigInt64Array = newClockCell(),
  ) {
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`bad time offset ${offset}`);
    Atomics.store(cell, 0, BigInt(offset));
  }

  nowMs(): number {
    return chainTimeMs(this.cell, this.wallClockMs);
  }

  get offsetMs(): number {
    return Number(Atomics.load(this.cell, 0));
  }

  /** Moves chain time forward by `ms` (a whole number of milliseconds, at most ten years). */
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new DevnetRequestError("advanceMs", "must be a whole number of milliseconds >= 0");
    }
    if (ms > ADVANCE_MAX_MS) {
      throw new DevnetRequestError("advanceMs", `must be at most ${ADVANCE_MAX_MS} (ten years)`);
    }
    Atomics.add(this.cell, 0, BigInt(ms));
  }
}
