/**
 * The four actions that move an escrow to a new state and keep it locked: SubmitResult,
 * RequestRefund, CancelRefund, AuthorizeRefund. Each checks its rules, then demands one
 * continuing output at the input's address with the same tokens, at least its lovelace, and the
 * new datum.
 *
 * Cooldown: the acting party must be past its own cooldown, and its action stamps a new one
 * (validity upper bound + cooldown) while clearing the other party's, so neither can flip the
 * state back and forth faster than the other can answer.
 */
import { bool, data, DataB, int, pData, plet, unit } from "@harmoniclabs/plu-ts";
import { call, hoisted, lambda } from "../onchain/fn.ts";
import { elem } from "../onchain/lists.ts";
import { lovelaceOf } from "../onchain/value.ts";
import {
  add,
  and,
  at,
  cons,
  constrData,
  eqData,
  eqInt,
  head,
  iData,
  ifThenElse,
  lengthBs,
  lessEq,
  mapData,
  or,
  pairList,
  pairTail,
  pInt,
  requireAll,
  unB,
  unI,
  unMap,
  type Check,
  type TBool,
  type TData,
  type TInt,
  type TList,
  type TPairList,
  type TUnit,
} from "../onchain/prelude.ts";
import type { TxEnv } from "./env.ts";
import { EscrowState as S, EscrowTrace as T, RESULT_HASH_BYTES } from "./layout.ts";
import { continueWith } from "./outputs.ts";
import type { EscrowInput } from "./view.ts";
import type { AnyTerm } from "../onchain/fn.ts";

/** What every escrow action receives. */
export interface StepArgs {
  env: TxEnv;
  escrow: EscrowInput;
  /** The step's fields (its constructor tag chose the action). */
  fields: TList;
  outs: TList;
  next: TInt;
  /** Continues the batch with the outputs left and the next free index. */
  k: AnyTerm;
}

export const isState = (state: TInt, s: number): TBool => eqInt(state, pInt(s));
export const signedBy = (env: TxEnv, key: TData): TBool => elem(key, env.signatories);
const pastCooldown = (env: TxEnv, cooldownMs: TInt): TBool => lessEq(cooldownMs, env.lowerMs);

/** The new datum: four fresh fields in front of the input datum's unchanged ones. */
export function newDatum(
  escrow: EscrowInput,
  state: TInt,
  resultHash: TData,
  buyerCooldownMs: TInt,
  sellerCooldownMs: TInt,
): TData {
  return constrData(
    pInt(0),
    cons(
      iData(state),
      cons(
        resultHash,
        cons(iData(buyerCooldownMs), cons(iData(sellerCooldownMs), escrow.unchangedFields)),
      ),
    ),
  );
}

type Party = "buyer" | "seller";

/** Checks, then continues the escrow at `contIndex` with the new state and result. */
function transition(
  a: StepArgs,
  actor: Party,
  checks: readonly Check[],
  contIndex: TInt,
  state: TInt,
  resultHash: TData,
): TUnit {
  const { env, escrow } = a;
  const stamp = plet(add(env.upperMs, env.cooldownMs)) as TInt;
  const [buyerCooldownMs, sellerCooldownMs] =
    actor === "buyer" ? [stamp, pInt(0)] : [pInt(0), stamp];
  const next = { state, result: resultHash, buyerCooldownMs, sellerCooldownMs };
  return requireAll(
    unit,
    checks,
    continueWith(a, contIndex, escrow, next, (value) => keepsTokensAddsLovelace(value, escrow)),
  );
}

/**
 * A continuing output's value: exactly the input's tokens, and at least its lovelace. Lovelace
 * may be added because a new datum can be larger than the one locked (SubmitResult adds 32
 * bytes), and the acting party must be able to pay for the larger minimum UTxO; tokens never
 * change, so no party can raise that minimum for the other. The ledger puts ADA first in every
 * value and every output holds lovelace, so the tokens are the map's tail. Hoisted: the four
 * transitions share one copy.
 */
const pkeepsTokensAddsLovelace = hoisted(
  lambda([data, pairList], bool, (value, locked) => {
    const v = plet(unMap(value as TData)) as TPairList;
    return and(
      eqData(mapData(pairTail(v)), mapData(pairTail(locked as TPairList))),
      lessEq(lovelaceOf(locked as TPairList), lovelaceOf(v)),
    );
  }),
);

const keepsTokensAddsLovelace = (value: TData, escrow: EscrowInput): TBool =>
  call(pkeepsTokensAddsLovelace, value, escrow.valueMap);

/** Seller, before submitResultTime (before externalDisputeUnlockTime once disputed). */
export function submitResult(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const state = escrow.state;
  const resultHash = plet(head(a.fields)) as TData;
  const deadline = ifThenElse(
    int,
    isState(state, S.Disputed),
    escrow.externalDisputeUnlockTimeMs,
    escrow.submitResultTimeMs,
  );
  const checks: Check[] = [
    [T.sellerSigned, signedBy(env, escrow.sellerKey)],
    [T.state, lessEq(state, pInt(S.Disputed))],
    [T.cooldown, pastCooldown(env, escrow.sellerCooldownMs)],
    [T.tooLate, lessEq(env.upperMs, deadline as TInt)],
    [T.resultHash, eqInt(lengthBs(unB(resultHash)), pInt(RESULT_HASH_BYTES))],
  ];
  const next = ifThenElse(
    int,
    lessEq(state, pInt(S.ResultSubmitted)),
    pInt(S.ResultSubmitted),
    pInt(S.Disputed),
  );
  return transition(a, "seller", checks, unI(at(1, a.fields)), next as TInt, resultHash);
}

/** Buyer, before unlockTime: → RefundRequested without a result, Disputed with one. */
export function requestRefund(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const state = escrow.state;
  const checks: Check[] = [
    [T.buyerSigned, signedBy(env, escrow.buyerKey)],
    [T.state, lessEq(state, pInt(S.ResultSubmitted))],
    [T.cooldown, pastCooldown(env, escrow.buyerCooldownMs)],
    [T.tooLate, lessEq(env.upperMs, escrow.unlockTimeMs)],
  ];
  const next = ifThenElse(
    int,
    isState(state, S.FundsLocked),
    pInt(S.RefundRequested),
    pInt(S.Disputed),
  );
  return transition(a, "buyer", checks, unI(head(a.fields)), next as TInt, escrow.resultHash);
}

/** Buyer: RefundRequested → FundsLocked, Disputed → ResultSubmitted. */
export function cancelRefund(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const state = escrow.state;
  const checks: Check[] = [
    [T.buyerSigned, signedBy(env, escrow.buyerKey)],
    [T.state, or(isState(state, S.RefundRequested), isState(state, S.Disputed))],
    [T.cooldown, pastCooldown(env, escrow.buyerCooldownMs)],
  ];
  const next = ifThenElse(
    int,
    isState(state, S.RefundRequested),
    pInt(S.FundsLocked),
    pInt(S.ResultSubmitted),
  );
  return transition(a, "buyer", checks, unI(head(a.fields)), next as TInt, escrow.resultHash);
}

/** Seller, from any open state: → RefundAuthorized, clearing the result. */
export function authorizeRefund(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const checks: Check[] = [
    [T.sellerSigned, signedBy(env, escrow.sellerKey)],
    [T.state, lessEq(escrow.state, pInt(S.Disputed))],
  ];
  return transition(
    a,
    "seller",
    checks,
    unI(head(a.fields)),
    pInt(S.RefundAuthorized),
    pData(new DataB("")),
  );
}
