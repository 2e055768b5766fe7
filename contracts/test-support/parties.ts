/**
 * Deterministic test wallets: each party's keys come from a fixed seed, so addresses and key
 * hashes are the same on every run (failures are easier to read and compare).
 */
import { createHash } from "node:crypto";
import { MeshWallet, deserializeAddress } from "@meshsdk/core";

export interface Party {
  name: string;
  wallet: MeshWallet;
  /** Base address (payment key + stake key), preprod. */
  address: string;
  /** Payment key hash, hex. */
  keyHash: string;
}

const cliKey = (seed: string): string =>
  `5820${createHash("sha256").update(`escrowd-contracts-test:${seed}`).digest("hex")}`;

/** The party named `name` (same keys every time). */
export async function party(name: string): Promise<Party> {
  const wallet = new MeshWallet({
    networkId: 0,
    key: { type: "cli", payment: cliKey(name), stake: cliKey(`${name}-stake`) },
  });
  await wallet.init();
  const address = await wallet.getChangeAddress();
  return { name, wallet, address, keyHash: deserializeAddress(address).pubKeyHash };
}

/** Signs with every party in turn (each adds its witness). */
export async function signAll(txHex: string, parties: readonly Party[]): Promise<string> {
  let tx = txHex;
  for (const p of parties) tx = await p.wallet.signTx(tx, true);
  return tx;
}
