/**
 * Pairing escrow inputs with their outputs. The batch redeemer names, per escrow, the index of
 * each output it pays; the batch walks the outputs once with a cursor, and every index must be
 * greater than the last one used, so no output can count for two escrows (or two roles).
 * Payouts also carry, as inline datum, the escrow input's index among the transaction's inputs:
 * within one transaction that index names one input as surely as its out-ref does (the inputs
 * are a set, each at one position), so no other script that tags its payouts by input (index or
 * out-ref) can count them for an input of its own. It is 1 byte where an out-ref is 38.
 *
 * Functions here take a continuation `k(outputsLeft, nextIndex)`: the batch carries on from
 * where this escrow stopped.
 */
import { DataConstr } from "@harmoniclabs/plu-ts";
import { bool, data, int, lam, pData, plet, unit } from "@harmoniclabs/plu-ts";
import { bind, call, hoisted, lambda, type AnyTerm } from "../onchain/fn.ts";
import { drop } from "../onchain/lists.ts";
import {
  add,
  at,
  cons,
  constrData,
  dataList,
  eqData,
  fieldsOf,
  fail,
  head,
  iData,
  ifThenElse,
  lessEq,
  nilData,
  pInt,
  requireAll,
  sub,
  tail,
  unMap,
  type TBool,
  type TData,
  type TInt,
  type TList,
  type TPairList,
  type TUnit,
} from "../onchain/prelude.ts";
import { EscrowTrace, MAX_TOKENS_PER_ESCROW } from "./layout.ts";
import { assetsAtMost } from "../onchain/value.ts";

/** The continuation's type: `(outputsLeft, nextIndex) -> unit`. */
export const contT = lam(dataList, lam(int, unit));

/** `Maybe ScriptHash`'s `Nothing`, for outputs that must carry no reference script. */
export const NOTHING = pData(new DataConstr(1, []));

/** `OutputDatum`'s `OutputDatum d` (an inline datum). */
export const inlineDatum = (d: TData): TData => constrData(pInt(2), cons(d, nilData()));

/** Builds a `TxOut` as data, for comparing a whole output at once. */
export function txOutData(address: TData, value: TData, datum: TData): TData {
  return constrData(
    pInt(0),
    cons(address, cons(value, cons(inlineDatum(datum), cons(NOTHING, nilData())))),
  );
}

/**
 * Takes output `index` from the cursor `outs` (whose head has index `next`) and runs `body` with
 * it, the outputs after it, and the next free index.
 */
export function takeOutput(
  index: TInt,
  outs: TList,
  next: TInt,
  body: (out: TData, rest: TList, nextIndex: TInt) => TUnit,
): TUnit {
  return requireAll(
    unit,
    [[EscrowTrace.outputOrder, lessEq(next, index)]],
    bind(dataList, unit, drop(sub(index, next), outs), (from) =>
      body(plet(head(from as TList)) as TData, tail(from as TList), add(index, pInt(1))),
    ),
  );
}

/**
 * The continuing output at `index`: `valueOk` accepts its value, which holds at most the allowed
 * number of assets, and it is otherwise exactly the input's address with the new datum
 * `Constr 0 (state : result : buyerCooldown : sellerCooldown : claim : voucherTotal : unchanged)`
 * inline and no reference script. On a mismatch each part is compared to name the one that differs.
 */
export const pcontinue = hoisted(
  lambda(
    [int, dataList, int, data, dataList, int, data, int, int, data, int, lam(data, bool), contT],
    unit,
    (
      index,
      outs,
      next,
      address,
      unchanged,
      state,
      result,
      buyerCd,
      sellerCd,
      claim,
      vouchers,
      valueOk,
      k,
    ) => {
      const rest = cons(claim as TData, cons(iData(vouchers as TInt), unchanged as TList));
      const datum = constrData(
        pInt(0),
        cons(
          iData(state as TInt),
          cons(result as TData, cons(iData(buyerCd as TInt), cons(iData(sellerCd as TInt), rest))),
        ),
      );
      return takeOutput(index as TInt, outs as TList, next as TInt, (out, rest, nextIndex) => {
        const value = plet(at(1, fieldsOf(out))) as TData;
        const expected = plet(txOutData(address as TData, value, datum)) as TData;
        return requireAll(
          unit,
          [
            [EscrowTrace.contValue, call(valueOk, value)],
            [
              EscrowTrace.tooManyAssets,
              assetsAtMost(pInt(MAX_TOKENS_PER_ESCROW + 1), unMap(value)),
            ],
          ],
          ifThenElse(
            unit,
            eqData(out, expected),
            call(k, rest, nextIndex),
            diagnoseContinuing(out, expected),
          ),
        );
      });
    },
  ),
);

/**
 * Names the part of a continuing output that differs. `expected` was built with the output's own
 * value, so when address and datum match, only the reference script can differ.
 */
function diagnoseContinuing(out: TData, expected: TData): TUnit {
  const o = plet(fieldsOf(out)) as TList;
  const e = plet(fieldsOf(expected)) as TList;
  return requireAll(
    unit,
    [
      [EscrowTrace.contAddress, eqData(head(o), head(e))],
      [EscrowTrace.contDatum, eqData(at(2, o), at(2, e))],
    ],
    fail(unit, EscrowTrace.contRefScript),
  );
}

/**
 * The output at `index` pays `party` (the exact address from the datum) and is tagged with the
 * escrow input's position; `body` then checks its value.
 */
export const ppayout = hoisted(
  lambda(
    [int, dataList, int, data, data, lam(data, contT)],
    unit,
    (index, outs, next, party, tag, body) =>
      takeOutput(index as TInt, outs as TList, next as TInt, (out, rest, nextIndex) => {
        const o = plet(fieldsOf(out)) as TList;
        return requireAll(
          unit,
          [
            [EscrowTrace.payoutAddress, eqData(head(o), party as TData)],
            [EscrowTrace.payoutTag, eqData(at(2, o), tag as TData)],
          ],
          call(body, at(1, o), rest, nextIndex),
        );
      }),
  ),
);

/** Runs `then(valueMap, rest, next)` after checking the payout at `index` (see `ppayout`). */
export function payout(
  index: TInt,
  outs: TList,
  next: TInt,
  party: TData,
  tag: TData,
  then: (value: TPairList, rest: TList, nextIndex: TInt) => TUnit,
): TUnit {
  const body = lambda([data, dataList, int], unit, (value, rest, nextIndex) =>
    then(unMap(value as TData), rest as TList, nextIndex as TInt),
  );
  return call(ppayout, index, outs, next, party, tag, body);
}

/** The new state of a continuing escrow (see `pcontinue`). */
export interface NewState {
  state: TInt;
  result: TData;
  buyerCooldownMs: TInt;
  sellerCooldownMs: TInt;
  claim: TData;
  voucherTotal: TInt;
}

export const continueWith = (
  a: { outs: TList; next: TInt; k: AnyTerm },
  index: TInt,
  input: { address: TData; unchangedFields: TList },
  s: NewState,
  valueOk: (value: TData) => TBool,
): TUnit =>
  call(
    pcontinue,
    index,
    a.outs,
    a.next,
    input.address,
    input.unchangedFields,
    s.state,
    s.result,
    s.buyerCooldownMs,
    s.sellerCooldownMs,
    s.claim,
    s.voucherTotal,
    lambda([data], bool, (v) => valueOk(v as TData)),
    a.k,
  );
