/**
 * The outbox of usage events (issue 12). Each producer calls `writeUsageEvents` inside the
 * database transaction that makes the change: the watcher's commit of one chain transaction
 * (`chainUsageEvents`), the scheduler's expiry of a request (`expiryUsageEvents`), a usage
 * record's insert (`usageRecordEvent`). Nothing is dispatched from memory: the dispatcher reads
 * the receipts written here, so a crash anywhere delivers every event after restart.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { escrowDatumOf } from "../chain/datum.ts";
import type { Network } from "../chain/network.ts";
import { networkId } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { together } from "../db/together.ts";
import {
  escrowEvents,
  payments,
  purchases,
  usageEvents,
  usageRecords,
  wallets,
} from "../db/schema.ts";
import type { WireAmount } from "../domain/amounts.ts";
import type { EscrowAction } from "../domain/escrow-states.ts";
import {
  stepEventName,
  subjectEventType,
  usageEventId,
  type Role,
  type SubjectEventName,
  type UsageEventBody,
  type UsageEventType,
} from "../domain/usage-event.ts";
import type { EscrowEvent } from "./escrow-events.ts";
import { enabledTargets, receiptsForEvents } from "./event-receipts.ts";

export type UsageEventRow = typeof usageEvents.$inferSelect;
type SubjectRow = typeof payments.$inferSelect | typeof purchases.$inferSelect;

/** A payment or purchase with the parties' keys as the node knows them. */
export interface Subject {
  role: Role;
  row: SubjectRow;
  sellerVkey: string;
  buyerVkey: string | null;
}

const wireNetwork = (n: Network): UsageEventBody["network"] =>
  n === "preprod" ? "Preprod" : "Mainnet";

const parseAmounts = (json: string): WireAmount[] => JSON.parse(json) as WireAmount[];

/** What varies by cause; the rest of the body comes from the subject. */
interface Change {
  type: UsageEventType;
  cause: string;
  txHash: string | null;
  chainTimeMs: number | null;
  paidToSeller: WireAmount[];
  paidToBuyer: WireAmount[];
  claim: WireAmount[] | null;
  usage: Record<string, unknown> | null;
  voucher?: UsageEventBody["voucher"];
  /** For a usage record: the amounts it charged, in place of the terms' price. */
  amounts?: WireAmount[];
}

function eventRow(network: Network, s: Subject, c: Change, nowMs: number): UsageEventRow {
  const id = usageEventId(network, s.row.blockchainIdentifier, c.type, c.cause);
  const body: UsageEventBody = {
    usageId: id,
    type: c.type,
    network: wireNetwork(network),
    role: s.role,
    blockchainIdentifier: s.row.blockchainIdentifier,
    agentIdentifier: s.row.agentIdentifier,
    sellerVkey: s.sellerVkey,
    buyerVkey: s.buyerVkey,
    state: s.row.state,
    amounts: c.amounts ?? parseAmounts(s.row.amounts),
    paidToSeller: c.paidToSeller,
    paidToBuyer: c.paidToBuyer,
    claim: c.claim,
    voucher: c.voucher ?? null,
    usage: c.usage,
    resultHash: s.row.resultHash,
    invalidReason: s.row.invalidReason,
    txHash: c.txHash,
    chainTimeMs: c.chainTimeMs,
    nodeTimeMs: nowMs,
  };
  return {
    id,
    network,
    type: c.type,
    role: s.role,
    subjectId: s.row.id,
    blockchainIdentifier: s.row.blockchainIdentifier,
    agentIdentifier: s.row.agentIdentifier,
    txHash: c.txHash,
    chainTimeMs: c.chainTimeMs,
    createdAtMs: nowMs,
    body: JSON.stringify(body),
  };
}

/**
 * Stores events once each (an id already there is left as it was: its first body and receipts
 * stand) and a receipt per target for each new one. Call it inside the transaction of the change.
 */
export async function writeUsageEvents(
  db: Db,
  rows: readonly UsageEventRow[],
  nowMs: number,
): Promise<UsageEventRow[]> {
  if (rows.length === 0) return [];
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  // Sent together, one round trip: the watcher's commit holds PGlite's one session meanwhile.
  const [added, targets] = await together(
    db
      .insert(usageEvents)
      .values(unique)
      .onConflictDoNothing()
      .returning({ id: usageEvents.id, type: usageEvents.type }),
    enabledTargets(db),
  );
  await receiptsForEvents(db, targets, added, nowMs);
  const addedIds = new Set(added.map((a) => a.id));
  return unique.filter((r) => addedIds.has(r.id));
}

/**
 * The buyer of each escrow, as its lock on chain names it: a seller's node knows its buyer only
 * from there. Every event of one escrow carries the same parties (the datum's), so the lock's
 * row is enough; a lock rolled back is deleted with its block.
 */
async function escrowBuyers(db: Db, escrowIds: readonly string[]): Promise<Map<string, string>> {
  if (escrowIds.length === 0) return new Map();
  const rows = await db
    .select({ escrowId: escrowEvents.escrowId, buyer: escrowEvents.buyerKeyHash })
    .from(escrowEvents)
    .where(
      and(inArray(escrowEvents.escrowId, [...new Set(escrowIds)]), eq(escrowEvents.kind, "lock")),
    );
  return new Map(rows.map((r) => [r.escrowId, r.buyer]));
}

/**
 * Payments (matching `sold`) and purchases (matching `bought`) with both parties' keys as the
 * node knows them; a side whose condition is undefined is not read.
 */
async function loadSubjects(
  db: Db,
  sold: SQL | undefined,
  bought: SQL | undefined,
): Promise<Subject[]> {
  const out: Subject[] = [];
  if (sold !== undefined) {
    const rows = await db
      .select({ row: payments, key: wallets.paymentKeyHash })
      .from(payments)
      .innerJoin(wallets, eq(wallets.id, payments.sellingWalletId))
      .where(sold);
    const buyers = await escrowBuyers(
      db,
      rows.flatMap((r) => (r.row.escrowId === null ? [] : [r.row.escrowId])),
    );
    for (const r of rows)
      out.push({
        role: "seller",
        row: r.row,
        sellerVkey: r.key,
        buyerVkey: (r.row.escrowId && buyers.get(r.row.escrowId)) ?? null,
      });
  }
  if (bought !== undefined) {
    const rows = await db
      .select({ row: purchases, key: wallets.paymentKeyHash })
      .from(purchases)
      .innerJoin(wallets, eq(wallets.id, purchases.purchasingWalletId))
      .where(bought);
    for (const r of rows)
      out.push({ role: "buyer", row: r.row, sellerVkey: r.row.sellerVkey, buyerVkey: r.key });
  }
  return out;
}

/** A change that moved no money and set no claim. */
const NO_MONEY: Pick<Change, "paidToSeller" | "paidToBuyer" | "claim"> = {
  paidToSeller: [],
  paidToBuyer: [],
  claim: null,
};

function claimOf(datumCbor: string | null, network: Network): WireAmount[] | null {
  if (datumCbor === null) return null;
  try {
    const d = escrowDatumOf(datumCbor, networkId(network));
    return d.claim?.map((c) => ({ unit: c.unit, amount: c.amount.toString() })) ?? null;
  } catch {
    // The watcher stored only datums it could read; an unreadable one has no claim to tell.
    return null;
  }
}

/** The event name of one escrow event for the subject it pays (whose state is already refreshed). */
function chainEventName(e: EscrowEvent, s: Subject, claim: WireAmount[] | null): SubjectEventName {
  if (e.kind === "lock")
    return s.row.state === "FundsOrDatumInvalid" ? "lock_invalid" : "funds_locked";
  return stepEventName(e.action as EscrowAction | null, e.state, claim !== null);
}

/**
 * The usage events of one chain transaction's escrow events, for the payments and purchases
 * they pay: `subjects` are those of the events' references as the refresh that commits with
 * these events leaves them (escrow-subjects.ts `prepareRefresh`), so each event carries the
 * state it led to. A lock for a reference that another escrow already pays is not the
 * subject's and tells nothing here. Write them with `writeUsageEvents` in that transaction.
 */
export function chainUsageEvents(
  network: Network,
  events: readonly EscrowEvent[],
  subjects: readonly Subject[],
  nowMs: number,
): UsageEventRow[] {
  const rows: UsageEventRow[] = [];
  for (const e of events) {
    const claim = e.kind === "end" ? null : claimOf(e.datumCbor, network);
    for (const s of subjects) {
      if (s.row.escrowReference !== e.reference || s.row.escrowId !== e.escrowId) continue;
      const subject = { ...s, buyerVkey: s.buyerVkey ?? e.buyerKeyHash };
      const name = chainEventName(e, subject, claim);
      rows.push(
        eventRow(
          network,
          subject,
          {
            type: subjectEventType(s.role, name),
            cause: `${e.txHash}:${e.escrowId}`,
            txHash: e.txHash,
            chainTimeMs: e.blockTimeMs,
            paidToSeller: parseAmounts(e.paidToSeller),
            paidToBuyer: parseAmounts(e.paidToBuyer),
            claim,
            usage: null,
          },
          nowMs,
        ),
      );
    }
  }
  return rows;
}

/** The `expired` events of requests the scheduler just expired (in its transaction). */
export async function expiryUsageEvents(
  db: Db,
  network: Network,
  role: Role,
  ids: readonly string[],
  nowMs: number,
): Promise<UsageEventRow[]> {
  if (ids.length === 0) return [];
  const subjects = await loadSubjects(
    db,
    role === "seller" ? inArray(payments.id, [...ids]) : undefined,
    role === "buyer" ? inArray(purchases.id, [...ids]) : undefined,
  );
  const rows = subjects.map((s) =>
    eventRow(
      network,
      s,
      {
        type: subjectEventType(role, "expired"),
        cause: "expired",
        txHash: null,
        chainTimeMs: null,
        ...NO_MONEY,
        usage: null,
      },
      nowMs,
    ),
  );
  return writeUsageEvents(db, rows, nowMs);
}

/** A node-side change of one payment (`seller`) or purchase (`buyer`), without a transaction. */
type NodeChange = Omit<Change, "txHash" | "chainTimeMs" | "paidToSeller" | "paidToBuyer" | "claim">;

/** Writes the event of a node-side change of one subject (in the change's transaction). */
async function subjectChangeEvent(
  db: Db,
  role: Role,
  subjectId: string,
  change: NodeChange,
  nowMs: number,
): Promise<UsageEventRow[]> {
  const [s] = await loadSubjects(
    db,
    role === "seller" ? eq(payments.id, subjectId) : undefined,
    role === "buyer" ? eq(purchases.id, subjectId) : undefined,
  );
  if (s === undefined) return [];
  const full: Change = { ...change, txHash: null, chainTimeMs: null, ...NO_MONEY };
  return writeUsageEvents(db, [eventRow(s.row.network, s, full, nowMs)], nowMs);
}

/** The `usage.recorded` event of a usage record just inserted (in its transaction). */
export function usageRecordEvent(
  db: Db,
  record: typeof usageRecords.$inferSelect,
  nowMs: number,
): Promise<UsageEventRow[]> {
  return subjectChangeEvent(
    db,
    record.role,
    record.subjectId,
    {
      type: "usage.recorded",
      cause: `usage:${record.principalId}:${record.usageId}`,
      usage: JSON.parse(record.usage) as Record<string, unknown>,
      ...(record.amounts === null ? {} : { amounts: parseAmounts(record.amounts) }),
    },
    nowMs,
  );
}

/**
 * The `voucher_updated` event of a voucher total just stored (in its transaction): the
 * seller's node accepted it (`seller`), or the buyer's node signed it (`buyer`).
 */
export function voucherUsageEvent(
  db: Db,
  role: Role,
  subjectId: string,
  v: { unit: string; total: bigint; previousTotal: bigint },
  nowMs: number,
): Promise<UsageEventRow[]> {
  return subjectChangeEvent(
    db,
    role,
    subjectId,
    {
      type: subjectEventType(role, "voucher_updated"),
      // One event per total: the same total stored again (a retry) is the same event.
      cause: `voucher:${v.unit}:${v.total}`,
      usage: null,
      voucher: {
        unit: v.unit,
        total: v.total.toString(),
        increment: (v.total - v.previousTotal).toString(),
      },
    },
    nowMs,
  );
}

/** The `purchase.usage_reported` event of the usage a buyer just stored for a purchase. */
export function reportedUsageEvent(
  db: Db,
  purchaseId: string,
  usageJson: string,
  nowMs: number,
): Promise<UsageEventRow[]> {
  return subjectChangeEvent(
    db,
    "buyer",
    purchaseId,
    {
      type: "purchase.usage_reported",
      cause: `reported:${createHash("sha256").update(usageJson).digest("hex")}`,
      usage: JSON.parse(usageJson) as Record<string, unknown>,
    },
    nowMs,
  );
}
