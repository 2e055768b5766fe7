/**
 * The agent-registry minting policy (Plutus V3, no parameters): one NFT per agent, its name
 * derived from an input the minting transaction spends (see registry/layout.ts).
 *
 * Redeemer: Mint(outRefs) | Burn | Update.
 * - Mint: every token of this policy in the transaction's mint has quantity 1 and the version-0
 *   name of one of `outRefs`, each of which the transaction spends. Several agents per tx.
 * - Burn: every token of this policy is burnt (-1). Burning needs the token in an input, so
 *   only its holder can.
 * - Update: tokens come in pairs: version v burnt (-1) and version v+1 of the same root minted
 *   (+1), every name exactly 32 bytes. Only a holder can burn, so only the holder can update.
 */
import { bool, data, int, pByteString, pfn, plet, pmakeUnit, unit } from "@harmoniclabs/plu-ts";
import { call, recursive, type AnyTerm } from "./onchain/fn.ts";
import { elem } from "./onchain/lists.ts";
import { ScriptInfoTag, TxInfoField, scriptContext } from "./onchain/ledger.ts";
import {
  add,
  and,
  appendBs,
  at,
  bData,
  blake2b224,
  bytesToIntBE,
  cons,
  ctorOf,
  dataList,
  eqData,
  eqInt,
  fail,
  fieldsOf,
  fst,
  head,
  ifThenElse,
  intToBytesBE,
  isEmpty,
  lengthBs,
  less,
  nilData,
  or,
  pairHead,
  pairList,
  pairTail,
  pBool,
  pInt,
  requireAll,
  sliceBs,
  snd,
  sub,
  tail,
  unB,
  unI,
  unList,
  unMap,
  type Check,
  type TBool,
  type TBs,
  type TData,
  type TInt,
  type TList,
  type TPair,
  type TPairList,
  type TUnit,
} from "./onchain/prelude.ts";
import {
  INDEX_BYTES,
  NAME_BYTES,
  NAME_PREFIX,
  RegistryAction,
  RegistryTrace as T,
  ROOT_BYTES,
  VERSION_BYTES,
} from "./registry/layout.ts";

const PREFIX_AND_ROOT = 1 + ROOT_BYTES;

/** The version-0 asset name of an out-ref `Constr 0 [txId, index]`. */
function nameOf(ref: TData): TData {
  const f = plet(fieldsOf(ref)) as TList;
  const root = blake2b224(appendBs(unB(head(f)), intToBytesBE(pInt(INDEX_BYTES), unI(at(1, f)))));
  const prefix = pByteString(NAME_PREFIX.toString(16).padStart(2, "0"));
  const version0 = intToBytesBE(pInt(VERSION_BYTES), pInt(0));
  return bData(appendBs(appendBs(prefix, root), version0));
}

/** The token map of `policy` in a value (empty when absent). */
const tokensOf = recursive([data, pairList], pairList, (self, policy, value) =>
  ifThenElse(
    pairList,
    isEmpty(value as TPairList),
    value,
    ifThenElse(
      pairList,
      eqData(fst(pairHead(value as TPairList)), policy as TData),
      unMap(snd(pairHead(value as TPairList))),
      call(self, policy, pairTail(value as TPairList)),
    ),
  ),
);

/** Every out-ref in `refs` is spent by the transaction; returns their names. */
const spentNames = (inputs: TList) =>
  recursive([dataList], dataList, (self, refs) => {
    const ref = plet(head(refs as TList)) as TData;
    const spent = call<never>(pspent, ref, inputs) as TBool;
    return ifThenElse(
      dataList,
      isEmpty(refs as TList),
      nilData(),
      requireAll(
        dataList,
        [[T.refNotSpent, spent]],
        cons(nameOf(ref), call(self, tail(refs as TList))),
      ),
    );
  });

/** Some input's out-ref is `ref`. */
const pspent = recursive([data, dataList], bool, (self, ref, ins) =>
  ifThenElse(
    bool,
    isEmpty(ins as TList),
    pBool(false),
    or(
      eqData(head(fieldsOf(head(ins as TList))), ref as TData),
      call(self, ref, tail(ins as TList)),
    ),
  ),
);

/** The checks `checksFor(name, quantity)` hold for every token. */
function everyToken(checksFor: (name: TData, quantity: TInt) => Check[]): AnyTerm {
  return recursive([pairList], unit, (self, tokens) => {
    const entry = plet(pairHead(tokens as TPairList)) as TPair;
    return ifThenElse(
      unit,
      isEmpty(tokens as TPairList),
      pmakeUnit(),
      requireAll(
        unit,
        checksFor(fst(entry), plet(unI(snd(entry))) as TInt),
        call(self, pairTail(tokens as TPairList)),
      ),
    );
  });
}

/** Sum over tokens of `f(quantity)`. */
const countWhere = (pred: (q: TInt) => TBool) =>
  recursive([pairList], int, (self, tokens) =>
    ifThenElse(
      int,
      isEmpty(tokens as TPairList),
      pInt(0),
      add(
        ifThenElse(int, pred(unI(snd(pairHead(tokens as TPairList)))), pInt(1), pInt(0)),
        call(self, pairTail(tokens as TPairList)),
      ),
    ),
  );

function mint(txInfo: TList, redeemerFields: TList, tokens: TPairList): TUnit {
  const inputs = unList(at(TxInfoField.inputs, txInfo));
  const names = plet(call(spentNames(inputs), unList(head(redeemerFields)))) as TList;
  return call(
    everyToken((name, quantity) => [
      [T.mintOne, eqInt(quantity, pInt(1))],
      [T.nameNotDerived, elem(name, names)],
    ]),
    tokens,
  );
}

function burn(tokens: TPairList): TUnit {
  return call(
    everyToken((_name, quantity) => [[T.burnOnly, eqInt(quantity, pInt(-1))]]),
    tokens,
  );
}

/** The name of the version before `name` (same prefix and root); fails below version 1. */
function predecessor(name: TData): { name: TData; version: TInt } {
  const bytes = plet(unB(name)) as TBs;
  const version = plet(
    bytesToIntBE(sliceBs(pInt(PREFIX_AND_ROOT), pInt(VERSION_BYTES), bytes)),
  ) as TInt;
  const previous = intToBytesBE(pInt(VERSION_BYTES), sub(version, pInt(1)));
  return {
    name: bData(appendBs(sliceBs(pInt(0), pInt(PREFIX_AND_ROOT), bytes), previous)),
    version,
  };
}

/** `name` is burnt in this transaction. */
const pburnt = recursive([data, pairList], bool, (self, name, tokens) =>
  ifThenElse(
    bool,
    isEmpty(tokens as TPairList),
    pBool(false),
    or(
      and(
        eqData(fst(pairHead(tokens as TPairList)), name as TData),
        eqInt(unI(snd(pairHead(tokens as TPairList))), pInt(-1)),
      ),
      call(self, name, pairTail(tokens as TPairList)),
    ),
  ),
);

function update(tokens: TPairList): TUnit {
  const minted = call<never>(
    countWhere((q) => eqInt(q, pInt(1))),
    tokens,
  ) as TInt;
  const burnt = call<never>(
    countWhere((q) => eqInt(q, pInt(-1))),
    tokens,
  ) as TInt;
  const everyPaired = everyToken((name, quantity) => {
    const pred = predecessor(name);
    const hasBurn = and(
      less(pInt(0), pred.version),
      call<never>(pburnt, pred.name, tokens) as TBool,
    );
    return [
      // The version is read from bytes 29–31: a shorter or longer name would let one root be
      // minted under several names (root ‖ 0001, root ‖ 01, …).
      [T.nameLength, eqInt(lengthBs(unB(name)), pInt(NAME_BYTES))],
      [T.updateShape, or(eqInt(quantity, pInt(1)), eqInt(quantity, pInt(-1)))],
      [T.updateWithoutBurn, or(eqInt(quantity, pInt(-1)), hasBurn)],
    ];
  });
  return requireAll(unit, [[T.updateCounts, eqInt(minted, burnt)]], call(everyPaired, tokens));
}

export const registryPolicy = pfn(
  [data],
  unit,
)((ctx) => {
  const { txInfo, redeemer, scriptInfo } = scriptContext(ctx);
  const ownPolicy = head(fieldsOf(scriptInfo));
  const tokens = plet(call(tokensOf, ownPolicy, unMap(at(TxInfoField.mint, txInfo)))) as TPairList;
  const action = plet(ctorOf(redeemer)) as TInt;
  const is = (a: number) => eqInt(action, pInt(a));
  return requireAll(
    unit,
    [[T.purpose, eqInt(ctorOf(scriptInfo), pInt(ScriptInfoTag.Minting))]],
    ifThenElse(
      unit,
      is(RegistryAction.Mint),
      mint(txInfo, fieldsOf(redeemer), tokens),
      ifThenElse(
        unit,
        is(RegistryAction.Burn),
        burn(tokens),
        ifThenElse(unit, is(RegistryAction.Update), update(tokens), fail(unit, T.badRedeemer)),
      ),
    ),
  );
});
