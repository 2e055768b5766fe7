/**
 * One CBOR byte string (RFC 8949 major type 2), written with the shortest head and read back
 * whole: the wrapper around a Plutus script and the fields of a CIP-8 message.
 */

/**
 * The content of `cbor` if it is exactly one definite-length CBOR byte string. Throws for
 * anything else, trailing bytes included: Mesh would read the first item and ignore the rest,
 * but no script the node handles has any, so a mismatch is a bug to surface.
 */
export function cborBytesContent(cbor: Uint8Array): Uint8Array {
  const head = cbor[0];
  if (head === undefined || head >> 5 !== 2) throw new Error("script is not a CBOR byte string");
  const info = head & 0x1f;
  if (info > 27) throw new Error("script is not a definite-length CBOR byte string");
  const argumentBytes = info < 24 ? 0 : 2 ** (info - 24);
  let length = info < 24 ? info : 0;
  for (let i = 1; i <= argumentBytes; i++) length = length * 256 + (cbor[i] ?? 0);
  const start = 1 + argumentBytes;
  if (start + length !== cbor.length) throw new Error("script's CBOR length is not its own");
  return cbor.subarray(start);
}

/** `bytes` as one CBOR byte string with the shortest head, as Mesh's CBOR library writes it. */
export function cborBytes(bytes: Uint8Array): Buffer {
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
