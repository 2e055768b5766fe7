import { describe, expect, it } from "vitest";
import {
  deferredRetry,
  RETRY_STEP_MAX_MS,
  RETRY_STEP_MIN_MS,
  TIP_LAG_MAX_MS,
} from "./retry-timing.ts";

const UNTIL_MS = 1_750_000_000_000;

describe("deferredRetry", () => {
  it("tries at the very time the chain allows, not later", () => {
    expect(deferredRetry(UNTIL_MS, UNTIL_MS - 3_600_000)).toEqual({
      kind: "retry",
      atMs: UNTIL_MS,
    });
    expect(deferredRetry(UNTIL_MS, UNTIL_MS - 1)).toEqual({ kind: "retry", atMs: UNTIL_MS });
  });

  it("then follows the blocks at growing steps, bounded below and above", () => {
    expect(deferredRetry(UNTIL_MS, UNTIL_MS)).toEqual({
      kind: "retry",
      atMs: UNTIL_MS + RETRY_STEP_MIN_MS,
    });
    expect(deferredRetry(UNTIL_MS, UNTIL_MS + 3_000)).toEqual({
      kind: "retry",
      atMs: UNTIL_MS + 6_000,
    });
    expect(deferredRetry(UNTIL_MS, UNTIL_MS + 60_000)).toEqual({
      kind: "retry",
      atMs: UNTIL_MS + 60_000 + RETRY_STEP_MAX_MS,
    });
  });

  it("gives up, saying why, once the tip has lagged for TIP_LAG_MAX_MS", () => {
    expect(deferredRetry(UNTIL_MS, UNTIL_MS + TIP_LAG_MAX_MS).kind).toBe("retry");
    const failed = deferredRetry(UNTIL_MS, UNTIL_MS + TIP_LAG_MAX_MS + 1);
    expect(failed).toEqual({ kind: "fail", reason: expect.stringMatching(/making blocks/) });
  });

  it("counts the lag from when the intent was queued, if that came after the time", () => {
    // Queued by the scheduler 10 minutes after unlockTime: the tip has not lagged yet.
    const queuedAtMs = UNTIL_MS + 10 * 60_000 + 1;
    expect(deferredRetry(UNTIL_MS, queuedAtMs, queuedAtMs)).toEqual({
      kind: "retry",
      atMs: queuedAtMs + RETRY_STEP_MIN_MS,
    });
    expect(deferredRetry(UNTIL_MS, queuedAtMs + TIP_LAG_MAX_MS, queuedAtMs).kind).toBe("retry");
    expect(deferredRetry(UNTIL_MS, queuedAtMs + TIP_LAG_MAX_MS + 1, queuedAtMs).kind).toBe("fail");
    // Queued before the time: the lag counts from the time.
    expect(deferredRetry(UNTIL_MS, UNTIL_MS + TIP_LAG_MAX_MS + 1, UNTIL_MS - 1).kind).toBe("fail");
  });

  it("tries a bounded number of times, whatever the clock, with an injected clock", () => {
    let clockMs = UNTIL_MS - 5 * 60_000;
    let tries = 0;
    for (;;) {
      const next = deferredRetry(UNTIL_MS, clockMs);
      if (next.kind === "fail") break;
      expect(next.atMs).toBeGreaterThan(clockMs);
      clockMs = next.atMs;
      tries++;
      expect(tries).toBeLessThanOrEqual(TIP_LAG_MAX_MS / RETRY_STEP_MAX_MS + 4);
    }
    expect(tries).toBeGreaterThan(TIP_LAG_MAX_MS / RETRY_STEP_MAX_MS);
  });
});
