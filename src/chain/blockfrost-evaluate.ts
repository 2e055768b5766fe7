/**
 * Blockfrost's `utils/txs/evaluate/utxos` speaks Ogmios v5 JSON: this module writes its
 * additional UTxO set and reads its EvaluateTx answer.
 */
import { ChainResponseError, TxEvaluationError } from "./errors.ts";
import type { RedeemerBudget, RedeemerPurpose, Utxo } from "./port.ts";

const ENDPOINT = "utils/txs/evaluate/utxos";

/** Ogmios v5 tags (and the v6 names some backends use) to the port's purposes. */
const PURPOSES: Record<string, RedeemerPurpose> = {
  spend: "spend",
  mint: "mint",
  certificate: "cert",
  publish: "cert",
  withdrawal: "reward",
  withdraw: "reward",
  vote: "vote",
  propose: "propose",
};

function jsonNumber(n: bigint): number {
  // The endpoint takes JSON numbers; no real amount reaches 2^53, and a silent rounding would
  // make the evaluation lie, so refuse instead.
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large for JSON: ${n}`);
  return Number(n);
}

/** One `[TxIn, TxOut]` pair of Ogmios v5's additional UTxO set. */
export function toOgmiosUtxo(u: Utxo): [object, object] {
  const assets: Record<string, number> = {};
  for (const [unit, quantity] of Object.entries(u.value.assets)) {
    // Ogmios names an asset "policyId.assetName" (the policy alone when the name is empty).
    const name = unit.slice(56);
    assets[name === "" ? unit.slice(0, 56) : `${unit.slice(0, 56)}.${name}`] = jsonNumber(quantity);
  }
  const txOut: Record<string, unknown> = {
    address: u.address,
    value: { coins: jsonNumber(u.value.lovelace), assets },
  };
  if (u.dataHash !== null && u.inlineDatumCbor === null) txOut.datumHash = u.dataHash;
  if (u.inlineDatumCbor !== null) txOut.datum = u.inlineDatumCbor;
  return [{ txId: u.txHash, index: u.outputIndex }, txOut];
}

/** Reads an EvaluateTx answer; an EvaluationFailure or fault becomes `TxEvaluationError`. */
export function parseEvaluation(body: unknown): RedeemerBudget[] {
  const b = body as { result?: Record<string, unknown>; fault?: unknown } | null;
  if (b?.fault !== undefined) throw new TxEvaluationError(b.fault);
  const result = b?.result;
  if (result?.EvaluationFailure !== undefined)
    throw new TxEvaluationError(result.EvaluationFailure);
  const ok = result?.EvaluationResult as Record<string, { memory?: unknown; steps?: unknown }>;
  if (typeof ok !== "object" || ok === null) {
    throw new ChainResponseError(ENDPOINT, `no EvaluationResult in ${JSON.stringify(body)}`);
  }
  return Object.entries(ok).map(([key, budget]) => {
    const [tag = "", index = ""] = key.split(":");
    const purpose = PURPOSES[tag];
    const { memory, steps } = budget;
    if (!purpose || !/^\d+$/.test(index) || !Number.isInteger(memory) || !Number.isInteger(steps)) {
      throw new ChainResponseError(ENDPOINT, `bad budget entry ${key}: ${JSON.stringify(budget)}`);
    }
    return {
      purpose,
      index: Number(index),
      mem: BigInt(memory as number),
      steps: BigInt(steps as number),
    };
  });
}
