/**
 * Plans a batch of escrow actions (pure): the validity window every escrow of the batch
 * accepts, the batch redeemer's steps in the ledger's input order, and the outputs in step
 * order, with payouts tagged by their escrow input's position among all spent inputs. The
 * inputs (escrows and the payer's fee inputs) are fixed before planning, as the tags need.
 */
import type { Asset, UTxO } from "@meshsdk/core";
import type { ClaimAmount } from "../../../contracts/escrow-data.ts";
import {
  assetPosition,
  escrowDatum,
  inputPositions,
  largestDatum,
  nextDatum,
  payoutTag,
  refusal,
  type EscrowDatum,
  type EscrowStep,
  type PlutusData,
  type ValidityMs,
} from "../../../contracts/index.ts";
import { slotToTime, timeToSlot, type Network } from "../network.ts";
import type { EscrowActionPayload } from "./action-payload.ts";
import { adjust, atLeastMinLovelace, minLovelace, qty } from "./value.ts";

export interface ActionItem {
  id: string;
  utxo: UTxO;
  datum: EscrowDatum;
  payload: EscrowActionPayload;
}

export interface PlannedOutput {
  address: string;
  amount: Asset[];
  datum: PlutusData;
}

export interface SlotWindow {
  fromSlot: number;
  toSlot: number;
}

export interface ActionPlan {
  /** Escrow inputs in the ledger's input order, each with its step. */
  spends: { utxo: UTxO; step: EscrowStep }[];
  outputs: PlannedOutput[];
}

/** The least time, in slots, an action's transaction gets to land. */
export const ACTION_WINDOW_SLOTS_MIN = 30;

/**
 * How long an action's transaction stays valid, in slots (seconds) from the node's clock (its
 * lower bound is the tip's slot; see batchWindow). Its upper bound is also the acting party's
 * cooldown stamp (plus ESCROW_COOLDOWN_MS, 0 by default): the same party's next action (a cancel
 * after a refund request, a second result) waits until a block passes it, so this window is that
 * wait, at most 2 minutes from when the action lands, where the 600 slots of other transactions
 * made it 10. It must still leave a real chain time to take the transaction: preprod and mainnet
 * make a block about every 20 s (a slot is 1 s, a block in a slot has a 1-in-20 chance), so 2
 * minutes span about 6 blocks, and the chance that none comes is about 0.2% (0.95^120); a
 * transaction that expires unseen is rebuilt by the submitter. Deadlines (submitResultTime…) can
 * cut it shorter; below ACTION_WINDOW_SLOTS_MIN it counts as too late.
 */
export const ACTION_VALIDITY_SLOTS = 120;

const refOf = (u: UTxO): string => `${u.input.txHash}#${u.input.outputIndex}`;

/** The ledger's input order: by transaction id, then output index. */
export const byOutRef = (a: UTxO, b: UTxO): number =>
  a.input.txHash === b.input.txHash
    ? a.input.outputIndex - b.input.outputIndex
    : a.input.txHash < b.input.txHash
      ? -1
      : 1;

/** The last slot (exclusive bound) an item's own deadline allows, if it has one. */
function deadlineSlot(item: ActionItem, network: Network): number {
  const d = item.datum;
  switch (item.payload.action) {
    case "SubmitResult":
      return timeToSlot(
        d.state === "Disputed" ? d.externalDisputeUnlockTimeMs : d.submitResultTimeMs,
        network,
      );
    case "RequestRefund":
      return timeToSlot(d.unlockTimeMs, network);
    default:
      return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * The window a batch of `items` can share: from the tip (a lower bound the chain has reached),
 * for `validitySlots` from the later of the tip and the node's clock (`clockSlot`), up to the
 * tightest deadline. Counting from the clock keeps a full window to land when the tip is old (a
 * real chain now and then makes no block for minutes); the wait it makes for the party's next
 * action, from when this one lands, stays at most `validitySlots`.
 */
export function batchWindow(
  items: ActionItem[],
  tipSlot: number,
  validitySlots: number,
  network: Network,
  clockSlot = tipSlot,
): SlotWindow {
  const ends = items.map((i) => deadlineSlot(i, network));
  const end = Math.max(tipSlot, clockSlot) + validitySlots;
  return { fromSlot: tipSlot, toSlot: Math.min(end, ...ends) };
}

export const windowMs = (w: SlotWindow, network: Network): ValidityMs => ({
  lowerMs: slotToTime(w.fromSlot, network),
  upperMs: slotToTime(w.toSlot, network),
});

/**
 * Why `item` cannot succeed in the best window it can have now (the validator's check name),
 * or null. A window that leaves less than ACTION_WINDOW_SLOTS_MIN from now counts as too late.
 */
export function itemRefusal(
  item: ActionItem,
  tipSlot: number,
  validitySlots: number,
  network: Network,
  clockSlot = tipSlot,
): string | null {
  const w = batchWindow([item], tipSlot, validitySlots, network, clockSlot);
  const why = refusal(item.datum, item.payload.action, windowMs(w, network));
  if (why !== null) return why;
  const leftSlots = w.toSlot - Math.max(w.fromSlot, clockSlot);
  return leftSlots < ACTION_WINDOW_SLOTS_MIN ? "tooLate" : null;
}

/** A conservative stand-in for a payout tag when sizing outputs before positions are known. */
const WIDEST_TAG = payoutTag(65_535);

/** A claim as the datum holds it, from the intent's strings (null: none). */
export function claimOf(
  claim: { unit: string; amount: string }[] | null | undefined,
): ClaimAmount[] | null {
  return claim == null ? null : claim.map((c) => ({ unit: c.unit, amount: BigInt(c.amount) }));
}

/** What one action pays now: to whom, which part of one unit, before min-UTxO top-ups. */
interface Payout {
  to: "seller" | "buyer";
  amount: Asset[];
}

/**
 * What Withdraw and Accept pay: without a claim, all but the buyer's deposit to the seller and
 * the deposit to the buyer; with one, of each claimed unit the claim or all held if less to the
 * seller, and everything else to the buyer (the script's `settle`).
 */
export function settlement(
  datum: EscrowDatum,
  held: readonly Asset[],
): { seller: Asset[]; buyer: Asset[] } {
  if (datum.claim === null) {
    const deposit = [{ unit: "lovelace", quantity: `${datum.buyerLovelace}` }];
    return { seller: adjust(held, "lovelace", -datum.buyerLovelace), buyer: deposit };
  }
  let seller: Asset[] = [];
  let buyer: Asset[] = [...held];
  for (const { unit, amount } of datum.claim) {
    const have = qty(buyer, unit);
    const due = amount < have ? amount : have;
    if (due === 0n) continue;
    seller = adjust(seller, unit, due);
    buyer = adjust(buyer, unit, -due);
  }
  return { seller, buyer };
}

/** The part of one unit a Release, PartialRefund or RedeemVoucher pays, and to whom. */
export function partPaid(i: ActionItem): { unit: string; amount: bigint; to: Payout["to"] } | null {
  const p = i.payload;
  switch (p.action) {
    case "Release":
      return { unit: p.params.unit, amount: BigInt(p.params.amount), to: "seller" };
    case "PartialRefund":
      return { unit: p.params.unit, amount: BigInt(p.params.amount), to: "buyer" };
    case "RedeemVoucher":
      return {
        unit: p.params.unit,
        amount: BigInt(p.params.total) - i.datum.voucherTotal,
        to: "seller",
      };
    default:
      return null;
  }
}

/**
 * The effect of `i`'s action on the escrow's value: what it pays now (raw, before top-ups) and
 * what stays locked (null when it pays out everything).
 */
function effect(i: ActionItem): { payouts: Payout[]; rest: Asset[] | null } {
  const held = i.utxo.output.amount;
  const p = i.payload;
  if (p.action === "Withdraw" || p.action === "Accept") {
    const { seller, buyer } = settlement(i.datum, held);
    return {
      payouts: [
        { to: "seller", amount: seller },
        { to: "buyer", amount: buyer },
      ],
      rest: null,
    };
  }
  if (p.action === "WithdrawRefund")
    return { payouts: [{ to: "buyer", amount: [...held] }], rest: null };
  const part = partPaid(i);
  if (part === null) return { payouts: [], rest: [...held] };
  return {
    payouts: [{ to: part.to, amount: [{ unit: part.unit, quantity: `${part.amount}` }] }],
    rest: adjust(held, part.unit, -part.amount),
  };
}

/**
 * The datum a continuing output is sized for before the window is known: the largest the next
 * datum can be (cooldown stamps unknown, a claim on every unit held). A lock sized as the node
 * sizes it already holds that much; one sized by someone else is topped up by the actor.
 */
function sizingDatum(i: ActionItem): EscrowDatum {
  const p = i.payload;
  const next =
    p.action === "SubmitResult"
      ? { ...i.datum, claim: claimOf(p.params.claim) }
      : p.action === "AuthorizeRefund"
        ? { ...i.datum, claim: null }
        : i.datum;
  return largestDatum(
    next,
    i.utxo.output.amount.map((a) => a.unit),
  );
}

/**
 * Lovelace the payer adds so every payout of `items` meets its minimum UTxO, sized with the
 * widest tag (an upper bound: positions are not known yet when the fee inputs are chosen), and
 * every continuing output meets the minimum of its new datum, sized with the largest datum the
 * escrow can reach (the new datum's cooldown stamp is not known before the window either).
 */
export function payoutTopUpLovelace(items: ActionItem[], coinsPerUtxoSize: number): bigint {
  const paid = payouts(items, () => WIDEST_TAG, coinsPerUtxoSize).reduce(
    (s, o) => s + qty(o.amount, "lovelace"),
    0n,
  );
  const continuing = items.reduce(
    (s, i) => s + continuingTopUp(i, escrowDatum(sizingDatum(i)), coinsPerUtxoSize),
    0n,
  );
  const paidOut = items.reduce((s, i) => {
    const rest = effect(i).rest;
    return s + qty(i.utxo.output.amount, "lovelace") - (rest === null ? 0n : qty(rest, "lovelace"));
  }, 0n);
  return paid - paidOut + continuing;
}

/**
 * Lovelace the acting wallet adds to the continuing output so it meets the minimum UTxO under
 * `datum`. The escrow's own lovelace covers it when the lock was sized as the node sizes it and
 * no claim grows the datum; a claim, or a lock sized by someone else for its first datum only,
 * would otherwise leave the seller unable to act (the script lets a step add lovelace to what
 * stays, never take it or change tokens).
 */
function continuingTopUp(i: ActionItem, datum: PlutusData, coinsPerUtxoSize: number): bigint {
  const rest = effect(i).rest;
  if (rest === null) return 0n;
  const min = minLovelace(i.utxo.output.address, rest, datum, coinsPerUtxoSize);
  const have = qty(rest, "lovelace");
  return have >= min ? 0n : min - have;
}

/** The payout outputs of `items`, in item order, each raised to its minimum UTxO. */
function payouts(
  items: ActionItem[],
  tag: (u: UTxO) => PlutusData,
  coins: number,
): PlannedOutput[] {
  return items.flatMap((i) =>
    effect(i).payouts.map((o) => {
      const address = o.to === "seller" ? i.datum.seller : i.datum.buyer;
      const datum = tag(i.utxo);
      return { address, datum, amount: atLeastMinLovelace(address, o.amount, datum, coins) };
    }),
  );
}

/** Why an action's parameters do not fit the escrow: the parameter at fault, and why. */
export interface ValueProblem {
  /** The parameter at fault: `amount`, `unit`, `total`, `claim[i].amount`, … */
  field: string;
  reason: string;
}

/**
 * Why the escrow's value does not allow the action (the validator's BL, CM, RA, RL, RF and VT
 * checks, and a unit the escrow does not hold), or null. The builder's screen and the service
 * both ask here, so both refuse alike.
 */
export function valueProblem(item: ActionItem): ValueProblem | null {
  const d = item.datum;
  const held = item.utxo.output.amount;
  const p = item.payload;
  if (p.action === "Withdraw" || p.action === "Accept") {
    const locked = qty(held, "lovelace");
    return d.buyerLovelace < 0n || d.buyerLovelace > locked
      ? {
          field: "buyerLovelace",
          reason: `the datum's buyerLovelace ${d.buyerLovelace} is outside 0..${locked}`,
        }
      : null;
  }
  if (p.action === "SubmitResult") return claimProblem(d, held, claimOf(p.params.claim));
  if (p.action === "RedeemVoucher" && BigInt(p.params.total) <= d.voucherTotal)
    return {
      field: "total",
      reason: `the voucher's total ${p.params.total} is not above the ${d.voucherTotal} already redeemed`,
    };
  const part = partPaid(item);
  if (part === null) return null;
  const field = p.action === "RedeemVoucher" ? "total" : "amount";
  const have = qty(held, part.unit);
  if (have === 0n) return { field: "unit", reason: `the escrow holds no ${part.unit}` };
  if (have < part.amount)
    return {
      field,
      reason: `the escrow holds ${have} ${part.unit}, less than the ${part.amount} to pay`,
    };
  if (part.unit === "lovelace" && have - part.amount < d.buyerLovelace)
    return {
      field,
      reason: `paying ${part.amount} lovelace would leave less than the buyer's deposit of ${d.buyerLovelace}`,
    };
  return null;
}

/**
 * Why a claim does not fit the escrow: a unit it does not hold, or more than it holds (lovelace:
 * less the buyer's deposit), or null.
 */
export function claimProblem(
  d: EscrowDatum,
  held: readonly Asset[],
  claim: ClaimAmount[] | null,
): ValueProblem | null {
  for (const [n, c] of (claim ?? []).entries()) {
    const have = qty(held, c.unit);
    if (have === 0n) return { field: `claim[${n}].unit`, reason: `the escrow holds no ${c.unit}` };
    const claimable = have - (c.unit === "lovelace" ? d.buyerLovelace : 0n);
    if (c.amount < 0n || c.amount > claimable)
      return {
        field: `claim[${n}].amount`,
        reason: `the claim of ${c.amount} ${c.unit} is outside 0..${claimable}, what the escrow holds`,
      };
  }
  return null;
}

/** The steps and outputs of `items` under `window`, given every spent input of the transaction. */
export function planActions(
  items: ActionItem[],
  feeInputs: UTxO[],
  window: SlotWindow,
  opts: { network: Network; cooldownMs: number; coinsPerUtxoSize: number },
): ActionPlan {
  const v = windowMs(window, opts.network);
  const positions = inputPositions([...items.map((i) => i.utxo), ...feeInputs].map((u) => u.input));
  const tag = (u: UTxO): PlutusData => payoutTag(positions.get(refOf(u))!);
  const outputs: PlannedOutput[] = [];
  const push = (o: PlannedOutput): number => outputs.push(o) - 1;
  const sorted = [...items].sort((a, b) => byOutRef(a.utxo, b.utxo));
  const spends = sorted.map((i) => {
    // The script reads each step's outputs in order: what stays locked first, then the payouts.
    const next = nextOf(i, v, opts.cooldownMs);
    let continuingOutput = -1;
    if (next !== null) {
      // A continuing output gets the lovelace its new datum needs (see continuingTopUp).
      const datum = escrowDatum(next);
      const rest = effect(i).rest!;
      const topUp = continuingTopUp(i, datum, opts.coinsPerUtxoSize);
      const amount = topUp === 0n ? rest : adjust(rest, "lovelace", topUp);
      continuingOutput = push({ address: i.utxo.output.address, amount, datum });
    }
    const paid = payouts([i], tag, opts.coinsPerUtxoSize).map(push);
    return { utxo: i.utxo, step: stepOf(i, continuingOutput, paid) };
  });
  return { spends, outputs };
}

/** The datum the escrow continues with after `i`'s action, or null when it ends. */
function nextOf(i: ActionItem, v: ValidityMs, cooldownMs: number): EscrowDatum | null {
  const p = i.payload;
  switch (p.action) {
    case "SubmitResult": {
      const { resultHash } = p.params;
      const claim = claimOf(p.params.claim);
      return nextDatum(i.datum, p.action, v, cooldownMs, { resultHash, claim });
    }
    case "RedeemVoucher":
      return nextDatum(i.datum, p.action, v, cooldownMs, { voucherTotal: BigInt(p.params.total) });
    case "RequestRefund":
    case "CancelRefund":
    case "AuthorizeRefund":
    case "Release":
    case "PartialRefund":
      return nextDatum(i.datum, p.action, v, cooldownMs);
    default:
      return null;
  }
}

/** The step of one item, given its continuing output and its payouts (in `effect` order). */
function stepOf(i: ActionItem, continuingOutput: number, paid: number[]): EscrowStep {
  const p = i.payload;
  const units = i.utxo.output.amount.map((a) => a.unit);
  switch (p.action) {
    case "SubmitResult": {
      const claim = claimOf(p.params.claim);
      return { action: p.action, resultHash: p.params.resultHash, continuingOutput, claim };
    }
    case "RequestRefund":
    case "CancelRefund":
    case "AuthorizeRefund":
      return { action: p.action, continuingOutput };
    case "Withdraw":
    case "Accept":
      return { action: p.action, sellerOutput: paid[0]!, buyerOutput: paid[1]! };
    case "WithdrawRefund":
      return { action: p.action, buyerOutput: paid[0]! };
    case "Release":
    case "PartialRefund": {
      const asset = assetPosition(units, p.params.unit);
      const amount = BigInt(p.params.amount);
      return p.action === "Release"
        ? { action: p.action, asset, amount, continuingOutput, sellerOutput: paid[0]! }
        : { action: p.action, asset, amount, continuingOutput, buyerOutput: paid[0]! };
    }
    case "RedeemVoucher":
      return {
        action: p.action,
        asset: assetPosition(units, p.params.unit),
        total: BigInt(p.params.total),
        continuingOutput,
        sellerOutput: paid[0]!,
        vkey: p.params.vkey,
        signature: p.params.signature,
      };
  }
}
