/**
 * Reads the escrow outputs a batch of actions names, through the Mesh fetcher: one request per
 * distinct transaction, so a batch of escrows locked together costs one read. An output whose
 * transaction is not in a block yet is reported as not yet readable (its intent waits), unlike
 * one that is not an escrow at all (its intent is refused).
 */
import { deserializeAddress, type IFetcher, type UTxO } from "@meshsdk/core";
import {
  decodeEscrowDatum,
  fromCbor,
  type EscrowDatum,
  type NetworkId,
} from "../../../contracts/index.ts";

export type EscrowRead =
  | { kind: "escrow"; utxo: UTxO; datum: EscrowDatum }
  | { kind: "notYet" }
  | { kind: "invalid"; reason: string };

export interface OutRef {
  txHash: string;
  outputIndex: number;
}

const key = (r: OutRef): string => `${r.txHash}#${r.outputIndex}`;

/** Each ref's escrow output and datum, or why there is none (keyed `txHash#index`). */
export async function readEscrows(
  fetcher: IFetcher,
  refs: readonly OutRef[],
  scriptHash: string,
  networkId: NetworkId,
): Promise<Map<string, EscrowRead>> {
  const out = new Map<string, EscrowRead>();
  const hashes = [...new Set(refs.map((r) => r.txHash))];
  for (const hash of hashes) {
    let utxos: UTxO[];
    try {
      utxos = await fetcher.fetchUTxOs(hash);
    } catch {
      // Not in a block yet (or the backend is down): the intents wait for the next tick.
      for (const r of refs.filter((x) => x.txHash === hash)) out.set(key(r), { kind: "notYet" });
      continue;
    }
    for (const r of refs.filter((x) => x.txHash === hash)) {
      const u = utxos.find((x) => x.input.outputIndex === r.outputIndex);
      out.set(key(r), classify(u, scriptHash, networkId));
    }
  }
  return out;
}

function classify(u: UTxO | undefined, scriptHash: string, networkId: NetworkId): EscrowRead {
  if (u === undefined) return { kind: "invalid", reason: "the transaction has no such output" };
  if (deserializeAddress(u.output.address).scriptHash !== scriptHash)
    return { kind: "invalid", reason: "the output is not at the escrow script" };
  if (u.output.plutusData === undefined)
    return { kind: "invalid", reason: "the escrow output has no inline datum" };
  try {
    return {
      kind: "escrow",
      utxo: u,
      datum: decodeEscrowDatum(fromCbor(u.output.plutusData), networkId),
    };
  } catch (err) {
    return { kind: "invalid", reason: `malformed escrow datum: ${(err as Error).message}` };
  }
}
