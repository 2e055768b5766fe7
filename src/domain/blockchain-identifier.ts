/**
 * The blockchainIdentifier: the seller's signed payment terms, handed to the buyer, who needs
 * nothing else to check them. Format: base64url of the seller's CIP-8 COSE_Sign1 (Mesh
 * `signData`), whose payload *is* the terms as RFC 8785 canonical JSON: the terms travel once
 * and the signature covers exactly those bytes. The COSE header carries the public key.
 *
 * The peer's identifier (lz-string hex of nonces, signature and key) does not carry the terms;
 * its buyer must be told them separately. Ours is self-contained, and about 1.3 KB.
 */
import { createHash, randomBytes } from "node:crypto";
// Not the contracts barrel: it also loads the blueprint reader, and with it Mesh.
import { escrowReference as datumReference } from "../../contracts/escrow-data.ts";
import { addressParts } from "../../contracts/address.ts";
import { blake2bHex } from "../../contracts/blake2b.ts";
import { coseKeyOf, readCoseSign1, verifyCoseSign1 } from "./cip8.ts";
import type { Network } from "../chain/network.ts";
import { type Amount, parseWireAmounts, toWireAmounts } from "./amounts.ts";
import { canonicalize } from "./jcs.ts";
import { isHash64Hex, isIdentifierFromPurchaser } from "./mip004.ts";
import { type PaymentTimes, TIME_FIELDS } from "./payment-times.ts";
import { formatPath } from "./pricing-fields.ts";

/** The peer's limit on a blockchainIdentifier, which our API keeps. */
export const BLOCKCHAIN_IDENTIFIER_LENGTH_MAX = 8000;
export const TERMS_VERSION = 1;

/** What the seller offers for one job; signed as a whole. */
export interface PaymentTerms extends PaymentTimes {
  version: typeof TERMS_VERSION;
  network: Network;
  /** The agent's NFT: policy id (56 hex) and asset name (1-32 bytes), lowercase. */
  agentIdentifier: string;
  /** The seller's payment key hash (56 hex), which the peer's API calls `sellerVKey`. */
  sellerVkey: string;
  /** Where the seller is paid; its payment credential is `sellerVkey`. */
  sellerAddress: string;
  identifierFromPurchaser: string;
  /** MIP-004 input hash, 64 lowercase hex. */
  inputHash: string;
  /** What the buyer locks, in canonical order (lovelace first). */
  amounts: Amount[];
  /** 16 random bytes (hex) that make every request unique, even for equal terms. */
  sellerNonce: string;
}

/** Anything that signs like Mesh's `MeshWallet.signData(payloadHex, address)` (CIP-8). */
export interface DataSigner {
  signData(payloadHex: string, address: string): Promise<{ signature: string; key: string }>;
}

export interface DecodedBlockchainIdentifier {
  ok: true;
  terms: PaymentTerms;
  /** The exact signed bytes (canonical JSON of the terms), as text. */
  payload: string;
  /** COSE_Sign1 and COSE_Key (rebuilt from the header's key), hex, as `checkSignature` takes them. */
  signature: string;
  key: string;
}
export type DecodeResult =
  DecodedBlockchainIdentifier | { ok: false; field: string; reason: string };
export type VerifyResult = { ok: true } | { ok: false; reason: string };

const AGENT_IDENTIFIER = /^[0-9a-f]{56}(?:[0-9a-f]{2}){1,32}$/;
/** A payment key hash: blake2b-224 of the key. */
const KEY_HASH_BYTES = 28;
const KEY_HASH = /^[0-9a-f]{56}$/;
const NONCE = /^[0-9a-f]{32}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TERM_FIELDS = [
  "version",
  "network",
  "agentIdentifier",
  "sellerVkey",
  "sellerAddress",
  "identifierFromPurchaser",
  "inputHash",
  "amounts",
  ...TIME_FIELDS,
  "sellerNonce",
] as const;

/** A fresh seller nonce. */
export function newSellerNonce(): string {
  return randomBytes(16).toString("hex");
}

/** The canonical payload the seller signs. Throws on terms its own decoder would refuse. */
export function encodeTerms(terms: PaymentTerms): string {
  // Read back first, so units and the amounts' order come out normalised.
  const read = readTerms({ ...pick(terms), amounts: toWireAmounts(terms.amounts) });
  if (!read.ok) throw new Error(`encodeTerms: ${read.field}: ${read.reason}`);
  return canonicalize({ ...pick(read.terms), amounts: toWireAmounts(read.terms.amounts) });
}

/** Signs the terms with the seller's key; returns the blockchainIdentifier. */
export async function signTerms(signer: DataSigner, terms: PaymentTerms): Promise<string> {
  const payload = encodeTerms(terms);
  const hex = Buffer.from(payload, "utf8").toString("hex");
  const signed = await signer.signData(hex, terms.sellerAddress);
  const identifier = identifierFromSignature(signed.signature);
  // Never hand out an identifier we could not read back, e.g. if Mesh changed its encoding.
  const back = decodeBlockchainIdentifier(identifier);
  if (!back.ok) throw new Error(`signTerms: own identifier unreadable: ${back.reason}`);
  if (back.payload !== payload || back.key !== signed.key) {
    throw new Error("signTerms: the signer signed another payload or with an unexpected key");
  }
  return identifier;
}

/** Writes a CIP-8 COSE_Sign1 (hex) as an identifier; signTerms uses it, tests forge with it. */
export function identifierFromSignature(signatureHex: string): string {
  return Buffer.from(signatureHex, "hex").toString("base64url");
}

/** Reads an identifier from outside: never throws, names what is wrong. Checks no signature. */
export function decodeBlockchainIdentifier(text: unknown): DecodeResult {
  const fail = (reason: string, field = "blockchainIdentifier") => ({
    ok: false as const,
    field,
    reason,
  });
  if (typeof text !== "string" || text.length === 0) return fail("must be a non-empty string");
  if (text.length > BLOCKCHAIN_IDENTIFIER_LENGTH_MAX) {
    return fail(`is longer than ${BLOCKCHAIN_IDENTIFIER_LENGTH_MAX} characters`);
  }
  if (!BASE64URL.test(text)) return fail("is not base64url");
  const bytes = Buffer.from(text, "base64url");
  // Node decodes leniently; only the one canonical spelling of the bytes is accepted.
  if (bytes.toString("base64url") !== text) return fail("is not canonical base64url");
  const cose = readCoseSign1(bytes);
  if (cose === undefined) return fail("does not hold a CIP-8 signature as Mesh writes it");
  let payload: string;
  let json: unknown;
  try {
    payload = new TextDecoder("utf-8", { fatal: true }).decode(cose.payload);
    json = JSON.parse(payload);
  } catch {
    return fail("signs something other than JSON terms");
  }
  const read = readTerms(json);
  if (!read.ok) return fail(read.reason, read.field);
  // One payload per set of terms: anything but our own canonical encoding is refused.
  if (encodeTerms(read.terms) !== payload) return fail("signs terms not in canonical form");
  const key = coseKeyOf(cose.publicKey);
  return { ok: true, terms: read.terms, payload, signature: bytes.toString("hex"), key };
}

/**
 * Checks that the seller signed these exact terms: the terms name the node's network, the
 * signing key's hash is the seller's payment key hash (which decoding already matched with
 * `sellerAddress`), and the signature verifies over the payload. Whether the seller holds the
 * agent's NFT is for the caller to check against the chain.
 */
export async function verifyBlockchainIdentifier(
  decoded: DecodedBlockchainIdentifier,
  { network }: { network: Network },
): Promise<VerifyResult> {
  const { terms, payload, signature, key } = decoded;
  if (terms.network !== network) {
    return { ok: false, reason: `is for ${terms.network}, this node is on ${network}` };
  }
  const cose = readCoseSign1(Buffer.from(signature, "hex"));
  if (cose === undefined) return { ok: false, reason: "does not hold a CIP-8 signature" };
  if (coseKeyOf(cose.publicKey) !== key) return { ok: false, reason: "names another key" };
  const publicKeyHex = cose.publicKey.toString("hex");
  if (blake2bHex(publicKeyHex, KEY_HASH_BYTES) !== terms.sellerVkey) {
    return { ok: false, reason: "is signed by a key other than the seller's" };
  }
  const valid = cose.payload.equals(Buffer.from(payload, "utf8")) && verifyCoseSign1(cose);
  return valid ? { ok: true } : { ok: false, reason: "signature does not match the terms" };
}

/**
 * The reference the escrow datum carries (16 bytes hex): the start of the sha256 of the signed
 * payload. Decoding admits one identifier text per payload, so this is also one reference per
 * identifier; both sides' rows and the watcher's events are matched by it.
 */
export function escrowReference(decoded: DecodedBlockchainIdentifier): string {
  return datumReference(createHash("sha256").update(decoded.payload, "utf8").digest("hex"));
}

/** Exactly the terms' fields, so an object with extra properties signs the same payload. */
function pick(terms: PaymentTerms): Record<string, unknown> {
  return Object.fromEntries(TERM_FIELDS.map((f) => [f, terms[f]]));
}

/**
 * The payment key hash of a key address (base or enterprise) on `network`, or undefined for
 * anything else.
 */
function paymentKeyHashOf(address: unknown, network: Network): string | undefined {
  if (typeof address !== "string" || address.length > ADDRESS_LENGTH_MAX) return undefined;
  try {
    const parts = addressParts(address);
    // Bech32 reads upper case as the same bytes; only the one spelling the node writes counts.
    const exact =
      address === address.toLowerCase() && parts.networkId === (network === "mainnet" ? 1 : 0);
    return exact && parts.payment.kind === "key" ? parts.payment.hash : undefined;
  } catch {
    return undefined;
  }
}

/** Longer than any Shelley address (a base address is 103 characters on mainnet). */
const ADDRESS_LENGTH_MAX = 200;

type ReadTerms = { ok: true; terms: PaymentTerms } | { ok: false; field: string; reason: string };

/** Checks the shape of terms read from JSON, field by field, in a fixed order. */
function readTerms(json: unknown): ReadTerms {
  const fail = (field: string, reason: string): ReadTerms => ({ ok: false, field, reason });
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail("terms", "must be an object");
  }
  const t = json as Record<string, unknown>;
  const unknownField = Object.keys(t).find((k) => !(TERM_FIELDS as readonly string[]).includes(k));
  if (unknownField !== undefined) return fail(unknownField, "is not a field of the terms");
  const matches = (f: string, re: RegExp) => () => typeof t[f] === "string" && re.test(t[f]);
  const isMs = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  // Each check runs only when those before it held (the address check needs the network).
  const checks: [string, () => boolean, string][] = [
    ["version", () => t.version === TERMS_VERSION, `must be ${TERMS_VERSION}, the only one read`],
    [
      "network",
      () => t.network === "preprod" || t.network === "mainnet",
      "must be preprod or mainnet",
    ],
    [
      "agentIdentifier",
      matches("agentIdentifier", AGENT_IDENTIFIER),
      "must be a policy id and asset name, 58-120 lowercase hex",
    ],
    ["sellerVkey", matches("sellerVkey", KEY_HASH), "must be a payment key hash, 56 lowercase hex"],
    [
      "sellerAddress",
      () => paymentKeyHashOf(t.sellerAddress, t.network as Network) === t.sellerVkey,
      `must be a key address (base or enterprise) on ${String(t.network)} of sellerVkey's key`,
    ],
    [
      "identifierFromPurchaser",
      () => isIdentifierFromPurchaser(t.identifierFromPurchaser),
      "must be 14-26 hex characters",
    ],
    ["inputHash", () => isHash64Hex(t.inputHash), "must be 64 lowercase hex"],
    ["sellerNonce", matches("sellerNonce", NONCE), "must be 32 lowercase hex"],
    ...TIME_FIELDS.map((f, i): [string, () => boolean, string] => {
      const before = TIME_FIELDS[i - 1];
      return before === undefined
        ? [f, () => isMs(t[f]), "must be POSIX ms"]
        : [
            f,
            () => isMs(t[f]) && (t[before] as number) < (t[f] as number),
            `must be POSIX ms after ${before}`,
          ];
    }),
  ];
  const broken = checks.find(([, holds]) => !holds());
  if (broken) return fail(broken[0], broken[2]);
  const amounts = parseWireAmounts(t.amounts, "amounts");
  if (!amounts.ok) {
    const first = amounts.problems[0]!;
    return fail(formatPath(first.path), first.message);
  }
  return { ok: true, terms: { ...(t as unknown as PaymentTerms), amounts: amounts.amounts } };
}
