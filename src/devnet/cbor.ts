/** Small CBOR and hashing helpers shared by the ledger, the index and the evaluator. */
import { Serialization } from "@cardano-sdk/core";
import { blake2bHex } from "../../contracts/blake2b.ts";
import type { OutputRef } from "./types.ts";

/**
 * The SDK's hex string type, named through a signature of its own: it is declared in
 * @cardano-sdk/util, which is the SDK's dependency, not ours.
 */
export type HexBlob = Parameters<typeof Serialization.TransactionOutput.fromCbor>[0];

/** `hex` checked as the SDK checks hex (TxCBOR is that check), typed for the SDK's readers. */
export function hexBlob(hex: string): HexBlob {
  return Serialization.TxCBOR(hex);
}

/** The key the index and the mempool use for an output: "txHash#index". */
export function refKey(ref: OutputRef): string {
  return `${ref.txHash}#${ref.index}`;
}

/** blake2b-256 of the bytes given in hex, as hex. */
export function blake2b256Hex(hex: string): string {
  return blake2bHex(hex, 32);
}

/** A UTxO entry in CBOR: a transaction input and an output given as its own CBOR. */
export interface UtxoCborEntry {
  txHash: string;
  index: number;
  outputCbor: string;
}

/** The CBOR map `{input: output}` that the Emulator and `evalPlutusScripts` take as a UTxO set. */
export function utxoMapCbor(entries: Iterable<UtxoCborEntry>): Uint8Array {
  const list = [...entries];
  const writer = new Serialization.CborWriter();
  writer.writeStartMap(list.length);
  for (const e of list) {
    writer.writeStartArray(2);
    writer.writeByteString(Buffer.from(e.txHash, "hex"));
    writer.writeInt(e.index);
    writer.writeEncodedValue(Buffer.from(e.outputCbor, "hex"));
  }
  return writer.encode();
}

/**
 * The Emulator returns UTxOs as one-entry CBOR maps `{input: output}`. Swapping the map header
 * (0xa1) for a two-element array header (0x82) makes it `[input, output]`, which is a
 * TransactionUnspentOutput.
 */
export function emulatorEntryToUnspent(entry: Uint8Array): Serialization.TransactionUnspentOutput {
  const bytes = Buffer.from(entry);
  if (bytes[0] !== 0xa1)
    throw new Error(`unexpected emulator UTxO header 0x${bytes[0]?.toString(16)}`);
  bytes[0] = 0x82;
  return Serialization.TransactionUnspentOutput.fromCbor(hexBlob(bytes.toString("hex")));
}

/** True when `s` is an even-length lowercase or uppercase hex string. */
export function isHex(s: string): boolean {
  return s.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(s);
}
