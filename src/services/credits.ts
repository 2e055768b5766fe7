/**
 * The credits of usage-limited API keys. A purchase spends its amounts, per unit, from the key
 * that asks for it; a payment request is capped by them (it moves no funds of this node, so it
 * spends nothing, but a usage-limited key may only ask for what its credits cover). A purchase
 * spends in the transaction that stores it, so the purchase and the spending commit together;
 * a payment request's cap is a check before its write.
 */
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { apiKeyCredits, apiKeys } from "../db/schema.ts";

/** Credits are stored as PostgreSQL bigint: no balance may pass 2^63-1. */
export const CREDIT_AMOUNT_MAX = 2n ** 63n - 1n;

export interface CreditAmount {
  unit: string;
  amount: bigint;
}

/** Raised when a usage-limited key lacks the credits a request needs. */
export class CreditsShortError extends Error {
  constructor(
    readonly unit: string,
    readonly haveAmount: bigint,
    readonly needAmount: bigint,
  ) {
    super(`not enough credits of ${unit}: the API key has ${haveAmount}, this needs ${needAmount}`);
  }
}

/** Whether `apiKeyId` names a usage-limited key ("admin" and unknown ids are not). */
async function isUsageLimited(db: Db, apiKeyId: string | null | undefined): Promise<boolean> {
  return apiKeyId ? (await usageLimitedKeys(db, [apiKeyId])).has(apiKeyId) : false;
}

/**
 * Which of `apiKeyIds` name usage-limited keys ("admin" and unknown ids do not), in one query,
 * or none when no id could: a batch of purchases spends credits only for these.
 */
export async function usageLimitedKeys(
  db: Db,
  apiKeyIds: readonly (string | null | undefined)[],
): Promise<Set<string>> {
  const ids = [...new Set(apiKeyIds.filter((id): id is string => !!id && id !== "admin"))];
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(inArray(apiKeys.id, ids), eq(apiKeys.usageLimited, true)));
  return new Set(rows.map((r) => r.id));
}

async function balance(db: Db, apiKeyId: string, unit: string): Promise<bigint> {
  const [row] = await db
    .select({ amount: apiKeyCredits.amount })
    .from(apiKeyCredits)
    .where(and(eq(apiKeyCredits.apiKeyId, apiKeyId), eq(apiKeyCredits.unit, unit)));
  return row?.amount ?? 0n;
}

function perUnit(amounts: readonly CreditAmount[]): CreditAmount[] {
  const byUnit = new Map<string, bigint>();
  for (const a of amounts) byUnit.set(a.unit, (byUnit.get(a.unit) ?? 0n) + a.amount);
  // Lovelace first, then asset ids: the first unit short is the same one every time.
  const order = (u: string) => (u === "lovelace" ? "" : u);
  return [...byUnit]
    .map(([unit, amount]) => ({ unit, amount }))
    .sort((a, b) => (order(a.unit) < order(b.unit) ? -1 : 1));
}

/**
 * Spends `amounts` from a usage-limited key, or throws CreditsShortError naming the first unit
 * short. Each unit is one conditional UPDATE (`amount >= spend`): two requests at once cannot
 * both spend the last credit, since the second re-reads the row once the first commits. Call
 * it inside the work's transaction; a throw rolls back what was already spent.
 */
export async function spendCredits(
  db: Db,
  apiKeyId: string | null | undefined,
  amounts: readonly CreditAmount[],
): Promise<void> {
  if (!(await isUsageLimited(db, apiKeyId))) return;
  for (const { unit, amount } of perUnit(amounts)) {
    // A need above the column's range cannot be covered; asking the database would only fail.
    if (amount > CREDIT_AMOUNT_MAX)
      throw new CreditsShortError(unit, await balance(db, apiKeyId!, unit), amount);
    const spent = await db
      .update(apiKeyCredits)
      .set({ amount: sql`${apiKeyCredits.amount} - ${amount}` })
      .where(
        and(
          eq(apiKeyCredits.apiKeyId, apiKeyId!),
          eq(apiKeyCredits.unit, unit),
          gte(apiKeyCredits.amount, amount),
        ),
      )
      .returning({ amount: apiKeyCredits.amount });
    if (spent.length === 0)
      throw new CreditsShortError(unit, await balance(db, apiKeyId!, unit), amount);
  }
}

/** Throws CreditsShortError unless a usage-limited key holds `amounts`; spends nothing. */
export async function requireCredits(
  db: Db,
  apiKeyId: string | null | undefined,
  amounts: readonly CreditAmount[],
): Promise<void> {
  if (!(await isUsageLimited(db, apiKeyId))) return;
  for (const { unit, amount } of perUnit(amounts)) {
    const have = await balance(db, apiKeyId!, unit);
    if (have < amount) throw new CreditsShortError(unit, have, amount);
  }
}
