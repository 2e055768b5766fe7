/**
 * Seller and buyer on two nodes sharing one chain: the seller's node runs the devnet, the
 * buyer's reaches it through its Blockfrost API with its own database and wallets. Both views
 * of each payment, keyed by blockchainIdentifier, agree on every state; the buyer's node is
 * restarted in the middle.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  MINUTE_MS,
  moveTimeTo,
  openNode,
  openPeerNode,
  payJob,
  registerAgent,
  waitState,
  waitIndexed,
  type TestNode,
} from "./support/lifecycle-world.ts";

const GRACE_MS = 10 * MINUTE_MS;
let seller: TestNode;
let buyer: TestNode;
let agent: string;

/** A free loopback port, so the devnet keeps its URL when the seller's node restarts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

beforeAll(async () => {
  seller = await openNode({ DEVNET_PORT: String(await freePort()) });
  buyer = await openPeerNode(seller);
  agent = await registerAgent(seller);
  await waitIndexed(buyer, agent);
}, 180_000);
afterAll(async () => {
  await closeNodes(buyer, seller);
});

/** The seller's payment and the buyer's purchase of `id` in `state`, agreeing. */
async function agreeOn(id: string, state: string) {
  const payment = await waitState(seller, "payment", id, state);
  const purchase = await waitState(buyer, "purchase", id, state);
  expect(purchase.escrowId).toBe(payment.escrowId);
  expect(purchase.resultHash).toBe(payment.resultHash);
  expect(purchase.onChainState).toBe(payment.onChainState);
  return { payment, purchase };
}

async function act(n: TestNode, route: string, id: string, extra: object = {}) {
  const res = await n.api("POST", route, {
    network: "Preprod",
    blockchainIdentifier: id,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe(`two nodes on one chain on ${DB_KIND}`, () => {
  it("the buyer's node verifies the seller's agent it indexed itself, then pays", async () => {
    const { blockchainIdentifier: id, purchase } = await payJob(seller, buyer, agent);
    expect(purchase.state).toBe("WaitingForFunds");
    await agreeOn(id, "FundsLocked");
  });

  it("complete flow, the buyer's node restarted in the middle; both agree at each step", async () => {
    const { blockchainIdentifier: id, payment } = await payJob(seller, buyer, agent);
    await agreeOn(id, "FundsLocked");
    await buyer.restart();
    await act(seller, "/payment/submit-result", id, { submitResultHash: "ab".repeat(32) });
    await agreeOn(id, "ResultSubmitted");
    await moveTimeTo(seller, Number(payment.unlockTime) + GRACE_MS + 1);
    await agreeOn(id, "Withdrawn");
  });

  it("refund requested on the buyer's node, authorised on the seller's", async () => {
    const { blockchainIdentifier: id } = await payJob(seller, buyer, agent);
    await agreeOn(id, "FundsLocked");
    await act(buyer, "/purchase/request-refund", id);
    await agreeOn(id, "RefundRequested");
    await act(seller, "/payment/authorize-refund", id);
    await agreeOn(id, "RefundWithdrawn");
  });
});
