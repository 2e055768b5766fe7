/**
 * Usage records (issue 11): usage a caller reports against one escrow of this node, under a
 * usage id the client chooses. Idempotent the way TigerBeetle's transfers are: the record is
 * inserted with `on conflict do nothing` on (principal, usageId), then read back and compared,
 * so any number of concurrent retries leave exactly one row and all get the same answer; the
 * same id with another body is a conflict naming the first field that differs.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { payments, purchases, usageRecords } from "../db/schema.ts";
import type { WireAmount } from "../domain/amounts.ts";
import type { Usage } from "../domain/charge.ts";
import { usageJson } from "../domain/usage-wire.ts";
import { usageRecordEvent } from "./usage-events.ts";

export type UsageRecordRow = typeof usageRecords.$inferSelect;

/** An expected refusal: `field` names what the caller should fix. */
export class UsageRecordError extends Error {
  constructor(
    readonly kind: "notFound" | "conflict" | "forbidden",
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a caller records; `amounts` are wire amounts with distinct units, or undefined. */
export interface UsageRecordInput {
  principalId: string;
  /** May this caller record against a row another key created (an admin)? */
  canAdmin: boolean;
  usageId: string;
  network: Network;
  blockchainIdentifier: string;
  usage: Usage;
  amounts: readonly WireAmount[] | undefined;
  nowMs: number;
}

/** A record as the API answers it. */
export interface UsageRecordView {
  usageId: string;
  /** As the API writes networks: `Preprod` or `Mainnet`. */
  network: "Preprod" | "Mainnet";
  blockchainIdentifier: string;
  role: "buyer" | "seller";
  usage: Record<string, unknown>;
  amounts: WireAmount[] | null;
  createdAt: string;
}

const amountsJson = (a: readonly WireAmount[] | undefined): string | null =>
  a === undefined
    ? null
    : JSON.stringify(
        [...a]
          .map((x) => ({ unit: x.unit, amount: x.amount }))
          .sort((x, y) => (x.unit === y.unit ? 0 : x.unit < y.unit ? -1 : 1)),
      );

/** The record's API view. */
export function usageRecordView(r: UsageRecordRow): UsageRecordView {
  return {
    usageId: r.usageId,
    network: r.network === "preprod" ? "Preprod" : "Mainnet",
    blockchainIdentifier: r.blockchainIdentifier,
    role: r.role,
    usage: JSON.parse(r.usage) as Record<string, unknown>,
    amounts: r.amounts === null ? null : (JSON.parse(r.amounts) as WireAmount[]),
    createdAt: String(r.createdAtMs),
  };
}

/**
 * The first field in which a stored record and a new one differ, or undefined when they are
 * the same record. Usage counts are named one by one (`usage.inputTokens`), since the stored
 * form lists every count.
 */
export function firstDifference(
  stored: Pick<UsageRecordRow, "network" | "blockchainIdentifier" | "usage" | "amounts">,
  fresh: Pick<UsageRecordRow, "network" | "blockchainIdentifier" | "usage" | "amounts">,
): string | undefined {
  if (stored.network !== fresh.network) return "network";
  if (stored.blockchainIdentifier !== fresh.blockchainIdentifier) return "blockchainIdentifier";
  if (stored.usage !== fresh.usage) {
    const a = JSON.parse(stored.usage) as Record<string, unknown>;
    const b = JSON.parse(fresh.usage) as Record<string, unknown>;
    for (const k of ["calls", "outcomes", "inputTokens", "outputTokens", "computeMs"])
      if (a[k] !== b[k]) return `usage.${k}`;
    return "usage.custom";
  }
  if (stored.amounts !== fresh.amounts) return "amounts";
  return undefined;
}

/**
 * The payment or purchase this caller may record against: the one the caller's key created
 * (any, for an admin), the payment first when the node holds both sides.
 */
async function subjectOf(
  db: Db,
  input: UsageRecordInput,
): Promise<{ role: "buyer" | "seller"; id: string }> {
  const by = (t: typeof payments | typeof purchases) =>
    db
      .select({ id: t.id, requestedById: t.requestedById })
      .from(t)
      .where(
        and(eq(t.network, input.network), eq(t.blockchainIdentifier, input.blockchainIdentifier)),
      )
      .limit(1);
  const [payment] = await by(payments);
  const [purchase] = await by(purchases);
  if (payment === undefined && purchase === undefined)
    throw new UsageRecordError(
      "notFound",
      "blockchainIdentifier",
      "no payment or purchase with this identifier on this node",
    );
  const mine = (r: { requestedById: string | null } | undefined) =>
    r !== undefined && (input.canAdmin || r.requestedById === input.principalId);
  if (mine(payment)) return { role: "seller", id: payment!.id };
  if (mine(purchase)) return { role: "buyer", id: purchase!.id };
  throw new UsageRecordError(
    "forbidden",
    "token",
    "only the API key that created this payment or purchase, or an admin, may record usage on it",
  );
}

/**
 * Records usage once per (caller, usageId); returns the stored record and whether this call
 * created it. A retry with the same body gets the stored record; another body a conflict.
 */
export async function recordUsage(
  db: Db,
  input: UsageRecordInput,
): Promise<{ row: UsageRecordRow; created: boolean }> {
  const fresh = {
    network: input.network,
    blockchainIdentifier: input.blockchainIdentifier,
    usage: usageJson(input.usage),
    amounts: amountsJson(input.amounts),
  };
  // A retry answers before the subject is looked up again: its answer must not change.
  let stored = await recordById(db, input.principalId, input.usageId);
  if (stored === undefined) {
    const subject = await subjectOf(db, input);
    const id = randomUUID();
    // The record and its usage event commit together (the outbox, issue 12).
    await db.transaction(async (txDb) => {
      const tx = txDb as unknown as Db;
      const [added] = await tx
        .insert(usageRecords)
        .values({
          id,
          principalId: input.principalId,
          usageId: input.usageId,
          role: subject.role,
          subjectId: subject.id,
          createdAtMs: input.nowMs,
          ...fresh,
        })
        .onConflictDoNothing({ target: [usageRecords.principalId, usageRecords.usageId] })
        .returning();
      if (added !== undefined) await usageRecordEvent(tx, added, input.nowMs);
    });
    stored = await recordById(db, input.principalId, input.usageId);
    if (stored === undefined) throw new Error("usage record missing right after its insert");
    if (stored.id === id) return { row: stored, created: true };
  }
  const differs = firstDifference(stored, fresh);
  if (differs !== undefined)
    throw new UsageRecordError(
      "conflict",
      differs,
      `usageId ${input.usageId} was recorded with another ${differs}`,
    );
  return { row: stored, created: false };
}

async function recordById(
  db: Db,
  principalId: string,
  usageId: string,
): Promise<UsageRecordRow | undefined> {
  const [row] = await db
    .select()
    .from(usageRecords)
    .where(and(eq(usageRecords.principalId, principalId), eq(usageRecords.usageId, usageId)))
    .limit(1);
  return row;
}

/** Records of one escrow, oldest first, after the record `after` (a page of at most `limit`). */
export async function usageRecordsOf(
  db: Db,
  network: Network,
  blockchainIdentifier: string,
  page: { limit: number; after?: { createdAtMs: number; id: string } },
): Promise<UsageRecordRow[]> {
  const after = page.after;
  return db
    .select()
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.network, network),
        eq(usageRecords.blockchainIdentifier, blockchainIdentifier),
        after === undefined
          ? undefined
          : or(
              gt(usageRecords.createdAtMs, after.createdAtMs),
              and(eq(usageRecords.createdAtMs, after.createdAtMs), gt(usageRecords.id, after.id)),
            ),
      ),
    )
    .orderBy(asc(usageRecords.createdAtMs), asc(usageRecords.id))
    .limit(page.limit);
}

/** Records of several escrows (a page of the usage history), oldest first, at most `max`. */
export async function usageRecordsFor(
  db: Db,
  network: Network,
  blockchainIdentifiers: readonly string[],
  max: number,
): Promise<UsageRecordRow[]> {
  if (blockchainIdentifiers.length === 0) return [];
  return db
    .select()
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.network, network),
        inArray(usageRecords.blockchainIdentifier, [...blockchainIdentifiers]),
      ),
    )
    .orderBy(asc(usageRecords.createdAtMs), asc(usageRecords.id))
    .limit(max);
}
