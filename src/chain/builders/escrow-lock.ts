/**
 * Locks escrows (kind `escrow_lock`) from a buyer's wallet, many per transaction: one output
 * per intent at the escrow address, with its inline datum, in the order of the chosen intents
 * (output i is the i-th intent of the transaction, which is how the node learns each escrow's
 * out-ref from the transaction it recorded). The validity window ends before the earliest
 * payByTime of the batch, so no lock lands late.
 */
import { toCbor } from "../../../contracts/index.ts";
import type { EscrowFacts } from "../escrow/deployment.ts";
import { selectableUtxos } from "../escrow/coins.ts";
import { lockOutput, lockPayloadSchema, type LockOutput } from "../escrow/lock-terms.ts";
import { timeToSlot } from "../network.ts";
import { largestFitting, newTxBuilder, parsePayloads, VALIDITY_SLOTS } from "./registry-common.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

export const ESCROW_LOCK_KIND = "escrow_lock";

/** The least time, in slots, a lock's transaction gets to land before its payByTime. */
export const LOCK_WINDOW_SLOTS_MIN = 60;

type Item = { id: string; out: LockOutput; lastSlot: number };

/** The slot after which none of `items` may land: the earliest payByTime, or the usual window. */
const windowEnd = (input: BuildInput, items: Item[]): number =>
  Math.min(input.tip.slot + VALIDITY_SLOTS, ...items.map((i) => i.lastSlot));

function attempt(input: BuildInput, facts: EscrowFacts) {
  // Locks run no script, but keep the wallet's collateral out so later actions still have one.
  const spendable = selectableUtxos(input.utxos);
  return async (chosen: Item[]): Promise<string> => {
    const builder = await newTxBuilder(input);
    for (const { out } of chosen)
      builder
        .txOut(facts.escrowAddress, out.amount)
        .txOutInlineDatumValue(toCbor(out.datum), "CBOR");
    return builder
      .invalidHereafter(windowEnd(input, chosen))
      .changeAddress(input.walletAddress)
      .selectUtxosFrom(spendable)
      .complete();
  };
}

/** The lock builder for the escrow described by `facts`. */
export function escrowLockBuilder(facts: EscrowFacts, batchMax = 60): TxBuilder {
  async function build(input: BuildInput): Promise<BuildOutcome> {
    const parsed = parsePayloads(input.intents, lockPayloadSchema, ESCROW_LOCK_KIND);
    const rejected = [...parsed.rejected];
    const items: Item[] = [];
    const coins = input.protocol.params.coinsPerUtxoSize;
    for (const { id, p } of parsed.valid) {
      const out = lockOutput(p, input.walletAddress, facts.escrowAddress, coins);
      if (typeof out === "string") {
        rejected.push({ id, reason: out });
        continue;
      }
      // Slot s begins before payByTime when s ≤ floor(slot of payByTime); invalidHereafter is exclusive.
      const lastSlot = timeToSlot(out.payByTimeMs, facts.network);
      if (lastSlot - input.tip.slot < LOCK_WINDOW_SLOTS_MIN) {
        rejected.push({ id, reason: `payByTime ${out.payByTimeMs} has passed or is too close` });
        continue;
      }
      items.push({ id, out, lastSlot });
    }
    if (items.length === 0) return { tx: undefined, rejected };
    const fit = await largestFitting(
      ESCROW_LOCK_KIND,
      items,
      input.protocol.params,
      attempt(input, facts),
    );
    if (!fit) return { tx: undefined, rejected };
    return {
      tx: {
        unsignedCbor: fit.unsignedCbor,
        intentIds: fit.chosen.map((c) => c.id),
        invalidHereafterSlot: windowEnd(input, fit.chosen),
      },
      rejected,
    };
  }
  return { kind: ESCROW_LOCK_KIND, batchMax, build };
}
