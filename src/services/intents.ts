/** Queues on-chain work for the submitter. Services call this inside their own db transaction. */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { intents } from "../db/schema.ts";

export type IntentRow = typeof intents.$inferSelect;

/** Adds one intent to the queue and returns its id. */
export async function queueIntent(db: Db, opts: QueueIntentOptions): Promise<string> {
  const row = intentRowOf(opts);
  await db.insert(intents).values(row);
  return row.id;
}

export interface QueueIntentOptions {
  kind: string;
  walletId: string;
  subjectId?: string;
  payload: unknown;
  nowMs: number;
  notBeforeMs?: number;
  id?: string;
}

/**
 * The row that queues an intent, as written (a view of it needs no read back), for a caller that
 * writes it with other rows in one statement.
 */
export function intentRowOf(opts: QueueIntentOptions): IntentRow {
  return {
    id: opts.id ?? randomUUID(),
    kind: opts.kind,
    walletId: opts.walletId,
    subjectId: opts.subjectId ?? null,
    payload: JSON.stringify(opts.payload),
    status: "queued",
    txHash: null,
    attempts: 0,
    lastError: null,
    notBeforeMs: opts.notBeforeMs ?? opts.nowMs,
    createdAtMs: opts.nowMs,
    updatedAtMs: opts.nowMs,
  };
}

/** The intents with these ids, in no particular order. */
export async function intentsById(db: Db, ids: string[]): Promise<IntentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(intents).where(inArray(intents.id, ids));
}

/** The intents about one subject (an escrow, a registry entry), oldest first. */
export async function intentsOf(db: Db, subjectId: string, kind?: string): Promise<IntentRow[]> {
  const where = kind
    ? and(eq(intents.subjectId, subjectId), eq(intents.kind, kind))
    : eq(intents.subjectId, subjectId);
  return db.select().from(intents).where(where).orderBy(intents.createdAtMs).limit(1000);
}
