/**
 * Payment vouchers (metered escrow, issue 10): the buyer's node signs, off chain, the running
 * total it owes for one escrow; the seller's node keeps the latest and settles it on chain, where
 * the escrow validator checks the same bytes with `verifyEd25519Signature`.
 *
 * The signed message, byte for byte (the validator rebuilds it, so this layout is a contract):
 *
 *   scriptHash (28) ‖ reference (16) ‖ total (8, big-endian unsigned) ‖ policyId (0 or 28) ‖ assetName (0..32)
 *
 * The script hash and the reference bind a voucher to one escrow of one script version, so it
 * cannot be replayed against another; the unit comes last because it alone varies in length.
 * Pure: no database, no clock. Signing lives in voucher-signer.ts.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { blake2bHex } from "../../contracts/blake2b.ts";
// Not the contracts barrel: it also loads the blueprint reader, and with it Mesh.
import { splitUnit } from "../../contracts/escrow-data.ts";
import { REFERENCE_BYTES } from "../../contracts/escrow/layout.ts";

export const SCRIPT_HASH_BYTES = 28;
export const POLICY_ID_BYTES = 28;
export const ASSET_NAME_BYTES_MAX = 32;
export const TOTAL_BYTES = 8;
export const VKEY_BYTES = 32;
export const VKEY_HASH_BYTES = 28;
export const SIGNATURE_BYTES = 64;
/** Totals are unsigned 64-bit on the wire of the message: this bound is exclusive. */
export const TOTAL_LIMIT = 1n << 64n;
/** Distinct buyer keys whose parsed KeyObject is kept; a node streams with few buyers at once. */
export const VKEY_CACHE_MAX = 4096;

/** What a voucher promises: `total` base units of `unit`, owed so far, for one escrow. */
export interface VoucherTerms {
  /** The escrow script's hash, hex, 28 bytes. */
  scriptHash: string;
  /** The escrow datum's reference, hex, 16 bytes (see contracts `escrowReference`). */
  reference: string;
  /** A Mesh unit: "lovelace", or policy id (28 bytes) ‖ asset name (0..32 bytes), hex. */
  unit: string;
  /** The running total owed, in base units of `unit`; 0 ≤ total < 2^64. */
  total: bigint;
}

/** Terms signed by the buyer's payment key. */
export interface Voucher extends VoucherTerms {
  /** The buyer's payment verification key, hex, 32 bytes. */
  vkey: string;
  /** Plain ed25519 signature of `voucherMessage(terms)`, hex, 64 bytes. */
  signature: string;
}

export type VoucherField =
  "scriptHash" | "reference" | "unit" | "total" | "vkey" | "signature" | "expectedBuyerKeyHash";

/** A voucher field is malformed; `field` names it so an API can answer 4xx with it. */
export class VoucherFieldError extends Error {
  constructor(
    readonly field: VoucherField,
    readonly detail: string,
  ) {
    super(`voucher ${field} ${detail}`);
    this.name = "VoucherFieldError";
  }
}

/**
 * The outcome of `verifyVoucher`. A refusal is an expected outcome (vouchers come from peers),
 * so it is a value, not an exception; `field` is the one to blame in a 4xx answer.
 */
export type VoucherCheck = { ok: true } | { ok: false; field: VoucherField; reason: string };

// Lowercase only: one spelling per byte string, so stored vouchers compare as strings.
const EVEN_HEX = /^(?:[0-9a-f]{2})*$/;

function hexOf(field: VoucherField, value: unknown, minBytes: number, maxBytes: number): string {
  if (typeof value !== "string" || !EVEN_HEX.test(value)) {
    throw new VoucherFieldError(field, "must be lowercase hex");
  }
  const bytes = value.length / 2;
  if (bytes < minBytes || bytes > maxBytes) {
    const want = minBytes === maxBytes ? `${minBytes}` : `${minBytes} to ${maxBytes}`;
    throw new VoucherFieldError(field, `must be ${want} bytes, got ${bytes}`);
  }
  return value;
}

/** The unit's policy id and asset name as the message carries them (both empty for ADA). */
function unitParts(unit: unknown): { policyId: string; assetName: string } {
  if (unit === "lovelace") return { policyId: "", assetName: "" };
  // A token unit is at least a policy id; "" (Mesh's other spelling of ADA) is refused so
  // that one asset has one spelling.
  hexOf("unit", unit, POLICY_ID_BYTES, POLICY_ID_BYTES + ASSET_NAME_BYTES_MAX);
  return splitUnit(unit as string);
}

/** The exact bytes a voucher signs (layout in the module comment); throws `VoucherFieldError`. */
export function voucherMessage(terms: VoucherTerms): Uint8Array {
  const scriptHash = hexOf("scriptHash", terms.scriptHash, SCRIPT_HASH_BYTES, SCRIPT_HASH_BYTES);
  const reference = hexOf("reference", terms.reference, REFERENCE_BYTES, REFERENCE_BYTES);
  const { total } = terms;
  if (typeof total !== "bigint") throw new VoucherFieldError("total", "must be a bigint");
  if (total < 0n || total >= TOTAL_LIMIT) {
    throw new VoucherFieldError("total", "must be at least 0 and below 2^64");
  }
  const { policyId, assetName } = unitParts(terms.unit);
  const head = SCRIPT_HASH_BYTES + REFERENCE_BYTES;
  const message = Buffer.alloc(head + TOTAL_BYTES + (policyId.length + assetName.length) / 2);
  message.write(scriptHash, 0, "hex");
  message.write(reference, SCRIPT_HASH_BYTES, "hex");
  message.writeBigUInt64BE(total, head);
  message.write(policyId + assetName, head + TOTAL_BYTES, "hex");
  return message;
}

/** DER SubjectPublicKeyInfo header of an ed25519 key (RFC 8410); the raw 32 bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

const FIELD_PRIME = (1n << 255n) - 19n;
/** The y of the curve's points of order 8: a root of d·y⁴ + 2y² − 1 (checked in the tests). */
export const ORDER_8_Y =
  2707385501144840649318225287225658788936804267575313519463743609750303402022n;
/** y (sign bit dropped) of every point of order 1, 2, 4 or 8: 1, −1, 0 and ±ORDER_8_Y. */
const SMALL_ORDER_Y = new Set([0n, 1n, FIELD_PRIME - 1n, ORDER_8_Y, FIELD_PRIME - ORDER_8_Y]);

/**
 * Whether a point encoding passes the checks the chain's verifier makes before the equation.
 * Plutus' verifyEd25519Signature is libsodium's, which refuses a public key or an R that is not
 * canonical (y ≥ p) or of small order; OpenSSL does neither. Without this a buyer could hand out
 * vouchers that node:crypto accepts and the validator refuses: signed with R = identity and
 * S = k·a by its real key, or all zeros under an all-zero key (its escrow locked under that
 * key's hash), which passes for some messages. The tests show both.
 */
export function isStrictPoint(encoding: Uint8Array): boolean {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(encoding[i]! & (i === 31 ? 0x7f : 0xff));
  return y < FIELD_PRIME && !SMALL_ORDER_Y.has(y);
}

interface BuyerKey {
  key: KeyObject;
  keyHashHex: string;
}

// Parsing a key and hashing it cost about as much as a verification; a stream of vouchers
// reuses a handful of keys, so both are done once per key. Refused keys are not kept.
const buyerKeys = new Map<string, BuyerKey>();

/** The parsed key and its hash, or null when `vkeyHex` (32 bytes hex) is not a usable key. */
function buyerKey(vkeyHex: string): BuyerKey | null {
  const cached = buyerKeys.get(vkeyHex);
  if (cached) return cached;
  const raw = Buffer.from(vkeyHex, "hex");
  if (!isStrictPoint(raw)) return null;
  let key: KeyObject;
  try {
    key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
      format: "der",
      type: "spki",
    });
  } catch {
    return null; // 32 bytes off the curve: the peer's mistake, not ours
  }
  const keyHashHex = blake2bHex(vkeyHex, VKEY_HASH_BYTES);
  // Bounded: past the limit the oldest key goes first (a Map iterates in insertion order).
  if (buyerKeys.size >= VKEY_CACHE_MAX) {
    const oldest = buyerKeys.keys().next();
    if (!oldest.done) buyerKeys.delete(oldest.value);
  }
  const entry = { key, keyHashHex };
  buyerKeys.set(vkeyHex, entry);
  return entry;
}

/** blake2b-224 of a verification key (hex, 32 bytes): the key hash an address carries. */
export function vkeyHash(vkeyHex: string): string {
  hexOf("vkey", vkeyHex, VKEY_BYTES, VKEY_BYTES);
  return blake2bHex(vkeyHex, VKEY_HASH_BYTES);
}

const refuse = (field: VoucherField, reason: string): VoucherCheck => ({
  ok: false,
  field,
  reason,
});

/**
 * Checks a voucher from a peer: well-formed fields, `vkey` hashing to `expectedBuyerKeyHash`
 * (the escrow buyer's payment key hash), and the signature over `voucherMessage`, with the
 * chain's rules. Returns a `VoucherCheck` and never throws on bad input. Without
 * `expectedBuyerKeyHash` only the signature is checked, which proves nothing about *who*
 * signed: the caller must then bind `vkey` itself.
 */
export function verifyVoucher(v: Voucher, expectedBuyerKeyHash?: string): VoucherCheck {
  let message: Uint8Array;
  try {
    hexOf("vkey", v.vkey, VKEY_BYTES, VKEY_BYTES);
    hexOf("signature", v.signature, SIGNATURE_BYTES, SIGNATURE_BYTES);
    if (expectedBuyerKeyHash !== undefined) {
      hexOf("expectedBuyerKeyHash", expectedBuyerKeyHash, VKEY_HASH_BYTES, VKEY_HASH_BYTES);
    }
    message = voucherMessage(v);
  } catch (err) {
    if (err instanceof VoucherFieldError) return refuse(err.field, err.detail);
    throw err;
  }
  const buyer = buyerKey(v.vkey);
  if (!buyer) return refuse("vkey", "is not a usable ed25519 public key");
  if (expectedBuyerKeyHash !== undefined && buyer.keyHashHex !== expectedBuyerKeyHash) {
    return refuse("vkey", "is not the buyer's payment key");
  }
  const signature = Buffer.from(v.signature, "hex");
  if (!isStrictPoint(signature.subarray(0, 32))) {
    return refuse("signature", "has a small-order or non-canonical R");
  }
  if (!verify(null, message, buyer.key, signature)) {
    return refuse("signature", "does not sign these terms with this vkey");
  }
  return { ok: true };
}
