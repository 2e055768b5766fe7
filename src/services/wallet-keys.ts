/**
 * Opening a sealed wallet row into a signing MeshWallet, without the database: the submitter's
 * build threads open wallets from the rows the main thread hands them, and `openWallet` opens
 * them from the database, by this one function.
 */
import { createHash } from "node:crypto";
import { MeshWallet } from "@meshsdk/wallet";
import { networkId, type Network } from "../chain/network.ts";
import { openSecret } from "./secret-box.ts";

/** What opening a wallet needs of its row: never shown outside the node. */
export interface SealedWallet {
  id: string;
  address: string;
  encryptedMnemonic: string;
}

export function meshWallet(network: Network, words: string[]): MeshWallet {
  return new MeshWallet({ networkId: networkId(network), key: { type: "mnemonic", words } });
}

const OPENED_WALLETS_MAX = 256;
const openedWallets = new Map<string, Promise<MeshWallet>>();

/**
 * The row's wallet. Deriving the keys (PBKDF2 over the mnemonic) blocks the thread for tens of
 * milliseconds, and every payment request and batch signs: a wallet is derived once per sealed
 * row, encryption key and network, and kept (the node's hot wallets sign all the time). A
 * tampered row or another key derives anew, and fails.
 */
export function openSealedWallet(
  row: SealedWallet,
  opts: { network: Network; encryptionKeyHex: string },
): Promise<MeshWallet> {
  const key = createHash("sha256")
    .update(`${opts.encryptionKeyHex}\n${opts.network}\n${row.address}\n${row.encryptedMnemonic}`)
    .digest("hex");
  let opening = openedWallets.get(key);
  if (opening === undefined) {
    opening = deriveWallet(row, opts);
    if (openedWallets.size >= OPENED_WALLETS_MAX) openedWallets.clear();
    openedWallets.set(key, opening);
    // A failure is not kept: the next call tries again (and fails again, if the row is bad).
    opening.catch(() => openedWallets.delete(key));
  }
  return opening;
}

async function deriveWallet(
  row: SealedWallet,
  opts: { network: Network; encryptionKeyHex: string },
): Promise<MeshWallet> {
  const words = openSecret(opts.encryptionKeyHex, row.encryptedMnemonic, row.address).split(" ");
  const wallet = meshWallet(opts.network, words);
  await wallet.init();
  const address = await wallet.getChangeAddress();
  // The sealed mnemonic is bound to the address; a mismatch means the row was tampered with.
  if (address !== row.address)
    throw new Error(`wallet ${row.id}: stored address does not match its key`);
  return wallet;
}
