/**
 * Low-level building blocks for validators written over raw Plutus data.
 *
 * plu-ts 0.9.0 inserts implicit data conversions around builtin pairs (for example
 * `punConstrData(d).snd` is compiled as `unListData(sndPair(...))`, which fails at run time), so
 * every builtin that touches a pair is applied here at the IR level, where nothing is inserted.
 * Everything else uses plu-ts's typed combinators (pfn, plet, precursive).
 */
import {
  IRApp,
  IRNative,
  Term,
  bool,
  data,
  int,
  list,
  pair,
  pBool,
  pdelay,
  pforce,
  pInt,
  pStr,
  pstrictIf,
  ptraceError,
  delayed,
  bs,
  pnilData,
  pnilPairData,
  papp,
  phoist,
} from "@harmoniclabs/plu-ts";
import type {
  PBool,
  PByteString,
  PData,
  PInt,
  PList,
  PPair,
  PType,
  PUnit,
} from "@harmoniclabs/plu-ts";

export type TData = Term<PData>;
export type TList = Term<PList<PData>>;
export type TInt = Term<PInt>;
export type TBool = Term<PBool>;
export type TBs = Term<PByteString>;
export type TUnit = Term<PUnit>;
/** A builtin pair of data, as found in the entries of a Plutus map. */
export type TPair = Term<PPair<PData, PData>>;
export type TPairList = Term<PList<PPair<PData, PData>>>;

export const dataList = list(data);
export const dataPair = pair(data, data);
export const pairList = list(dataPair);

type AnyType = ConstructorParameters<typeof Term>[0];

/** Applies a builtin to its arguments without any of plu-ts's implicit conversions. */
function native<P extends PType>(
  outT: AnyType,
  nat: () => IRNative,
  ...args: Term<PType>[]
): Term<P> {
  return new Term<P>(outT, (cfg, dbn) =>
    args.reduce<ReturnType<Term<PType>["toIR"]>>(
      (fn, arg) => new IRApp(fn, arg.toIR(cfg, dbn)),
      nat(),
    ),
  );
}

/**
 * Applies a function term to arguments at the IR level, with the result typed as `outT`: for
 * list functions that do not look at the elements (e.g. `pdrop` over a map's pairs).
 */
export function applyRaw<P extends PType>(
  outT: AnyType,
  f: Term<PType>,
  ...args: Term<PType>[]
): Term<P> {
  return new Term<P>(outT, (cfg, dbn) =>
    args.reduce<ReturnType<Term<PType>["toIR"]>>(
      (fn, arg) => new IRApp(fn, arg.toIR(cfg, dbn)),
      f.toIR(cfg, dbn),
    ),
  );
}

// ---- Constr, list and pair access -------------------------------------------------------------

/** The field list of a `Constr` datum. */
export const fieldsOf = (d: TData): TList =>
  native(
    dataList,
    () => IRNative.sndPair,
    native(pair(int, dataList), () => IRNative.unConstrData, d),
  );

/** The constructor index of a `Constr` datum. */
export const ctorOf = (d: TData): TInt =>
  native(
    int,
    () => IRNative.fstPair,
    native(pair(int, dataList), () => IRNative.unConstrData, d),
  );

export const head = (l: TList): TData => native(data, () => IRNative.headList, l);
export const tail = (l: TList): TList => native(dataList, () => IRNative.tailList, l);
export const isEmpty = (l: TList | TPairList): TBool => native(bool, () => IRNative.nullList, l);

export const pairHead = (l: TPairList): TPair => native(dataPair, () => IRNative.headList, l);
export const pairTail = (l: TPairList): TPairList => native(pairList, () => IRNative.tailList, l);
export const fst = (p: TPair): TData => native(data, () => IRNative.fstPair, p);
export const snd = (p: TPair): TData => native(data, () => IRNative.sndPair, p);

/** `n` tails of a list, unrolled at compile time (n is a small constant). */
export function dropN(n: number, l: TList): TList {
  let out = l;
  for (let i = 0; i < n; i++) out = tail(out);
  return out;
}

/** The element at a constant position, unrolled at compile time. */
export const at = (n: number, l: TList): TData => head(dropN(n, l));

// ---- Data conversions ----------------------------------------------------------------------

export const unI = (d: TData): TInt => native(int, () => IRNative.unIData, d);
export const unB = (d: TData): TBs => native(bs, () => IRNative.unBData, d);
export const unList = (d: TData): TList => native(dataList, () => IRNative.unListData, d);
export const unMap = (d: TData): TPairList => native(pairList, () => IRNative.unMapData, d);
export const iData = (n: TInt): TData => native(data, () => IRNative.iData, n);
export const bData = (b: TBs): TData => native(data, () => IRNative.bData, b);
export const listData = (l: TList): TData => native(data, () => IRNative.listData, l);
export const constrData = (ix: TInt, fields: TList): TData =>
  native(data, () => IRNative.constrData, ix, fields);
export const cons = (x: TData, l: TList): TList => native(dataList, () => IRNative.mkCons, x, l);
export const consPair = (x: TPair, l: TPairList): TPairList =>
  native(pairList, () => IRNative.mkCons, x, l);
export const mkPair = (a: TData, b: TData): TPair =>
  native(dataPair, () => IRNative.mkPairData, a, b);
export const mapData = (m: TPairList): TData => native(data, () => IRNative.mapData, m);
export const nilPairs = (): TPairList => pnilPairData as never as TPairList;
export const nilData = (): TList => pnilData as never as TList;

// ---- Comparisons and arithmetic ------------------------------------------------------------

export const eqData = (a: TData, b: TData): TBool => native(bool, () => IRNative.equalsData, a, b);
export const eqInt = (a: TInt, b: TInt): TBool => native(bool, () => IRNative.equalsInteger, a, b);
export const eqBs = (a: TBs, b: TBs): TBool => native(bool, () => IRNative.equalsByteString, a, b);
export const lessEq = (a: TInt, b: TInt): TBool =>
  native(bool, () => IRNative.lessThanEqualInteger, a, b);
export const less = (a: TInt, b: TInt): TBool => native(bool, () => IRNative.lessThanInteger, a, b);
export const add = (a: TInt, b: TInt): TInt => native(int, () => IRNative.addInteger, a, b);
export const sub = (a: TInt, b: TInt): TInt => native(int, () => IRNative.subtractInteger, a, b);
export const lengthBs = (b: TBs): TInt => native(int, () => IRNative.lengthOfByteString, b);
export const appendBs = (a: TBs, b: TBs): TBs => native(bs, () => IRNative.appendByteString, a, b);
export const sliceBs = (from: TInt, len: TInt, b: TBs): TBs =>
  native(bs, () => IRNative.sliceByteString, from, len, b);
export const blake2b224 = (b: TBs): TBs => native(bs, () => IRNative.blake2b_224, b);
/** Big-endian encoding of `n` in exactly `width` bytes (CIP-121 integerToByteString). */
export const intToBytesBE = (width: TInt, n: TInt): TBs =>
  native(bs, () => IRNative.integerToByteString, pBool(true), width, n);
/** Plutus's ed25519 check: `vkey` (32 bytes) signed `message` with `signature` (64 bytes). */
export const verifyEd25519 = (vkey: TBs, message: TBs, signature: TBs): TBool =>
  native(bool, () => IRNative.verifyEd25519Signature, vkey, message, signature);
export const bytesToIntBE = (b: TBs): TInt =>
  native(int, () => IRNative.byteStringToInteger, pBool(true), b);

export { pInt, pBool };

// ---- Control flow ----------------------------------------------------------------------------

/** `cond ? a : b`, evaluating only the branch taken. */
export function ifThenElse<P extends PType>(
  t: AnyType,
  cond: TBool,
  a: Term<P>,
  b: Term<P>,
): Term<P> {
  return pforce(
    pstrictIf(delayed(t as never))
      .$(cond)
      .$(pdelay(a) as never)
      .$(pdelay(b) as never),
  ) as never;
}

/** Lazy `a && b`. */
export const and = (a: TBool, b: TBool): TBool => ifThenElse(bool, a, b, pBool(false));
/** `!b`. */
export const not = (b: TBool): TBool => ifThenElse(bool, b, pBool(false), pBool(true));
/** Lazy `a || b`. */
export const or = (a: TBool, b: TBool): TBool => ifThenElse(bool, a, pBool(true), b);

/** A named rule: the message is traced when the rule does not hold. */
export type Check = readonly [message: string, holds: TBool];

/** One shared, delayed "trace and fail" term per message: each string is emitted once. */
const failures = new Map<string, Term<PType>>();
function failure(t: AnyType, message: string): Term<PType> {
  const key = `${JSON.stringify(t)}|${message}`;
  let f = failures.get(key);
  if (f === undefined) {
    const raise = ptraceError(t as never) as unknown as Term<PType>;
    f = phoist(pdelay(papp(raise as never, pStr(message)) as never) as never) as Term<PType>;
    failures.set(key, f);
  }
  return f;
}

/** Traces `message` and fails, typed as `t`. */
export const fail = <P extends PType>(t: AnyType, message: string): Term<P> =>
  pforce(failure(t, message) as never) as never;

/**
 * Runs the checks in order and continues with `then` when all hold; the first that fails is
 * traced and ends the script. Messages are short: they are part of the script's size.
 */
export function requireAll<P extends PType>(
  t: AnyType,
  checks: readonly Check[],
  then: Term<P>,
): Term<P> {
  return checks.reduceRight<Term<P>>(
    (rest, [message, holds]) =>
      pforce(
        pstrictIf(delayed(t as never))
          .$(holds)
          .$(pdelay(rest) as never)
          .$(failure(t, message) as never),
      ) as never,
    then,
  );
}
