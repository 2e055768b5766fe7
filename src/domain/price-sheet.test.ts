import { describe, expect, it } from "vitest";
import { canonicalize } from "./jcs.ts";
import { sha256Hex } from "./mip004.ts";
import { contradiction, emptySheet, sheetsFromMip002 } from "./price-sheet-mip002.ts";
import {
  CUSTOM_UNITS_MAX,
  INTEGRATION_LINKS_MAX,
  parsePriceSheet,
  type PriceSheet,
  sheetHash,
  toWireSheet,
} from "./price-sheet.ts";
import { formatProblem, type Pricing, TIERS_MAX } from "./pricing.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";
const TUSDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";

const FULL = {
  version: 1,
  unit: USDM,
  model: "dynamic",
  enabled: false,
  basePrice: "10000",
  outcomePrice: "5000",
  inputPricePer1MTokens: "100000",
  outputPricePer1MTokens: "400000",
  computePricePerSecond: "20",
  customUnitPrices: { image: "30000", "page.ocr": "7" },
  freeCallsPerBuyer: "3",
  minimumCharge: "1000",
  tiers: [{ name: "Pro", period: "month", price: "9000000", includedCalls: "1000" }],
  listing: {
    summary: "Summarises text.",
    requestDocs: "POST {text}",
    responseNotes: "Returns {summary}.",
    integrationLinks: ["https://example.com/docs"],
    supportUrl: "https://example.com/support",
  },
};

function parsed(raw: unknown): PriceSheet {
  const result = parsePriceSheet(raw);
  if (!result.ok) throw new Error(result.message);
  return result.sheet;
}

/** The problems of a sheet that must be refused, as `path: message` lines. */
function refused(raw: unknown): string[] {
  const result = parsePriceSheet(raw);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("parsePriceSheet", () => {
  it("reads every field of a full sheet into bigints", () => {
    const sheet = parsed(FULL);
    expect(sheet).toEqual({
      version: 1,
      unit: USDM,
      model: "dynamic",
      enabled: false,
      basePrice: 10_000n,
      outcomePrice: 5_000n,
      inputPricePer1MTokens: 100_000n,
      outputPricePer1MTokens: 400_000n,
      computePricePerSecond: 20n,
      customUnitPrices: { image: 30_000n, "page.ocr": 7n },
      freeCallsPerBuyer: 3n,
      minimumCharge: 1_000n,
      tiers: [{ name: "Pro", period: "month", price: 9_000_000n, includedCalls: 1_000n }],
      listing: FULL.listing,
    });
    expect(toWireSheet(sheet)).toEqual(FULL);
  });

  it("defaults omitted prices, quotas and texts to zero or empty", () => {
    expect(parsed({ unit: "", model: "flat" })).toEqual(emptySheet("lovelace", "flat"));
  });

  it("normalises the unit and refuses an unknown one", () => {
    expect(parsed({ unit: USDM.toUpperCase(), model: "flat" }).unit).toBe(USDM);
    expect(refused({ unit: "usdm", model: "flat" })[0]).toMatch(/^unit: unknown unit "usdm"/);
    expect(refused({ model: "flat" })).toEqual(["unit: is required"]);
  });

  it("refuses a fractional amount in every amount field, naming the field", () => {
    const fields = [
      "basePrice",
      "outcomePrice",
      "inputPricePer1MTokens",
      "outputPricePer1MTokens",
      "computePricePerSecond",
      "freeCallsPerBuyer",
      "minimumCharge",
    ];
    for (const field of fields) {
      for (const bad of ["1.5", "0.1", "1,5", "1e-3", 1.5]) {
        const problems = refused({ unit: USDM, model: "dynamic", [field]: bad });
        expect(problems, `${field} = ${bad}`).toHaveLength(1);
        expect(problems[0]).toMatch(new RegExp(`^${field}: must be a whole number of .*fraction`));
      }
    }
    expect(refused({ ...FULL, tiers: [{ ...FULL.tiers[0], price: "0.5" }] })).toEqual([
      "tiers[0].price: must be a whole number of base units, not a fraction",
    ]);
    expect(refused({ ...FULL, customUnitPrices: { image: "2.50" } })).toEqual([
      "customUnitPrices.image: must be a whole number of base units, not a fraction",
    ]);
  });

  it("refuses negative, overflowing, numeric and junk amounts, naming the field", () => {
    const base = { unit: USDM, model: "flat" };
    expect(refused({ ...base, basePrice: "-1" })).toEqual(["basePrice: must not be negative"]);
    expect(refused({ ...base, minimumCharge: "9223372036854775808" })).toEqual([
      "minimumCharge: must be at most 9223372036854775807",
    ]);
    expect(refused({ ...base, minimumCharge: "1".repeat(500) })).toEqual([
      "minimumCharge: must be at most 9223372036854775807",
    ]);
    expect(parsed({ ...base, minimumCharge: "9223372036854775807" }).minimumCharge).toBe(
      2n ** 63n - 1n,
    );
    expect(parsed({ ...base, basePrice: "0007" }).basePrice).toBe(7n);
    expect(refused({ ...base, basePrice: 5 })).toEqual([
      'basePrice: must be an integer string of base units, e.g. "1000000"',
    ]);
    expect(refused({ ...base, basePrice: "5 " })).toEqual([
      "basePrice: must be an integer string of base units",
    ]);
    expect(refused({ ...base, basePrice: "0x10" })).toHaveLength(1);
    expect(refused({ ...base, freeCallsPerBuyer: "-2" })).toEqual([
      "freeCallsPerBuyer: must not be negative",
    ]);
  });

  it("refuses unknown fields at every level", () => {
    expect(refused({ unit: USDM, model: "flat", price: "1" })).toEqual([
      "price: is not a field of a price sheet",
    ]);
    expect(refused({ ...FULL, listing: { ...FULL.listing, logo: "x" } })).toEqual([
      "listing.logo: is not a field of a price sheet",
    ]);
    expect(refused({ ...FULL, tiers: [{ ...FULL.tiers[0], seats: "1" }] })).toEqual([
      "tiers[0].seats: is not a field of a price sheet",
    ]);
  });

  it("refuses NUL and lone surrogates in every text, naming the field", () => {
    const nul = "a\u0000b";
    const lone = "a\ud800b";
    for (const key of ["summary", "requestDocs", "responseNotes", "supportUrl"] as const) {
      expect(refused({ ...FULL, listing: { ...FULL.listing, [key]: nul } })[0]).toBe(
        `listing.${key}: must not contain a NUL character (U+0000)`,
      );
      expect(refused({ ...FULL, listing: { ...FULL.listing, [key]: lone } })[0]).toBe(
        `listing.${key}: is not valid Unicode (it holds a lone surrogate)`,
      );
    }
    expect(
      refused({
        ...FULL,
        listing: { ...FULL.listing, integrationLinks: ["https://a.example", nul] },
      }),
    ).toEqual(["listing.integrationLinks[1]: must not contain a NUL character (U+0000)"]);
    expect(refused({ ...FULL, tiers: [{ ...FULL.tiers[0], name: lone }] })).toEqual([
      "tiers[0].name: is not valid Unicode (it holds a lone surrogate)",
    ]);
  });

  it("bounds the listing texts and lists", () => {
    const listing = FULL.listing;
    expect(refused({ ...FULL, listing: { ...listing, summary: "x".repeat(501) } })).toEqual([
      "listing.summary: must be at most 500 characters",
    ]);
    expect(parsed({ ...FULL, listing: { ...listing, summary: "x".repeat(500) } })).toBeTruthy();
    expect(refused({ ...FULL, listing: { ...listing, requestDocs: "x".repeat(10_001) } })).toEqual([
      "listing.requestDocs: must be at most 10000 characters",
    ]);
    expect(refused({ ...FULL, listing: { ...listing, responseNotes: "x".repeat(5_001) } })).toEqual(
      ["listing.responseNotes: must be at most 5000 characters"],
    );
    const links = Array.from({ length: INTEGRATION_LINKS_MAX + 1 }, () => "https://a.example");
    expect(refused({ ...FULL, listing: { ...listing, integrationLinks: links } })).toEqual([
      `listing.integrationLinks: at most ${INTEGRATION_LINKS_MAX} links`,
    ]);
    expect(refused({ ...FULL, listing: { ...listing, supportUrl: "ftp://a.example" } })).toEqual([
      "listing.supportUrl: must be an absolute http or https URL",
    ]);
    expect(refused({ ...FULL, listing: { ...listing, summary: 3 } })).toEqual([
      "listing.summary: must be text",
    ]);
  });

  it("checks tiers: period, name, count and names used twice", () => {
    const tier = FULL.tiers[0]!;
    expect(refused({ ...FULL, tiers: [{ ...tier, period: "hour" }] })).toEqual([
      "tiers[0].period: must be one of day, week, month, year",
    ]);
    expect(refused({ ...FULL, tiers: [{ ...tier, name: " " }] })).toEqual([
      "tiers[0].name: must not be empty",
    ]);
    expect(refused({ ...FULL, tiers: [tier, { ...tier, name: "PRO" }] })).toEqual([
      "tiers[1].name: is already the name of tier [0]",
    ]);
    const many = Array.from({ length: TIERS_MAX + 1 }, (_, i) => ({ ...tier, name: `t${i}` }));
    expect(refused({ ...FULL, tiers: many })).toEqual([`tiers: at most ${TIERS_MAX} tiers`]);
    expect(refused({ ...FULL, tiers: [{ name: "x", period: "day", price: "1" }] })).toEqual([
      "tiers[0].includedCalls: is required",
    ]);
  });

  it("checks custom unit names and their count", () => {
    expect(refused({ ...FULL, customUnitPrices: { Image: "1" } })[0]).toMatch(
      /^customUnitPrices\.Image: a custom unit name/,
    );
    expect(refused({ ...FULL, customUnitPrices: { "": "1" } })).toHaveLength(1);
    const many = Object.fromEntries(
      Array.from({ length: CUSTOM_UNITS_MAX + 1 }, (_, i) => [`u${i}`, "1"]),
    );
    expect(refused({ ...FULL, customUnitPrices: many })).toEqual([
      `customUnitPrices: at most ${CUSTOM_UNITS_MAX} custom units`,
    ]);
    expect(refused({ ...FULL, customUnitPrices: ["1"] })).toEqual([
      "customUnitPrices: must be an object {name: price}",
    ]);
  });

  it("lets each model set only its own usage prices", () => {
    expect(refused({ unit: USDM, model: "flat", inputPricePer1MTokens: "1" })).toEqual([
      "inputPricePer1MTokens: must be 0 for a flat sheet",
    ]);
    expect(refused({ unit: USDM, model: "tokens" })).toEqual([
      "inputPricePer1MTokens: a tokens sheet needs a token price",
    ]);
    expect(
      refused({
        unit: USDM,
        model: "tokens",
        outputPricePer1MTokens: "1",
        computePricePerSecond: "1",
      }),
    ).toEqual(["computePricePerSecond: must be 0 for a tokens sheet"]);
    expect(refused({ unit: USDM, model: "perSecond" })).toEqual([
      "computePricePerSecond: a perSecond sheet needs a price",
    ]);
    expect(
      refused({
        unit: USDM,
        model: "perSecond",
        computePricePerSecond: "1",
        customUnitPrices: { a: "1" },
      }),
    ).toEqual(["customUnitPrices: must be empty for a perSecond sheet"]);
    expect(refused({ unit: USDM, model: "custom" })).toEqual([
      "customUnitPrices: a custom sheet needs a custom unit",
    ]);
    expect(refused({ unit: USDM, model: "metered" })).toEqual([
      "model: must be one of flat, tokens, dynamic, perSecond, custom",
    ]);
    expect(parsed({ unit: USDM, model: "custom", customUnitPrices: { a: "0" } }).model).toBe(
      "custom",
    );
  });

  it("refuses what is not a sheet object and a wrong version", () => {
    for (const raw of [null, "sheet", [], 3]) {
      expect(refused(raw)).toEqual(["must be an object (a price sheet)"]);
    }
    expect(refused({ ...FULL, version: 2 })).toEqual(["version: must be 1"]);
    expect(refused({ ...FULL, enabled: "true" })).toEqual(["enabled: must be true or false"]);
  });

  it("ignores inherited properties (a polluted prototype is not data)", () => {
    const raw = Object.create({ basePrice: "5" }) as Record<string, unknown>;
    raw.unit = USDM;
    raw.model = "flat";
    expect(parsed(raw).basePrice).toBe(0n);
    expect(refused(JSON.parse('{"unit":"","model":"flat","__proto__":{"basePrice":"5"}}'))).toEqual(
      ["__proto__: is not a field of a price sheet"],
    );
    const proto = '{"unit":"","model":"custom","customUnitPrices":{"a":"1","__proto__":{"b":"1"}}}';
    expect(refused(JSON.parse(proto))[0]).toMatch(
      /^customUnitPrices\.__proto__: a custom unit name/,
    );
    expect(refused({ unit: "", model: "flat", basePrice: () => "5" })).toEqual([
      "must be plain JSON data",
    ]);
  });
});

describe("sheetHash", () => {
  it("is the sha256 of the canonical wire form", () => {
    const sheet = parsed(FULL);
    expect(sheetHash(sheet)).toBe(sha256Hex(canonicalize(FULL)));
    expect(sheetHash(sheet)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not change with key order, leading zeros, unit case or written defaults", () => {
    const reversed = Object.fromEntries(Object.entries(FULL).reverse());
    const variant = { ...reversed, basePrice: "00010000", unit: USDM.toUpperCase() };
    expect(sheetHash(parsed(variant))).toBe(sheetHash(parsed(FULL)));
    const short = { unit: USDM, model: "flat" };
    const spelled = { ...short, version: 1, enabled: true, basePrice: "0", tiers: [] };
    expect(sheetHash(parsed(spelled))).toBe(sheetHash(parsed(short)));
  });

  it("changes when any term changes", () => {
    const hash = sheetHash(parsed(FULL));
    const changes = [
      { basePrice: "10001" },
      { enabled: true },
      { unit: TUSDM },
      { customUnitPrices: { image: "30000" } },
      { listing: { ...FULL.listing, summary: "Summarises text!" } },
      { tiers: [{ ...FULL.tiers[0], period: "year" }] },
    ];
    for (const change of changes) expect(sheetHash(parsed({ ...FULL, ...change }))).not.toBe(hash);
  });
});

describe("MIP-002 onto sheets", () => {
  const fixed: Pricing = {
    kind: "fixed",
    prices: [
      { unit: "lovelace", amount: 2_000_000n },
      { unit: USDM, amount: 1_500_000n },
    ],
  };
  const tiered: Pricing = {
    kind: "tiered",
    tiers: [
      { name: "basic", prices: [{ unit: USDM, amount: 1_000_000n }] },
      { name: "deep", prices: [{ unit: USDM, amount: 5_000_000n }] },
    ],
  };

  it("maps Free onto one flat sheet charging nothing", () => {
    expect(sheetsFromMip002({ kind: "free" }, USDM)).toEqual([{ sheet: emptySheet(USDM, "flat") }]);
  });

  it("maps Dynamic onto one dynamic sheet", () => {
    const [mapped, ...rest] = sheetsFromMip002({ kind: "dynamic" }, TUSDM);
    expect(rest).toEqual([]);
    expect(mapped!.sheet.model).toBe("dynamic");
    expect(mapped!.sheet.unit).toBe(TUSDM);
  });

  it("maps Fixed onto one flat sheet per unit, the base price the fixed amount", () => {
    const sheets = sheetsFromMip002(fixed, USDM);
    expect(sheets.map((m) => [m.tierName, m.sheet.unit, m.sheet.model, m.sheet.basePrice])).toEqual(
      [
        [undefined, "lovelace", "flat", 2_000_000n],
        [undefined, USDM, "flat", 1_500_000n],
      ],
    );
  });

  it("maps Fixed with tiers onto one flat sheet per tier and unit", () => {
    const sheets = sheetsFromMip002(tiered, USDM);
    expect(sheets.map((m) => [m.tierName, m.sheet.basePrice])).toEqual([
      ["basic", 1_000_000n],
      ["deep", 5_000_000n],
    ]);
  });

  it("maps every mode onto sheets that do not contradict it and that parse back", () => {
    for (const pricing of [{ kind: "free" }, { kind: "dynamic" }, fixed, tiered] as Pricing[]) {
      for (const { tierName, sheet } of sheetsFromMip002(pricing, USDM)) {
        expect(contradiction(sheet, pricing, tierName)).toBeUndefined();
        expect(parsed(toWireSheet(sheet))).toEqual(sheet);
      }
    }
  });

  it("says why a sheet contradicts Free", () => {
    const free: Pricing = { kind: "free" };
    const sheet = emptySheet(USDM, "flat");
    expect(contradiction({ ...sheet, minimumCharge: 1n }, free)).toMatch(/Free on chain/);
    expect(contradiction({ ...sheet, customUnitPrices: { a: 1n } }, free)).toMatch(/Free/);
    const tier = { name: "t", period: "month" as const, price: 1n, includedCalls: 0n };
    expect(contradiction({ ...sheet, tiers: [tier] }, free)).toMatch(/Free/);
  });

  it("says why a sheet contradicts Fixed and a tier", () => {
    const usdm = { ...emptySheet(USDM, "flat"), basePrice: 1_500_000n };
    expect(contradiction(usdm, fixed)).toBeUndefined();
    expect(contradiction({ ...usdm, unit: TUSDM }, fixed)).toMatch(/names no amount of 16a5/);
    expect(contradiction({ ...usdm, basePrice: 1n }, fixed)).toMatch(/base price is 1$/);
    expect(contradiction({ ...usdm, model: "tokens", inputPricePer1MTokens: 1n }, fixed)).toMatch(
      /but the sheet is tokens/,
    );
    expect(contradiction({ ...usdm, outcomePrice: 1n }, fixed)).toMatch(/per outcome/);
    expect(contradiction({ ...usdm, minimumCharge: 1_500_001n }, fixed)).toMatch(/minimum/);
    const deep = { ...emptySheet(USDM, "flat"), basePrice: 5_000_000n };
    expect(contradiction(deep, tiered, "deep")).toBeUndefined();
    expect(contradiction(deep, tiered)).toMatch(/tier "basic" on chain is 1000000/);
    expect(contradiction(deep, tiered, "nope")).toMatch(/no tier named "nope"/);
  });

  it("lets any sheet stand beside Dynamic, whose price is agreed per job", () => {
    expect(contradiction(parsed(FULL), { kind: "dynamic" })).toBeUndefined();
  });
});
