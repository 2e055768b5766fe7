/**
 * When an escrow action refused only for the time becomes possible. The validator judges "after"
 * by the transaction's validity lower bound, which the node takes from the tip's slot; so an
 * action that is too early (Withdraw before unlockTime, a refund before submitResultTime) or that
 * waits out its party's cooldown can go once the chain has a block at or after its bound. Such an
 * action waits (the submitter tries it again then); it is not refused.
 */
import { ACTOR, type EscrowDatum } from "../../../contracts/index.ts";
import { slotToTime, timeToSlot, type Network } from "../network.ts";
import type { WalletAction } from "./action-payload.ts";

/** The validator's checks that only time can satisfy. */
export const TIME_CHECKS = ["tooEarly", "cooldown"] as const;
export type TimeCheck = (typeof TIME_CHECKS)[number];

export const isTimeCheck = (check: string): check is TimeCheck =>
  (TIME_CHECKS as readonly string[]).includes(check);

/** The time the action's validity lower bound must reach for `check` to pass. */
function boundMs(d: EscrowDatum, action: WalletAction, check: TimeCheck): number {
  if (check === "cooldown")
    return ACTOR[action] === "buyer" ? d.buyerCooldownMs : d.sellerCooldownMs;
  switch (action) {
    case "Withdraw":
      return d.unlockTimeMs;
    case "WithdrawRefund":
      return d.submitResultTimeMs;
    default:
      // Only the two actions above have a "not before" time of their own.
      throw new Error(`escrow action ${action} cannot be too early`);
  }
}

/**
 * The start of the first slot whose validity lower bound passes `check` (bounds are whole
 * slots): the chain time from which the action can be built, once a block shows it.
 */
export function allowedFromMs(
  d: EscrowDatum,
  action: WalletAction,
  check: TimeCheck,
  network: Network,
): number {
  const bound = boundMs(d, action, check);
  const slot = timeToSlot(bound, network);
  const start = slotToTime(slot, network);
  return start >= bound ? start : slotToTime(slot + 1, network);
}
