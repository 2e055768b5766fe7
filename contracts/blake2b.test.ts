import { core } from "@meshsdk/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blake2bHex } from "./blake2b.ts";

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("blake2bHex", () => {
  it("hashes as Mesh's core.blake2b.hash does, for 0 to 2,000 bytes at 28 and 32 bytes out", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(28, 32),
        (bytes, outputBytes) => {
          const hex = hexOf(bytes);
          expect(blake2bHex(hex, outputBytes)).toBe(
            core.blake2b.hash(core.HexBlob(hex), outputBytes),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads upper-case hex as Mesh does and always answers in lower case", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const upper = hexOf(bytes).toUpperCase();
        const hash = blake2bHex(upper, 28);
        expect(hash).toBe(core.blake2b.hash(upper as never, 28));
        expect(hash).toMatch(/^[0-9a-f]{56}$/);
      }),
    );
  });

  it("refuses malformed hex and impossible lengths instead of hashing a part of them", () => {
    expect(() => blake2bHex("abc", 28)).toThrow(/hex/);
    expect(() => blake2bHex("zz", 28)).toThrow(/hex/);
    expect(() => blake2bHex("00", 0)).toThrow(/1 to 64/);
    expect(() => blake2bHex("00", 65)).toThrow(/1 to 64/);
    expect(() => blake2bHex("00", 28.5)).toThrow(/1 to 64/);
  });
});
