/**
 * Script budgets for a transaction, computed by scalus against the ledger's state plus any
 * UTxOs the caller supplies, as Blockfrost's `utils/txs/evaluate/utxos` does with Ogmios.
 */
import scalus from "scalus";
import { Serialization } from "@cardano-sdk/core";
import { refKey, utxoMapCbor } from "./cbor.ts";
import { SCALUS_SLOT_CONFIG } from "./emulator.ts";
import { COST_MODELS } from "./params.ts";
import type { OutputRef, RedeemerPurpose } from "./types.ts";

export interface RedeemerBudget {
  purpose: RedeemerPurpose;
  index: number;
  memory: number;
  steps: number;
}

export type Evaluation =
  | { kind: "ok"; budgets: RedeemerBudget[] }
  | { kind: "unknownInputs"; refs: OutputRef[] }
  | {
      kind: "scriptFailure";
      redeemers: { purpose: RedeemerPurpose; index: number }[];
      error: string;
      traces: string[];
    }
  | { kind: "badTx"; error: string };

const TAGS: Record<string, RedeemerPurpose> = {
  spend: "spend",
  mint: "mint",
  cert: "cert",
  reward: "reward",
  voting: "vote",
  vote: "vote",
  proposing: "propose",
  propose: "propose",
};

/**
 * Evaluates every script of `txCborHex`. Inputs resolve from `extra` first (output CBOR by
 * "txHash#index"), then from `resolve` (the ledger's confirmed + mempool state).
 */
export function evaluateTx(
  txCborHex: string,
  extra: ReadonlyMap<string, string>,
  resolve: (ref: OutputRef) => string | undefined,
): Evaluation {
  let tx;
  try {
    tx = Serialization.Transaction.fromCbor(Serialization.TxCBOR(txCborHex));
  } catch (error) {
    return { kind: "badTx", error: message(error) };
  }
  const body = tx.body();
  const refs = [
    ...body.inputs().values(),
    ...(body.collateral()?.values() ?? []),
    ...(body.referenceInputs()?.values() ?? []),
  ].map((i) => ({ txHash: i.transactionId().toString(), index: Number(i.index()) }));
  const entries = new Map<string, { txHash: string; index: number; outputCbor: string }>();
  const unknown: OutputRef[] = [];
  for (const ref of refs) {
    const outputCbor = extra.get(refKey(ref)) ?? resolve(ref);
    if (outputCbor === undefined) unknown.push(ref);
    else entries.set(refKey(ref), { ...ref, outputCbor });
  }
  if (unknown.length > 0) return { kind: "unknownInputs", refs: unknown };
  try {
    const redeemers = scalus.Scalus.evalPlutusScripts(
      Buffer.from(txCborHex, "hex"),
      utxoMapCbor(entries.values()),
      SCALUS_SLOT_CONFIG,
      COST_MODELS,
    );
    return {
      kind: "ok",
      budgets: redeemers.map((r) => ({
        purpose: TAGS[r.tag.toLowerCase()] ?? "spend",
        index: r.index,
        memory: Number(r.budget.memory),
        steps: Number(r.budget.steps),
      })),
    };
  } catch (error) {
    // scalus does not say which redeemer failed; the caller reports it against all of them.
    const declared = (tx.witnessSet().redeemers()?.values() ?? []).map((r) => ({
      purpose: TAGS[Serialization.RedeemerTag[r.tag()]?.toLowerCase() ?? ""] ?? "spend",
      index: Number(r.index()),
    }));
    const logs = (error as { logs?: unknown }).logs;
    return {
      kind: "scriptFailure",
      redeemers: declared,
      error: message(error),
      traces: Array.isArray(logs) ? logs.map(String) : [],
    };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
