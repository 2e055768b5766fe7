/**
 * The actions that pay value out of an escrow: Withdraw, Accept, WithdrawRefund and
 * ResolveDispute spend it entirely; Release, PartialRefund and RedeemVoucher pay part of it and
 * keep the rest locked.
 *
 * A payout must hold *at least* its share (a party may add its own ADA, e.g. for the minimum
 * UTxO), is addressed to the party's address from the datum, and is tagged with the escrow
 * input's position (see outputs.ts).
 */
import { bool, data, int, plet, pnilPairData, unit } from "@harmoniclabs/plu-ts";
import { call, lambda } from "../onchain/fn.ts";
import { dropPairs } from "../onchain/lists.ts";
import {
  add,
  and,
  appendBs,
  at,
  bData,
  blake2b224,
  ctorOf,
  dataList,
  eqData,
  eqInt,
  fieldsOf,
  fst,
  head,
  iData,
  ifThenElse,
  intToBytesBE,
  mapData,
  not,
  pairHead,
  pairTail,
  snd,
  less,
  lessEq,
  or,
  pInt,
  requireAll,
  sub,
  unB,
  unI,
  unMap,
  verifyEd25519,
  type Check,
  type TBool,
  type TBs,
  type TData,
  type TInt,
  type TList,
  type TPair,
  type TPairList,
  type TUnit,
} from "../onchain/prelude.ts";
import {
  allAssets,
  covers,
  lovelaceOf,
  quantityOf,
  singletonValue,
  takeAt,
} from "../onchain/value.ts";
import {
  ClaimTag,
  EscrowState as S,
  EscrowTrace as T,
  StepTag,
  VOUCHER_TOTAL_BYTES,
} from "./layout.ts";
import { continueWith, inlineDatum, payout } from "./outputs.ts";
import { ADA_ID, depositOf, isState, signedBy, type StepArgs } from "./transitions.ts";

/** An empty value, the second operand of `covers` when one output must cover alone. */
const emptyValue = (): TPairList => pnilPairData as never as TPairList;

/** The inline datum that tags a payout as belonging to this escrow: its input's position. */
const tagOf = (a: StepArgs): TData => plet(inlineDatum(iData(a.escrow.position))) as TData;

/**
 * Withdraw (seller) and Accept (buyer): the two payouts that end an escrow by its terms, at
 * outputs (seller, buyer) = the step's fields. Without a claim the seller gets everything but the
 * buyer's deposit; with a claim the seller gets, of each asset claimed, the claim or all the
 * escrow holds of it if that is less (a release, partial refund or voucher may have paid part
 * since), and the buyer the rest.
 *
 * - Withdraw: seller, after unlockTime, from ResultSubmitted, or from FundsLocked when the terms
 *   say autoRelease (a subscription period the buyer did not dispute).
 * - Accept: buyer, at any time and from any state: a full release, and how a buyer gets its
 *   share of a claimed escrow when the seller does not withdraw.
 *
 * One body for both (`isAccept` picks the rules): every copy of a body is script size.
 */
export function settle(a: StepArgs, isAccept: TBool): TUnit {
  const { env, escrow } = a;
  const tag = tagOf(a);
  const state = escrow.state;
  const deposit = depositOf(escrow);
  const held = escrow.valueMap;
  const claimed = plet(escrow.claim) as TData;
  const hasClaim = plet(not(eqInt(ctorOf(claimed), pInt(ClaimTag.none)))) as TBool;
  // Not let-bound: a binding would be evaluated where both uses meet, before `hasClaim` is
  // known, and a claim-less datum has no value to read.
  const claim = (): TPairList => unMap(head(fieldsOf(claimed)));
  const autoRelease = not(eqInt(escrow.autoRelease, pInt(0)));
  const sellerOk = (seller: TPairList): TBool =>
    ifThenElse(
      bool,
      hasClaim,
      allAssets(claim(), (policy, name, q) => {
        const have = plet(quantityOf(policy, name, held)) as TInt;
        const due = ifThenElse(int, lessEq(q, have), q, have) as TInt;
        return lessEq(due, quantityOf(policy, name, seller));
      }),
      covers(seller, singletonValue(ADA_ID, ADA_ID, deposit), held),
    );
  const buyerOk = (buyer: TPairList): TBool =>
    ifThenElse(bool, hasClaim, covers(buyer, claim(), held), lessEq(deposit, lovelaceOf(buyer)));
  const checks: Check[] = [
    [T.sellerSigned, or(isAccept, signedBy(env, escrow.sellerKey))],
    [T.buyerSigned, or(not(isAccept), signedBy(env, escrow.buyerKey))],
    [
      T.state,
      or(
        isAccept,
        or(isState(state, S.ResultSubmitted), and(autoRelease, isState(state, S.FundsLocked))),
      ),
    ],
    [T.tooEarly, or(isAccept, lessEq(escrow.unlockTimeMs, env.lowerMs))],
    // Out of bounds, the buyer's deposit would be paid by the seller (negative) or to it (above).
    [T.buyerLovelace, and(lessEq(pInt(0), deposit), lessEq(deposit, lovelaceOf(held)))],
  ];
  return requireAll(
    unit,
    checks,
    payout(unI(head(a.fields)), a.outs, a.next, escrow.seller, tag, (sellerValue, rest, next) =>
      requireAll(
        unit,
        [[T.sellerPayout, sellerOk(sellerValue)]],
        payout(unI(at(1, a.fields)), rest, next, escrow.buyer, tag, (buyerValue, rest2, next2) =>
          requireAll(unit, [[T.buyerPayout, buyerOk(buyerValue)]], call(a.k, rest2, next2)),
        ),
      ),
    ),
  );
}

/**
 * Buyer: without a result after submitResultTime (from FundsLocked only without autoRelease:
 * a subscription's buyer asks first), or at once once RefundAuthorized.
 */
export function withdrawRefund(a: StepArgs): TUnit {
  const { env, escrow } = a;
  const state = escrow.state;
  const authorized = isState(state, S.RefundAuthorized);
  const checks: Check[] = [
    [T.buyerSigned, signedBy(env, escrow.buyerKey)],
    [
      T.state,
      or(
        authorized,
        or(
          isState(state, S.RefundRequested),
          and(isState(state, S.FundsLocked), eqInt(escrow.autoRelease, pInt(0))),
        ),
      ),
    ],
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
 * Release (buyer → seller), PartialRefund (seller → buyer) and RedeemVoucher (seller, by the
 * buyer's voucher → seller): each pays an amount of one asset now; the rest stays locked under
 * the same terms (only the actor's cooldown is stamped, so these steps cannot starve the other
 * party either). One body for the three (`stepTag` picks the rules), for script size.
 *
 * Step fields: [policyPosition, namePosition, amount (RedeemVoucher: total), continuingIndex,
 * payeeIndex] and, for RedeemVoucher, [vkey, signature]. The asset is named by its position in
 * the escrow input's value (policy 0 is ADA); a position past the end (or negative) fails.
 *
 * A voucher is the buyer's signed running total owed for this escrow in one asset: the buyer's
 * key (its hash is the datum's) signs `scriptHash ‖ reference ‖ total (8 bytes, big-endian) ‖
 * policyId ‖ assetName`, bound to this script and this escrow, so it pays nowhere else, and to
 * the asset, so a total in one unit is never paid in another. The seller is paid the total less
 * the totals redeemed before, which the datum records: an older voucher (a lower total) pays
 * nothing and is refused.
 */
export function payPart(a: StepArgs, stepTag: TInt): TUnit {
  const { env, escrow } = a;
  const f = a.fields;
  const isRelease = plet(eqInt(stepTag, pInt(StepTag.Release))) as TBool;
  const isRefund = plet(eqInt(stepTag, pInt(StepTag.PartialRefund))) as TBool;
  const isRedeem = plet(eqInt(stepTag, pInt(StepTag.RedeemVoucher))) as TBool;
  const entry = plet(pairHead(dropPairs(unI(head(f)), escrow.valueMap))) as TPair;
  const policy = plet(fst(entry)) as TData;
  const token = plet(pairHead(dropPairs(unI(at(1, f)), unMap(snd(entry))))) as TPair;
  const name = plet(fst(token)) as TData;
  const given = plet(unI(at(2, f))) as TInt;
  const vouchered = plet(escrow.voucherTotal) as TInt;
  const amount = plet(ifThenElse(int, isRedeem, sub(given, vouchered), given)) as TInt;
  // Read at each use, not let-bound: only RedeemVoucher's fields have a key (see `settle`).
  const vkey = (): TBs => unB(at(5, f));
  const message = appendBs(
    unB(head(fieldsOf(env.ownCredential))),
    appendBs(
      unB(escrow.reference),
      appendBs(intToBytesBE(pInt(VOUCHER_TOTAL_BYTES), given), appendBs(unB(policy), unB(name))),
    ),
  );
  const cooldown = ifThenElse(int, isRelease, escrow.buyerCooldownMs, escrow.sellerCooldownMs);
  const checks: Check[] = [
    [T.buyerSigned, or(not(isRelease), signedBy(env, escrow.buyerKey))],
    [T.sellerSigned, or(isRelease, signedBy(env, escrow.sellerKey))],
    [T.cooldown, lessEq(cooldown as TInt, env.lowerMs)],
    [T.voucherTotal, or(not(isRedeem), less(vouchered, given))],
    [T.voucherKey, or(not(isRedeem), eqData(bData(blake2b224(vkey())), escrow.buyerKey))],
    [T.voucherSignature, or(not(isRedeem), verifyEd25519(vkey(), message, unB(at(6, f))))],
    [T.releaseAmount, less(pInt(0), amount)],
    [T.releaseLocked, lessEq(amount, unI(snd(token)))],
    [
      T.releaseFloor,
      or(less(pInt(0), unI(head(f))), lessEq(add(amount, depositOf(escrow)), unI(snd(token)))),
    ],
  ];
  const stamp = plet(add(env.upperMs, env.cooldownMs)) as TInt;
  const next = {
    state: escrow.state,
    result: escrow.resultHash,
    buyerCooldownMs: ifThenElse(int, isRelease, stamp, pInt(0)) as TInt,
    sellerCooldownMs: ifThenElse(int, isRelease, pInt(0), stamp) as TInt,
    claim: escrow.claim,
    voucherTotal: ifThenElse(int, isRedeem, given, vouchered) as TInt,
  };
  // What stays holds the escrow's tokens less the amount paid, exactly (no token can be added
  // to raise the minimum UTxO), and at least its lovelace less any paid. The ledger's values are
  // canonical maps, so the expected one compares whole.
  const expected = plet(takeAt(unI(head(f)), unI(at(1, f)), amount, escrow.valueMap)) as TPairList;
  const payee = ifThenElse(data, isRefund, escrow.buyer, escrow.seller) as TData;
  // After the continuing output, the payee's payout of the amount.
  const thenPay = lambda([dataList, int], unit, (outs, next2) =>
    payout(unI(at(4, f)), outs as TList, next2 as TInt, payee, tagOf(a), (value, rest, next3) => {
      const enough = plet(lessEq(amount, quantityOf(policy, name, value))) as TBool;
      return requireAll(
        unit,
        [
          [T.sellerPayout, or(isRefund, enough)],
          [T.buyerPayout, or(not(isRefund), enough)],
        ],
        call(a.k, rest, next3),
      );
    }),
  );
  return requireAll(
    unit,
    checks,
    continueWith({ ...a, k: thenPay }, unI(at(3, f)), escrow, next, (value) => {
      const v = plet(unMap(value)) as TPairList;
      return and(
        eqData(mapData(pairTail(v)), mapData(pairTail(expected))),
        lessEq(lovelaceOf(expected), lovelaceOf(v)),
      );
    }),
  );
}
