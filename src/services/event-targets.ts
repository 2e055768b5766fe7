/**
 * Where usage events go (issue 12): webhooks, Stripe meter events, AWS Marketplace metering. A
 * target's credentials are sealed like a wallet's mnemonic, bound to the target's id, and never
 * answered again once stored (a generated webhook secret is answered once, at creation). Setting
 * credentials on a target sends what waited for them: its `deferred` receipts become `pending`
 * in the same transaction. A rotated webhook secret stays valid beside the new one a while, so
 * receivers can switch without dropping a delivery.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { lockXact } from "../db/advisory.ts";
import { eventDeliveries, eventTargets } from "../db/schema.ts";
import type { TargetKind, TargetSecrets } from "../delivery/types.ts";
import { openSecret, sealSecret } from "./secret-box.ts";

export type EventTargetRow = typeof eventTargets.$inferSelect;

/** How many targets a node keeps: each event gets a receipt per target, in the change's transaction. */
export const TARGETS_MAX = 50;
/** How long a rotated-out webhook secret stays valid when the caller does not say. */
export const ROTATION_OVERLAP_MS_DEFAULT = 24 * 3_600_000;
export const ROTATION_OVERLAP_MS_MAX = 7 * 24 * 3_600_000;

export class EventTargetError extends Error {
  constructor(
    readonly kind: "notFound" | "conflict",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface Sealing {
  encryptionKeyHex: string;
  nowMs: number;
}

const associatedData = (id: string) => `event-target:${id}`;

export interface NewTarget {
  name: string;
  kind: TargetKind;
  /** Checked already (delivery/target-config.ts), stored as JSON. */
  config: unknown;
  eventTypes: string[];
  /** Plain; sealed here. Null: deliveries wait (`deferred`) until one is set. */
  secret: string | null;
  enabled: boolean;
}

async function nameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: eventTargets.id })
    .from(eventTargets)
    .where(eq(eventTargets.name, name));
  return row !== undefined && row.id !== exceptId;
}

/** Serialises changes of the target list (the cap and the names hold under concurrent calls). */
const lockTargets = (db: Db) => lockXact(db, "event-targets");

export async function createTarget(db: Db, t: NewTarget, s: Sealing): Promise<EventTargetRow> {
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await lockTargets(tx);
    return insertTarget(tx, t, s);
  });
}

async function insertTarget(db: Db, t: NewTarget, s: Sealing): Promise<EventTargetRow> {
  const [existing] = await db.select({ n: count() }).from(eventTargets);
  if (existing!.n >= TARGETS_MAX)
    throw new EventTargetError("conflict", `a node keeps at most ${TARGETS_MAX} event targets`);
  if (await nameTaken(db, t.name))
    throw new EventTargetError("conflict", "name: another target has this name", "name");
  const id = randomUUID();
  const [row] = await db
    .insert(eventTargets)
    .values({
      id,
      name: t.name,
      kind: t.kind,
      config: JSON.stringify(t.config),
      eventTypes: JSON.stringify(t.eventTypes),
      secret:
        t.secret === null ? null : sealSecret(s.encryptionKeyHex, t.secret, associatedData(id)),
      enabled: t.enabled,
      createdAtMs: s.nowMs,
      updatedAtMs: s.nowMs,
    })
    .returning();
  return row!;
}

export async function listTargets(db: Db): Promise<EventTargetRow[]> {
  return db
    .select()
    .from(eventTargets)
    .orderBy(asc(eventTargets.createdAtMs), asc(eventTargets.id))
    .limit(TARGETS_MAX);
}

export async function getTarget(db: Db, id: string): Promise<EventTargetRow> {
  const [row] = await db.select().from(eventTargets).where(eq(eventTargets.id, id));
  if (!row) throw new EventTargetError("notFound", "id: no event target with this id", "id");
  return row;
}

export interface TargetChange {
  name?: string;
  config?: unknown;
  eventTypes?: string[];
  secret?: string;
  /** With `secret`: how long the current secret stays valid beside the new one. */
  previousSecretValidForMs?: number;
  enabled?: boolean;
}

/**
 * Changes a target. A new secret keeps the old one (when there was one) valid for the overlap,
 * and makes the receipts that waited for credentials due now. A new list of event types counts
 * for events written from now on; replay sends older ones.
 */
export async function updateTarget(
  db: Db,
  id: string,
  change: TargetChange,
  s: Sealing,
): Promise<EventTargetRow> {
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await lockTargets(tx);
    return changeTarget(tx, id, change, s);
  });
}

async function changeTarget(
  db: Db,
  id: string,
  change: TargetChange,
  s: Sealing,
): Promise<EventTargetRow> {
  const before = await getTarget(db, id);
  if (change.name !== undefined && (await nameTaken(db, change.name, id)))
    throw new EventTargetError("conflict", "name: another target has this name", "name");
  const set: Partial<EventTargetRow> = { updatedAtMs: s.nowMs };
  if (change.name !== undefined) set.name = change.name;
  if (change.config !== undefined) set.config = JSON.stringify(change.config);
  if (change.eventTypes !== undefined) set.eventTypes = JSON.stringify(change.eventTypes);
  if (change.enabled !== undefined) set.enabled = change.enabled;
  if (change.secret !== undefined) {
    set.secret = sealSecret(s.encryptionKeyHex, change.secret, associatedData(id));
    const overlapMs = change.previousSecretValidForMs ?? ROTATION_OVERLAP_MS_DEFAULT;
    const keep = before.secret !== null && overlapMs > 0;
    set.previousSecret = keep ? before.secret : null;
    set.previousSecretUntilMs = keep ? s.nowMs + overlapMs : null;
  }
  const [row] = await db.update(eventTargets).set(set).where(eq(eventTargets.id, id)).returning();
  if (change.secret !== undefined)
    await db
      .update(eventDeliveries)
      .set({ status: "pending", nextAttemptAtMs: 0, lastError: null, updatedAtMs: s.nowMs })
      .where(and(eq(eventDeliveries.targetId, id), eq(eventDeliveries.status, "deferred")));
  return row!;
}

/** Removes a target and its receipts (the events stay). */
export async function deleteTarget(db: Db, id: string): Promise<void> {
  await getTarget(db, id);
  await db.delete(eventTargets).where(eq(eventTargets.id, id));
}

/**
 * The target's credentials, opened: null while it has none. The previous webhook secret only
 * while its overlap lasts.
 */
export function openTargetSecrets(
  row: EventTargetRow,
  encryptionKeyHex: string,
  nowMs: number,
): TargetSecrets | null {
  if (row.secret === null) return null;
  const current = openSecret(encryptionKeyHex, row.secret, associatedData(row.id));
  const previousValid =
    row.previousSecret !== null &&
    row.previousSecretUntilMs !== null &&
    row.previousSecretUntilMs > nowMs;
  return {
    current,
    previous: previousValid
      ? openSecret(encryptionKeyHex, row.previousSecret!, associatedData(row.id))
      : null,
  };
}

/** A target as the API shows it: never a secret, only whether there is one. */
export function targetView(row: EventTargetRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    config: JSON.parse(row.config) as unknown,
    eventTypes: JSON.parse(row.eventTypes) as string[],
    enabled: row.enabled,
    hasSecret: row.secret !== null,
    previousSecretValidUntil:
      row.previousSecret === null || row.previousSecretUntilMs === null
        ? null
        : String(row.previousSecretUntilMs),
    createdAt: String(row.createdAtMs),
    updatedAt: String(row.updatedAtMs),
  };
}
