import { describe, expect, it } from "vitest";
import { BUDGET_PERIODS, periodEndMs, periodStartMs } from "./budget-period.ts";

const at = (iso: string) => Date.parse(iso);

describe("budget periods (UTC calendar)", () => {
  it("a day starts at 00:00 UTC and ends 24 h later", () => {
    const start = periodStartMs("day", at("2026-12-04T23:59:59.999Z"));
    expect(start).toBe(at("2026-12-04T00:00:00Z"));
    expect(periodEndMs("day", start)).toBe(at("2026-12-05T00:00:00Z"));
    expect(periodStartMs("day", at("2026-12-05T00:00:00Z"))).toBe(at("2026-12-05T00:00:00Z"));
  });

  it("a week starts on Monday 00:00 UTC", () => {
    // 2026-12-04 is a Friday; 2026-11-30 the Monday before it; 2026-12-06 a Sunday.
    expect(periodStartMs("week", at("2026-12-04T12:00:00Z"))).toBe(at("2026-11-30T00:00:00Z"));
    expect(periodStartMs("week", at("2026-12-06T23:59:59Z"))).toBe(at("2026-11-30T00:00:00Z"));
    expect(periodStartMs("week", at("2026-12-07T00:00:00Z"))).toBe(at("2026-12-07T00:00:00Z"));
    expect(periodEndMs("week", at("2026-11-30T00:00:00Z"))).toBe(at("2026-12-07T00:00:00Z"));
  });

  it("a month runs from its first day to the next month's, across years and leap days", () => {
    expect(periodStartMs("month", at("2028-02-29T18:00:00Z"))).toBe(at("2028-02-01T00:00:00Z"));
    expect(periodEndMs("month", at("2028-02-01T00:00:00Z"))).toBe(at("2028-03-01T00:00:00Z"));
    expect(periodEndMs("month", at("2026-12-01T00:00:00Z"))).toBe(at("2027-01-01T00:00:00Z"));
    expect(periodStartMs("month", at("2027-01-01T00:00:00Z"))).toBe(at("2027-01-01T00:00:00Z"));
  });

  it("a total budget has one period that never ends", () => {
    expect(periodStartMs("total", at("2026-12-04T12:00:00Z"))).toBe(0);
    expect(periodEndMs("total", 0)).toBeNull();
  });

  it("every time lies in its period, and the next period starts where it ends", () => {
    for (let i = 0; i < 500; i++) {
      const nowMs = Math.floor(Math.random() * 4_000_000_000_000);
      for (const p of BUDGET_PERIODS) {
        const start = periodStartMs(p, nowMs);
        const end = periodEndMs(p, start);
        expect(start).toBeLessThanOrEqual(nowMs);
        if (end === null) continue;
        expect(end).toBeGreaterThan(nowMs);
        expect(periodStartMs(p, end)).toBe(end);
        expect(periodStartMs(p, end - 1)).toBe(start);
      }
    }
  });

  it("refuses a time that is not a POSIX ms count", () => {
    expect(() => periodStartMs("day", -1)).toThrow();
    expect(() => periodStartMs("day", 1.5)).toThrow();
  });
});
