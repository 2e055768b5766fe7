/**
 * What the views show of a subject's escrow actions: the latest action (or resolution) intent of
 * each payment or purchase, read in one query, and the peer's NextAction it stands for. The
 * requests themselves are queued and refused in escrow-actions.ts.
 */
import { and, desc, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { intents } from "../db/schema.ts";
import type { EscrowAction } from "../domain/escrow-states.ts";
import { ACTION_KINDS, actionOf } from "./escrow-actions.ts";
import type { IntentRow } from "./intents.ts";

/** The most subjects `pendingActions` reads at once. */
export const PENDING_SUBJECTS_MAX = 500;

/** A subject's latest escrow action, whatever its status. */
export interface PendingAction {
  intentId: string;
  action: EscrowAction;
  status: IntentRow["status"];
  /** Why it failed, or why a queued one waits, as the submitter said. */
  lastError: string | null;
  /** The hash a SubmitResult carries. */
  resultHash: string | null;
  /** Chain time before which the submitter does not try it (later than queuing once deferred). */
  notBeforeMs: number;
  createdAtMs: number;
  updatedAtMs: number;
}

/** The latest escrow action (or resolution) intent of each subject, in one query. */
export async function pendingActions(
  db: Db,
  subjectIds: readonly string[],
): Promise<Map<string, PendingAction>> {
  if (subjectIds.length === 0) return new Map();
  if (subjectIds.length > PENDING_SUBJECTS_MAX) {
    throw new Error(
      `pendingActions: ${subjectIds.length} subjects, at most ${PENDING_SUBJECTS_MAX}`,
    );
  }
  const rows = await db
    .selectDistinctOn([intents.subjectId])
    .from(intents)
    .where(and(inArray(intents.subjectId, [...subjectIds]), inArray(intents.kind, ACTION_KINDS)))
    .orderBy(intents.subjectId, desc(intents.createdAtMs), desc(intents.id));
  return new Map(rows.map((r) => [r.subjectId!, pendingOf(r)]));
}

function pendingOf(row: IntentRow): PendingAction {
  const payload = JSON.parse(row.payload) as { params?: { resultHash?: string } };
  return {
    intentId: row.id,
    action: actionOf(row),
    status: row.status,
    lastError: row.lastError,
    resultHash: payload.params?.resultHash ?? null,
    notBeforeMs: row.notBeforeMs,
    createdAtMs: row.createdAtMs,
    updatedAtMs: row.updatedAtMs,
  };
}

/**
 * The peer's names of the escrow actions, as its NextAction writes them (`…Requested`,
 * `…Initiated`); ours beyond.
 */
export const PEER_NAMES: Record<EscrowAction, string> = {
  SubmitResult: "SubmitResult",
  Withdraw: "Withdraw",
  AuthorizeRefund: "AuthorizeRefund",
  RequestRefund: "SetRefundRequested",
  CancelRefund: "UnSetRefundRequested",
  WithdrawRefund: "WithdrawRefund",
  Release: "Release",
  ResolveDispute: "ResolveDispute",
  PartialRefund: "PartialRefund",
  RedeemVoucher: "RedeemVoucher",
  Accept: "Accept",
};

export interface ActionNextAction {
  requestedAction: string;
  errorType: "Unknown" | null;
  errorNote: string | null;
  /** The hash a SubmitResult carries (the payment view shows it). */
  resultHash: string | null;
  /**
   * Ours: until when a queued action waits for the chain (POSIX ms as a string, like the peer's
   * times): set while the validator would refuse it only for the time, that is the party's own
   * cooldown or a time it must be after. Absent when the action is not waiting for a time.
   */
  waitUntil?: string;
}

/**
 * The NextAction a view shows for the subject's latest action, or undefined when the state
 * alone tells: once it is done, or when it failed before the subject last changed state.
 */
export function actionNextAction(
  pending: PendingAction | undefined,
  subjectUpdatedAtMs: number,
): ActionNextAction | undefined {
  if (pending === undefined || pending.status === "done") return undefined;
  const name = PEER_NAMES[pending.action];
  const base = { errorType: null, errorNote: pending.lastError, resultHash: pending.resultHash };
  switch (pending.status) {
    case "queued":
      // Deferred by the submitter: its not-before time was moved past when it was last touched.
      return pending.notBeforeMs > pending.updatedAtMs
        ? { ...base, requestedAction: `${name}Requested`, waitUntil: String(pending.notBeforeMs) }
        : { ...base, requestedAction: `${name}Requested` };
    case "in_tx":
      return { ...base, requestedAction: `${name}Initiated`, errorNote: null };
    case "failed":
      if (pending.updatedAtMs < subjectUpdatedAtMs) return undefined;
      return { ...base, requestedAction: `${name}Requested`, errorType: "Unknown" };
  }
}
