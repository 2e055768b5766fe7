/**
 * Escrow actions this node asks of the chain for one of its subjects: a payment (the node is the
 * seller) or a purchase (the node is the buyer). The routes and the scheduler both come here, so
 * both refuse alike what the validator would refuse: an action of the other side, one the state
 * or the time does not allow, or a second one while one is still pending. An accepted request
 * becomes an intent for the submitter, queued for the acting party's own wallet. What the
 * views show of them is in pending-actions.ts.
 */
import type { Asset } from "@meshsdk/core";
import { and, desc, eq, inArray } from "drizzle-orm";
import { ESCROW_ACTION_KIND } from "../chain/builders/escrow-action.ts";
import { ESCROW_RESOLVE_KIND } from "../chain/builders/escrow-resolve.ts";
import {
  actionPayloadSchema,
  type EscrowActionPayload,
  type WalletAction,
} from "../chain/escrow/action-payload.ts";
import { valueProblem } from "../chain/escrow/plan.ts";
import {
  resolvePayloadSchema,
  resolveSplit,
  type EscrowResolvePayload,
} from "../chain/escrow/resolve-payload.ts";
import { qty } from "../chain/escrow/value.ts";
import type { EscrowDatum } from "../../contracts/index.ts";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { lockXact } from "../db/advisory.ts";
import { together } from "../db/together.ts";
import { intents, payments, purchases } from "../db/schema.ts";
import { LOVELACE, type WireAmount } from "../domain/amounts.ts";
import {
  ACTORS,
  type EscrowAction,
  nextState,
  PAYMENT_STATES,
  type PaymentState,
} from "../domain/escrow-states.ts";
import type { PaymentTimes } from "../domain/payment-times.ts";
import { escrowNow, type EscrowNow } from "./escrow-now.ts";
import { type IntentRow, queueIntent, type QueueIntentOptions } from "./intents.ts";
import type { PaymentRow } from "./payments.ts";
import type { PurchaseRow } from "./purchases.ts";

export type SubjectKind = "payment" | "purchase";
export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}
export type SubjectRow = PaymentRow | PurchaseRow;

/** An expected refusal; the routes map `kind` to 400, 404, 409 and 503. */
export class EscrowActionError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound" | "conflict" | "unavailable",
    message: string,
    /** The wire field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The intents that act on an escrow once it is locked; one may be pending per subject. */
export const ACTION_KINDS = [ESCROW_ACTION_KIND, ESCROW_RESOLVE_KIND];

const SIDE = { payment: "seller", purchase: "buyer" } as const;
const RESULT_HASH = /^[0-9a-f]{64}$/;
const conflict = (message: string) => new EscrowActionError("conflict", message);
const invalid = (field: string, message: string) =>
  new EscrowActionError("invalid", `${field}: ${message}`, field);

/** One unit and an amount of it, in base units as an integer string. */
export interface UnitAmount {
  unit: string;
  amount: string;
}

/**
 * An action's parameters, by action (checked at run time against the action's own schema):
 * - SubmitResult: `{ resultHash, claim? }` (hash in any case; claim null or omitted: none);
 * - Release (buyer), PartialRefund (seller): `{ unit, amount }`;
 * - RedeemVoucher: `{ unit, total, vkey, signature }` (the buyer's voucher, hex);
 * - the others: none (`{}` or undefined; anything given is ignored).
 */
export type ActionParams =
  | { resultHash: string; claim?: UnitAmount[] | null }
  | UnitAmount
  | { unit: string; total: string; vkey: string; signature: string }
  | Record<string, never>;

export interface ActionRequest {
  subject: SubjectRef;
  action: WalletAction;
  params?: ActionParams;
  nowMs: number;
}

export interface QueuedAction {
  intentId: string;
  /** The subject as it was when the intent was queued. */
  row: SubjectRow;
}

/**
 * Queues `action` on the subject's escrow for the acting wallet, or throws EscrowActionError:
 * `invalid` (400) naming the field for the other side's action or a malformed or unfitting
 * parameter (a unit the escrow does not hold, more than it holds, a stale voucher total),
 * `notFound`, and `conflict` (409) for a state or time the escrow does not allow now, an
 * action already pending, or an escrow whose value the watcher has not read yet.
 */
export async function requestAction(db: Db, req: ActionRequest): Promise<QueuedAction> {
  checkSide(req.subject, req.action);
  const params = actionParams(req.action, req.params);
  const row = await subjectRow(db, req.subject);
  const escrowId = escrowOf(req.subject.kind, row, req.action);
  const parsed = actionPayloadSchema.safeParse({ escrowId, action: req.action, params });
  if (!parsed.success) {
    // Parameters are named as the caller gave them, without the intent's `params.` prefix.
    const issue = parsed.error.issues[0]!;
    const path = issue.path[0] === "params" ? issue.path.slice(1) : issue.path;
    throw invalidFrom({ ...issue, path });
  }
  allowedNow(row, req.action, req.nowMs);
  const escrow = await escrowRead(db, row, parsed.data);
  if (escrow !== null) checkValue(escrow, parsed.data);
  const intentId = await queueUnlessPending(db, {
    kind: ESCROW_ACTION_KIND,
    walletId: walletOf(req.subject.kind, row),
    subjectId: row.id,
    payload: parsed.data,
    nowMs: req.nowMs,
  });
  return { intentId, row };
}

/** Actions whose parameters are checked against what the escrow holds (its value must be known). */
const VALUE_ACTIONS: readonly WalletAction[] = ["Release", "PartialRefund", "RedeemVoucher"];

/**
 * The action's parameters as the intent carries them: a SubmitResult hash lowercased, the
 * rest as given (the intent's schema then checks every field), none for the plain actions.
 */
function actionParams(action: WalletAction, params: ActionParams = {}): Record<string, unknown> {
  const p = params as Record<string, unknown>;
  switch (action) {
    case "SubmitResult": {
      const resultHash = typeof p.resultHash === "string" ? p.resultHash.toLowerCase() : "";
      if (!RESULT_HASH.test(resultHash)) {
        throw invalid("submitResultHash", "must be a sha256 hash: 64 hex characters");
      }
      return p.claim === undefined ? { resultHash } : { resultHash, claim: p.claim };
    }
    case "Release":
    case "PartialRefund":
      return { unit: p.unit, amount: p.amount };
    case "RedeemVoucher":
      return { unit: p.unit, total: p.total, vkey: p.vkey, signature: p.signature };
    default:
      return {};
  }
}

/**
 * The escrow as the watcher last read it, with its datum, or null when it has not read the
 * escrow yet (or it has ended). An action that pays part of the escrow, or a claim, needs it:
 * it is refused (409) until the watcher has caught up.
 */
async function escrowRead(
  db: Db,
  row: SubjectRow,
  payload: EscrowActionPayload,
): Promise<(EscrowNow & { datum: EscrowDatum }) | null> {
  const now = await escrowNow(db, row.network as Network, row.escrowId!);
  const needed =
    VALUE_ACTIONS.includes(payload.action) ||
    (payload.action === "SubmitResult" && (payload.params.claim ?? null) !== null);
  if (now === undefined || now.datum === null) {
    if (needed) throw conflict(`escrow ${row.escrowId}: its value is not known yet`);
    return null;
  }
  return { ...now, datum: now.datum };
}

/** Refuses parameters that do not fit what the escrow holds, as the builder's screen would. */
function checkValue(escrow: EscrowNow & { datum: EscrowDatum }, payload: EscrowActionPayload) {
  const amount = [...escrow.value].map(([unit, q]) => ({ unit, quantity: q.toString() }));
  const utxo = {
    input: { txHash: payload.escrowId.slice(0, 64), outputIndex: 0 },
    output: { address: "", amount },
  };
  const problem = valueProblem({ id: "", utxo, datum: escrow.datum, payload });
  if (problem !== null) throw invalid(problem.field, problem.reason);
}

/**
 * The subject's row. It is read outside the transaction that queues the intent: only the
 * watcher and the scheduler change a row, and neither takes the subject's lock, so reading it
 * under the lock made it no fresher. What the lock does guard, one pending action per
 * subject, `queueUnlessPending` checks under it.
 */
async function subjectRow(db: Db, subject: SubjectRef): Promise<SubjectRow> {
  const [row] =
    subject.kind === "payment"
      ? await db.select().from(payments).where(eq(payments.id, subject.id)).limit(1)
      : await db.select().from(purchases).where(eq(purchases.id, subject.id)).limit(1);
  if (row === undefined) {
    throw new EscrowActionError("notFound", `no ${subject.kind} ${subject.id}`, "id");
  }
  return row;
}

/**
 * Queues the intent unless an earlier action on its subject is still queued or in a
 * transaction (refused, conflict). The subject's lock serialises the requests on it. The lock,
 * the check and the insert go out together, in this order, in one round trip: on PGlite the
 * transaction holds the one session every API query waits for, and each statement awaited in
 * turn held it for another pass through a busy main thread. A pending action found rolls the
 * insert back.
 */
async function queueUnlessPending(
  db: Db,
  intent: QueueIntentOptions & { subjectId: string },
): Promise<string> {
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    const [, pending, intentId] = await together(
      lockXact(tx, `subject:${intent.subjectId}`),
      pendingIntent(tx, intent.subjectId),
      queueIntent(tx, intent),
    );
    if (pending !== undefined) {
      throw conflict(`an action is already pending: ${actionOf(pending)} (${pending.status})`);
    }
    return intentId;
  });
}

/** Refuses an action the other side of the escrow takes (the chain would refuse it too). */
function checkSide(subject: SubjectRef, action: EscrowAction): void {
  const side = SIDE[subject.kind];
  if (ACTORS[action] === side) return;
  throw invalid(
    "action",
    `${action} is the ${ACTORS[action]}'s action; this node is the ${side} of ${subject.kind} ${subject.id}`,
  );
}

/** The subject's escrow id; refuses an action on a subject with no escrow. */
function escrowOf(kind: SubjectKind, row: SubjectRow, action: EscrowAction): string {
  if (row.escrowId === null) {
    throw conflict(
      `action ${action} needs a locked escrow; this ${kind} has none (state ${stateOf(row)})`,
    );
  }
  return row.escrowId;
}

/**
 * Refuses `action` unless the subject's state, result, terms (autoRelease: the lock check holds
 * the datum to the row's terms) and time allow it now.
 */
function allowedNow(row: SubjectRow, action: EscrowAction, nowMs: number) {
  const state = stateOf(row);
  const hasResult = row.resultHash !== null;
  const { autoRelease } = row;
  const next = nextState(state, action, { hasResult, autoRelease, nowMs, times: timesOf(row) });
  if (!next.ok) {
    // Every refusal names the state the subject is in, which the caller needs to act.
    throw conflict(next.reason.includes(state) ? next.reason : `${next.reason} (state ${state})`);
  }
}

function stateOf(row: SubjectRow): PaymentState {
  const state = row.state as PaymentState;
  // The watcher and the scheduler write only these; anything else is a corrupted row.
  if (!PAYMENT_STATES.includes(state)) throw new Error(`${row.id}: unknown state ${row.state}`);
  return state;
}

function timesOf(row: SubjectRow): PaymentTimes {
  return {
    payByTimeMs: row.payByTimeMs,
    submitResultTimeMs: row.submitResultTimeMs,
    unlockTimeMs: row.unlockTimeMs,
    externalDisputeUnlockTimeMs: row.externalDisputeUnlockTimeMs,
  };
}

/** The wallet that acts for the node: the seller's on a payment, the buyer's on a purchase. */
function walletOf(kind: SubjectKind, row: SubjectRow): string {
  return kind === "payment"
    ? (row as PaymentRow).sellingWalletId
    : (row as PurchaseRow).purchasingWalletId;
}

/** The subject's latest action still queued or in a transaction, if any. */
async function pendingIntent(tx: Db, subjectId: string): Promise<IntentRow | undefined> {
  const [pending] = await tx
    .select()
    .from(intents)
    .where(
      and(
        eq(intents.subjectId, subjectId),
        inArray(intents.kind, ACTION_KINDS),
        inArray(intents.status, ["queued", "in_tx"]),
      ),
    )
    .orderBy(desc(intents.createdAtMs))
    .limit(1);
  return pending;
}

/** The escrow action an action (or resolution) intent asks for. */
export function actionOf(row: Pick<IntentRow, "kind" | "payload">): EscrowAction {
  if (row.kind === ESCROW_RESOLVE_KIND) return "ResolveDispute";
  const parsed = actionPayloadSchema.safeParse(JSON.parse(row.payload));
  // Only this module and tests queue escrow actions, always through the schema.
  if (!parsed.success) throw new Error(`intent payload unreadable: ${row.payload.slice(0, 200)}`);
  return parsed.data.action;
}

function invalidFrom(issue: { path: PropertyKey[]; message: string }): EscrowActionError {
  const field = issue.path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
  return invalid(field || "body", issue.message);
}

export interface ResolveRequest {
  network: Network;
  blockchainIdentifier: string;
  /** Each side's share, lovelace as `lovelace` or `""`; together exactly the escrow's value. */
  sellerAmounts: readonly WireAmount[];
  buyerAmounts: readonly WireAmount[];
  /** The escrow admin keys this node holds, and how many a resolution needs. */
  admins: { held: number; threshold: number };
  nowMs: number;
}

export interface QueuedResolve extends QueuedAction {
  subject: SubjectRef;
}

/**
 * Queues the admins' resolution of a disputed escrow, paid by the subject's own wallet (a
 * payment's selling wallet, a purchase's purchasing wallet), or throws EscrowActionError.
 */
export async function requestResolve(db: Db, req: ResolveRequest): Promise<QueuedResolve> {
  const { held, threshold } = req.admins;
  if (held < threshold) {
    throw new EscrowActionError(
      "unavailable",
      `this node holds ${held} escrow admin key(s); resolving a dispute needs ${threshold}`,
    );
  }
  const shares = readShares(req);
  const subject = await findSubject(db, req.network, req.blockchainIdentifier);
  const row = await subjectRow(db, subject);
  const escrowId = escrowOf(subject.kind, row, "ResolveDispute");
  allowedNow(row, "ResolveDispute", req.nowMs);
  const payload: EscrowResolvePayload = { escrowId, ...shares };
  checkSplit(payload, await lockedValue(db, req.network, escrowId));
  const intentId = await queueUnlessPending(db, {
    kind: ESCROW_RESOLVE_KIND,
    walletId: walletOf(subject.kind, row),
    subjectId: row.id,
    payload,
    nowMs: req.nowMs,
  });
  return { intentId, row, subject };
}

const sharesSchema = resolvePayloadSchema.pick({ sellerAmounts: true, buyerAmounts: true });

/** Both shares in the intent's form (lovelace as `lovelace`), or a refusal naming the entry. */
function readShares(
  req: ResolveRequest,
): Pick<EscrowResolvePayload, "sellerAmounts" | "buyerAmounts"> {
  const unit = (a: WireAmount) => ({ unit: a.unit === "" ? LOVELACE : a.unit, amount: a.amount });
  const parsed = sharesSchema.safeParse({
    sellerAmounts: req.sellerAmounts.map(unit),
    buyerAmounts: req.buyerAmounts.map(unit),
  });
  if (!parsed.success) throw invalidFrom(parsed.error.issues[0]!);
  return parsed.data;
}

/** The payment with this identifier, else the purchase (a node may be either side). */
async function findSubject(db: Db, network: Network, id: string): Promise<SubjectRef> {
  const [payment] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.network, network), eq(payments.blockchainIdentifier, id)))
    .limit(1);
  if (payment !== undefined) return { kind: "payment", id: payment.id };
  const [purchase] = await db
    .select({ id: purchases.id })
    .from(purchases)
    .where(and(eq(purchases.network, network), eq(purchases.blockchainIdentifier, id)))
    .limit(1);
  if (purchase !== undefined) return { kind: "purchase", id: purchase.id };
  throw new EscrowActionError(
    "notFound",
    "blockchainIdentifier: no payment or purchase with this identifier",
    "blockchainIdentifier",
  );
}

/** What the escrow holds now, as the watcher last read it. */
async function lockedValue(db: Db, network: Network, escrowId: string): Promise<Asset[]> {
  const now = await escrowNow(db, network, escrowId);
  if (now === undefined) throw conflict(`escrow ${escrowId}: its value is not known yet`);
  return [...now.value].map(([unit, q]) => ({ unit, quantity: q.toString() }));
}

/**
 * Refuses a split that does not give out the escrow's value exactly. The seller's share is at
 * fault when it alone asks more of a unit than the escrow holds; otherwise the buyer's, which
 * is the rest.
 */
function checkSplit(payload: EscrowResolvePayload, locked: Asset[]): void {
  const split = resolveSplit(payload, locked);
  if (typeof split !== "string") return;
  const sellerOver = payload.sellerAmounts.some((a) => BigInt(a.amount) > qty(locked, a.unit));
  throw invalid(sellerOver ? "sellerAmounts" : "buyerAmounts", split);
}
