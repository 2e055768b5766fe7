/**
 * Low-balance rules on the node's wallets: "this wallet is Low when it holds less than N of this
 * unit". A rule is configuration; its status is what the last check against the chain's
 * balance of the wallet found. The first check that finds a rule Low records the alert
 * (`lastAlertedAtMs`); a later Healthy check re-arms it. Automatic top-ups are not offered:
 * money moves only by a transfer the operator asks for.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { UtxoReader } from "../chain/port.ts";
import type { Db } from "../db/client.ts";
import { lowBalanceRules, wallets } from "../db/schema.ts";
import type { WalletInfo } from "./wallets.ts";

export type RuleRow = typeof lowBalanceRules.$inferSelect;
export type RuleStatus = RuleRow["status"];

/** A rule with the wallet it watches. */
export interface RuleWithWallet {
  rule: RuleRow;
  wallet: WalletInfo;
}

export class LowBalanceError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound" | "conflict",
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** How many rules one list or check reads (and so how many wallets' balances, at most). */
export const RULES_MAX = 200;

/** The wallet's amount of `unit` ("lovelace" or policy id + asset name). */
export function amountOf(
  utxos: readonly { value: { lovelace: bigint; assets: Readonly<Record<string, bigint>> } }[],
  unit: string,
): bigint {
  let sum = 0n;
  for (const u of utxos)
    sum += unit === "lovelace" ? u.value.lovelace : (u.value.assets[unit] ?? 0n);
  return sum;
}

async function walletOf(db: Db, network: Network, walletId: string): Promise<WalletInfo> {
  const [w] = await db
    .select()
    .from(wallets)
    .where(and(eq(wallets.id, walletId), eq(wallets.network, network)))
    .limit(1);
  if (!w)
    throw new LowBalanceError(
      "notFound",
      `walletId: no wallet ${walletId} on this node`,
      "walletId",
    );
  const { encryptedMnemonic: _sealed, ...info } = w;
  return info;
}

/** Adds a rule; one per wallet and unit. */
export async function createRule(
  db: Db,
  opts: {
    network: Network;
    walletId: string;
    assetUnit: string;
    thresholdAmount: bigint;
    enabled: boolean;
    nowMs: number;
  },
): Promise<RuleWithWallet> {
  const wallet = await walletOf(db, opts.network, opts.walletId);
  const [existing] = await db
    .select({ id: lowBalanceRules.id })
    .from(lowBalanceRules)
    .where(
      and(eq(lowBalanceRules.walletId, wallet.id), eq(lowBalanceRules.assetUnit, opts.assetUnit)),
    )
    .limit(1);
  if (existing)
    throw new LowBalanceError(
      "conflict",
      `assetUnit: wallet ${wallet.id} already has rule ${existing.id} for ${opts.assetUnit}`,
      "assetUnit",
    );
  const rule: RuleRow = {
    id: randomUUID(),
    walletId: wallet.id,
    assetUnit: opts.assetUnit,
    thresholdAmount: opts.thresholdAmount,
    enabled: opts.enabled,
    status: "Unknown",
    lastKnownAmount: null,
    lastCheckedAtMs: null,
    lastAlertedAtMs: null,
    createdAtMs: opts.nowMs,
    updatedAtMs: opts.nowMs,
  };
  await db.insert(lowBalanceRules).values(rule);
  return { rule, wallet };
}

/** Changes a rule's threshold or whether it is enabled; a new threshold needs a new check. */
export async function updateRule(
  db: Db,
  opts: {
    network: Network;
    ruleId: string;
    thresholdAmount?: bigint;
    enabled?: boolean;
    nowMs: number;
  },
): Promise<RuleWithWallet> {
  const found = await ruleById(db, opts.network, opts.ruleId);
  const thresholdChanged =
    opts.thresholdAmount !== undefined && opts.thresholdAmount !== found.rule.thresholdAmount;
  const set = {
    thresholdAmount: opts.thresholdAmount ?? found.rule.thresholdAmount,
    enabled: opts.enabled ?? found.rule.enabled,
    ...(thresholdChanged ? { status: "Unknown" as const } : {}),
    updatedAtMs: opts.nowMs,
  };
  await db.update(lowBalanceRules).set(set).where(eq(lowBalanceRules.id, found.rule.id));
  return { rule: { ...found.rule, ...set }, wallet: found.wallet };
}

/** Removes a rule. */
export async function deleteRule(db: Db, network: Network, ruleId: string): Promise<void> {
  const found = await ruleById(db, network, ruleId);
  await db.delete(lowBalanceRules).where(eq(lowBalanceRules.id, found.rule.id));
}

async function ruleById(db: Db, network: Network, ruleId: string): Promise<RuleWithWallet> {
  const [row] = await db
    .select()
    .from(lowBalanceRules)
    .where(eq(lowBalanceRules.id, ruleId))
    .limit(1);
  if (!row) throw new LowBalanceError("notFound", `ruleId: no rule ${ruleId}`, "ruleId");
  return { rule: row, wallet: await walletOf(db, network, row.walletId) };
}

/** The rules of this network's wallets (of one wallet, or enabled only), oldest first. */
export async function listRules(
  db: Db,
  opts: { network: Network; walletId?: string; includeDisabled: boolean },
): Promise<RuleWithWallet[]> {
  const conditions = [eq(wallets.network, opts.network)];
  if (opts.walletId !== undefined) conditions.push(eq(lowBalanceRules.walletId, opts.walletId));
  if (!opts.includeDisabled) conditions.push(eq(lowBalanceRules.enabled, true));
  const rows = await db
    .select({ rule: lowBalanceRules, wallet: wallets })
    .from(lowBalanceRules)
    .innerJoin(wallets, eq(wallets.id, lowBalanceRules.walletId))
    .where(and(...conditions))
    .orderBy(asc(lowBalanceRules.createdAtMs), asc(lowBalanceRules.id))
    .limit(RULES_MAX);
  return rows.map(({ rule, wallet }) => {
    const { encryptedMnemonic: _sealed, ...info } = wallet;
    return { rule, wallet: info };
  });
}

/** The stored rules of some wallets, for their summaries (no chain reads). */
export async function rulesOfWallets(db: Db, walletIds: string[]): Promise<RuleRow[]> {
  if (walletIds.length === 0) return [];
  return db
    .select()
    .from(lowBalanceRules)
    .where(inArray(lowBalanceRules.walletId, walletIds))
    .orderBy(asc(lowBalanceRules.createdAtMs))
    .limit(RULES_MAX);
}

/**
 * Checks enabled rules against the chain: one read of each wallet's outputs, then each rule's
 * status, amount and, when it turns Low, its alert time are stored. Disabled rules are left.
 */
export async function checkRules(
  db: Db,
  chain: UtxoReader,
  found: RuleWithWallet[],
  nowMs: number,
): Promise<RuleWithWallet[]> {
  const utxosByWallet = new Map<string, Awaited<ReturnType<UtxoReader["utxos"]>>>();
  const out: RuleWithWallet[] = [];
  for (const { rule, wallet } of found.slice(0, RULES_MAX)) {
    if (!rule.enabled) {
      out.push({ rule, wallet });
      continue;
    }
    let utxos = utxosByWallet.get(wallet.id);
    if (!utxos) {
      utxos = await chain.utxos(wallet.address);
      utxosByWallet.set(wallet.id, utxos);
    }
    const amount = amountOf(utxos, rule.assetUnit);
    const status: RuleStatus = amount < rule.thresholdAmount ? "Low" : "Healthy";
    const set = {
      status,
      lastKnownAmount: amount,
      lastCheckedAtMs: nowMs,
      lastAlertedAtMs: status === "Low" && rule.status !== "Low" ? nowMs : rule.lastAlertedAtMs,
    };
    await db.update(lowBalanceRules).set(set).where(eq(lowBalanceRules.id, rule.id));
    out.push({ rule: { ...rule, ...set }, wallet });
  }
  return out;
}
