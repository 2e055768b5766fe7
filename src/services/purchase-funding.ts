/**
 * Whether a purchasing wallet can fund a lock: what it can spend (the chain's outputs, less what
 * the node's pending transactions spend, plus their change, without its collateral) less what
 * its queued locks will take, against the lock output's value plus a fee reserve. The answer
 * names the wallet's shortfall per unit, so a buyer sees what it has and what it needs.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
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
import {
  OWN_TXS_MAX,
  type OwnTx,
  ownTxColumns,
  ownTxsWhere,
  spendableFrom,
  withWalletOutputs,
} from "../workers/spendable.ts";
import { type PurchaseContext, PurchaseError } from "./purchases.ts";
import type { WalletInfo } from "./wallets.ts";
import { anyBudgetRow, BUDGET_SET } from "./budget-spend.ts";

/** Lovelace a wallet keeps for the lock transaction's fee, beyond what the lock output holds. */
export const FEE_RESERVE_LOVELACE = 2_000_000n;
/** The most queued locks the funding check reads; more is reported, never truncated silently. */
export const QUEUED_LOCKS_MAX = 1000;

const invalid = (field: string, message: string) => new PurchaseError("invalid", field, message);

/** Per-unit totals, lovelace as `lovelace`. */
export type Totals = Map<string, bigint>;

const add = (t: Totals, unit: string, q: bigint) => t.set(unit, (t.get(unit) ?? 0n) + q);

function totalsOf(assets: readonly { unit: string; quantity: string }[]): Totals {
  const t: Totals = new Map();
  for (const a of assets) add(t, a.unit === "" ? "lovelace" : a.unit, BigInt(a.quantity));
  return t;
}

export interface Funding {
  wallet: WalletInfo;
  payload: EscrowLockPayload;
  /** The lock output's value. */
  lock: Totals;
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
 * The purchasing wallets that may fund the lock, in the order to try them (`spread`), each with the lock's
 * payload and what it needs. Nothing here reads the chain: whether a wallet has the funds is
 * decided under its lock (`walletUnderLock`, src/services/purchase-commit.ts).
 */
export function fundingCandidates(
  wallets: readonly WalletInfo[],
  ctx: Pick<PurchaseContext, "network" | "escrowAddress">,
  coins: number,
  buyerAddress: string | undefined,
  payloadFor: (wallet: WalletInfo) => EscrowLockPayload,
  /** Whether purchases of this process pay from the wallet now (purchase-commit.ts). */
  busy: (walletId: string) => boolean,
): Funding[] {
  const named =
    buyerAddress === undefined ? wallets : wallets.filter((w) => w.address === buyerAddress);
  if (named.length === 0) {
    throw buyerAddress === undefined
      ? invalid("Amounts", `this node has no purchasing wallet on ${ctx.network} to pay with`)
      : invalid("buyerReturnAddress", "is not the address of a purchasing wallet of this node");
  }
  const candidates = named.map((wallet) => {
    const payload = payloadFor(wallet);
    const out = lockOutput(payload, wallet.address, ctx.escrowAddress, coins);
    if (typeof out === "string") throw invalid("blockchainIdentifier", `cannot be locked: ${out}`);
    const lock = totalsOf(out.amount);
    const need = new Map(lock);
    add(need, "lovelace", FEE_RESERVE_LOVELACE);
    return { wallet, payload, lock, need };
  });
  return spread(candidates, busy);
}

let turn = 0;

/**
 * The candidates in the order to try them: a wallet no purchase of this process is using
 * before one that is (purchases paying from one wallet wait for one another), and among
 * those alike, each wallet first in turn, so that purchases spread over the wallets.
 */
function spread(candidates: Funding[], busy: (walletId: string) => boolean): Funding[] {
  const start = turn % Math.max(1, candidates.length);
  turn = (turn + 1) % 1_000_000;
  const turned = [...candidates.slice(start), ...candidates.slice(0, start)];
  const free = turned.filter((c) => !busy(c.wallet.id));
  return [...free, ...turned.filter((c) => busy(c.wallet.id))];
}

/** A purchasing wallet as read under its purchase lock, for the funds checks of a batch. */
export interface WalletUnderLock {
  /** What it can spend, given its outputs as the chain reported them (read before the lock). */
  spendable(onChain: Awaited<ReturnType<UtxoReader["utxos"]>>): Totals;
  /** What its queued locks will take, sized at `coins` per byte for `escrowAddress`. */
  reserved(escrowAddress: string, coins: number): Promise<Totals>;
  /** Whether any budget is set on the wallet's network, as the same snapshot saw it. */
  budgetsSet: boolean;
}

/**
 * The wallet as the db transaction holding its purchase lock sees it. Its queued locks and the
 * node's own transactions are read in one statement, so in one snapshot: a batch the submitter
 * commits meanwhile (queued locks leave the queue as their transaction spends the wallet's
 * outputs) is either wholly seen or not at all, and funds are never counted twice or promised
 * twice, by this process or another. The chain's answer may predate the snapshot (a block
 * landed while this waited for the lock): the transactions the snapshot holds as just confirmed
 * stand in for it (see spendableFrom).
 */
export async function walletUnderLock(
  tx: Db,
  wallet: WalletInfo,
  nowMs: number,
): Promise<WalletUnderLock> {
  const { queued, own, budgetsSet } = await walletRead(tx, wallet, nowMs);
  // The purchases of a batch mostly share one read of the chain (shared-utxo-reads.ts).
  const spendable = new Map<object, Totals>();
  const reserved = new Map<string, Promise<Totals>>();
  return {
    budgetsSet,
    spendable(onChain) {
      let t = spendable.get(onChain);
      if (t === undefined) {
        t = totalsOf(selectableUtxos(spendableFrom(onChain, own)).flatMap((u) => u.output.amount));
        spendable.set(onChain, t);
      }
      return t;
    },
    reserved(escrowAddress, coins) {
      // Summed once per sizing: every purchase of a batch asks, and the queue holds up to
      // QUEUED_LOCKS_MAX locks.
      const key = `${escrowAddress}\n${coins}`;
      let t = reserved.get(key);
      if (t === undefined) {
        t = reservedBy(tx, queued, wallet, escrowAddress, coins);
        reserved.set(key, t);
      }
      return t;
    },
  };
}

/**
 * Readies what `walletUnderLock` will need of the wallet, without its lock, once per wallet and
 * sizing in this process: the bodies of its transactions and the sizing of its queued locks.
 * A process that has just started knows none of them (hundreds of locks, each sized by building
 * its output), and working them out while holding the wallet's lock held up every purchase of
 * the wallet, in every process, for seconds. What is queued after this is a few, sized under
 * the lock as before.
 */
export async function warmWallet(
  db: Db,
  wallet: WalletInfo,
  nowMs: number,
  sizings: readonly { escrowAddress: string; coins: number }[],
): Promise<void> {
  const cold = sizings.filter((s) => !warmed.has(warmKey(wallet, s)));
  if (cold.length === 0) return;
  const { queued } = await walletRead(db, wallet, nowMs);
  for (const s of cold) {
    await reservedBy(db, queued, wallet, s.escrowAddress, s.coins);
    if (warmed.size >= LOCK_CONTEXTS_MAX) warmed.clear();
    warmed.add(warmKey(wallet, s));
  }
}

/** The wallets and sizings readied by `warmWallet` (forgotten with what they readied). */
const warmed = new Set<string>();
const warmKey = (wallet: WalletInfo, s: { escrowAddress: string; coins: number }) =>
  `${wallet.address}\n${s.escrowAddress}\n${s.coins}`;

/**
 * The wallet's queued locks (ids) and own transactions, and whether a budget is set on its
 * network, as one snapshot sees them.
 */
async function walletRead(tx: Db, wallet: WalletInfo, nowMs: number) {
  // Which transactions and queued locks count, in one snapshot; what each of them holds never
  // changes (a transaction's bytes are its hash's, an intent's payload is written once), so it
  // is read only for those this process has not seen yet, instead of every transaction's CBOR
  // and every lock's payload again on every purchase.
  const rows = await unionAll(
    tx
      .select({
        ref: sql<string>`${chainTxs.txHash}`.as("ref"),
        status: sql<string>`${chainTxs.status}`.as("status"),
      })
      .from(chainTxs)
      .where(ownTxsWhere(wallet.id, nowMs))
      .limit(OWN_TXS_MAX),
    tx
      .select({
        ref: sql<string>`${intents.id}`.as("ref"),
        status: sql<string>`'queued_lock'`.as("status"),
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
    anyBudgetRow(tx, wallet.network),
  );
  const queued = rows.filter((r) => r.status === "queued_lock").map((r) => r.ref);
  if (queued.length > QUEUED_LOCKS_MAX) {
    throw new PurchaseError(
      "conflict",
      "Amounts",
      `more than ${QUEUED_LOCKS_MAX} locks are queued; try again once they are submitted`,
    );
  }
  const budgetsSet = rows.some((r) => r.status === BUDGET_SET);
  const ownRows = rows.filter((r) => r.status !== "queued_lock" && r.status !== BUDGET_SET);
  const bodies = await ownTxBodies(
    tx,
    ownRows.map((r) => r.ref),
  );
  const own = await withWalletOutputs(
    ownRows.flatMap((r) => {
      const body = bodies.get(r.ref);
      return body === undefined ? [] : [{ ...body, status: r.status }];
    }),
    wallet.address,
  );
  return { queued, own, budgetsSet };
}

/** `a` plus `b`, per unit, as a new map. */
export function plus(a: Totals, b: Totals): Totals {
  const out = new Map(a);
  for (const [unit, q] of b) add(out, unit, q);
  return out;
}

/**
 * Bounded maps of what never changes, cleared whole when full (a refill costs one query): a
 * wallet's view counts at most OWN_TXS_MAX transactions (tens of kB of CBOR each), and a queue
 * at most QUEUED_LOCKS_MAX locks.
 */
const knownTxBodies = new Map<string, Omit<OwnTx, "status">>();
const TX_BODIES_MAX = OWN_TXS_MAX + 12;
const LOCK_TOTALS_MAX = 4 * QUEUED_LOCKS_MAX;
/**
 * Each queued lock's sizing, by what the sizing depends on besides the lock (the wallet, the
 * escrow, the coins per byte) and then by intent id: a purchase looks up its wallet's whole
 * queue, and building a key of both addresses per lock cost more than the lookups.
 */
const knownLockTotals = new Map<string, Map<string, Totals | null>>();
const LOCK_CONTEXTS_MAX = 16;

function lockTotalsIn(walletAddress: string, escrowAddress: string, coins: number) {
  const context = `${walletAddress}\n${escrowAddress}\n${coins}`;
  let known = knownLockTotals.get(context);
  if (known === undefined) {
    if (knownLockTotals.size >= LOCK_CONTEXTS_MAX) {
      knownLockTotals.clear();
      warmed.clear();
    }
    known = new Map();
    knownLockTotals.set(context, known);
  }
  return known;
}

function remember<V>(known: Map<string, V>, max: number, key: string, value: V): void {
  if (known.size >= max) {
    known.clear();
    // What warmWallet readied may be among what is forgotten.
    warmed.clear();
  }
  known.set(key, value);
}

/**
 * The values of `keys`: those in `known`, and the rest from `read` (one query), remembered. The
 * answer is a map of its own, as `known` may be cleared while this reads.
 */
async function knownOrRead<V>(
  known: Map<string, V>,
  max: number,
  keys: readonly string[],
  read: (missing: string[]) => Promise<[string, V][]>,
): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  const missing: string[] = [];
  for (const k of keys) {
    const v = known.get(k);
    if (v === undefined) missing.push(k);
    else out.set(k, v);
  }
  if (missing.length === 0) return out;
  for (const [k, v] of await read(missing)) {
    out.set(k, v);
    remember(known, max, k, v);
  }
  return out;
}

/** What a wallet's view needs of the node's transactions `hashes` (all but their status). */
function ownTxBodies(tx: Db, hashes: readonly string[]) {
  return knownOrRead(knownTxBodies, TX_BODIES_MAX, hashes, async (missing) => {
    const { status: _status, ...columns } = ownTxColumns;
    const read = await tx
      .select({ txHash: chainTxs.txHash, ...columns })
      .from(chainTxs)
      .where(inArray(chainTxs.txHash, missing));
    return read.map(({ txHash, ...body }) => [txHash, body]);
  });
}

/**
 * What a wallet's queued locks (intent ids) will take: their lock outputs' values. A payload
 * the lock builder would refuse locks nothing and is skipped. Each lock's sizing is remembered
 * (every purchase reads the wallet's whole queue under the wallet's lock, and sizing them all
 * again was most of a purchase's time under load).
 */
async function reservedBy(
  tx: Db,
  lockIds: readonly string[],
  wallet: WalletInfo,
  escrowAddress: string,
  coins: number,
): Promise<Totals> {
  const known = lockTotalsIn(wallet.address, escrowAddress, coins);
  const locks = await knownOrRead(known, LOCK_TOTALS_MAX, lockIds, async (missing) => {
    const read = await tx
      .select({ id: intents.id, payload: intents.payload })
      .from(intents)
      .where(inArray(intents.id, missing));
    return read.map((r) => [r.id, lockTotals(r.payload, wallet.address, escrowAddress, coins)]);
  });
  const totals: Totals = new Map();
  for (const lock of locks.values())
    if (lock !== null) for (const [unit, q] of lock) add(totals, unit, q);
  return totals;
}

/**
 * Remembers what the lock a purchase just queued (intent `intentId`) will take, as sized for its
 * funds check, so that the purchases after it do not size it again.
 */
export function rememberQueuedLock(
  intentId: string,
  funding: Funding,
  escrowAddress: string,
  coins: number,
): void {
  const known = lockTotalsIn(funding.wallet.address, escrowAddress, coins);
  remember(known, LOCK_TOTALS_MAX, intentId, funding.lock);
}

/** What one queued lock will take from its wallet, or null for a payload that makes no lock. */
function lockTotals(
  payload: string,
  walletAddress: string,
  escrowAddress: string,
  coins: number,
): Totals | null {
  const parsed = lockPayloadSchema.safeParse(JSON.parse(payload));
  if (!parsed.success) return null;
  const lock = lockOutput(parsed.data, walletAddress, escrowAddress, coins);
  return typeof lock === "string" ? null : totalsOf(lock.amount);
}

export function insufficient(wallet: WalletInfo, short: Shortfall[]): string {
  const parts = short.map(
    (s) =>
      `has ${s.has} of ${s.unit} and needs ${s.need}` +
      (s.unit === "lovelace" ? ` (with ${FEE_RESERVE_LOVELACE} kept for fees)` : ""),
  );
  return `not enough funds: the purchasing wallet ${wallet.address} ${parts.join("; ")}`;
}
