/**
 * Our minimum-UTxO pricing must give what Mesh's `getOutputMinLovelace` gives, to the lovelace,
 * for any address kind, value, inline datum and reference script: the node sizes outputs with
 * ours, and transactions are checked against the ledger's rule that Mesh implements.
 */
import { getOutputMinLovelace, type Asset } from "@meshsdk/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressOf, type AddressParts, type Credential } from "../../../contracts/address.ts";
import {
  type PlutusData,
  pBytes,
  pConstr,
  pInt,
  pList,
  toCbor,
} from "../../../contracts/plutus-data.ts";
import { escrowFacts } from "./deployment.ts";
import { ALWAYS_FAILS_HOLDER_V3 } from "./holder.ts";
import { minLovelace, outputMinLovelace, type SizedOutput } from "./value.ts";

const ENTERPRISE = "addr_test1wpnlxv2xv9a9ucvnvzqakwepzl9ltx7jzgm53av2e9ncv4sysemm8";
const BASE =
  "addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3jcu5d8ps7zex2k2xt3uqxgjqnnj83ws8lhrn648jjxtwq2ytjqp";
const USDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
const ESCROW_SCRIPT = escrowFacts(
  { adminKeyHashes: ["ad".repeat(28)], disputeThreshold: 1, cooldownMs: 0 },
  "preprod",
).script.cbor;

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const hexBytes = (length: number) =>
  fc.uint8Array({ minLength: length, maxLength: length }).map(hex);

/** Mesh's price for the same output. */
const mesh = (o: SizedOutput, coinsPerUtxoSize: number): bigint =>
  getOutputMinLovelace(
    {
      address: o.address,
      amount: o.amount.map((a) => ({ ...a })),
      ...(o.datum !== undefined && {
        datum: { type: "Inline", data: { type: "CBOR", content: o.datum } },
      }),
      ...(o.referenceScriptV3 !== undefined && {
        referenceScript: { code: o.referenceScriptV3, version: "V3" },
      }),
    },
    coinsPerUtxoSize,
  );

/** The head of a CBOR byte string of `length` bytes. */
function bytesHead(length: number): string {
  const arg = (n: number, width: number) => n.toString(16).padStart(2 * width, "0");
  if (length < 24) return arg(0x40 + length, 1);
  if (length < 0x100) return "58" + arg(length, 1);
  if (length < 0x1_0000) return "59" + arg(length, 2);
  return "5a" + arg(length, 4);
}

/**
 * Plutus data CBOR of exactly `length` bytes (1 to 65,538), filled from `fill`: one byte
 * string, or a one-element list of one where no byte string has that length (a head steps
 * from 1 to 2 bytes at 24 and from 2 to 3 at 256).
 */
function datumOfLength(length: number, fill: string): string {
  const bytes = (total: number): string | undefined => {
    const headBytes = total <= 24 ? 1 : total <= 257 ? 2 : 3;
    const content = total - headBytes;
    if (content < 0 || bytesHead(content).length / 2 !== headBytes) return undefined;
    return bytesHead(content) + fill.repeat(content * 2).slice(0, content * 2);
  };
  const datum = bytes(length) ?? "81" + bytes(length - 1);
  if (datum.length !== 2 * length) throw new Error(`no datum of ${length} bytes`);
  return datum;
}

const credential: fc.Arbitrary<Credential> = fc.record({
  kind: fc.constantFrom("key" as const, "script" as const),
  hash: hexBytes(28),
});
/** Base and enterprise addresses on both networks. */
const address: fc.Arbitrary<string> = fc
  .record(
    { networkId: fc.constantFrom(0 as const, 1 as const), payment: credential, stake: credential },
    { requiredKeys: ["networkId", "payment"] },
  )
  .map((p: AddressParts) => addressOf(p));

/** A uint64 up to `max`, often one at a step of its CBOR head's width. */
const uint = (max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(
    fc.bigInt({ min: 0n, max }),
    fc.constantFrom(
      ...[23n, 24n, 255n, 256n, 65_535n, 65_536n, 2n ** 32n - 1n, 2n ** 32n, max].filter(
        (n) => n <= max,
      ),
    ),
  );

/**
 * A few policies and asset names (0 to 32 bytes), combined into up to 10 entries with any
 * uint64 quantity: drawn from small pools, so a unit is often listed twice.
 */
const tokens: fc.Arbitrary<Asset[]> = fc
  .tuple(
    fc.array(hexBytes(28), { minLength: 1, maxLength: 4 }),
    fc.array(fc.integer({ min: 0, max: 32 }).chain(hexBytes), { minLength: 1, maxLength: 6 }),
  )
  .chain(([policies, names]) =>
    fc.array(
      fc.record({
        unit: fc
          .tuple(fc.constantFrom(...policies), fc.constantFrom(...names))
          .map(([policy, name]) => policy + name),
        quantity: uint(2n ** 64n - 1n).map(String),
      }),
      { maxLength: 10 },
    ),
  );

/** A value: tokens, with a lovelace entry (0 to 45e15) anywhere among them, or none. */
const amount: fc.Arbitrary<Asset[]> = fc
  .tuple(tokens, fc.option(uint(45_000_000_000_000_000n)), fc.nat())
  .map(([assets, lovelace, at]) => {
    if (lovelace === null) return assets;
    const out = [...assets];
    out.splice(at % (out.length + 1), 0, { unit: "lovelace", quantity: String(lovelace) });
    return out;
  });

const datum: fc.Arbitrary<string | undefined> = fc.option(
  fc
    .tuple(fc.integer({ min: 1, max: 20_000 }), hexBytes(1))
    .map(([length, fill]) => datumOfLength(length, fill)),
  { nil: undefined },
);

/** Double-CBOR V3 scripts: the escrow's, the holder's, or random bytes of any length. */
const referenceScript: fc.Arbitrary<string | undefined> = fc.option(
  fc.oneof(
    fc.constantFrom(ESCROW_SCRIPT, ALWAYS_FAILS_HOLDER_V3),
    fc.integer({ min: 0, max: 20_000 }).map((length) => {
      const flat = "01".repeat(length);
      const single = bytesHead(length) + flat;
      return bytesHead(single.length / 2) + single;
    }),
  ),
  { nil: undefined },
);

const coinsPerUtxoSize = fc.oneof(fc.constant(4310), fc.integer({ min: 1, max: 100_000 }));

const plutusData: fc.Arbitrary<PlutusData> = fc.letrec<{ data: PlutusData }>((tie) => ({
  data: fc.oneof(
    { depthSize: "small" },
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => pInt(n)),
    fc.uint8Array({ maxLength: 64 }).map((b) => pBytes(hex(b))),
    fc.array(tie("data"), { maxLength: 12 }).map((items) => pList(items)),
    fc.tuple(fc.nat(6), fc.array(tie("data"), { maxLength: 12 })).map(([i, f]) => pConstr(i, f)),
  ),
})).data;

describe("outputMinLovelace", () => {
  it("equals Mesh's getOutputMinLovelace for any address, value, datum and script", () => {
    fc.assert(
      fc.property(
        fc.record({ address, amount, datum, referenceScriptV3: referenceScript }),
        coinsPerUtxoSize,
        (o, coins) => {
          expect(outputMinLovelace(o, coins)).toBe(mesh(o, coins));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("equals it across the head steps of the datum's and the script's lengths", () => {
    const amount = [{ unit: "lovelace", quantity: "1000000" }];
    const lengths = [1, 23, 24, 25, 26, 27, 255, 256, 257, 258, 259, 260, 1000, 65_538];
    for (const length of lengths) {
      const o = { address: BASE, amount, datum: datumOfLength(length, "ab") };
      expect(outputMinLovelace(o, 4310), `datum of ${length}`).toBe(mesh(o, 4310));
      const single = bytesHead(length) + "02".repeat(length);
      const script = bytesHead(single.length / 2) + single;
      const s = { address: ENTERPRISE, amount, referenceScriptV3: script };
      expect(outputMinLovelace(s, 4310), `script of ${length}`).toBe(mesh(s, 4310));
    }
  });

  it("prices fixed outputs as Mesh does, settled or not after its three rounds", () => {
    const cases: [SizedOutput, number, bigint][] = [
      // [address, coin]: 1 + 31 + 1 bytes at coin 0, then 1 + 31 + 5 once priced.
      [{ address: ENTERPRISE, amount: [] }, 4310, 849_070n],
      // 193 × 337 fits in 3 bytes, 195 × 337 no longer does: priced a third time.
      [{ address: ENTERPRISE, amount: [] }, 337, 66_389n],
      // A coin of 45e15 takes 9 bytes: the answer is priced with it, and is far below it.
      [
        { address: ENTERPRISE, amount: [{ unit: "lovelace", quantity: "45000000000000000" }] },
        4310,
        866_310n,
      ],
      // {0: 2 + 57, 1: [coin 5, {28 + 2: {9 + 1: 5}}] in 53, 2: [1, #6.24(3 + 300)]}: 423 bytes.
      [
        {
          address: BASE,
          amount: [
            { unit: "lovelace", quantity: "2000000" },
            { unit: USDM, quantity: "5000000" },
          ],
          datum: datumOfLength(300, "00"),
        },
        4310,
        2_512_730n,
      ],
    ];
    for (const [o, coins, expected] of cases) {
      expect(mesh(o, coins)).toBe(expected);
      expect(outputMinLovelace(o, coins)).toBe(expected);
    }
  });

  it("refuses units and quantities an output cannot hold", () => {
    const price = (unit: string, quantity: string) =>
      outputMinLovelace({ address: BASE, amount: [{ unit, quantity }] }, 4310);
    expect(() => price("lovelace", "-1")).toThrow(/bad quantity/);
    expect(() => price(USDM, String(2n ** 64n))).toThrow(/bad quantity/);
    expect(() => price(USDM.toUpperCase(), "1")).toThrow(/not an asset unit/);
    expect(() => price(USDM + "00".repeat(30), "1")).toThrow(/not an asset unit/);
  });
});

describe("minLovelace", () => {
  it("equals Mesh's sizing with the real datum", () => {
    fc.assert(
      fc.property(
        plutusData,
        fc.constantFrom(ENTERPRISE, BASE),
        fc.bigInt({ min: 0n, max: 2n ** 60n }),
        fc.bigInt({ min: 1n, max: 2n ** 60n }),
        (d, address, lovelace, usdm) => {
          const amount = [
            { unit: "lovelace", quantity: String(lovelace) },
            { unit: USDM, quantity: String(usdm) },
          ];
          expect(minLovelace(address, amount, d, 4310)).toBe(
            mesh({ address, amount, datum: toCbor(d) }, 4310),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("sizes an output without a datum as Mesh does", () => {
    const amount = [{ unit: "lovelace", quantity: "5" }];
    expect(minLovelace(BASE, amount, undefined, 4310)).toBe(mesh({ address: BASE, amount }, 4310));
  });
});
