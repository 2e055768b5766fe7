/**
 * What a node that answers requests does at boot so that its first requests run as later ones
 * do (see src/node.ts): the wallets' signing keys derived (payment requests and vouchers sign
 * with them), the path of a payment request and a purchase run on made-up terms
 * (warm-path.ts), each purchasing wallet locked and read as a batch of purchases does, writing
 * nothing (rehearseWalletLock), and each purchasing wallet's outputs read once into the reads
 * the purchases share (src/chain/shared-utxo-reads.ts). A failure is logged, not fatal: the
 * first request then meets it and reports it as it would have.
 */
import type { Network } from "../chain/network.ts";
import type { UtxoReader } from "../chain/port.ts";
import { sharedUtxoReads } from "../chain/shared-utxo-reads.ts";
import type { Database } from "../db/client.ts";
import type { Log } from "../log.ts";
import { rehearseWalletLock } from "./purchase-commit.ts";
import { openSigners, voucherSigner } from "./voucher-signers.ts";
import { warmRequestPath } from "./warm-path.ts";
import type { WalletInfo } from "./wallets.ts";

export interface WarmStartInput {
  network: Network;
  database: Database;
  /** PostgreSQL's pool size (all opened at boot); PGlite is one session. */
  poolMax: number;
  encryptionKeyHex: string;
  wallets: readonly WalletInfo[];
  chain: UtxoReader;
  escrowAddress: string;
  coinsPerUtxoSize: () => Promise<number>;
  nowMs: () => number;
  log: Log;
}

export async function warmStart(p: WarmStartInput): Promise<void> {
  await warmRequests(p);
  await readPurchasingWallets(p);
}

async function warmRequests(p: WarmStartInput): Promise<void> {
  const { network, encryptionKeyHex } = p;
  const db = p.database.db;
  const { failed } = await openSigners(db, {
    walletIds: p.wallets.map((w) => w.id),
    network,
    encryptionKeyHex,
  });
  for (const id of failed) p.log(`wallet ${id}: its signing key could not be opened`);
  const seller = p.wallets.find((w) => w.role === "selling" && !failed.includes(w.id));
  const purchasing = p.wallets.filter((w) => w.role === "purchasing");
  if (seller === undefined || purchasing.length === 0) return;
  try {
    const sizing = { escrowAddress: p.escrowAddress, coins: await p.coinsPerUtxoSize() };
    await warmRequestPath({
      network,
      signer: await voucherSigner(db, { walletId: seller.id, network, encryptionKeyHex }),
      seller,
      buyer: purchasing[0]!,
      escrowAddress: sizing.escrowAddress,
      coinsPerUtxoSize: sizing.coins,
      nowMs: p.nowMs(),
    });
    const connections = p.database.kind === "postgres" ? p.poolMax : 1;
    for (const wallet of purchasing) {
      await rehearseWalletLock(db, wallet, sizing, p.nowMs(), connections);
    }
  } catch (err) {
    p.log(`warming the request path failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A failed read is logged; the first purchase then reads for itself. */
async function readPurchasingWallets(p: WarmStartInput): Promise<void> {
  const shared = sharedUtxoReads(p.chain);
  const purchasing = p.wallets.filter((w) => w.role === "purchasing");
  const reads = await Promise.allSettled(purchasing.map((w) => shared.utxos(w.address)));
  reads.forEach((r, i) => {
    if (r.status === "rejected") {
      const why = r.reason instanceof Error ? r.reason.message : String(r.reason);
      p.log(`wallet ${purchasing[i]!.id}: its outputs could not be read at boot: ${why}`);
    }
  });
}
