import { createHash, createPublicKey, verify } from "node:crypto";
import { core, deserializeAddress, MeshWallet, mnemonicToEntropy } from "@meshsdk/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  isStrictPoint,
  ORDER_8_Y,
  verifyVoucher,
  voucherMessage,
  VoucherFieldError,
  type Voucher,
  type VoucherTerms,
} from "./voucher.ts";
import { createVoucherSigner, signVoucher, type VoucherSigner } from "./voucher-signer.ts";

const SCRIPT_HASH = "a1".repeat(28);
const REFERENCE = "0123456789abcdef0123456789abcdef";
const POLICY = "b2".repeat(28);
const ASSET_NAME = "5553444d"; // "USDM"
const LOVELACE: VoucherTerms = {
  scriptHash: SCRIPT_HASH,
  reference: REFERENCE,
  unit: "lovelace",
  total: 1_000_000n,
};
const TOKEN: VoucherTerms = { ...LOVELACE, unit: POLICY + ASSET_NAME, total: 0x0102030405060708n };

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const fieldOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (err) {
    if (err instanceof VoucherFieldError) return err.field;
    throw err;
  }
  return undefined;
};

describe("voucherMessage", () => {
  it("lays out scriptHash ‖ reference ‖ total (8 bytes BE) for lovelace", () => {
    // 1,000,000 = 0x0f4240.
    const expected = SCRIPT_HASH + REFERENCE + "00000000000f4240";
    expect(hex(voucherMessage(LOVELACE))).toBe(expected);
    expect(voucherMessage(LOVELACE).length).toBe(28 + 16 + 8);
  });

  it("appends policy id and asset name for a token", () => {
    const expected = SCRIPT_HASH + REFERENCE + "0102030405060708" + POLICY + ASSET_NAME;
    expect(hex(voucherMessage(TOKEN))).toBe(expected);
    expect(voucherMessage(TOKEN).length).toBe(28 + 16 + 8 + 28 + 4);
  });

  it("has the lengths of lovelace, an empty and a longest asset name", () => {
    expect(voucherMessage({ ...LOVELACE, unit: POLICY }).length).toBe(80);
    expect(voucherMessage({ ...LOVELACE, unit: POLICY + "ff".repeat(32) }).length).toBe(112);
    expect(voucherMessage(LOVELACE).length).toBe(52);
  });

  it("takes totals from 0 to 2^64 − 1", () => {
    expect(hex(voucherMessage({ ...LOVELACE, total: 0n })).slice(88)).toBe("0".repeat(16));
    const max = voucherMessage({ ...LOVELACE, total: (1n << 64n) - 1n });
    expect(hex(max).slice(88)).toBe("f".repeat(16));
  });

  it("refuses totals out of bounds naming the field", () => {
    expect(fieldOf(() => voucherMessage({ ...LOVELACE, total: -1n }))).toBe("total");
    expect(fieldOf(() => voucherMessage({ ...LOVELACE, total: 1n << 64n }))).toBe("total");
    const asNumber = { ...LOVELACE, total: 5 as unknown as bigint };
    expect(fieldOf(() => voucherMessage(asNumber))).toBe("total");
  });

  it("refuses malformed hex naming the field", () => {
    const cases: [Partial<VoucherTerms>, string][] = [
      [{ scriptHash: "a1".repeat(27) }, "scriptHash"],
      [{ scriptHash: "a1".repeat(29) }, "scriptHash"],
      [{ scriptHash: "A1".repeat(28) }, "scriptHash"],
      [{ reference: REFERENCE.slice(2) }, "reference"],
      [{ reference: REFERENCE + "0" }, "reference"],
      [{ reference: "zz".repeat(16) }, "reference"],
      [{ unit: "" }, "unit"],
      [{ unit: "b2".repeat(27) }, "unit"],
      [{ unit: POLICY + "ff".repeat(33) }, "unit"],
      [{ unit: POLICY + "f" }, "unit"],
      [{ unit: "ada" }, "unit"],
    ];
    for (const [change, field] of cases) {
      expect(
        fieldOf(() => voucherMessage({ ...LOVELACE, ...change })),
        field,
      ).toBe(field);
    }
  });
});

describe("vouchers signed and checked", () => {
  let words: string[];
  let buyer: VoucherSigner;
  let other: VoucherSigner;

  beforeAll(async () => {
    words = MeshWallet.brew() as string[];
    buyer = await createVoucherSigner(words);
    other = await createVoucherSigner(MeshWallet.brew() as string[]);
  });

  it("derives the key of the wallet's address", async () => {
    const wallet = new MeshWallet({ networkId: 0, key: { type: "mnemonic", words } });
    await wallet.init();
    const address = await wallet.getChangeAddress();
    expect(deserializeAddress(address).pubKeyHash).toBe(buyer.keyHashHex);
    expect(other.keyHashHex).not.toBe(buyer.keyHashHex);
  });

  it("refuses a bad mnemonic", async () => {
    await expect(createVoucherSigner(["abandon", "abandon"])).rejects.toThrow();
    await expect(createVoucherSigner(Array(24).fill("abandon"))).rejects.toThrow();
  });

  it("round-trips for lovelace and a token, deterministically", () => {
    for (const terms of [LOVELACE, TOKEN]) {
      const v = signVoucher(buyer, terms);
      expect(v).toMatchObject({ ...terms, vkey: buyer.vkeyHex });
      expect(v.signature).toMatch(/^[0-9a-f]{128}$/);
      expect(verifyVoucher(v, buyer.keyHashHex)).toEqual({ ok: true });
      expect(verifyVoucher(v)).toEqual({ ok: true });
      expect(signVoucher(buyer, terms).signature).toBe(v.signature);
    }
  });

  it("signs exactly as @cardano-sdk does, and its ed25519 verify (libsodium) agrees", async () => {
    const C = core.Crypto;
    const root = C.Bip32PrivateKey.fromBip39Entropy(
      Buffer.from(mnemonicToEntropy(words.join(" ")), "hex"),
      "",
    );
    const H = 0x80000000;
    const sdkKey = root.derive([H + 1852, H + 1815, H, 0, 0]).toRawKey();
    expect(sdkKey.toPublic().hex()).toBe(buyer.vkeyHex);
    const v = signVoucher(buyer, TOKEN);
    const message = hex(voucherMessage(TOKEN));
    expect(sdkKey.sign(core.HexBlob(message)).hex()).toBe(v.signature);
    const sdkVerify = (sig: string, msg: string) =>
      C.Ed25519PublicKey.fromHex(C.Ed25519PublicKeyHex(v.vkey)).verify(
        C.Ed25519Signature.fromHex(C.Ed25519SignatureHex(sig)),
        core.HexBlob(msg),
      );
    expect(sdkVerify(v.signature, message)).toBe(true);
    expect(sdkVerify(v.signature, hex(voucherMessage({ ...TOKEN, total: 1n })))).toBe(false);
  });

  it("signs nothing for malformed terms, naming the field", () => {
    expect(fieldOf(() => signVoucher(buyer, { ...LOVELACE, total: -1n }))).toBe("total");
    expect(fieldOf(() => signVoucher(buyer, { ...LOVELACE, unit: "" }))).toBe("unit");
  });

  it("refuses a voucher signed by another key", () => {
    const byOther = signVoucher(other, LOVELACE);
    expect(verifyVoucher(byOther, buyer.keyHashHex)).toMatchObject({ ok: false, field: "vkey" });
    // Another key's signature passed off under the buyer's vkey.
    const swapped = { ...byOther, vkey: buyer.vkeyHex };
    expect(verifyVoucher(swapped, buyer.keyHashHex)).toMatchObject({
      ok: false,
      field: "signature",
    });
  });

  it("refuses a key hash other than the buyer's", () => {
    const v = signVoucher(buyer, LOVELACE);
    expect(verifyVoucher(v, other.keyHashHex)).toMatchObject({ ok: false, field: "vkey" });
    expect(verifyVoucher(v, "00".repeat(28))).toMatchObject({ ok: false, field: "vkey" });
    const badHash = verifyVoucher(v, "00".repeat(27));
    expect(badHash).toMatchObject({ ok: false, field: "expectedBuyerKeyHash" });
  });

  it("refuses every tampered term", () => {
    const v = signVoucher(buyer, TOKEN);
    const tampered: Voucher[] = [
      { ...v, total: v.total + 1n },
      { ...v, total: v.total - 1n },
      { ...v, reference: "f" + v.reference.slice(1) },
      { ...v, scriptHash: "b" + v.scriptHash.slice(1) },
      { ...v, unit: POLICY + "5553444e" },
      { ...v, unit: POLICY },
      { ...v, unit: "lovelace" },
    ];
    for (const t of tampered) {
      expect(verifyVoucher(t, buyer.keyHashHex)).toMatchObject({ ok: false, field: "signature" });
    }
    const flipped = v.signature.slice(0, 127) + (v.signature.endsWith("0") ? "1" : "0");
    const bad = verifyVoucher({ ...v, signature: flipped }, buyer.keyHashHex);
    expect(bad).toMatchObject({ ok: false, field: "signature" });
  });

  it("refuses malformed vouchers with the field, without throwing", () => {
    const v = signVoucher(buyer, LOVELACE);
    const cases: [Partial<Voucher>, string][] = [
      [{ vkey: v.vkey.slice(2) }, "vkey"],
      [{ vkey: v.vkey.toUpperCase() }, "vkey"],
      [{ signature: v.signature.slice(2) }, "signature"],
      [{ total: -1n }, "total"],
      [{ total: 1n << 64n }, "total"],
      [{ unit: "" }, "unit"],
      [{ reference: "00" }, "reference"],
      [{ scriptHash: "" }, "scriptHash"],
    ];
    for (const [change, field] of cases) {
      expect(verifyVoucher({ ...v, ...change }, buyer.keyHashHex), field).toMatchObject({
        ok: false,
        field,
      });
    }
  });

  it("refuses a non-canonical S (S + L) as the chain does", () => {
    const v = signVoucher(buyer, LOVELACE);
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    const s = BigInt("0x" + Buffer.from(v.signature.slice(64), "hex").reverse().toString("hex"));
    const sPlusL = Buffer.from((s + L).toString(16).padStart(64, "0"), "hex").reverse();
    const signature = v.signature.slice(0, 64) + sPlusL.toString("hex");
    // OpenSSL checks S < L itself, as libsodium does; nothing of ours is needed for it.
    expect(verifyVoucher({ ...v, signature }, buyer.keyHashHex)).toMatchObject({
      ok: false,
      field: "signature",
    });
  });
});

describe("keys and R the chain's verifier refuses", () => {
  const p = (1n << 255n) - 19n;
  const L = (1n << 252n) + 27742317777372353535851937790883648493n;
  const le = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse();
  const fromLe = (b: Uint8Array): bigint => BigInt("0x" + Buffer.from(b).reverse().toString("hex"));
  const opensslVerify = (vkey: Uint8Array, message: Uint8Array, signature: Uint8Array) =>
    verify(
      null,
      message,
      createPublicKey({
        key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), vkey]),
        format: "der",
        type: "spki",
      }),
      signature,
    );
  const sdkVerify = (vkey: Uint8Array, message: Uint8Array, signature: Uint8Array) =>
    core.Crypto.Ed25519PublicKey.fromBytes(vkey).verify(
      core.Crypto.Ed25519Signature.fromBytes(signature),
      core.HexBlob(hex(message)),
    );

  beforeAll(() => core.Crypto.ready());

  it("knows the order-8 y: a root of d·y⁴ + 2y² − 1", () => {
    const mod = (n: bigint) => ((n % p) + p) % p;
    const inverse = (n: bigint) => {
      let [result, base, e] = [1n, mod(n), p - 2n];
      for (; e > 0n; e >>= 1n, base = mod(base * base)) if (e & 1n) result = mod(result * base);
      return result;
    };
    const d = mod(-121665n * inverse(121666n));
    const y = ORDER_8_Y;
    expect(mod(d * y ** 4n + 2n * y * y - 1n)).toBe(0n);
  });

  it("tells strict points from small-order and non-canonical ones", () => {
    const base = Buffer.from("58" + "66".repeat(31), "hex");
    expect(isStrictPoint(base)).toBe(true);
    for (const y of [0n, 1n, p - 1n, ORDER_8_Y, p - ORDER_8_Y, p, p + 1n, p + 2n]) {
      expect(isStrictPoint(le(y)), `y=${y}`).toBe(false);
      const signed = le(y);
      signed[31]! |= 0x80;
      if (y < p) expect(isStrictPoint(signed), `-x, y=${y}`).toBe(false);
    }
  });

  it("refuses the all-zero key that OpenSSL accepts for some messages", () => {
    const zeros = Buffer.alloc(32);
    const terms = Array.from({ length: 16 }, (_, i) => ({ ...LOVELACE, total: BigInt(i) }));
    const signature = Buffer.alloc(64);
    const fooled = terms.filter((t) => opensslVerify(zeros, voucherMessage(t), signature));
    expect(fooled.length).toBeGreaterThan(0);
    for (const t of fooled) {
      expect(sdkVerify(zeros, voucherMessage(t), signature)).toBe(false);
      const v = { ...t, vkey: hex(zeros), signature: hex(signature) };
      expect(verifyVoucher(v)).toMatchObject({ ok: false, field: "vkey" });
    }
  });

  it("refuses R = identity, which a key's owner can make OpenSSL accept", () => {
    // The owner of a real key signs with R = identity and S = k·a: OpenSSL's equation holds.
    const a = fromLe(createHash("sha256").update("owner").digest()) % L;
    const vkey = core.Crypto.Ed25519PrivateKey.fromExtendedBytes(
      Buffer.concat([le(a), Buffer.alloc(32)]),
    )
      .toPublic()
      .bytes();
    const message = voucherMessage(LOVELACE);
    const R = le(1n);
    const k = fromLe(createHash("sha512").update(R).update(vkey).update(message).digest()) % L;
    const signature = Buffer.concat([R, le((k * a) % L)]);
    expect(opensslVerify(vkey, message, signature)).toBe(true);
    expect(sdkVerify(vkey, message, signature)).toBe(false);
    const v = { ...LOVELACE, vkey: hex(vkey), signature: hex(signature) };
    expect(verifyVoucher(v)).toMatchObject({ ok: false, field: "signature" });
  });
});
