/**
 * Keeps payments (the seller's) and purchases (the buyer's) in step with the escrows the
 * watcher saw: after new events, and after a rollback, the rows carrying the touched references
 * are recomputed from every event of those references (src/domain/escrow-match.ts).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Network } from "../chain/network.ts";
import { resultRows, type Db } from "../db/client.ts";
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

/** A changed row's new view. */
interface ViewChange {
  id: string;
  view: SubjectView;
}

/** A refresh worked out from its reads, before anything is written: `applyRefresh` writes it. */
export interface PreparedRefresh {
  /** The rows whose view changed, by table. */
  changes: Map<SubjectTable, ViewChange[]>;
  /** Every subject's row as read, by table: the writes assume these still hold. */
  read: Map<SubjectTable, Row[]>;
  /** Every subject as the writes leave it (for the usage events that commit with them). */
  subjects: Subject[];
}

const add = <K, V>(m: Map<K, V[]>, k: K, v: V) => m.set(k, [...(m.get(k) ?? []), v]);

/** Works out the views of `subjects` from every event of their references (oldest first). */
function workOut(
  into: PreparedRefresh,
  subjects: Awaited<ReturnType<typeof subjectsOf>>,
  events: readonly EscrowEvent[],
  nowMs: number,
  sizing: LockSizing | null,
): void {
  const byRef = new Map<string, EscrowEvent[]>();
  for (const e of events) add(byRef, e.reference, e);
  for (const s of subjects) {
    add(into.read, s.table, s.row);
    const seen = byRef.get(s.row.escrowReference) ?? [];
    const view = subjectView(s.terms, requestState(s.row), seen, sizing);
    const now = changed(s.row, view);
    if (now) add(into.changes, s.table, { id: s.row.id, view });
    const row = now ? { ...s.row, ...view, updatedAtMs: nowMs } : s.row;
    const lock = seen.find((e) => e.kind === "lock" && e.escrowId === row.escrowId);
    into.subjects.push({
      role: s.table === payments ? "seller" : "buyer",
      row,
      sellerVkey: s.terms.sellerKeyHash,
      // The seller learns its buyer from the lock on chain; the buyer knows both parties.
      buyerVkey: s.terms.buyerKeyHash ?? lock?.buyerKeyHash ?? null,
    });
  }
}

/**
 * Recomputes the payments and purchases of `references` on `network` in `db`'s transaction
 * (the watcher's rollback, after it forgot the events above the fork); returns how many rows
 * changed. A new block's events go through `prepareRefresh` before its transaction instead.
 * Only in a transaction: on PostgreSQL a pool may run the check and the writes on different
 * connections, in either order.
 */
export async function refreshSubjects(
  db: Db,
  network: Network,
  references: readonly string[],
  nowMs: number,
  sizing: LockSizing | null = null,
): Promise<number> {
  return applyRefresh(db, await prepareRefresh(db, network, references, [], nowMs, sizing), nowMs);
}

/** The rows a prepared refresh read changed before its writes: read it again. */
export class StaleRefresh extends Error {
  constructor() {
    super("escrow-subjects: a payment or purchase changed after the refresh read it");
  }
}

/**
 * Works out the refresh of `references` as if `fresh` (the events of a transaction not yet
 * stored) were stored. Bounded: references are read in rounds of REFERENCES_PER_ROUND. With
 * `sizing` (the escrow address and coinsPerUtxoSize) a lock whose deposit cannot pay the
 * minimum UTxO of the escrow's largest datum is FundsOrDatumInvalid; the watcher should always
 * pass it. The watcher reads outside any transaction: on PGlite its transaction holds the one
 * session every API query waits for, and with the reads and the working out done before it
 * opens, it holds the session only for its writes, in one round trip.
 */
export async function prepareRefresh(
  db: Db,
  network: Network,
  references: readonly string[],
  fresh: readonly EscrowEvent[],
  nowMs: number,
  sizing: LockSizing | null,
): Promise<PreparedRefresh> {
  const prepared: PreparedRefresh = { changes: new Map(), read: new Map(), subjects: [] };
  const key = (e: EscrowEvent) => `${e.escrowId} ${e.txHash}`;
  const unique = [...new Set(references)];
  for (let i = 0; i < unique.length; i += REFERENCES_PER_ROUND) {
    const refs = unique.slice(i, i + REFERENCES_PER_ROUND);
    const [stored, subjects] = await together(
      eventsByReference(db, network, refs),
      subjectsOf(db, network, refs),
    );
    const have = new Set(stored.map(key));
    const inRound = new Set(refs);
    // A retried tick may find some of `fresh` stored already: each event counts once.
    const added = fresh.filter((e) => inRound.has(e.reference) && !have.has(key(e)));
    const events = [...stored, ...added].sort(
      (a, b) => a.blockHeight - b.blockHeight || a.txIndex - b.txIndex,
    );
    workOut(prepared, subjects, events, nowMs, sizing);
  }
  return prepared;
}

/**
 * Writes a prepared refresh in `db`'s transaction (only there: see refreshSubjects); returns
 * how many rows changed. Its statements go out together, and with whatever the caller sends
 * alongside. Throws StaleRefresh, after every statement has settled (roll the transaction
 * back), when a row it read has changed since (the scheduler may have expired it): the check
 * locks the rows it finds unchanged, so none changes between it and the commit.
 */
export async function applyRefresh(
  db: Db,
  prepared: PreparedRefresh,
  nowMs: number,
): Promise<number> {
  // The checks go first: a transaction's statements run in the order sent.
  const held = [...prepared.read].map(([t, rows]) => unchangedCount(db, t, rows));
  const written = [...prepared.changes].map(([t, rows]) => writeViews(db, t, rows, nowMs));
  const [counts] = await together(together(...held), ...written);
  const expected = [...prepared.read.values()].map((rows) => rows.length);
  if (counts.some((n, i) => n !== expected[i])) throw new StaleRefresh();
  return [...prepared.changes.values()].reduce((n, rows) => n + rows.length, 0);
}

/**
 * How many of `rows` still have the state, escrow, reason and result they were read with,
 * locking those (FOR UPDATE) until the transaction ends. The terms a view is worked out from
 * never change once a row is written; these four columns are the ones anything else writes.
 */
async function unchangedCount(db: Db, table: SubjectTable, rows: readonly Row[]): Promise<number> {
  const values = sql.join(
    rows.map((r) => sql`(${r.id}, ${r.state}, ${r.escrowId}, ${r.invalidReason}, ${r.resultHash})`),
    sql`, `,
  );
  const c = (col: AnyPgColumn) => sql`t.${sql.identifier(col.name)}`;
  const result = await db.execute(sql`
    select ${c(table.id)} from ${table} as t
    join (values ${values}) as v(id, state, escrow_id, invalid_reason, result_hash)
      on ${c(table.id)} = v.id
    where ${c(table.state)} = v.state
      and ${c(table.escrowId)} is not distinct from v.escrow_id
      and ${c(table.invalidReason)} is not distinct from v.invalid_reason
      and ${c(table.resultHash)} is not distinct from v.result_hash
    for update of t`);
  return resultRows(result).length;
}

/**
 * One UPDATE per table for all its changed rows: a statement per row (a hundred for a batch of
 * fifty locks, both sides) held PGlite's one session, and the API with it, far longer.
 */
async function writeViews(
  db: Db,
  table: SubjectTable,
  rows: readonly ViewChange[],
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
