/**
 * Escrow transactions as the node will build them (Mesh, reference scripts, one zero
 * withdrawal running the batch), split into a plan (inputs, steps, outputs) and a build, so
 * tests can break one part of a correct plan and check that the script names the rule.
 */
import { MeshTxBuilder, type UTxO } from "@meshsdk/core";
import {
  assetPosition,
  type ClaimAmount,
  escrowBatch,
  escrowDatum,
  ESCROW_SPEND_REDEEMER,
  inputPositions,
  payoutTag,
  type EscrowDatum,
  type EscrowStep,
} from "../escrow-data.ts";
import { nextDatum, type StepInputs } from "../escrow-rules.ts";
import { voucherMessage } from "../../src/domain/voucher.ts";
import type { EscrowAction } from "../escrow/layout.ts";
import { toCbor, type PlutusData } from "../plutus-data.ts";
import { DEVNET_MESH_PARAMS, timeOf, type TestChain } from "./chain.ts";
import type { Deployment } from "./deploy.ts";
import { signAll, type Party } from "./parties.ts";

export interface Asset {
  unit: string;
  quantity: string;
}

export interface PlannedOutput {
  address: string;
  amount: Asset[];
  datum?: PlutusData;
  /** A reference script to attach (double-CBOR), only to break plans in tests. */
  referenceScript?: string;
}

export interface PlannedSpend {
  utxo: UTxO;
  step: EscrowStep;
}

export interface SpendPlan {
  spends: PlannedSpend[];
  /**
   * The payer's inputs that pay the fee (and any lovelace payouts need): fixed before planning,
   * because payouts are tagged with the escrow inputs' positions among all inputs.
   */
  feeInputs: UTxO[];
  outputs: PlannedOutput[];
  /** Parties whose key hashes the transaction names as required signers. */
  signers: Party[];
  /** Pays the fee, gives collateral, gets the change. */
  payer: Party;
  fromSlot: number;
  /** The upper bound; null leaves the transaction open-ended (tests of the finite-range rule). */
  toSlot: number | null;
  /** Replaces the batch redeemer built from the steps (tests of malformed batches). */
  batchRedeemer?: PlutusData;
  /** Leaves the zero withdrawal out, so the batch never runs (tests of the spending branch). */
  withoutBatch?: boolean;
}

/** Lovelace a payout holding tokens gets at least (its minimum UTxO, with a tag datum). */
export const PAYOUT_MIN_LOVELACE = 2_000_000n;

// ---- Amounts ----------------------------------------------------------------------------------

export const qty = (amount: Asset[], unit: string): bigint =>
  amount.filter((a) => a.unit === unit).reduce((s, a) => s + BigInt(a.quantity), 0n);

/** `amount` with `delta` added to `unit` (entries that reach zero disappear). */
export function adjust(amount: Asset[], unit: string, delta: bigint): Asset[] {
  const next = qty(amount, unit) + delta;
  const others = amount.filter((a) => a.unit !== unit);
  if (next < 0n) throw new Error(`negative ${unit}`);
  const entry = next === 0n ? [] : [{ unit, quantity: next.toString() }];
  return unit === "lovelace" ? [...entry, ...others] : [...others, ...entry];
}

const atLeastLovelace = (amount: Asset[], min: bigint): Asset[] => {
  const l = qty(amount, "lovelace");
  return l >= min ? amount : adjust(amount, "lovelace", min - l);
};

// ---- Locking ----------------------------------------------------------------------------------

export interface NewEscrow {
  datum: EscrowDatum;
  amount: Asset[];
}

/** Locks escrows (one output each) from `payer`'s wallet; returns the signed transaction. */
export async function lockTx(
  chain: TestChain,
  d: Deployment,
  payer: Party,
  escrows: NewEscrow[],
): Promise<string> {
  let b = new MeshTxBuilder({ params: DEVNET_MESH_PARAMS });
  for (const e of escrows) {
    b = b
      .txOut(d.escrowAddress, e.amount)
      .txOutInlineDatumValue(toCbor(escrowDatum(e.datum)), "CBOR");
  }
  const unsigned = await b
    .changeAddress(payer.address)
    .selectUtxosFrom(walletOf(chain, payer).spendable)
    .complete();
  return payer.wallet.signTx(unsigned);
}

/** Locks escrows and returns their UTxOs, in output order. */
export async function lock(
  chain: TestChain,
  d: Deployment,
  payer: Party,
  escrows: NewEscrow[],
): Promise<UTxO[]> {
  const txHash = chain.submit(await lockTx(chain, d, payer, escrows));
  return escrows.map((_, i) => {
    const u = chain.utxo(txHash, i);
    if (u === undefined) throw new Error("locked output missing");
    return u;
  });
}

// ---- Planning ---------------------------------------------------------------------------------

export interface ActionItem {
  utxo: UTxO;
  datum: EscrowDatum;
  action: EscrowAction;
  resultHash?: string;
  release?: { unit: string; amount: bigint };
  /** SubmitResult: the claim it carries. */
  claim?: ClaimAmount[] | null;
  /** RedeemVoucher: the voucher (built by `signedVoucher`). */
  voucher?: { unit: string; total: bigint; vkey: string; signature: string };
  /** ResolveDispute: what each party gets (together, at least the escrow's value). */
  split?: { seller: Asset[]; buyer: Asset[] };
}

/** The ledger's input order: by transaction id, then output index. */
export const byOutRef = (a: UTxO, b: UTxO): number =>
  a.input.txHash === b.input.txHash
    ? a.input.outputIndex - b.input.outputIndex
    : a.input.txHash < b.input.txHash
      ? -1
      : 1;

/** The correct steps and outputs for `items` under the validity window (slots). */
export function planActions(
  d: Deployment,
  items: ActionItem[],
  window: { fromSlot: number; toSlot: number },
  feeInputs: UTxO[],
): { spends: PlannedSpend[]; outputs: PlannedOutput[] } {
  const validity = { lowerMs: timeOf(window.fromSlot), upperMs: timeOf(window.toSlot) };
  const outputs: PlannedOutput[] = [];
  const push = (o: PlannedOutput): number => outputs.push(o) - 1;
  const sorted = [...items].sort((a, b) => byOutRef(a.utxo, b.utxo));
  const positions = inputPositions(
    [...items, ...feeInputs.map((utxo) => ({ utxo }))].map((x) => x.utxo.input),
  );
  const spends = sorted.map((item): PlannedSpend => {
    const { utxo, datum } = item;
    const tag = payoutTag(positions.get(`${utxo.input.txHash}#${utxo.input.outputIndex}`) ?? -1);
    const amount = utxo.output.amount as Asset[];
    const cont = (next: EscrowDatum, value: Asset[]): number =>
      push({ address: utxo.output.address, amount: value, datum: escrowDatum(next) });
    const cooldownMs = d.params.cooldownMs;
    // An action the rules refuse keeps the datum as it is: the validator must refuse it too.
    const next = (action: Parameters<typeof nextDatum>[1], inputs?: StepInputs): EscrowDatum => {
      try {
        return nextDatum(datum, action, validity, cooldownMs, inputs);
      } catch {
        return datum;
      }
    };
    const units = amount.map((a) => a.unit);
    /** Pays `paid` of one unit to `payee` now; the rest continues under `nextD`. */
    const part = (unit: string, paid: bigint, payee: string, nextD: EscrowDatum) => {
      const continuingOutput = cont(nextD, adjust(amount, unit, -paid));
      const paidAmount = atLeastLovelace(
        [{ unit, quantity: paid.toString() }],
        unit === "lovelace" ? 0n : PAYOUT_MIN_LOVELACE,
      );
      const payeeOutput = push({ address: payee, amount: paidAmount, datum: tag });
      return { asset: assetPosition(units, unit), continuingOutput, payeeOutput };
    };
    switch (item.action) {
      case "SubmitResult": {
        const resultHash = item.resultHash ?? "ab".repeat(32);
        const claim = item.claim ?? null;
        const continuingOutput = cont(next("SubmitResult", { resultHash, claim }), amount);
        return { utxo, step: { action: "SubmitResult", resultHash, continuingOutput, claim } };
      }
      case "RequestRefund":
      case "CancelRefund":
      case "AuthorizeRefund": {
        const continuingOutput = cont(next(item.action), amount);
        return { utxo, step: { action: item.action, continuingOutput } };
      }
      case "Withdraw":
      case "Accept": {
        const { seller, buyer } = settlement(datum, amount);
        const sellerOutput = push({ address: datum.seller, amount: seller, datum: tag });
        const buyerOutput = push({ address: datum.buyer, amount: buyer, datum: tag });
        return { utxo, step: { action: item.action, sellerOutput, buyerOutput } };
      }
      case "WithdrawRefund": {
        const buyerOutput = push({ address: datum.buyer, amount, datum: tag });
        return { utxo, step: { action: "WithdrawRefund", buyerOutput } };
      }
      case "ResolveDispute": {
        const split = item.split ?? {
          seller: amount,
          buyer: [{ unit: "lovelace", quantity: PAYOUT_MIN_LOVELACE.toString() }],
        };
        const sellerOutput = push({ address: datum.seller, amount: split.seller, datum: tag });
        const buyerOutput = push({ address: datum.buyer, amount: split.buyer, datum: tag });
        return { utxo, step: { action: "ResolveDispute", sellerOutput, buyerOutput } };
      }
      case "Release": {
        const r = item.release ?? { unit: "lovelace", amount: 1_000_000n };
        const p = part(r.unit, r.amount, datum.seller, next("Release"));
        const { asset, continuingOutput, payeeOutput: sellerOutput } = p;
        const step = { action: "Release" as const, asset, amount: r.amount, continuingOutput };
        return { utxo, step: { ...step, sellerOutput } };
      }
      case "PartialRefund": {
        const r = item.release ?? { unit: USDM_OF(units), amount: 1_000_000n };
        const p = part(r.unit, r.amount, datum.buyer, next("PartialRefund"));
        const { asset, continuingOutput, payeeOutput: buyerOutput } = p;
        const step = {
          action: "PartialRefund" as const,
          asset,
          amount: r.amount,
          continuingOutput,
        };
        return { utxo, step: { ...step, buyerOutput } };
      }
      case "RedeemVoucher": {
        const v = item.voucher;
        if (v === undefined) throw new Error("RedeemVoucher needs a voucher");
        const nextD = next("RedeemVoucher", { voucherTotal: v.total });
        const p = part(v.unit, v.total - datum.voucherTotal, datum.seller, nextD);
        return {
          utxo,
          step: {
            action: "RedeemVoucher",
            asset: p.asset,
            total: v.total,
            continuingOutput: p.continuingOutput,
            sellerOutput: p.payeeOutput,
            vkey: v.vkey,
            signature: v.signature,
          },
        };
      }
    }
  });
  return { spends, outputs };
}

/** The first token unit of an escrow's value (its USDM in these tests), else lovelace. */
const USDM_OF = (units: string[]): string => units.find((u) => u !== "lovelace") ?? "lovelace";

/**
 * What Withdraw and Accept pay: without a claim, all but the buyer's deposit to the seller; with
 * one, of each claimed unit the claim or all held if less to the seller, the rest to the buyer.
 * Each payout gets at least its minimum lovelace (the payer adds it).
 */
export function settlement(
  datum: EscrowDatum,
  amount: Asset[],
): { seller: Asset[]; buyer: Asset[] } {
  if (datum.claim === null) {
    return {
      seller: atLeastLovelace(
        adjust(amount, "lovelace", -datum.buyerLovelace),
        PAYOUT_MIN_LOVELACE,
      ),
      buyer: [{ unit: "lovelace", quantity: datum.buyerLovelace.toString() }],
    };
  }
  let seller: Asset[] = [];
  let buyer = amount;
  for (const { unit, amount: claimed } of datum.claim) {
    const due = claimed < qty(buyer, unit) ? claimed : qty(buyer, unit);
    if (due === 0n) continue;
    seller = adjust(seller, unit, due);
    buyer = adjust(buyer, unit, -due);
  }
  return {
    seller: atLeastLovelace(seller, PAYOUT_MIN_LOVELACE),
    buyer: atLeastLovelace(buyer, PAYOUT_MIN_LOVELACE),
  };
}

/** A voucher for `total` of `unit` on the escrow `datum`, signed by `signer`. */
export function signedVoucher(
  d: Deployment,
  datum: EscrowDatum,
  signer: Party,
  unit: string,
  total: bigint,
): NonNullable<ActionItem["voucher"]> {
  // The node's own message layout (src/domain/voucher.ts), which the script rebuilds.
  const message = voucherMessage({
    scriptHash: d.escrow.hash,
    reference: datum.reference,
    unit,
    total,
  });
  return { unit, total, vkey: signer.vkey, signature: signer.signBytes(message) };
}

// ---- Building ---------------------------------------------------------------------------------

/** Every party keeps one ADA-only UTxO of exactly this much as collateral, never spent. */
export const COLLATERAL_LOVELACE = 20_000_000n;

const isCollateral = (u: UTxO): boolean =>
  u.output.amount.length === 1 && u.output.amount[0]?.quantity === COLLATERAL_LOVELACE.toString();

/** The payer's UTxO with the most lovelace (never its collateral): pays a spend's fee. */
export function feeInput(chain: TestChain, payer: Party): UTxO {
  const lovelace = (u: UTxO): bigint => qty(u.output.amount as Asset[], "lovelace");
  const [best] = walletOf(chain, payer).spendable.sort((a, b) =>
    lovelace(b) > lovelace(a) ? 1 : lovelace(b) < lovelace(a) ? -1 : 0,
  );
  if (best === undefined) throw new Error(`${payer.name} has nothing to pay a fee with`);
  return best;
}

/** The payer's collateral UTxO, and the UTxOs its coin selection may use (all the others). */
export function walletOf(chain: TestChain, payer: Party): { collateral: UTxO; spendable: UTxO[] } {
  const utxos = chain.utxosAt(payer.address);
  const collateral = utxos.find(isCollateral);
  if (collateral === undefined) throw new Error(`${payer.name} has no collateral UTxO`);
  return { collateral, spendable: utxos.filter((u) => u !== collateral) };
}

export interface BuildOptions {
  /** Skip script evaluation and set these units on every redeemer (to reach the ledger). */
  fixedExUnits?: { mem: number; steps: number };
}

/** Builds the unsigned transaction of a plan. */
export async function buildSpend(
  chain: TestChain,
  d: Deployment,
  plan: SpendPlan,
  opts: BuildOptions = {},
): Promise<string> {
  const evaluator = opts.fixedExUnits === undefined ? chain.evaluator : undefined;
  let b = new MeshTxBuilder({ params: DEVNET_MESH_PARAMS, fetcher: chain.fetcher, evaluator });
  const ref = d.escrowRef;
  const size = String(d.escrow.sizeBytes);
  const units = opts.fixedExUnits;
  for (const s of plan.spends) {
    const u = s.utxo;
    b = b
      .spendingPlutusScriptV3()
      .txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address)
      .txInInlineDatumPresent()
      .txInRedeemerValue(toCbor(ESCROW_SPEND_REDEEMER), "CBOR", units)
      .spendingTxInReference(ref.txHash, ref.outputIndex, size, d.escrow.hash);
  }
  for (const o of plan.outputs) {
    b = b.txOut(o.address, o.amount);
    if (o.datum !== undefined) b = b.txOutInlineDatumValue(toCbor(o.datum), "CBOR");
    if (o.referenceScript !== undefined) b = b.txOutReferenceScript(o.referenceScript, "V3");
  }
  const steps = [...plan.spends].sort((x, y) => byOutRef(x.utxo, y.utxo)).map((s) => s.step);
  if (plan.withoutBatch !== true) {
    b = b
      .withdrawalPlutusScriptV3()
      .withdrawal(d.rewardAddress, "0")
      .withdrawalTxInReference(ref.txHash, ref.outputIndex, size, d.escrow.hash)
      .withdrawalRedeemerValue(toCbor(plan.batchRedeemer ?? escrowBatch(steps)), "CBOR", units);
  }
  for (const s of plan.signers) b = b.requiredSignerHash(s.keyHash);
  for (const u of plan.feeInputs)
    b = b.txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address);
  const { collateral: c } = walletOf(chain, plan.payer);
  b = b
    .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
    .invalidBefore(plan.fromSlot);
  if (plan.toSlot !== null) b = b.invalidHereafter(plan.toSlot);
  // No coin selection: it would add inputs after the payouts were tagged with positions.
  return b.changeAddress(plan.payer.address).complete();
}

/** Builds, signs (payer and signers) and submits a plan; returns the transaction hash. */
export async function submitPlan(
  chain: TestChain,
  d: Deployment,
  plan: SpendPlan,
  opts: BuildOptions = {},
): Promise<string> {
  const unsigned = await buildSpend(chain, d, plan, opts);
  const signers = [plan.payer, ...plan.signers.filter((s) => s.keyHash !== plan.payer.keyHash)];
  return chain.submit(await signAll(unsigned, signers));
}
