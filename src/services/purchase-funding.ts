/**
 * Whether a purchasing wallet can fund a lock: what it can spend (the chain's outputs, less what
 * the node's pending transactions spend, plus their change, without its collateral) less what
 * its queued locks will take, against the lock output's value plus a fee reserve. The answer
 * names the wallet's shortfall per unit, so a buyer sees what it has and what it needs.
 */
import { and, eq, inArray } from "drizzle-orm";
import { ESCROW_LOCK_KIND } from "../chain/builders/escrow-lock.ts";
import { selectableUtxos } from "../chain/escrow/coins.ts";
import {
  type EscrowLockPayload,
  lockOutput,
  lockPayloadSchema,
} from "../chain/escrow/lock-terms.ts";
import type { Db } from "../db/client.ts";
import { intents } from "../db/schema.ts";
import { memoised } from "../domain/memo.ts";
import { spendableUtxos } from "../workers/spendable.ts";
import { type PurchaseContext, PurchaseError } from "./purchases.ts";
import type { WalletInfo } from "./wallets.ts";

/** Lovelace a wallet keeps for the lock transaction's fee, beyond what the lock output holds. */
export const FEE_RESERVE_LOVELACE = 2_000_000n;
/** The most queued locks the funding check reads; more is reported, never truncated silently. */
export const QUEUED_LOCKS_MAX = 1000;

const invalid = (field: string, message: string) => new PurchaseError("invalid", field, message);

/** Per-unit totals, lovelace as `lovelace`. */
type Totals = Map<string, bigint>;

const add = (t: Totals, unit: string, q: bigint) => t.set(unit, (t.get(unit) ?? 0n) + q);

function totalsOf(assets: readonly { unit: string; quantity: string }[]): Totals {
  const t: Totals = new Map();
  for (const a of assets) add(t, a.unit === "" ? "lovelace" : a.unit, BigInt(a.quantity));
  return t;
}

export interface Funding {
  wallet: WalletInfo;
  payload: EscrowLockPayload;
  /** The lock output's value plus the fee reserve. */
  need: Totals;
}

export interface Shortfall {
  unit: string;
  has: bigint;
  need: bigint;
}

/** Units where `has` (spendable less reserved) is below `need`. */
export function shortfalls(
  need: Totals,
  spendable: Totals,
  reserved: Totals | undefined,
): Shortfall[] {
  const out: Shortfall[] = [];
  for (const [unit, q] of need) {
    const has = (spendable.get(unit) ?? 0n) - (reserved?.get(unit) ?? 0n);
    if (has < q) out.push({ unit, has: has < 0n ? 0n : has, need: q });
  }
  return out;
}

/**
 * The purchasing wallets that may fund the lock, in the order to try them, each with the lock's
 * payload and what it needs. Nothing here reads the chain: whether a wallet has the funds is
 * decided under its lock (`shortfallUnderLock`).
 */
export function fundingCandidates(
  wallets: readonly WalletInfo[],
  ctx: Pick<PurchaseContext, "network" | "escrowAddress">,
  coins: number,
  buyerAddress: string | undefined,
  payloadFor: (wallet: WalletInfo) => EscrowLockPayload,
): Funding[] {
  const named =
    buyerAddress === undefined ? wallets : wallets.filter((w) => w.address === buyerAddress);
  if (named.length === 0) {
    throw buyerAddress === undefined
      ? invalid("Amounts", `this node has no purchasing wallet on ${ctx.network} to pay with`)
      : invalid("buyerReturnAddress", "is not the address of a purchasing wallet of this node");
  }
  return named.map((wallet) => {
    const payload = payloadFor(wallet);
    const out = lockOutput(payload, wallet.address, ctx.escrowAddress, coins);
    if (typeof out === "string") throw invalid("blockchainIdentifier", `cannot be locked: ${out}`);
    const need = totalsOf(out.amount);
    add(need, "lovelace", FEE_RESERVE_LOVELACE);
    return { wallet, payload, need };
  });
}

/**
 * What the wallet lacks for this lock, read in the db transaction that holds the wallet's
 * purchase lock: first its queued locks, then what it can spend. In that order a transaction
 * the submitter commits in between (queued locks leave the queue as their inputs leave the
 * spendable set) can only make the wallet look poorer, never richer: funds are never promised
 * twice, by this process or another.
 */
export async function shortfallUnderLock(
  tx: Db,
  ctx: PurchaseContext,
  funding: Funding,
  coins: number,
): Promise<Shortfall[]> {
  const reserved = await queuedLocks(tx, [funding.wallet], ctx.escrowAddress, coins);
  const utxos = await spendableUtxos(tx, ctx.chain, funding.wallet, ctx.nowMs);
  const spendable = totalsOf(selectableUtxos(utxos).flatMap((u) => u.output.amount));
  return shortfalls(funding.need, spendable, reserved.get(funding.wallet.id));
}

export function insufficient(wallet: WalletInfo, short: Shortfall[]): string {
  const parts = short.map(
    (s) =>
      `has ${s.has} of ${s.unit} and needs ${s.need}` +
      (s.unit === "lovelace" ? ` (with ${FEE_RESERVE_LOVELACE} kept for fees)` : ""),
  );
  return `not enough funds: the purchasing wallet ${wallet.address} ${parts.join("; ")}`;
}

/**
 * What each wallet's queued locks will take: their lock outputs' values. A payload the lock
 * builder would refuse locks nothing and is skipped.
 */
export async function queuedLocks(
  db: Db,
  wallets: readonly WalletInfo[],
  escrowAddress: string,
  coins: number,
): Promise<Map<string, Totals>> {
  const rows = await db
    .select({ walletId: intents.walletId, payload: intents.payload })
    .from(intents)
    .where(
      and(
        eq(intents.kind, ESCROW_LOCK_KIND),
        eq(intents.status, "queued"),
        inArray(
          intents.walletId,
          wallets.map((w) => w.id),
        ),
      ),
    )
    .limit(QUEUED_LOCKS_MAX + 1);
  if (rows.length > QUEUED_LOCKS_MAX) {
    throw new PurchaseError(
      "conflict",
      "Amounts",
      `more than ${QUEUED_LOCKS_MAX} locks are queued; try again once they are submitted`,
    );
  }
  const address = new Map(wallets.map((w) => [w.id, w.address]));
  const out = new Map<string, Totals>();
  for (const row of rows) {
    const key = JSON.stringify([row.payload, address.get(row.walletId)!, escrowAddress, coins]);
    const lockTotals = queuedLockTotals(key);
    if (lockTotals === null) continue;
    const totals = out.get(row.walletId) ?? new Map<string, bigint>();
    for (const [unit, q] of lockTotals) add(totals, unit, q);
    out.set(row.walletId, totals);
  }
  return out;
}

/**
 * What one queued lock will take from its wallet, or null for a payload that makes no lock.
 * Every purchase reads the wallet's whole queue under the wallet's lock, so each lock's sizing
 * is remembered rather than done again by every later purchase (it was most of a purchase's
 * time under load). The key holds everything the sizing depends on.
 */
const queuedLockTotals = memoised((key: string): Totals | null => {
  const [payload, walletAddress, escrowAddress, coins] = JSON.parse(key) as [
    string,
    string,
    string,
    number,
  ];
  const parsed = lockPayloadSchema.safeParse(JSON.parse(payload));
  if (!parsed.success) return null;
  const lock = lockOutput(parsed.data, walletAddress, escrowAddress, coins);
  return typeof lock === "string" ? null : totalsOf(lock.amount);
}, 4096);
