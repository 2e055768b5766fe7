/**
 * The client's MIP-004 hashes (Web Crypto, the canonicalize package) agree with the node's
 * (node:crypto, its own JCS) on any JSON input, so a buyer's check and a seller's hash never
 * disagree about the same job; and the x402 headers survive the trip through base64.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as node from "../../../src/domain/mip004.ts";
import {
  inputHash,
  isIdentifierFromPurchaser,
  randomIdentifierFromPurchaser,
  resultHash,
} from "./mip004.ts";
import { decodeHeader, encodeHeader, readProof } from "./x402.ts";

const identifier = fc
  .uint8Array({ minLength: 7, maxLength: 13 })
  .map((b) => Buffer.from(b).toString("hex"));

describe("MIP-004 hashes", () => {
  it("match the node's for any JSON input and any output text", async () => {
    await fc.assert(
      fc.asyncProperty(identifier, fc.jsonValue(), fc.string(), async (id, input, output) => {
        const expected = node.inputHash(id, input);
        expect(expected.ok).toBe(true);
        expect(await inputHash(id, input)).toBe((expected as { hash: string }).hash);
        expect(await resultHash(id, output)).toBe(node.resultHash(id, output));
      }),
      { numRuns: 300 },
    );
  });

  it("matches a fixed vector, key order and number spelling included", async () => {
    const input = { b: [1, 2.5, 1e21], a: "é" };
    expect(await inputHash("abcdef0123456789", input)).toBe(
      node.sha256Hex('abcdef0123456789;{"a":"é","b":[1,2.5,1e+21]}'),
    );
  });

  it("refuses what JSON cannot hold", async () => {
    await expect(inputHash("ab".repeat(7), { n: Number.NaN })).rejects.toThrow();
    await expect(inputHash("ab".repeat(7), undefined)).rejects.toThrow();
  });

  it("makes purchaser identifiers the node accepts", () => {
    for (let i = 0; i < 20; i++) {
      const id = randomIdentifierFromPurchaser();
      expect(isIdentifierFromPurchaser(id)).toBe(true);
      expect(node.isIdentifierFromPurchaser(id)).toBe(true);
    }
    for (const bad of ["ab".repeat(6), "ab".repeat(14), "abc".repeat(5), "zz".repeat(7), 7]) {
      expect(isIdentifierFromPurchaser(bad)).toBe(false);
    }
  });
});

describe("x402 headers", () => {
  it("round-trip any JSON through base64, and refuse anything else", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(decodeHeader(encodeHeader(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(decodeHeader("%%%")).toBeUndefined();
    expect(decodeHeader(btoa("\xff\xfe"))).toBeUndefined();
    expect(decodeHeader("A".repeat(20_000))).toBeUndefined();
    expect(decodeHeader(null)).toBeUndefined();
  });

  it("read a proof only of the escrow scheme, with an identifier of sane length", () => {
    const proof = (payload: unknown, scheme = "cardano-escrow") =>
      encodeHeader({ x402Version: 1, scheme, network: "cardano-preprod", payload });
    expect(readProof(proof({ blockchainIdentifier: "abc" }))?.payload.blockchainIdentifier).toBe(
      "abc",
    );
    expect(readProof(proof({ blockchainIdentifier: "abc" }, "exact"))).toBeUndefined();
    expect(readProof(proof({ blockchainIdentifier: "" }))).toBeUndefined();
    expect(readProof(proof({ blockchainIdentifier: 7 }))).toBeUndefined();
    expect(readProof(proof({ blockchainIdentifier: "a".repeat(8001) }))).toBeUndefined();
    expect(readProof(proof(null))).toBeUndefined();
  });
});
