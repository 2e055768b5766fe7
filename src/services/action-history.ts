/**
 * The escrow actions the node was asked to carry out for payments and purchases, oldest first:
 * the peer's `ActionHistory`. Each action is one intent; its status says whether it waits
 * (Requested), went out in a transaction (Initiated, with the hash) or failed.
 */
import { and, asc, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { intents } from "../db/schema.ts";
import { ACTION_KINDS, actionOf } from "./escrow-actions.ts";
import { PEER_NAMES } from "./pending-actions.ts";

/** At most this many subjects' histories are read at once (a page of a list). */
export const HISTORY_SUBJECTS_MAX = 500;
/** At most this many actions are answered per subject; an escrow takes a handful. */
export const HISTORY_ACTIONS_MAX = 50;

export interface HistoryItem {
  id: string;
  createdAtMs: number;
  updatedAtMs: number;
  /** The peer's name of the action (`SubmitResult`, `SetRefundRequested`, …). */
  peerName: string;
  status: "queued" | "in_tx" | "done" | "failed";
  txHash: string | null;
  lastError: string | null;
  resultHash: string | null;
}

/** The action histories of these subjects, by subject id. */
export async function actionHistories(
  db: Db,
  subjectIds: readonly string[],
): Promise<Map<string, HistoryItem[]>> {
  const out = new Map<string, HistoryItem[]>(subjectIds.map((id) => [id, []]));
  if (subjectIds.length === 0) return out;
  if (subjectIds.length > HISTORY_SUBJECTS_MAX)
    throw new Error(
      `actionHistories: ${subjectIds.length} subjects, at most ${HISTORY_SUBJECTS_MAX}`,
    );
  const rows = await db
    .select()
    .from(intents)
    .where(and(inArray(intents.subjectId, [...subjectIds]), inArray(intents.kind, ACTION_KINDS)))
    .orderBy(asc(intents.createdAtMs), asc(intents.id))
    .limit(HISTORY_SUBJECTS_MAX * HISTORY_ACTIONS_MAX);
  for (const row of rows) {
    const list = out.get(row.subjectId!);
    if (!list || list.length >= HISTORY_ACTIONS_MAX) continue;
    const payload = JSON.parse(row.payload) as { params?: { resultHash?: string } };
    list.push({
      id: row.id,
      createdAtMs: row.createdAtMs,
      updatedAtMs: row.updatedAtMs,
      peerName: PEER_NAMES[actionOf(row)],
      status: row.status,
      txHash: row.txHash,
      lastError: row.lastError,
      resultHash: payload.params?.resultHash ?? null,
    });
  }
  return out;
}
