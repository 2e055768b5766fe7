/**
 * A Plutus script's CBOR wrappers. The blueprint holds a script as single CBOR (one byte string
 * around the flat program), the ledger hashes that, and Mesh's builders take double CBOR; Mesh's
 * `normalizePlutusScript` converts between them, and this is the node's own copy of it, written
 * so the node need not load Mesh (about 100 MB) to read its own blueprint.
 */

export type ScriptEncoding = "SingleCBOR" | "DoubleCBOR";

/** Flat's version (major, minor, patch) bytes of the programs Mesh accepts: 1.0.0 and 1.1.0. */
const FLAT_VERSIONS = ["010000", "010100"];
const EVEN_HEX = /^(?:[0-9a-fA-F]{2})*$/;
/** No script is wrapped this often; a limit so malformed input cannot loop for long. */
const WRAPS_MAX = 8;

const isFlatProgram = (bytes: Uint8Array) =>
  bytes.length >= 3 && FLAT_VERSIONS.includes(Buffer.from(bytes.subarray(0, 3)).toString("hex"));

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

/** The flat program inside a script given with any number of byte-string wrappers (hex). */
export function flatProgram(script: string): Buffer {
  if (!EVEN_HEX.test(script)) throw new Error("script is not an even-length hex string");
  let bytes: Uint8Array = Buffer.from(script, "hex");
  for (let wraps = 0; wraps <= WRAPS_MAX; wraps++) {
    if (isFlatProgram(bytes)) return Buffer.from(bytes);
    bytes = cborBytesContent(bytes);
  }
  throw new Error(`script is wrapped more than ${WRAPS_MAX} times`);
}

/** The flat program (hex) wrapped once or twice, as Mesh's `normalizePlutusScript` gives it. */
export function wrapFlatProgram(flat: Uint8Array, encoding: ScriptEncoding): string {
  const single = cborBytes(flat);
  return (encoding === "SingleCBOR" ? single : cborBytes(single)).toString("hex");
}

/** The script (any wrapping, hex) re-wrapped once or twice: Mesh's `normalizePlutusScript`. */
export const normalizePlutusScript = (script: string, encoding: ScriptEncoding): string =>
  wrapFlatProgram(flatProgram(script), encoding);
