/**
 * Reading a node's usage events in tests (issue 12): each event's body as stored, checked for
 * the shape every target receives, and the types written for one payment or purchase.
 */
import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { usageEvents } from "../../src/db/schema.ts";
import { isUsageEventType, type UsageEventBody } from "../../src/domain/usage-event.ts";

const HEX56 = /^[0-9a-f]{56}$/;
const INTEGER = /^\d+$/;

/** Checks one event's body against its row and the rules every body keeps. */
export function expectEventShape(row: typeof usageEvents.$inferSelect, body: UsageEventBody): void {
  const where = `${body.type} of ${body.blockchainIdentifier}`;
  expect(body.usageId, where).toBe(row.id);
  expect(body.usageId, where).toMatch(/^ue_[0-9a-f]{48}$/);
  expect(isUsageEventType(body.type), where).toBe(true);
  expect(body.role, where).toBe(
    body.type.startsWith("purchase.")
      ? "buyer"
      : body.type.startsWith("payment.")
        ? "seller"
        : body.role,
  );
  expect(body.sellerVkey, where).toMatch(HEX56);
  for (const list of [body.amounts, body.paidToSeller, body.paidToBuyer, body.claim ?? []])
    for (const a of list) expect(a.amount, where).toMatch(INTEGER);
  expect(Number.isSafeInteger(body.nodeTimeMs), where).toBe(true);
  if (body.txHash !== null) {
    expect(body.txHash, where).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isSafeInteger(body.chainTimeMs), where).toBe(true);
    // A change on chain always names the buyer (its lock's datum does).
    expect(body.buyerVkey, where).toMatch(HEX56);
  }
}

/** The events written for one blockchainIdentifier, oldest first, each shape checked. */
export async function eventsFor(db: Db, blockchainIdentifier: string): Promise<UsageEventBody[]> {
  const rows = await db
    .select()
    .from(usageEvents)
    .where(eq(usageEvents.blockchainIdentifier, blockchainIdentifier))
    .orderBy(asc(usageEvents.createdAtMs), asc(usageEvents.id));
  return rows.map((row) => {
    const body = JSON.parse(row.body) as UsageEventBody;
    expectEventShape(row, body);
    return body;
  });
}

/** The event types of one payment and purchase on a node, sorted. */
export async function eventTypesFor(db: Db, blockchainIdentifier: string): Promise<string[]> {
  return (await eventsFor(db, blockchainIdentifier)).map((e) => e.type).sort();
}

/** `payment.<name>` and `purchase.<name>` for each name: a change both sides see. */
export const bothSides = (...names: string[]): string[] =>
  names.flatMap((n) => [`payment.${n}`, `purchase.${n}`]).sort();
