/**
 * A wallet's spendable outputs as the submitter sees them: what the chain reports, minus what
 * the node's own unconfirmed (or just confirmed) transactions spend, plus the outputs those
 * transactions pay back to the wallet, so transactions can chain. A just-confirmed one whose
 * inputs the chain's answer still lists is one that answer predates (an index that lags, or an
 * answer read before a block the database has since seen): its outputs count too, so that the
 * wallet does not look poorer than it is. Otherwise the chain's answer about it stands.
 */
import { and, eq, gt, inArray, or } from "drizzle-orm";
import { core, type UTxO } from "@meshsdk/core";
import type { Db } from "../db/client.ts";
import { chainTxs } from "../db/schema.ts";
import { outputsOfTxTo } from "../chain/mesh.ts";
import { toMeshUtxo } from "../chain/mesh-convert.ts";
import type { UtxoReader } from "../chain/port.ts";

/** How long a confirmed transaction still shapes the view, in case the chain's answer lags. */
export const CONFIRMED_SPENT_GRACE_MS = 10 * 60_000;

const refOf = (u: UTxO) => `${u.input.txHash}#${u.input.outputIndex}`;

/** The inputs a transaction spends, as `txHash#index`. */
export function spentInputsOf(txCborHex: string): string[] {
  const body = core.deserializeTx(txCborHex).body();
  return body
    .inputs()
    .values()
    .map((i) => `${i.transactionId()}#${i.index()}`);
}

/** One of the node's own transactions as far as a wallet's spendable outputs go. */
export interface OwnTx {
  cbor: string;
  spent: string[];
  status: string;
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
    .select({ cbor: chainTxs.cbor, spent: chainTxs.spentInputs, status: chainTxs.status })
    .from(chainTxs)
    .where(ownTxsWhere(wallet.id, nowMs))
    .limit(OWN_TXS_MAX);
  return spendableFrom(onChain, own, wallet.address);
}

/**
 * The wallet's spendable outputs from what the chain reported and the node's own transactions:
 * the chain's, less what those transactions spend, plus what they pay back (a confirmed one's
 * only while the chain's answer predates it).
 */
export function spendableFrom(
  onChain: Awaited<ReturnType<UtxoReader["utxos"]>>,
  own: readonly OwnTx[],
  address: string,
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
    for (const u of outputsOfTxTo(t.cbor, address)) byRef.set(refOf(u), u);
  }
  return [...byRef.values()].filter((u) => !spent.has(refOf(u)));
}
