/**
 * What one transaction did to one escrow, read from what the chain port gives for free (its
 * inputs and outputs): the amounts it paid out of the escrow to each party, and the step it
 * took. The step's redeemer is not read (that would cost a request per transaction); the step
 * follows from the datum before and after and from the payouts, which names every step but two
 * pairs that pay alike (see `endAction`). Pure, so the watcher and its tests share it.
 */
import {
  inputPositions,
  payoutTag,
  toCbor,
  type EscrowAction,
  type EscrowDatum,
} from "../../contracts/index.ts";
import type { TxInput, TxUtxos } from "../chain/port.ts";
import type { WireAmount } from "../domain/amounts.ts";
import type { TerminalState } from "../domain/escrow-states.ts";

/** What left one escrow in one transaction, per party (wire amounts, lovelace as "lovelace"). */
export interface Payouts {
  toSeller: WireAmount[];
  toBuyer: WireAmount[];
  /**
   * Whether the transaction has an output to the seller tagged for this escrow, whatever it
   * carries: Withdraw and Accept always pay the seller's output (from the escrow or, when
   * nothing is left of it, the payer's min-UTxO lovelace alone), a WithdrawRefund never does.
   */
  sellerTagged?: boolean;
}

export interface PayoutInput {
  /** The escrow output this transaction spends. */
  escrowInput: { txHash: string; outputIndex: number };
  inputs: readonly TxInput[];
  outputs: TxUtxos["outputs"];
  /** The parties' addresses as the spent datum names them. */
  sellerAddress: string;
  buyerAddress: string;
  /** The escrow's value before the transaction, and after it ([] when it ended). */
  before: readonly WireAmount[];
  after: readonly WireAmount[];
}

const totals = (amounts: readonly WireAmount[]): Map<string, bigint> => {
  const m = new Map<string, bigint>();
  for (const a of amounts) m.set(a.unit, (m.get(a.unit) ?? 0n) + BigInt(a.amount));
  return m;
};

const toWire = (m: ReadonlyMap<string, bigint>): WireAmount[] =>
  [...m]
    .filter(([, q]) => q > 0n)
    .sort(([a], [b]) => (a === "lovelace" ? -1 : b === "lovelace" ? 1 : a < b ? -1 : 1))
    .map(([unit, q]) => ({ unit, amount: q.toString() }));

/**
 * The payouts of one escrow: outputs to a party carrying the escrow input's payout tag (its
 * position among the spent inputs, contracts/escrow-data.ts), less what did not come from the
 * escrow. A payout of tokens needs min-UTxO lovelace, which builders add from their fee inputs
 * (a Release of USDM, a Withdraw's payout to the seller): when the tagged outputs carry more of
 * a unit than left the escrow, the excess is taken first from the side whose payout carries
 * tokens (the seller's when both or neither do). An output to an address that is both parties
 * counts as the seller's.
 */
export function escrowPayouts(p: PayoutInput): Payouts {
  const spent = p.inputs.filter((i) => !i.collateral && !i.reference);
  const position = inputPositions(spent).get(
    `${p.escrowInput.txHash}#${p.escrowInput.outputIndex}`,
  );
  if (position === undefined) return { toSeller: [], toBuyer: [], sellerTagged: false };
  const tag = toCbor(payoutTag(position));
  const seller = new Map<string, bigint>();
  const buyer = new Map<string, bigint>();
  for (const o of p.outputs) {
    if (o.collateral || o.inlineDatumCbor?.toLowerCase() !== tag) continue;
    const side =
      o.address === p.sellerAddress ? seller : o.address === p.buyerAddress ? buyer : null;
    if (side === null) continue;
    add(side, "lovelace", o.value.lovelace);
    for (const [unit, q] of Object.entries(o.value.assets)) add(side, unit, q);
  }
  const sellerTagged = seller.size > 0;
  const sellerTokens = [...seller.keys()].some((u) => u !== "lovelace");
  const buyerTokens = [...buyer.keys()].some((u) => u !== "lovelace");
  const buyerFirst = buyerTokens && !sellerTokens;
  const before = totals(p.before);
  const after = totals(p.after);
  const toSeller = new Map<string, bigint>();
  const toBuyer = new Map<string, bigint>();
  for (const [unit, had] of before) {
    const left = had - (after.get(unit) ?? 0n);
    let s = seller.get(unit) ?? 0n;
    let b = buyer.get(unit) ?? 0n;
    let excess = s + b - (left > 0n ? left : 0n);
    if (excess > 0n) {
      const cut = (q: bigint) => {
        const c = min(q, excess);
        excess -= c;
        return q - c;
      };
      if (buyerFirst) [b, s] = [cut(b), cut(s)];
      else [s, b] = [cut(s), cut(b)];
    }
    toSeller.set(unit, s);
    toBuyer.set(unit, b);
  }
  return { toSeller: toWire(toSeller), toBuyer: toWire(toBuyer), sellerTagged };
}

const add = (m: Map<string, bigint>, unit: string, q: bigint) =>
  m.set(unit, (m.get(unit) ?? 0n) + q);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const paysAny = (amounts: readonly WireAmount[]) => amounts.some((a) => BigInt(a.amount) > 0n);
const sameClaim = (a: EscrowDatum["claim"], b: EscrowDatum["claim"]) =>
  JSON.stringify(a, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ===
  JSON.stringify(b, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** The state changes of the steps that change the state (contracts/escrow-rules.ts). */
const STATE_STEP: Record<string, EscrowAction> = {
  "FundsLocked>ResultSubmitted": "SubmitResult",
  "RefundRequested>Disputed": "SubmitResult",
  "FundsLocked>RefundRequested": "RequestRefund",
  "ResultSubmitted>Disputed": "RequestRefund",
  "RefundRequested>FundsLocked": "CancelRefund",
  "Disputed>ResultSubmitted": "CancelRefund",
};

/**
 * The step of a transaction that kept the escrow locked, or null when no rule names it. Every
 * step stamps its actor's cooldown and clears the other's, which tells a buyer's Release from a
 * seller's PartialRefund when neither changes the state.
 */
export function moveAction(
  prev: EscrowDatum,
  next: EscrowDatum,
  paid: Payouts,
): EscrowAction | null {
  if (next.voucherTotal > prev.voucherTotal) return "RedeemVoucher";
  if (next.state === "RefundAuthorized" && prev.state !== "RefundAuthorized")
    return "AuthorizeRefund";
  if (next.state !== prev.state) return STATE_STEP[`${prev.state}>${next.state}`] ?? null;
  if (next.resultHash !== prev.resultHash || !sameClaim(next.claim, prev.claim))
    return "SubmitResult";
  const byBuyer = next.buyerCooldownMs !== 0 && next.sellerCooldownMs === 0;
  const bySeller = next.sellerCooldownMs !== 0 && next.buyerCooldownMs === 0;
  if (byBuyer && paysAny(paid.toSeller)) return "Release";
  if (bySeller && paysAny(paid.toBuyer)) return "PartialRefund";
  // The same result submitted again (ResultSubmitted and Disputed accept a SubmitResult).
  if (bySeller && (next.state === "ResultSubmitted" || next.state === "Disputed"))
    return "SubmitResult";
  return null;
}

/**
 * The step that ended the escrow. Two pairs pay alike and are told apart as well as the chain's
 * outputs allow: Withdraw (seller, from unlockTime) and Accept (buyer, any time) by the block
 * time; a Disputed escrow ends by ResolveDispute (an Accept from there reads as one too).
 */
export function endAction(prev: EscrowDatum, paid: Payouts, blockTimeMs: number): EscrowAction {
  if (prev.state === "Disputed") return "ResolveDispute";
  const afterUnlock = blockTimeMs >= prev.unlockTimeMs;
  if (prev.state === "ResultSubmitted") return afterUnlock ? "Withdraw" : "Accept";
  // FundsLocked, RefundRequested, RefundAuthorized: only an Accept, or an auto-release
  // Withdraw, has a payout to the seller (even of nothing but min-UTxO lovelace, when the
  // escrow had been paid down to the deposit); a WithdrawRefund returns everything to the buyer.
  if (!(paid.sellerTagged ?? paysAny(paid.toSeller))) return "WithdrawRefund";
  return prev.state === "FundsLocked" && prev.autoRelease && afterUnlock ? "Withdraw" : "Accept";
}

/** How an escrow that ended by `action` is shown. */
export function endState(action: EscrowAction): TerminalState {
  if (action === "WithdrawRefund") return "RefundWithdrawn";
  if (action === "ResolveDispute") return "DisputedWithdrawn";
  return "Withdrawn";
}
