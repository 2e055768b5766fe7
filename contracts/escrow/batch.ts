/**
 * The rewarding branch: checks every escrow input of the transaction in one pass.
 *
 * The redeemer is a list of steps, one per escrow input in input order (the ledger sorts inputs
 * by out-ref); each step names the action and the indices of the outputs it pays. Inputs at
 * other addresses (the wallet's coins) are skipped but counted: an escrow's position among all
 * inputs is what its payouts are tagged with (see outputs.ts). The outputs are walked with one cursor, so
 * a batch of n escrows costs O(n + outputs), not O(n²).
 */
import { int, plet, pmakeUnit, unit, type PUnit } from "@harmoniclabs/plu-ts";
import { call, lambda, recursive } from "../onchain/fn.ts";
import { TxInfoField } from "../onchain/ledger.ts";
import {
  add,
  at,
  ctorOf,
  dataList,
  eqData,
  eqInt,
  fail,
  fieldsOf,
  head,
  ifThenElse,
  isEmpty,
  less,
  not,
  or,
  pInt,
  requireAll,
  tail,
  unList,
  type TData,
  type TInt,
  type TBool,
  type TList,
  type TUnit,
} from "../onchain/prelude.ts";
import { withTxEnv, type EscrowParams, type TxEnv } from "./env.ts";
import { EscrowTrace as T, StepTag } from "./layout.ts";
import { payPart, resolveDispute, settle, withdrawRefund } from "./payouts.ts";
import {
  authorizeRefund,
  cancelRefund,
  requestRefund,
  submitResult,
  type StepArgs,
} from "./transitions.ts";
import { escrowInput } from "./view.ts";

/**
 * Chooses the action by the step's constructor tag. Withdraw and Accept share one body, and so
 * do Release, PartialRefund and RedeemVoucher (see payouts.ts): each body is emitted once.
 */
function dispatch(tag: TInt, a: StepArgs): TUnit {
  const is = (t: number) => eqInt(tag, pInt(t));
  const below = (t: number) => less(tag, pInt(t));
  const pick = (cond: ReturnType<typeof is>, x: TUnit, y: TUnit) => ifThenElse(unit, cond, x, y);
  const unknown = fail<PUnit>(unit, T.unknownStep);
  const isAccept = plet(is(StepTag.Accept)) as TBool;
  return pick(
    below(StepTag.Withdraw),
    pick(
      below(StepTag.CancelRefund),
      pick(is(StepTag.SubmitResult), submitResult(a), requestRefund(a)),
      pick(is(StepTag.CancelRefund), cancelRefund(a), authorizeRefund(a)),
    ),
    pick(
      or(is(StepTag.Withdraw), isAccept),
      settle(a, isAccept),
      pick(
        below(StepTag.Release),
        pick(is(StepTag.WithdrawRefund), withdrawRefund(a), resolveDispute(a)),
        pick(below(StepTag.Accept), payPart(a, tag), unknown),
      ),
    ),
  );
}

/** The batch loop over the inputs; `steps` and the output cursor advance with it. */
function batchLoop(env: TxEnv): ReturnType<typeof recursive> {
  const loopT = [dataList, dataList, dataList, int, int];
  return recursive(loopT, unit, (self, ins, steps, outs, next, pos) => {
    const inputs = ins as TList;
    const nextPos = add(pos as TInt, pInt(1));
    const resolved = plet(fieldsOf(at(1, fieldsOf(head(inputs))))) as TList;
    const credential = head(fieldsOf(head(resolved)));
    const stepList = steps as TList;
    const step = plet(head(stepList)) as TData;
    // Bound once: every action ends by calling it.
    const k = plet(
      lambda([dataList, int], unit, (outsLeft, nextIndex) =>
        call(self, tail(inputs), tail(stepList), outsLeft, nextIndex, nextPos),
      ),
    );
    const handle = requireAll(
      unit,
      [[T.missingStep, not(isEmpty(stepList))]],
      dispatch(plet(ctorOf(step)) as TInt, {
        env,
        escrow: escrowInput(pos as TInt, resolved),
        fields: plet(fieldsOf(step)) as TList,
        outs: outs as TList,
        next: next as TInt,
        k,
      }),
    );
    return ifThenElse(
      unit,
      isEmpty(inputs),
      requireAll(unit, [[T.extraStep, isEmpty(stepList)]], pmakeUnit()),
      ifThenElse(
        unit,
        eqData(credential, env.ownCredential),
        handle,
        call(self, tail(inputs), stepList, outs, next, nextPos),
      ),
    );
  });
}

/** Runs the batch for the rewarding purpose `Rewarding(ownCredential)`. */
export function batch(
  params: EscrowParams,
  txInfo: TList,
  redeemer: TData,
  ownCredential: TData,
): TUnit {
  return withTxEnv(params, txInfo, ownCredential, (env) =>
    call(
      batchLoop(env),
      unList(at(TxInfoField.inputs, txInfo)),
      unList(redeemer),
      unList(at(TxInfoField.outputs, txInfo)),
      pInt(0),
      pInt(0),
    ),
  );
}
