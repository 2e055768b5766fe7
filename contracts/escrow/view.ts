/**
 * One escrow input as the batch sees it: its position among the transaction's inputs, address,
 * value and datum fields, named.
 */
import { bs, data, DataConstr, pData, plet } from "@harmoniclabs/plu-ts";
import { hoisted, lambda, call } from "../onchain/fn.ts";
import { walk, TxOutField } from "../onchain/ledger.ts";
import {
  add,
  at,
  bData,
  cons,
  constrData,
  eqInt,
  fieldsOf,
  head,
  ifThenElse,
  lengthBs,
  nilData,
  pInt,
  sliceBs,
  unB,
  unI,
  unMap,
  type TBs,
  type TData,
  type TInt,
  type TList,
  type TPairList,
} from "../onchain/prelude.ts";
import { DATUM_FIELD_COUNT, DatumField, KEY_HASH_BYTES, MUTABLE_FIELD_COUNT } from "./layout.ts";

export interface EscrowInput {
  /** Index of the input in the transaction's (sorted) inputs: what its payouts are tagged with. */
  position: TInt;
  address: TData;
  value: TData;
  valueMap: TPairList;
  state: TInt;
  resultHash: TData;
  buyerCooldownMs: TInt;
  sellerCooldownMs: TInt;
  /** The escrow's 16-byte reference (B data), which vouchers are bound to. */
  reference: TData;
  /** `Constr 0 []` (no claim) or `Constr 1 [value]` (see DatumField.claim). */
  claim: TData;
  voucherTotal: TInt;
  /** 1 when the seller may Withdraw at unlockTime without a result (see DatumField). */
  autoRelease: TInt;
  /** The buyer's and seller's Plutus addresses, rebuilt from their key hashes. */
  buyer: TData;
  seller: TData;
  /** The key hashes (as data) of the buyer's and seller's payment credentials. */
  buyerKey: TData;
  sellerKey: TData;
  submitResultTimeMs: TInt;
  unlockTimeMs: TInt;
  externalDisputeUnlockTimeMs: TInt;
  buyerLovelace: TInt;
  /** The datum fields no action may change, shared as-is by every new datum. */
  unchangedFields: TList;
}

const keyHashOf = (address: TData): TData => head(fieldsOf(head(fieldsOf(address))));

/** `Constr 0 [x]`: a `VerificationKey` credential, `Some`, or `Inline`, as the wrapper says. */
const wrap0 = (x: TData): TData => constrData(pInt(0), cons(x, nilData()));

/**
 * The Plutus address of a party stored as `paymentKeyHash ‖ stakeKeyHash` (56 bytes) or
 * `paymentKeyHash` (28 bytes, no stake part):
 * `Address (VerificationKey pkh) (Some (Inline (VerificationKey skh)) | None)`.
 */
const ppartyAddress = hoisted(
  lambda([bs], data, (party) => {
    const hash = (from: number): TData =>
      bData(sliceBs(pInt(from), pInt(KEY_HASH_BYTES), party as TBs));
    const stake = ifThenElse(
      data,
      eqInt(lengthBs(party as TBs), pInt(KEY_HASH_BYTES)),
      pData(new DataConstr(1, [])),
      wrap0(wrap0(wrap0(hash(KEY_HASH_BYTES)))),
    );
    return constrData(pInt(0), cons(wrap0(hash(0)), cons(stake as TData, nilData())));
  }),
);

const partyAddress = (party: TData): TData => call(ppartyAddress, unB(party));

/**
 * Reads an escrow input from its position, and its resolved output's fields. The datum must be
 * inline (`OutputDatum = Constr 2 [datum]`); anything else fails to decode.
 */
export function escrowInput(position: TInt, outFields: TList): EscrowInput {
  const value = plet(at(TxOutField.value, outFields)) as TData;
  const datum = head(fieldsOf(at(TxOutField.datum, outFields)));
  const { items: f, rests } = walk(fieldsOf(datum), DATUM_FIELD_COUNT);
  const field = (i: number): TData => f[i] as TData;
  // Deadlines are stored as gaps after the one before (exact: no rounding).
  const submitResult = plet(unI(field(DatumField.submitResultTimeMs))) as TInt;
  const unlock = plet(add(submitResult, unI(field(DatumField.unlockAfterSubmitMs)))) as TInt;
  const buyer = plet(partyAddress(field(DatumField.buyer))) as TData;
  const seller = plet(partyAddress(field(DatumField.seller))) as TData;
  return {
    position,
    address: plet(at(TxOutField.address, outFields)) as TData,
    value,
    valueMap: plet(unMap(value)) as TPairList,
    state: plet(unI(field(DatumField.state))) as TInt,
    resultHash: field(DatumField.resultHash),
    buyerCooldownMs: unI(field(DatumField.buyerCooldownMs)),
    sellerCooldownMs: unI(field(DatumField.sellerCooldownMs)),
    reference: field(DatumField.reference),
    claim: field(DatumField.claim),
    voucherTotal: unI(field(DatumField.voucherTotal)),
    autoRelease: unI(field(DatumField.autoRelease)),
    buyer,
    seller,
    buyerKey: plet(keyHashOf(buyer)) as TData,
    sellerKey: plet(keyHashOf(seller)) as TData,
    submitResultTimeMs: submitResult,
    unlockTimeMs: unlock,
    externalDisputeUnlockTimeMs: add(unlock, unI(field(DatumField.disputeAfterUnlockMs))),
    buyerLovelace: plet(unI(field(DatumField.buyerLovelace))) as TInt,
    unchangedFields: rests[MUTABLE_FIELD_COUNT] as TList,
  };
}
