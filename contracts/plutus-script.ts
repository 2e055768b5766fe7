/**
 * A Plutus script's CBOR wrappers. The blueprint holds a script as single CBOR (one byte string
 * around the flat program), the ledger hashes that, and Mesh's builders take double CBOR; Mesh's
 * `normalizePlutusScript` converts between them, and this is the node's own copy of it, written
 * so the node need not load Mesh (about 100 MB) to read its own blueprint.
 */

import { cborBytes, cborBytesContent } from "./cbor-bytes.ts";

export type ScriptEncoding = "SingleCBOR" | "DoubleCBOR";

/** Flat's version (major, minor, patch) bytes of the programs Mesh accepts: 1.0.0 and 1.1.0. */
const FLAT_VERSIONS = ["010000", "010100"];
const EVEN_HEX = /^(?:[0-9a-fA-F]{2})*$/;
/** No script is wrapped this often; a limit so malformed input cannot loop for long. */
const WRAPS_MAX = 8;

const isFlatProgram = (bytes: Uint8Array) =>
  bytes.length >= 3 && FLAT_VERSIONS.includes(Buffer.from(bytes.subarray(0, 3)).toString("hex"));

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
