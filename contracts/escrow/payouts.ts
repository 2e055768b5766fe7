/**
 * The actions that pay value out of an escrow: Withdraw, WithdrawRefund and ResolveDispute
 * spend it entirely; Release pays part of it to the seller and keeps the rest locked.
 *
 * A payout must hold *at least* its share (a party may add its own ADA, e.g. for the minimum
 * UTxO), is addressed to the party's address from the datum, and is tagged with the escrow
 * input's position (see outputs.ts).
 */
import { DataB, int, pData, plet, pnilPairData, unit } from "@harmoniclabs/plu-ts";
import { call, lambda } from "../onchain/fn.ts";
import { dropPairs } from "../onchain/lists.ts";
import {
  add,
  and,
  at,
  dataList,
  fst,
  head,
  iData,
  pairHead,
  pairTail,
  snd,
  less,
  lessEq,
  or,
  pInt,
  requireAll,
  sub,
  unI,
  unMap,
  type Check,
  type TData,
  type TInt,
  type TList,
  type TPair,
  type TPairList,
  type TUnit,
} from "../onchain/prelude.ts";
import { covers, lovelaceOf, quantityOf, singletonValue } from "../onchain/value.ts";
import { DatumField, EscrowState as S, EscrowTrace as T, MUTABLE_FIELD_COUNT } from "./layout.ts";
import { continueWith, inlineDatum, payout } from "./outputs.ts";
import { isState, signedBy, type StepArgs } from "./transitions.ts";

/** ADA's policy id and asset name (both empty), as data. */
const ADA = pData(new DataB(""));
/** An empty value, the second operand of `covers` when one output must cover alone. */
const emptyValue = (): TPairList => pnilPairData as never as TPairList;

/**
 * The buyer's deposit read from the unchanged fields rather than through `escrow.buyerLovelace`:
 * sharing that let-bound field between Release and the nested payouts of Withdraw makes plu-ts
 * misplace its binding (the compiled script then applies a value as a function).
 */
const depositOf = (escrow: StepArgs["escrow"]): TInt =>
  unI(at(DatumField.buyerLovelace - MUTABLE_FIELD_COUNT, escrow.unchangedFields));

/** The inline datum that tags a payout as belonging to this escrow: its input's position. */
const tagOf = (a: StepArgs): TData => plet(inlineDatum(iData(a.escrow.position))) as TData;

/** Seller, ResultSubmitted, after unlockTime: the seller takes all but the buyer's lovelace. */
export function withdraw(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const tag = tagOf(a);
  const checks: Check[] = [
    [T.sellerSigned, signedBy(env, escrow.sellerKey)],
    [T.state, isState(escrow.state, S.ResultSubmitted)],
    [T.tooEarly, lessEq(escrow.unlockTimeMs, env.lowerMs)],
    // Out of bounds, the buyer's part would be paid by the seller (negative) or to it (above).
    [
      T.buyerLovelace,
      and(
        lessEq(pInt(0), escrow.buyerLovelace),
        lessEq(escrow.buyerLovelace, lovelaceOf(escrow.valueMap)),
      ),
    ],
  ];
  // The seller gets everything but the buyer's lovelace: seller + that lovelace covers it all.
  const buyersPart = singletonValue(ADA, ADA, escrow.buyerLovelace);
  return requireAll(
    unit,
    checks,
    payout(unI(head(a.fields)), a.outs, a.next, escrow.seller, tag, (sellerValue, rest, next) =>
      requireAll(
        unit,
        [[T.sellerPayout, covers(sellerValue, buyersPart, escrow.valueMap)]],
        payout(unI(at(1, a.fields)), rest, next, escrow.buyer, tag, (buyerValue, rest2, next2) =>
          requireAll(
            unit,
            [[T.buyerPayout, lessEq(escrow.buyerLovelace, lovelaceOf(buyerValue))]],
            call(a.k, rest2, next2),
          ),
        ),
      ),
    ),
  );
}

/** Buyer: without a result after submitResultTime, or at once once RefundAuthorized. */
export function withdrawRefund(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const state = escrow.state;
  const authorized = isState(state, S.RefundAuthorized);
  const checks: Check[] = [
    [T.buyerSigned, signedBy(env, escrow.buyerKey)],
    [T.state, or(authorized, or(isState(state, S.FundsLocked), isState(state, S.RefundRequested)))],
    [T.tooEarly, or(authorized, lessEq(escrow.submitResultTimeMs, env.lowerMs))],
  ];
  return requireAll(
    unit,
    checks,
    payout(unI(head(a.fields)), a.outs, a.next, escrow.buyer, tagOf(a), (value, rest, next) =>
      requireAll(
        unit,
        [[T.buyerPayout, covers(value, emptyValue(), escrow.valueMap)]],
        call(a.k, rest, next),
      ),
    ),
  );
}

/** Admins (≥ threshold), Disputed, after externalDisputeUnlockTime: split as the tx says. */
export function resolveDispute(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const tag = tagOf(a);
  const checks: Check[] = [
    [T.adminsSigned, env.adminsSigned],
    [T.state, isState(escrow.state, S.Disputed)],
    [T.tooEarly, lessEq(escrow.externalDisputeUnlockTimeMs, env.lowerMs)],
  ];
  return requireAll(
    unit,
    checks,
    payout(unI(head(a.fields)), a.outs, a.next, escrow.seller, tag, (sellerValue, rest, next) =>
      payout(unI(at(1, a.fields)), rest, next, escrow.buyer, tag, (buyerValue, rest2, next2) =>
        requireAll(
          unit,
          [[T.disputeSplit, covers(sellerValue, buyerValue, escrow.valueMap)]],
          call(a.k, rest2, next2),
        ),
      ),
    ),
  );
}

/**
 * Buyer: pays `amount` of one asset to the seller now; the rest stays locked under the same
 * datum (only the buyer's cooldown is stamped, so releases cannot starve the seller either).
 * Step fields: [policyPosition, namePosition, amount, continuingIndex, sellerIndex]; the asset
 * is named by its position in the escrow input's value (policy 0 is ADA). A position past the
 * end (or negative) fails the script.
 */
export function release(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const f = a.fields;
  const entry = plet(pairHead(dropPairs(unI(head(f)), escrow.valueMap))) as TPair;
  const policy = plet(fst(entry)) as TData;
  const token = plet(pairHead(dropPairs(unI(at(1, f)), unMap(snd(entry))))) as TPair;
  const name = plet(fst(token)) as TData;
  const amount = plet(unI(at(2, f))) as TInt;
  const checks: Check[] = [
    [T.buyerSigned, signedBy(env, escrow.buyerKey)],
    [T.cooldown, lessEq(escrow.buyerCooldownMs, env.lowerMs)],
    [T.releaseAmount, less(pInt(0), amount)],
    [T.releaseLocked, lessEq(amount, unI(snd(token)))],
    [
      T.releaseFloor,
      or(less(pInt(0), unI(head(f))), lessEq(add(amount, depositOf(escrow)), unI(snd(token)))),
    ],
  ];
  const next = {
    state: escrow.state,
    result: escrow.resultHash,
    buyerCooldownMs: add(env.upperMs, env.cooldownMs),
    sellerCooldownMs: pInt(0),
  };
  // What stays holds the escrow's tokens less the released amount, exactly (no token can be
  // added to raise the minimum UTxO), and at least its lovelace less any released.
  const released = singletonValue(policy, name, amount);
  const unreleased = singletonValue(policy, name, sub(pInt(0), amount));
  // After the continuing output, the seller's payout of the released amount.
  const thenPaySeller = lambda([dataList, int], unit, (outs, next2) =>
    payout(
      unI(at(4, f)),
      outs as TList,
      next2 as TInt,
      escrow.seller,
      tagOf(a),
      (value, rest, next3) =>
        requireAll(
          unit,
          [[T.sellerPayout, lessEq(amount, quantityOf(policy, name, value))]],
          call(a.k, rest, next3),
        ),
    ),
  );
  return requireAll(
    unit,
    checks,
    continueWith({ ...a, k: thenPaySeller }, unI(at(3, f)), escrow, next, (value) => {
      const v = plet(unMap(value)) as TPairList;
      return and(
        covers(v, released, escrow.valueMap),
        covers(escrow.valueMap, unreleased, pairTail(v)),
      );
    }),
  );
}
