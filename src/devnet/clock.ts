/** Chain time: the wall clock plus an offset that only grows (time on the devnet never goes back). */
import { DevnetRequestError } from "./errors.ts";

/** The most time one request may move the chain forward: ten years. */
export const ADVANCE_MAX_MS = 10 * 365 * 24 * 3600 * 1000;

/** The devnet's clock: wall time plus a persisted, growing offset. */
export class ChainClock {
  constructor(
    private offset: number,
    private readonly wallClockMs: () => number = Date.now,
  ) {
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`bad time offset ${offset}`);
  }

  nowMs(): number {
    return this.wallClockMs() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Moves chain time forward by `ms` (a whole number of milliseconds, at most ten years). */
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new DevnetRequestError("advanceMs", "must be a whole number of milliseconds >= 0");
    }
    if (ms > ADVANCE_MAX_MS) {
      throw new DevnetRequestError("advanceMs", `must be at most ${ADVANCE_MAX_MS} (ten years)`);
    }
    this.offset += ms;
  }
}
