/**
 * Whether a purchasing wallet can fund a lock: what it can spend (the chain's outputs, less what
 * the node's pending transactions spend, plus their change, without its collateral) less what
 * its queued locks will take, against the lock output's value plus a fee reserve. The answer
 * names the wallet's shortfall per unit, so a buyer sees what it has and what it needs.
 */
import { and, eq, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { ESCROW_LOCK_KIND } from "../chain/builders/escrow-lock.ts";
import { selectableUtxos } from "../chain/escrow/coins.ts";
import {
  type EscrowLockPayload,
  lockOutput,
  lockPayloadSchema,
} from "../chain/escrow/lock-terms.ts";
import type { Db } from "../db/client.ts";
import { chainTxs, intents } from "../db/schema.ts";
import type { UtxoReader } from "../chain/port.ts";
import { memoised } from "../domain/memo.ts";
import { OWN_TXS_MAX, ownTxsWhere, spendableFrom } from "../workers/spendable.ts";
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
 * What the wallet lacks for this lock, decided in the db transaction that holds the wallet's
 * purchase lock. `onChain` is the wallet's outputs as the chain reported them, read before. Its
 * queued locks and the node's own transactions are read in one statement, so in one snapshot:
 * a batch the submitter commits meanwhile (queued locks leave the queue as their transaction
 * spends the wallet's outputs) is either wholly seen or not at all, and funds are never counted
 * twice or promised twice, by this process or another. The chain's answer may predate the
 * snapshot (a block landed while this waited for the lock): the transactions the snapshot holds
 * as just confirmed stand in for it (see spendableFrom).
 */
export async function shortfallUnderLock(
  tx: Db,
  ctx: PurchaseContext,
  funding: Funding,
  coins: number,
  onChain: Awaited<ReturnType<UtxoReader["utxos"]>>,
): Promise<Shortfall[]> {
  const wallet = funding.wallet;
  const rows = await unionAll(
    tx
      .select({
        cbor: chainTxs.cbor,
        spent: chainTxs.spentInputs,
        status: sql<string>`${chainTxs.status}`.as("status"),
        payload: sql<string | null>`null`.as("payload"),
      })
      .from(chainTxs)
      .where(ownTxsWhere(wallet.id, ctx.nowMs))
      .limit(OWN_TXS_MAX),
    tx
      .select({
        cbor: sql<string>`null`.as("cbor"),
        spent: sql<string[]>`null`.as("spent_inputs"),
        status: sql<string>`${intents.status}`.as("status"),
        payload: sql<string | null>`${intents.payload}`.as("payload"),
      })
      .from(intents)
      .where(
        and(
          eq(intents.walletId, wallet.id),
          eq(intents.kind, ESCROW_LOCK_KIND),
          eq(intents.status, "queued"),
        ),
      )
      .limit(QUEUED_LOCKS_MAX + 1),
  );
  const queued = rows.filter((r) => r.payload !== null).map((r) => r.payload!);
  if (queued.length > QUEUED_LOCKS_MAX) {
    throw new PurchaseError(
      "conflict",
      "Amounts",
      `more than ${QUEUED_LOCKS_MAX} locks are queued; try again once they are submitted`,
    );
  }
  const own = rows.filter((r) => r.payload === null);
  const utxos = spendableFrom(onChain, own, wallet.address);
  const spendable = totalsOf(selectableUtxos(utxos).flatMap((u) => u.output.amount));
  return shortfalls(funding.need, spendable, reservedBy(queued, wallet, ctx.escrowAddress, coins));
}

/**
 * What a wallet's queued locks will take: their lock outputs' values. A payload the lock
 * builder would refuse locks nothing and is skipped.
 */
function reservedBy(
  payloads: readonly string[],
  wallet: WalletInfo,
  escrowAddress: string,
  coins: number,
): Totals {
  const totals: Totals = new Map();
  for (const payload of payloads) {
    // A payload is JSON, which holds no raw line break: the lines cannot run into one another.
    const lockTotals = queuedLockTotals(
      `${payload}\n${wallet.address}\n${escrowAddress}\n${coins}`,
    );
    if (lockTotals === null) continue;
    for (const [unit, q] of lockTotals) add(totals, unit, q);
  }
  return totals;
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
 * What one queued lock will take from its wallet, or null for a payload that makes no lock.
 * Every purchase reads the wallet's whole queue under the wallet's lock, so each lock's sizing
 * is remembered rather than done again by every later purchase (it was most of a purchase's
 * time under load). The key holds everything the sizing depends on.
 */
const queuedLockTotals = memoised(
  (key: string): Totals | null => {
    const [payload, walletAddress, escrowAddress, coins] = key.split("\n") as [
      string,
      string,
      string,
      string,
    ];
    const parsed = lockPayloadSchema.safeParse(JSON.parse(payload));
    if (!parsed.success) return null;
    const lock = lockOutput(parsed.data, walletAddress, escrowAddress, Number(coins));
    return typeof lock === "string" ? null : totalsOf(lock.amount);
    // Shared: reservedBy only adds the totals up.
  },
  4096,
  { share: true },
);
