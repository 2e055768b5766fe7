/**
 * Inline datums read from CBOR, remembered: the watcher, the meter, the locator and the event
 * code read the same escrow datums again on every poll.
 */
import {
  decodeEscrowDatum,
  fromCbor,
  type EscrowDatum,
  type NetworkId,
  type PlutusData,
} from "../../contracts/index.ts";
import { memoised } from "../domain/memo.ts";

export const datumOf: (cborHex: string) => PlutusData = memoised(fromCbor, 2048);

const escrowDatums = memoised((key: string): { datum: EscrowDatum } | { error: string } => {
  const at = key.indexOf(":");
  try {
    return {
      datum: decodeEscrowDatum(fromCbor(key.slice(at + 1)), Number(key.slice(0, at)) as NetworkId),
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}, 2048);

/**
 * An escrow output's inline datum, decoded (remembered: the meter shown with every payment and
 * purchase reads the same datums again on every request). Throws as `decodeEscrowDatum` does,
 * for a datum that is not an escrow's; that answer is remembered too, as a hostile lock is read
 * on every poll.
 */
export function escrowDatumOf(cborHex: string, networkId: NetworkId): EscrowDatum {
  const read = escrowDatums(`${networkId}:${cborHex}`);
  if ("error" in read) throw new Error(read.error);
  return read.datum;
}
