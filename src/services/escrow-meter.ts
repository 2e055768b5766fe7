/**
 * The books of one metered escrow, as the payment and purchase views show them (`meter`): per
 * unit, what was locked, released by the buyer, redeemed by vouchers, refunded, paid to each
 * party and what remains, with the transaction of each step. Computed from the watcher's events
 * alone (`escrowMeter` is pure), so a rollback that forgets events corrects the books with them.
 *
 * The buyer's deposit (the datum's buyerLovelace, which pays the escrow output's minimum UTxO)
 * is not part of the price: `locked` and `remaining` leave it out, and its return at the end is
 * counted in `paidToBuyer` but not in `refunded`. So, per unit, whatever the steps:
 * locked = paidToSeller + refunded + remaining (when no builder topped the escrow up).
 */
import { type NetworkId } from "../../contracts/index.ts";
import { escrowDatumOf } from "../chain/datum.ts";
import type { ClaimAmount } from "../../contracts/escrow-data.ts";
import { networkId, type Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import type { WireAmount } from "../domain/amounts.ts";
import { eventsOf, type EscrowEvent } from "./escrow-events.ts";

/** One unit's books; amounts are integer strings. */
export interface MeterAmount {
  unit: string;
  locked: string;
  released: string;
  refunded: string;
  redeemed: string;
  paidToSeller: string;
  paidToBuyer: string;
  remaining: string;
}

/** One transaction of the escrow: its step ("Lock" for the lock) and what it paid each party. */
export interface MeterTransaction {
  action: string | null;
  txHash: string;
  blockTimeMs: number;
  toSeller: WireAmount[];
  toBuyer: WireAmount[];
}

export interface Meter {
  autoRelease: boolean;
  priceSheetHash: string | null;
  claim: WireAmount[] | null;
  voucherTotal: string;
  amounts: MeterAmount[];
  transactions: MeterTransaction[];
}

/** What the meter reads of an escrow event (a row of `escrow_events`). */
export type MeterEvent = Pick<
  EscrowEvent,
  "kind" | "action" | "txHash" | "blockTimeMs" | "value" | "paidToSeller" | "paidToBuyer"
>;

/** The fields of the escrow's latest datum the books show. */
export interface MeterDatum {
  claim: ClaimAmount[] | null;
  voucherTotal: bigint;
  autoRelease: boolean;
  buyerLovelace: bigint;
}

/** What the payment or purchase row says, shown until a lock says otherwise. */
export interface MeterTerms {
  autoRelease: boolean;
  priceSheetHash: string | null;
}

type Books = Record<Exclude<keyof MeterAmount, "unit">, bigint>;

const read = (json: string): WireAmount[] => JSON.parse(json) as WireAmount[];
const LOVELACE = "lovelace";
const zeroBooks = (): Books => ({
  locked: 0n,
  released: 0n,
  refunded: 0n,
  redeemed: 0n,
  paidToSeller: 0n,
  paidToBuyer: 0n,
  remaining: 0n,
});

/**
 * The meter of one escrow from its events (oldest first, as `eventsOf` returns them) and its
 * latest datum (null when the escrow has none or no lock was seen). The datum's claim,
 * voucherTotal and autoRelease are the chain's word; the row's terms fill in before a lock.
 */
export function escrowMeter(
  events: readonly MeterEvent[],
  datum: MeterDatum | null,
  terms: MeterTerms,
): Meter {
  const deposit = datum?.buyerLovelace ?? 0n;
  const books = new Map<string, Books>();
  const of = (unit: string): Books => {
    let b = books.get(unit);
    if (b === undefined) books.set(unit, (b = zeroBooks()));
    return b;
  };
  const transactions: MeterTransaction[] = [];
  for (const e of events) {
    if (e.kind === "lock") {
      for (const a of read(e.value))
        of(a.unit).locked += BigInt(a.amount) - (a.unit === LOVELACE ? deposit : 0n);
      transactions.push(transaction(e, "Lock"));
      continue;
    }
    const toSeller = read(e.paidToSeller);
    const toBuyer = read(e.paidToBuyer);
    for (const a of toSeller) {
      const b = of(a.unit);
      const q = BigInt(a.amount);
      b.paidToSeller += q;
      if (e.action === "Release" || e.action === "Accept") b.released += q;
      if (e.action === "RedeemVoucher") b.redeemed += q;
    }
    // The deposit comes back at the end, first out of the lovelace paid to the buyer.
    let depositBack = e.kind === "end" ? deposit : 0n;
    for (const a of toBuyer) {
      const b = of(a.unit);
      const q = BigInt(a.amount);
      b.paidToBuyer += q;
      const back = a.unit === LOVELACE ? (q < depositBack ? q : depositBack) : 0n;
      if (a.unit === LOVELACE) depositBack -= back;
      b.refunded += q - back;
    }
    transactions.push(transaction(e, e.action));
  }
  const last = events[events.length - 1];
  if (last !== undefined && last.kind !== "end")
    for (const a of read(last.value))
      of(a.unit).remaining = BigInt(a.amount) - (a.unit === LOVELACE ? deposit : 0n);
  return {
    autoRelease: datum?.autoRelease ?? terms.autoRelease,
    priceSheetHash: terms.priceSheetHash,
    claim: datum?.claim?.map((c) => ({ unit: c.unit, amount: c.amount.toString() })) ?? null,
    voucherTotal: (datum?.voucherTotal ?? 0n).toString(),
    amounts: [...books]
      .sort(([a], [b]) => (a === LOVELACE ? -1 : b === LOVELACE ? 1 : a < b ? -1 : 1))
      .map(([unit, b]) => ({
        unit,
        locked: b.locked.toString(),
        released: b.released.toString(),
        refunded: b.refunded.toString(),
        redeemed: b.redeemed.toString(),
        paidToSeller: b.paidToSeller.toString(),
        paidToBuyer: b.paidToBuyer.toString(),
        remaining: b.remaining.toString(),
      })),
    transactions,
  };
}

function transaction(e: MeterEvent, action: string | null): MeterTransaction {
  return {
    action,
    txHash: e.txHash,
    blockTimeMs: e.blockTimeMs,
    toSeller: read(e.paidToSeller),
    toBuyer: read(e.paidToBuyer),
  };
}

/** The escrow's latest datum among its events (an end keeps the one before it), or null. */
export function latestDatum(
  events: readonly Pick<EscrowEvent, "datumCbor">[],
  networkId: NetworkId,
): MeterDatum | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const cbor = events[i]!.datumCbor;
    if (cbor === null) continue;
    try {
      const d = escrowDatumOf(cbor, networkId);
      return {
        claim: d.claim,
        voucherTotal: d.voucherTotal,
        autoRelease: d.autoRelease,
        buyerLovelace: d.buyerLovelace,
      };
    } catch {
      // A lock with a datum that is not an escrow's is FundsOrDatumInvalid; its books stay bare.
      return null;
    }
  }
  return null;
}

/** A row the meter is shown for: its escrow (once locked) and its terms. */
export interface MeteredRow extends MeterTerms {
  id: string;
  escrowId: string | null;
}

/** The meter of each row, by row id; one query for the page. */
export async function metersOf(
  db: Db,
  network: Network,
  rows: readonly MeteredRow[],
): Promise<Map<string, Meter>> {
  const id = networkId(network);
  const ids = [...new Set(rows.flatMap((r) => (r.escrowId === null ? [] : [r.escrowId])))];
  const byEscrow = new Map<string, EscrowEvent[]>();
  for (const e of await eventsOf(db, network, ids)) {
    const list = byEscrow.get(e.escrowId);
    if (list === undefined) byEscrow.set(e.escrowId, [e]);
    else list.push(e);
  }
  return new Map(
    rows.map((r) => {
      const events = r.escrowId === null ? [] : (byEscrow.get(r.escrowId) ?? []);
      return [r.id, escrowMeter(events, latestDatum(events, id), r)];
    }),
  );
}
