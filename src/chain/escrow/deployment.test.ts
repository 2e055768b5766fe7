/** The reference output's lovelace must be what Mesh prices it at, for any parameters' script. */
import { getOutputMinLovelace } from "@meshsdk/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Network } from "../network.ts";
import { escrowFacts, referenceLovelace, type EscrowFacts } from "./deployment.ts";

const meshReferenceLovelace = (facts: EscrowFacts, coinsPerUtxoSize: number): bigint =>
  getOutputMinLovelace(
    {
      address: facts.holderAddress,
      amount: [{ unit: "lovelace", quantity: "100000000" }],
      referenceScript: { code: facts.script.cbor, version: "V3" },
    },
    coinsPerUtxoSize,
  );

/** Escrows of one to five admins on both networks: scripts of different lengths. */
const facts: EscrowFacts[] = (["preprod", "mainnet"] as Network[]).flatMap((network) =>
  [1, 2, 5].map((admins) =>
    escrowFacts(
      {
        adminKeyHashes: Array.from({ length: admins }, (_, i) => (10 + i).toString(16).repeat(56)),
        disputeThreshold: 1,
        cooldownMs: 3_600_000,
      },
      network,
    ),
  ),
);

describe("referenceLovelace", () => {
  it("prices the reference output as Mesh's getOutputMinLovelace does", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...facts),
        fc.oneof(fc.constant(4310), fc.integer({ min: 1, max: 100_000 })),
        (f, coins) => {
          expect(referenceLovelace(f, coins)).toBe(meshReferenceLovelace(f, coins));
        },
      ),
      { numRuns: 300 },
    );
    for (const f of facts) expect(referenceLovelace(f, 4310)).toBe(meshReferenceLovelace(f, 4310));
  });
});
