/**
 * blake2b of bytes given in hex, the hash Cardano names keys, scripts and registry roots by.
 * Written over @noble/hashes rather than Mesh's `core.blake2b.hash`, which gives the same bytes
 * (the tests compare them) but whose import costs a thread about 100 MB. It lives beside
 * address.ts, under contracts, because the registry's names need it and the node's modules
 * import contracts, never the other way round.
 */
import { blake2b } from "@noble/hashes/blake2.js";

/** Either case, like Mesh's reader: the helper must hash whatever Mesh hashed before it. */
const EVEN_HEX = /^(?:[0-9a-fA-F]{2})*$/;
/** blake2b's digest is 1 to 64 bytes long. */
const OUTPUT_BYTES_MAX = 64;

/** blake2b of the bytes `hex` spells, `outputBytes` long, as lowercase hex. */
export function blake2bHex(hex: string, outputBytes: number): string {
  // Mesh read malformed hex as far as it could and hashed that; every caller here passes a key,
  // a hash or a transaction id it already holds, so anything else is a bug to surface.
  if (!EVEN_HEX.test(hex)) throw new Error(`blake2bHex: not an even-length hex string`);
  if (!Number.isInteger(outputBytes) || outputBytes < 1 || outputBytes > OUTPUT_BYTES_MAX) {
    throw new Error(
      `blake2bHex: output must be 1 to ${OUTPUT_BYTES_MAX} bytes, got ${outputBytes}`,
    );
  }
  const digest = blake2b(Buffer.from(hex, "hex"), { dkLen: outputBytes });
  return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength).toString("hex");
}
