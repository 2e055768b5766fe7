/**
 * The escrows as the watcher read them from the chain: each transaction at the escrow address
 * becomes rows of `escrow_events` (a lock, a move, an end), and an escrow's state is its latest
 * row. Pure derivation (`deriveEvents`) is kept apart from storage so it can be tested alone.
 */
import { and, eq, gt, inArray } from "drizzle-orm";
import { type EscrowDatum, type NetworkId } from "../../contracts/index.ts";
import { escrowDatumOf } from "../chain/datum.ts";
import { escrowIdOf } from "../chain/escrow/locate.ts";
import type { Network } from "../chain/network.ts";
import type { AddressTx, TxInput, TxUtxos, Value } from "../chain/port.ts";
import type { Db } from "../db/client.ts";
import { escrowEvents } from "../db/schema.ts";
import type { WireAmount } from "../domain/amounts.ts";
import type { TerminalState } from "../domain/escrow-states.ts";
import { endAction, endState, escrowPayouts, moveAction } from "./escrow-steps.ts";
import { paymentKeyHash } from "../../contracts/index.ts";

export type EscrowEvent = typeof escrowEvents.$inferSelect;

/**
 * How an escrow ends when spent with no continuing output, by the state it was in: the fallback
 * when its last datum does not decode (escrow-steps.ts `endAction` reads the payouts too).
 */
export function endStateAfter(state: string): TerminalState {
  // Only Withdraw spends a ResultSubmitted escrow for good, only ResolveDispute a Disputed one;
  // every other end (FundsLocked, RefundRequested, RefundAuthorized) is a WithdrawRefund.
  if (state === "ResultSubmitted") return "Withdrawn";
  if (state === "Disputed") return "DisputedWithdrawn";
  return "RefundWithdrawn";
}

/** A port value as wire amounts (lovelace first, as "lovelace"), for storage. */
export function valueToWire(v: Value): { unit: string; amount: string }[] {
  return [
    { unit: "lovelace", amount: v.lovelace.toString() },
    ...Object.entries(v.assets)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([unit, q]) => ({ unit, amount: q.toString() })),
  ];
}

function readDatum(cbor: string | null, networkId: NetworkId): EscrowDatum | null {
  if (cbor === null) return null;
  try {
    return escrowDatumOf(cbor, networkId);
  } catch {
    // Anyone can pay to the script address; an output without an escrow datum is not an escrow.
    return null;
  }
}

export interface DeriveInput {
  network: Network;
  networkId: NetworkId;
  escrowAddress: string;
  tx: AddressTx;
  utxos: TxUtxos;
  /** The latest event of each escrow whose current output this transaction spends, by out-ref. */
  spent: ReadonlyMap<string, EscrowEvent>;
}

/**
 * The events one transaction makes. A spent escrow continues at the output that carries its
 * reference and parties (in input order when several qualify); an escrow output that continues
 * none is a new lock; a spent escrow without a continuing output has ended. Each move and end
 * records what the transaction paid out of the escrow to each party and the step it took.
 */
export function deriveEvents(input: DeriveInput): EscrowEvent[] {
  const { tx, utxos } = input;
  const place = {
    network: input.network,
    txHash: tx.txHash,
    blockHeight: tx.blockHeight,
    txIndex: tx.txIndex,
    blockTimeMs: tx.blockTimeMs,
  };
  const outputs = utxos.outputs
    .filter((o) => !o.collateral && o.address === input.escrowAddress)
    .map((o) => ({ o, datum: readDatum(o.inlineDatumCbor, input.networkId) }))
    .filter((x): x is { o: (typeof utxos.outputs)[number]; datum: EscrowDatum } => !!x.datum);
  const spentEscrows = utxos.inputs
    .filter((i) => !i.collateral && !i.reference && i.address === input.escrowAddress)
    .map((i) => ({ input: i, prev: input.spent.get(escrowIdOf(i.txHash, i.outputIndex)) }))
    .filter((x): x is { input: TxInput; prev: EscrowEvent } => x.prev !== undefined);

  const claimed = new Set<number>();
  const events: EscrowEvent[] = [];
  for (const { input: spentInput, prev } of spentEscrows) {
    const next = outputs.find(
      (x) =>
        !claimed.has(x.o.outputIndex) &&
        x.datum.reference === prev.reference &&
        paymentKeyHash(x.datum.buyer) === prev.buyerKeyHash &&
        paymentKeyHash(x.datum.seller) === prev.sellerKeyHash,
    );
    if (next) claimed.add(next.o.outputIndex);
    const before = readDatum(prev.datumCbor, input.networkId);
    const paid =
      before === null
        ? { toSeller: [], toBuyer: [] }
        : escrowPayouts({
            escrowInput: spentInput,
            inputs: utxos.inputs,
            outputs: utxos.outputs,
            sellerAddress: before.seller,
            buyerAddress: before.buyer,
            before: JSON.parse(prev.value) as WireAmount[],
            after: next ? valueToWire(next.o.value) : [],
          });
    const books = {
      paidToSeller: JSON.stringify(paid.toSeller),
      paidToBuyer: JSON.stringify(paid.toBuyer),
    };
    if (next) {
      const action = before === null ? null : moveAction(before, next.datum, paid);
      events.push({
        ...outputEvent(place, prev.escrowId, "move", next.o, next.datum),
        ...books,
        action,
      });
    } else {
      const action = before === null ? null : endAction(before, paid, tx.blockTimeMs);
      events.push({
        ...place,
        escrowId: prev.escrowId,
        kind: "end",
        outputIndex: null,
        state: action === null ? endStateAfter(prev.state) : endState(action),
        reference: prev.reference,
        datumCbor: null,
        value: prev.value,
        resultHash: prev.resultHash,
        buyerKeyHash: prev.buyerKeyHash,
        sellerKeyHash: prev.sellerKeyHash,
        action,
        ...books,
      });
    }
  }
  for (const { o, datum } of outputs) {
    if (claimed.has(o.outputIndex)) continue;
    events.push(outputEvent(place, escrowIdOf(tx.txHash, o.outputIndex), "lock", o, datum));
  }
  return events;
}

function outputEvent(
  place: Pick<EscrowEvent, "network" | "txHash" | "blockHeight" | "txIndex" | "blockTimeMs">,
  escrowId: string,
  kind: "lock" | "move",
  o: TxUtxos["outputs"][number],
  datum: EscrowDatum,
): EscrowEvent {
  return {
    ...place,
    escrowId,
    kind,
    outputIndex: o.outputIndex,
    state: datum.state,
    reference: datum.reference,
    datumCbor: o.inlineDatumCbor,
    value: JSON.stringify(valueToWire(o.value)),
    resultHash: datum.resultHash === "" ? null : datum.resultHash,
    buyerKeyHash: paymentKeyHash(datum.buyer),
    sellerKeyHash: paymentKeyHash(datum.seller),
    action: null,
    paidToSeller: "[]",
    paidToBuyer: "[]",
  };
}

/** The latest event of each escrow whose current output is one of `outRefs` ("tx#i"). */
export async function escrowsAtOutRefs(
  db: Db,
  network: Network,
  outRefs: readonly { txHash: string; outputIndex: number }[],
): Promise<Map<string, EscrowEvent>> {
  const found = new Map<string, EscrowEvent>();
  if (outRefs.length === 0) return found;
  const hashes = [...new Set(outRefs.map((r) => r.txHash))];
  const rows = await db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.network, network), inArray(escrowEvents.txHash, hashes)));
  const latest = await latestEvents(db, network, [...new Set(rows.map((r) => r.escrowId))]);
  for (const r of rows) {
    const now = latest.get(r.escrowId);
    // Only an escrow whose latest output is this one is spent here; older rows are history.
    if (now && now.txHash === r.txHash && now.outputIndex === r.outputIndex && r.kind !== "end")
      found.set(escrowIdOf(r.txHash, r.outputIndex!), now);
  }
  return found;
}

/** Every event of these escrows, oldest first. */
export async function eventsOf(
  db: Db,
  network: Network,
  escrowIds: readonly string[],
): Promise<EscrowEvent[]> {
  if (escrowIds.length === 0) return [];
  return db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.network, network), inArray(escrowEvents.escrowId, [...escrowIds])))
    .orderBy(escrowEvents.blockHeight, escrowEvents.txIndex);
}

/** The latest event of each escrow, by escrow id. */
export async function latestEvents(
  db: Db,
  network: Network,
  escrowIds: readonly string[],
): Promise<Map<string, EscrowEvent>> {
  const out = new Map<string, EscrowEvent>();
  for (const e of await eventsOf(db, network, escrowIds)) out.set(e.escrowId, e);
  return out;
}

/** Every event of escrows paying these references (the terms' 16-byte hashes), oldest first. */
export async function eventsByReference(
  db: Db,
  network: Network,
  references: readonly string[],
): Promise<EscrowEvent[]> {
  if (references.length === 0) return [];
  return db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.network, network), inArray(escrowEvents.reference, [...references])))
    .orderBy(escrowEvents.blockHeight, escrowEvents.txIndex);
}

/** Stores events; a transaction read twice (a retried tick) adds nothing. */
export async function saveEvents(db: Db, events: readonly EscrowEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insert(escrowEvents)
    .values([...events])
    .onConflictDoNothing();
}

/** Deletes the events above `height` (rolled back); returns the references they touched. */
export async function forgetAbove(db: Db, network: Network, height: number): Promise<string[]> {
  const gone = await db
    .delete(escrowEvents)
    .where(and(eq(escrowEvents.network, network), gt(escrowEvents.blockHeight, height)))
    .returning({ reference: escrowEvents.reference });
  return [...new Set(gone.map((g) => g.reference))];
}
