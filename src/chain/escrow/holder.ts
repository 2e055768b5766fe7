/**
 * The always-failing Plutus V3 script whose address holds the escrow's reference script. Any
 * output there is unspendable, so a reference parked there can never be moved or selected as a
 * coin by a wallet.
 */
import { addressOf } from "../../../contracts/address.ts";
import { plutusV3ScriptHash } from "../../../contracts/script-hash.ts";

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
