/**
 * The books between this node and one peer agent (issue 11): which of this node's payments and
 * purchases are trades with that agent, their meters paged most recent first, and the balance
 * summed from them. A trade with agent X is, on this node:
 * - as buyer: a purchase of X (purchases.agent_identifier = X);
 * - as seller: a payment for X, which is then this node's own agent (payments.agent_identifier
 *   = X), or a payment whose escrow's buyer key is the key that holds X's NFT (the peer agent
 *   buying from us with the wallet that holds its registration), as this node's index reads it.
 * Both nodes of a trade therefore list it under the seller's agent: the buyer's node as buyer,
 * the seller's node as seller, with the same blockchainIdentifier and the same meter.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { escrowEvents, payments, purchases, registryIndex } from "../db/schema.ts";
import { metersOf, type Meter } from "./escrow-meter.ts";

export type PeerRole = "buyer" | "seller";

/** One trade with the peer, as the books read it. */
export interface PeerTrade {
  role: PeerRole;
  id: string;
  blockchainIdentifier: string;
  state: string;
  createdAtMs: number;
  escrowId: string | null;
  autoRelease: boolean;
  priceSheetHash: string | null;
  /** The usage the buyer reported (purchases.reported_usage), null on the seller's side. */
  reportedUsage: string | null;
}

/** Where a page of trades starts: after the trade at (createdAtMs, `role:id`). */
export interface PeerCursor {
  createdAtMs: number;
  key: string;
}

const keyOf = (t: Pick<PeerTrade, "role" | "id">) => `${t.role}:${t.id}`;

/** Newest first: by createdAtMs, then by `role:id` in code-unit order (SQL uses collate "C"). */
export function newerFirst(a: PeerTrade, b: PeerTrade): number {
  if (a.createdAtMs !== b.createdAtMs) return b.createdAtMs - a.createdAtMs;
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka === kb ? 0 : ka < kb ? 1 : -1;
}

/** The cursor of the page that follows `t`. */
export function cursorAfter(t: PeerTrade): PeerCursor {
  return { createdAtMs: t.createdAtMs, key: keyOf(t) };
}

/** The payment key hash holding the agent's NFT, as this node's registry index read it. */
async function holderKeyHash(
  db: Db,
  network: Network,
  agentIdentifier: string,
): Promise<string | null> {
  const [row] = await db
    .select({ hash: registryIndex.holderPaymentKeyHash })
    .from(registryIndex)
    .where(
      and(eq(registryIndex.network, network), eq(registryIndex.agentIdentifier, agentIdentifier)),
    )
    .limit(1);
  return row?.hash ?? null;
}

/** The row comparison `(created_at_ms, 'role:' || id) < cursor`, in the order newerFirst uses. */
function before(
  t: typeof payments | typeof purchases,
  role: PeerRole,
  cursor: PeerCursor | undefined,
): SQL | undefined {
  if (cursor === undefined) return undefined;
  return sql`(${t.createdAtMs}, (${`${role}:`}::text || ${t.id}) collate "C") < (${cursor.createdAtMs}::bigint, ${cursor.key}::text collate "C")`;
}

/**
 * At most `limit` trades with the agent, newest first, after `cursor`; the last one's cursor
 * starts the next page. Each side is read up to `limit` rows and the two lists merged.
 */
export async function peerTrades(
  db: Db,
  network: Network,
  agentIdentifier: string,
  page: { limit: number; cursor?: PeerCursor },
): Promise<PeerTrade[]> {
  const holder = await holderKeyHash(db, network, agentIdentifier);
  const boughtFromPeer = db
    .select()
    .from(purchases)
    .where(
      and(
        eq(purchases.network, network),
        eq(purchases.agentIdentifier, agentIdentifier),
        before(purchases, "buyer", page.cursor),
      ),
    )
    .orderBy(desc(purchases.createdAtMs), sql`${purchases.id} collate "C" desc`)
    .limit(page.limit);
  const peerEscrows = db
    .select({ escrowId: escrowEvents.escrowId })
    .from(escrowEvents)
    .where(
      and(
        eq(escrowEvents.network, network),
        eq(escrowEvents.kind, "lock"),
        eq(escrowEvents.buyerKeyHash, holder ?? ""),
      ),
    );
  const soldToPeer = db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.network, network),
        holder === null
          ? eq(payments.agentIdentifier, agentIdentifier)
          : or(
              eq(payments.agentIdentifier, agentIdentifier),
              inArray(payments.escrowId, peerEscrows),
            ),
        before(payments, "seller", page.cursor),
      ),
    )
    .orderBy(desc(payments.createdAtMs), sql`${payments.id} collate "C" desc`)
    .limit(page.limit);
  const [bought, sold] = await Promise.all([boughtFromPeer, soldToPeer]);
  const trades: PeerTrade[] = [
    ...bought.map((r) => ({ ...trade(r, "buyer"), reportedUsage: r.reportedUsage })),
    ...sold.map((r) => trade(r, "seller")),
  ];
  return trades.sort(newerFirst).slice(0, page.limit);
}

function trade(r: typeof payments.$inferSelect | typeof purchases.$inferSelect, role: PeerRole) {
  return {
    role,
    id: r.id,
    blockchainIdentifier: r.blockchainIdentifier,
    state: r.state,
    createdAtMs: r.createdAtMs,
    escrowId: r.escrowId,
    autoRelease: r.autoRelease,
    priceSheetHash: r.priceSheetHash,
    reportedUsage: null,
  };
}

/** The meter of each trade, by `role:id`. */
export async function tradeMeters(
  db: Db,
  network: Network,
  trades: readonly PeerTrade[],
): Promise<Map<string, Meter>> {
  const byId = await metersOf(
    db,
    network,
    trades.map((t) => ({ ...t, id: keyOf(t) })),
  );
  return byId;
}

/** One unit's balance on one side; integer strings. locked = released + refunded + pending. */
export interface BalanceAmount {
  unit: string;
  locked: string;
  claimed: string;
  released: string;
  refunded: string;
  pending: string;
}

export interface SideBalance {
  escrows: number;
  amounts: BalanceAmount[];
}

type Sums = {
  locked: bigint;
  claimed: bigint;
  released: bigint;
  refunded: bigint;
  pending: bigint;
};

/**
 * Sums meters into one side's balance: released is all the escrows paid the seller (releases,
 * vouchers, withdrawals, a dispute's seller share), refunded what they paid the buyer back (not
 * the deposit), pending what they still hold, claimed what the datums' claims ask for.
 */
export function sideBalance(meters: readonly Meter[]): SideBalance {
  const sums = new Map<string, Sums>();
  const of = (unit: string): Sums => {
    let s = sums.get(unit);
    if (s === undefined)
      sums.set(unit, (s = { locked: 0n, claimed: 0n, released: 0n, refunded: 0n, pending: 0n }));
    return s;
  };
  let escrows = 0;
  for (const m of meters) {
    if (m.transactions.length > 0) escrows++;
    for (const a of m.amounts) {
      const s = of(a.unit);
      s.locked += BigInt(a.locked);
      s.released += BigInt(a.paidToSeller);
      s.refunded += BigInt(a.refunded);
      s.pending += BigInt(a.remaining);
    }
    for (const c of m.claim ?? []) of(c.unit).claimed += BigInt(c.amount);
  }
  const units = [...sums.keys()].sort((a, b) =>
    a === "lovelace" ? -1 : b === "lovelace" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return {
    escrows,
    amounts: units.map((unit) => {
      const s = sums.get(unit)!;
      return {
        unit,
        locked: s.locked.toString(),
        claimed: s.claimed.toString(),
        released: s.released.toString(),
        refunded: s.refunded.toString(),
        pending: s.pending.toString(),
      };
    }),
  };
}

/** Trades a balance reads at most; past it the balance says it is incomplete. */
export const BALANCE_TRADES_MAX = 10_000;
const BALANCE_PAGE = 500;

/** The balance with one peer agent, per side, from every trade (up to BALANCE_TRADES_MAX). */
export async function peerBalance(
  db: Db,
  network: Network,
  agentIdentifier: string,
): Promise<{ asBuyer: SideBalance; asSeller: SideBalance; trades: number; complete: boolean }> {
  const buyer: Meter[] = [];
  const seller: Meter[] = [];
  let cursor: PeerCursor | undefined;
  let count = 0;
  for (let pages = 0; pages < BALANCE_TRADES_MAX / BALANCE_PAGE; pages++) {
    const trades = await peerTrades(db, network, agentIdentifier, {
      limit: BALANCE_PAGE,
      cursor,
    });
    const meters = await tradeMeters(db, network, trades);
    for (const t of trades) (t.role === "buyer" ? buyer : seller).push(meters.get(keyOf(t))!);
    count += trades.length;
    if (trades.length < BALANCE_PAGE)
      return {
        asBuyer: sideBalance(buyer),
        asSeller: sideBalance(seller),
        trades: count,
        complete: true,
      };
    cursor = cursorAfter(trades[trades.length - 1]!);
  }
  return {
    asBuyer: sideBalance(buyer),
    asSeller: sideBalance(seller),
    trades: count,
    complete: false,
  };
}

/** The meter key of a trade (`role:id`), as tradeMeters keys its answer. */
export { keyOf as tradeKey };
