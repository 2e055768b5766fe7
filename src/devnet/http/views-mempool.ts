/**
 * Pending transactions in Blockfrost's `mempool_tx_content` shape. The mempool's own answer
 * differs from `txs/{hash}/utxos`: no block fields, inputs without amounts or datums, outputs
 * without `consumed_by_tx`, and redeemers inline.
 */
import type { OutputRef, ParsedOutput, ParsedTx } from "../types.ts";
import { amountJson, txBodyJson } from "./views.ts";

/** Finds the output a pending transaction refers to (on chain or made by the mempool). */
export type OutputResolver = (ref: OutputRef) => ParsedOutput | undefined;

type InputKind = "input" | "collateral" | "reference";

function resolved(resolve: OutputResolver, ref: OutputRef, txHash: string): ParsedOutput {
  const output = resolve(ref);
  // The ledger admitted the transaction against this very state, so every input must resolve.
  if (!output) throw new Error(`input ${ref.txHash}#${ref.index} of pending ${txHash} is unknown`);
  return output;
}

function inputJson(resolve: OutputResolver, p: ParsedTx, ref: OutputRef, kind: InputKind) {
  return {
    address: resolved(resolve, ref, p.hash).address,
    tx_hash: ref.txHash,
    output_index: ref.index,
    collateral: kind === "collateral",
    reference: kind === "reference",
  };
}

/** Blockfrost's `mempool_tx_content` for a pending transaction. */
export function mempoolTxJson(p: ParsedTx, resolve: OutputResolver) {
  // The deposit as the index reckons it for a confirmed transaction.
  const depositLovelace = p.certs.reduce((n, c) => n + c.depositLovelace, 0n);
  const input = (kind: InputKind) => (ref: OutputRef) => inputJson(resolve, p, ref, kind);
  const body = {
    tx: txBodyJson(p, depositLovelace),
    inputs: [
      ...p.inputs.map(input("input")),
      ...p.collateral.map(input("collateral")),
      ...p.referenceInputs.map(input("reference")),
    ],
    outputs: p.outputs.map((o, i) => ({
      address: o.address,
      amount: amountJson(o.amount),
      output_index: i,
      data_hash: o.dataHash,
      inline_datum: o.inlineDatum,
      collateral: false,
      reference_script_hash: o.referenceScript?.hash ?? null,
    })),
  };
  // Blockfrost's schema makes `redeemers` optional: it is left out when there are none.
  if (p.redeemers.length === 0) return body;
  return {
    ...body,
    redeemers: p.redeemers.map((r) => ({
      tx_index: r.index,
      purpose: r.purpose,
      unit_mem: r.mem.toString(),
      unit_steps: r.steps.toString(),
    })),
  };
}

/**
 * True when a pending transaction spends from or pays to `address`, the same rule the index
 * uses for an address's confirmed history (collateral and reference inputs do not count).
 */
export function touchesAddress(p: ParsedTx, address: string, resolve: OutputResolver): boolean {
  if (p.outputs.some((o) => o.address === address)) return true;
  return p.inputs.some((ref) => resolved(resolve, ref, p.hash).address === address);
}
