/**
 * minLovelace sizes an output with a stand-in datum of the real datum's length; Mesh sizing it
 * with the real datum must give the same lovelace, for any datum (sizes across the CBOR header
 * steps included), any address kind and any value.
 */
import { getOutputMinLovelace } from "@meshsdk/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PlutusData,
  pBytes,
  pConstr,
  pInt,
  pList,
  toCbor,
} from "../../../contracts/plutus-data.ts";
import { minLovelace, sizedStandIn } from "./value.ts";

const ADDRESSES = [
  "addr_test1wpnlxv2xv9a9ucvnvzqakwepzl9ltx7jzgm53av2e9ncv4sysemm8",
  "addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3jcu5d8ps7zex2k2xt3uqxgjqnnj83ws8lhrn648jjxtwq2ytjqp",
];
const USDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";

const plutusData: fc.Arbitrary<PlutusData> = fc.letrec<{ data: PlutusData }>((tie) => ({
  data: fc.oneof(
    { depthSize: "small" },
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => pInt(n)),
    fc.uint8Array({ maxLength: 64 }).map((b) => pBytes(Buffer.from(b).toString("hex"))),
    fc.array(tie("data"), { maxLength: 12 }).map((items) => pList(items)),
    fc.tuple(fc.nat(6), fc.array(tie("data"), { maxLength: 12 })).map(([i, f]) => pConstr(i, f)),
  ),
})).data;

const real = (address: string, amount: { unit: string; quantity: string }[], d: PlutusData) =>
  getOutputMinLovelace(
    { address, amount, datum: { type: "Inline", data: { type: "CBOR", content: toCbor(d) } } },
    4310,
  );

describe("minLovelace", () => {
  it("equals Mesh's sizing with the real datum", () => {
    fc.assert(
      fc.property(
        plutusData,
        fc.constantFrom(...ADDRESSES),
        fc.bigInt({ min: 0n, max: 2n ** 60n }),
        fc.bigInt({ min: 1n, max: 2n ** 60n }),
        (d, address, lovelace, usdm) => {
          const amount = [
            { unit: "lovelace", quantity: String(lovelace) },
            { unit: USDM, quantity: String(usdm) },
          ];
          expect(minLovelace(address, amount, d, 4310)).toBe(real(address, amount, d));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("equals it across the header steps of the datum's length", () => {
    const amount = [{ unit: "lovelace", quantity: "1000000" }];
    for (const length of [1, 23, 24, 25, 26, 27, 255, 256, 257, 258, 259, 260, 1000]) {
      // A byte string datum whose CBOR is `length` long, whatever its own header.
      const standIn = sizedStandIn(length);
      expect(standIn.length / 2).toBe(length);
      const d = { bytes: standIn.slice(-2 * Math.max(0, length - 3)) } as PlutusData;
      expect(minLovelace(ADDRESSES[0]!, amount, d, 4310)).toBe(real(ADDRESSES[0]!, amount, d));
    }
  });

  it("sizes an output without a datum as Mesh does", () => {
    const amount = [{ unit: "lovelace", quantity: "5" }];
    expect(minLovelace(ADDRESSES[1]!, amount, undefined, 4310)).toBe(
      getOutputMinLovelace({ address: ADDRESSES[1]!, amount }, 4310),
    );
  });
});
