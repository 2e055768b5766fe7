/**
 * What every escrow step of one batch shares: the signers, the validity interval, the
 * parameters, and whether enough admins signed. Each is computed once per transaction.
 */
import { bool, int, unit, plet } from "@harmoniclabs/plu-ts";
import { bind, type AnyTerm } from "../onchain/fn.ts";
import { countIn } from "../onchain/lists.ts";
import { TxInfoField } from "../onchain/ledger.ts";
import {
  and,
  at,
  ctorOf,
  dataList,
  eqInt,
  fieldsOf,
  head,
  less,
  lessEq,
  pInt,
  requireAll,
  unI,
  unList,
  type TBool,
  type TData,
  type TInt,
  type TList,
  type TUnit,
} from "../onchain/prelude.ts";
import { EscrowTrace } from "./layout.ts";

/** The escrow's deploy-time parameters, still as data. */
export interface EscrowParams {
  admins: TData;
  threshold: TData;
  cooldownMs: TData;
}

export interface TxEnv {
  /** The escrow script's own credential (`ScriptCredential hash`). */
  ownCredential: TData;
  signatories: TList;
  /** Earliest and latest time the transaction may be valid at, from its validity interval. */
  lowerMs: TInt;
  upperMs: TInt;
  cooldownMs: TInt;
  /** At least `threshold` (≥ 1) distinct signatories are admins. */
  adminsSigned: TBool;
}

/** `Extended = NegInf | Finite t | PosInf`; `Finite` has constructor 1. */
const FINITE = 1;

/**
 * Reads the transaction-wide values and runs `body` with them. Every escrow step needs a
 * finite validity interval (times come from it only), so an open one fails here, once.
 */
export function withTxEnv(
  params: EscrowParams,
  txInfo: TList,
  ownCredential: TData,
  body: (env: TxEnv) => TUnit,
): TUnit {
  const range = plet(fieldsOf(at(TxInfoField.validRange, txInfo))) as TList;
  const lower = plet(head(fieldsOf(head(range)))) as TData;
  const upper = plet(head(fieldsOf(at(1, range)))) as TData;
  const finite = and(eqInt(ctorOf(lower), pInt(FINITE)), eqInt(ctorOf(upper), pInt(FINITE)));
  return requireAll(
    unit,
    [[EscrowTrace.validityRange, finite]],
    bind(dataList, unit, unList(at(TxInfoField.signatories, txInfo)), (signatories) =>
      bind(int, unit, unI(head(fieldsOf(lower))), (lowerMs) =>
        bind(int, unit, unI(head(fieldsOf(upper))), (upperMs) =>
          bind(int, unit, unI(params.cooldownMs), (cooldownMs) =>
            bind(bool, unit, adminsSigned(params, signatories as TList), (admins) =>
              body({
                ownCredential,
                signatories: signatories as TList,
                lowerMs: lowerMs as TInt,
                upperMs: upperMs as TInt,
                cooldownMs: cooldownMs as TInt,
                adminsSigned: admins as TBool,
              }),
            ),
          ),
        ),
      ),
    ) as TUnit,
  );
}

/**
 * Counts the signatories that are admins, not the admins that signed: the ledger's required
 * signers are a set, so each key counts once even if the parameters name an admin twice (the
 * off-chain code refuses such parameters too, but the script does not rely on it).
 */
function adminsSigned(params: EscrowParams, signatories: TList): AnyTerm {
  const threshold = plet(unI(params.threshold)) as TInt;
  return and(
    less(pInt(0), threshold),
    lessEq(threshold, countIn(signatories, unList(params.admins))),
  );
}
