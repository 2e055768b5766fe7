/**
 * A Plutus V3 script's hash, as the ledger names it (the script's address and policy id): the
 * node's own copy of Mesh's `resolveScriptHash(code, "V3")`, written so the node need not load
 * Mesh (about 100 MB) to name its own scripts.
 */
import { blake2bHex } from "./blake2b.ts";
import { cborBytesContent } from "./cbor-bytes.ts";

/** The language tag the ledger puts before a Plutus V3 script's bytes to hash them. */
const PLUTUS_V3_TAG = "03";
const SCRIPT_HASH_BYTES = 28;

/**
 * The hash of a Plutus V3 script given as double CBOR (what Mesh's builders take): blake2b-224
 * of the tag byte and the content of the outer byte string, the single-CBOR script. Mesh's
 * cardano-sdk hashes the same bytes (`PlutusV3Script.hash`); the tests compare the two.
 */
export function plutusV3ScriptHash(doubleCbor: string): string {
  const single = cborBytesContent(Buffer.from(doubleCbor, "hex"));
  return blake2bHex(PLUTUS_V3_TAG + Buffer.from(single).toString("hex"), SCRIPT_HASH_BYTES);
}
