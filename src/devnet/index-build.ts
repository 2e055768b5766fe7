/** Builds the chain index from the genesis and the block log, and names new blocks. */
import { timeToSlot } from "../chain/network.ts";
import { blake2b256Hex } from "./cbor.ts";
import { ChainIndex } from "./chain-index.ts";
import { genesisTx, type GenesisParams } from "./genesis.ts";
import { DEVNET_NETWORK } from "./params.ts";
import { parseTx } from "./tx-parse.ts";
import type { RawBlock } from "./types.ts";

/** The index of a chain: the genesis block, then every logged block in order. */
export function buildIndex(genesis: GenesisParams, blocks: readonly RawBlock[]): ChainIndex {
  const index = new ChainIndex();
  index.applyGenesis(genesisTx(genesis), timeToSlot(genesis.createdAtMs, DEVNET_NETWORK));
  for (const block of blocks) index.applyBlock(block, block.txs.map(parseTx));
  return index;
}

function u64Hex(n: number): string {
  return BigInt(n).toString(16).padStart(16, "0");
}

/** A block's hash: blake2b-256 of its height, slot, previous hash and transaction hashes. */
export function blockHash(height: number, slot: number, prevHash: string, txHashes: string[]) {
  return blake2b256Hex(u64Hex(height) + u64Hex(slot) + prevHash + txHashes.join(""));
}
