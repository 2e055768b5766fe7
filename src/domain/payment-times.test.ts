import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  parseTimeFields,
  parseTimeMs,
  resolvePaymentTimes,
  schedule,
  type PaymentTimes,
  type TimeField,
  type TimeRule,
} from "./payment-times.ts";

const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);

/** A valid set of times, each at its rule's minimum distance. */
const tight = (): PaymentTimes => {
  const submitResultTimeMs = NOW + 15 * MINUTE_MS;
  return {
    payByTimeMs: submitResultTimeMs - 5 * MINUTE_MS,
    submitResultTimeMs,
    unlockTimeMs: submitResultTimeMs + 15 * MINUTE_MS,
    externalDisputeUnlockTimeMs: submitResultTimeMs + 30 * MINUTE_MS,
  };
};

function refusal(input: Partial<PaymentTimes>): [TimeField, TimeRule] | "ok" {
  const r = resolvePaymentTimes({ nowMs: NOW, ...input });
  return r.ok ? "ok" : [r.field, r.rule];
}

describe("defaults", () => {
  it("with no times: 6 h to pay, 6 h more to deliver, the peer's unlock and dispute offsets", () => {
    const r = resolvePaymentTimes({ nowMs: NOW });
    expect(r).toEqual({
      ok: true,
      times: {
        payByTimeMs: NOW + 6 * HOUR_MS,
        submitResultTimeMs: NOW + 12 * HOUR_MS,
        unlockTimeMs: NOW + 18 * HOUR_MS,
        externalDisputeUnlockTimeMs: NOW + 24 * HOUR_MS,
      },
      defaulted: [
        "payByTimeMs",
        "submitResultTimeMs",
        "unlockTimeMs",
        "externalDisputeUnlockTimeMs",
      ],
    });
  });

  it("from a near submitResultTime, payByTime is half way there", () => {
    const r = resolvePaymentTimes({ nowMs: NOW, submitResultTimeMs: NOW + 20 * MINUTE_MS });
    expect(r.ok && r.times.payByTimeMs).toBe(NOW + 10 * MINUTE_MS);
    expect(r.ok && r.defaulted).not.toContain("submitResultTimeMs");
  });

  it("from a far submitResultTime, payByTime is 6 h before it", () => {
    const r = resolvePaymentTimes({ nowMs: NOW, submitResultTimeMs: NOW + 3 * DAY_MS });
    expect(r.ok && r.times.payByTimeMs).toBe(NOW + 3 * DAY_MS - 6 * HOUR_MS);
  });

  it("from a payByTime alone, submitResultTime is 6 h after it", () => {
    const r = resolvePaymentTimes({ nowMs: NOW, payByTimeMs: NOW + HOUR_MS });
    expect(r.ok && r.times.submitResultTimeMs).toBe(NOW + 7 * HOUR_MS);
  });

  it("a late unlockTime given alone pushes the dispute default to keep a 6 h window", () => {
    const submit = NOW + HOUR_MS;
    const r = resolvePaymentTimes({
      nowMs: NOW,
      submitResultTimeMs: submit,
      unlockTimeMs: submit + 11 * HOUR_MS,
    });
    expect(r.ok && r.times.externalDisputeUnlockTimeMs).toBe(submit + 17 * HOUR_MS);
  });

  it("keeps every time it was given", () => {
    expect(resolvePaymentTimes({ nowMs: NOW, ...tight() })).toEqual({
      ok: true,
      times: tight(),
      defaulted: [],
    });
  });
});

describe("rules, at their edges", () => {
  const t = tight();
  const cases: [string, Partial<PaymentTimes>, [TimeField, TimeRule]][] = [
    [
      "submitResultTime under 15 min from now",
      { ...t, submitResultTimeMs: t.submitResultTimeMs - 1, payByTimeMs: NOW },
      ["submitResultTimeMs", "submitAfterNow"],
    ],
    [
      "payByTime under 5 min before submitResultTime",
      { ...t, payByTimeMs: t.payByTimeMs + 1 },
      ["payByTimeMs", "payByBeforeSubmit"],
    ],
    [
      "payByTime over 5 min in the past",
      { ...t, payByTimeMs: NOW - 5 * MINUTE_MS - 1 },
      ["payByTimeMs", "payByNotPast"],
    ],
    [
      "unlockTime under 15 min after submitResultTime",
      { ...t, unlockTimeMs: t.unlockTimeMs - 1 },
      ["unlockTimeMs", "unlockAfterSubmit"],
    ],
    [
      "externalDisputeUnlockTime under 15 min after unlockTime",
      { ...t, externalDisputeUnlockTimeMs: t.externalDisputeUnlockTimeMs - 1 },
      ["externalDisputeUnlockTimeMs", "disputeAfterUnlock"],
    ],
    [
      "a time over a year ahead",
      { ...t, externalDisputeUnlockTimeMs: NOW + 365 * DAY_MS + 1 },
      ["externalDisputeUnlockTimeMs", "horizon"],
    ],
    [
      "unlockTime before submitResultTime",
      { ...t, unlockTimeMs: t.submitResultTimeMs - HOUR_MS },
      ["unlockTimeMs", "unlockAfterSubmit"],
    ],
  ];
  it.each(cases)("refuses %s, naming the field and rule", (_name, input, expected) => {
    expect(refusal(input)).toEqual(expected);
  });

  it("accepts each rule's exact minimum and the horizon itself", () => {
    expect(refusal(tight())).toBe("ok");
    expect(refusal({ ...tight(), payByTimeMs: NOW - 5 * MINUTE_MS })).toBe("ok");
    expect(refusal({ ...tight(), externalDisputeUnlockTimeMs: NOW + 365 * DAY_MS })).toBe("ok");
  });

  it("blames a given time before a default it made wrong", () => {
    // The given submitResultTime pushes the default dispute time past the horizon.
    const r = resolvePaymentTimes({
      nowMs: NOW,
      submitResultTimeMs: NOW + 364 * DAY_MS + 13 * HOUR_MS,
    });
    expect(r).toMatchObject({ ok: false, field: "externalDisputeUnlockTimeMs", rule: "horizon" });
    expect(!r.ok && r.message).toBe(
      "externalDisputeUnlockTime (defaulted) must be at most 365 days from now",
    );
    // A bad given payByTime is reported although the default submitResultTime is fine.
    expect(refusal({ payByTimeMs: NOW - HOUR_MS })).toEqual(["payByTimeMs", "payByNotPast"]);
  });

  it("writes the message with the wire name", () => {
    const r = resolvePaymentTimes({ nowMs: NOW, submitResultTimeMs: NOW });
    expect(!r.ok && r.message).toBe("submitResultTime must be at least 15 minutes from now");
  });

  it("treats a malformed time or clock as a programmer error", () => {
    expect(() => resolvePaymentTimes({ nowMs: Number.NaN })).toThrow(/nowMs/);
    expect(() => resolvePaymentTimes({ nowMs: NOW, unlockTimeMs: 1.5 })).toThrow(/unlockTimeMs/);
    expect(() => resolvePaymentTimes({ nowMs: NOW, payByTimeMs: -1 })).toThrow(/payByTimeMs/);
  });

  it("whatever it is given, accepts only ordered times that keep every rule", () => {
    const offset = fc.option(fc.integer({ min: -HOUR_MS, max: 400 * DAY_MS }), { nil: undefined });
    const given = fc.record({
      payByTimeMs: offset,
      submitResultTimeMs: offset,
      unlockTimeMs: offset,
      externalDisputeUnlockTimeMs: offset,
    });
    fc.assert(
      fc.property(given, (offsets) => {
        const input = Object.fromEntries(
          Object.entries(offsets)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, NOW + v!]),
        );
        const r = resolvePaymentTimes({ nowMs: NOW, ...input });
        if (!r.ok) return;
        const { payByTimeMs: p, submitResultTimeMs: s, unlockTimeMs: u } = r.times;
        const d = r.times.externalDisputeUnlockTimeMs;
        expect(p <= s - 5 * MINUTE_MS && p >= NOW - 5 * MINUTE_MS).toBe(true);
        expect(s >= NOW + 15 * MINUTE_MS && u >= s + 15 * MINUTE_MS).toBe(true);
        expect(d >= u + 15 * MINUTE_MS && d <= NOW + 365 * DAY_MS).toBe(true);
        for (const [k, v] of Object.entries(input)) expect(r.times[k as TimeField]).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe("schedule", () => {
  it("acts 10 minutes after each deadline", () => {
    expect(schedule(tight())).toEqual({
      expireAtMs: tight().payByTimeMs + 10 * MINUTE_MS,
      autoRefundAtMs: tight().submitResultTimeMs + 10 * MINUTE_MS,
      autoWithdrawAtMs: tight().unlockTimeMs + 10 * MINUTE_MS,
    });
  });
});

describe("parseTimeMs", () => {
  const accepted: [unknown, number][] = [
    [1746100800000, NOW],
    ["1746100800000", NOW],
    ["2025-05-01", Date.UTC(2025, 4, 1)],
    ["2025-05-01T12:00:00.000Z", NOW],
    ["2025-05-01T12:00Z", NOW],
    ["2025-05-01t12:00:00z", NOW],
    ["2025-05-01T12:00:00", NOW], // no offset: UTC, not the server's zone
    ["2025-05-01T14:30:00+02:30", NOW],
    ["2025-05-01T07:00:00-05:00", NOW],
    ["2025-05-01T12:00:00.5Z", NOW + 500],
    ["2025-05-01T12:00:00.123999Z", NOW + 123],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ];
  it.each(accepted)("reads %j", (raw, ms) => {
    expect(parseTimeMs(raw)).toEqual({ ok: true, ms });
  });

  const refused: [unknown, RegExp][] = [
    ["2025-02-29", /calendar date/],
    ["2025-13-01", /calendar date/],
    ["2025-04-31", /calendar date/],
    ["2025-05-01T24:00:00Z", /time of day/],
    ["2025-05-01T12:00:60Z", /time of day/],
    ["2025-05-01T12:00:00+24:00", /offset/],
    ["0075-01-01", /before 1970/],
    ["1969-12-31T23:59:59Z", /before 1970/],
    ["1970-01-01T00:30:00+01:00", /before 1970/],
    [1746100800, /unix seconds/],
    ["1746100800", /unix seconds/],
    [-1, /non-negative/],
    [1.5, /whole/],
    [Number.NaN, /whole/],
    [8.64e15 + 1, /whole/],
    ["-1746100800000", /ISO 8601/],
    ["1e12", /ISO 8601/],
    ["", /ISO 8601/],
    [" 2025-05-01", /ISO 8601/],
    ["2025-5-1", /ISO 8601/],
    ["May 1, 2025", /ISO 8601/],
    ["2025-05-01T12:00:00.000Z".padEnd(41, "0"), /too long/],
    ["12345678901234567", /ISO 8601/], // 17 digits: past any Date
    [null, /unix ms or an ISO/],
    [true, /unix ms or an ISO/],
    [{ ms: 1 }, /unix ms or an ISO/],
    [1746100800000n, /unix ms or an ISO/],
  ];
  it.each(refused)("refuses %s", (raw, message) => {
    const r = parseTimeMs(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe("parseTimeFields", () => {
  it("reads the wire names into ms fields and skips absent and null ones", () => {
    expect(
      parseTimeFields({
        payByTime: "2025-05-01T12:00:00Z",
        submitResultTime: String(NOW + HOUR_MS),
        unlockTime: null,
        other: "x",
      }),
    ).toEqual({ ok: true, given: { payByTimeMs: NOW, submitResultTimeMs: NOW + HOUR_MS } });
  });

  it("names the first bad field", () => {
    expect(parseTimeFields({ payByTime: NOW, externalDisputeUnlockTime: "soon" })).toEqual({
      ok: false,
      field: "externalDisputeUnlockTimeMs",
      message: expect.stringMatching(/^externalDisputeUnlockTime must be unix ms/),
    });
  });

  it("ignores inherited properties", () => {
    const body = Object.create({ payByTime: "junk" }) as Record<string, unknown>;
    expect(parseTimeFields(body)).toEqual({ ok: true, given: {} });
  });
});
