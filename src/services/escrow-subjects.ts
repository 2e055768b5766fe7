/**
 * Keeps payments (the seller's) and purchases (the buyer's) in step with the escrows the
 * watcher saw: after new events, and after a rollback, the rows carrying the touched references
 * are recomputed from every event of those references (src/domain/escrow-match.ts).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { together } from "../db/together.ts";
import { payments, purchases, wallets } from "../db/schema.ts";
import { parseWireAmounts } from "../domain/amounts.ts";
import {
  subjectView,
  type LockSizing,
  type LockTerms,
  type SubjectView,
} from "../domain/escrow-match.ts";
import { eventsByReference, type EscrowEvent } from "./escrow-events.ts";
import type { SubjectTable } from "./subject-list.ts";
import type { Subject } from "./usage-events.ts";

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
    // The datum must say what the row's terms say: a lock that lets the seller collect without
    // a result when the terms did not (or the reverse) pays other terms.
    autoRelease: row.autoRelease,
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
 * changed. Bounded: references are taken in rounds of REFERENCES_PER_ROUND. With `sizing` (the
 * escrow address and coinsPerUtxoSize) a lock whose deposit cannot pay the minimum UTxO of the
 * escrow's largest datum is FundsOrDatumInvalid; the watcher should always pass it.
 *
 * The watcher runs this inside the transaction that records a block's transaction, which on
 * PGlite holds the one session: each round's reads go out together, and so do its writes with
 * `alongside`'s statements (given the round's subjects as it left them), one round trip each
 * rather than one per statement.
 */
export async function refreshSubjects(
  db: Db,
  network: Network,
  references: readonly string[],
  nowMs: number,
  sizing: LockSizing | null = null,
  alongside: (subjects: readonly Subject[]) => Promise<unknown> = async () => undefined,
): Promise<number> {
  let changedRows = 0;
  const unique = [...new Set(references)];
  for (let i = 0; i < unique.length; i += REFERENCES_PER_ROUND) {
    const refs = unique.slice(i, i + REFERENCES_PER_ROUND);
    const [events, subjects] = await together(
      eventsByReference(db, network, refs),
      subjectsOf(db, network, refs),
    );
    const byRef = new Map<string, EscrowEvent[]>();
    for (const e of events) byRef.set(e.reference, [...(byRef.get(e.reference) ?? []), e]);
    const changes = new Map<SubjectTable, { id: string; view: SubjectView }[]>();
    const left: Subject[] = [];
    for (const s of subjects) {
      const seen = byRef.get(s.row.escrowReference) ?? [];
      const view = subjectView(s.terms, requestState(s.row), seen, sizing);
      const now = changed(s.row, view);
      if (now) changes.set(s.table, [...(changes.get(s.table) ?? []), { id: s.row.id, view }]);
      const row = now ? { ...s.row, ...view, updatedAtMs: nowMs } : s.row;
      const lock = seen.find((e) => e.kind === "lock" && e.escrowId === row.escrowId);
      left.push({
        role: s.table === payments ? "seller" : "buyer",
        row,
        sellerVkey: s.terms.sellerKeyHash,
        // The seller learns its buyer from the lock on chain; the buyer knows both parties.
        buyerVkey: s.terms.buyerKeyHash ?? lock?.buyerKeyHash ?? null,
      });
    }
    await together(
      ...[...changes].map(([table, rows]) => writeViews(db, table, rows, nowMs)),
      alongside(left),
    );
    for (const rows of changes.values()) changedRows += rows.length;
  }
  return changedRows;
}

/**
 * One UPDATE per table for all its changed rows: a statement per row (a hundred for a batch of
 * fifty locks, both sides) held PGlite's one session, and the API with it, far longer.
 */
async function writeViews(
  db: Db,
  table: SubjectTable,
  rows: readonly { id: string; view: SubjectView }[],
  nowMs: number,
): Promise<void> {
  const values = sql.join(
    rows.map(
      ({ id, view }) =>
        sql`(${id}, ${view.state}, ${view.escrowId}, ${view.invalidReason}, ${view.resultHash})`,
    ),
    sql`, `,
  );
  const column = (c: AnyPgColumn) => sql.identifier(c.name);
  await db.execute(sql`
    update ${table} set
      ${column(table.state)} = v.state,
      ${column(table.escrowId)} = v.escrow_id,
      ${column(table.invalidReason)} = v.invalid_reason,
      ${column(table.resultHash)} = v.result_hash,
      ${column(table.updatedAtMs)} = ${nowMs}
    from (values ${values}) as v(id, state, escrow_id, invalid_reason, result_hash)
    where ${table.id} = v.id`);
}

/** The payments and purchases carrying `refs` on `network`, each with the terms a lock must meet. */
async function subjectsOf(db: Db, network: Network, refs: string[]) {
  const [sold, bought] = await together(
    db
      .select({ row: payments, sellerKeyHash: wallets.paymentKeyHash })
      .from(payments)
      .innerJoin(wallets, eq(wallets.id, payments.sellingWalletId))
      .where(and(eq(payments.network, network), inArray(payments.escrowReference, refs))),
    db
      .select({ row: purchases, buyerKeyHash: wallets.paymentKeyHash })
      .from(purchases)
      .innerJoin(wallets, eq(wallets.id, purchases.purchasingWalletId))
      .where(and(eq(purchases.network, network), inArray(purchases.escrowReference, refs))),
  );
  // The seller's side knows its own key; the buyer's side knows both parties.
  return [
    ...sold.map(({ row, sellerKeyHash }) => ({
      table: payments as SubjectTable,
      row: row as Row,
      terms: termsOf(row, network, sellerKeyHash, null),
    })),
    ...bought.map(({ row, buyerKeyHash }) => ({
      table: purchases as SubjectTable,
      row: row as Row,
      terms: termsOf(row, network, row.sellerVkey, buyerKeyHash),
    })),
  ];
}
