/**
 * Resolves disputed escrows (kind `escrow_resolve`) with the escrow admins this node holds,
 * many escrows per transaction. The wallet the submitter builds for pays the fee and the
 * collateral and need not be a party; the admins are the required signers, and their
 * witnesses are added here, so the submitter's partial sign adds only the paying wallet's.
 *
 * The transaction follows contracts/README.md as escrow-action.ts does: every input is fixed
 * before payouts are tagged with their escrow input's position, escrows spend through the
 * reference script, one zero withdrawal runs the batch, and the validity window starts at the
 * tip, which must be past every escrow's externalDisputeUnlockTime.
 *
 * Minimum UTxO: each payout carries exactly the share the intent gives, and when a share is
 * below its output's minimum lovelace (a side that gets only tokens, or nothing at all), the
 * paying wallet adds the difference from its fee inputs, as it does for Withdraw. The split
 * stays exact, and the validator only asks that payouts cover the escrow's value.
 */
import type { MeshTxBuilder, UTxO } from "@meshsdk/core";
import { paymentHashOf } from "../../../contracts/address.ts";
import {
  escrowBatch,
  EscrowTrace,
  ESCROW_SPEND_REDEEMER,
  inputPositions,
  payoutTag,
  refusal,
  toCbor,
  type EscrowDatum,
  type EscrowParameters,
  type PlutusData,
} from "../../../contracts/index.ts";
import type { EscrowAdmins } from "../escrow/admins.ts";
import { pickFeeInputs } from "../escrow/coins.ts";
import { findEscrowReference, type EscrowFacts } from "../escrow/deployment.ts";
import type { EscrowLocation, EscrowLocator } from "../escrow/locate.ts";
import {
  byOutRef,
  windowMs,
  type ActionPlan,
  type PlannedOutput,
  type SlotWindow,
} from "../escrow/plan.ts";
import {
  resolvePayloadSchema,
  resolveSplit,
  type EscrowResolvePayload,
  type ResolveSplit,
} from "../escrow/resolve-payload.ts";
import { atLeastMinLovelace, qty } from "../escrow/value.ts";
import { FEE_RESERVE_LOVELACE } from "./escrow-action.ts";
import {
  addInput,
  largestFitting,
  newTxBuilder,
  NO_COLLATERAL,
  parsePayloads,
  pickCollateral,
  VALIDITY_SLOTS,
} from "./registry-common.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

export const ESCROW_RESOLVE_KIND = "escrow_resolve";

export interface ResolveItem {
  id: string;
  escrowId: string;
  utxo: UTxO;
  datum: EscrowDatum;
  split: ResolveSplit;
}

export interface ResolveDeps {
  locate: EscrowLocator;
  admins: EscrowAdmins;
}

const refOf = (u: UTxO): string => `${u.input.txHash}#${u.input.outputIndex}`;
/** A conservative stand-in for a payout tag when sizing top-ups before positions are known. */
const WIDEST_TAG = payoutTag(65_535);

/**
 * The admin keys that sign: the first `disputeThreshold` of the held keys that are the
 * escrow's admins (more witnesses would only cost fee), or why the node cannot resolve.
 */
export function resolveSigners(
  params: EscrowParameters,
  held: readonly string[],
): string[] | string {
  const ours = held.filter((k) => params.adminKeyHashes.includes(k));
  if (ours.length >= params.disputeThreshold) return ours.slice(0, params.disputeThreshold);
  return (
    `this node holds ${ours.length} of the escrow's ${params.adminKeyHashes.length} admin keys, ` +
    `and ResolveDispute needs ${params.disputeThreshold} (adminsSigned, ${EscrowTrace.adminsSigned})`
  );
}

/** Seller's and buyer's payouts of one escrow, each raised to its minimum UTxO. */
function payoutsOf(i: ResolveItem, tag: PlutusData, coins: number): [PlannedOutput, PlannedOutput] {
  const out = (address: string, amount: ResolveSplit["seller"]): PlannedOutput => ({
    address,
    amount: atLeastMinLovelace(address, amount, tag, coins),
    datum: tag,
  });
  return [out(i.datum.seller, i.split.seller), out(i.datum.buyer, i.split.buyer)];
}

/** Lovelace the paying wallet adds so every payout of `items` meets its minimum UTxO. */
export function resolveTopUpLovelace(items: ResolveItem[], coinsPerUtxoSize: number): bigint {
  let topUp = 0n;
  for (const i of items) {
    const paid = payoutsOf(i, WIDEST_TAG, coinsPerUtxoSize);
    topUp += paid.reduce((s, o) => s + qty(o.amount, "lovelace"), 0n);
    topUp -= qty(i.utxo.output.amount, "lovelace");
  }
  return topUp;
}

/** The steps and outputs of `items` (pure), given every other spent input of the transaction. */
export function planResolves(
  items: ResolveItem[],
  feeInputs: UTxO[],
  coinsPerUtxoSize: number,
): ActionPlan {
  const positions = inputPositions([...items.map((i) => i.utxo), ...feeInputs].map((u) => u.input));
  const outputs: PlannedOutput[] = [];
  const push = (o: PlannedOutput): number => outputs.push(o) - 1;
  const spends = [...items]
    .sort((a, b) => byOutRef(a.utxo, b.utxo))
    .map((i) => {
      const tag = payoutTag(positions.get(refOf(i.utxo))!);
      const [seller, buyer] = payoutsOf(i, tag, coinsPerUtxoSize);
      const step = {
        action: "ResolveDispute" as const,
        sellerOutput: push(seller),
        buyerOutput: push(buyer),
      };
      return { utxo: i.utxo, step };
    });
  return { spends, outputs };
}

/** The resolve of one located escrow, or why it can never be made. */
function screenOne(
  id: string,
  p: EscrowResolvePayload,
  loc: EscrowLocation,
  facts: EscrowFacts,
  window: SlotWindow,
): ResolveItem | string {
  if (loc.kind === "invalid") return `escrow ${p.escrowId}: ${loc.reason}`;
  if (loc.kind !== "escrow") throw new Error("screenOne: escrow not located yet");
  const { utxo, datum } = loc;
  if (paymentHashOf(utxo.output.address, "script") !== facts.script.hash)
    return `escrow ${p.escrowId} is not at this node's escrow script`;
  const check = refusal(datum, "ResolveDispute", windowMs(window, facts.network));
  if (check === "tooEarly") {
    const at = new Date(datum.externalDisputeUnlockTimeMs).toISOString();
    return `ResolveDispute refused: tooEarly (${EscrowTrace.tooEarly}), the escrow's externalDisputeUnlockTime is ${at}`;
  }
  if (check !== null)
    return `ResolveDispute refused in state ${datum.state}: ${check} (${EscrowTrace[check]})`;
  const split = resolveSplit(p, utxo.output.amount);
  if (typeof split === "string") return `escrow ${p.escrowId}: ${split}`;
  return { id, escrowId: p.escrowId, utxo, datum, split };
}

/** Items to build, and intents refused; intents whose escrow is not located yet are left out. */
async function screen(
  input: BuildInput,
  facts: EscrowFacts,
  deps: ResolveDeps,
  window: SlotWindow,
): Promise<{ items: ResolveItem[]; signers: string[]; rejected: BuildOutcome["rejected"] }> {
  const { valid, rejected } = parsePayloads(
    input.intents,
    resolvePayloadSchema,
    ESCROW_RESOLVE_KIND,
  );
  const signers = resolveSigners(facts.params, deps.admins.keyHashes);
  // Without enough admin keys nothing here can ever be signed: say so on every intent.
  if (typeof signers === "string") {
    for (const { id } of valid) rejected.push({ id, reason: signers });
    return { items: [], signers: [], rejected };
  }
  const ids = [...new Set(valid.map((v) => v.p.escrowId))];
  const located =
    ids.length === 0 ? new Map<string, EscrowLocation>() : await deps.locate(ids, input.db);
  const seen = new Set<string>();
  const items: ResolveItem[] = [];
  for (const { id, p } of valid) {
    const loc = located.get(p.escrowId);
    if (loc === undefined) throw new Error(`the escrow locator skipped ${p.escrowId}`);
    if (loc.kind === "notYet") continue;
    // Only an accepted resolve claims its escrow: a refused one leaves it to the next intent.
    const one = seen.has(p.escrowId)
      ? `another intent of this batch resolves escrow ${p.escrowId}`
      : screenOne(id, p, loc, facts, window);
    if (typeof one === "string") rejected.push({ id, reason: one });
    else {
      seen.add(p.escrowId);
      items.push(one);
    }
  }
  return { items, signers, rejected };
}

function addPlan(b: MeshTxBuilder, facts: EscrowFacts, reference: UTxO, plan: ActionPlan): void {
  const ref = reference.input;
  const size = String(facts.script.sizeBytes);
  for (const { utxo: u } of plan.spends) {
    b.spendingPlutusScriptV3()
      .txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address)
      .txInInlineDatumPresent()
      .txInRedeemerValue(toCbor(ESCROW_SPEND_REDEEMER), "CBOR")
      .spendingTxInReference(ref.txHash, ref.outputIndex, size, facts.script.hash);
  }
  for (const o of plan.outputs)
    b.txOut(o.address, o.amount).txOutInlineDatumValue(toCbor(o.datum), "CBOR");
  b.withdrawalPlutusScriptV3()
    .withdrawal(facts.rewardAddress, "0")
    .withdrawalTxInReference(ref.txHash, ref.outputIndex, size, facts.script.hash)
    .withdrawalRedeemerValue(toCbor(escrowBatch(plan.spends.map((s) => s.step))), "CBOR");
}

interface Context {
  input: BuildInput;
  facts: EscrowFacts;
  reference: UTxO;
  collateral: UTxO;
  window: SlotWindow;
  signers: string[];
  admins: EscrowAdmins;
}

/** Builds the transaction of `chosen` and adds the admins' witnesses. */
function attempt(c: Context) {
  const coins = c.input.protocol.params.coinsPerUtxoSize;
  return async (chosen: ResolveItem[]): Promise<string> => {
    const need = FEE_RESERVE_LOVELACE + resolveTopUpLovelace(chosen, coins);
    const feeInputs = pickFeeInputs(c.input.utxos, c.collateral, need);
    const b = await newTxBuilder(c.input);
    addPlan(b, c.facts, c.reference, planResolves(chosen, feeInputs, coins));
    for (const u of feeInputs) addInput(b, u);
    for (const k of c.signers) b.requiredSignerHash(k);
    const col = c.collateral;
    const unsigned = await b
      .txInCollateral(
        col.input.txHash,
        col.input.outputIndex,
        col.output.amount,
        col.output.address,
      )
      .invalidBefore(c.window.fromSlot)
      .invalidHereafter(c.window.toSlot)
      .changeAddress(c.input.walletAddress)
      .complete();
    // Signed here, so the size checked against the limits includes the admins' witnesses.
    return c.admins.sign(unsigned, c.signers);
  };
}

/** The resolve builder for the escrow described by `facts`, signing with `deps.admins`. */
export function escrowResolveBuilder(
  facts: EscrowFacts,
  deps: ResolveDeps,
  batchMax = 60,
): TxBuilder {
  async function build(input: BuildInput): Promise<BuildOutcome> {
    const reference = findEscrowReference(
      await input.fetcher.fetchAddressUTxOs(facts.holderAddress),
      facts.script.hash,
    );
    // Deployment comes first; resolving before it is an operator's mistake to surface loudly.
    if (reference === undefined)
      throw new Error(`${ESCROW_RESOLVE_KIND}: escrow ${facts.script.hash} is not deployed`);
    const window = { fromSlot: input.tip.slot, toSlot: input.tip.slot + VALIDITY_SLOTS };
    const { items, signers, rejected } = await screen(input, facts, deps, window);
    if (items.length === 0) return { tx: undefined, rejected };
    const collateral = pickCollateral(input.utxos);
    if (collateral === undefined) return { tx: undefined, rejected, waiting: NO_COLLATERAL };
    const ctx = { input, facts, reference, collateral, window, signers, admins: deps.admins };
    // The size checked includes the admins' witnesses; largestFitting adds the paying wallet's.
    const fit = await largestFitting(
      ESCROW_RESOLVE_KIND,
      items,
      input.protocol.params,
      attempt(ctx),
    );
    if (!fit) return { tx: undefined, rejected };
    const intentIds = fit.chosen.map((c) => c.id);
    return {
      tx: { unsignedCbor: fit.unsignedCbor, intentIds, invalidHereafterSlot: window.toSlot },
      rejected,
    };
  }
  return { kind: ESCROW_RESOLVE_KIND, batchMax, build };
}
