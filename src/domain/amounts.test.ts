import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AMOUNT_MAX,
  amountOf,
  amountsEqual,
  AMOUNTS_MAX,
  compareUnits,
  parseWireAmounts,
  sortAmounts,
  sumAmounts,
  toWireAmounts,
  type Amount,
} from "./amounts.ts";

const USDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
const OTHER = `${"ab".repeat(28)}01`;
const THIRD = `${"cd".repeat(28)}02`;

function problemsOf(raw: unknown): string {
  const r = parseWireAmounts(raw, "RequestedFunds");
  return r.ok ? "ok" : r.message;
}

describe("parseWireAmounts", () => {
  it("reads integer strings into bigint and normalises the units", () => {
    const r = parseWireAmounts(
      [
        { unit: USDM.toUpperCase(), amount: "5000000" },
        { unit: "", amount: "2000000" },
      ],
      "RequestedFunds",
    );
    expect(r).toEqual({
      ok: true,
      amounts: [
        { unit: "lovelace", amount: 2_000_000n },
        { unit: USDM, amount: 5_000_000n },
      ],
    });
  });

  it("takes the ledger's largest quantity and refuses one more", () => {
    const max = parseWireAmounts([{ unit: "lovelace", amount: AMOUNT_MAX.toString() }], "f");
    expect(max.ok && max.amounts[0]!.amount).toBe(2n ** 63n - 1n);
    expect(problemsOf([{ unit: "lovelace", amount: (AMOUNT_MAX + 1n).toString() }])).toBe(
      `RequestedFunds[0].amount: must be at most ${AMOUNT_MAX}`,
    );
  });

  const refused: [string, unknown, string][] = [
    ["not a list", { unit: "", amount: "1" }, "RequestedFunds: must be a list of {unit, amount}"],
    ["an empty list", [], "RequestedFunds: needs at least one amount"],
    ["zero", [{ unit: "", amount: "0" }], "RequestedFunds[0].amount: must be at least 1"],
    ["a negative", [{ unit: "", amount: "-5" }], "RequestedFunds[0].amount: must not be negative"],
    ["a decimal", [{ unit: "", amount: "1.5" }], "whole number"],
    ["an exponent", [{ unit: "", amount: "1e6" }], "whole number"],
    ["a JSON number", [{ unit: "", amount: 1000000 }], "integer string"],
    ["spaces", [{ unit: "", amount: " 1" }], "whole number"],
    ["a missing amount", [{ unit: "" }], "RequestedFunds[0].amount: is required"],
    ["a missing unit", [{ amount: "1" }], "RequestedFunds[0].unit: must be text"],
    ["an unknown unit", [{ unit: "ada", amount: "1" }], "RequestedFunds[0].unit: unknown unit"],
    ["a half-byte asset name", [{ unit: `${USDM}0`, amount: "1" }], "[0].unit: unknown unit"],
    ["a non-object entry", ["1"], "RequestedFunds[0]: must be an object"],
    [
      "lovelace twice (as '' and 'lovelace')",
      [
        { unit: "", amount: "1" },
        { unit: "lovelace", amount: "2" },
      ],
      "RequestedFunds[1].unit: lovelace is listed twice",
    ],
    [
      "more tokens than an escrow holds",
      [
        { unit: USDM, amount: "1" },
        { unit: OTHER, amount: "1" },
        { unit: THIRD, amount: "1" },
      ],
      "names 3 tokens",
    ],
  ];
  it.each(refused)("refuses %s", (_name, raw, message) => {
    expect(problemsOf(raw)).toContain(message);
  });

  it("refuses a list longer than the peer's limit before reading its entries", () => {
    const long = Array.from({ length: AMOUNTS_MAX + 1 }, () => "junk");
    expect(problemsOf(long)).toBe(`RequestedFunds: at most ${AMOUNTS_MAX} amounts`);
    // Exactly the limit is read entry by entry (and here fails on the entries, not the length).
    expect(problemsOf(long.slice(1))).toContain("RequestedFunds[0]: must be an object");
  });

  it("reports every bad entry, not just the first", () => {
    const r = parseWireAmounts(
      [
        { unit: "", amount: "x" },
        { unit: "?", amount: "1" },
      ],
      "amounts",
    );
    expect(r.ok === false && r.problems.map((p) => p.path)).toEqual([
      ["amounts", 0, "amount"],
      ["amounts", 1, "unit"],
    ]);
  });
});

describe("wire form, order and sums", () => {
  const amounts: Amount[] = [
    { unit: USDM, amount: 7n },
    { unit: "lovelace", amount: 2_000_000n },
  ];

  it("writes integer strings, lovelace as asked", () => {
    expect(toWireAmounts(amounts)).toEqual([
      { unit: USDM, amount: "7" },
      { unit: "lovelace", amount: "2000000" },
    ]);
    expect(toWireAmounts(amounts, { lovelaceUnit: "" })[1]).toEqual({
      unit: "",
      amount: "2000000",
    });
  });

  it("round-trips through the wire form", () => {
    const back = parseWireAmounts(toWireAmounts(amounts, { lovelaceUnit: "" }), "f");
    expect(back.ok && amountsEqual(back.amounts, amounts)).toBe(true);
  });

  it("orders lovelace first, then asset ids", () => {
    expect(sortAmounts([{ unit: OTHER, amount: 1n }, ...amounts]).map((a) => a.unit)).toEqual([
      "lovelace",
      USDM,
      OTHER,
    ]);
    expect(compareUnits("lovelace", "lovelace")).toBe(0);
    expect(compareUnits(USDM, "lovelace")).toBe(1);
    expect(amounts[0]!.unit).toBe(USDM); // sorting copies, it does not reorder its input
  });

  it("compares lists regardless of order, and sees any difference", () => {
    expect(amountsEqual(amounts, [...amounts].reverse())).toBe(true);
    expect(amountsEqual(amounts, [{ unit: USDM, amount: 7n }])).toBe(false);
    expect(amountsEqual(amounts, [{ ...amounts[0]!, amount: 8n }, amounts[1]!])).toBe(false);
  });

  it("sums per unit across lists", () => {
    const total = sumAmounts([amounts, [{ unit: USDM, amount: 3n }], []]);
    expect(total).toEqual([
      { unit: "lovelace", amount: 2_000_000n },
      { unit: USDM, amount: 10n },
    ]);
    expect(sumAmounts([])).toEqual([]);
    expect(amountOf(total, USDM)).toBe(10n);
    expect(amountOf(total, OTHER)).toBe(0n);
  });

  it("sums equal the per-unit sums of the concatenation, in any grouping", () => {
    const entry = fc.record({
      unit: fc.constantFrom("lovelace", USDM, OTHER),
      amount: fc.bigInt({ min: 1n, max: AMOUNT_MAX }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 4 }), { maxLength: 4 }), (lists) => {
        const flat = sumAmounts([lists.flat()]);
        expect(sumAmounts(lists)).toEqual(flat);
        expect(sumAmounts([...lists].reverse())).toEqual(flat);
        for (const unit of ["lovelace", USDM, OTHER]) {
          const expected = lists.flat().reduce((s, a) => (a.unit === unit ? s + a.amount : s), 0n);
          expect(amountOf(flat, unit)).toBe(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});
