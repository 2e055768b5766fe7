/**
 * CIP-8 message signing (COSE_Sign1) with a payment key that is derived once and kept, written
 * byte for byte as Mesh's `MeshWallet.signData` writes it (the tests compare the two; ed25519
 * signatures are deterministic). Mesh's wallet derives the account's keys and addresses again
 * on every call: under load that derivation was most of a payment request's signing time on
 * the API's thread.
 */
import { bech32 } from "@scure/base";
import type { DataSigner } from "./blockchain-identifier.ts";

/** A payment key that signs plain ed25519 (src/domain/voucher-signer.ts makes one). */
export interface KeySigner {
  /** The verification key, hex, 32 bytes. */
  readonly vkeyHex: string;
  sign(message: Uint8Array): Uint8Array;
}

/** A CBOR byte string: head (major type 2, shortest length form) and the bytes. */
function bstr(bytes: Uint8Array): Buffer {
  const n = bytes.length;
  const head =
    n < 24
      ? [0x40 | n]
      : n < 0x100
        ? [0x58, n]
        : n < 0x10000
          ? [0x59, n >> 8, n & 0xff]
          : [0x5a, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from(head), bytes]);
}

// {1: -8 (EdDSA), 4: <key id: the public key>, "address": <address bytes>}, in that order.
const PROTECTED_ALG_AND_KID = Buffer.from("a301270458", "hex");
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
  return Buffer.concat([SIG_STRUCTURE_HEAD, bstr(protectedHeader), EMPTY_AAD, bstr(payload)]);
}

/** The COSE_Key (hex) of an Ed25519 public key, as Mesh writes it. */
export function coseKeyOf(publicKey: Uint8Array): string {
  return Buffer.concat([COSE_KEY_HEAD, bstr(publicKey)]).toString("hex");
}

/** The address's raw bytes (header and credentials) from its bech32 text. */
function addressBytes(address: string): Uint8Array {
  return bech32.fromWords(bech32.decode(address as `${string}1${string}`, 1023).words);
}

/** A `DataSigner` over `key`: what `signTerms` signs payment terms with. */
export function cip8DataSigner(key: KeySigner): DataSigner {
  const publicKey = Buffer.from(key.vkeyHex, "hex");
  const coseKey = coseKeyOf(publicKey);
  return {
    async signData(payloadHex, address) {
      const payload = Buffer.from(payloadHex, "hex");
      const protectedHeader = Buffer.concat([
        PROTECTED_ALG_AND_KID,
        Buffer.from([publicKey.length]),
        publicKey,
        ADDRESS_LABEL,
        bstr(addressBytes(address)),
      ]);
      const signature = key.sign(sigStructure(protectedHeader, payload));
      const coseSign1 = Buffer.concat([
        Buffer.from([0x84]),
        bstr(protectedHeader),
        UNPROTECTED,
        bstr(payload),
        bstr(signature),
      ]);
      return { signature: coseSign1.toString("hex"), key: coseKey };
    },
  };
}
