/**
 * Plans a batch of escrow actions (pure): the validity window every escrow of the batch
 * accepts, the batch redeemer's steps in the ledger's input order, and the outputs in step
 * order, with payouts tagged by their escrow input's position among all spent inputs. The
 * inputs (escrows and the payer's fee inputs) are fixed before planning, as the tags need.
 */
import type { Asset, UTxO } from "@meshsdk/core";
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

/** Lovelace of the escrow that its payouts carry before any top-up. */
function paidOutLovelace(i: ActionItem): bigint {
  const p = i.payload;
  if (p.action === "Withdraw" || p.action === "WithdrawRefund")
    return qty(i.utxo.output.amount, "lovelace");
  if (p.action === "Release" && p.params.unit === "lovelace") return BigInt(p.params.amount);
  return 0n;
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
    (s, i) => s + continuingTopUp(i, escrowDatum(largestDatum(i.datum)), coinsPerUtxoSize),
    0n,
  );
  return paid - items.reduce((s, i) => s + paidOutLovelace(i), 0n) + continuing;
}

/** What stays locked after `i`'s action, before any top-up (none when it pays out all). */
function remainingValue(i: ActionItem): Asset[] | null {
  const p = i.payload;
  if (p.action === "Withdraw" || p.action === "WithdrawRefund") return null;
  if (p.action === "Release")
    return adjust(i.utxo.output.amount, p.params.unit, -BigInt(p.params.amount));
  return [...i.utxo.output.amount];
}

/**
 * Lovelace the acting wallet adds to the continuing output so it meets the minimum UTxO under
 * `datum`. The escrow's own lovelace covers it when the lock was sized as the node sizes it;
 * a lock sized by someone else for its first datum only would otherwise leave the seller unable
 * to submit its result (the script lets a step add lovelace, never take it or change tokens).
 */
function continuingTopUp(i: ActionItem, datum: PlutusData, coinsPerUtxoSize: number): bigint {
  const rest = remainingValue(i);
  if (rest === null) return 0n;
  const min = minLovelace(i.utxo.output.address, rest, datum, coinsPerUtxoSize);
  const have = qty(rest, "lovelace");
  return have >= min ? 0n : min - have;
}

/** The payout outputs of the actions that pay out, raw (before min-UTxO top-ups). */
function payouts(
  items: ActionItem[],
  tag: (u: UTxO) => PlutusData,
  coins: number,
): PlannedOutput[] {
  return items
    .flatMap((i): PlannedOutput[] => {
      const amount = i.utxo.output.amount;
      const t = tag(i.utxo);
      switch (i.payload.action) {
        case "Withdraw":
          return [
            {
              address: i.datum.seller,
              amount: adjust(amount, "lovelace", -i.datum.buyerLovelace),
              datum: t,
            },
            {
              address: i.datum.buyer,
              amount: [{ unit: "lovelace", quantity: `${i.datum.buyerLovelace}` }],
              datum: t,
            },
          ];
        case "WithdrawRefund":
          return [{ address: i.datum.buyer, amount, datum: t }];
        case "Release": {
          const paid = [{ unit: i.payload.params.unit, quantity: i.payload.params.amount }];
          return [{ address: i.datum.seller, amount: paid, datum: t }];
        }
        default:
          return [];
      }
    })
    .map((o) => ({ ...o, amount: atLeastMinLovelace(o.address, o.amount, o.datum, coins) }));
}

/**
 * Why the escrow's value does not allow the action (the validator's BL and RF checks and the
 * Release's own limits), or null.
 */
export function valueProblem(item: ActionItem, coinsPerUtxoSize: number): string | null {
  const d = item.datum;
  if (item.payload.action === "Withdraw") {
    const locked = qty(item.utxo.output.amount, "lovelace");
    return d.buyerLovelace < 0n || d.buyerLovelace > locked
      ? `the datum's buyerLovelace ${d.buyerLovelace} is outside 0..${locked} (buyerLovelace)`
      : null;
  }
  if (item.payload.action !== "Release") return null;
  const { unit, amount } = item.payload.params;
  const have = qty(item.utxo.output.amount, unit);
  if (have < BigInt(amount)) return `the escrow holds ${have} ${unit}, less than released`;
  if (unit === "lovelace" && have - BigInt(amount) < d.buyerLovelace)
    return `the release would leave less than the buyer's deposit of ${d.buyerLovelace} lovelace (releaseFloor)`;
  const rest = adjust(item.utxo.output.amount, unit, -BigInt(amount));
  const min = minLovelace(
    item.utxo.output.address,
    rest,
    escrowDatum(largestDatum(item.datum)),
    coinsPerUtxoSize,
  );
  return qty(rest, "lovelace") < min
    ? "the release would leave the escrow below its minimum UTxO"
    : null;
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
    const p = i.payload;
    // A continuing output gets the lovelace its new datum needs (see continuingTopUp).
    const cont = (next: EscrowDatum, amount: Asset[]): number => {
      const datum = escrowDatum(next);
      const topUp = continuingTopUp(i, datum, opts.coinsPerUtxoSize);
      return push({
        address: i.utxo.output.address,
        amount: topUp === 0n ? amount : adjust(amount, "lovelace", topUp),
        datum,
      });
    };
    const [first, second] = payouts([i], tag, opts.coinsPerUtxoSize);
    const step = ((): EscrowStep => {
      switch (p.action) {
        case "SubmitResult": {
          const d = nextDatum(i.datum, p.action, v, opts.cooldownMs, {
            resultHash: p.params.resultHash,
          });
          return {
            action: p.action,
            resultHash: p.params.resultHash,
            continuingOutput: cont(d, i.utxo.output.amount),
          };
        }
        case "RequestRefund":
        case "CancelRefund":
        case "AuthorizeRefund": {
          const d = nextDatum(i.datum, p.action, v, opts.cooldownMs);
          return { action: p.action, continuingOutput: cont(d, i.utxo.output.amount) };
        }
        case "Withdraw":
          return { action: p.action, sellerOutput: push(first!), buyerOutput: push(second!) };
        case "WithdrawRefund":
          return { action: p.action, buyerOutput: push(first!) };
        case "Release": {
          const d = nextDatum(i.datum, p.action, v, opts.cooldownMs);
          const rest = adjust(i.utxo.output.amount, p.params.unit, -BigInt(p.params.amount));
          const continuingOutput = cont(d, rest);
          const units = i.utxo.output.amount.map((a) => a.unit);
          return {
            action: p.action,
            asset: assetPosition(units, p.params.unit),
            amount: BigInt(p.params.amount),
            continuingOutput,
            sellerOutput: push(first!),
          };
        }
      }
    })();
    return { utxo: i.utxo, step };
  });
  return { spends, outputs };
}
