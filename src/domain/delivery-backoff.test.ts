import { describe, expect, it } from "vitest";
import { afterFailedAttempt, retryDelayMs } from "./delivery-backoff.ts";

const policy = { baseMs: 1_000, capMs: 60_000 };

describe("retryDelayMs", () => {
  it("grows exponentially under full jitter and stops at the cap", () => {
    expect(retryDelayMs(policy, 1, 0.999)).toBe(999);
    expect(retryDelayMs(policy, 2, 0.999)).toBe(1_998);
    expect(retryDelayMs(policy, 4, 0.5)).toBe(4_000);
    expect(retryDelayMs(policy, 30, 0.5)).toBe(30_000);
    expect(retryDelayMs(policy, 1_000_000, 0.999_999)).toBeLessThanOrEqual(60_000);
  });

  it("can be any wait from zero (full jitter)", () => {
    expect(retryDelayMs(policy, 5, 0)).toBe(0);
  });

  it("honours Retry-After as a floor, up to the cap", () => {
    expect(retryDelayMs(policy, 1, 0, 5_000)).toBe(5_000);
    expect(retryDelayMs(policy, 1, 0, 10 * 3_600_000)).toBe(60_000);
    expect(retryDelayMs(policy, 8, 0.9, 1)).toBeGreaterThan(1);
  });

  it("clamps random numbers and attempts out of range", () => {
    expect(retryDelayMs(policy, 0, 2)).toBe(1_000);
    expect(retryDelayMs(policy, -3, -1)).toBe(0);
  });
});

describe("afterFailedAttempt", () => {
  const limits = { ...policy, attemptsMax: 3, ageMaxMs: 10_000 };
  it("schedules another attempt while under both caps", () => {
    const r = afterFailedAttempt(limits, {
      attempts: 1,
      firstAttemptAtMs: 0,
      nowMs: 100,
      random: 0.5,
    });
    expect(r).toEqual({ giveUp: false, nextAttemptAtMs: 600 });
  });

  it("gives up at the attempts cap", () => {
    const r = afterFailedAttempt(limits, { attempts: 3, firstAttemptAtMs: 0, nowMs: 1, random: 0 });
    expect(r).toMatchObject({ giveUp: true, why: expect.stringMatching(/3 attempts/) });
  });

  it("gives up when the next attempt would come after the age cap", () => {
    const r = afterFailedAttempt(limits, {
      attempts: 2,
      firstAttemptAtMs: 0,
      nowMs: 9_999,
      random: 0.9,
    });
    expect(r).toMatchObject({ giveUp: true, why: expect.stringMatching(/longer than/) });
  });
});
