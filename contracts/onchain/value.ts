/**
 * Reading Plutus `Value`s (a map from policy id to a map from asset name to quantity) without
 * rebuilding them: quantity lookups, "covers" comparisons and an asset-count cap.
 *
 * Lookups scan from the front rather than relying on the ledger's key order, so they stay
 * correct whatever that order is; values here are small (an escrow holds at most a few assets).
 */
import { bool, data, int, lam, plet } from "@harmoniclabs/plu-ts";
import { call, hoisted, lambda, recursive } from "./fn.ts";
import { mapLength } from "./lists.ts";
import {
  consPair,
  iData,
  mapData,
  mkPair,
  nilPairs,
  add,
  and,
  eqData,
  eqInt,
  fst,
  ifThenElse,
  isEmpty,
  lessEq,
  pairHead,
  pairList,
  pairTail,
  pBool,
  pInt,
  snd,
  sub,
  unI,
  unMap,
  type TBool,
  type TData,
  type TInt,
  type TPair,
  type TPairList,
} from "./prelude.ts";

/** Quantity of asset `name` in one policy's token map, 0 when absent. */
const ptokenQty = hoisted(
  recursive(
    [data, pairList],
    int,
    (self, name, tokens) => {
      const entry = plet(pairHead(tokens as TPairList)) as TPair;
      return ifThenElse(
        int,
        isEmpty(tokens as TPairList),
        pInt(0),
        ifThenElse(
          int,
          eqData(fst(entry), name as TData),
          unI(snd(entry)),
          call(self, name, pairTail(tokens as TPairList)),
        ),
      );
    },
    true,
  ),
);

/** Quantity of (policy, name) in a value, 0 when absent. */
export const pquantityOf = hoisted(
  recursive(
    [data, data, pairList],
    int,
    (self, policy, name, value) => {
      const entry = plet(pairHead(value as TPairList)) as TPair;
      return ifThenElse(
        int,
        isEmpty(value as TPairList),
        pInt(0),
        ifThenElse(
          int,
          eqData(fst(entry), policy as TData),
          call(ptokenQty, name, unMap(snd(entry))),
          call(self, policy, name, pairTail(value as TPairList)),
        ),
      );
    },
    true,
  ),
);

/** Every token of one policy of `locked` is covered by `a` and `b` together. */
const ptokensCovered = hoisted(
  recursive(
    [pairList, pairList, data, pairList],
    bool,
    (self, a, b, policy, tokens) => {
      const entry = plet(pairHead(tokens as TPairList)) as TPair;
      const name = plet(fst(entry)) as TData;
      const provided = add(call(pquantityOf, policy, name, a), call(pquantityOf, policy, name, b));
      return ifThenElse(
        bool,
        isEmpty(tokens as TPairList),
        pBool(true),
        and(
          lessEq(unI(snd(entry)), provided),
          call(self, a, b, policy, pairTail(tokens as TPairList)),
        ),
      );
    },
    true,
  ),
);

/** Every asset of `locked` is present in `a` and `b` together: none of it goes elsewhere. */
export const pcovers = hoisted(
  recursive(
    [pairList, pairList, pairList],
    bool,
    (self, a, b, locked) => {
      const entry = plet(pairHead(locked as TPairList)) as TPair;
      return ifThenElse(
        bool,
        isEmpty(locked as TPairList),
        pBool(true),
        and(
          call(ptokensCovered, a, b, fst(entry), unMap(snd(entry))),
          call(self, a, b, pairTail(locked as TPairList)),
        ),
      );
    },
    true,
  ),
);

/** The value holds at most `limit` assets in all (ADA included). */
export const passetsAtMost = hoisted(
  recursive(
    [int, pairList],
    bool,
    (self, limit, value) => {
      const left = plet(
        sub(limit as TInt, mapLength(unMap(snd(pairHead(value as TPairList))))),
      ) as TInt;
      return ifThenElse(
        bool,
        isEmpty(value as TPairList),
        pBool(true),
        and(lessEq(pInt(0), left), call(self, left, pairTail(value as TPairList))),
      );
    },
    true,
  ),
);

export const quantityOf = (policy: TData, name: TData, value: TPairList): TInt =>
  call(pquantityOf, policy, name, value);

/** `a` and `b` together hold at least every asset of `locked`. */
export const covers = (a: TPairList, b: TPairList, locked: TPairList): TBool =>
  call(pcovers, a, b, locked);

/** The value `{policy: {name: quantity}}` as a map, e.g. an amount to set against a payout. */
export const singletonValue = (policy: TData, name: TData, quantity: TInt): TPairList =>
  consPair(
    mkPair(policy, mapData(consPair(mkPair(name, iData(quantity)), nilPairs()))),
    nilPairs(),
  );

export const assetsAtMost = (limit: TInt, value: TPairList): TBool =>
  call(passetsAtMost, limit, value);

/** Lovelace of an output's value: the ledger always puts ADA first. */
export const lovelaceOf = (value: TPairList): TInt =>
  unI(snd(pairHead(unMap(snd(pairHead(value))))));

/** A predicate on one asset of a value: `(policy, name, quantity) -> bool`. */
const assetPredT = lam(data, lam(data, lam(int, bool)));

/** `pred` holds for every asset of one policy's token map. */
const pallTokens = hoisted(
  recursive(
    [assetPredT, data, pairList],
    bool,
    (self, pred, policy, tokens) => {
      const entry = plet(pairHead(tokens as TPairList)) as TPair;
      return ifThenElse(
        bool,
        isEmpty(tokens as TPairList),
        pBool(true),
        and(
          call(pred, policy, fst(entry), unI(snd(entry))),
          call(self, pred, policy, pairTail(tokens as TPairList)),
        ),
      );
    },
    true,
  ),
);

/** `pred(policy, name, quantity)` holds for every asset of `value`. */
export const pallAssets = hoisted(
  recursive(
    [assetPredT, pairList],
    bool,
    (self, pred, value) => {
      const entry = plet(pairHead(value as TPairList)) as TPair;
      return ifThenElse(
        bool,
        isEmpty(value as TPairList),
        pBool(true),
        and(
          call(pallTokens, pred, fst(entry), unMap(snd(entry))),
          call(self, pred, pairTail(value as TPairList)),
        ),
      );
    },
    true,
  ),
);

export const allAssets = (
  value: TPairList,
  pred: (policy: TData, name: TData, quantity: TInt) => TBool,
): TBool =>
  call(
    pallAssets,
    lambda([data, data, int], bool, (p, n, q) => pred(p as TData, n as TData, q as TInt)),
    value,
  );

/** One policy's token map with `amount` taken from its `index`-th asset (dropped at zero). */
const ptakeFromToken = hoisted(
  recursive(
    [int, int, pairList],
    pairList,
    (self, index, amount, tokens) => {
      const entry = plet(pairHead(tokens as TPairList)) as TPair;
      const rest = pairTail(tokens as TPairList);
      const left = plet(sub(unI(snd(entry)), amount as TInt)) as TInt;
      return ifThenElse(
        pairList,
        eqInt(index as TInt, pInt(0)),
        ifThenElse(
          pairList,
          eqInt(left, pInt(0)),
          rest,
          consPair(mkPair(fst(entry), iData(left)), rest),
        ),
        consPair(entry, call(self, sub(index as TInt, pInt(1)), amount, rest)),
      );
    },
    true,
  ),
);

/**
 * The value with `amount` taken from the asset at (policy `policyIndex`, name `nameIndex`), the
 * positions the ledger's order gives (ADA is policy 0); an asset or policy that reaches zero is
 * dropped, as the ledger drops it. Rebuilding the expected value and comparing it whole is
 * cheaper than two "covers" walks over both values.
 */
export const ptakeAt = hoisted(
  recursive(
    [int, int, int, pairList],
    pairList,
    (self, policyIndex, nameIndex, amount, value) => {
      const entry = plet(pairHead(value as TPairList)) as TPair;
      const rest = pairTail(value as TPairList);
      const tokens = plet(call(ptakeFromToken, nameIndex, amount, unMap(snd(entry)))) as TPairList;
      return ifThenElse(
        pairList,
        eqInt(policyIndex as TInt, pInt(0)),
        ifThenElse(
          pairList,
          isEmpty(tokens),
          rest,
          consPair(mkPair(fst(entry), mapData(tokens)), rest),
        ),
        consPair(entry, call(self, sub(policyIndex as TInt, pInt(1)), nameIndex, amount, rest)),
      );
    },
    true,
  ),
);

export const takeAt = (
  policyIndex: TInt,
  nameIndex: TInt,
  amount: TInt,
  value: TPairList,
): TPairList => call(ptakeAt, policyIndex, nameIndex, amount, value);
