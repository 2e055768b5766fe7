/**
 * Blockfrost's `utils/txs/evaluate/utxos` answers in Ogmios's JSON: v5 (the default, what Mesh's
 * BlockfrostProvider parses) or v6 (`?version=6`). This module reads the additional UTxO set
 * and writes both answer shapes.
 */
import type { Evaluation } from "../evaluate.ts";
import { plutusScriptOf } from "../plutus-script.ts";
import type { RedeemerPurpose } from "../types.ts";
import { outputOfUtxo, type UTxO } from "../utxo.ts";
import { HttpError } from "./errors.ts";

const V5_PURPOSE: Record<RedeemerPurpose, string> = {
  spend: "spend",
  mint: "mint",
  cert: "certificate",
  reward: "withdrawal",
  vote: "vote",
  propose: "propose",
};

const V6_PURPOSE: Record<RedeemerPurpose, string> = {
  spend: "spend",
  mint: "mint",
  cert: "publish",
  reward: "withdraw",
  vote: "vote",
  propose: "propose",
};

const v5Envelope = (result: unknown) => ({
  type: "jsonwsp/response",
  version: "1.0",
  servicename: "ogmios",
  methodname: "EvaluateTx",
  result,
  reflection: { id: "devnet" },
});

/** The Ogmios answer for an evaluation (a decoding failure is a 400 instead). */
export function ogmiosAnswer(e: Evaluation, version: 5 | 6): unknown {
  if (e.kind === "badTx") throw new HttpError(400, `Could not decode the transaction: ${e.error}`);
  return version === 6 ? v6(e) : v5(e);
}

function v5(e: Exclude<Evaluation, { kind: "badTx" }>): unknown {
  if (e.kind === "ok") {
    const result: Record<string, { memory: number; steps: number }> = {};
    for (const b of e.budgets) {
      result[`${V5_PURPOSE[b.purpose]}:${b.index}`] = { memory: b.memory, steps: b.steps };
    }
    return v5Envelope({ EvaluationResult: result });
  }
  if (e.kind === "unknownInputs") {
    const refs = e.refs.map((r) => ({ txId: r.txHash, index: r.index }));
    return v5Envelope({ EvaluationFailure: { UnknownInputs: refs } });
  }
  const failures: Record<string, unknown> = {};
  for (const r of e.redeemers) {
    failures[`${V5_PURPOSE[r.purpose]}:${r.index}`] = [
      { validatorFailed: { error: failureText(e), traces: e.traces } },
    ];
  }
  return v5Envelope({ EvaluationFailure: { ScriptFailures: failures } });
}

function v6(e: Exclude<Evaluation, { kind: "badTx" }>): unknown {
  const base = { jsonrpc: "2.0", method: "evaluateTransaction", id: null };
  if (e.kind === "ok") {
    const result = e.budgets.map((b) => ({
      validator: { index: b.index, purpose: V6_PURPOSE[b.purpose] },
      budget: { memory: b.memory, cpu: b.steps },
    }));
    return { ...base, result };
  }
  if (e.kind === "unknownInputs") {
    const data = e.refs.map((r) => ({ transaction: { id: r.txHash }, index: r.index }));
    const message = "The transaction contains unknown UTxO references as inputs.";
    return { ...base, error: { code: 3117, message, data } };
  }
  const data = e.redeemers.map((r) => ({
    validator: { index: r.index, purpose: V6_PURPOSE[r.purpose] },
    error: {
      code: 3012,
      message: failureText(e),
      data: { validationError: e.error, traces: e.traces },
    },
  }));
  const message = "Some scripts of the transactions terminated with error(s).";
  return { ...base, error: { code: 3010, message, data } };
}

function failureText(e: Extract<Evaluation, { kind: "scriptFailure" }>): string {
  // scalus does not say which redeemer failed; with several, say so rather than guess.
  if (e.redeemers.length <= 1) return e.error;
  return `${e.error} (one of the ${e.redeemers.length} redeemers failed; the devnet cannot tell which)`;
}

type OgmiosTxOut = {
  address: string;
  value: Record<string, unknown>;
  datumHash?: string;
  datum_hash?: string;
  datum?: unknown;
  script?: Record<string, unknown>;
};

/**
 * Reads one `[TxIn, TxOut]` of the additional UTxO set into "txHash#index" → output CBOR. The
 * value may be Ogmios v5's (`coins`, `assets` keyed "policy.name") or the variant Mesh sends
 * (`coins` plus policy ids as keys).
 */
export function additionalUtxo(pair: [unknown, unknown], at: number): [string, string] {
  const txIn = pair[0] as { txId?: unknown; index?: unknown };
  const txOut = pair[1] as OgmiosTxOut;
  if (typeof txIn?.txId !== "string" || !/^[0-9a-f]{64}$/.test(txIn.txId)) {
    throw new HttpError(400, `additionalUtxoSet.${at}.0.txId must be a transaction hash`);
  }
  if (!Number.isInteger(txIn.index) || (txIn.index as number) < 0) {
    throw new HttpError(400, `additionalUtxoSet.${at}.0.index must be an output index`);
  }
  try {
    const output = outputOfUtxo({
      address: txOut.address,
      amount: ogmiosAmount(txOut.value),
      dataHash: txOut.datumHash ?? txOut.datum_hash,
      plutusData: typeof txOut.datum === "string" ? txOut.datum : undefined,
      scriptRef: ogmiosScriptRef(txOut.script),
    });
    const cbor = output.toCbor().toString();
    return [`${txIn.txId}#${txIn.index}`, cbor];
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, `additionalUtxoSet.${at}.1 is not a valid TxOut: ${why}`);
  }
}

function ogmiosAmount(value: Record<string, unknown>): UTxO["output"]["amount"] {
  const amount = [{ unit: "lovelace", quantity: BigInt(value.coins as number).toString() }];
  const add = (unit: string, q: unknown) =>
    amount.push({ unit, quantity: BigInt(q as number).toString() });
  for (const [key, v] of Object.entries(value)) {
    if (key === "coins") continue;
    if (key === "assets") {
      for (const [id, q] of Object.entries(v as Record<string, unknown>))
        add(id.replace(".", ""), q);
    } else if (/^[0-9a-f]{56}$/.test(key)) {
      for (const [name, q] of Object.entries(v as Record<string, unknown>)) add(key + name, q);
    }
  }
  return amount;
}

function ogmiosScriptRef(script: Record<string, unknown> | undefined): string | undefined {
  if (!script) return undefined;
  const versions = { "plutus:v1": "V1", "plutus:v2": "V2", "plutus:v3": "V3" } as const;
  for (const [key, version] of Object.entries(versions)) {
    const code = script[key];
    if (typeof code === "string") {
      return plutusScriptOf(code, version).toCbor().toString();
    }
  }
  throw new Error("only plutus:v1/v2/v3 reference scripts are supported");
}
