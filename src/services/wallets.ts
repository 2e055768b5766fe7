/**
 * The node's hot wallets: created from fresh mnemonics, stored sealed under the node's
 * encryption key, opened only to sign. A mnemonic leaves this module only to derive keys: inside
 * a MeshWallet, a voucher signer, or the derivation that names a new wallet.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { MeshWallet } from "@meshsdk/core";
import type { Db } from "../db/client.ts";
import { recentReads } from "../db/recent-reads.ts";
import { wallets } from "../db/schema.ts";
import type { Network } from "../chain/network.ts";
import { openSecret, sealSecret } from "./secret-box.ts";
import { createVoucherSigner, type VoucherSigner } from "../domain/voucher-signer.ts";
import { newMnemonic, walletKeysOf } from "../domain/wallet-derivation.ts";

/** Selling and purchasing wallets are made at start-up; funding ones only by `POST /wallet`. */
export type WalletRole = "selling" | "purchasing" | "funding";

/** What the node may show about a wallet: never its secret. */
export interface WalletInfo {
  id: string;
  role: WalletRole;
  network: Network;
  address: string;
  paymentKeyHash: string;
  note: string | null;
  createdAtMs: number;
}

/** Raised when a wallet id does not name one of this node's wallets on this network. */
export class WalletNotFoundError extends Error {
  constructor(readonly walletId: string) {
    super(`no wallet ${walletId} on this node`);
  }
}

function toInfo(row: WalletInfo): WalletInfo {
  // Named one by one: the row also holds the sealed mnemonic and the submitter's build lease.
  const { id, role, network, address, paymentKeyHash, note, createdAtMs } = row;
  return { id, role, network, address, paymentKeyHash, note, createdAtMs };
}

/** Generates a wallet, stores its mnemonic sealed, and returns its public facts. */
export async function createWallet(
  db: Db,
  opts: {
    role: WalletRole;
    network: Network;
    encryptionKeyHex: string;
    note?: string;
    nowMs: number;
  },
): Promise<WalletInfo> {
  // Derived here as MeshWallet would (the tests compare them), without loading Mesh.
  const words = newMnemonic();
  const { address, paymentKeyHash } = await walletKeysOf(words, opts.network);
  const row = {
    id: randomUUID(),
    role: opts.role,
    network: opts.network,
    address,
    paymentKeyHash,
    encryptedMnemonic: sealSecret(opts.encryptionKeyHex, words.join(" "), address),
    note: opts.note ?? null,
    createdAtMs: opts.nowMs,
  };
  await db.insert(wallets).values(row);
  // Every list goes, not only `db`'s: `db` may be a transaction over the database they came from.
  recentLists.forget();
  return toInfo(row);
}

/** Lists this node's wallets on a network, oldest first, optionally of one role. */
export async function listWallets(
  db: Db,
  network: Network,
  role?: WalletRole,
): Promise<WalletInfo[]> {
  const where = role
    ? and(eq(wallets.network, network), eq(wallets.role, role))
    : eq(wallets.network, network);
  const rows = await db
    .select()
    .from(wallets)
    .where(where)
    .orderBy(asc(wallets.createdAtMs), asc(wallets.id))
    .limit(1000);
  return rows.map(toInfo);
}

/**
 * How long a list of wallets read for a request stays good. Wallets are only ever added and
 * what is listed of them never changes, so an older list is right but for a wallet added since:
 * one added by this process clears the lists at once (a list read before its transaction commits
 * may lack it for this long), one added by another process shows within this time, and a caller
 * that misses a wallet it knows of reads again (see recentWallets).
 */
export const WALLET_LIST_FRESH_MS = 1_000;

const recentLists = recentReads<WalletInfo[]>({ freshMs: WALLET_LIST_FRESH_MS, keysMax: 64 });

/**
 * The wallets of `role` as a request needs them: read at most once a WALLET_LIST_FRESH_MS per
 * database (every payment request, purchase and view read them, a query each), and again when
 * `complete` says a list lacks a wallet the caller knows exists.
 */
export function recentWallets(
  db: Db,
  network: Network,
  role: WalletRole,
  complete: (list: readonly WalletInfo[]) => boolean = () => true,
): Promise<WalletInfo[]> {
  return recentLists.get(db, `${network}\n${role}`, () => listWallets(db, network, role), complete);
}

/** The wallet's row, or WalletNotFoundError. */
async function walletRow(db: Db, opts: { walletId: string; network: Network }) {
  const [row] = await db
    .select()
    .from(wallets)
    .where(and(eq(wallets.id, opts.walletId), eq(wallets.network, opts.network)))
    .limit(1);
  if (!row) throw new WalletNotFoundError(opts.walletId);
  return row;
}

/** The wallet's row and its mnemonic's words, unsealed (they go no further than the caller). */
async function openWords(
  db: Db,
  opts: { walletId: string; network: Network; encryptionKeyHex: string },
) {
  const row = await walletRow(db, opts);
  const words = openSecret(opts.encryptionKeyHex, row.encryptedMnemonic, row.address).split(" ");
  return { row, words };
}

/** Opens a wallet for signing. */
export async function openWallet(
  db: Db,
  opts: { walletId: string; network: Network; encryptionKeyHex: string },
): Promise<{ info: WalletInfo; wallet: MeshWallet }> {
  const row = await walletRow(db, opts);
  // Imported on use: a MeshWallet needs Mesh, which the main thread does not load to sign (its
  // build threads sign; src/chain/mesh-lib.ts).
  const { openSealedWallet } = await import("./wallet-keys.ts");
  return { info: toInfo(row), wallet: await openSealedWallet(row, opts) };
}

/**
 * A voucher signer holding the wallet's payment key (the buyer's side of metered escrow). The
 * mnemonic is opened here and goes no further than the key derivation; the signer exposes only
 * `sign` and the public key. Throws like `openWallet` on an unknown or tampered row.
 */
export async function openVoucherSigner(
  db: Db,
  opts: { walletId: string; network: Network; encryptionKeyHex: string },
): Promise<VoucherSigner> {
  const { row, words } = await openWords(db, opts);
  const signer = await createVoucherSigner(words);
  // The same binding as openWallet's address check, on the key the vouchers are checked against.
  if (signer.keyHashHex !== row.paymentKeyHash)
    throw new Error(`wallet ${row.id}: stored payment key hash does not match its key`);
  return signer;
}

/**
 * Makes sure the node has at least the wanted number of wallets of each role, creating the
 * missing ones. An advisory lock keeps two processes sharing one PostgreSQL from both creating.
 */
export async function ensureWallets(
  db: Db,
  opts: {
    network: Network;
    wanted: Record<Exclude<WalletRole, "funding">, number>;
    encryptionKeyHex: string;
    nowMs: () => number;
  },
): Promise<{ wallets: WalletInfo[]; created: WalletInfo[] }> {
  const created: WalletInfo[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ENSURE_WALLETS_LOCK})`);
    for (const role of ["selling", "purchasing"] as const) {
      const have = (await listWallets(tx as unknown as Db, opts.network, role)).length;
      for (let i = have; i < opts.wanted[role]; i++) {
        const info = await createWallet(tx as unknown as Db, {
          role,
          network: opts.network,
          encryptionKeyHex: opts.encryptionKeyHex,
          note: `${role} wallet ${i + 1}, created at start-up`,
          nowMs: opts.nowMs(),
        });
        created.push(info);
      }
    }
  });
  // The start-up wallets only: funding wallets (made by POST /wallet) are neither funded from a
  // devnet's faucet nor used to sell or buy.
  const all = await listWallets(db, opts.network);
  return { wallets: all.filter((w) => w.role !== "funding"), created };
}

/** An arbitrary constant naming the "ensure wallets" advisory lock. */
const ENSURE_WALLETS_LOCK = 0x65736377; // "escw"
