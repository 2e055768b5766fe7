/**
 * The four deadlines of a payment, in POSIX milliseconds, with the peer's (Masumi's) rules for a
 * new payment request, our defaults, the scheduler's thresholds, and the parsing of times from
 * the wire. `payByTime < submitResultTime < unlockTime < externalDisputeUnlockTime` always holds
 * for times that passed `resolvePaymentTimes`.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The peer's gaps: pay at least 5 min before the result is due, then 15 min per step. */
export const PAY_BY_BEFORE_SUBMIT_MIN_MS = 5 * MINUTE_MS;
export const SUBMIT_AFTER_NOW_MIN_MS = 15 * MINUTE_MS;
export const UNLOCK_AFTER_SUBMIT_MIN_MS = 15 * MINUTE_MS;
export const DISPUTE_AFTER_UNLOCK_MIN_MS = 15 * MINUTE_MS;
/** The peer accepts a payByTime up to 5 min in the past (clock skew between nodes). */
export const PAY_BY_PAST_TOLERANCE_MS = 5 * MINUTE_MS;

/** The peer's defaults: unlock 6 h and external dispute 12 h after submitResultTime. */
export const UNLOCK_DEFAULT_AFTER_SUBMIT_MS = 6 * HOUR_MS;
export const DISPUTE_DEFAULT_AFTER_SUBMIT_MS = 12 * HOUR_MS;
/** Ours: a late unlockTime given alone still leaves a dispute window this long. */
export const DISPUTE_DEFAULT_AFTER_UNLOCK_MS = 6 * HOUR_MS;
/**
 * Ours (the peer's defaults are the fixed instant 1970-01-01T12:00Z, which its own rules then
 * refuse): the buyer gets 6 h to pay and the seller 6 h after that to deliver.
 */
export const PAY_WINDOW_DEFAULT_MS = 6 * HOUR_MS;
export const JOB_WINDOW_DEFAULT_MS = 6 * HOUR_MS;

/** No deadline may lie further ahead, so that nobody locks funds for years by a typo. */
export const TIMES_HORIZON_MS = 365 * DAY_MS;
/**
 * The scheduler acts this long after a deadline, like the peer: chain time lags wall time, and
 * a transaction confirmed just before a deadline may reach the watcher minutes later.
 */
export const SCHEDULER_MARGIN_MS = 10 * MINUTE_MS;

export interface PaymentTimes {
  payByTimeMs: number;
  submitResultTimeMs: number;
  unlockTimeMs: number;
  externalDisputeUnlockTimeMs: number;
}
export type TimeField = keyof PaymentTimes;
/** The four fields in the order their times must come. */
export const TIME_FIELDS = [
  "payByTimeMs",
  "submitResultTimeMs",
  "unlockTimeMs",
  "externalDisputeUnlockTimeMs",
] as const satisfies readonly TimeField[];

/** Wire names (the peer's) of the four fields. */
export const WIRE_TIME_FIELDS: Record<TimeField, string> = {
  payByTimeMs: "payByTime",
  submitResultTimeMs: "submitResultTime",
  unlockTimeMs: "unlockTime",
  externalDisputeUnlockTimeMs: "externalDisputeUnlockTime",
};

export type TimeRule =
  | "horizon"
  | "submitAfterNow"
  | "payByBeforeSubmit"
  | "payByNotPast"
  | "unlockAfterSubmit"
  | "disputeAfterUnlock";

export type TimesResult =
  | { ok: true; times: PaymentTimes; defaulted: TimeField[] }
  | { ok: false; field: TimeField; rule: TimeRule; message: string };

/**
 * Fills in the defaults and checks the rules for a new payment request. The first broken rule
 * is reported with its field (by wire name in the message), checking the given times first.
 */
export function resolvePaymentTimes(input: Partial<PaymentTimes> & { nowMs: number }): TimesResult {
  const { nowMs } = input;
  assertMs(nowMs, "nowMs");
  for (const field of TIME_FIELDS) {
    const value = input[field];
    if (value !== undefined) assertMs(value, field);
  }
  const submit =
    input.submitResultTimeMs ??
    (input.payByTimeMs ?? nowMs + PAY_WINDOW_DEFAULT_MS) + JOB_WINDOW_DEFAULT_MS;
  // Half the time to the deadline, at most the job window: always ≥ 7.5 min before a valid
  // submitResultTime, so the default never breaks the 5-minute rule.
  const payBy =
    input.payByTimeMs ?? submit - Math.min(JOB_WINDOW_DEFAULT_MS, Math.floor((submit - nowMs) / 2));
  const unlock = input.unlockTimeMs ?? submit + UNLOCK_DEFAULT_AFTER_SUBMIT_MS;
  const dispute =
    input.externalDisputeUnlockTimeMs ??
    Math.max(submit + DISPUTE_DEFAULT_AFTER_SUBMIT_MS, unlock + DISPUTE_DEFAULT_AFTER_UNLOCK_MS);
  const times: PaymentTimes = {
    payByTimeMs: payBy,
    submitResultTimeMs: submit,
    unlockTimeMs: unlock,
    externalDisputeUnlockTimeMs: dispute,
  };
  const defaulted = TIME_FIELDS.filter((f) => input[f] === undefined);
  const broken = firstBrokenRule(times, nowMs, defaulted);
  if (broken) return broken;
  if (!(payBy < submit && submit < unlock && unlock < dispute)) {
    throw new Error(`resolvePaymentTimes: rules passed but times are out of order`);
  }
  return { ok: true, times, defaulted };
}

type Check = [TimeField, TimeRule, boolean, string];

function firstBrokenRule(
  t: PaymentTimes,
  nowMs: number,
  defaulted: TimeField[],
): TimesResult | undefined {
  const horizonMs = nowMs + TIMES_HORIZON_MS;
  const checks: Check[] = [
    ...TIME_FIELDS.map((f): Check => [
      f,
      "horizon",
      t[f] <= horizonMs,
      "must be at most 365 days from now",
    ]),
    [
      "submitResultTimeMs",
      "submitAfterNow",
      t.submitResultTimeMs >= nowMs + SUBMIT_AFTER_NOW_MIN_MS,
      "must be at least 15 minutes from now",
    ],
    [
      "payByTimeMs",
      "payByBeforeSubmit",
      t.payByTimeMs <= t.submitResultTimeMs - PAY_BY_BEFORE_SUBMIT_MIN_MS,
      "must be at least 5 minutes before submitResultTime",
    ],
    [
      "payByTimeMs",
      "payByNotPast",
      t.payByTimeMs >= nowMs - PAY_BY_PAST_TOLERANCE_MS,
      "must not be more than 5 minutes in the past",
    ],
    [
      "unlockTimeMs",
      "unlockAfterSubmit",
      t.unlockTimeMs >= t.submitResultTimeMs + UNLOCK_AFTER_SUBMIT_MIN_MS,
      "must be at least 15 minutes after submitResultTime",
    ],
    [
      "externalDisputeUnlockTimeMs",
      "disputeAfterUnlock",
      t.externalDisputeUnlockTimeMs >= t.unlockTimeMs + DISPUTE_AFTER_UNLOCK_MIN_MS,
      "must be at least 15 minutes after unlockTime",
    ],
  ];
  // Rules on times the caller gave come first: a default is only wrong because of them.
  const ordered = [
    ...checks.filter(([f]) => !defaulted.includes(f)),
    ...checks.filter(([f]) => defaulted.includes(f)),
  ];
  const broken = ordered.find(([, , holds]) => !holds);
  if (!broken) return undefined;
  const [field, rule, , text] = broken;
  const shown = defaulted.includes(field)
    ? `${WIRE_TIME_FIELDS[field]} (defaulted)`
    : WIRE_TIME_FIELDS[field];
  return { ok: false, field, rule, message: `${shown} ${text}` };
}

function assertMs(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`payment times: ${name} must be a non-negative integer of ms, got ${value}`);
  }
}

/** When the scheduler acts on a payment: expire it unpaid, refund it without a result, withdraw. */
export function schedule(t: PaymentTimes): {
  expireAtMs: number;
  autoRefundAtMs: number;
  autoWithdrawAtMs: number;
} {
  return {
    expireAtMs: t.payByTimeMs + SCHEDULER_MARGIN_MS,
    autoRefundAtMs: t.submitResultTimeMs + SCHEDULER_MARGIN_MS,
    autoWithdrawAtMs: t.unlockTimeMs + SCHEDULER_MARGIN_MS,
  };
}

export type ParsedTime = { ok: true; ms: number } | { ok: false; message: string };

/** Latest instant a JavaScript Date can hold. */
const DATE_MS_MAX = 8.64e15;
/** Below this a number is more likely unix seconds than ms (it is before 1973-03-03). */
const SECONDS_LIKELY_BELOW = 1e11;
const DIGITS = /^[0-9]{1,16}$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads a time from the wire, as the peer accepts it: unix ms (a number or an integer string),
 * an ISO date (`2025-05-01`, midnight UTC) or date-time (`2025-05-01T10:00:00.000Z`, with an
 * optional offset; without one it is read as UTC, never as the server's local time).
 */
export function parseTimeMs(raw: unknown): ParsedTime {
  if (typeof raw === "number") return fromNumber(raw);
  if (typeof raw !== "string") return bad("must be unix ms or an ISO 8601 date or date-time");
  if (raw.length > 40) return bad("is too long for a time");
  if (DIGITS.test(raw)) return fromNumber(Number(raw));
  const m = ISO.exec(raw);
  if (!m) {
    return bad("must be unix ms or an ISO 8601 date or date-time (e.g. 2025-05-01T10:00:00Z)");
  }
  return fromIso(m);
}

function fromIso(m: RegExpExecArray): ParsedTime {
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Checked first: Date.UTC reads years 0-99 as 1900-1999.
  if (year < 1970) return bad("must not be before 1970");
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return bad("is not a calendar date");
  }
  if (hour > 23 || minute > 59 || second > 59) return bad("is not a time of day");
  const offsetMs = offsetOf(m[8]);
  if (offsetMs === undefined) return bad("has an offset outside ±23:59");
  // Digits past milliseconds are dropped, not rounded, so a time never moves later.
  const fractionMs = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fractionMs) - offsetMs;
  if (ms < 0) return bad("must not be before 1970");
  return { ok: true, ms };
}

function fromNumber(n: number): ParsedTime {
  if (!Number.isSafeInteger(n) || n < 0 || n > DATE_MS_MAX)
    return bad("must be a whole, non-negative number of ms");
  if (n < SECONDS_LIKELY_BELOW) return bad(`${n} ms is before 1973: unix seconds? Times are in ms`);
  return { ok: true, ms: n };
}

function offsetOf(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === "-" ? -1 : 1) * (hours * HOUR_MS + minutes * MINUTE_MS);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function bad(message: string): ParsedTime {
  return { ok: false, message };
}

export type TimeFieldsResult =
  { ok: true; given: Partial<PaymentTimes> } | { ok: false; field: TimeField; message: string };

/** Reads the optional time fields of a request body by their wire names; null means absent. */
export function parseTimeFields(body: Readonly<Record<string, unknown>>): TimeFieldsResult {
  const given: Partial<PaymentTimes> = {};
  for (const field of TIME_FIELDS) {
    const wire = WIRE_TIME_FIELDS[field];
    const raw = Object.hasOwn(body, wire) ? body[wire] : undefined;
    if (raw === undefined || raw === null) continue;
    const parsed = parseTimeMs(raw);
    if (!parsed.ok) return { ok: false, field, message: `${wire} ${parsed.message}` };
    given[field] = parsed.ms;
  }
  return { ok: true, given };
}
