/**
 * The escrow validator on the ledger: one passing transaction per action, a full lifecycle, the
 * cooldown, and batches of several escrows in one transaction.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { UTxO } from "@meshsdk/core";
import { decodeEscrowDatum, type EscrowDatum } from "./escrow-data.ts";
import { nextDatum } from "./escrow-rules.ts";
import { EscrowTrace } from "./escrow/layout.ts";
import { dataToAddress, fromCbor, pBytes, pConstr } from "./plutus-data.ts";
import { timeOf } from "./test-support/chain.ts";
import { adjust, qty } from "./test-support/escrow-tx.ts";
import { expectScriptTrace } from "./test-support/expect.ts";
import { mintTestTokens, testUnit } from "./test-support/tokens.ts";
import {
  COOLDOWN_MS,
  defaultAmount,
  inState,
  lockEscrows,
  MINUTE_MS,
  pastDeadlines,
  plan,
  run,
  setup,
  USDM,
  type Fixture,
  type Locked,
} from "./test-support/fixture.ts";

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});

function datumAt(u: UTxO): EscrowDatum {
  const cbor = u.output.plutusData;
  if (cbor === undefined) throw new Error("no inline datum");
  return decodeEscrowDatum(fromCbor(cbor), 0);
}

function output(txHash: string, index: number): UTxO {
  const u = f.chain.utxo(txHash, index);
  if (u === undefined) throw new Error(`no output ${txHash}#${index}`);
  return u;
}

async function one(state: EscrowDatum["state"], past = false): Promise<Locked> {
  const [e] = await lockEscrows(f, 1, () => inState(state, past ? pastDeadlines(f) : {}));
  return e as Locked;
}

describe("each action, alone", () => {
  it("SubmitResult moves FundsLocked to ResultSubmitted and stamps the seller's cooldown", async () => {
    const e = await one("FundsLocked");
    const p = plan(f, [{ ...e, action: "SubmitResult", resultHash: "ef".repeat(32) }], f.seller);
    const txHash = await run(f, p);
    const cont = output(txHash, 0);
    const upperMs = timeOf(p.toSlot as number);
    const validity = { lowerMs: timeOf(p.fromSlot), upperMs };
    const expected = nextDatum(e.datum, "SubmitResult", validity, COOLDOWN_MS, {
      resultHash: "ef".repeat(32),
    });
    expect(datumAt(cont)).toEqual(expected);
    expect(expected.state).toBe("ResultSubmitted");
    expect(expected.sellerCooldownMs).toBe(upperMs + COOLDOWN_MS);
    expect(cont.output.amount).toEqual(e.utxo.output.amount);
    expect(cont.output.address).toBe(f.d.escrowAddress);
  });

  it("RequestRefund moves FundsLocked to RefundRequested", async () => {
    const e = await one("FundsLocked");
    const txHash = await run(f, plan(f, [{ ...e, action: "RequestRefund" }], f.buyer));
    expect(datumAt(output(txHash, 0)).state).toBe("RefundRequested");
  });

  it("RequestRefund moves ResultSubmitted to Disputed", async () => {
    const e = await one("ResultSubmitted");
    const txHash = await run(f, plan(f, [{ ...e, action: "RequestRefund" }], f.buyer));
    expect(datumAt(output(txHash, 0))).toMatchObject({
      state: "Disputed",
      resultHash: e.datum.resultHash,
    });
  });

  it("CancelRefund moves RefundRequested back to FundsLocked", async () => {
    const e = await one("RefundRequested");
    const txHash = await run(f, plan(f, [{ ...e, action: "CancelRefund" }], f.buyer));
    expect(datumAt(output(txHash, 0)).state).toBe("FundsLocked");
  });

  it("AuthorizeRefund moves Disputed to RefundAuthorized and clears the result", async () => {
    const e = await one("Disputed");
    const txHash = await run(f, plan(f, [{ ...e, action: "AuthorizeRefund" }], f.seller));
    expect(datumAt(output(txHash, 0))).toMatchObject({ state: "RefundAuthorized", resultHash: "" });
  });

  it("Withdraw pays the seller after unlockTime and returns the buyer's lovelace", async () => {
    const e = await one("ResultSubmitted", true);
    const txHash = await run(f, plan(f, [{ ...e, action: "Withdraw" }], f.seller));
    const seller = output(txHash, 0);
    const buyer = output(txHash, 1);
    expect(seller.output.address).toBe(f.seller.address);
    expect(qty(seller.output.amount, USDM)).toBe(10_000_000n);
    expect(buyer.output.address).toBe(f.buyer.address);
    expect(qty(buyer.output.amount, "lovelace")).toBe(e.datum.buyerLovelace);
  });

  it("WithdrawRefund returns everything to the buyer after submitResultTime without a result", async () => {
    const e = await one("FundsLocked", true);
    const txHash = await run(f, plan(f, [{ ...e, action: "WithdrawRefund" }], f.buyer));
    const refund = output(txHash, 0);
    expect(refund.output.address).toBe(f.buyer.address);
    expect(refund.output.amount).toEqual(e.utxo.output.amount);
  });

  it("WithdrawRefund works at once from RefundAuthorized", async () => {
    const e = await one("RefundAuthorized");
    const txHash = await run(f, plan(f, [{ ...e, action: "WithdrawRefund" }], f.buyer));
    expect(output(txHash, 0).output.address).toBe(f.buyer.address);
  });

  it("ResolveDispute splits a dispute as two of three admins sign", async () => {
    const e = await one("Disputed", true);
    const split = {
      seller: [
        { unit: "lovelace", quantity: "2000000" },
        { unit: USDM, quantity: "6000000" },
      ],
      buyer: [
        { unit: "lovelace", quantity: "3000000" },
        { unit: USDM, quantity: "4000000" },
      ],
    };
    const admins = f.admins.slice(0, 2);
    const p = plan(f, [{ ...e, action: "ResolveDispute", split }], admins[0] as never, {
      signers: admins,
    });
    const txHash = await run(f, p);
    expect(qty(output(txHash, 0).output.amount, USDM)).toBe(6_000_000n);
    expect(qty(output(txHash, 1).output.amount, USDM)).toBe(4_000_000n);
  });

  it("Release pays part to the seller and keeps the rest under the same terms", async () => {
    const e = await one("ResultSubmitted");
    const release = { unit: USDM, amount: 3_000_000n };
    const txHash = await run(f, plan(f, [{ ...e, action: "Release", release }], f.buyer));
    const cont = output(txHash, 0);
    expect(qty(cont.output.amount, USDM)).toBe(7_000_000n);
    const { buyerCooldownMs, sellerCooldownMs, ...terms } = datumAt(cont);
    const { buyerCooldownMs: _b, sellerCooldownMs: _s, ...before } = e.datum;
    expect(terms).toEqual(before);
    expect(buyerCooldownMs).toBeGreaterThan(f.chain.nowMs());
    expect(sellerCooldownMs).toBe(0);
    expect(qty(output(txHash, 1).output.amount, USDM)).toBe(3_000_000n);
  });

  it("Release names the released asset by its position in the escrow's value", async () => {
    await mintTestTokens(f.chain, f.buyer, ["A"]);
    const token = testUnit("A");
    const amount = adjust(defaultAmount(), token, 5n);
    const [e] = await lockEscrows(f, 1, () => inState("ResultSubmitted"), amount);
    const release = { unit: token, amount: 2n };
    const p = plan(f, [{ ...(e as Locked), action: "Release", release }], f.buyer);
    const step = p.spends[0]?.step;
    expect(step?.action === "Release" && step.asset.policy).toBeGreaterThan(0);
    const txHash = await run(f, p);
    expect(qty(output(txHash, 0).output.amount, token)).toBe(3n);
    expect(qty(output(txHash, 0).output.amount, USDM)).toBe(10_000_000n);
    expect(qty(output(txHash, 1).output.amount, token)).toBe(2n);
  });

  it("Withdraw pays a seller whose address has no stake part", async () => {
    const enterprise = dataToAddress(
      pConstr(0, [pConstr(0, [pBytes(f.seller.keyHash)]), pConstr(1, [])]),
      0,
    );
    const [e] = await lockEscrows(f, 1, () =>
      inState("ResultSubmitted", { ...pastDeadlines(f), seller: enterprise }),
    );
    expect((e as Locked).datum.seller).toBe(enterprise);
    const txHash = await run(f, plan(f, [{ ...(e as Locked), action: "Withdraw" }], f.seller));
    expect(output(txHash, 0).output.address).toBe(enterprise);
  });
});

describe("a whole escrow, step by step", () => {
  it("locks, gets a result, is disputed, resolved back and withdrawn after unlockTime", async () => {
    const [e] = await lockEscrows(f, 1, () => ({}));
    let cur = e as Locked;
    const step = async (action: Parameters<typeof plan>[1][0]["action"], who: typeof f.buyer) => {
      const txHash = await run(f, plan(f, [{ ...cur, action }], who));
      const u = output(txHash, 0);
      cur = { utxo: u, datum: datumAt(u) };
    };
    await step("SubmitResult", f.seller);
    expect(cur.datum.state).toBe("ResultSubmitted");
    await step("RequestRefund", f.buyer);
    expect(cur.datum.state).toBe("Disputed");
    // The buyer just acted: it must wait out its cooldown before acting again.
    await expectScriptTrace(
      f,
      plan(f, [{ ...cur, action: "CancelRefund" }], f.buyer),
      EscrowTrace.cooldown,
    );
    f.chain.advanceTo(cur.datum.buyerCooldownMs + MINUTE_MS);
    await step("CancelRefund", f.buyer);
    expect(cur.datum.state).toBe("ResultSubmitted");
    f.chain.advanceTo(cur.datum.unlockTimeMs + MINUTE_MS);
    const txHash = await run(f, plan(f, [{ ...cur, action: "Withdraw" }], f.seller));
    expect(output(txHash, 0).output.address).toBe(f.seller.address);
  });
});

describe("batches", () => {
  it("settles different seller actions on several escrows in one transaction", async () => {
    const fresh = await lockEscrows(f, 2);
    const [ready] = await lockEscrows(f, 1, () => inState("ResultSubmitted", pastDeadlines(f)));
    const [open] = await lockEscrows(f, 1, () => inState("RefundRequested"));
    const items = [
      ...fresh.map((e) => ({ ...e, action: "SubmitResult" as const })),
      { ...(ready as Locked), action: "Withdraw" as const },
      { ...(open as Locked), action: "AuthorizeRefund" as const },
    ];
    const p = plan(f, items, f.seller);
    const txHash = await run(f, p);
    const tx = f.chain.ledger.index.tx(txHash);
    expect(tx?.parsed.inputs.length).toBeGreaterThanOrEqual(4);
    expect(p.spends.map((s) => s.step.action).sort()).toEqual(
      ["AuthorizeRefund", "SubmitResult", "SubmitResult", "Withdraw"].sort(),
    );
  });

  it("withdraws ten escrows of one seller in one transaction, one payout pair each", async () => {
    const es = await lockEscrows(f, 10, () => inState("ResultSubmitted", pastDeadlines(f)));
    const p = plan(
      f,
      es.map((e) => ({ ...e, action: "Withdraw" as const })),
      f.seller,
    );
    const txHash = await run(f, p);
    expect(f.chain.ledger.index.tx(txHash)?.parsed.outputs.length).toBe(21);
  });
});
