import { describe, expect, it } from "vitest";
import { formatProblem, type Problem } from "./pricing-fields.ts";
import {
  AMOUNT_MAX,
  checkPriceList,
  LOVELACE,
  parseAmount,
  parseUnit,
  readPrices,
  readTiers,
} from "./pricing.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";
const USDCX = "1f3aec8bfe7ea4fe14c5f121e2a92e301afe414147860d557cac7e345553444378";
const OTHER = "ab".repeat(28) + "01";
const REQUEST = { onChain: false };
const ON_CHAIN = { onChain: true };

const messages = (problems: Problem[]) => problems.map(formatProblem);

describe("parseUnit", () => {
  it('reads "", "lovelace" and any casing of it as lovelace', () => {
    for (const raw of ["", "lovelace", "Lovelace", "LOVELACE"]) {
      expect(parseUnit(raw)).toEqual({ ok: true, unit: LOVELACE });
    }
  });

  it("reads a full asset id and lowercases it", () => {
    expect(parseUnit(USDM)).toEqual({ ok: true, unit: USDM });
    expect(parseUnit(USDM.toUpperCase())).toEqual({ ok: true, unit: USDM });
    expect(parseUnit("ab".repeat(28))).toEqual({ ok: true, unit: "ab".repeat(28) }); // empty name
    expect(parseUnit("ab".repeat(28) + "cd".repeat(32)).ok).toBe(true); // 32-byte name
  });

  it("refuses names, half bytes, short policies, long names and non-hex", () => {
    for (const raw of [
      "USDM",
      "ada",
      "ab".repeat(28) + "c",
      "ab".repeat(27),
      "ab".repeat(61),
      "zz".repeat(30),
    ]) {
      const parsed = parseUnit(raw);
      expect(parsed.ok, raw).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^unknown unit/);
    }
  });
});

describe("parseAmount", () => {
  const fails = (raw: unknown, options = REQUEST) => {
    const parsed = parseAmount(raw, options);
    return parsed.ok ? `ok ${parsed.amount}` : parsed.message;
  };

  it("reads an integer string of base units", () => {
    expect(parseAmount("1000000", REQUEST)).toEqual({ ok: true, amount: 1_000_000n });
    expect(parseAmount("007", REQUEST)).toEqual({ ok: true, amount: 7n });
    expect(parseAmount(AMOUNT_MAX.toString(), REQUEST)).toEqual({ ok: true, amount: AMOUNT_MAX });
  });

  it("names each way an amount can be wrong", () => {
    expect(fails("0")).toBe("must be at least 1");
    expect(fails("-5")).toBe("must not be negative");
    expect(fails("1.5")).toBe("must be a whole number of base units");
    expect(fails("1e6")).toBe("must be a whole number of base units");
    expect(fails("")).toBe("must be a whole number of base units");
    expect(fails(" 5")).toBe("must be a whole number of base units");
    expect(fails((AMOUNT_MAX + 1n).toString())).toBe(`must be at most ${AMOUNT_MAX}`);
    expect(fails("9".repeat(400))).toBe(`must be at most ${AMOUNT_MAX}`);
    expect(fails(null)).toBe("is required");
    expect(fails(undefined)).toBe("is required");
    expect(fails({ n: 1 })).toMatch(/integer string/);
  });

  it("takes numbers only from chain, and only exact integers", () => {
    expect(fails(5)).toMatch(/integer string/);
    expect(fails(1.5)).toBe("must be a whole number of base units");
    expect(fails(5, ON_CHAIN)).toBe("ok 5");
    expect(fails(5n, ON_CHAIN)).toBe("ok 5");
    expect(fails(["12", "34"], ON_CHAIN)).toBe("ok 1234");
    expect(fails(["12", "34"])).toMatch(/integer string/);
    expect(fails(1.5, ON_CHAIN)).toBe("must be a whole number of base units");
    expect(fails(2 ** 60, ON_CHAIN)).toBe("is too large to read exactly");
    expect(fails(-3, ON_CHAIN)).toBe("must not be negative");
    expect(fails(0n, ON_CHAIN)).toBe("must be at least 1");
  });
});

describe("readPrices", () => {
  it("reads a list and normalises its units", () => {
    const read = readPrices(
      [
        { unit: "", amount: "2000000" },
        { unit: USDM, amount: "5" },
      ],
      REQUEST,
    );
    expect(read).toEqual({
      prices: [
        { unit: LOVELACE, amount: 2_000_000n },
        { unit: USDM, amount: 5n },
      ],
      problems: [],
    });
  });

  it("reports every bad entry with its index and field", () => {
    const read = readPrices(
      [{ unit: "USDM", amount: "-1" }, "junk", { unit: USDM }, { unit: 7, amount: "1" }],
      REQUEST,
    );
    expect(read.prices).toBeUndefined();
    expect(messages(read.problems)).toEqual([
      expect.stringMatching(/^\[0\]\.unit: unknown unit "USDM"/),
      "[0].amount: must not be negative",
      "[1]: must be an object {unit, amount}",
      "[2].amount: is required",
      "[3].unit: must be text",
    ]);
  });

  it("refuses a missing list, an empty one, a unit twice and too many tokens", () => {
    expect(messages(readPrices(undefined, REQUEST).problems)).toEqual([
      "must be a list of {unit, amount}",
    ]);
    expect(messages(readPrices([], REQUEST).problems)).toEqual(["needs at least one amount"]);
    const twice = [
      { unit: "", amount: "1" },
      { unit: "lovelace", amount: "2" },
    ];
    expect(messages(readPrices(twice, REQUEST).problems)).toEqual([
      "[1].unit: lovelace is listed twice",
    ]);
    const three = [USDM, USDCX, OTHER].map((unit) => ({ unit, amount: "1" }));
    expect(messages(readPrices(three, REQUEST).problems)).toEqual([
      "names 3 tokens; an escrow holds at most 2 besides lovelace",
    ]);
    const twoAndAda = [USDM, USDCX, ""].map((unit) => ({ unit, amount: "1" }));
    expect(readPrices(twoAndAda, REQUEST).prices).toHaveLength(3);
  });

  it("reads chunked units from chain only", () => {
    const chunked = [{ unit: [USDM.slice(0, 60), USDM.slice(60)], amount: "1" }];
    expect(readPrices(chunked, ON_CHAIN).prices).toEqual([{ unit: USDM, amount: 1n }]);
    expect(messages(readPrices(chunked, REQUEST).problems)).toEqual(["[0].unit: must be text"]);
    expect(readPrices([{ unit: [], amount: "1" }], ON_CHAIN).prices).toEqual([
      { unit: LOVELACE, amount: 1n },
    ]);
  });
});

describe("checkPriceList", () => {
  it("catches amounts out of range in prices built in code", () => {
    expect(messages(checkPriceList([{ unit: LOVELACE, amount: 0n }]))).toEqual([
      "[0].amount: must be at least 1",
    ]);
    expect(messages(checkPriceList([{ unit: USDM, amount: AMOUNT_MAX + 1n }]))).toEqual([
      `[0].amount: must be at most ${AMOUNT_MAX}`,
    ]);
  });
});

describe("readTiers", () => {
  const tier = (name: unknown, amount = "1") => ({ name, Pricing: [{ unit: USDM, amount }] });

  it("reads named tiers", () => {
    const read = readTiers([tier("Basic"), tier("Pro", "5")], "Pricing", REQUEST);
    expect(read.tiers).toEqual([
      { name: "Basic", prices: [{ unit: USDM, amount: 1n }] },
      { name: "Pro", prices: [{ unit: USDM, amount: 5n }] },
    ]);
  });

  it("refuses no tiers, too many, blank, long and clashing names, and bad prices", () => {
    expect(messages(readTiers([], "Pricing", REQUEST).problems)).toEqual([
      "needs at least one tier",
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => tier(`t${i}`));
    expect(messages(readTiers(eleven, "Pricing", REQUEST).problems)).toEqual(["at most 10 tiers"]);
    const bad = [
      tier("Pro"),
      tier("pro"),
      tier(" "),
      tier("é".repeat(33)),
      tier("X", "-1"),
      "junk",
    ];
    expect(messages(readTiers(bad, "Pricing", REQUEST).problems)).toEqual([
      '[1].name: "pro" is already the name of tier [0]',
      "[2].name: must be non-empty text",
      "[3].name: must be at most 64 bytes",
      "[4].Pricing[0].amount: must not be negative",
      "[5]: must be an object {name, Pricing}",
    ]);
  });
});
