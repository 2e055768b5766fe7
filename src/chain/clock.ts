/**
 * The node's clock is the chain's: deadlines (payByTime, unlockTime…) are judged by block time,
 * and a devnet's time can be moved forward. `observingClock` wraps a chain port so that every tip
 * read sets the clock forward to at least that block's time; between reads the wall clock runs.
 * It never goes back, so a deadline once passed stays passed.
 */
import type { BlockInfo, ChainPort } from "./port.ts";

export interface ChainClock {
  nowMs(): number;
}

/** A port whose tip reads move `clock`, and that clock. */
export function observingClock<P extends ChainPort>(
  chain: P,
  wallClockMs: () => number = Date.now,
): { chain: P; clock: ChainClock } {
  let offsetMs = 0;
  const observe = (tip: BlockInfo) => {
    offsetMs = Math.max(offsetMs, tip.blockTimeMs - wallClockMs());
  };
  const wrapped = new Proxy(chain, {
    get(target, prop, receiver) {
      if (prop === "tip")
        return async () => {
          const tip = await target.tip();
          observe(tip);
          return tip;
        };
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { chain: wrapped, clock: { nowMs: () => wallClockMs() + offsetMs } };
}
