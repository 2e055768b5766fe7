/**
 * A wallet's spendable outputs as the submitter sees them: what the chain reports, minus what
 * the node's own unconfirmed (or just confirmed) transactions spend, plus the outputs those
 * transactions pay back to the wallet, so transactions can chain. A just-confirmed one whose
 * inputs the chain's answer still lists is one that answer predates (an index that lags, or an
 * answer read before a block the database has since seen): its outputs count too, so that the
 * wallet does not look poorer than it is. Otherwise the chain's answer about it stands.
 */
import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { UTxO } from "@meshsdk/core";
import type { Db } from "../db/client.ts";
import { chainTxs } from "../db/schema.ts";
import { toMeshUtxo } from "../chain/mesh-convert.ts";
import type { UtxoReader } from "../chain/port.ts";

/** How long a confirmed transaction still shapes the view, in case the chain's answer lags. */
export const CONFIRMED_SPENT_GRACE_MS = 10 * 60_000;

const refOf = (u: UTxO) => `${u.input.txHash}#${u.input.outputIndex}`;

/**
 * One of the node's own transactions as far as a wallet's spendable outputs go: `walletOutputs`
 * as recorded (JSON), or null for a row recorded before they were, whose `cbor` is decoded.
 */
export interface OwnTx {
  cbor: string | null;
  walletOutputs: string | null;
  spent: string[];
  status: string;
}

/**
 * The columns of `chainTxs` an `OwnTx` is read from. A row's CBOR (tens of kilobytes for a
 * batch) is read only when its wallet outputs were not recorded.
 */
export const ownTxColumns = {
  cbor: sql<string | null>`case when ${chainTxs.walletOutputs} is null then ${chainTxs.cbor} end`,
  walletOutputs: chainTxs.walletOutputs,
  spent: chainTxs.spentInputs,
  status: chainTxs.status,
};

/** What an own transaction pays back to the wallet at `address`. */
function ownOutputs(t: OwnTx): UTxO[] {
  if (t.walletOutputs !== null) return JSON.parse(t.walletOutputs) as UTxO[];
  // A bug, not an outcome: the outputs would be missed and the wallet look poorer than it is.
  if (t.cbor !== null) throw new Error("an own transaction's outputs were not decoded first");
  return [];
}

/**
 * `own` with the wallet outputs of rows recorded before they were (migration 0013) decoded
 * from their CBOR. Such rows are few and soon gone (they leave the view once confirmed past the
 * grace), so Mesh, which decodes them, is imported only when one is there.
 */
export async function withWalletOutputs<T extends OwnTx>(
  own: readonly T[],
  address: string,
): Promise<T[]> {
  if (own.every((t) => t.walletOutputs !== null || t.cbor === null)) return [...own];
  const { outputsOfTxTo } = await import("../chain/tx-outputs.ts");
  return own.map((t) =>
    t.walletOutputs !== null || t.cbor === null
      ? t
      : { ...t, walletOutputs: JSON.stringify(outputsOfTxTo(t.cbor, address)) },
  );
}

/** How many of its own recent transactions a wallet's view looks at. */
export const OWN_TXS_MAX = 500;

/**
 * Which of the node's transactions shape the wallet's spendable outputs: unconfirmed ones, and
 * those confirmed within the grace (as SQL, so that a caller can read it in one statement with
 * other rows, in one snapshot).
 */
export function ownTxsWhere(walletId: string, nowMs: number) {
  return and(
    eq(chainTxs.walletId, walletId),
    or(
      inArray(chainTxs.status, ["signed", "submitted"]),
      and(
        eq(chainTxs.status, "confirmed"),
        gt(chainTxs.updatedAtMs, nowMs - CONFIRMED_SPENT_GRACE_MS),
      ),
    ),
  );
}

/** Spendable outputs of one of the node's wallets. */
export async function spendableUtxos(
  db: Db,
  chain: UtxoReader,
  wallet: { id: string; address: string },
  nowMs: number,
): Promise<UTxO[]> {
  const onChain = await chain.utxos(wallet.address);
  const own = await db
    .select(ownTxColumns)
    .from(chainTxs)
    .where(ownTxsWhere(wallet.id, nowMs))
    .limit(OWN_TXS_MAX);
  return spendableFrom(onChain, await withWalletOutputs(own, wallet.address));
}

/**
 * The wallet's spendable outputs from what the chain reported and the node's own transactions:
 * the chain's, less what those transactions spend, plus what they pay back (a confirmed one's
 * only while the chain's answer predates it).
 */
export function spendableFrom(
  onChain: Awaited<ReturnType<UtxoReader["utxos"]>>,
  own: readonly OwnTx[],
): UTxO[] {
  const spent = new Set(own.flatMap((t) => t.spent));
  const byRef = new Map<string, UTxO>();
  for (const u of onChain) {
    const mesh = toMeshUtxo(u.txHash, u, undefined);
    byRef.set(refOf(mesh), mesh);
  }
  const listed = new Set(byRef.keys());
  for (const t of own) {
    if (t.status === "confirmed" && !t.spent.some((ref) => listed.has(ref))) continue;
    for (const u of ownOutputs(t)) byRef.set(refOf(u), u);
  }
  return [...byRef.values()].filter((u) => !spent.has(refOf(u)));
}
