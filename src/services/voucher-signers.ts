/**
 * Voucher signers of this node's wallets, kept in memory: deriving a payment key from a
 * mnemonic costs a PBKDF2 (tens of milliseconds), and a stream of vouchers signs with the same
 * few purchasing wallets thousands of times. Bounded; the oldest entry goes first.
 */
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import type { VoucherSigner } from "../domain/voucher-signer.ts";
import { openVoucherSigner } from "./wallets.ts";

/** Wallets whose signer is kept; a node has a handful of purchasing wallets. */
export const SIGNERS_MAX = 64;

// Promises, so that concurrent first requests for one wallet derive its key once.
const signers = new Map<string, Promise<VoucherSigner>>();

/** The signer of `walletId`, derived on first use and then kept. */
export function voucherSigner(
  db: Db,
  opts: { walletId: string; network: Network; encryptionKeyHex: string },
): Promise<VoucherSigner> {
  const key = `${opts.network}:${opts.walletId}`;
  const known = signers.get(key);
  if (known) return known;
  if (signers.size >= SIGNERS_MAX) {
    const oldest = signers.keys().next();
    if (!oldest.done) signers.delete(oldest.value);
  }
  const opened = openVoucherSigner(db, opts);
  signers.set(key, opened);
  // A failure is not kept: the next request tries again (the row may have been fixed).
  opened.catch(() => signers.delete(key));
  return opened;
}

/**
 * Derives the signers of `walletIds` now (the node's own, at boot), so that the first payment
 * request a selling wallet signs, or the first voucher of a purchasing one, does not wait for
 * the derivation on the API's thread (about 50 ms for the first, readying libsodium; 7 ms each
 * after). One at a time: each holds the thread while it runs. A wallet that fails is left to
 * fail on use, as before, where its caller reports it; at most `SIGNERS_MAX` are kept.
 */
export async function openSigners(
  db: Db,
  opts: { walletIds: readonly string[]; network: Network; encryptionKeyHex: string },
): Promise<{ failed: string[] }> {
  const { network, encryptionKeyHex } = opts;
  const failed: string[] = [];
  for (const walletId of opts.walletIds.slice(0, SIGNERS_MAX)) {
    await voucherSigner(db, { walletId, network, encryptionKeyHex }).catch(() => {
      failed.push(walletId);
    });
  }
  return { failed };
}
