import { MeshTxBuilder } from "@meshsdk/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outputUnits } from "./tx-body.ts";
import { outputsOfTx } from "./tx-outputs.ts";

const ADDRESS =
  "addr_test1qpss372fg0gxs5g552l5qf6utp6z5xsmkqnpk0x95enwxkh6arc4wf9ktx477kralec3d7t6mf4dkhllk0qg9zr858ssdcw7lz";
const hexOf = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString("hex"));
const asset = fc.record({
  policy: fc.constantFrom("aa".repeat(28), "bb".repeat(28), "0c".repeat(28)),
  name: fc.integer({ min: 0, max: 32 }).chain(hexOf),
  quantity: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
});
const output = fc.record({
  assets: fc.uniqueArray(asset, { maxLength: 6, selector: (a) => a.policy + a.name }),
  datum: fc.option(fc.integer({ min: 1, max: 40 }).chain(hexOf), { nil: undefined }),
});

/** A transaction Mesh writes: one input holding all, the outputs, change back. */
async function meshTx(
  outputs: { assets: { policy: string; name: string; quantity: bigint }[]; datum?: string }[],
) {
  // The input holds what the outputs take (a unit may go to several of them).
  const held = new Map<string, bigint>();
  for (const a of outputs.flatMap((o) => o.assets))
    held.set(a.policy + a.name, (held.get(a.policy + a.name) ?? 0n) + a.quantity);
  const b = new MeshTxBuilder();
  b.txIn(
    "11".repeat(32),
    0,
    [
      { unit: "lovelace", quantity: "900000000000" },
      ...[...held].map(([unit, quantity]) => ({ unit, quantity: quantity.toString() })),
    ],
    ADDRESS,
    0,
  );
  for (const o of outputs) {
    b.txOut(ADDRESS, [
      { unit: "lovelace", quantity: "5000000" },
      ...o.assets.map((a) => ({ unit: a.policy + a.name, quantity: a.quantity.toString() })),
    ]);
    // An inline datum makes Mesh write the output as a map, without one as an array.
    if (o.datum !== undefined)
      b.txOutInlineDatumValue(
        `58${(o.datum.length / 2).toString(16).padStart(2, "0")}${o.datum}`,
        "CBOR",
      );
  }
  return b.changeAddress(ADDRESS).complete();
}

describe("outputUnits", () => {
  it("reads the units of every output as Mesh's decoder does, array or map outputs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(output, { minLength: 1, maxLength: 5 }), async (outputs) => {
        const cbor = await meshTx(outputs);
        const decoded = outputsOfTx(cbor);
        for (let i = 0; i < decoded.length; i++) {
          const want = decoded[i]!.output.amount.map((a) => a.unit).filter((u) => u !== "lovelace");
          expect(outputUnits(cbor, i).sort()).toEqual(want.sort());
        }
        expect(() => outputUnits(cbor, decoded.length)).toThrow("has no output");
      }),
      { numRuns: 40 },
    );
  });

  it("refuses what is not a transaction, or cut short, or nested without end", () => {
    expect(() => outputUnits("", 0)).toThrow("ends early");
    expect(() => outputUnits("a0", 0)).toThrow("expected major type 4");
    expect(() => outputUnits("84a1", 0)).toThrow("ends early");
    // A body whose key 0 holds 100 nested arrays: refused, not recursed into.
    expect(() => outputUnits(`84a100${"81".repeat(100)}00`, 0)).toThrow("nests too deep");
  });
});
