/**
 * Transfers out of the node's wallets, asked for by an operator (the peer's
 * `/wallet/transfer-funds`). A transfer is only an intent: the submitter builds, signs and
 * submits it like any other chain work, so money moves on chain or not at all. Its status is read
 * from the intent and the transaction that carries it.
 */
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { TRANSFER_KIND, type TransferPayload } from "../chain/builders/transfer.ts";
import { addressParts } from "../../contracts/address.ts";
import { networkId, type Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { chainTxs, intents, wallets } from "../db/schema.ts";
import { queueIntent, type IntentRow } from "./intents.ts";

/** Marks the intents this module queued, apart from the node's own transfers (collateral). */
export const FUND_TRANSFER_SUBJECT = "fund-transfer";
/** The peer's minimum, which keeps every output above the ledger's minimum UTxO. */
export const TRANSFER_LOVELACE_MIN = 2_000_000n;
export const TRANSFER_PAGE_MAX = 100;

export class FundTransferError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound",
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export type TransferStatus = "Pending" | "Confirmed" | "FailedViaTimeout";

/** A transfer as its intent and transaction tell it. */
export interface FundTransfer {
  intent: IntentRow;
  payload: TransferPayload;
  walletAddress: string;
  status: TransferStatus;
  txHash: string | null;
  lastCheckedAtMs: number | null;
}

function isAddressOf(address: string, network: Network): boolean {
  const prefix = network === "mainnet" ? "addr1" : "addr_test1";
  if (!address.startsWith(prefix) || !/^[a-z0-9_]{58,120}$/.test(address)) return false;
  try {
    return addressParts(address).networkId === networkId(network);
  } catch {
    return false;
  }
}

/** Queues a transfer from one of this node's wallets (named by address) to any address. */
export async function requestTransfer(
  db: Db,
  opts: {
    network: Network;
    fromWalletAddress: string;
    toAddress: string;
    lovelace: bigint;
    assets: { unit: string; quantity: bigint }[];
    nowMs: number;
  },
): Promise<FundTransfer> {
  const [from] = await db
    .select({ id: wallets.id, address: wallets.address })
    .from(wallets)
    .where(and(eq(wallets.address, opts.fromWalletAddress), eq(wallets.network, opts.network)))
    .limit(1);
  if (!from)
    throw new FundTransferError(
      "notFound",
      "fromWalletAddress: not a wallet of this node on this network",
      "fromWalletAddress",
    );
  if (!isAddressOf(opts.toAddress, opts.network))
    throw new FundTransferError(
      "invalid",
      `toAddress: must be a ${opts.network} Shelley address`,
      "toAddress",
    );
  if (opts.lovelace < TRANSFER_LOVELACE_MIN)
    throw new FundTransferError(
      "invalid",
      `lovelaceAmount: must be at least ${TRANSFER_LOVELACE_MIN}`,
      "lovelaceAmount",
    );
  const payload: TransferPayload = {
    address: opts.toAddress,
    lovelace: opts.lovelace.toString(),
    assets: opts.assets.map((a) => ({
      unit: a.unit.toLowerCase(),
      quantity: a.quantity.toString(),
    })),
  };
  const id = await queueIntent(db, {
    kind: TRANSFER_KIND,
    walletId: from.id,
    subjectId: FUND_TRANSFER_SUBJECT,
    payload,
    nowMs: opts.nowMs,
  });
  const [intent] = await db.select().from(intents).where(eq(intents.id, id)).limit(1);
  return toTransfer(intent!, from.address, undefined);
}

/** This network's operator transfers, newest first, a page at a time. */
export async function listTransfers(
  db: Db,
  opts: {
    network: Network;
    id?: string;
    walletId?: string;
    walletAddress?: string;
    cursorId?: string;
    limit: number;
  },
): Promise<FundTransfer[]> {
  const conditions = [
    eq(intents.kind, TRANSFER_KIND),
    eq(intents.subjectId, FUND_TRANSFER_SUBJECT),
    eq(wallets.network, opts.network),
  ];
  if (opts.id !== undefined) conditions.push(eq(intents.id, opts.id));
  if (opts.walletId !== undefined) conditions.push(eq(intents.walletId, opts.walletId));
  if (opts.walletAddress !== undefined) conditions.push(eq(wallets.address, opts.walletAddress));
  if (opts.cursorId !== undefined) {
    const [cursor] = await db
      .select({ createdAtMs: intents.createdAtMs })
      .from(intents)
      .where(eq(intents.id, opts.cursorId))
      .limit(1);
    if (!cursor)
      throw new FundTransferError("notFound", `cursorId: no transfer ${opts.cursorId}`, "cursorId");
    conditions.push(
      or(
        lt(intents.createdAtMs, cursor.createdAtMs),
        and(eq(intents.createdAtMs, cursor.createdAtMs), lt(intents.id, opts.cursorId)),
      )!,
    );
  }
  const rows = await db
    .select({ intent: intents, address: wallets.address })
    .from(intents)
    .innerJoin(wallets, eq(wallets.id, intents.walletId))
    .where(and(...conditions))
    .orderBy(desc(intents.createdAtMs), desc(intents.id))
    .limit(Math.min(opts.limit, TRANSFER_PAGE_MAX));
  const hashes = rows.flatMap((r) => (r.intent.txHash ? [r.intent.txHash] : []));
  const txs = hashes.length
    ? await db.select().from(chainTxs).where(inArray(chainTxs.txHash, hashes))
    : [];
  const byHash = new Map(txs.map((t) => [t.txHash, t]));
  return rows.map((r) =>
    toTransfer(r.intent, r.address, r.intent.txHash ? byHash.get(r.intent.txHash) : undefined),
  );
}

function toTransfer(
  intent: IntentRow,
  walletAddress: string,
  tx: typeof chainTxs.$inferSelect | undefined,
): FundTransfer {
  const status: TransferStatus =
    intent.status === "failed"
      ? "FailedViaTimeout"
      : intent.status === "done" || tx?.status === "confirmed"
        ? "Confirmed"
        : "Pending";
  return {
    intent,
    payload: JSON.parse(intent.payload) as TransferPayload,
    walletAddress,
    status,
    txHash: intent.txHash,
    lastCheckedAtMs: tx?.updatedAtMs ?? null,
  };
}
