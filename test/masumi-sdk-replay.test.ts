/**
 * The Masumi Python SDK's own requests, replayed byte for byte in their shapes against a whole
 * node on the devnet: `POST /payment/` and `POST /purchase/` with their trailing slashes, times as
 * ISO 8601 strings, `includeHistory: "false"` as a string, the seller's vkey read from the
 * payment answer's `data.sellerVKey`, `GET /purchase/{id}`. Three jobs run to their ends: a paid
 * job withdrawn by the seller, a refund requested and authorised, and a refund request
 * cancelled and then completed — time moved forward on the devnet as the tests need.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  jobInput,
  MINUTE_MS,
  moveTimeTo,
  openNode,
  registerAgent,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";

const GRACE_MS = 10 * MINUTE_MS;
let n: TestNode;
let agent: string;

beforeAll(async () => {
  n = await openNode();
  agent = await registerAgent(n);
}, 120_000);
afterAll(async () => {
  await closeNodes(n);
});

/** One request as the SDK sends it: JSON, the key in the `token` header, the path as given. */
async function sdk(method: string, path: string, body?: unknown) {
  const res = await fetch(`${n.node.apiUrl}${path}`, {
    method,
    headers: { token: n.node.parts!.keys.adminKey, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBe(200);
  expect(json.status).toBe("success");
  return json.data;
}

/** The SDK's seller side: a payment request with ISO 8601 times, then the buyer's purchase. */
async function startJob(
  purchaseTimes: "as answered" | "ISO 8601" = "as answered",
): Promise<{ id: string; payment: any; purchase: any }> {
  const nowMs = n.node.parts!.nowMs();
  const payment = await sdk("POST", "/payment/", {
    agentIdentifier: agent,
    network: "Preprod",
    paymentType: "Web3CardanoV1",
    payByTime: new Date(nowMs + 50 * MINUTE_MS).toISOString(),
    submitResultTime: new Date(nowMs + 60 * MINUTE_MS).toISOString(),
    ...jobInput(),
    metadata: "replayed from the Masumi SDK",
  });
  // The SDK's agent server reads the seller's vkey from this answer.
  expect(payment.sellerVKey).toMatch(/^[0-9a-f]{56}$/);
  expect(payment.submitResultTime).toBe(String(nowMs + 60 * MINUTE_MS));
  const time = (ms: string) =>
    purchaseTimes === "ISO 8601" ? new Date(Number(ms)).toISOString() : ms;
  const purchase = await sdk("POST", "/purchase/", {
    blockchainIdentifier: payment.blockchainIdentifier,
    network: "Preprod",
    sellerVkey: payment.sellerVKey,
    paymentType: "Web3CardanoV1",
    inputHash: payment.inputHash,
    agentIdentifier: agent,
    identifierFromPurchaser: payment.identifierFromPurchaser,
    payByTime: time(payment.payByTime),
    submitResultTime: time(payment.submitResultTime),
    unlockTime: time(payment.unlockTime),
    externalDisputeUnlockTime: time(payment.externalDisputeUnlockTime),
  });
  return { id: payment.blockchainIdentifier, payment, purchase };
}

/** The SDK's status check of a payment. */
const resolvePayment = (id: string) =>
  sdk("POST", "/payment/resolve-blockchain-identifier", {
    blockchainIdentifier: id,
    network: "Preprod",
    includeHistory: "false",
  });

/** Both sides in `state`, the purchase read as the SDK reads it, by its id. */
async function bothIn(id: string, purchaseId: string, state: string) {
  await waitState(n, "payment", id, state);
  await waitState(n, "purchase", id, state);
  const purchase = await sdk("GET", `/purchase/${purchaseId}`);
  expect(purchase.state).toBe(state);
  expect((await resolvePayment(id)).state).toBe(state);
}

const subject = (id: string) => ({ blockchainIdentifier: id, network: "Preprod" });

describe(`the Masumi SDK's requests, replayed on ${DB_KIND}`, () => {
  it("reads the node's health and the agent as the SDK does", async () => {
    expect(await sdk("GET", "/health")).toEqual({ status: "ok" });
    const found = await sdk(
      "GET",
      `/registry/agent-identifier?agentIdentifier=${agent}&network=Preprod`,
    );
    expect(found.agentIdentifier).toBe(agent);
    expect(typeof found.Metadata.image).toBe("string");
  });

  it("a paid job: locked, result submitted, withdrawn by the seller after unlockTime", async () => {
    const { id, payment, purchase } = await startJob();
    await bothIn(id, purchase.id, "FundsLocked");
    await sdk("POST", "/payment/submit-result", {
      ...subject(id),
      submitResultHash: "5e".repeat(32),
    });
    await bothIn(id, purchase.id, "ResultSubmitted");
    // The same purchase by its blockchainIdentifier, as `GET /purchase/{id}` also allows.
    expect((await sdk("GET", `/purchase/${id}`)).id).toBe(purchase.id);
    await moveTimeTo(n, Number(payment.unlockTime) + GRACE_MS + 1);
    await bothIn(id, purchase.id, "Withdrawn");
  });

  it("a refund: requested by the buyer, authorised by the seller, withdrawn", async () => {
    const { id, purchase } = await startJob();
    await bothIn(id, purchase.id, "FundsLocked");
    await sdk("POST", "/purchase/request-refund", subject(id));
    await bothIn(id, purchase.id, "RefundRequested");
    await sdk("POST", "/payment/authorize-refund", subject(id));
    await bothIn(id, purchase.id, "RefundWithdrawn");
    // Each side's history names the actions it asked for, once their transactions went out.
    const bought = await sdk("GET", `/purchase/${purchase.id}?includeHistory=true`);
    // The buyer's node withdrew the authorised refund on its own.
    expect(bought.ActionHistory.map((a: any) => a.requestedAction)).toEqual([
      "SetRefundRequestedInitiated",
      "WithdrawRefundInitiated",
    ]);
    const sold = await sdk("POST", "/payment/resolve-blockchain-identifier", {
      ...subject(id),
      includeHistory: "true",
    });
    expect(sold.ActionHistory.map((a: any) => a.requestedAction)).toEqual([
      "AuthorizeRefundInitiated",
    ]);
    expect((await resolvePayment(id)).ActionHistory).toBeNull();
  });

  it("a refund request cancelled: locked again, then completed and withdrawn", async () => {
    // This buyer writes the signed times as ISO 8601: the same instants, so the same terms.
    const { id, payment, purchase } = await startJob("ISO 8601");
    expect(purchase.unlockTime).toBe(payment.unlockTime);
    await bothIn(id, purchase.id, "FundsLocked");
    await sdk("POST", "/purchase/request-refund", subject(id));
    await bothIn(id, purchase.id, "RefundRequested");
    await sdk("POST", "/purchase/cancel-refund-request", subject(id));
    // The buyer's own cooldown runs past its last transaction: move time beyond it.
    await moveTimeTo(n, n.node.parts!.nowMs() + 11 * MINUTE_MS);
    await bothIn(id, purchase.id, "FundsLocked");
    await sdk("POST", "/payment/submit-result", {
      ...subject(id),
      submitResultHash: "6f".repeat(32),
    });
    await bothIn(id, purchase.id, "ResultSubmitted");
    await moveTimeTo(n, Number(payment.unlockTime) + GRACE_MS + 1);
    await bothIn(id, purchase.id, "Withdrawn");
  });

  it("refuses, as before, a path that is no route, with or without its slash", async () => {
    for (const path of ["/payments/", "/purchase/x/y/"]) {
      const res = await fetch(`${n.node.apiUrl}${path}`, {
        method: "POST",
        headers: { token: n.node.parts!.keys.adminKey },
        body: "{}",
      });
      expect(res.status, path).toBe(404);
    }
  });
});
