/** Payouts by tag and the step read from datums and payouts, on hand-built transactions. */
import { describe, expect, it } from "vitest";
import { payoutTag, toCbor, type EscrowDatum } from "../../contracts/index.ts";
import type { TxInput, TxUtxos } from "../chain/port.ts";
import { endAction, endState, escrowPayouts, moveAction, type Payouts } from "./escrow-steps.ts";

const U = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
const SELLER = "addr_test1seller";
const BUYER = "addr_test1buyer";
const SCRIPT = "addr_test1script";
const ESCROW = { txHash: "bb".repeat(32), outputIndex: 0 };

const input = (txHash: string, outputIndex: number, extra: Partial<TxInput> = {}): TxInput => ({
  txHash,
  outputIndex,
  address: SCRIPT,
  value: { lovelace: 0n, assets: {} },
  dataHash: null,
  inlineDatumCbor: null,
  referenceScriptHash: null,
  collateral: false,
  reference: false,
  ...extra,
});
// The fee input sorts first, so the escrow input is at position 1; the reference input and
// the collateral do not count.
const INPUTS = [
  input(ESCROW.txHash, ESCROW.outputIndex),
  input("aa".repeat(32), 3),
  input("00".repeat(32), 0, { reference: true }),
  input("01".repeat(32), 0, { collateral: true }),
];
let index = 0;
const out = (
  address: string,
  lovelace: bigint,
  assets: Record<string, bigint>,
  tag: number | null,
): TxUtxos["outputs"][number] => ({
  address,
  value: { lovelace, assets },
  outputIndex: index++,
  dataHash: null,
  inlineDatumCbor: tag === null ? null : toCbor(payoutTag(tag)),
  referenceScriptHash: null,
  collateral: false,
  consumedByTxHash: null,
});
const w = (unit: string, amount: bigint) => ({ unit, amount: amount.toString() });
const payouts = (
  outputs: TxUtxos["outputs"],
  before: [string, bigint][],
  after: [string, bigint][],
) =>
  escrowPayouts({
    escrowInput: ESCROW,
    inputs: INPUTS,
    outputs,
    sellerAddress: SELLER,
    buyerAddress: BUYER,
    before: before.map(([u, q]) => w(u, q)),
    after: after.map(([u, q]) => w(u, q)),
  });

describe("escrowPayouts", () => {
  it("counts only outputs to a party with this escrow's tag, without the buyer's top-up", () => {
    const outputs = [
      out(SELLER, 1_200_000n, { [U]: 1_000_000n }, 1),
      out(SELLER, 9_000_000n, {}, 0), // another escrow's payout
      out(SELLER, 9_000_000n, {}, null), // not a payout
      out(BUYER, 50_000_000n, {}, null), // the buyer's change
      out("addr_test1other", 5_000_000n, { [U]: 5n }, 1), // tagged, but to nobody of ours
    ];
    expect(
      payouts(
        outputs,
        [
          ["lovelace", 2_000_000n],
          [U, 5_000_000n],
        ],
        [
          ["lovelace", 2_000_000n],
          [U, 4_000_000n],
        ],
      ),
    ).toEqual({ toSeller: [w(U, 1_000_000n)], toBuyer: [], sellerTagged: true });
  });

  it("takes a partial refund's top-up from the buyer's payout, which carries the tokens", () => {
    const outputs = [out(BUYER, 1_200_000n, { [U]: 1_000_000n }, 1)];
    expect(
      payouts(
        outputs,
        [
          ["lovelace", 2_000_000n],
          [U, 5_000_000n],
        ],
        [
          ["lovelace", 2_000_000n],
          [U, 4_000_000n],
        ],
      ),
    ).toEqual({ toSeller: [], toBuyer: [w(U, 1_000_000n)], sellerTagged: false });
  });

  it("at a Withdraw, the seller's top-up does not eat into the buyer's deposit", () => {
    const outputs = [
      out(SELLER, 1_300_000n, { [U]: 5_000_000n }, 1),
      out(BUYER, 2_000_000n, {}, 1),
    ];
    expect(
      payouts(
        outputs,
        [
          ["lovelace", 2_000_000n],
          [U, 5_000_000n],
        ],
        [],
      ),
    ).toEqual({
      toSeller: [w(U, 5_000_000n)],
      toBuyer: [w("lovelace", 2_000_000n)],
      sellerTagged: true,
    });
  });

  it("pays lovelace exactly when no top-up was needed", () => {
    const outputs = [out(SELLER, 3_000_000n, {}, 1), out(BUYER, 2_000_000n, {}, 1)];
    expect(payouts(outputs, [["lovelace", 5_000_000n]], [])).toEqual({
      toSeller: [w("lovelace", 3_000_000n)],
      toBuyer: [w("lovelace", 2_000_000n)],
      sellerTagged: true,
    });
  });

  it("finds nothing when the escrow is not among the spent inputs", () => {
    const r = escrowPayouts({
      escrowInput: { txHash: "cc".repeat(32), outputIndex: 0 },
      inputs: INPUTS,
      outputs: [out(SELLER, 3_000_000n, {}, 1)],
      sellerAddress: SELLER,
      buyerAddress: BUYER,
      before: [w("lovelace", 5_000_000n)],
      after: [],
    });
    expect(r).toEqual({ toSeller: [], toBuyer: [], sellerTagged: false });
  });
});

const D: EscrowDatum = {
  state: "FundsLocked",
  resultHash: "",
  buyerCooldownMs: 0,
  sellerCooldownMs: 0,
  buyer: BUYER,
  seller: SELLER,
  reference: "00".repeat(16),
  inputHash: "11".repeat(32),
  submitResultTimeMs: 2_000,
  unlockTimeMs: 3_000,
  externalDisputeUnlockTimeMs: 4_000,
  buyerLovelace: 2_000_000n,
  claim: null,
  voucherTotal: 0n,
  autoRelease: false,
};
const none: Payouts = { toSeller: [], toBuyer: [] };
const toSeller: Payouts = { toSeller: [w(U, 1n)], toBuyer: [] };
const toBuyer: Payouts = { toSeller: [], toBuyer: [w(U, 1n)] };
const byBuyer = { buyerCooldownMs: 99, sellerCooldownMs: 0 };
const bySeller = { buyerCooldownMs: 0, sellerCooldownMs: 99 };

describe("moveAction", () => {
  it.each([
    ["Release", D, { ...D, ...byBuyer }, toSeller],
    ["PartialRefund", D, { ...D, ...bySeller }, toBuyer],
    ["RedeemVoucher", D, { ...D, ...bySeller, voucherTotal: 5n }, toSeller],
    ["SubmitResult", D, { ...D, ...bySeller, state: "ResultSubmitted", resultHash: "ab" }, none],
    [
      "SubmitResult",
      { ...D, state: "ResultSubmitted", resultHash: "ab" },
      {
        ...D,
        ...bySeller,
        state: "ResultSubmitted",
        resultHash: "ab",
        claim: [{ unit: U, amount: 7n }],
      },
      none,
    ],
    ["RequestRefund", D, { ...D, ...byBuyer, state: "RefundRequested" }, none],
    [
      "RequestRefund",
      { ...D, state: "ResultSubmitted" },
      { ...D, ...byBuyer, state: "Disputed" },
      none,
    ],
    ["CancelRefund", { ...D, state: "RefundRequested" }, { ...D, ...byBuyer }, none],
    [
      "AuthorizeRefund",
      { ...D, state: "Disputed" },
      { ...D, ...bySeller, state: "RefundAuthorized" },
      none,
    ],
  ] as [string, EscrowDatum, EscrowDatum, Payouts][])("names %s", (action, prev, next, paid) => {
    expect(moveAction(prev, next, paid)).toBe(action);
  });

  it("names nothing it cannot tell: a buyer's stamp that pays nobody", () => {
    expect(moveAction(D, { ...D, ...byBuyer }, none)).toBeNull();
    // A seller's stamp paying the seller is no step of the seller's but a voucher's.
    expect(moveAction(D, { ...D, ...bySeller }, toSeller)).toBeNull();
  });
});

describe("endAction", () => {
  it.each([
    ["Withdraw", { ...D, state: "ResultSubmitted" }, toSeller, 3_000, "Withdrawn"],
    ["Accept", { ...D, state: "ResultSubmitted" }, toSeller, 2_999, "Withdrawn"],
    ["Accept", D, toSeller, 5_000, "Withdrawn"],
    ["Withdraw", { ...D, autoRelease: true }, toSeller, 3_000, "Withdrawn"],
    ["Accept", { ...D, autoRelease: true }, toSeller, 2_999, "Withdrawn"],
    ["WithdrawRefund", D, toBuyer, 5_000, "RefundWithdrawn"],
    ["WithdrawRefund", { ...D, state: "RefundAuthorized" }, toBuyer, 5_000, "RefundWithdrawn"],
    ["ResolveDispute", { ...D, state: "Disputed" }, toBuyer, 5_000, "DisputedWithdrawn"],
    // An escrow paid down to the deposit: the Accept's seller payout holds none of it.
    ["Accept", D, { ...toBuyer, sellerTagged: true }, 5_000, "Withdrawn"],
    ["WithdrawRefund", D, { ...toBuyer, sellerTagged: false }, 5_000, "RefundWithdrawn"],
  ] as [string, EscrowDatum, Payouts, number, string][])(
    "names %s and its end state",
    (action, prev, paid, blockTimeMs, state) => {
      const a = endAction(prev, paid, blockTimeMs);
      expect(a).toBe(action);
      expect(endState(a)).toBe(state);
    },
  );
});
