/**
 * The payment lifecycle through a whole node over HTTP on the devnet, seller and buyer on one
 * node, time moved forward on demand, and the node restarted in the middle of every flow: the
 * complete flow, a refund without a result, a refund requested and authorised, a dispute
 * resolved by the admins, a refund request cancelled, and a lock paid after payByTime (invalid,
 * then refunded by its outside buyer). Both views of each payment are checked at every step.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escrowEvents } from "../src/db/schema.ts";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  devnetOf,
  HOUR_MS,
  jobInput,
  MINUTE_MS,
  moveTimeTo,
  openNode,
  payJob,
  PRICE,
  registerAgent,
  SETTLE_MS,
  TUSDM,
  viewOf,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { openOutsideBuyer } from "./support/outside-buyer.ts";
import { waitFor } from "./support/process.ts";
import { bothSides, eventsFor, eventTypesFor } from "./support/usage-events.ts";

const GRACE_MS = 10 * MINUTE_MS;
let n: TestNode;
let agent: string;
/** Each flow's blockchainIdentifier and the usage event types it must have written. */
const flows: { id: string; types: string[] }[] = [];

beforeAll(async () => {
  n = await openNode();
  agent = await registerAgent(n);
}, 120_000);
afterAll(async () => {
  await closeNodes(n);
});

/** Both views of `id` in `state`. */
async function bothIn(id: string, state: string) {
  const payment = await waitState(n, "payment", id, state);
  const purchase = await waitState(n, "purchase", id, state);
  expect(purchase.escrowId).toBe(payment.escrowId);
  return { payment, purchase };
}

async function act(route: string, id: string, extra: object = {}) {
  const res = await n.api("POST", route, {
    network: "Preprod",
    blockchainIdentifier: id,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

const resultHash = (i: number) => i.toString(16).padStart(64, "e");

async function usdmOf(address: string): Promise<bigint> {
  const utxos = await n.node.parts!.chain.utxos(address);
  return utxos.reduce((s, u) => s + (u.value.assets[TUSDM] ?? 0n), 0n);
}

const wallet = (role: "selling" | "purchasing") =>
  n.node.parts!.wallets.find((w) => w.role === role)!;

describe(`payment lifecycles over HTTP on ${DB_KIND}`, () => {
  it("complete: locked, result submitted, withdrawn for the seller after unlockTime", async () => {
    const sellerBefore = await usdmOf(wallet("selling").address);
    const { blockchainIdentifier: id, payment } = await payJob(n, n, agent);
    expect(payment.NextAction.requestedAction).toBe("WaitingForExternalAction");
    const locked = await bothIn(id, "FundsLocked");
    expect(locked.payment.onChainState).toBe("FundsLocked");
    await n.restart();
    await act("/payment/submit-result", id, { submitResultHash: resultHash(1) });
    const submitted = await bothIn(id, "ResultSubmitted");
    expect(submitted.payment.resultHash).toBe(resultHash(1));
    expect(submitted.purchase.resultHash).toBe(resultHash(1));
    // Not before unlockTime + grace: still ResultSubmitted a minute before.
    await moveTimeTo(n, Number(payment.unlockTime) + GRACE_MS - MINUTE_MS);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await viewOf(n, "payment", id)).state).toBe("ResultSubmitted");
    await moveTimeTo(n, Number(payment.unlockTime) + GRACE_MS + 1);
    await bothIn(id, "Withdrawn");
    expect((await usdmOf(wallet("selling").address)) - sellerBefore).toBe(BigInt(PRICE));
    flows.push({ id, types: bothSides("funds_locked", "result_submitted", "withdrawn") });
  });

  it("withdraws once time is moved past unlockTime over HTTP with no block, by its own loops", async () => {
    const { blockchainIdentifier: id, payment } = await payJob(n, n, agent);
    await bothIn(id, "FundsLocked");
    await act("/payment/submit-result", id, { submitResultHash: resultHash(5) });
    await bothIn(id, "ResultSubmitted");
    // Only the clock moves: the tip stays hours behind until the devnet's next idle block, so
    // the node's first Withdraw is too early by its tip and must wait for that block, not for
    // half an hour of chain time (which never comes: the test moves time no further).
    const devnet = devnetOf(n);
    const res = await fetch(`${devnet.url}/devnet/time`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ toTimeMs: Number(payment.unlockTime) + GRACE_MS + 1, block: false }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { block: unknown }).block).toBeNull();
    const movedToMs = devnet.ledger.nowMs();
    await bothIn(id, "Withdrawn");
    expect(devnet.ledger.nowMs() - movedToMs).toBeLessThan(SETTLE_MS * 2);
  });

  it("refund without a result: the buyer is refunded after submitResultTime", async () => {
    const buyerBefore = await usdmOf(wallet("purchasing").address);
    const { blockchainIdentifier: id, payment } = await payJob(n, n, agent);
    await bothIn(id, "FundsLocked");
    await n.restart();
    await moveTimeTo(n, Number(payment.submitResultTime) + GRACE_MS + 1);
    await bothIn(id, "RefundWithdrawn");
    expect(await usdmOf(wallet("purchasing").address)).toBe(buyerBefore);
    // Too late for a result now: the state forbids it, and the answer names the state.
    const late = await n.api("POST", "/payment/submit-result", {
      network: "Preprod",
      blockchainIdentifier: id,
      submitResultHash: resultHash(2),
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/RefundWithdrawn/);
    flows.push({ id, types: bothSides("funds_locked", "refunded") });
  });

  it("refund requested by the buyer and authorised by the seller", async () => {
    const { blockchainIdentifier: id } = await payJob(n, n, agent);
    await bothIn(id, "FundsLocked");
    await act("/purchase/request-refund", id);
    await bothIn(id, "RefundRequested");
    await n.restart();
    await act("/payment/authorize-refund", id);
    await bothIn(id, "RefundWithdrawn");
    flows.push({
      id,
      types: bothSides("funds_locked", "refund_requested", "refund_authorized", "refunded"),
    });
  });

  it("refund request cancelled: back to FundsLocked, then completed", async () => {
    const { blockchainIdentifier: id, payment } = await payJob(n, n, agent);
    await bothIn(id, "FundsLocked");
    await act("/purchase/request-refund", id);
    await bothIn(id, "RefundRequested");
    await n.restart();
    const askedAtMs = n.node.parts!.nowMs();
    const cancel = await act("/purchase/cancel-refund-request", id);
    expect(cancel.NextAction.requestedAction).toBe("UnSetRefundRequestedRequested");
    // The buyer acted last: its own cooldown runs to that transaction's validity end, so the
    // cancel waits (queued, not refused), and says until when: at most about 2 minutes.
    const waiting = await waitFor(
      "the cancel to say until when it waits",
      async () => {
        const v = await viewOf(n, "purchase", id);
        return v.NextAction.waitUntil === undefined ? undefined : v;
      },
      SETTLE_MS,
      200,
    );
    expect(waiting.state).toBe("RefundRequested");
    expect(waiting.NextAction.requestedAction).toBe("UnSetRefundRequestedRequested");
    expect(waiting.NextAction.errorNote).toMatch(/cooldown/);
    const waitUntilMs = Number(waiting.NextAction.waitUntil);
    expect(waitUntilMs).toBeGreaterThan(askedAtMs);
    expect(waitUntilMs - askedAtMs).toBeLessThanOrEqual(2 * MINUTE_MS + 5_000);
    await moveTimeTo(n, waitUntilMs);
    await bothIn(id, "FundsLocked");
    await act("/payment/submit-result", id, { submitResultHash: resultHash(3) });
    await bothIn(id, "ResultSubmitted");
    await moveTimeTo(n, Number(payment.unlockTime) + GRACE_MS + 1);
    await bothIn(id, "Withdrawn");
    flows.push({
      id,
      types: bothSides(
        "funds_locked",
        "refund_requested",
        "refund_cancelled",
        "result_submitted",
        "withdrawn",
      ),
    });
  });

  it("dispute: result and refund request, resolved by the admins with a split", async () => {
    const { blockchainIdentifier: id, payment } = await payJob(n, n, agent);
    await bothIn(id, "FundsLocked");
    await act("/payment/submit-result", id, { submitResultHash: resultHash(4) });
    await bothIn(id, "ResultSubmitted");
    await act("/purchase/request-refund", id);
    const disputed = await bothIn(id, "Disputed");
    await n.restart();
    const body = splitBody(id, await lockedValue(disputed.payment.escrowId));
    const early = await n.api("POST", "/payment/resolve-dispute", body);
    expect(early.status).toBe(409);
    await moveTimeTo(n, Number(payment.externalDisputeUnlockTime) + MINUTE_MS);
    const res = await n.api("POST", "/payment/resolve-dispute", body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await bothIn(id, "DisputedWithdrawn");
    const paid = await payoutsOf(disputed.payment.escrowId);
    expect(paid.get(wallet("selling").address)).toBe(3_000_000n);
    expect(paid.get(wallet("purchasing").address)).toBe(2_000_000n);
    flows.push({
      id,
      types: bothSides("funds_locked", "result_submitted", "disputed", "dispute_resolved"),
    });
  });

  it("a lock paid after payByTime is FundsOrDatumInvalid, then refunded to its buyer", async () => {
    const facts = n.node.parts!.escrow.facts;
    const outside = await openOutsideBuyer(
      () => ({ devnet: devnetOf(n), chain: n.node.parts!.chain }),
      facts,
      TUSDM,
    );
    try {
      const now = n.node.parts!.nowMs();
      const res = await n.api("POST", "/payment", {
        network: "Preprod",
        agentIdentifier: agent,
        ...jobInput(),
        payByTime: String(now + 30 * MINUTE_MS),
        submitResultTime: String(now + HOUR_MS),
      });
      expect(res.status).toBe(200);
      const p = res.body.data;
      await moveTimeTo(n, Number(p.payByTime) + MINUTE_MS);
      const escrowId = await outside.lock({
        sellerAddress: p.SmartContractWallet.walletAddress,
        reference: p.escrowReference,
        inputHash: p.inputHash,
        times: {
          payByTimeMs: Number(p.payByTime),
          submitResultTimeMs: Number(p.submitResultTime),
          unlockTimeMs: Number(p.unlockTime),
          externalDisputeUnlockTimeMs: Number(p.externalDisputeUnlockTime),
        },
        amounts: [{ unit: TUSDM, amount: PRICE }],
      });
      const invalid = await waitState(n, "payment", p.blockchainIdentifier, "FundsOrDatumInvalid");
      expect(invalid.escrowId).toBe(escrowId);
      expect(invalid.invalidReason).toMatch(/paid after payByTime/);
      await n.restart();
      expect((await viewOf(n, "payment", p.blockchainIdentifier)).state).toBe(
        "FundsOrDatumInvalid",
      );
      await moveTimeTo(n, Number(p.submitResultTime) + MINUTE_MS);
      await outside.act(escrowId, "WithdrawRefund");
      await waitState(n, "payment", p.blockchainIdentifier, "RefundWithdrawn");
      // Bought outside this node: only the seller's side, and the lock says why it is invalid.
      flows.push({
        id: p.blockchainIdentifier,
        types: ["payment.lock_invalid", "payment.refunded"],
      });
      const [invalidEvent] = await eventsFor(n.node.parts!.database.db, p.blockchainIdentifier);
      expect(invalidEvent).toMatchObject({
        type: "payment.lock_invalid",
        state: "FundsOrDatumInvalid",
        invalidReason: expect.stringMatching(/paid after payByTime/),
      });
    } finally {
      await outside.close();
    }
  });
});

describe("usage events of those lifecycles", () => {
  it("wrote one event per change on each side, with the parties, amounts and transaction", async () => {
    expect(flows.length).toBeGreaterThanOrEqual(6);
    const db = n.node.parts!.database.db;
    for (const f of flows) expect(await eventTypesFor(db, f.id), f.id).toEqual(f.types);
    const complete = await eventsFor(db, flows[0]!.id);
    const withdrawn = complete.filter((e) => e.type.endsWith(".withdrawn"));
    for (const e of withdrawn) {
      expect(e.paidToSeller).toContainEqual({ unit: TUSDM, amount: PRICE });
      expect(e.state).toBe("Withdrawn");
    }
    const locked = complete.find((e) => e.type === "payment.funds_locked")!;
    const bought = complete.find((e) => e.type === "purchase.funds_locked")!;
    // Both sides name the same parties and transaction; their ids differ by side.
    expect([locked.sellerVkey, locked.buyerVkey, locked.txHash]).toEqual([
      bought.sellerVkey,
      bought.buyerVkey,
      bought.txHash,
    ]);
    expect(locked.usageId).not.toBe(bought.usageId);
    expect(locked.amounts).toEqual([{ unit: TUSDM, amount: PRICE }]);
  });
});

/** tUSDM paid to each address by the transaction that ended the escrow. */
async function payoutsOf(escrowId: string): Promise<Map<string, bigint>> {
  const db = n.node.parts!.database.db;
  const [end] = await db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.escrowId, escrowId), eq(escrowEvents.kind, "end")));
  const utxos = await n.node.parts!.chain.txUtxos(end!.txHash);
  const paid = new Map<string, bigint>();
  for (const o of utxos!.outputs)
    paid.set(o.address, (paid.get(o.address) ?? 0n) + (o.value.assets[TUSDM] ?? 0n));
  return paid;
}

/** What the escrow holds, as the node's watcher read it. */
async function lockedValue(escrowId: string): Promise<{ unit: string; amount: string }[]> {
  const db = n.node.parts!.database.db;
  const rows = await db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.escrowId, escrowId), eq(escrowEvents.kind, "lock")));
  return JSON.parse(rows[0]!.value) as { unit: string; amount: string }[];
}

/** 3 of the 5 tUSDM to the seller; the rest and the lovelace back to the buyer. */
function splitBody(id: string, locked: { unit: string; amount: string }[]) {
  const lovelace = locked.find((a) => a.unit === "lovelace")!.amount;
  return {
    network: "Preprod",
    blockchainIdentifier: id,
    sellerAmounts: [{ unit: TUSDM, amount: "3000000" }],
    buyerAmounts: [
      { unit: TUSDM, amount: "2000000" },
      { unit: "lovelace", amount: lovelace },
    ],
  };
}
