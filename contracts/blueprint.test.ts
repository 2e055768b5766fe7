/** The committed blueprint is fresh, and the runtime reader applies parameters correctly. */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyParamsToScript,
  core,
  resolveScriptHash,
  serializeRewardAddress,
} from "@meshsdk/core";
import {
  assertEscrowParameters,
  BLUEPRINT_TITLES,
  escrowAddress,
  escrowRewardAddress,
  escrowScript,
  readBlueprint,
  registryScript,
  toMeshScript,
  type DeployedScript,
  type EscrowParameters,
  type NetworkId,
  type StakePart,
} from "./blueprint.ts";
import { buildBlueprint } from "./build.ts";
import { BitWriter } from "./flat-bits.ts";
import { toCbor, type PlutusData } from "./plutus-data.ts";
import { cborBytes } from "./cbor-bytes.ts";
import { normalizePlutusScript } from "./plutus-script.ts";
import { plutusV3ScriptHash } from "./script-hash.ts";
import { applyDataParameters } from "./uplc-apply.ts";

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

// ---- The same bytes as Mesh ------------------------------------------------------------------

/*
 * The oracle: blueprint.ts's code before it stopped loading Mesh, copied as it was. Every
 * script hash (hence every escrow address) the node has ever used came from it.
 */
function meshDeployed(cbor: string): DeployedScript {
  const single = core.normalizePlutusScript(cbor, "SingleCBOR") as unknown as string;
  return { cbor, hash: resolveScriptHash(cbor, "V3"), sizeBytes: single.length / 2 };
}

function meshEscrowScript(p: EscrowParameters): DeployedScript {
  const code = readBlueprint().validators.find(
    (v) => v.title === BLUEPRINT_TITLES.escrowSpend,
  )!.compiledCode;
  const params = [
    { list: p.adminKeyHashes.map((bytes) => ({ bytes })) },
    { int: p.disputeThreshold },
    { int: p.cooldownMs },
  ];
  return meshDeployed(applyParamsToScript(code, params, "JSON"));
}

function meshEscrowAddress(scriptHash: string, networkId: NetworkId, stake?: StakePart): string {
  const paymentCred = {
    type: core.CredentialType.ScriptHash,
    hash: core.Hash28ByteBase16(scriptHash),
  };
  const address =
    stake === undefined
      ? core.EnterpriseAddress.fromCredentials(networkId, paymentCred).toAddress()
      : core.BaseAddress.fromCredentials(networkId, paymentCred, {
          type: stake.isScript ? core.CredentialType.ScriptHash : core.CredentialType.KeyHash,
          hash: core.Hash28ByteBase16(stake.hash),
        }).toAddress();
  return address.toBech32();
}

const hexOf = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("hex"));
const hash28 = hexOf(28, 28);

const escrowParameters: fc.Arbitrary<EscrowParameters> = fc
  .uniqueArray(hash28, { minLength: 1, maxLength: 16 })
  .chain((admins) =>
    fc.record({
      adminKeyHashes: fc.constant(admins),
      disputeThreshold: fc.integer({ min: 1, max: admins.length }),
      cooldownMs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    }),
  );

/** Where a CBOR head grows, either side, both signs: Mesh's library sizes some heads oddly. */
const INT_EDGES = [23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32].flatMap((n) => [
  n,
  -n,
  -n - 1,
]);

/** Plutus data in Mesh's JSON form: integers as safe numbers, bytes of at most 64. */
const { data } = fc.letrec<{ data: PlutusData }>((tie) => ({
  data: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ int: fc.oneof(fc.maxSafeInteger(), fc.constantFrom(...INT_EDGES)) }),
    fc.record({ bytes: hexOf(0, 64) }),
    fc.record({ list: fc.array(tie("data"), { maxLength: 4 }) }),
    fc.record({
      map: fc.uniqueArray(fc.record({ k: tie("data"), v: tie("data") }), {
        maxLength: 3,
        selector: (e) => toCbor(e.k),
      }),
    }),
    fc.record({
      constructor: fc.oneof(fc.nat(6), fc.integer({ min: 7, max: 127 }), fc.nat(1_000)),
      fields: fc.array(tie("data"), { maxLength: 3 }),
    }),
  ),
}));

describe("the same bytes as Mesh", () => {
  it("applies random escrow parameters as Mesh's applyParamsToScript did", () => {
    fc.assert(
      fc.property(escrowParameters, (p) => {
        expect(escrowScript(p)).toEqual(meshEscrowScript(p));
      }),
      { numRuns: 60 },
    );
  });

  it("applies random data parameters to every validator as Mesh does", () => {
    const codes = readBlueprint().validators.map((v) => v.compiledCode);
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.array(data, { maxLength: 3 }), (code, params) => {
        expect(applyDataParameters(code, params)).toBe(applyParamsToScript(code, params, "JSON"));
      }),
      { numRuns: 40 },
    );
  });

  it("reads the registry script and the blueprint's hashes as Mesh does", () => {
    const code = readBlueprint().validators.find(
      (v) => v.title === BLUEPRINT_TITLES.registryMint,
    )!.compiledCode;
    expect(registryScript()).toEqual(
      meshDeployed(core.normalizePlutusScript(code, "DoubleCBOR") as unknown as string),
    );
    for (const v of readBlueprint().validators)
      expect(plutusV3ScriptHash(toMeshScript(v.compiledCode))).toBe(v.hash);
  });

  it("writes escrow and reward addresses as Mesh does", () => {
    const stake = fc.option(fc.record({ hash: hash28, isScript: fc.boolean() }), {
      nil: undefined,
    });
    const network = fc.constantFrom(0 as const, 1 as const);
    fc.assert(
      fc.property(hash28, network, stake, (hash, networkId, s) => {
        expect(escrowAddress(hash, networkId, s)).toBe(meshEscrowAddress(hash, networkId, s));
        expect(escrowRewardAddress(hash, networkId)).toBe(
          serializeRewardAddress(hash, true, networkId),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("normalizes scripts wrapped any number of times as Mesh does", () => {
    const version = fc.constantFrom("010000", "010100");
    // Sizes around each CBOR head's limit (24, 256 and 65,536 bytes).
    const size = fc.oneof(fc.nat(300), fc.integer({ min: 65_500, max: 65_600 }));
    const program = fc
      .tuple(version, size)
      .chain(([v, n]) => hexOf(n, n).map((body) => `${v}${body}`));
    fc.assert(
      fc.property(program, fc.nat(3), (flat, wraps) => {
        let script: Buffer = Buffer.from(flat, "hex");
        for (let i = 0; i < wraps; i++) script = cborBytes(script);
        const hex = script.toString("hex");
        for (const encoding of ["SingleCBOR", "DoubleCBOR"] as const) {
          const mesh = core.normalizePlutusScript(hex, encoding) as unknown as string;
          expect(normalizePlutusScript(hex, encoding)).toBe(mesh);
          expect(normalizePlutusScript(mesh, encoding)).toBe(mesh);
        }
      }),
      { numRuns: 100 },
    );
    expect(() => normalizePlutusScript("020000", "SingleCBOR")).toThrow(/CBOR byte string/);
  });
});

// ---- Flat programs not written by Mesh's library ----------------------------------------------

/** A UPLC term, generated to write in flat and to exercise each case of uplc-apply.ts. */
type Term =
  | { var: number }
  | { delay: Term }
  | { lambda: Term }
  | { apply: [Term, Term] }
  | { forces: number; then: Term }
  | { builtin: number; forces: number }
  | { constant: Constant }
  | { error: null }
  | { constr: number; terms: Term[] }
  | { case: Term; terms: Term[] };

/** A constant's type tags (type applications written out) and a writer of its value. */
interface Constant {
  tags: readonly number[];
  write: (w: BitWriter) => void;
}

/** A byte string in flat, chunked at `chunk` bytes rather than the usual 255. */
const byteString = (bytes: Buffer, chunk: number) => (w: BitWriter) => {
  w.filler();
  for (let i = 0; i < bytes.length; i += chunk) {
    const part = bytes.subarray(i, i + chunk);
    w.bits(part.length, 8);
    for (const b of part) w.bits(b, 8);
  }
  w.bits(0, 8);
};

const zigzag = (n: bigint) => (n >= 0n ? 2n * n : -2n * n - 1n);
const integer = fc.bigInt({ min: -(1n << 80n), max: 1n << 80n });
const constant: fc.Arbitrary<Constant> = fc.oneof(
  integer.map((n) => ({ tags: [0], write: (w: BitWriter) => w.natural(zigzag(n)) })),
  // Short, and across one and two 255-byte chunks.
  fc
    .tuple(
      fc.oneof(fc.nat(16), fc.integer({ min: 250, max: 520 })),
      fc.integer({ min: 1, max: 255 }),
    )
    .chain(([n, chunk]) =>
      fc.uint8Array({ minLength: n, maxLength: n }).map((b) => ({
        tags: [1],
        write: byteString(Buffer.from(b), chunk),
      })),
    ),
  fc.string({ unit: "grapheme", maxLength: 20 }).map((text) => ({
    tags: [2],
    write: byteString(Buffer.from(text, "utf8"), 255),
  })),
  fc.constant({ tags: [3], write: () => {} }),
  fc.boolean().map((b) => ({ tags: [4], write: (w: BitWriter) => w.bit(b ? 1 : 0) })),
  fc.array(integer, { maxLength: 4 }).map((ns) => ({
    tags: [7, 5, 0],
    write: (w: BitWriter) => {
      for (const n of ns) {
        w.bit(1);
        w.natural(zigzag(n));
      }
      w.bit(0);
    },
  })),
  fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 8 })).map(([b, bytes]) => ({
    tags: [7, 7, 6, 4, 1],
    write: (w: BitWriter) => {
      w.bit(b ? 1 : 0);
      byteString(Buffer.from(bytes), 255)(w);
    },
  })),
  // Definite-length lists, which Mesh writes back as indefinite.
  data.map((d) => ({ tags: [8], write: byteString(Buffer.from(toCbor(d), "hex"), 255) })),
);

const { term } = fc.letrec<{ term: Term }>((tie) => ({
  term: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ var: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ builtin: fc.nat(86), forces: fc.nat(3) }),
    fc.record({ constant }),
    fc.constant({ error: null }),
    fc.record({ delay: tie("term") }),
    fc.record({ lambda: tie("term") }),
    fc.record({ apply: fc.tuple(tie("term"), tie("term")) }),
    fc.record({ forces: fc.integer({ min: 1, max: 3 }), then: tie("term") }),
    fc.record({ constr: fc.nat(300), terms: fc.array(tie("term"), { maxLength: 3 }) }),
    fc.record({ case: tie("term"), terms: fc.array(tie("term"), { maxLength: 3 }) }),
  ),
}));

/** Writes `t` in flat, with the forces and chunking the generator chose. */
function writeTerm(w: BitWriter, t: Term): void {
  const tag = (n: number) => w.bits(n, 4);
  const list = (terms: Term[]) => {
    for (const x of terms) {
      w.bit(1);
      writeTerm(w, x);
    }
    w.bit(0);
  };
  if ("var" in t) {
    tag(0);
    w.natural(BigInt(t.var));
  } else if ("delay" in t) {
    tag(1);
    writeTerm(w, t.delay);
  } else if ("lambda" in t) {
    tag(2);
    writeTerm(w, t.lambda);
  } else if ("apply" in t) {
    tag(3);
    writeTerm(w, t.apply[0]);
    writeTerm(w, t.apply[1]);
  } else if ("then" in t) {
    for (let i = 0; i < t.forces; i++) tag(5);
    writeTerm(w, t.then);
  } else if ("builtin" in t) {
    for (let i = 0; i < t.forces; i++) tag(5);
    tag(7);
    w.bits(t.builtin, 7);
  } else if ("constant" in t) {
    tag(4);
    for (const typeTag of t.constant.tags) {
      w.bit(1);
      w.bits(typeTag, 4);
    }
    w.bit(0);
    t.constant.write(w);
  } else if ("error" in t) {
    tag(6);
  } else if ("constr" in t) {
    tag(8);
    w.natural(BigInt(t.constr));
    list(t.terms);
  } else {
    tag(9);
    writeTerm(w, t.case);
    list(t.terms);
  }
}

describe("applying parameters to programs Mesh's library did not write", () => {
  it("gives Mesh's bytes: forces before builtins, data and byte strings as Mesh writes them", () => {
    fc.assert(
      fc.property(term, fc.array(data, { maxLength: 2 }), (t, params) => {
        const w = new BitWriter();
        for (const n of [1n, 1n, 0n]) w.natural(n);
        writeTerm(w, t);
        w.filler();
        const flat = w.toBytes().toString("hex");
        expect(applyDataParameters(flat, params)).toBe(applyParamsToScript(flat, params, "JSON"));
      }),
      { numRuns: 300 },
    );
  });
});
