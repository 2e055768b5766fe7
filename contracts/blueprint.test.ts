/** The committed blueprint is fresh, and the runtime reader applies parameters correctly. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveScriptHash } from "@meshsdk/core";
import {
  assertEscrowParameters,
  BLUEPRINT_TITLES,
  escrowAddress,
  escrowRewardAddress,
  escrowScript,
  readBlueprint,
  registryScript,
  toMeshScript,
  type EscrowParameters,
} from "./blueprint.ts";
import { buildBlueprint } from "./build.ts";

const ADMINS = ["a1", "b2", "c3"].map((x) => x.repeat(28));
const PARAMS: EscrowParameters = {
  adminKeyHashes: ADMINS,
  disputeThreshold: 2,
  cooldownMs: 600_000,
};

describe("plutus.json", () => {
  it("is what a fresh build writes (run `npm run contracts:build` if not)", () => {
    const committed = JSON.parse(readFileSync(new URL("./plutus.json", import.meta.url), "utf8"));
    expect(buildBlueprint()).toEqual(committed);
  });

  it("declares Plutus V3 and hashes that match the compiled code", () => {
    const bp = readBlueprint();
    expect(bp.preamble.plutusVersion).toBe("v3");
    expect(bp.validators.map((v) => v.title).sort()).toEqual(
      Object.values(BLUEPRINT_TITLES).sort(),
    );
    for (const v of bp.validators)
      expect(resolveScriptHash(toMeshScript(v.compiledCode), "V3")).toBe(v.hash);
  });
});

describe("applying parameters", () => {
  it("gives a deterministic script whose hash depends on the parameters", () => {
    const a = escrowScript(PARAMS);
    expect(escrowScript(PARAMS)).toEqual(a);
    expect(escrowScript({ ...PARAMS, cooldownMs: 1 }).hash).not.toBe(a.hash);
    expect(a.hash).not.toBe(readBlueprint().validators[0]?.hash);
    // ~4,240 bytes since metered escrow (claims, partial refunds, vouchers, Accept): a bound,
    // so a change that doubles a shared body (every copy is script size) is noticed.
    expect(a.sizeBytes).toBeLessThanOrEqual(4_300);
  });

  it("derives the escrow's addresses from the script hash", () => {
    const { hash } = escrowScript(PARAMS);
    expect(escrowAddress(hash, 0)).toMatch(/^addr_test1w/);
    expect(escrowAddress(hash, 1)).toMatch(/^addr1w/);
    expect(escrowAddress(hash, 0, { hash: ADMINS[0] as string, isScript: false })).toMatch(
      /^addr_test1z/,
    );
    expect(escrowRewardAddress(hash, 0)).toMatch(/^stake_test17/);
  });

  it("refuses parameters that would make an unusable or unsafe escrow", () => {
    const bad: Partial<EscrowParameters>[] = [
      { adminKeyHashes: [ADMINS[0] as string, ADMINS[0] as string] },
      { adminKeyHashes: ["abc"] },
      { disputeThreshold: 0 },
      { disputeThreshold: 4 },
      { cooldownMs: -1 },
    ];
    for (const b of bad) expect(() => assertEscrowParameters({ ...PARAMS, ...b })).toThrow();
  });

  it("reads the registry policy (no parameters)", () => {
    expect(registryScript().hash).toBe(
      readBlueprint().validators.find((v) => v.title === BLUEPRINT_TITLES.registryMint)?.hash,
    );
  });
});
