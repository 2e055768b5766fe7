import fc from "fast-check";
import { checkSignature, core, MeshWallet } from "@meshsdk/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BLOCKCHAIN_IDENTIFIER_LENGTH_MAX,
  decodeBlockchainIdentifier,
  encodeTerms,
  escrowReference,
  identifierFromSignature,
  newSellerNonce,
  signTerms,
  verifyBlockchainIdentifier,
  type DecodedBlockchainIdentifier,
  type PaymentTerms,
} from "./blockchain-identifier.ts";
import { canonicalize } from "./jcs.ts";
import { cip8DataSigner } from "./cip8.ts";
import { createVoucherSigner } from "./voucher-signer.ts";

const USDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
const AGENT = `${"ab".repeat(28)}${"cd".repeat(32)}`; // 56 + 64 hex: the longest allowed
const T0 = Date.UTC(2025, 4, 1, 12);
const HOUR = 3_600_000;
const preprod = { network: "preprod" as const };

interface Seller {
  words: string[];
  wallet: MeshWallet;
  address: string;
  vkey: string;
}
let seller: Seller;
let other: Seller;
let mainnetSeller: Seller;

async function makeSeller(networkId: 0 | 1): Promise<Seller> {
  const words = MeshWallet.brew() as string[];
  const wallet = new MeshWallet({ networkId, key: { type: "mnemonic", words } });
  await wallet.init();
  const address = await wallet.getChangeAddress();
  const { deserializeAddress } = await import("@meshsdk/core");
  return { words, wallet, address, vkey: deserializeAddress(address).pubKeyHash };
}

// Wallets are made once: key derivation is the slow part of these tests.
beforeAll(async () => {
  [seller, other, mainnetSeller] = await Promise.all([makeSeller(0), makeSeller(0), makeSeller(1)]);
});

function termsOf(s: Seller, overrides: Partial<PaymentTerms> = {}): PaymentTerms {
  return {
    version: 1,
    network: "preprod",
    agentIdentifier: AGENT,
    sellerVkey: s.vkey,
    sellerAddress: s.address,
    identifierFromPurchaser: "aabbaabb11221122aabb",
    inputHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    amounts: [
      { unit: USDM, amount: 5_000_000n },
      { unit: "lovelace", amount: 2_000_000n },
    ],
    payByTimeMs: T0 + HOUR,
    submitResultTimeMs: T0 + 2 * HOUR,
    unlockTimeMs: T0 + 8 * HOUR,
    externalDisputeUnlockTimeMs: T0 + 14 * HOUR,
    sellerNonce: "00112233445566778899aabbccddeeff",
    ...overrides,
  };
}

/** Signs any bytes as `s` and wraps them as an identifier, bypassing encodeTerms' checks. */
async function forge(s: Seller, payload: string | Buffer): Promise<string> {
  const signed = await s.wallet.signData(Buffer.from(payload).toString("hex"), s.address);
  return identifierFromSignature(signed.signature);
}

function decoded(identifier: string): DecodedBlockchainIdentifier {
  const d = decodeBlockchainIdentifier(identifier);
  if (!d.ok) throw new Error(`expected to decode: ${d.field}: ${d.reason}`);
  return d;
}

/** Replaces bytes (given as hex) inside a signed identifier, keeping the seller's signature. */
function tamperHex(identifier: string, fromHex: string, toHex: string): string {
  const hex = Buffer.from(identifier, "base64url").toString("hex");
  expect(hex.split(fromHex)).toHaveLength(2); // exactly one place, so the edit is the intended one
  return identifierFromSignature(hex.replace(fromHex, toHex));
}

/** Replaces text inside the signed payload. */
const tamper = (identifier: string, from: string, to: string): string =>
  tamperHex(identifier, Buffer.from(from).toString("hex"), Buffer.from(to).toString("hex"));

const publicKeyOf = async (s: Seller): Promise<string> =>
  core.getPublicKeyFromCoseKey((await s.wallet.signData("00", s.address)).key).toString("hex");

describe("round trip with a real wallet", () => {
  it("signs, decodes to the same terms, verifies, and fits the peer's limit", async () => {
    const terms = termsOf(seller);
    const id = await signTerms(seller.wallet, terms);
    const d = decoded(id);
    expect(d.terms).toEqual({ ...terms, amounts: [...terms.amounts].reverse() }); // lovelace first
    expect(d.payload).toBe(encodeTerms(terms));
    expect(await verifyBlockchainIdentifier(d, preprod)).toEqual({ ok: true });
    expect(id.length).toBeLessThan(1600);
    expect(id.length).toBeLessThan(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX);
  });

  it("gives a stable 32-byte reference that changes with the nonce", async () => {
    const a = await signTerms(seller.wallet, termsOf(seller));
    const again = await signTerms(seller.wallet, termsOf(seller));
    const b = await signTerms(seller.wallet, termsOf(seller, { sellerNonce: newSellerNonce() }));
    expect(escrowReference(decoded(a))).toMatch(/^[0-9a-f]{32}$/);
    expect(escrowReference(decoded(again))).toBe(escrowReference(decoded(a)));
    expect(escrowReference(decoded(b))).not.toBe(escrowReference(decoded(a)));
    expect(newSellerNonce()).toMatch(/^[0-9a-f]{32}$/);
  });

  it("verifies a mainnet seller on mainnet", async () => {
    const terms = termsOf(mainnetSeller, { network: "mainnet" });
    const d = decoded(await signTerms(mainnetSeller.wallet, terms));
    expect(await verifyBlockchainIdentifier(d, { network: "mainnet" })).toEqual({ ok: true });
  });
});

describe("encodeTerms", () => {
  it("writes canonical JSON, amounts normalised and in order, bigints as strings", () => {
    const payload = encodeTerms(
      termsOf(seller, {
        amounts: [
          { unit: USDM.toUpperCase(), amount: 1n },
          { unit: "", amount: 2n },
        ],
      }),
    );
    expect(canonicalize(JSON.parse(payload))).toBe(payload);
    expect(JSON.parse(payload).amounts).toEqual([
      { unit: "lovelace", amount: "2" },
      { unit: USDM, amount: "1" },
    ]);
  });

  it("refuses terms it could not read back (a programmer error)", () => {
    expect(() => encodeTerms(termsOf(seller, { unlockTimeMs: T0 }))).toThrow(/unlockTimeMs/);
    expect(() => encodeTerms(termsOf(seller, { network: "mainnet" }))).toThrow(/sellerAddress/);
    expect(() => encodeTerms(termsOf(seller, { sellerVkey: other.vkey }))).toThrow(/sellerAddress/);
  });
});

describe("tampering is caught by verify", () => {
  let id: string;
  beforeAll(async () => {
    id = await signTerms(seller.wallet, termsOf(seller));
  });

  it("a changed amount", async () => {
    const forged = decoded(tamper(id, '"amount":"5000000"', '"amount":"9000000"'));
    expect(forged.terms.amounts[1]!.amount).toBe(9_000_000n);
    expect(await verifyBlockchainIdentifier(forged, preprod)).toEqual({
      ok: false,
      reason: "signature does not match the terms",
    });
  });

  it("a changed time", async () => {
    const unlock = String(T0 + 8 * HOUR);
    const later = String(T0 + 9 * HOUR);
    const forged = decoded(tamper(id, `"unlockTimeMs":${unlock}`, `"unlockTimeMs":${later}`));
    expect(await verifyBlockchainIdentifier(forged, preprod)).toMatchObject({ ok: false });
  });

  it("terms naming this seller but signed by another wallet", async () => {
    const payload = encodeTerms(termsOf(seller));
    const d = decoded(await forge(other, payload));
    expect(await verifyBlockchainIdentifier(d, preprod)).toEqual({
      ok: false,
      reason: "is signed by a key other than the seller's",
    });
  });

  it("the seller's signature under another wallet's key", async () => {
    const forged = tamperHex(id, await publicKeyOf(seller), await publicKeyOf(other));
    expect(await verifyBlockchainIdentifier(decoded(forged), preprod)).toEqual({
      ok: false,
      reason: "is signed by a key other than the seller's",
    });
  });

  it("the seller's signature with another wallet's key and identity put in", async () => {
    let forged = tamperHex(id, await publicKeyOf(seller), await publicKeyOf(other));
    forged = tamper(forged, seller.vkey, other.vkey);
    forged = tamper(
      forged,
      `"sellerAddress":"${seller.address}"`,
      `"sellerAddress":"${other.address}"`,
    );
    const d = decoded(forged);
    expect(d.terms.sellerAddress).toBe(other.address);
    expect(await verifyBlockchainIdentifier(d, preprod)).toEqual({
      ok: false,
      reason: "signature does not match the terms",
    });
  });

  it("terms for another network", async () => {
    expect(await verifyBlockchainIdentifier(decoded(id), { network: "mainnet" })).toEqual({
      ok: false,
      reason: "is for preprod, this node is on mainnet",
    });
  });

  it("no other text verifies: every one-character change is refused", async () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("");
    const mutation = fc
      .tuple(fc.nat({ max: id.length - 1 }), fc.constantFrom(...alphabet))
      .filter(([at, char]) => id[at] !== char);
    await fc.assert(
      fc.asyncProperty(mutation, async ([at, char]) => {
        const text = id.slice(0, at) + char + id.slice(at + 1);
        const d = decodeBlockchainIdentifier(text);
        if (!d.ok) return;
        const v = await verifyBlockchainIdentifier(d, preprod);
        // One text per signed payload: nothing else both decodes and verifies.
        expect(v.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe("decode refuses junk without throwing", () => {
  let id: string;
  beforeAll(async () => {
    id = await signTerms(seller.wallet, termsOf(seller));
  });

  const junk: [string, unknown, RegExp][] = [
    ["a number", 42, /non-empty string/],
    ["an empty string", "", /non-empty string/],
    ["a dot (the peer's separator)", "ab.cd", /not base64url/],
    ["padding", "qg==", /not base64url/],
    ["standard base64", "q+/A", /not base64url/],
    ["non-canonical base64url", "qh", /not canonical/],
    ["random bytes", "3q2-7w", /CIP-8 signature/],
    ["over the length limit", "A".repeat(8001), /longer than 8000/],
  ];
  it.each(junk)("%s", (_name, text, reason) => {
    const d = decodeBlockchainIdentifier(text);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toMatch(reason);
  });

  it("a truncated identifier, at every length", () => {
    // Bounded: one decode per prefix of a ~1.3 KB string.
    for (let n = 0; n < id.length; n++) {
      expect(decodeBlockchainIdentifier(id.slice(0, n)).ok, `length ${n}`).toBe(false);
    }
  });

  it("arbitrary text and bytes", () => {
    const b64 = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("base64url"));
    const texts = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(b64, b64).map((p) => p.join(".")),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(decodeBlockchainIdentifier(text).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  type Make = (p: Record<string, unknown>) => string | Buffer;
  const payloads: [string, Make, string, RegExp][] = [
    ["not JSON", () => "hello", "blockchainIdentifier", /other than JSON/],
    ["not UTF-8", () => Buffer.from([0x22, 0xff, 0x22]), "blockchainIdentifier", /other than JSON/],
    ["a JSON array", () => "[1]", "terms", /must be an object/],
    ["another version", (p) => canonicalize({ ...p, version: 2 }), "version", /must be 1/],
    ["an unknown field", (p) => canonicalize({ ...p, extra: 1 }), "extra", /not a field/],
    [
      "a missing field",
      ({ inputHash: _, ...rest }) => canonicalize(rest),
      "inputHash",
      /must be 64 lowercase hex/,
    ],
    [
      "an amount as a number",
      (p) => canonicalize({ ...p, amounts: [{ unit: "lovelace", amount: 5 }] }),
      "amounts[0].amount",
      /integer string/,
    ],
    ["a time as a string", (p) => canonicalize({ ...p, payByTimeMs: "1" }), "payByTimeMs", /ms/],
    [
      "times out of order",
      (p) => canonicalize({ ...p, unlockTimeMs: p.submitResultTimeMs }),
      "unlockTimeMs",
      /after submitResultTimeMs/,
    ],
    [
      "a mainnet network with a testnet address",
      (p) => canonicalize({ ...p, network: "mainnet" }),
      "sellerAddress",
      /mainnet/,
    ],
    [
      "a stake address",
      (p) =>
        canonicalize({
          ...p,
          sellerAddress: "stake_test1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gssrtvn",
        }),
      "sellerAddress",
      /key address/,
    ],
    [
      "an uppercase input hash",
      (p) => canonicalize({ ...p, inputHash: String(p.inputHash).toUpperCase() }),
      "inputHash",
      /lowercase/,
    ],
    [
      "whitespace (not canonical)",
      (p) => JSON.stringify(p, null, 1),
      "blockchainIdentifier",
      /canonical/,
    ],
    [
      "'' for lovelace (not canonical)",
      (p) => canonicalize({ ...p, amounts: [{ unit: "", amount: "1" }] }),
      "blockchainIdentifier",
      /canonical/,
    ],
  ];
  it.each(payloads)("a signed payload with %s", async (_name, make, field, reason) => {
    const base = JSON.parse(encodeTerms(termsOf(seller))) as Record<string, unknown>;
    const d = decodeBlockchainIdentifier(await forge(seller, make(base)));
    expect(d).toMatchObject({ ok: false, field });
    expect(!d.ok && d.reason).toMatch(reason);
  });
});

describe("the node's own CIP-8 signer", () => {
  it("writes Mesh's COSE_Sign1 and COSE_Key byte for byte, on both networks", async () => {
    for (const s of [seller, mainnetSeller]) {
      const signer = cip8DataSigner(await createVoucherSigner(s.words));
      for (const payload of [
        "",
        "7b7d",
        Buffer.from(canonicalize({ a: "é".repeat(300) })).toString("hex"),
      ]) {
        expect(await signer.signData(payload, s.address)).toEqual(
          await s.wallet.signData(payload, s.address),
        );
      }
    }
  });

  it("signs terms that decode and verify, and another key's signer is refused", async () => {
    const signer = cip8DataSigner(await createVoucherSigner(seller.words));
    const terms = termsOf(seller);
    const id = await signTerms(signer, terms);
    expect(id).toBe(await signTerms(seller.wallet, terms));
    expect(await verifyBlockchainIdentifier(decoded(id), preprod)).toEqual({ ok: true });
    const wrong = cip8DataSigner(await createVoucherSigner(other.words));
    const forged = await wrong.signData(
      Buffer.from(encodeTerms(terms)).toString("hex"),
      seller.address,
    );
    const result = await verifyBlockchainIdentifier(
      decoded(identifierFromSignature(forged.signature)),
      preprod,
    );
    expect(result).toEqual({ ok: false, reason: "is signed by a key other than the seller's" });
  });

  it("verifies as Mesh's checkSignature does, whichever signature byte is changed", async () => {
    const id = await signTerms(seller.wallet, termsOf(seller));
    const good = decoded(id);
    expect(await checkSignature(Buffer.from(good.payload).toString("hex"), good)).toBe(true);
    const bytes = Buffer.from(good.signature, "hex");
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const bad = Buffer.from(bytes);
        bad[bad.length - 64 + i]! ^= x;
        const d = decoded(identifierFromSignature(bad.toString("hex")));
        expect(await verifyBlockchainIdentifier(d, preprod)).toEqual({
          ok: false,
          reason: "signature does not match the terms",
        });
        expect(await checkSignature(Buffer.from(d.payload).toString("hex"), d)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
