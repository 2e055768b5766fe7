/**
 * A Plutus script given as hex in any of the encodings clients send (the flat program itself,
 * or wrapped in one or two CBOR byte strings), read into the ledger's `Script`.
 */
import { Serialization } from "@cardano-sdk/core";
import { hexBlob } from "./cbor.ts";

export type PlutusVersion = "V1" | "V2" | "V3";

/** Flat programs start with their Plutus Core version: 1.0.0 (V1, V2) or 1.1.0 (V3). */
const FLAT_VERSIONS = ["010000", "010100"];
/** Wrappings peeled at most; clients send two, a third is already a mistake. */
const WRAPPINGS_MAX = 4;

/** The script as a reference script; throws when `code` holds no flat program. */
export function plutusScriptOf(code: string, version: PlutusVersion): Serialization.Script {
  const flat = flatProgram(Buffer.from(code, "hex"));
  // The SDK's script types hold the program wrapped once (their CBOR wraps it once more).
  const wrapped = new Serialization.CborWriter().writeByteString(flat).encodeAsHex();
  const blob = hexBlob(wrapped);
  switch (version) {
    case "V1":
      return Serialization.Script.newPlutusV1Script(new Serialization.PlutusV1Script(blob));
    case "V2":
      return Serialization.Script.newPlutusV2Script(new Serialization.PlutusV2Script(blob));
    case "V3":
      return Serialization.Script.newPlutusV3Script(new Serialization.PlutusV3Script(blob));
  }
}

/** Peels CBOR byte-string wrappings until the bytes start as a flat program does. */
function flatProgram(bytes: Uint8Array): Uint8Array {
  let current = bytes;
  for (let i = 0; i <= WRAPPINGS_MAX; i++) {
    if (isFlat(current)) return current;
    const reader = new Serialization.CborReader(hexBlob(Buffer.from(current).toString("hex")));
    if (reader.peekState() !== Serialization.CborReaderState.ByteString) break;
    current = reader.readByteString();
  }
  throw new Error("Unsupported Plutus version or invalid Plutus script bytes");
}

function isFlat(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 3 && FLAT_VERSIONS.includes(Buffer.from(bytes.subarray(0, 3)).toString("hex"))
  );
}
