/**
 * The holder's hash and address, and any V3 script's hash, must be what Mesh computes for the
 * same double-CBOR: the reference script is found on chain by that address and that hash.
 */
import { resolveScriptHash, serializePlutusScript } from "@meshsdk/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressOf } from "../../../contracts/address.ts";
import { escrowFacts } from "./deployment.ts";
import { plutusV3ScriptHash } from "../../../contracts/script-hash.ts";
import { ALWAYS_FAILS_HOLDER_V3, holderFacts } from "./holder.ts";

/** `hex` wrapped in a CBOR byte string head. */
function cborBytes(hex: string): string {
  const length = hex.length / 2;
  const arg = (n: number, width: number) => n.toString(16).padStart(2 * width, "0");
  if (length < 24) return arg(0x40 + length, 1) + hex;
  if (length < 0x100) return "58" + arg(length, 1) + hex;
  if (length < 0x1_0000) return "59" + arg(length, 2) + hex;
  return "5a" + arg(length, 4) + hex;
}

/**
 * Double-CBOR scripts of random flat bytes (a random pattern, repeated), of lengths across the
 * heads' size steps, up to a single-CBOR script with a 5-byte head.
 */
const script = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 20_000 }),
      fc.integer({ min: 65_525, max: 65_545 }),
    ),
    fc.uint8Array({ minLength: 1, maxLength: 32 }),
  )
  .map(([length, pattern]) => {
    const flat = Buffer.from(pattern)
      .toString("hex")
      .repeat(length)
      .slice(0, 2 * length);
    return cborBytes(cborBytes(flat));
  });

const ESCROW_SCRIPT = escrowFacts(
  { adminKeyHashes: ["ad".repeat(28)], disputeThreshold: 1, cooldownMs: 0 },
  "preprod",
).script;

const meshAddress = (code: string, networkId: 0 | 1) =>
  serializePlutusScript({ code, version: "V3" }, undefined, networkId).address;

describe("plutusV3ScriptHash", () => {
  it("hashes any double-CBOR script as Mesh's resolveScriptHash does", () => {
    fc.assert(
      fc.property(script, fc.constantFrom(0 as const, 1 as const), (code, networkId) => {
        const hash = plutusV3ScriptHash(code);
        expect(hash).toBe(resolveScriptHash(code, "V3"));
        expect(addressOf({ networkId, payment: { kind: "script", hash } })).toBe(
          meshAddress(code, networkId),
        );
      }),
      { numRuns: 200 },
    );
    expect(plutusV3ScriptHash(ESCROW_SCRIPT.cbor)).toBe(ESCROW_SCRIPT.hash);
  });

  it("refuses what is not one definite-length byte string", () => {
    for (const code of ["", "00", "8100", "5f4100ff", "4600", "460101", "4101ff"])
      expect(() => plutusV3ScriptHash(code), code).toThrow(/byte string|length/);
  });
});

describe("holderFacts", () => {
  it("gives the hash and address Mesh gives on both networks", () => {
    for (const networkId of [0, 1] as const) {
      expect(holderFacts(networkId)).toEqual({
        hash: resolveScriptHash(ALWAYS_FAILS_HOLDER_V3, "V3"),
        address: meshAddress(ALWAYS_FAILS_HOLDER_V3, networkId),
      });
    }
    // Written out, so a change to the holder script or its hashing shows here.
    const hash = "ebb18a12777410738fdeaa77ec0fd582685d677b6b34de9a6e3b6d7e";
    expect(holderFacts(0)).toEqual({
      hash,
      address: "addr_test1wr4mrzsjwa6pquu0m6480mq06kpxsht80d4nfh56dcak6lsejdm28",
    });
    expect(holderFacts(1)).toEqual({
      hash,
      address: "addr1w84mrzsjwa6pquu0m6480mq06kpxsht80d4nfh56dcak6lsz6e89z",
    });
  });
});
