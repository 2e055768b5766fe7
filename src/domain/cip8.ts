/**
 * CIP-8 message signing (COSE_Sign1) exactly as Mesh's `MeshWallet.signData` writes it: written
 * here with a payment key derived once and kept (the tests compare the bytes with Mesh's;
 * ed25519 signatures are deterministic), read back in that one shape, and checked with
 * node:crypto. Mesh's wallet derives the account's keys and addresses again on every call:
 * under load that derivation was most of a payment request's signing time on the API's thread.
 *
 * The shape: [protected {1: -8 (EdDSA), 4: public key, "address": bytes}, unprotected
 * {"hashed": false}, payload, signature]. Reading exactly this shape, in shortest-form CBOR,
 * keeps an identifier's text canonical.
 */
import { createPublicKey, verify } from "node:crypto";
import { addressBytes } from "../../contracts/address.ts";
import { cborBytes } from "../../contracts/cbor-bytes.ts";
import type { DataSigner } from "./blockchain-identifier.ts";
import { memoised } from "./memo.ts";

/** A payment key that signs plain ed25519 (src/domain/voucher-signer.ts makes one). */
export interface KeySigner {
  /** The verification key, hex, 32 bytes. */
  readonly vkeyHex: string;
  sign(message: Uint8Array): Uint8Array;
}

// {1: -8 (EdDSA), 4: <key id: the public key, 32 bytes>, "address": <address bytes>}, in order.
const PROTECTED_HEAD = Buffer.from("a30127045820", "hex");
const ADDRESS_LABEL = Buffer.from("6761646472657373", "hex");
// {"hashed": false}
const UNPROTECTED = Buffer.from("a166686173686564f4", "hex");
// ["Signature1", protected, external_aad (empty), payload]
const SIG_STRUCTURE_HEAD = Buffer.from("846a5369676e617475726531", "hex");
const EMPTY_AAD = Buffer.from("40", "hex");
// COSE_Key {1 (kty): 1 (OKP), 3 (alg): -8 (EdDSA), -1 (crv): 6 (Ed25519), -2 (x): <key>}
const COSE_KEY_HEAD = Buffer.from("a401010327200621", "hex");

/** The bytes a COSE_Sign1 signature covers: its protected header and payload, no extra data. */
export function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Buffer {
  return Buffer.concat([
    SIG_STRUCTURE_HEAD,
    cborBytes(protectedHeader),
    EMPTY_AAD,
    cborBytes(payload),
  ]);
}

/** The COSE_Key (hex) of an Ed25519 public key, as Mesh writes it. */
export function coseKeyOf(publicKey: Uint8Array): string {
  return Buffer.concat([COSE_KEY_HEAD, cborBytes(publicKey)]).toString("hex");
}

/** A `DataSigner` over `key`: what `signTerms` signs payment terms with. */
export function cip8DataSigner(key: KeySigner): DataSigner {
  const publicKey = Buffer.from(key.vkeyHex, "hex");
  const coseKey = coseKeyOf(publicKey);
  return {
    async signData(payloadHex, address) {
      const payload = Buffer.from(payloadHex, "hex");
      const protectedHeader = Buffer.concat([
        PROTECTED_HEAD,
        publicKey,
        ADDRESS_LABEL,
        cborBytes(addressBytes(address)),
      ]);
      const signature = key.sign(sigStructure(protectedHeader, payload));
      const coseSign1 = Buffer.concat([
        Buffer.from([0x84]),
        cborBytes(protectedHeader),
        UNPROTECTED,
        cborBytes(payload),
        cborBytes(signature),
      ]);
      return { signature: coseSign1.toString("hex"), key: coseKey };
    },
  };
}

/** A COSE_Sign1 read back, its parts as they sit in the message. */
export interface CoseSign1 {
  protectedHeader: Buffer;
  publicKey: Buffer;
  payload: Buffer;
  signature: Buffer;
}

/** A COSE_Sign1 of exactly the shape written above, or undefined for anything else. */
export function readCoseSign1(b: Buffer): CoseSign1 | undefined {
  if (b[0] !== 0x84) return undefined;
  const header = readBytes(b, 1);
  const unprotectedEnd = (header?.next ?? 0) + UNPROTECTED.length;
  if (!header || !b.subarray(header.next, unprotectedEnd).equals(UNPROTECTED)) return undefined;
  const payload = readBytes(b, unprotectedEnd);
  const signature = payload && readBytes(b, payload.next);
  if (!signature || signature.value.length !== 64 || signature.next !== b.length) return undefined;
  const h = header.value;
  const keyEnd = PROTECTED_HEAD.length + 32;
  const labelEnd = keyEnd + ADDRESS_LABEL.length;
  if (
    !h.subarray(0, PROTECTED_HEAD.length).equals(PROTECTED_HEAD) ||
    !h.subarray(keyEnd, labelEnd).equals(ADDRESS_LABEL)
  ) {
    return undefined;
  }
  const address = readBytes(h, labelEnd);
  if (!address || address.next !== h.length) return undefined;
  return {
    protectedHeader: h,
    publicKey: h.subarray(PROTECTED_HEAD.length, keyEnd),
    payload: payload.value,
    signature: signature.value,
  };
}

/** A CBOR byte string at `at`, in shortest form, of at most 65535 bytes (enough here). */
function readBytes(b: Buffer, at: number): { value: Buffer; next: number } | undefined {
  const head = b[at] ?? 0;
  const info = head & 0x1f;
  if (head >> 5 !== 2 || info > 25) return undefined;
  const extra = info < 24 ? 0 : info - 23; // length in 0, 1 or 2 following bytes
  const start = at + 1 + extra;
  if (start > b.length) return undefined;
  const length = extra === 0 ? info : b.readUIntBE(at + 1, extra);
  const shortest = extra === 0 || length >= (extra === 1 ? 24 : 256);
  if (!shortest || start + length > b.length) return undefined;
  return { value: b.subarray(start, start + length), next: start + length };
}

/** DER of an Ed25519 SubjectPublicKeyInfo up to the 32 key bytes (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Public keys as node:crypto takes them, remembered: a seller's key signs all its terms. */
const publicKeys = memoised(
  (publicKeyHex: string) =>
    createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, "hex")]),
      format: "der",
      type: "spki",
    }),
  256,
  { share: true },
);

/** Whether the message's signature is its header's key's, over its header and payload. */
export function verifyCoseSign1(cose: CoseSign1): boolean {
  try {
    // Ed25519 (RFC 8032), by OpenSSL.
    const key = publicKeys(cose.publicKey.toString("hex"));
    return verify(null, sigStructure(cose.protectedHeader, cose.payload), key, cose.signature);
  } catch {
    // A key that is not a curve point: a refusal, never a crash.
    return false;
  }
}
