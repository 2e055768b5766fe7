import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  inputHash,
  isHash64Hex,
  isIdentifierFromPurchaser,
  parseHash64Hex,
  resultHash,
  sha256Hex,
} from "./mip004.ts";

const ID = "aabbaabb11221122aabb";

// Expected values computed independently (Python's hashlib over the bytes written out by hand).
describe("inputHash", () => {
  it("hashes the identifier, a semicolon and the canonical JSON of the input", () => {
    // Keys out of order and whitespace on purpose: only the canonical form is hashed.
    const input = JSON.parse('{ "text": "café", "b": [true, null], "a": 1.0 }');
    expect(inputHash(ID, input)).toEqual({
      ok: true,
      hash: "d52b304689e65e4a85cbe670b4b19a8b9ccb94a1954a45be329e05474d4f486b",
    });
  });

  it("hashes an empty string input as its JSON text", () => {
    expect(inputHash(ID, "")).toEqual({
      ok: true,
      hash: "f198ccaf78ecace5fb4e3a414ce90bc814722b60329e260b2ce927ae7b02ecb4",
    });
  });

  it("gives different hashes for different identifiers and inputs", () => {
    const a = inputHash(ID, { x: 1 });
    const b = inputHash("aabbaabb11221122aabc", { x: 1 });
    const c = inputHash(ID, { x: 2 });
    const upper = inputHash(ID.toUpperCase(), { x: 1 });
    const hashes = [a, b, c, upper].map((r) => (r.ok ? r.hash : r.reason));
    expect(new Set(hashes).size).toBe(4);
  });

  it("refuses input JSON cannot hold, naming where", () => {
    const result = inputHash(ID, JSON.parse('{"n":[1e400]}'));
    expect(result).toEqual({
      ok: false,
      reason: "input data at $.n[0]: Infinity is not a JSON number",
    });
    expect(inputHash(ID, undefined).ok).toBe(false);
    expect(inputHash(ID, { amount: 1n }).ok).toBe(false);
  });

  it("is independent of key order and always 64 lowercase hex", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        const a = inputHash(ID, obj);
        expect(a).toEqual(inputHash(ID, reversed));
        expect(a.ok && isHash64Hex(a.hash)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("resultHash", () => {
  it("hashes the identifier, a semicolon and the output text as UTF-8", () => {
    expect(resultHash(ID, "Hello, wörld")).toBe(
      "b33486dab881ee92ce9105f5dd66e523f6c8f6738a5a0844869de2c0701eda00",
    );
    expect(resultHash(ID, "")).toBe(
      "55a0785d5b0635322fb211ecd93907a30156d22cf64cdf4bf345372bb9b04f24",
    );
  });

  it("does not canonicalise the output: it is text, hashed as given", () => {
    expect(resultHash(ID, '{"a":1}')).not.toBe(resultHash(ID, '{ "a": 1 }'));
    expect(resultHash(ID, '""')).toBe(sha256Hex(`${ID};""`));
  });
});

describe("validators", () => {
  const hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  it("isHash64Hex takes exactly 64 lowercase hex characters", () => {
    expect(isHash64Hex(hash)).toBe(true);
    for (const bad of [
      hash.toUpperCase(),
      hash.slice(1),
      `${hash}0`,
      `${hash.slice(1)}g`,
      ` ${hash.slice(1)}`,
      `${hash}\n`,
      "",
      64,
      null,
    ]) {
      expect(isHash64Hex(bad), String(bad)).toBe(false);
    }
  });

  it("parseHash64Hex accepts either case and returns lowercase", () => {
    expect(parseHash64Hex(hash.toUpperCase())).toBe(hash);
    expect(parseHash64Hex(hash)).toBe(hash);
    expect(parseHash64Hex(`0x${hash.slice(2)}`)).toBeUndefined();
    expect(parseHash64Hex(hash.slice(2))).toBeUndefined();
    expect(parseHash64Hex(undefined)).toBeUndefined();
  });

  it("isIdentifierFromPurchaser takes 14 to 26 hex characters in whole bytes", () => {
    for (const good of ["aabbccddeeff00", "AABBccddEEFF0011", "a".repeat(26), ID]) {
      expect(isIdentifierFromPurchaser(good), good).toBe(true);
    }
    for (const bad of [
      "a".repeat(12),
      "a".repeat(28),
      "a".repeat(15), // half a byte
      "aabbccddeeff0g",
      "aabbccddeeff00 ",
      "0xaabbccddeeff00",
      "",
      12345678901234,
    ]) {
      expect(isIdentifierFromPurchaser(bad), String(bad)).toBe(false);
    }
  });
});
