/**
 * MIP-004 hashes, as buyers and sellers both compute them:
 * `input_hash = sha256(identifier_from_purchaser + ";" + JCS(input_data))` and
 * `result_hash = sha256(identifier_from_purchaser + ";" + output)`, lowercase hex of the UTF-8
 * bytes. JCS is RFC 8785 (the `canonicalize` package); sha256 is Web Crypto's, so this runs in
 * Node and in browsers alike. The node computes the same hashes (its src/domain/mip004.ts); a
 * test holds the two to the same answers.
 */
import canonicalize from "canonicalize";

const IDENTIFIER_FROM_PURCHASER = /^(?:[0-9a-fA-F]{2}){7,13}$/;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The job input's hash; throws for a value JSON cannot hold (NaN, a lone surrogate, …). */
export async function inputHash(
  identifierFromPurchaser: string,
  inputData: unknown,
): Promise<string> {
  const canonical = canonicalize(inputData);
  if (canonical === undefined) throw new TypeError("input data is not a JSON value");
  return sha256Hex(`${identifierFromPurchaser};${canonical}`);
}

/** The job output's hash (the output exactly as the agent answers it). */
export function resultHash(identifierFromPurchaser: string, output: string): Promise<string> {
  return sha256Hex(`${identifierFromPurchaser};${output}`);
}

/** MIP-003's purchaser identifier: hex, whole bytes, 14 to 26 characters. */
export function isIdentifierFromPurchaser(value: unknown): value is string {
  return typeof value === "string" && IDENTIFIER_FROM_PURCHASER.test(value);
}

/** A fresh purchaser identifier: 13 random bytes as 26 hex characters (the most allowed). */
export function randomIdentifierFromPurchaser(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(13));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
