import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, SecretBoxError } from "./secret-box.ts";

const KEY = "11".repeat(32);
const OTHER_KEY = "22".repeat(32);

describe("secret box", () => {
  it("round-trips any text under the same key and owner", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (plain, owner) => {
        expect(openSecret(KEY, sealSecret(KEY, plain, owner), owner)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });

  it("never stores the plaintext and uses a fresh nonce each time", () => {
    const a = sealSecret(KEY, "abandon ability able", "addr1");
    const b = sealSecret(KEY, "abandon ability able", "addr1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("abandon");
  });

  it.each([
    ["the wrong key", OTHER_KEY, "addr1", (s: string) => s],
    ["another owner", KEY, "addr2", (s: string) => s],
    [
      "a flipped ciphertext byte",
      KEY,
      "addr1",
      (s: string) => {
        const parts = s.split(":");
        const ct = Buffer.from(parts[3]!, "base64");
        ct[0]! ^= 1;
        parts[3] = ct.toString("base64");
        return parts.join(":");
      },
    ],
    ["an unknown version", KEY, "addr1", (s: string) => s.replace(/^v1/, "v9")],
  ])("refuses to open with %s", (_name, key, owner, tamper) => {
    const sealed = tamper(sealSecret(KEY, "secret words", "addr1"));
    expect(() => openSecret(key, sealed, owner)).toThrow(SecretBoxError);
  });
});
