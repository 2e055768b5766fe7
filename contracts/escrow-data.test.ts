/** The off-chain encoders and rules: round trips, shapes, and the datum the validator expects. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deserializeDatum, serializeData } from "@meshsdk/core";
import {
  decodeEscrowBatch,
  decodeEscrowDatum,
  assetPosition,
  escrowBatch,
  escrowDatum,
  escrowReference,
  inputPositions,
  payoutTag,
  splitUnit,
  type EscrowDatum,
} from "./escrow-data.ts";
import { largestDatum, nextDatum, refusal } from "./escrow-rules.ts";
import { DATUM_FIELD_COUNT, DatumField, StepTag } from "./escrow/layout.ts";
import { fromCbor, toCbor, type PlutusData } from "./plutus-data.ts";
import {
  registryAssetName,
  registryStem,
  registryVersion,
  nextRegistryAssetName,
} from "./registry-data.ts";

const BUYER =
  "addr_test1qz8cnae526x3hrrgsmsutukvdgzhfkw98qs5vgcewpv3ddlk84vtr7c4pw2clleytkgpy62ac3d44vurqgehcxt79f8s7dcwjz";
const SELLER = "addr_test1vpvx0sacufuypa2k4sngk7q40zc5c4npl337uusdh64kv0c7e4cxr";
const SCRIPT = "addr_test1wpg7gfdmc3srsgzkd8lz7m5ljr3z8eewg4v86tkayvju0cs6sez5x";

const DATUM: EscrowDatum = {
  state: "FundsLocked",
  resultHash: "",
  buyerCooldownMs: 0,
  sellerCooldownMs: 0,
  buyer: BUYER,
  seller: SELLER,
  reference: "aa".repeat(16),
  inputHash: "11".repeat(32),
  submitResultTimeMs: 1_800_000_000_000,
  unlockTimeMs: 1_800_021_600_000,
  externalDisputeUnlockTimeMs: 1_800_043_200_000,
  buyerLovelace: 2_000_000n,
  claim: null,
  voucherTotal: 0n,
  autoRelease: false,
};

describe("escrow datum", () => {
  it("round-trips through CBOR", () => {
    const data = escrowDatum(DATUM);
    expect(decodeEscrowDatum(fromCbor(toCbor(data)), 0)).toEqual(DATUM);
    expect("fields" in data && data.fields.length).toBe(DATUM_FIELD_COUNT);
  });

  it("refuses a buyer or seller whose payment credential is a script", () => {
    expect(() => escrowDatum({ ...DATUM, buyer: SCRIPT })).toThrow(/payment key/);
    expect(() => escrowDatum({ ...DATUM, seller: SCRIPT })).toThrow(/payment key/);
  });

  it("stores each party as its key hashes: 56 bytes with a stake key, 28 without", () => {
    const fields = (escrowDatum(DATUM) as { fields: { bytes: string }[] }).fields;
    expect(fields[DatumField.buyer]?.bytes).toHaveLength(2 * 56);
    expect(fields[DatumField.seller]?.bytes).toHaveLength(2 * 28);
  });

  it("refuses a reference that is not 16 bytes, and truncates a sha256 to one", () => {
    expect(() => escrowDatum({ ...DATUM, reference: "aa".repeat(32) })).toThrow(/16 bytes/);
    expect(escrowReference("0123456789abcdef".repeat(4))).toBe("0123456789abcdef".repeat(2));
    expect(() => escrowReference("abc")).toThrow();
  });

  it("stays under 230 bytes as locked, 340 in its largest form (a claim on ADA and a token)", () => {
    expect(toCbor(escrowDatum(DATUM)).length / 2).toBeLessThanOrEqual(230);
    const units = ["lovelace", `${"ab".repeat(28)}0014df105553444d`];
    expect(toCbor(escrowDatum(largestDatum(DATUM, units))).length / 2).toBeLessThanOrEqual(340);
  });

  it("is sized for its largest form by largestDatum", () => {
    const small = toCbor(escrowDatum(DATUM)).length;
    expect(toCbor(escrowDatum(largestDatum(DATUM))).length).toBeGreaterThan(small + 2 * 32);
  });
});

describe("redeemers", () => {
  it("encode each step with its tag and decode back", () => {
    const steps = [
      { action: "SubmitResult" as const, resultHash: "ab".repeat(32), continuingOutput: 0 },
      { action: "Withdraw" as const, sellerOutput: 1, buyerOutput: 2 },
      {
        action: "Release" as const,
        asset: { policy: 0, name: 0 },
        amount: 5n,
        continuingOutput: 3,
        sellerOutput: 4,
      },
    ];
    const decoded = decodeEscrowBatch(fromCbor(toCbor(escrowBatch(steps))));
    expect(decoded.map((s) => s.action)).toEqual(steps.map((s) => s.action));
    expect(escrowBatch(steps)).toMatchObject({
      list: [
        { constructor: StepTag.SubmitResult },
        { constructor: StepTag.Withdraw },
        { constructor: StepTag.Release },
      ],
    });
    expect(splitUnit("lovelace")).toEqual({ policyId: "", assetName: "" });
  });

  it("tag payouts with the escrow input's position in the ledger's input order", () => {
    expect(payoutTag(3)).toEqual({ int: 3 });
    const positions = inputPositions([
      { txHash: "bb".repeat(32), outputIndex: 0 },
      { txHash: "aa".repeat(32), outputIndex: 2 },
      { txHash: "aa".repeat(32), outputIndex: 10 },
    ]);
    expect(positions.get(`${"bb".repeat(32)}#0`)).toBe(2);
    expect(positions.get(`${"aa".repeat(32)}#2`)).toBe(0);
    expect(positions.get(`${"aa".repeat(32)}#10`)).toBe(1);
  });

  it("name a released asset by its position in the escrow's value", () => {
    const p1 = "11".repeat(28);
    const p2 = "22".repeat(28);
    const units = [`${p2}aa`, "lovelace", `${p1}bbbb`, `${p1}cc`];
    expect(assetPosition(units, "lovelace")).toEqual({ policy: 0, name: 0 });
    expect(assetPosition(units, `${p1}cc`)).toEqual({ policy: 1, name: 0 });
    expect(assetPosition(units, `${p1}bbbb`)).toEqual({ policy: 1, name: 1 });
    expect(assetPosition(units, `${p2}aa`)).toEqual({ policy: 2, name: 0 });
    expect(() => assetPosition(units, `${p2}bb`)).toThrow(/holds no/);
  });
});

describe("CBOR", () => {
  const leaf: fc.Arbitrary<PlutusData> = fc.oneof(
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => ({ int: n })),
    fc.uint8Array({ maxLength: 100 }).map((b) => ({ bytes: Buffer.from(b).toString("hex") })),
  );
  const data: fc.Arbitrary<PlutusData> = fc.letrec<{ d: PlutusData }>((tie) => ({
    d: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("d"), { maxLength: 4 }).map((list) => ({ list })),
      fc.record({
        constructor: fc.nat({ max: 200 }),
        fields: fc.array(tie("d"), { maxLength: 4 }),
      }),
      fc.array(fc.record({ k: tie("d"), v: tie("d") }), { maxLength: 3 }).map((map) => ({ map })),
    ),
  })).d;

  // The JSON form with every integer a bigint, as `fromCbor` answers.
  const exact = (d: PlutusData): PlutusData =>
    "int" in d
      ? { int: BigInt(d.int) }
      : "bytes" in d
        ? d
        : "list" in d
          ? { list: d.list.map(exact) }
          : "map" in d
            ? { map: d.map.map(({ k, v }) => ({ k: exact(k), v: exact(v) })) }
            : { constructor: BigInt(d.constructor), fields: d.fields.map(exact) };

  it("round-trips any data through the node's own encoding", () => {
    fc.assert(
      fc.property(data, (d) => {
        expect(fromCbor(toCbor(d))).toEqual(exact(d));
      }),
      { numRuns: 300 },
    );
  });

  it("reads Mesh's encoding (indefinite lists and byte chunks) as Mesh reads it", () => {
    // Below -2^64 Mesh reads CBOR's negative big integer (tag 3, -1 - n) as -n, and a map with a
    // key twice comes out of Mesh with one value for both: compared only without those. A
    // Plutus map is a list of pairs, kept as written; the exact integers are checked below.
    const meshSafe = (d: PlutusData): boolean =>
      "int" in d
        ? BigInt(d.int) >= -(2n ** 64n)
        : "list" in d
          ? d.list.every(meshSafe)
          : "map" in d
            ? new Set(d.map.map(({ k }) => toCbor(k))).size === d.map.length &&
              d.map.every(({ k, v }) => meshSafe(k) && meshSafe(v))
            : "fields" in d
              ? d.fields.every(meshSafe)
              : true;
    fc.assert(
      fc.property(data.filter(meshSafe), (d) => {
        const cbor = serializeData(d, "JSON");
        expect(fromCbor(cbor)).toEqual(deserializeDatum(cbor));
      }),
      { numRuns: 300 },
    );
    expect(fromCbor(toCbor({ int: -(2n ** 70n) }))).toEqual({ int: -(2n ** 70n) });
    const twice = { map: [0, 1].map((v) => ({ k: { int: 5n }, v: { int: BigInt(v) } })) };
    expect(fromCbor(toCbor(twice))).toEqual(twice);
    expect(fromCbor("c349010000000000000000")).toEqual({ int: -(2n ** 64n) - 1n });
  });

  it("refuses what is not Plutus data, with lengths checked against the bytes there are", () => {
    const refusals: [string, RegExp][] = [
      ["", /ends early/],
      ["d8799f", /ends early/], // an indefinite list never closed
      ["5a00000010ab", /ends early/], // 16 bytes claimed, 1 there
      ["9bffffffffffffffff00", /ends early/], // 2^64-1 items claimed
      ["0001", /trailing/],
      ["6161", /major type 3/], // text
      ["f93c00", /major type 7/], // a float
      ["d90100a0", /tag 256/],
      ["1c", /reserved/],
      ["d87981", /ends early/],
      ["d87901", /not a list/],
      ["zz", /not hex/],
    ];
    for (const [hex, reason] of refusals) expect(() => fromCbor(hex), hex).toThrow(reason);
    // Deep nesting is refused before it can exhaust the stack.
    expect(() => fromCbor("81".repeat(10_000) + "00")).toThrow(/nests deeper than 256/);
    expect(fromCbor("81".repeat(200) + "00")).toBeDefined();
  });
});

describe("rules", () => {
  const v = {
    lowerMs: DATUM.submitResultTimeMs - 600_000,
    upperMs: DATUM.submitResultTimeMs - 300_000,
  };

  it("give the next datum of each transition", () => {
    expect(
      nextDatum(DATUM, "SubmitResult", v, 1000, { resultHash: "ef".repeat(32) }),
    ).toMatchObject({
      state: "ResultSubmitted",
      resultHash: "ef".repeat(32),
      sellerCooldownMs: v.upperMs + 1000,
      buyerCooldownMs: 0,
    });
    expect(nextDatum(DATUM, "RequestRefund", v, 1000).state).toBe("RefundRequested");
    expect(nextDatum({ ...DATUM, state: "Disputed" }, "CancelRefund", v, 1000).state).toBe(
      "ResultSubmitted",
    );
    expect(
      nextDatum({ ...DATUM, state: "Disputed", resultHash: "ab" }, "AuthorizeRefund", v, 0),
    ).toMatchObject({ state: "RefundAuthorized", resultHash: "" });
    expect(() => nextDatum(DATUM, "CancelRefund", v, 0)).toThrow();
  });

  it("say why an action is refused", () => {
    expect(refusal(DATUM, "SubmitResult", v)).toBeNull();
    expect(refusal(DATUM, "Withdraw", v)).toBe("state");
    expect(refusal(DATUM, "WithdrawRefund", v)).toBe("tooEarly");
    expect(refusal({ ...DATUM, sellerCooldownMs: v.upperMs }, "SubmitResult", v)).toBe("cooldown");
  });
});

describe("registry names", () => {
  it("are 32 bytes: prefix, root of the out-ref, version", () => {
    const name = registryAssetName("ab".repeat(32), 1);
    expect(name).toHaveLength(64);
    expect(name.startsWith("72")).toBe(true);
    expect(registryVersion(name)).toBe(0);
    expect(registryAssetName("ab".repeat(32), 2)).not.toBe(name);
    const next = nextRegistryAssetName(name);
    expect(registryStem(next)).toBe(registryStem(name));
    expect(registryVersion(next)).toBe(1);
  });
});
