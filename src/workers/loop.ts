/**
 * A worker loop: runs `tick` at its own pace, one tick at a time (single flight), and never
 * overlaps or piles up ticks. A tick does a bounded batch of work and says whether there may be
 * more, in which case the next tick follows at once instead of after the interval. A failing
 * tick is logged and retried after a backoff that grows to a bound; it never stops the loop.
 */
import { describeError, type Log } from "../log.ts";

export interface TickResult {
  /** True when the tick stopped at its batch bound and more work is waiting. */
  more: boolean;
}

export interface LoopOptions {
  name: string;
  intervalMs: number;
  /** The longest pause after repeated failures. */
  failureBackoffMaxMs?: number;
  tick: () => Promise<TickResult>;
  log: Log;
}

export interface RunningLoop {
  /** Runs a tick now (or right after the current one), resolving when it has run. */
  poke(): Promise<void>;
  /** Stops after the current tick; resolves once it has finished. */
  stop(): Promise<void>;
  readonly ticks: number;
  readonly failures: number;
}

/** Starts a loop; the first tick runs at once. */
export function startLoop(opts: LoopOptions): RunningLoop {
  const backoffMaxMs = opts.failureBackoffMaxMs ?? 30_000;
  let stopped = false;
  let ticks = 0;
  let failures = 0;
  let consecutiveFailures = 0;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const waiters: (() => void)[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function run(): Promise<void> {
    while (!stopped) {
      const served = waiters.splice(0);
      let delayMs = opts.intervalMs;
      try {
        const result = await opts.tick();
        consecutiveFailures = 0;
        if (result.more) delayMs = 0;
      } catch (err) {
        failures++;
        consecutiveFailures++;
        delayMs = Math.min(backoffMaxMs, opts.intervalMs * 2 ** Math.min(consecutiveFailures, 10));
        opts.log(
          `${opts.name}: tick failed (${consecutiveFailures} in a row): ${describeError(err)}`,
        );
      }
      ticks++;
      for (const resolve of served) resolve();
      if (stopped) break;
      if (waiters.length > 0) continue;
      await sleep(delayMs);
    }
    for (const resolve of waiters.splice(0)) resolve();
  }

  const done = run();
  return {
    poke() {
      if (stopped) return Promise.resolve();
      const ran = new Promise<void>((resolve) => waiters.push(resolve));
      clearTimeout(timer);
      wake?.();
      return ran;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await done;
    },
    get ticks() {
      return ticks;
    },
    get failures() {
      return failures;
    },
  };
}
