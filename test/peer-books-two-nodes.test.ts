/**
 * Balance and usage between two agents (issue 11), over HTTP with two nodes on one devnet: the
 * seller's node runs the devnet and sells its agent, the buyer's node buys through the
 * devnet's Blockfrost API. After a complete job, a metered job (claim from usage), a refund
 * and a dispute the admins resolve, both nodes list the same trades for the same
 * blockchainIdentifier (amounts, claim, states, transaction hashes) and their balances add up.
 * Then usage records: idempotent under 20 concurrent retries, 409 naming the field, 404, 400s,
 * and paging.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageRecords } from "../src/db/schema.ts";
import { eventsFor } from "./support/usage-events.ts";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  HOUR_MS,
  jobInput,
  MINUTE_MS,
  moveTimeTo,
  openNode,
  openPeerNode,
  PRICE,
  purchaseBody,
  registerAgent,
  TUSDM,
  waitIndexed,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { escrowValue, moveOn } from "./support/metered-e2e-world.ts";

const GRACE_MS = 10 * MINUTE_MS;
const TEST_MS = 400_000;
const tokenSheet = {
  unit: TUSDM,
  model: "tokens",
  inputPricePer1MTokens: "123456789",
  outputPricePer1MTokens: "234567891",
};
const tokenUsage = { inputTokens: "12345", outputTokens: "6789" };

let seller: TestNode;
let buyer: TestNode;
let agent: string;
/** The four trades of the first test, by scenario. */
const ids: Record<"complete" | "metered" | "refund" | "dispute", string> = {
  complete: "",
  metered: "",
  refund: "",
  dispute: "",
};

beforeAll(async () => {
  seller = await openNode();
  buyer = await openPeerNode(seller);
  agent = await registerAgent(seller);
  await waitIndexed(buyer, agent);
}, 180_000);
afterAll(async () => {
  await closeNodes(buyer, seller);
});

async function ok(n: TestNode, method: string, route: string, body?: unknown) {
  const res = await n.api(method, route, body);
  expect(res.status, `${method} ${route}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.data;
}

const act = (n: TestNode, route: string, id: string, extra: object = {}) =>
  ok(n, "POST", route, { network: "Preprod", blockchainIdentifier: id, ...extra });

/** A job the seller's node asks for and the buyer's node pays, with optional metered terms. */
async function job(terms: { priceSheet?: unknown } = {}) {
  const now = seller.node.parts!.nowMs();
  const submitResultTime = now + HOUR_MS;
  const p = await ok(seller, "POST", "/payment", {
    network: "Preprod",
    agentIdentifier: agent,
    ...jobInput(),
    payByTime: String(submitResultTime - 10 * MINUTE_MS),
    submitResultTime: String(submitResultTime),
    ...terms,
  });
  await ok(buyer, "POST", "/purchase", { ...purchaseBody(p), ...terms });
  await both(p.blockchainIdentifier, "FundsLocked");
  return p;
}

async function both(id: string, state: string) {
  await waitState(seller, "payment", id, state);
  await waitState(buyer, "purchase", id, state);
}

const peerUsage = (n: TestNode, extra = "") =>
  n.api("GET", `/peers/usage?network=Preprod&agentIdentifier=${agent}${extra}`);
const peerBalance = (n: TestNode) =>
  ok(n, "GET", `/peers/balance?network=Preprod&agentIdentifier=${agent}`);

/** What both nodes must agree on for one trade. */
const shared = (row: any) => ({
  blockchainIdentifier: row.blockchainIdentifier,
  state: row.state,
  escrowId: row.escrowId,
  amounts: row.amounts,
  claim: row.claim,
  voucherTotal: row.voucherTotal,
  transactions: row.transactions,
  txHashes: row.txHashes,
});

describe(`balance and usage between two agents on ${DB_KIND}`, () => {
  it(
    "both nodes show the same trades after a complete, a metered, a refunded and a disputed job",
    async () => {
      // A complete job: result, then the seller's node withdraws after unlockTime.
      const complete = await job();
      ids.complete = complete.blockchainIdentifier;
      await act(seller, "/payment/submit-result", ids.complete, {
        submitResultHash: "ab".repeat(32),
      });
      await both(ids.complete, "ResultSubmitted");
      await moveTimeTo(seller, Number(complete.unlockTime) + GRACE_MS + 1);
      await both(ids.complete, "Withdrawn");

      // A metered job: the claim is charged from the usage; the buyer releases at once.
      ids.metered = (await job({ priceSheet: tokenSheet })).blockchainIdentifier;
      await act(buyer, "/purchase/usage", ids.metered, { usage: tokenUsage });
      await act(seller, "/payment/submit-result", ids.metered, {
        submitResultHash: "cd".repeat(32),
        usage: tokenUsage,
      });
      await both(ids.metered, "ResultSubmitted");
      await moveOn(seller);
      await act(buyer, "/purchase/release", ids.metered);
      await both(ids.metered, "Withdrawn");

      // A refund: asked for by the buyer, authorised by the seller.
      ids.refund = (await job()).blockchainIdentifier;
      await act(buyer, "/purchase/request-refund", ids.refund);
      await both(ids.refund, "RefundRequested");
      await act(seller, "/payment/authorize-refund", ids.refund);
      await both(ids.refund, "RefundWithdrawn");

      // A dispute: the buyer refuses a result; the admins (the seller's devnet node) split it.
      const disputed = await job();
      ids.dispute = disputed.blockchainIdentifier;
      await act(seller, "/payment/submit-result", ids.dispute, {
        submitResultHash: "ef".repeat(32),
      });
      await both(ids.dispute, "ResultSubmitted");
      await moveOn(seller);
      await act(buyer, "/purchase/request-refund", ids.dispute);
      await both(ids.dispute, "Disputed");
      await moveTimeTo(seller, Number(disputed.externalDisputeUnlockTime) + MINUTE_MS);
      const escrowId = (await ok(seller, "GET", `/payment/${ids.dispute}`)).escrowId as string;
      const lovelace = (await escrowValue(seller, escrowId)).find((a) => a.unit === "lovelace")!;
      await act(seller, "/payment/resolve-dispute", ids.dispute, {
        sellerAmounts: [{ unit: TUSDM, amount: "3000000" }],
        buyerAmounts: [{ unit: TUSDM, amount: "2000000" }, lovelace],
      });
      await both(ids.dispute, "DisputedWithdrawn");

      const sold = (await peerUsage(seller, "&limit=50")).body.data.Usage as any[];
      const bought = (await peerUsage(buyer, "&limit=50")).body.data.Usage as any[];
      const order = [ids.dispute, ids.refund, ids.metered, ids.complete];
      expect(sold.map((r) => r.blockchainIdentifier)).toEqual(order);
      expect(bought.map((r) => r.blockchainIdentifier)).toEqual(order);
      expect(sold.every((r) => r.role === "seller")).toBe(true);
      expect(bought.every((r) => r.role === "buyer")).toBe(true);
      expect(bought.map(shared)).toEqual(sold.map(shared));
      const [dispute, refund, metered, done] = sold;
      expect(sold.map((r) => r.state)).toEqual([
        "DisputedWithdrawn",
        "RefundWithdrawn",
        "Withdrawn",
        "Withdrawn",
      ]);
      const tusdm = (r: any) => r.amounts.find((a: any) => a.unit === TUSDM);
      expect(tusdm(done)).toMatchObject({ locked: PRICE, paidToSeller: PRICE, remaining: "0" });
      expect(tusdm(refund)).toMatchObject({ locked: PRICE, refunded: PRICE, paidToSeller: "0" });
      expect(tusdm(dispute)).toMatchObject({ paidToSeller: "3000000", refunded: "2000000" });
      // The metered claim is what the usage costs under the sheet (well below the ceiling).
      expect(metered.claim).toHaveLength(1);
      const claimed = BigInt(metered.claim[0].amount);
      expect(claimed > 0n && claimed < BigInt(PRICE)).toBe(true);
      expect(BigInt(tusdm(metered).paidToSeller)).toBe(claimed);
      // The buyer's node shows the usage it reported; the seller's has no such column.
      expect(bought[2].usage.reported).toMatchObject(tokenUsage);
      expect(metered.usage.reported).toBeNull();
      for (const r of sold) expect(r.txHashes.length).toBeGreaterThanOrEqual(2);

      // Balances: the seller's side on one node is the buyer's side on the other, and adds up.
      const sb = await peerBalance(seller);
      const bb = await peerBalance(buyer);
      expect(sb.complete && bb.complete).toBe(true);
      expect(sb.asBuyer).toEqual({ escrows: 0, amounts: [] });
      expect(bb.asSeller).toEqual({ escrows: 0, amounts: [] });
      expect(bb.asBuyer).toEqual(sb.asSeller);
      expect(sb.asSeller.escrows).toBe(4);
      const t = sb.asSeller.amounts.find((a: any) => a.unit === TUSDM);
      const released = BigInt(PRICE) + claimed + 3_000_000n;
      expect(t).toEqual({
        unit: TUSDM,
        locked: String(4n * BigInt(PRICE)),
        claimed: String(claimed),
        released: String(released),
        refunded: String(4n * BigInt(PRICE) - released),
        pending: "0",
      });
      for (const a of sb.asSeller.amounts)
        expect(BigInt(a.locked)).toBe(BigInt(a.released) + BigInt(a.refunded) + BigInt(a.pending));
    },
    TEST_MS,
  );

  it("pages the usage history most recent first with a bounded limit", async () => {
    expect(ids.complete).not.toBe("");
    const all = (await peerUsage(buyer, "&limit=50")).body.data.Usage.map(
      (r: any) => r.blockchainIdentifier,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await peerUsage(buyer, `&limit=1${cursor === null ? "" : `&cursor=${cursor}`}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.Usage.map((r: any) => r.blockchainIdentifier));
      cursor = res.body.data.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(all);
    expect(seen.length).toBe(4);
    // Another agent: no trades.
    const other = await buyer.api(
      "GET",
      `/peers/usage?network=Preprod&agentIdentifier=${"0".repeat(60)}`,
    );
    expect(other.body.data).toMatchObject({ Usage: [], nextCursor: null });
  });

  it("refuses bad queries with a 400 naming the field", async () => {
    const q = (extra: string) => buyer.api("GET", `/peers/usage?${extra}`);
    const field = async (p: Promise<{ status: number; body: any }>) => {
      const res = await p;
      return { status: res.status, field: res.body.field ?? res.body.error?.field };
    };
    const base = `network=Preprod&agentIdentifier=${agent}`;
    for (const [extra, name] of [
      [`${base}&limit=0`, "limit"],
      [`${base}&limit=51`, "limit"],
      [`${base}&cursor=!!`, "cursor"],
      [`${base}&cursor=${Buffer.from("[1]").toString("base64url")}`, "cursor"],
      [`network=Preprod&agentIdentifier=xyz`, "agentIdentifier"],
      [`agentIdentifier=${agent}`, "network"],
      [`network=Mainnet&agentIdentifier=${agent}`, "network"],
    ] as const)
      expect(await field(q(extra)), extra).toEqual({ status: 400, field: name });
    expect(
      await field(buyer.api("GET", `/peers/balance?network=Preprod&agentIdentifier=ab`)),
    ).toEqual({ status: 400, field: "agentIdentifier" });
  });

  it("records usage idempotently under 20 concurrent retries; 409 names the field", async () => {
    const id = ids.metered;
    expect(id).not.toBe("");
    const body = {
      network: "Preprod",
      usageId: "run-1",
      blockchainIdentifier: id,
      usage: { calls: "1", inputTokens: "12345" },
      amounts: [{ unit: TUSDM, amount: "1524" }],
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => buyer.api("POST", "/usage", body)),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    const first = JSON.stringify(answers[0]!.body);
    for (const a of answers) expect(JSON.stringify(a.body)).toBe(first);
    expect(answers[0]!.body.data).toMatchObject({
      usageId: "run-1",
      blockchainIdentifier: id,
      role: "buyer",
      usage: { calls: "1", inputTokens: "12345", outputTokens: "0" },
      amounts: [{ unit: TUSDM, amount: "1524" }],
    });
    const db = buyer.node.parts!.database.db;
    const rows = await db
      .select()
      .from(usageRecords)
      .where(and(eq(usageRecords.usageId, "run-1"), eq(usageRecords.principalId, "admin")));
    expect(rows).toHaveLength(1);
    // Later, the same record: the same answer; a count written out as zero is the same body.
    const again = await buyer.api("POST", "/usage", {
      ...body,
      usage: { ...body.usage, outputTokens: "0" },
    });
    expect(JSON.stringify(again.body)).toBe(first);

    const conflict = async (change: object) => {
      const res = await buyer.api("POST", "/usage", { ...body, ...change });
      return { status: res.status, field: res.body.field ?? res.body.error?.field };
    };
    expect(await conflict({ usage: { calls: "1", inputTokens: "12346" } })).toEqual({
      status: 409,
      field: "usage.inputTokens",
    });
    expect(await conflict({ usage: { calls: "2", inputTokens: "12345" } })).toEqual({
      status: 409,
      field: "usage.calls",
    });
    expect(await conflict({ amounts: [{ unit: TUSDM, amount: "1525" }] })).toEqual({
      status: 409,
      field: "amounts",
    });
    expect(await conflict({ amounts: undefined })).toEqual({ status: 409, field: "amounts" });
    expect(await conflict({ blockchainIdentifier: ids.refund })).toEqual({
      status: 409,
      field: "blockchainIdentifier",
    });

    // The seller's node keeps its own records (role seller), shown in its history rows.
    const sold = await ok(seller, "POST", "/usage", { ...body, usageId: "seller-1" });
    expect(sold.role).toBe("seller");
    const rows2 = (await peerUsage(seller, "&limit=50")).body.data.Usage as any[];
    const row = rows2.find((r) => r.blockchainIdentifier === id);
    expect(row.usage.records.map((r: any) => r.usageId)).toEqual(["seller-1"]);
    const boughtRows = (await peerUsage(buyer, "&limit=50")).body.data.Usage as any[];
    expect(
      boughtRows
        .find((r) => r.blockchainIdentifier === id)
        .usage.records.map((r: any) => r.usageId),
    ).toEqual(["run-1"]);

    // One usage.recorded event per record on each node despite the retries; the seller's names
    // the buyer it knows only from the escrow's lock, the same key the buyer's node names.
    const recorded = async (n: typeof buyer) =>
      (await eventsFor(n.node.parts!.database.db, id)).filter((e) => e.type === "usage.recorded");
    const [boughtEvent, ...moreBought] = await recorded(buyer);
    const [soldEvent, ...moreSold] = await recorded(seller);
    expect([moreBought, moreSold]).toEqual([[], []]);
    expect(boughtEvent).toMatchObject({
      role: "buyer",
      usage: { calls: "1", inputTokens: "12345" },
      amounts: [{ unit: TUSDM, amount: "1524" }],
      txHash: null,
      chainTimeMs: null,
    });
    expect(soldEvent!.role).toBe("seller");
    expect(soldEvent!.buyerVkey).toMatch(/^[0-9a-f]{56}$/);
    expect(soldEvent!.buyerVkey).toBe(boughtEvent!.buyerVkey);
    expect(soldEvent!.sellerVkey).toBe(boughtEvent!.sellerVkey);
  });

  it("lists an escrow's records, cursor-paged, oldest first", async () => {
    const id = ids.complete;
    for (const u of ["a-1", "a-2", "a-3"])
      await ok(buyer, "POST", "/usage", {
        network: "Preprod",
        usageId: u,
        blockchainIdentifier: id,
        usage: { calls: "1" },
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: any = await ok(
        buyer,
        "GET",
        `/usage?blockchainIdentifier=${id}&limit=2${cursor === null ? "" : `&cursor=${cursor}`}`,
      );
      seen.push(...data.UsageRecords.map((r: any) => r.usageId));
      cursor = data.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(["a-1", "a-2", "a-3"]);
  });

  it("answers 404 for an identifier this node does not have, 403 for another key's, 400s", async () => {
    // A payment the seller's node asked for and the buyer's node never bought.
    const p = await ok(seller, "POST", "/payment", {
      network: "Preprod",
      agentIdentifier: agent,
      ...jobInput(),
    });
    const body = {
      network: "Preprod",
      usageId: "x-1",
      blockchainIdentifier: p.blockchainIdentifier,
      usage: { calls: "1" },
    };
    const res = await buyer.api("POST", "/usage", body);
    expect([res.status, res.body.field ?? res.body.error?.field]).toEqual([
      404,
      "blockchainIdentifier",
    ]);
    // No row was kept for the refused record: the same id works once the identifier is known.
    expect((await seller.api("POST", "/usage", body)).status).toBe(200);

    const key = await ok(buyer, "POST", "/api-key", {
      permission: "ReadAndPay",
      usageLimited: false,
      UsageCredits: [],
      NetworkLimit: ["Preprod"],
    });
    const other = await fetch(`${buyer.node.apiUrl}/usage`, {
      method: "POST",
      headers: { token: key.token, "content-type": "application/json" },
      body: JSON.stringify({ ...body, blockchainIdentifier: ids.metered }),
    });
    expect(other.status).toBe(403);

    const bad = async (change: object) => {
      const r = await buyer.api("POST", "/usage", { ...body, ...change });
      return [r.status, r.body.field ?? r.body.error?.field];
    };
    expect(await bad({ usageId: "" })).toEqual([400, "usageId"]);
    expect(await bad({ usageId: "has space" })).toEqual([400, "usageId"]);
    expect(await bad({ usageId: "u".repeat(129) })).toEqual([400, "usageId"]);
    expect(await bad({ usage: { calls: "1.5" } })).toEqual([400, "usage.calls"]);
    expect(await bad({ usage: { calls: 1 } })).toEqual([400, "usage.calls"]);
    expect(await bad({ usage: { tokens: "1" } })).toEqual([400, "usage"]);
    expect(await bad({ amounts: [{ unit: TUSDM, amount: "-1" }] })).toEqual([
      400,
      "amounts[0].amount",
    ]);
    expect(await bad({ network: "Mainnet" })).toEqual([400, "network"]);
    expect(await bad({ blockchainIdentifier: "zz" })).toEqual([400, "blockchainIdentifier"]);
    expect(await bad({ extra: true })).toEqual([400, "body"]);
    const list = await buyer.api("GET", "/usage");
    expect([list.status, list.body.field ?? list.body.error?.field]).toEqual([
      400,
      "blockchainIdentifier",
    ]);
  });
});
