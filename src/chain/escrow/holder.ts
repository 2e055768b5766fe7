/**
 * The always-failing Plutus V3 script whose address holds the escrow's reference script. Any
 * output there is unspendable, so a reference parked there can never be moved or selected as a
 * coin by a wallet.
 */
import { addressOf } from "../../../contracts/address.ts";
import { blake2bHex } from "../../../contracts/blake2b.ts";

/**
 * `(program 1.1.0 (lam _ (error)))`, double-CBOR. Flat: version 01 01 00, then `lam` (0010)
 * over `error` (0110), padded with 00000001: bytes 26 01.
 */
export const ALWAYS_FAILS_HOLDER_V3 = "46450101002601";

/** The holder script's hash and address on a network (0: test networks, 1: mainnet). */
export function holderFacts(networkId: 0 | 1): { hash: string; address: string } {
  const hash = plutusV3ScriptHash(ALWAYS_FAILS_HOLDER_V3);
  return { hash, address: addressOf({ networkId, payment: { kind: "script", hash } }) };
}

/** The language tag the ledger prefixes to a Plutus V3 script before hashing it. */
const PLUTUS_V3_TAG = "03";

/**
 * The hash of a Plutus V3 script given double-CBOR, as Mesh's `resolveScriptHash(code, "V3")`
 * computes it (written here so the node need not load Mesh): blake2b-224 over the tag byte and
 * the content of the outer byte string, which is the single-CBOR script the ledger hashes.
 */
export function plutusV3ScriptHash(code: string): string {
  const single = byteStringContent(Buffer.from(code, "hex"));
  return blake2bHex(PLUTUS_V3_TAG + Buffer.from(single).toString("hex"), 28);
}

/**
 * The content of the definite-length CBOR byte string that `cbor` is. Throws for anything else,
 * trailing bytes included (Mesh would hash the first byte string and ignore the rest).
 */
function byteStringContent(cbor: Uint8Array): Uint8Array {
  const head = cbor[0];
  if (head === undefined || head >> 5 !== 2) throw new Error("script is not a CBOR byte string");
  const info = head & 0x1f;
  const argumentBytes = info < 24 ? 0 : info <= 27 ? 2 ** (info - 24) : -1;
  if (argumentBytes < 0) throw new Error("script is not a definite-length CBOR byte string");
  let length = info < 24 ? info : 0;
  for (let i = 1; i <= argumentBytes; i++) length = length * 256 + (cbor[i] ?? 0);
  const start = 1 + argumentBytes;
  if (start + length !== cbor.length) throw new Error("script's CBOR length is not its own");
  return cbor.subarray(start);
}
