/**
 * Closed list and map functions, hoisted so each is emitted once however often it is used.
 * Every loop walks a list the ledger built (inputs, outputs, signatories, a value), so each is
 * bounded by the transaction's size.
 */
import { bool, data, int, plet } from "@harmoniclabs/plu-ts";
import { hoisted, recursive, call } from "./fn.ts";
import {
  applyRaw,
  add,
  at,
  dataList,
  eqData,
  eqInt,
  fieldsOf,
  fst,
  head,
  ifThenElse,
  isEmpty,
  or,
  pairHead,
  pairList,
  pairTail,
  pBool,
  pInt,
  sub,
  tail,
  type TData,
  type TInt,
  type TList,
  type TBool,
  type TPairList,
} from "./prelude.ts";

/** True when some element of `l` equals `x`. */
export const pelem = hoisted(
  recursive(
    [data, dataList],
    bool,
    (self, x, l) =>
      ifThenElse(
        bool,
        isEmpty(l as TList),
        pBool(false),
        or(eqData(head(l as TList), x as TData), call(self, x, tail(l as TList))),
      ),
    true,
  ),
);

/** True when some key of the map `m` equals `k`. */
export const phasKey = hoisted(
  recursive(
    [data, pairList],
    bool,
    (self, k, m) =>
      ifThenElse(
        bool,
        isEmpty(m as TPairList),
        pBool(false),
        or(
          eqData(fst(pairHead(m as TPairList)), k as TData),
          call(self, k, pairTail(m as TPairList)),
        ),
      ),
    true,
  ),
);

/** How many elements of `xs` occur in `ys` (each element of `xs` counted once). */
export const pcountIn = hoisted(
  recursive(
    [dataList, dataList],
    int,
    (self, xs, ys) =>
      ifThenElse(
        int,
        isEmpty(xs as TList),
        pInt(0),
        add(
          ifThenElse(int, call(pelem, head(xs as TList), ys), pInt(1), pInt(0)),
          call(self, tail(xs as TList), ys),
        ),
      ),
    true,
  ),
);

/** The list without its first `n` elements (n ≥ 0, checked by callers). */
export const pdrop = hoisted(
  recursive(
    [int, dataList],
    dataList,
    (self, n, l) =>
      ifThenElse(
        dataList,
        eqInt(n as TInt, pInt(0)),
        l,
        call(self, sub(n as TInt, pInt(1)), tail(l as TList)),
      ),
    true,
  ),
);

/** The resolved output (TxOut) of the input whose out-ref is `ref`. */
export const presolvedOf = hoisted(
  recursive(
    [data, dataList],
    data,
    (self, ref, ins) => {
      const inFields = plet(fieldsOf(head(ins as TList))) as TList;
      return ifThenElse(
        data,
        eqData(head(inFields), ref as TData),
        at(1, inFields),
        call(self, ref, tail(ins as TList)),
      );
    },
    true,
  ),
);

/** Number of entries in a map. */
export const pmapLength = hoisted(
  recursive(
    [pairList],
    int,
    (self, m) =>
      ifThenElse(
        int,
        isEmpty(m as TPairList),
        pInt(0),
        add(pInt(1), call(self, pairTail(m as TPairList))),
      ),
    true,
  ),
);

export const elem = (x: TData, l: TList): TBool => call(pelem, x, l);
export const hasKey = (k: TData, m: TPairList): TBool => call(phasKey, k, m);
export const countIn = (xs: TList, ys: TList): TInt => call(pcountIn, xs, ys);
export const drop = (n: TInt, l: TList): TList => call(pdrop, n, l);
/** `drop` over a map's entries (the same list walk; the elements are never looked at). */
export const dropPairs = (n: TInt, m: TPairList): TPairList => applyRaw(pairList, pdrop, n, m);
export const resolvedOf = (ref: TData, inputs: TList): TData => call(presolvedOf, ref, inputs);
export const mapLength = (m: TPairList): TInt => call(pmapLength, m);
