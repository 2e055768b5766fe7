/**
 * The buyer's side of vouchers: a signer holding the wallet's payment key, derived once from
 * the mnemonic, that signs voucher messages synchronously.
 *
 * The payment key is a BIP32-Ed25519 *extended* key (scalar kL ‖ nonce prefix kR), which has no
 * 32-byte seed, so node:crypto cannot sign with it. @cardano-sdk's Ed25519PrivateKey.sign can,
 * but recomputes the public key on every call (two base-point multiplications instead of one).
 * This signer keeps the public key and does the rest of RFC 8032's signing itself: SHA-512 from
 * node:crypto, scalar arithmetic in bigint, and the one multiplication R = r·B from the SDK's
 * libsodium. The signatures are byte-identical to the SDK's (the tests check it).
 */
import { createHash } from "node:crypto";
import { Ed25519PrivateKey } from "@cardano-sdk/crypto";
import {
  verifyVoucher,
  voucherMessage,
  vkeyHash,
  type Voucher,
  type VoucherTerms,
} from "./voucher.ts";
import { paymentKeyOf } from "./wallet-derivation.ts";

/** Signs voucher messages with one wallet's payment key (m/1852'/1815'/0'/0/0). */
export interface VoucherSigner {
  /** The payment verification key, hex, 32 bytes. */
  readonly vkeyHex: string;
  /** blake2b-224 of the vkey: the payment key hash of the wallet's address. */
  readonly keyHashHex: string;
  /** A plain ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** The order of the base point: scalars live modulo it. */
const GROUP_ORDER = (1n << 252n) + 27742317777372353535851937790883648493n;

function littleEndianToBigint(bytes: Uint8Array): bigint {
  return BigInt("0x" + (Buffer.from(bytes).reverse().toString("hex") || "0"));
}

function bigintToLittleEndian32(n: bigint): Buffer {
  return Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse();
}

/** SHA-512 of the parts, as a scalar modulo the group order. */
function hashToScalar(...parts: Uint8Array[]): bigint {
  const hash = createHash("sha512");
  for (const part of parts) hash.update(part);
  return littleEndianToBigint(hash.digest()) % GROUP_ORDER;
}

/**
 * r·B without clamping. The SDK computes an extended key's public key as kL·B, unclamped, so an
 * "extended key" whose scalar half is r gives exactly r·B; the prefix half is never read there.
 */
function baseTimes(scalar: bigint): Uint8Array {
  const key = Buffer.concat([bigintToLittleEndian32(scalar), Buffer.alloc(32)]);
  return Ed25519PrivateKey.fromExtendedBytes(key).toPublic().bytes();
}

/**
 * Derives the payment key from a wallet's mnemonic once and returns its signer. Async only
 * because libsodium loads asynchronously; `sign` is synchronous. Throws on a bad mnemonic.
 */
export async function createVoucherSigner(words: readonly string[]): Promise<VoucherSigner> {
  // The extended 64 bytes (kL ‖ kR); deriving it also readies libsodium for baseTimes.
  const key = await paymentKeyOf(words);
  const extended = key.bytes();
  const vkey = key.toPublic().bytes();
  const scalar = littleEndianToBigint(extended.subarray(0, 32)) % GROUP_ORDER;
  const prefix = Buffer.from(extended.subarray(32, 64));
  const publicKey = Buffer.from(vkey);
  const sign = (message: Uint8Array): Uint8Array => {
    const r = hashToScalar(prefix, message);
    const R = baseTimes(r);
    const k = hashToScalar(R, publicKey, message);
    const signature = Buffer.alloc(64);
    signature.set(R, 0);
    signature.set(bigintToLittleEndian32((r + k * scalar) % GROUP_ORDER), 32);
    return signature;
  };
  const vkeyHex = publicKey.toString("hex");
  const signer = { vkeyHex, keyHashHex: vkeyHash(vkeyHex), sign };
  // A signer whose signatures its own key refuses is a bug: fail at creation, not on chain.
  const probe = signVoucher(signer, SELF_CHECK_TERMS);
  if (!verifyVoucher(probe, signer.keyHashHex).ok) {
    throw new Error("voucher signer: a signature does not verify under its own key");
  }
  return signer;
}

const SELF_CHECK_TERMS: VoucherTerms = {
  scriptHash: "00".repeat(28),
  reference: "00".repeat(16),
  unit: "lovelace",
  total: 1n,
};

/** Signs `terms` (throws `VoucherFieldError` naming a malformed field). */
export function signVoucher(signer: VoucherSigner, terms: VoucherTerms): Voucher {
  const { scriptHash, reference, unit, total } = terms;
  const signature = signer.sign(voucherMessage(terms));
  return {
    scriptHash,
    reference,
    unit,
    total,
    vkey: signer.vkeyHex,
    signature: Buffer.from(signature).toString("hex"),
  };
}
