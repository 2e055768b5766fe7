/**
 * Inline datums read from CBOR, remembered: the watcher, the meter, the locator and the event
 * code read the same escrow datums again on every poll (decoding them through Mesh was a large
 * share of the node's CPU in the lifecycle benchmark).
 */
import { fromCbor, type PlutusData } from "../../contracts/index.ts";
import { memoised } from "../domain/memo.ts";

export const datumOf: (cborHex: string) => PlutusData = memoised(fromCbor, 2048);
