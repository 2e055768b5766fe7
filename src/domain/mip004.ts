/**
 * MIP-004 hashes, which tie a payment to one job's input and its result:
 * `inputHash = sha256(identifierFromPurchaser + ";" + JCS(inputData))` and
 * `resultHash = sha256(identifierFromPurchaser + ";" + output)`, both lowercase hex of the UTF-8
 * bytes. The purchaser's identifier is hashed exactly as given (its case matters), so it is
 * validated but never normalised.
 */
import { createHash } from "node:crypto";
import { tryCanonicalize } from "./jcs.ts";

const HASH_64_HEX = /^[0-9a-f]{64}$/;
const HASH_64_HEX_ANY_CASE = /^[0-9a-fA-F]{64}$/;
// Whole bytes like the peer's hex check, 7 to 13 of them (14-26 characters).
const IDENTIFIER_FROM_PURCHASER = /^(?:[0-9a-fA-F]{2}){7,13}$/;

export type InputHashResult = { ok: true; hash: string } | { ok: false; reason: string };

/** sha256 of the UTF-8 bytes of `text`, lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * MIP-004 input hash. `inputData` is the job input as parsed JSON; a value JSON cannot hold
 * (e.g. a number that parsed to Infinity) is an expected outcome for outside input, so it comes
 * back as a reason naming the place rather than as an exception.
 */
export function inputHash(identifierFromPurchaser: string, inputData: unknown): InputHashResult {
  const canonical = tryCanonicalize(inputData);
  if (!canonical.ok) {
    return { ok: false, reason: `input data at ${canonical.path}: ${canonical.reason}` };
  }
  return { ok: true, hash: sha256Hex(`${identifierFromPurchaser};${canonical.text}`) };
}

/** MIP-004 result hash of the job's output text. */
export function resultHash(identifierFromPurchaser: string, output: string): string {
  return sha256Hex(`${identifierFromPurchaser};${output}`);
}

/** True for a sha256 written as 64 lowercase hex characters (the form the node stores). */
export function isHash64Hex(value: unknown): value is string {
  return typeof value === "string" && HASH_64_HEX.test(value);
}

/** Reads a hash from outside: 64 hex characters in either case, returned lowercase. */
export function parseHash64Hex(value: unknown): string | undefined {
  return typeof value === "string" && HASH_64_HEX_ANY_CASE.test(value)
    ? value.toLowerCase()
    : undefined;
}

/** True for a purchaser's identifier: hex, whole bytes, 14 to 26 characters. */
export function isIdentifierFromPurchaser(value: unknown): value is string {
  return typeof value === "string" && IDENTIFIER_FROM_PURCHASER.test(value);
}
