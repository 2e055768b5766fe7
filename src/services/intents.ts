/** Queues on-chain work for the submitter. Services call this inside their own db transaction. */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { intents } from "../db/schema.ts";

export type IntentRow = typeof intents.$inferSelect;

/** Adds one intent to the queue and returns its id. */
export async function queueIntent(db: Db, opts: QueueIntentOptions): Promise<string> {
  return (await queueIntentRow(db, opts)).id;
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

/** Adds one intent to the queue and returns it as written (a view of it needs no read back). */
export async function queueIntentRow(db: Db, opts: QueueIntentOptions): Promise<IntentRow> {
  const row: IntentRow = {
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
  await db.insert(intents).values(row);
  return row;
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
