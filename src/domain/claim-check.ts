/**
 * The buyer's check of a seller's claim: the most the seller may take for the usage the buyer
 * recorded, under the price sheet both agreed to, computed by the same charge function the
 * seller's node claims with. A claim above it is disputed (RequestRefund, before unlockTime),
 * and the admins resolve the dispute.
 *
 * Without recorded usage the buyer's node cannot tell an honest claim from a greedy one, so it
 * raises nothing (the script already holds any claim to what the escrow holds). A result without
 * a claim asks for the whole escrow, and counts as a claim of all that was locked.
 */
import { charge, type Usage } from "./charge.ts";
import type { PriceSheet } from "./price-sheet.ts";

export interface UnitAmount {
  unit: string;
  amount: bigint;
}

export interface ClaimCheckInput {
  sheet: PriceSheet;
  /** What the buyer recorded of the job; null when it recorded nothing. */
  usage: Usage | null;
  /** The seller's claim from the datum; null: no claim (the whole escrow). */
  claim: readonly UnitAmount[] | null;
  /** What the buyer locked (its price or ceiling), per unit, without its min-UTxO deposit. */
  locked: readonly UnitAmount[];
  /** Free calls the buyer had left when the job started. */
  freeCallsLeft?: bigint;
}

/** Why the claim exceeds what the usage allows (a sentence naming the amounts), or null. */
export function claimExcess(input: ClaimCheckInput): string | null {
  const { sheet, usage } = input;
  if (usage === null) return null;
  const lockedOf = (unit: string): bigint =>
    input.locked.filter((a) => a.unit === unit).reduce((s, a) => s + a.amount, 0n);
  const ceiling = lockedOf(sheet.unit);
  const result = charge(sheet, usage, {
    ceiling,
    ...(input.freeCallsLeft === undefined ? {} : { freeCallsLeft: input.freeCallsLeft }),
  });
  // Usage the sheet cannot price (an unknown custom unit, a negative count) allows nothing.
  const allowed = result.ok ? result.amount : 0n;
  const claimed = input.claim ?? input.locked;
  for (const { unit, amount } of claimed) {
    if (amount <= 0n) continue;
    if (unit === sheet.unit) {
      if (amount > allowed)
        return `the claim of ${amount} ${unit} exceeds the ${allowed} the recorded usage allows`;
    } else if (unit !== "lovelace" || input.claim !== null) {
      // The sheet prices one unit; a claim in another takes what no usage pays for. (Without a
      // claim, the lovelace locked beside the price is the deposit's, not a claim.)
      return `the claim of ${amount} ${unit} is in a unit the price sheet does not charge in`;
    }
  }
  return null;
}
