/**
 * The attacks of the hardening review, each replayed on the ledger: an escrow made unpayable by
 * a lock (or a Release) at exactly the minimum UTxO, a hostile `buyerLovelace`, and an admin
 * named twice in the parameters. Each test fails on the validator as it was before the fix.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { UTxO } from "@meshsdk/core";
import { TxRejectedError } from "../src/devnet/index.ts";
import { lockOutput } from "../src/chain/escrow/lock-terms.ts";
import { minLovelace } from "../src/chain/escrow/value.ts";
import { decodeEscrowDatum, escrowDatum, type EscrowDatum } from "./escrow-data.ts";
import { largestDatum } from "./escrow-rules.ts";
import { EscrowTrace as T } from "./escrow/layout.ts";
import { fromCbor } from "./plutus-data.ts";
import { DEVNET_MESH_PARAMS } from "./test-support/chain.ts";
import { adjust, qty, type Asset, type SpendPlan } from "./test-support/escrow-tx.ts";
import { expectScriptTrace } from "./test-support/expect.ts";
import {
  inState,
  lockEscrows,
  newDatum,
  pastDeadlines,
  plan,
  run,
  setup,
  USDM,
  type Fixture,
  type Locked,
} from "./test-support/fixture.ts";

const COINS = DEVNET_MESH_PARAMS.coinsPerUtxoSize;
const ADA = 1_000_000n;

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});

const minFor = (amount: Asset[], d: EscrowDatum): bigint =>
  minLovelace(f.d.escrowAddress, amount, escrowDatum(d), COINS);

/**
 * The lock a hostile buyer makes: `tokens` plus exactly the minimum lovelace for the datum as
 * locked (FundsLocked, no result), which the datum names as the buyer's deposit.
 */
function lockedAtMinimum(
  tokens: Asset[],
  priceLovelace = 0n,
): { datum: EscrowDatum; amount: Asset[] } {
  let d = newDatum(f, { buyerLovelace: 0n });
  const amountOf = (x: EscrowDatum) => [
    { unit: "lovelace", quantity: (priceLovelace + x.buyerLovelace).toString() },
    ...tokens,
  ];
  // The datum holds the lovelace it sizes; a few rounds reach the fixed point.
  for (let round = 0; round < 4; round++) {
    const need = minFor(amountOf(d), d) - priceLovelace;
    if (need === d.buyerLovelace) break;
    d = { ...d, buyerLovelace: need };
  }
  return { datum: d, amount: amountOf(d) };
}

async function lockOne(e: { datum: EscrowDatum; amount: Asset[] }): Promise<Locked> {
  const [locked] = await lockEscrows(f, 1, () => e.datum, e.amount);
  return locked as Locked;
}

function datumAt(u: UTxO): EscrowDatum {
  return decodeEscrowDatum(fromCbor(u.output.plutusData as string), 0);
}

const submitError = (p: SpendPlan): Promise<unknown> =>
  run(f, p).then(
    () => undefined,
    (e: unknown) => e,
  );

const usdm = (n: bigint): Asset[] => [{ unit: USDM, quantity: n.toString() }];

describe("a buyer cannot make an escrow unpayable", () => {
  it("buyer_locks_exactly_the_FundsLocked_minimum: the seller's SubmitResult adds lovelace and lands", async () => {
    const e = await lockOne(lockedAtMinimum(usdm(10_000_000n)));
    // The lock is exactly its minimum UTxO: nothing to spare for a larger datum.
    expect(qty(e.utxo.output.amount as Asset[], "lovelace")).toBe(
      minFor(e.utxo.output.amount as Asset[], e.datum),
    );
    const p = plan(f, [{ ...e, action: "SubmitResult" }], f.seller);
    const cont = p.outputs[0]!;
    // The same value under the larger datum is refused by the ledger, not by the script.
    const tooSmall = await submitError(p);
    expect(tooSmall).toBeInstanceOf(TxRejectedError);
    expect((tooSmall as TxRejectedError).reason).not.toContain("Plutus script validation failed");
    // The seller adds what the larger datum needs, and the script accepts it.
    const next = datumOfOutput(p);
    const need = minFor(cont.amount, next);
    expect(need).toBeGreaterThan(qty(cont.amount, "lovelace"));
    cont.amount = adjust(cont.amount, "lovelace", need - qty(cont.amount, "lovelace"));
    const txHash = await run(f, p);
    const after = f.chain.utxo(txHash, 0)!;
    expect(datumAt(after).state).toBe("ResultSubmitted");
    expect(qty(after.output.amount as Asset[], USDM)).toBe(10_000_000n);
  });

  it("fails_SubmitResult_with_tokens_added (tokens never change, so no one raises the minimum)", async () => {
    const e = await lockOne({ datum: newDatum(f), amount: defaultValue() });
    const p = plan(f, [{ ...e, action: "SubmitResult" }], f.seller);
    p.outputs[0]!.amount = adjust(p.outputs[0]!.amount, USDM, 1n);
    await expectScriptTrace(f, p, T.contValue);
  });

  it("fails_RequestRefund_with_a_new_token_added", async () => {
    const e = await lockOne({ datum: newDatum(f), amount: adaOnly(5n * ADA) });
    const p = plan(f, [{ ...e, action: "RequestRefund" }], f.buyer);
    p.outputs[0]!.amount = [...p.outputs[0]!.amount, ...usdm(1n)];
    await expectScriptTrace(f, p, T.contValue);
  });

  it("fails_CancelRefund_with_lovelace_taken", async () => {
    const e = await lockOne({
      datum: newDatum(f, inState("RefundRequested")),
      amount: defaultValue(),
    });
    const p = plan(f, [{ ...e, action: "CancelRefund" }], f.buyer);
    p.outputs[0]!.amount = adjust(p.outputs[0]!.amount, "lovelace", -1n);
    await expectScriptTrace(f, p, T.contValue);
  });

  it("buyer_releases_lovelace_down_to_the_current_minimum: refused below the buyer's deposit (RF)", async () => {
    // An ADA-priced job locked as the node sizes it: the deposit covers the largest datum.
    const price = 10n * ADA;
    const d0 = newDatum(f, { buyerLovelace: 0n });
    let bl = 0n;
    for (let i = 0; i < 4; i++)
      bl = minFor(
        [{ unit: "lovelace", quantity: (price + bl).toString() }],
        largestDatum({ ...d0, buyerLovelace: bl }),
      );
    const e = await lockOne({
      datum: { ...d0, buyerLovelace: bl },
      amount: [{ unit: "lovelace", quantity: (price + bl).toString() }],
    });
    // Release all but the minimum of the datum the Release writes (the buyer's cooldown is
    // stamped): the ledger accepts that output, and SubmitResult could then not pay its own.
    const releasing = (amount: bigint) =>
      plan(f, [{ ...e, action: "Release", release: { unit: "lovelace", amount } }], f.buyer);
    const stays = datumOfOutput(releasing(price));
    const current = minFor([{ unit: "lovelace", quantity: "1" }], stays);
    expect(current).toBeLessThan(bl);
    const p = releasing(price + bl - current);
    await expectScriptTrace(f, p, T.releaseFloor);
    // Releasing the whole price leaves the deposit, and lands.
    const ok = plan(
      f,
      [{ ...e, action: "Release", release: { unit: "lovelace", amount: price } }],
      f.buyer,
    );
    const txHash = await run(f, ok);
    expect(qty(f.chain.utxo(txHash, 0)!.output.amount as Asset[], "lovelace")).toBe(bl);
  });

  it("fails_Release_with_a_token_added_to_what_stays", async () => {
    const e = await lockOne({
      datum: newDatum(f, inState("ResultSubmitted")),
      amount: adaOnly(10n * ADA),
    });
    const p = plan(
      f,
      [{ ...e, action: "Release", release: { unit: "lovelace", amount: 3n * ADA } }],
      f.buyer,
    );
    p.outputs[0]!.amount = [...p.outputs[0]!.amount, ...usdm(1n)];
    await expectScriptTrace(f, p, T.contValue);
  });

  it("fails_Release_with_more_of_the_released_token_kept", async () => {
    const e = await lockOne({
      datum: newDatum(f, inState("ResultSubmitted")),
      amount: defaultValue(),
    });
    const p = plan(
      f,
      [{ ...e, action: "Release", release: { unit: USDM, amount: 3_000_000n } }],
      f.buyer,
    );
    // What stays keeps 1 more USDM than the escrow less the release (paid in by the buyer).
    p.outputs[0]!.amount = adjust(p.outputs[0]!.amount, USDM, 1n);
    await expectScriptTrace(f, p, T.contValue);
  });

  it("a Release of a token may add lovelace to what stays", async () => {
    const e = await lockOne({
      datum: newDatum(f, inState("ResultSubmitted")),
      amount: defaultValue(),
    });
    const p = plan(
      f,
      [{ ...e, action: "Release", release: { unit: USDM, amount: 3_000_000n } }],
      f.buyer,
    );
    p.outputs[0]!.amount = adjust(p.outputs[0]!.amount, "lovelace", ADA);
    const txHash = await run(f, p);
    expect(qty(f.chain.utxo(txHash, 0)!.output.amount as Asset[], "lovelace")).toBe(6n * ADA);
  });
});

describe("a lock sized as the node sizes it (lockOutput)", () => {
  it("carries SubmitResult and a dispute with the value exactly as locked, no top-up", async () => {
    const d = newDatum(f);
    const out = lockOutput(
      {
        sellerAddress: d.seller,
        buyerAddress: d.buyer,
        reference: d.reference,
        inputHash: d.inputHash,
        times: {
          payByTimeMs: f.chain.nowMs() + 60_000,
          submitResultTimeMs: d.submitResultTimeMs,
          unlockTimeMs: d.unlockTimeMs,
          externalDisputeUnlockTimeMs: d.externalDisputeUnlockTimeMs,
        },
        amounts: [{ unit: USDM, amount: "10000000" }],
      },
      f.buyer.address,
      f.d.escrowAddress,
      COINS,
    );
    if (typeof out === "string") throw new Error(out);
    const datum = decodeEscrowDatum(out.datum, 0);
    const e = await lockOne({ datum, amount: out.amount });
    // Exactly the deposit as lovelace: nothing spare but what the largest datum needs.
    expect(qty(e.utxo.output.amount as Asset[], "lovelace")).toBe(datum.buyerLovelace);
    const submit = plan(f, [{ ...e, action: "SubmitResult" }], f.seller);
    expect(submit.outputs[0]!.amount).toEqual(e.utxo.output.amount);
    const h1 = await run(f, submit);
    const after = f.chain.utxo(h1, 0)!;
    const dispute = plan(
      f,
      [{ utxo: after, datum: datumAt(after), action: "RequestRefund" }],
      f.buyer,
    );
    expect(dispute.outputs[0]!.amount).toEqual(e.utxo.output.amount);
    const h2 = await run(f, dispute);
    expect(datumAt(f.chain.utxo(h2, 0)!).state).toBe("Disputed");
  });
});

describe("buyerLovelace stays within 0 and the locked lovelace", () => {
  it("negative_buyerLovelace_makes_the_seller_pay: Withdraw refused (BL)", async () => {
    // 3 ADA locked for a 100 ADA job, claiming the buyer's part is −97 ADA.
    const e = await lockOne({
      datum: newDatum(f, {
        ...inState("ResultSubmitted"),
        ...pastDeadlines(f),
        buyerLovelace: -97n * ADA,
      }),
      amount: [{ unit: "lovelace", quantity: (3n * ADA).toString() }],
    });
    const p = plan(f, [{ ...e, action: "Withdraw" }], f.seller);
    // The seller's payout would be 100 ADA (97 of them its own); the buyer's, anything.
    p.outputs[1]!.amount = [{ unit: "lovelace", quantity: (2n * ADA).toString() }];
    await expectScriptTrace(f, p, T.buyerLovelace);
  });

  it("buyerLovelace_above_the_locked_lovelace: Withdraw refused (BL)", async () => {
    const e = await lockOne({
      datum: newDatum(f, {
        ...inState("ResultSubmitted"),
        ...pastDeadlines(f),
        buyerLovelace: 200n * ADA,
      }),
      amount: defaultValue(),
    });
    // Planned as if the deposit were 0 (the planner cannot pay a negative change), then paid
    // as an honest seller would: all the tokens, and the locked lovelace to the buyer.
    const p = plan(
      f,
      [{ ...e, datum: { ...e.datum, buyerLovelace: 0n }, action: "Withdraw" }],
      f.seller,
    );
    p.outputs[0]!.amount = [
      { unit: "lovelace", quantity: (2n * ADA).toString() },
      ...usdm(10_000_000n),
    ];
    p.outputs[1]!.amount = [{ unit: "lovelace", quantity: (5n * ADA).toString() }];
    await expectScriptTrace(f, p, T.buyerLovelace);
  });

  it("a hostile buyerLovelace never strands the buyer's own funds: WithdrawRefund lands", async () => {
    const e = await lockOne({
      datum: newDatum(f, { ...pastDeadlines(f), buyerLovelace: -97n * ADA }),
      amount: [{ unit: "lovelace", quantity: (3n * ADA).toString() }],
    });
    const txHash = await run(f, plan(f, [{ ...e, action: "WithdrawRefund" }], f.buyer));
    expect(qty(f.chain.utxo(txHash, 0)!.output.amount as Asset[], "lovelace")).toBe(3n * ADA);
  });
});

describe("an admin named twice in the parameters", () => {
  let g: Fixture;
  beforeAll(async () => {
    g = await setup({ adminKeyHashes: (a) => [a[0]!.keyHash, a[0]!.keyHash, a[1]!.keyHash] });
  });

  async function disputed(): Promise<Locked> {
    const [e] = await lockEscrows(g, 1, () => inState("Disputed", pastDeadlines(g)));
    return e as Locked;
  }

  it("admin_named_twice_counts_once: one signature does not reach a threshold of 2 (AS)", async () => {
    const e = await disputed();
    const p = plan(g, [{ ...e, action: "ResolveDispute" }], g.admins[0]!);
    await expectScriptTrace(g, p, T.adminsSigned);
  });

  it("two distinct admins still resolve it", async () => {
    const e = await disputed();
    const p = plan(g, [{ ...e, action: "ResolveDispute" }], g.admins[0]!, {
      signers: [g.admins[0]!, g.admins[1]!],
    });
    await run(g, p);
  });
});

const adaOnly = (lovelace: bigint): Asset[] => [
  { unit: "lovelace", quantity: lovelace.toString() },
];

function defaultValue(): Asset[] {
  return [{ unit: "lovelace", quantity: (5n * ADA).toString() }, ...usdm(10_000_000n)];
}

/** The datum of a plan's first output (a continuing escrow output). */
function datumOfOutput(p: SpendPlan): EscrowDatum {
  const d = p.outputs[0]?.datum;
  if (d === undefined) throw new Error("no continuing datum");
  return decodeEscrowDatum(d, 0);
}
