/**
 * The periods a budget is counted over. Periods are UTC calendar periods, so every node and
 * every reader agrees where one ends without knowing anyone's time zone: a day starts at 00:00
 * UTC, a week on Monday 00:00 UTC (ISO 8601), a month on its first day at 00:00 UTC. A `total`
 * budget has one period, starting at 0, that never ends.
 */

export const BUDGET_PERIODS = ["day", "week", "month", "total"] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

const DAY_MS = 86_400_000;

/** The start (POSIX ms) of the period of kind `period` that holds `nowMs`. */
export function periodStartMs(period: BudgetPeriod, nowMs: number): number {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0) throw new Error(`bad time ${nowMs}`);
  const dayStartMs = nowMs - (nowMs % DAY_MS);
  switch (period) {
    case "total":
      return 0;
    case "day":
      return dayStartMs;
    case "week": {
      // getUTCDay: Sunday is 0; ISO weeks start on Monday.
      const sinceMonday = (new Date(dayStartMs).getUTCDay() + 6) % 7;
      return dayStartMs - sinceMonday * DAY_MS;
    }
    case "month": {
      const d = new Date(nowMs);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** The end (exclusive, POSIX ms) of the period that starts at `startMs`; null for `total`. */
export function periodEndMs(period: BudgetPeriod, startMs: number): number | null {
  switch (period) {
    case "total":
      return null;
    case "day":
      return startMs + DAY_MS;
    case "week":
      return startMs + 7 * DAY_MS;
    case "month": {
      const d = new Date(startMs);
      // Date.UTC carries month 12 into January of the next year.
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}
