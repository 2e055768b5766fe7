/**
 * API keys: who may call the node, with which permissions, on which networks, and (when usage
 * limited) how much they may still spend. Tokens are random, shown once, stored as SHA-256.
 * Only an admin creates or changes keys, and a key can never grant more than an admin gave it.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { apiKeyCredits, apiKeys } from "../db/schema.ts";
import type { Network } from "../chain/network.ts";
import { CREDIT_AMOUNT_MAX } from "./credits.ts";

export interface Permissions {
  canRead: boolean;
  canPay: boolean;
  canAdmin: boolean;
}

/** The caller of a request, as the auth middleware found it. */
export interface Principal extends Permissions {
  /** `admin` is the configured ADMIN_KEY, which has no row. */
  apiKeyId: string | "admin";
  networks: Network[];
  usageLimited: boolean;
}

export interface Credit {
  unit: string;
  amount: bigint;
}

export interface ApiKeyInfo extends Principal {
  id: string;
  tokenPrefix: string;
  status: "Active" | "Revoked";
  credits: Credit[];
  createdAtMs: number;
}

/** Raised when an update names a key that does not exist. */
export class ApiKeyNotFoundError extends Error {
  constructor(readonly apiKeyId: string) {
    super(`no API key ${apiKeyId}`);
  }
}

/** Raised when removing credits would take a key's balance of a unit below zero. */
export class CreditsBelowZeroError extends Error {
  constructor(
    readonly unit: string,
    readonly haveAmount: bigint,
  ) {
    super(`credits of ${unit} would go below zero (the key has ${haveAmount})`);
  }
}

/** Raised when credits of a unit would pass 2^63-1, the most the database's bigint holds. */
export class CreditsOverflowError extends Error {
  constructor(
    readonly unit: string,
    readonly haveAmount: bigint,
  ) {
    super(
      `credits of ${unit} would pass ${CREDIT_AMOUNT_MAX} (2^63-1, the most a key can hold; it has ${haveAmount})`,
    );
  }
}

const TOKEN_PREFIX = "escrowd_";

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Permissions only widen downwards: admin implies pay, pay implies read. */
export function normalisePermissions(p: Permissions): Permissions {
  const canAdmin = p.canAdmin;
  const canPay = p.canPay || canAdmin;
  return { canAdmin, canPay, canRead: p.canRead || canPay };
}

/** Whether `token` is the configured admin key (compared in constant time). */
export function isAdminToken(token: string, adminKey: string): boolean {
  return timingSafeEqual(
    createHash("sha256").update(token).digest(),
    createHash("sha256").update(adminKey).digest(),
  );
}

/** The principal of the configured admin key. */
export function adminPrincipal(networks: Network[]): Principal {
  return {
    apiKeyId: "admin",
    canRead: true,
    canPay: true,
    canAdmin: true,
    networks,
    usageLimited: false,
  };
}

/** Finds the active key behind `token`, or undefined. */
export async function principalForToken(db: Db, token: string): Promise<Principal | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hashToken(token)), eq(apiKeys.status, "Active")))
    .limit(1);
  if (!row) return undefined;
  return {
    apiKeyId: row.id,
    canRead: row.canRead,
    canPay: row.canPay,
    canAdmin: row.canAdmin,
    networks: row.networks as Network[],
    usageLimited: row.usageLimited,
  };
}

/** Creates a key; the returned token is the only time it is ever shown. */
export async function createApiKey(
  db: Db,
  opts: Permissions & {
    networks: Network[];
    usageLimited: boolean;
    credits: Credit[];
    nowMs: number;
  },
): Promise<{ info: ApiKeyInfo; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const id = randomUUID();
  const perms = normalisePermissions(opts);
  const credits = mergeCredits(opts.credits);
  const over = credits.find((c) => c.amount > CREDIT_AMOUNT_MAX);
  if (over) throw new CreditsOverflowError(over.unit, 0n);
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({
      id,
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 4),
      ...perms,
      networks: [...new Set(opts.networks)],
      usageLimited: opts.usageLimited,
      status: "Active",
      createdAtMs: opts.nowMs,
      updatedAtMs: opts.nowMs,
    });
    if (credits.length > 0)
      await tx.insert(apiKeyCredits).values(credits.map((c) => ({ apiKeyId: id, ...c })));
  });
  return { info: (await getApiKey(db, id))!, token };
}

function mergeCredits(credits: Credit[]): Credit[] {
  const byUnit = new Map<string, bigint>();
  for (const c of credits) byUnit.set(c.unit, (byUnit.get(c.unit) ?? 0n) + c.amount);
  return [...byUnit].map(([unit, amount]) => ({ unit, amount }));
}

/** One key with its credits, or undefined. */
export async function getApiKey(db: Db, id: string): Promise<ApiKeyInfo | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  if (!row) return undefined;
  const credits = await db
    .select({ unit: apiKeyCredits.unit, amount: apiKeyCredits.amount })
    .from(apiKeyCredits)
    .where(eq(apiKeyCredits.apiKeyId, id))
    .orderBy(asc(apiKeyCredits.unit));
  return {
    id: row.id,
    apiKeyId: row.id,
    tokenPrefix: row.tokenPrefix,
    canRead: row.canRead,
    canPay: row.canPay,
    canAdmin: row.canAdmin,
    networks: row.networks as Network[],
    usageLimited: row.usageLimited,
    status: row.status,
    credits,
    createdAtMs: row.createdAtMs,
  };
}

/** A page of keys in id order, after `cursorId` when given. */
export async function listApiKeys(
  db: Db,
  opts: { take: number; cursorId?: string },
): Promise<ApiKeyInfo[]> {
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(opts.cursorId ? gt(apiKeys.id, opts.cursorId) : undefined)
    .orderBy(asc(apiKeys.id))
    .limit(opts.take);
  const infos: ApiKeyInfo[] = [];
  for (const r of rows) infos.push((await getApiKey(db, r.id))!);
  return infos;
}

/** Changes a key's status, limits or credits, all in one transaction. */
export async function updateApiKey(
  db: Db,
  opts: {
    id: string;
    status?: "Active" | "Revoked";
    usageLimited?: boolean;
    networks?: Network[];
    creditChanges?: Credit[];
    nowMs: number;
  },
): Promise<ApiKeyInfo> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, opts.id)).for("update");
    if (!row) throw new ApiKeyNotFoundError(opts.id);
    await tx
      .update(apiKeys)
      .set({
        status: opts.status ?? row.status,
        usageLimited: opts.usageLimited ?? row.usageLimited,
        networks: opts.networks ? [...new Set(opts.networks)] : row.networks,
        updatedAtMs: opts.nowMs,
      })
      .where(eq(apiKeys.id, opts.id));
    for (const change of mergeCredits(opts.creditChanges ?? [])) {
      await applyCreditChange(tx as unknown as Db, opts.id, change);
    }
  });
  return (await getApiKey(db, opts.id))!;
}

async function applyCreditChange(db: Db, apiKeyId: string, change: Credit): Promise<void> {
  const [have] = await db
    .select({ amount: apiKeyCredits.amount })
    .from(apiKeyCredits)
    .where(and(eq(apiKeyCredits.apiKeyId, apiKeyId), eq(apiKeyCredits.unit, change.unit)))
    // Locked, so a purchase spending from the row at the same time is not overwritten.
    .for("update");
  const next = (have?.amount ?? 0n) + change.amount;
  if (next < 0n) throw new CreditsBelowZeroError(change.unit, have?.amount ?? 0n);
  // Checked here, before the write, rather than left to the database's range error.
  if (next > CREDIT_AMOUNT_MAX) throw new CreditsOverflowError(change.unit, have?.amount ?? 0n);
  await db
    .insert(apiKeyCredits)
    .values({ apiKeyId, unit: change.unit, amount: next })
    .onConflictDoUpdate({
      target: [apiKeyCredits.apiKeyId, apiKeyCredits.unit],
      set: { amount: sql`excluded.amount` },
    });
}
