/**
 * One failing transaction per rule of the escrow validator, named
 * `fails_<action>_without_<condition>`. Each starts from a correct plan, breaks exactly one
 * thing, sends it to the ledger unevaluated, and asserts the script's own trace message.
 */
import { beforeAll, describe, it } from "vitest";
import { escrowDatum, escrowBatch, type EscrowDatum } from "./escrow-data.ts";
import { nextDatum } from "./escrow-rules.ts";
import { EscrowTrace as T, type EscrowAction } from "./escrow/layout.ts";
import { pConstr, pInt, pList } from "./plutus-data.ts";
import { timeOf } from "./test-support/chain.ts";
import { adjust, type Asset, type SpendPlan } from "./test-support/escrow-tx.ts";
import { expectScriptTrace } from "./test-support/expect.ts";
import {
  defaultAmount,
  HOUR_MS,
  inState,
  lockEscrows,
  MINUTE_MS,
  pastDeadlines,
  plan,
  setup,
  USDM,
  type Fixture,
  type Locked,
} from "./test-support/fixture.ts";
import type { Party } from "./test-support/parties.ts";
import { mintTestTokens, testUnit } from "./test-support/tokens.ts";

let f: Fixture;
beforeAll(async () => {
  f = await setup();
  await mintTestTokens(f.chain, f.buyer, ["A", "B", "C"]);
});

type Overrides = Partial<EscrowDatum> | ((f: Fixture) => Partial<EscrowDatum>);

interface Case {
  state: EscrowDatum["state"];
  action: EscrowAction;
  /** Who pays and (unless `signers`) signs. */
  by: (f: Fixture) => Party;
  datum?: Overrides;
  amount?: () => Asset[];
  signers?: (f: Fixture) => Party[];
  release?: { unit: string; amount: bigint };
  /** Breaks the correct plan; `e` is the escrow. */
  breakIt?: (p: SpendPlan, e: Locked) => void;
}

const buyer = (x: Fixture) => x.buyer;
const seller = (x: Fixture) => x.seller;
const admin = (x: Fixture) => x.admins[0] as Party;
const past = (x: Fixture) => pastDeadlines(x);

/** Locks one escrow as the case says and returns the correct plan for its action. */
async function arrange(c: Case): Promise<{ p: SpendPlan; e: Locked }> {
  const overrides = typeof c.datum === "function" ? c.datum(f) : (c.datum ?? {});
  const [e] = await lockEscrows(f, 1, () => inState(c.state, overrides), c.amount?.());
  const locked = e as Locked;
  const p = plan(f, [{ ...locked, action: c.action, release: c.release }], c.by(f), {
    signers: c.signers?.(f),
  });
  return { p, e: locked };
}

function fails(name: string, trace: string, c: Case): void {
  it(name, async () => {
    const { p, e } = await arrange(c);
    c.breakIt?.(p, e);
    await expectScriptTrace(f, p, trace);
  });
}

/** The continuing datum the validator expects, changed by `change`. */
function changedDatum(
  p: SpendPlan,
  e: Locked,
  action: "SubmitResult" | "RequestRefund" | "CancelRefund" | "AuthorizeRefund" | "Release",
  change: Partial<EscrowDatum>,
) {
  const validity = { lowerMs: timeOf(p.fromSlot), upperMs: timeOf(p.toSlot as number) };
  const next = nextDatum(e.datum, action, validity, f.d.params.cooldownMs, {
    resultHash: "ab".repeat(32),
  });
  return escrowDatum({ ...next, ...change });
}

const out = (p: SpendPlan, i: number) => {
  const o = p.outputs[i];
  if (o === undefined) throw new Error(`no planned output ${i}`);
  return o;
};

describe("SubmitResult", () => {
  const base: Case = { state: "FundsLocked", action: "SubmitResult", by: seller };
  fails("fails_SubmitResult_without_seller_signature", T.sellerSigned, { ...base, by: buyer });
  fails("fails_SubmitResult_without_open_state", T.state, { ...base, state: "RefundAuthorized" });
  fails("fails_SubmitResult_without_seller_cooldown_passed", T.cooldown, {
    ...base,
    datum: (x) => ({ sellerCooldownMs: x.chain.nowMs() + HOUR_MS }),
  });
  fails("fails_SubmitResult_without_time_before_submitResultTime", T.tooLate, {
    ...base,
    datum: (x) => ({ submitResultTimeMs: x.chain.nowMs() + MINUTE_MS }),
  });
  fails("fails_SubmitResult_without_time_before_externalDisputeUnlockTime", T.tooLate, {
    ...base,
    state: "Disputed",
    datum: (x) => ({ ...past(x), externalDisputeUnlockTimeMs: x.chain.nowMs() + MINUTE_MS }),
  });
  fails("fails_SubmitResult_without_32_byte_result_hash", T.resultHash, {
    ...base,
    breakIt: (p, e) => {
      const s = p.spends[0]?.step;
      if (s?.action === "SubmitResult") s.resultHash = "ab".repeat(31);
      out(p, 0).datum = changedDatum(p, e, "SubmitResult", { resultHash: "ab".repeat(31) });
    },
  });
  fails("fails_SubmitResult_without_the_input_lovelace", T.contValue, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, "lovelace", -1n);
    },
  });
  fails("fails_SubmitResult_without_full_continuing_value", T.contValue, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, USDM, -1n);
    },
  });
  fails("fails_SubmitResult_without_unchanged_terms", T.contDatum, {
    ...base,
    breakIt: (p, e) => {
      out(p, 0).datum = changedDatum(p, e, "SubmitResult", {
        unlockTimeMs: e.datum.unlockTimeMs + HOUR_MS,
      });
    },
  });
  fails("fails_SubmitResult_without_script_address", T.contAddress, {
    ...base,
    breakIt: (p) => {
      out(p, 0).address = f.seller.address;
    },
  });
  fails("fails_SubmitResult_without_reference_script_free_output", T.contRefScript, {
    ...base,
    breakIt: (p) => {
      out(p, 0).referenceScript = f.d.registry.cbor;
    },
    amount: () => defaultAmount(10_000_000n, 30_000_000n),
  });
  fails("fails_SubmitResult_without_asset_cap", T.tooManyAssets, {
    ...base,
    amount: () => [
      ...defaultAmount(),
      { unit: testUnit("A"), quantity: "1" },
      { unit: testUnit("B"), quantity: "1" },
    ],
  });
});

describe("RequestRefund", () => {
  const base: Case = { state: "FundsLocked", action: "RequestRefund", by: buyer };
  fails("fails_RequestRefund_without_buyer_signature", T.buyerSigned, { ...base, by: seller });
  fails("fails_RequestRefund_without_refundable_state", T.state, { ...base, state: "Disputed" });
  fails("fails_RequestRefund_without_time_before_unlockTime", T.tooLate, {
    ...base,
    datum: (x) => ({ unlockTimeMs: x.chain.nowMs() + MINUTE_MS }),
  });
  fails("fails_RequestRefund_without_buyer_cooldown_passed", T.cooldown, {
    ...base,
    datum: (x) => ({ buyerCooldownMs: x.chain.nowMs() + HOUR_MS }),
  });
  fails("fails_RequestRefund_without_unchanged_terms", T.contDatum, {
    ...base,
    breakIt: (p, e) => {
      out(p, 0).datum = changedDatum(p, e, "RequestRefund", { seller: f.other.address });
    },
  });
});

describe("CancelRefund", () => {
  const base: Case = { state: "RefundRequested", action: "CancelRefund", by: buyer };
  fails("fails_CancelRefund_without_buyer_signature", T.buyerSigned, { ...base, by: seller });
  fails("fails_CancelRefund_without_refund_requested_state", T.state, {
    ...base,
    state: "FundsLocked",
  });
  fails("fails_CancelRefund_without_buyer_cooldown_passed", T.cooldown, {
    ...base,
    datum: (x) => ({ buyerCooldownMs: x.chain.nowMs() + HOUR_MS }),
  });
});

describe("AuthorizeRefund", () => {
  const base: Case = { state: "Disputed", action: "AuthorizeRefund", by: seller };
  fails("fails_AuthorizeRefund_without_seller_signature", T.sellerSigned, { ...base, by: buyer });
  fails("fails_AuthorizeRefund_without_open_state", T.state, {
    ...base,
    state: "RefundAuthorized",
  });
  fails("fails_AuthorizeRefund_without_result_cleared", T.contDatum, {
    ...base,
    breakIt: (p, e) => {
      out(p, 0).datum = changedDatum(p, e, "AuthorizeRefund", { resultHash: e.datum.resultHash });
    },
  });
});

describe("Withdraw", () => {
  const base: Case = { state: "ResultSubmitted", action: "Withdraw", by: seller, datum: past };
  fails("fails_Withdraw_without_seller_signature", T.sellerSigned, { ...base, by: buyer });
  fails("fails_Withdraw_without_result_submitted_state", T.state, { ...base, state: "Disputed" });
  fails("fails_Withdraw_without_time_after_unlockTime", T.tooEarly, {
    ...base,
    datum: (x) => ({ ...past(x), unlockTimeMs: x.chain.nowMs() + HOUR_MS }),
  });
  fails("fails_Withdraw_without_seller_address", T.payoutAddress, {
    ...base,
    breakIt: (p) => {
      out(p, 0).address = f.other.address;
    },
  });
  fails("fails_Withdraw_without_full_seller_payout", T.sellerPayout, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, USDM, -1n);
    },
  });
  fails("fails_Withdraw_without_buyer_lovelace_returned", T.buyerPayout, {
    ...base,
    breakIt: (p) => {
      out(p, 1).amount = adjust(out(p, 1).amount, "lovelace", -1n);
    },
  });
  fails("fails_Withdraw_without_payout_tag", T.payoutTag, {
    ...base,
    breakIt: (p) => {
      out(p, 0).datum = pConstr(0, [pInt(1)]);
    },
  });
  fails("fails_Withdraw_without_payout_tag_of_its_own_input", T.payoutTag, {
    ...base,
    breakIt: (p) => {
      // The tag of the input next to the escrow's (the fee input's): another input's payout.
      const tag = out(p, 0).datum;
      if (tag === undefined || !("int" in tag)) throw new Error("expected a position tag");
      out(p, 0).datum = pInt(Number(tag.int) === 0 ? 1 : Number(tag.int) - 1);
    },
  });
  it("fails_Withdraw_without_one_payout_per_escrow (two escrows of one seller, one payout)", async () => {
    const es = await lockEscrows(f, 2, () => inState("ResultSubmitted", past(f)));
    const p = plan(
      f,
      es.map((e) => ({ ...e, action: "Withdraw" as const })),
      f.seller,
    );
    // One seller output carries both escrows' value; the second escrow points at it too.
    const [s1, b1, , b2] = p.outputs as [
      (typeof p.outputs)[0],
      (typeof p.outputs)[0],
      (typeof p.outputs)[0],
      (typeof p.outputs)[0],
    ];
    s1.amount = adjust(s1.amount, USDM, 10_000_000n);
    p.outputs = [s1, b1, b2];
    const [first, second] = p.spends;
    if (first?.step.action === "Withdraw" && second?.step.action === "Withdraw") {
      first.step = { ...first.step, sellerOutput: 0, buyerOutput: 1 };
      second.step = { ...second.step, sellerOutput: 0, buyerOutput: 2 };
    }
    await expectScriptTrace(f, p, T.outputOrder);
  });
});

describe("WithdrawRefund", () => {
  const base: Case = { state: "FundsLocked", action: "WithdrawRefund", by: buyer, datum: past };
  fails("fails_WithdrawRefund_without_buyer_signature", T.buyerSigned, { ...base, by: seller });
  fails("fails_WithdrawRefund_without_refundable_state", T.state, {
    ...base,
    state: "ResultSubmitted",
  });
  fails("fails_WithdrawRefund_without_time_after_submitResultTime", T.tooEarly, {
    ...base,
    datum: {},
  });
  fails("fails_WithdrawRefund_without_buyer_address", T.payoutAddress, {
    ...base,
    breakIt: (p) => {
      out(p, 0).address = f.other.address;
    },
  });
  fails("fails_WithdrawRefund_without_full_refund", T.buyerPayout, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, USDM, -1n);
    },
  });
});

describe("ResolveDispute", () => {
  const two = (x: Fixture) => x.admins.slice(0, 2);
  const base: Case = {
    state: "Disputed",
    action: "ResolveDispute",
    by: admin,
    signers: two,
    datum: past,
  };
  fails("fails_ResolveDispute_without_admin_threshold", T.adminsSigned, {
    ...base,
    signers: (x) => [admin(x)],
  });
  fails("fails_ResolveDispute_without_admin_signers", T.adminsSigned, {
    ...base,
    by: seller,
    signers: (x) => [x.seller, x.buyer],
  });
  fails("fails_ResolveDispute_without_disputed_state", T.state, {
    ...base,
    state: "ResultSubmitted",
  });
  fails("fails_ResolveDispute_without_time_after_externalDisputeUnlockTime", T.tooEarly, {
    ...base,
    datum: (x) => ({ ...past(x), externalDisputeUnlockTimeMs: x.chain.nowMs() + HOUR_MS }),
  });
  fails("fails_ResolveDispute_without_full_split", T.disputeSplit, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, USDM, -1n);
    },
  });
  fails("fails_ResolveDispute_without_buyer_address", T.payoutAddress, {
    ...base,
    breakIt: (p) => {
      out(p, 1).address = f.other.address;
    },
  });
});

describe("Release", () => {
  const release = { unit: USDM, amount: 3_000_000n };
  const base: Case = { state: "ResultSubmitted", action: "Release", by: buyer, release };
  fails("fails_Release_without_buyer_signature", T.buyerSigned, { ...base, by: seller });
  fails("fails_Release_without_amount_within_locked", T.releaseLocked, {
    ...base,
    breakIt: (p) => {
      const s = p.spends[0]?.step;
      if (s?.action === "Release") s.amount = 10_000_001n;
    },
  });
  fails("fails_Release_without_positive_amount", T.releaseAmount, {
    ...base,
    breakIt: (p) => {
      const s = p.spends[0]?.step;
      if (s?.action === "Release") s.amount = 0n;
    },
  });
  fails("fails_Release_without_remaining_value", T.contValue, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, USDM, -1n);
    },
  });
  fails("fails_Release_without_seller_paid", T.sellerPayout, {
    ...base,
    breakIt: (p) => {
      out(p, 1).amount = adjust(out(p, 1).amount, USDM, -1n);
    },
  });
  fails("fails_Release_without_buyer_cooldown_passed", T.cooldown, {
    ...base,
    datum: (x) => ({ buyerCooldownMs: x.chain.nowMs() + HOUR_MS }),
  });
  fails("fails_Release_without_unchanged_terms", T.contDatum, {
    ...base,
    breakIt: (p, e) => {
      out(p, 0).datum = changedDatum(p, e, "Release", { buyerLovelace: 0n });
    },
  });
  // What stays keeps the escrow's tokens exactly, so only a lock with too many can exceed it.
  fails("fails_Release_without_asset_cap", T.tooManyAssets, {
    ...base,
    amount: () => [
      ...defaultAmount(),
      { unit: testUnit("A"), quantity: "1" },
      { unit: testUnit("B"), quantity: "1" },
    ],
  });
  fails("fails_Release_without_tokens_kept_exactly", T.contValue, {
    ...base,
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, USDM, 1n);
    },
  });
  fails("fails_Release_without_buyer_deposit_left", T.releaseFloor, {
    ...base,
    release: { unit: "lovelace", amount: 3_000_001n },
    // The buyer pays 1 ADA back in: the ledger takes the output, the floor still refuses it.
    breakIt: (p) => {
      out(p, 0).amount = adjust(out(p, 0).amount, "lovelace", 1_000_000n);
    },
  });
});

describe("the batch", () => {
  const base: Case = { state: "FundsLocked", action: "SubmitResult", by: seller };
  fails("fails_batch_without_step_per_escrow_input", T.missingStep, {
    ...base,
    breakIt: (p) => {
      p.batchRedeemer = pList([]);
    },
  });
  fails("fails_batch_without_escrow_input_per_step", T.extraStep, {
    ...base,
    breakIt: (p) => {
      const steps = p.spends.map((s) => s.step);
      p.batchRedeemer = escrowBatch([...steps, { action: "RequestRefund", continuingOutput: 5 }]);
    },
  });
  fails("fails_batch_without_known_step", T.unknownStep, {
    ...base,
    breakIt: (p) => {
      // Shaped like a real step (five fields), only the tag is unknown.
      p.batchRedeemer = pList([pConstr(11, [0, 0, 0, 0, 0].map(pInt))]);
    },
  });
  fails("fails_batch_without_finite_validity_range", T.validityRange, {
    ...base,
    breakIt: (p) => {
      p.toSlot = null;
    },
  });
  fails("fails_spend_without_batch_withdrawal", T.batchMissing, {
    ...base,
    breakIt: (p) => {
      p.withoutBatch = true;
    },
  });
  it("fails_batch_without_increasing_output_indices (two escrows, one continuing output)", async () => {
    const es = await lockEscrows(f, 2);
    const p = plan(
      f,
      es.map((e) => ({ ...e, action: "SubmitResult" as const })),
      f.seller,
    );
    const second = p.spends[1]?.step;
    if (second?.action === "SubmitResult") second.continuingOutput = 0;
    await expectScriptTrace(f, p, T.outputOrder);
  });
});
