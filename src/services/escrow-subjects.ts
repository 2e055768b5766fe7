/**
 * Keeps payments (the seller's) and purchases (the buyer's) in step with the escrows the
 * watcher saw: after new events, and after a rollback, the rows carrying the touched references
 * are recomputed from every event of those references (src/domain/escrow-match.ts).
 */
import { eq, inArray } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { payments, purchases, wallets } from "../db/schema.ts";
import { parseWireAmounts } from "../domain/amounts.ts";
import { subjectView, type LockTerms, type SubjectView } from "../domain/escrow-match.ts";
import { eventsByReference, type EscrowEvent } from "./escrow-events.ts";

type Row = typeof payments.$inferSelect | typeof purchases.$inferSelect;

/** How many references one refresh reads at once (the rest follow in further rounds). */
const REFERENCES_PER_ROUND = 200;

function termsOf(
  row: Row,
  network: Network,
  sellerKeyHash: string,
  buyerKeyHash: string | null,
): LockTerms {
  const read = parseWireAmounts(JSON.parse(row.amounts), "amounts");
  // Rows are written from signed terms; unreadable amounts mean a corrupted row.
  if (!read.ok) throw new Error(`${row.id}: stored amounts unreadable: ${read.message}`);
  return {
    network,
    sellerKeyHash,
    buyerKeyHash,
    inputHash: row.inputHash,
    amounts: read.amounts,
    times: {
      payByTimeMs: row.payByTimeMs,
      submitResultTimeMs: row.submitResultTimeMs,
      unlockTimeMs: row.unlockTimeMs,
      externalDisputeUnlockTimeMs: row.externalDisputeUnlockTimeMs,
    },
  };
}

const requestState = (row: Row) => (row.state === "Expired" ? "Expired" : "WaitingForFunds");

const changed = (row: Row, v: SubjectView) =>
  row.state !== v.state ||
  row.escrowId !== v.escrowId ||
  row.invalidReason !== v.invalidReason ||
  row.resultHash !== v.resultHash;

/**
 * Recomputes the payments and purchases of `references` on `network`; returns how many rows
 * changed. Bounded: references are taken in rounds of REFERENCES_PER_ROUND.
 */
export async function refreshSubjects(
  db: Db,
  network: Network,
  references: readonly string[],
  nowMs: number,
): Promise<number> {
  let changedRows = 0;
  const unique = [...new Set(references)];
  for (let i = 0; i < unique.length; i += REFERENCES_PER_ROUND) {
    const refs = unique.slice(i, i + REFERENCES_PER_ROUND);
    const byRef = new Map<string, EscrowEvent[]>();
    for (const e of await eventsByReference(db, network, refs))
      byRef.set(e.reference, [...(byRef.get(e.reference) ?? []), e]);
    changedRows += await refreshPayments(db, network, refs, byRef, nowMs);
    changedRows += await refreshPurchases(db, network, refs, byRef, nowMs);
  }
  return changedRows;
}

async function refreshPayments(
  db: Db,
  network: Network,
  refs: string[],
  byRef: Map<string, EscrowEvent[]>,
  nowMs: number,
): Promise<number> {
  const rows = await db
    .select({ row: payments, sellerKeyHash: wallets.paymentKeyHash })
    .from(payments)
    .innerJoin(wallets, eq(wallets.id, payments.sellingWalletId))
    .where(inArray(payments.escrowReference, refs));
  let n = 0;
  for (const { row, sellerKeyHash } of rows) {
    if (row.network !== network) continue;
    const terms = termsOf(row, network, sellerKeyHash, null);
    const view = subjectView(terms, requestState(row), byRef.get(row.escrowReference) ?? []);
    if (!changed(row, view)) continue;
    await db
      .update(payments)
      .set({ ...view, updatedAtMs: nowMs })
      .where(eq(payments.id, row.id));
    n++;
  }
  return n;
}

async function refreshPurchases(
  db: Db,
  network: Network,
  refs: string[],
  byRef: Map<string, EscrowEvent[]>,
  nowMs: number,
): Promise<number> {
  const rows = await db
    .select({ row: purchases, buyerKeyHash: wallets.paymentKeyHash })
    .from(purchases)
    .innerJoin(wallets, eq(wallets.id, purchases.purchasingWalletId))
    .where(inArray(purchases.escrowReference, refs));
  let n = 0;
  for (const { row, buyerKeyHash } of rows) {
    if (row.network !== network) continue;
    const terms = termsOf(row, network, row.sellerVkey, buyerKeyHash);
    const view = subjectView(terms, requestState(row), byRef.get(row.escrowReference) ?? []);
    if (!changed(row, view)) continue;
    await db
      .update(purchases)
      .set({ ...view, updatedAtMs: nowMs })
      .where(eq(purchases.id, row.id));
    n++;
  }
  return n;
}
