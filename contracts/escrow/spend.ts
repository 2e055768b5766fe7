/**
 * The spending branch, run once per escrow input: it only demands that the batch (this same
 * script, as a zero withdrawal from its own reward address) runs in the transaction, where
 * every escrow input is checked. It finds its own credential by looking its out-ref up among
 * the inputs; that scan is the only part that grows with the batch.
 */
import { unit, pmakeUnit } from "@harmoniclabs/plu-ts";
import { TxInfoField, paymentCredential } from "../onchain/ledger.ts";
import { hasKey, resolvedOf } from "../onchain/lists.ts";
import {
  at,
  fieldsOf,
  head,
  requireAll,
  unList,
  unMap,
  type TData,
  type TList,
  type TUnit,
} from "../onchain/prelude.ts";
import { EscrowTrace as T } from "./layout.ts";

export function spend(txInfo: TList, ownRef: TData): TUnit {
  const resolved = resolvedOf(ownRef, unList(at(TxInfoField.inputs, txInfo)));
  const credential = paymentCredential(head(fieldsOf(resolved)));
  const withdrawals = unMap(at(TxInfoField.withdrawals, txInfo));
  return requireAll(unit, [[T.batchMissing, hasKey(credential, withdrawals)]], pmakeUnit());
}
