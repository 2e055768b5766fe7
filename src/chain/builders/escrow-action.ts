/**
 * Acts on escrows (kind `escrow_action`) for the wallet that is the acting party, many escrows
 * per transaction, following contracts/README.md: every input is chosen before tagging (the
 * escrows and the wallet's fee inputs; no coin selection afterwards, it would shift the
 * positions), escrow inputs spend through the reference script, payouts carry their escrow
 * input's position, continuing outputs carry `nextDatum`, one zero withdrawal from the script's
 * reward address runs the batch, the wallet's key is a required signer, and the validity window
 * satisfies every escrow of the batch. The batch is the largest prefix that fits the limits.
 */
import type { MeshTxBuilder, UTxO } from "@meshsdk/core";
import {
  escrowBatch,
  ESCROW_SPEND_REDEEMER,
  paymentKeyHash,
  toCbor,
} from "../../../contracts/index.ts";
import { screenActions } from "../escrow/action-screen.ts";
import { findEscrowReference, type EscrowFacts } from "../escrow/deployment.ts";
import type { EscrowLocator } from "../escrow/locate.ts";
import {
  ACTION_VALIDITY_SLOTS,
  batchWindow,
  payoutTopUpLovelace,
  planActions,
  type ActionItem,
  type ActionPlan,
} from "../escrow/plan.ts";
import { pickFeeInputs } from "../escrow/coins.ts";
import {
  addInput,
  largestFitting,
  newTxBuilder,
  NO_COLLATERAL,
  pickCollateral,
} from "./registry-common.ts";
import { timeToSlot, type Network } from "../network.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

export const ESCROW_ACTION_KIND = "escrow_action";

/** Lovelace the fee inputs hold beyond payout top-ups: a fee for the largest batch, with room. */
export const FEE_RESERVE_LOVELACE = 10_000_000n;

interface Deployed {
  facts: EscrowFacts;
  reference: UTxO;
}

/** The node's clock in slots, never before the tip (the tip's slot when no clock is given). */
function clockSlotOf(input: BuildInput, network: Network): number {
  const clock = input.nowMs === undefined ? input.tip.slot : timeToSlot(input.nowMs, network);
  return Math.max(input.tip.slot, clock);
}

function addPlan(b: MeshTxBuilder, d: Deployed, plan: ActionPlan): void {
  const ref = d.reference.input;
  const size = String(d.facts.script.sizeBytes);
  for (const { utxo: u } of plan.spends) {
    b.spendingPlutusScriptV3()
      .txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address)
      .txInInlineDatumPresent()
      .txInRedeemerValue(toCbor(ESCROW_SPEND_REDEEMER), "CBOR")
      .spendingTxInReference(ref.txHash, ref.outputIndex, size, d.facts.script.hash);
  }
  for (const o of plan.outputs)
    b.txOut(o.address, o.amount).txOutInlineDatumValue(toCbor(o.datum), "CBOR");
  b.withdrawalPlutusScriptV3()
    .withdrawal(d.facts.rewardAddress, "0")
    .withdrawalTxInReference(ref.txHash, ref.outputIndex, size, d.facts.script.hash)
    .withdrawalRedeemerValue(toCbor(escrowBatch(plan.spends.map((s) => s.step))), "CBOR");
}

function attempt(input: BuildInput, d: Deployed, collateral: UTxO) {
  const coins = input.protocol.params.coinsPerUtxoSize;
  return async (chosen: ActionItem[]): Promise<string> => {
    const need = FEE_RESERVE_LOVELACE + payoutTopUpLovelace(chosen, coins);
    const feeInputs = pickFeeInputs(input.utxos, collateral, need);
    const window = batchWindow(
      chosen,
      input.tip.slot,
      ACTION_VALIDITY_SLOTS,
      d.facts.network,
      clockSlotOf(input, d.facts.network),
    );
    const plan = planActions(chosen, feeInputs, window, {
      network: d.facts.network,
      cooldownMs: d.facts.params.cooldownMs,
      coinsPerUtxoSize: coins,
    });
    const b = await newTxBuilder(input);
    addPlan(b, d, plan);
    for (const u of feeInputs) addInput(b, u);
    const c = collateral;
    return b
      .requiredSignerHash(paymentKeyHash(input.walletAddress))
      .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
      .invalidBefore(window.fromSlot)
      .invalidHereafter(window.toSlot)
      .changeAddress(input.walletAddress)
      .complete();
  };
}

/** The action builder for the escrow described by `facts`. */
export function escrowActionBuilder(
  facts: EscrowFacts,
  { locate, batchMax = 60 }: { locate: EscrowLocator; batchMax?: number },
): TxBuilder {
  async function build(input: BuildInput): Promise<BuildOutcome> {
    const reference = findEscrowReference(
      await input.fetcher.fetchAddressUTxOs(facts.holderAddress),
      facts.script.hash,
    );
    // Deployment comes first; acting before it is an operator's mistake to surface loudly.
    if (reference === undefined)
      throw new Error(`escrow_action: escrow ${facts.script.hash} is not deployed`);
    const { items, rejected, deferred } = await screenActions(input.intents, {
      locate,
      db: input.db,
      network: facts.network,
      walletAddress: input.walletAddress,
      tipSlot: input.tip.slot,
      clockSlot: clockSlotOf(input, facts.network),
      validitySlots: ACTION_VALIDITY_SLOTS,
      coinsPerUtxoSize: input.protocol.params.coinsPerUtxoSize,
      scriptHash: facts.script.hash,
    });
    const collateral = pickCollateral(input.utxos);
    // Without collateral no script can run; the intents wait for funds.
    if (items.length === 0) return { tx: undefined, rejected, deferred };
    if (collateral === undefined)
      return { tx: undefined, rejected, deferred, waiting: NO_COLLATERAL };
    const d = { facts, reference };
    const fit = await largestFitting(
      ESCROW_ACTION_KIND,
      items,
      input.protocol.params,
      attempt(input, d, collateral),
    );
    if (!fit) return { tx: undefined, rejected, deferred };
    const window = batchWindow(
      fit.chosen,
      input.tip.slot,
      ACTION_VALIDITY_SLOTS,
      facts.network,
      clockSlotOf(input, facts.network),
    );
    return {
      tx: {
        unsignedCbor: fit.unsignedCbor,
        intentIds: fit.chosen.map((c) => c.id),
        invalidHereafterSlot: window.toSlot,
      },
      rejected,
      deferred,
    };
  }
  return { kind: ESCROW_ACTION_KIND, batchMax, build };
}
