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
import { bool, data, DataB, DataConstr, int, pData, plet, unit } from "@harmoniclabs/plu-ts";
import { call, hoisted, lambda } from "../onchain/fn.ts";
import { elem } from "../onchain/lists.ts";
import { allAssets, lovelaceOf, quantityOf } from "../onchain/value.ts";
import {
  add,
  and,
  at,
  ctorOf,
  eqData,
  eqInt,
  fieldsOf,
  head,
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
import {
  ClaimTag,
  DatumField,
  EscrowState as S,
  EscrowTrace as T,
  MUTABLE_FIELD_COUNT,
  RESULT_HASH_BYTES,
} from "./layout.ts";
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
/** ADA's policy id and asset name (both empty), as data. */
export const ADA_ID = pData(new DataB(""));
/** The claim field without a claim. */
export const NO_CLAIM = pData(new DataConstr(ClaimTag.none, []));

/**
 * The buyer's deposit read from the unchanged fields rather than through `escrow.buyerLovelace`:
 * sharing that let-bound field between actions nested in one another makes plu-ts misplace its
 * binding (the compiled script then applies a value as a function).
 */
export const depositOf = (escrow: EscrowInput): TInt =>
  unI(at(DatumField.buyerLovelace - MUTABLE_FIELD_COUNT, escrow.unchangedFields));
export const signedBy = (env: TxEnv, key: TData): TBool => elem(key, env.signatories);
const pastCooldown = (env: TxEnv, cooldownMs: TInt): TBool => lessEq(cooldownMs, env.lowerMs);

type Party = "buyer" | "seller";

/**
 * Checks, then continues the escrow at `contIndex` with the new state, result and claim (the
 * voucher total stays).
 */
function transition(
  a: StepArgs,
  actor: Party,
  checks: readonly Check[],
  contIndex: TInt,
  state: TInt,
  resultHash: TData,
  claim: TData = a.escrow.claim,
): TUnit {
  const { env, escrow } = a;
  const stamp = plet(add(env.upperMs, env.cooldownMs)) as TInt;
  const [buyerCooldownMs, sellerCooldownMs] =
    actor === "buyer" ? [stamp, pInt(0)] : [pInt(0), stamp];
  const next = {
    state,
    result: resultHash,
    buyerCooldownMs,
    sellerCooldownMs,
    claim,
    voucherTotal: escrow.voucherTotal,
  };
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

/**
 * A claim the escrow can pay: none (`Constr 0 []`), or a value whose every quantity is at least
 * 0 and at most what the escrow holds of it (of ADA: less the buyer's deposit, which always
 * returns to the buyer). Anything else (a negative amount, an asset the escrow lacks) is refused
 * here, or a seller could make Withdraw impossible for both parties.
 */
function claimFits(claim: TData, escrow: EscrowInput, deposit: TInt): TBool {
  const held = escrow.valueMap;
  return or(
    eqInt(ctorOf(claim), pInt(ClaimTag.none)),
    allAssets(unMap(head(fieldsOf(claim))), (policy, name, q) => {
      const reserved = ifThenElse(int, eqData(policy, ADA_ID), deposit, pInt(0)) as TInt;
      return and(lessEq(pInt(0), q), lessEq(add(q, reserved), quantityOf(policy, name, held)));
    }),
  );
}

/**
 * Seller, before submitResultTime (before externalDisputeUnlockTime once disputed); the step may
 * carry a claim (see DatumField.claim), which replaces the one before.
 */
export function submitResult(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const state = escrow.state;
  const resultHash = plet(head(a.fields)) as TData;
  const claim = plet(at(2, a.fields)) as TData;
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
    [T.claim, claimFits(claim, escrow, depositOf(escrow))],
  ];
  const next = ifThenElse(
    int,
    lessEq(state, pInt(S.ResultSubmitted)),
    pInt(S.ResultSubmitted),
    pInt(S.Disputed),
  );
  return transition(a, "seller", checks, unI(at(1, a.fields)), next as TInt, resultHash, claim);
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

/** Seller, from any open state: → RefundAuthorized, clearing the result and the claim. */
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
    NO_CLAIM,
  );
}
