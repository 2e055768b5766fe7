/**
 * Compiles a plu-ts term to a Plutus V3 script. Build time only: the node reads the result from
 * plutus.json and never imports plu-ts.
 */
import {
  compileIRToUPLC,
  UPLCEncoder,
  UPLCProgram,
  UPLCVersion,
  type Term,
  type PType,
} from "@harmoniclabs/plu-ts";

/**
 * plu-ts's production options, except that hoisted terms stay hoisted (emitted once at the root):
 * with `delayHoists` they are re-inlined per use, which made the escrow script 37% larger. No
 * marker is added. Traces are kept (plu-ts 0.9.0 cannot remove them anyway): failing tests and
 * operators read them.
 */
const OPTIONS = {
  delayHoists: false,
  addMarker: false,
  removeTraces: false,
  uplcOptimizations: {
    groupApplications: true,
    inlineSingleUse: true,
    simplifyWrappedPartialFuncApps: true,
    removeForceDelay: true,
  },
};

/** UPLC 1.1.0 (allowed for Plutus V3). */
const VERSION: readonly [number, number, number] = [1, 1, 0];

/** The flat-encoded program. */
export function compileFlat(term: Term<PType>): Uint8Array {
  const uplc = compileIRToUPLC(term.toIR(), OPTIONS as never);
  const program = new UPLCProgram(new UPLCVersion(...VERSION), uplc);
  return UPLCEncoder.compile(program).toBuffer().buffer;
}

/** CBOR byte-string header for a payload of `length` bytes. */
function bytesHeader(length: number): Buffer {
  if (length < 24) return Buffer.from([0x40 + length]);
  if (length < 0x100) return Buffer.from([0x58, length]);
  if (length < 0x10000) return Buffer.from([0x59, length >> 8, length & 0xff]);
  throw new Error(`script too large: ${length} bytes`);
}

/** The flat bytes wrapped once in a CBOR byte string: the blueprint's `compiledCode`. */
export function singleCbor(flat: Uint8Array): string {
  return Buffer.concat([bytesHeader(flat.length), Buffer.from(flat)]).toString("hex");
}
