/**
 * A wallet's spendable outputs as the submitter sees them: what the chain reports, minus what
 * the node's own unconfirmed (or just confirmed, while an index may lag) transactions spend,
 * plus the outputs those transactions pay back to the wallet, so transactions can chain.
 */
import { and, eq, gt, inArray, or } from "drizzle-orm";
import { core, type UTxO } from "@meshsdk/core";
import type { Db } from "../db/client.ts";
import { chainTxs } from "../db/schema.ts";
import { outputsOfTx } from "../chain/mesh.ts";
import { toMeshUtxo } from "../chain/mesh-convert.ts";
import type { UtxoReader } from "../chain/port.ts";

/** How long inputs of a confirmed transaction stay excluded, in case the backend's index lags. */
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
 * the chain's, less what those transactions spend, plus what the unconfirmed ones pay back.
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
  for (const t of own) {
    if (t.status === "confirmed") continue;
    for (const u of outputsOfTx(t.cbor)) if (u.output.address === address) byRef.set(refOf(u), u);
  }
  return [...byRef.values()].filter((u) => !spent.has(refOf(u)));
}
