/**
 * The agent interfaces on the devnet, through @escrowd/client only:
 * - the example agent (examples/paid-agent/agent.ts, the README's code) runs in its own process
 *   behind the MIP-003 paywall, and a second process (examples/paid-agent/buyer.ts) buys a job
 *   from it with the client's buyer helper, from start_job to the seller paid;
 * - a route behind `paid()` answers 402 with requirements that `fetchPaid` turns into a lock and
 *   a successful retry; proofs that are forged, reused or for another body are refused;
 * - the MIP-003 routes refuse bad input before any payment request, and a job runs only once
 *   its escrow is locked.
 */
import { serve, type ServerType } from "@hono/node-server";
import { createServer, type Server } from "node:http";
import {
  callAgent,
  createClient,
  decodeHeader,
  encodeHeader,
  fetchPaid,
  inputHash,
  PurchaseError,
  resultHash,
  type EscrowdClient,
  type PaymentRequired,
} from "@escrowd/client";
import { metered, nodeListener, paywall, type Paywall } from "@escrowd/client/paywall";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  openNode,
  PRICE,
  registerAgent,
  TUSDM,
  viewOf,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";
import { runTypeScript, waitFor } from "./support/process.ts";
import { shoutApp } from "../examples/paid-route/app.ts";
import { shout } from "../examples/paid-route/buyer.ts";

let n: TestNode;
let agent: string;
let origin: string;
let sellerToken: string;
let buyerToken: string;
const servers: (ServerType | Server)[] = [];
const paywalls: Paywall[] = [];

async function apiKey(permission: "Read" | "ReadAndPay"): Promise<string> {
  const res = await n.api("POST", "/api-key", { permission, usageLimited: "false" });
  expect(res.status).toBe(200);
  return res.body.data.token as string;
}

/** An X-PAYMENT header naming the escrow `blockchainIdentifier`. */
const proofOf = (blockchainIdentifier: string) =>
  encodeHeader({
    x402Version: 1,
    scheme: "cardano-escrow",
    network: "cardano-preprod",
    payload: { blockchainIdentifier },
  });

const json = (res: Response): Promise<any> => res.json();

async function usdmOf(address: string): Promise<bigint> {
  const utxos = await n.node.parts!.chain.utxos(address);
  return utxos.reduce((s, u) => s + (u.value.assets[TUSDM] ?? 0n), 0n);
}

/** Serves `app` through Node's own http server (the paywall's Node/Express adapter). */
async function listenNode(app: Hono): Promise<string> {
  const server = createServer(nodeListener(app));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Serves `app` on a free port; the URL it answers on. */
async function listen(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

beforeAll(async () => {
  n = await openNode();
  origin = new URL(n.node.apiUrl).origin;
  agent = await registerAgent(n);
  sellerToken = await apiKey("ReadAndPay");
  buyerToken = await apiKey("ReadAndPay");
}, 120_000);
afterAll(async () => {
  for (const p of paywalls) p.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await closeNodes(n);
});

describe(`the example agent behind the MIP-003 paywall on ${DB_KIND}`, () => {
  it("is bought by a second process with the buyer helper, from start_job to the seller paid", async () => {
    const selling = n.node.parts!.wallets.find((w) => w.role === "selling")!;
    const sellerBefore = await usdmOf(selling.address);
    const seller = runTypeScript("examples/paid-agent/agent.ts", [], {
      ESCROWD_URL: origin,
      ESCROWD_TOKEN: sellerToken,
      AGENT_IDENTIFIER: agent,
      PORT: "0",
    });
    try {
      const agentUrl = await waitFor(
        "the agent to listen",
        () => /listening on (\S+)/.exec(seller.stdout())?.[1],
        60_000,
      );
      const buyer = runTypeScript("examples/paid-agent/buyer.ts", ["paid work"], {
        ESCROWD_URL: origin,
        ESCROWD_TOKEN: buyerToken,
        AGENT_URL: agentUrl,
      });
      const code = await buyer.exited;
      expect(code, buyer.stderr()).toBe(0);
      const job = JSON.parse(buyer.stdout().trim().split("\n").at(-1)!);
      expect(job).toMatchObject({ result: "PAID WORK", released: true });
      // The seller's node saw the same result hash on chain, and is paid.
      const payment = await waitState(n, "payment", job.blockchainIdentifier, "Withdrawn");
      expect(payment.resultHash).toBe(job.resultHash);
      expect((await usdmOf(selling.address)) - sellerBefore).toBe(BigInt(PRICE));
      const status = await json(await fetch(`${agentUrl}/status?job_id=${job.jobId}`));
      expect(status).toMatchObject({ status: "completed", result: "PAID WORK" });
    } finally {
      seller.proc.kill();
      await seller.exited;
    }
  });
});

describe(`HTTP 402 in front of a route on ${DB_KIND}`, () => {
  let url: string;
  let buyerNode: EscrowdClient;
  let calls = 0;
  const maxAmount = { [TUSDM]: BigInt(PRICE) };

  beforeAll(async () => {
    // The README's code (examples/paid-route).
    url = `${await listen(countCalls(shoutApp({ url: origin, token: sellerToken }, agent)))}/shout`;
    buyerNode = createClient({ baseUrl: origin, token: buyerToken });
  });

  /** The app, counting the calls that reach its route. */
  function countCalls(app: Hono): Hono {
    const outer = new Hono();
    outer.use("/shout", async (c, next) => {
      await next();
      if (c.res.status === 200) calls += 1;
    });
    outer.route("/", app);
    return outer;
  }

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("answers 402 with x402-shaped escrow requirements for exactly this body", async () => {
    const res = await post({ text: "hi" });
    expect(res.status).toBe(402);
    const required = (await json(res)) as PaymentRequired;
    expect(required.x402Version).toBe(1);
    expect(required.accepts).toHaveLength(1);
    const [req] = required.accepts;
    expect(req).toMatchObject({
      scheme: "cardano-escrow",
      network: "cardano-preprod",
      maxAmountRequired: PRICE,
      asset: TUSDM,
      resource: url,
      mimeType: "application/json",
    });
    expect(req!.payTo).toMatch(/^addr_test1/);
    expect(req!.maxTimeoutSeconds).toBeGreaterThan(0);
    const terms = req!.extra;
    expect(terms.agentIdentifier).toBe(agent);
    expect(terms.amounts).toEqual([{ unit: TUSDM, amount: PRICE }]);
    expect(terms.escrowAddress).toMatch(/^addr_test1/);
    expect(terms.inputHash).toBe(await inputHash(terms.identifierFromPurchaser, { text: "hi" }));
    const payment = await viewOf(n, "payment", terms.blockchainIdentifier);
    expect(payment.state).toBe("WaitingForFunds");
    expect(calls).toBe(0);
  });

  it("is paid by fetchPaid: a lock, a retry with the proof, the route's answer, its hash on chain", async () => {
    const res = await shout(buyerNode, url, "pay me", maxAmount);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ shout: "PAY ME" });
    expect(calls).toBe(1);
    const receipt = decodeHeader(res.headers.get("x-payment-response")) as Record<string, unknown>;
    expect(receipt).toMatchObject({ success: true, network: "cardano-preprod" });
    const id = receipt.blockchainIdentifier as string;
    const queued = await viewOf(n, "payment", id);
    expect(receipt.resultHash).toBe(
      await resultHash(queued.identifierFromPurchaser as string, text),
    );

    // The same proof again: the escrow has its result and pays for no second call.
    const proof = proofOf(id);
    const replay = await post({ text: "pay me" }, { "x-payment": proof });
    expect(replay.status).toBe(402);
    expect((await json(replay)).error).toMatch(/cannot pay for a call/);
    // The proof with another body: the escrow was made for the first.
    const other = await post({ text: "something else" }, { "x-payment": proof });
    expect(other.status).toBe(402);
    expect((await json(other)).error).toMatch(/another body/);
    expect(calls).toBe(1);
    const submitted = await waitState(n, "payment", id, "ResultSubmitted");
    expect(submitted.resultHash).toBe(receipt.resultHash);
    const again = await post({ text: "pay me" }, { "x-payment": proof });
    expect((await json(again)).error).toMatch(/cannot pay for a call: it is ResultSubmitted/);
    expect(calls).toBe(1);
  });

  it("refuses forged and unknown proofs, and a body it cannot hash, without running the route", async () => {
    for (const header of ["not base64 json", encodeHeader({ scheme: "exact", network: "base" })]) {
      const res = await post({ text: "x" }, { "x-payment": header });
      expect(res.status).toBe(402);
      expect((await json(res)).error).toMatch(/not a cardano-escrow proof/);
    }
    const unknown = proofOf("nope");
    const res = await post({ text: "x" }, { "x-payment": unknown });
    expect(res.status).toBe(402);
    expect((await json(res)).error).toMatch(/no payment request/);
    const notJson = await fetch(url, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    expect(calls).toBe(1);
  });

  it("answers an unpaid proof with Retry-After, and fetchPaid refuses a price over maxAmount", async () => {
    const required = (await (await post({ text: "later" })).json()) as PaymentRequired;
    const id = required.accepts[0]!.extra.blockchainIdentifier;
    const proof = proofOf(id);
    const early = await post({ text: "later" }, { "x-payment": proof });
    expect(early.status).toBe(402);
    expect((await json(early)).error).toMatch(/not on chain yet/);
    expect(early.headers.get("retry-after")).toBe("1");
    await expect(
      fetchPaid(
        buyerNode,
        url,
        { method: "POST", body: JSON.stringify({ text: "too dear" }) },
        { maxAmount: { [TUSDM]: BigInt(PRICE) - 1n } },
      ),
    ).rejects.toThrow(PurchaseError);
    const purchases = await n.api("GET", "/purchase?network=Preprod&limit=100");
    const bought = purchases.body.data.Purchases.map((p: any) => p.blockchainIdentifier);
    expect(bought).not.toContain(id);
    expect(calls).toBe(1);
  });
});

describe(`the MIP-003 routes on ${DB_KIND}`, () => {
  let base: string;
  let ran = 0;

  beforeAll(async () => {
    const agentApp = paywall({
      node: { url: origin, token: sellerToken },
      agentIdentifier: agent,
      pollMs: 200,
      inputSchema: { input_data: [{ id: "text", type: "string" }] },
      checkInput: (input) =>
        typeof (input as { text?: unknown }).text === "string"
          ? undefined
          : "text must be a string",
      handler: async () => {
        ran += 1;
        return { ok: true };
      },
    });
    paywalls.push(agentApp);
    base = await listenNode(agentApp);
  });

  const start = (body: unknown) =>
    fetch(`${base}/start_job`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("serves availability and the input schema", async () => {
    expect(await json(await fetch(`${base}/availability`))).toMatchObject({
      status: "available",
    });
    expect(await json(await fetch(`${base}/input_schema`))).toEqual({
      input_data: [{ id: "text", type: "string" }],
    });
  });

  it("refuses bad input by field before asking the node for a payment request", async () => {
    const before = (await n.api("GET", "/payment?network=Preprod&limit=100")).body.data.Payments
      .length;
    const cases: [unknown, RegExp][] = [
      ["{", /JSON object/],
      [[1], /JSON object/],
      [{ input_data: { text: "a" } }, /identifier_from_purchaser/],
      [
        { identifier_from_purchaser: "zz".repeat(7), input_data: { text: "a" } },
        /identifier_from_purchaser/,
      ],
      [
        { identifier_from_purchaser: "ab".repeat(14), input_data: { text: "a" } },
        /identifier_from_purchaser/,
      ],
      [{ identifier_from_purchaser: "ab".repeat(7) }, /input_data is required/],
      [
        { identifier_from_purchaser: "ab".repeat(7), input_data: { text: 1 } },
        /input_data: text must be a string/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await start(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json(res)).error).toMatch(message);
    }
    const big = await start({
      identifier_from_purchaser: "ab".repeat(7),
      input_data: { text: "a".repeat(2 << 20) },
    });
    expect(big.status).toBe(413);
    const after = (await n.api("GET", "/payment?network=Preprod&limit=100")).body.data.Payments
      .length;
    expect(after).toBe(before);
  });

  it("keeps a job awaiting payment until the lock, and answers unknown jobs 404", async () => {
    const res = await start({
      identifier_from_purchaser: "cd".repeat(8),
      input_data: { text: "wait" },
    });
    expect(res.status).toBe(200);
    const job = await json(res);
    expect(job.input_hash).toBe(await inputHash("cd".repeat(8), { text: "wait" }));
    expect(job.sellerVKey).toMatch(/^[0-9a-f]{56}$/);
    await new Promise((r) => setTimeout(r, 600));
    const status = await json(await fetch(`${base}/status?job_id=${job.job_id}`));
    expect(status.status).toBe("awaiting_payment");
    expect(ran).toBe(0);
    expect((await fetch(`${base}/status?job_id=nope`)).status).toBe(404);
    expect((await fetch(`${base}/status`)).status).toBe(400);
  });
});

describe(`jobs that end otherwise, behind the MIP-003 paywall on ${DB_KIND}`, () => {
  const sheet = {
    model: "tokens",
    unit: TUSDM,
    inputPricePer1MTokens: "2000000",
    outputPricePer1MTokens: "6000000",
  };

  it("charges a metered job by the usage its handler reports", async () => {
    const agentApp = paywall({
      node: { url: origin, token: sellerToken },
      agentIdentifier: agent,
      pollMs: 200,
      priceSheet: sheet,
      handler: async (input: { text: string }) =>
        metered(`${input.text} done`, { inputTokens: "120000", outputTokens: "45000" }),
    });
    paywalls.push(agentApp);
    const buyer = createClient({ baseUrl: origin, token: buyerToken });
    const job = await callAgent(buyer, {
      agentUrl: await listen(agentApp),
      input: { text: "count" },
      agentIdentifier: agent,
      pollMs: 250,
      timeoutMs: 60_000,
    });
    expect(job).toMatchObject({ result: "count done", released: false });
    const payment = await viewOf(n, "payment", job.blockchainIdentifier);
    expect(payment.state).toBe("ResultSubmitted");
    expect(payment.resultHash).toBe(job.resultHash);
    // 120,000 tokens at 2 USDM and 45,000 at 6 USDM per million: 0.24 + 0.27 USDM.
    expect(payment.meter.claim).toEqual([{ unit: TUSDM, amount: "510000" }]);
  });

  it("fails a job whose handler throws, and the buyer helper says so", async () => {
    const agentApp = paywall({
      node: { url: origin, token: sellerToken },
      agentIdentifier: agent,
      pollMs: 200,
      handler: async () => {
        throw new Error("secret internal detail");
      },
    });
    paywalls.push(agentApp);
    const buyer = createClient({ baseUrl: origin, token: buyerToken });
    const failed = await callAgent(buyer, {
      agentUrl: await listen(agentApp),
      input: { text: "boom" },
      pollMs: 250,
      timeoutMs: 60_000,
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PurchaseError);
    expect((failed as Error).message).toBe("the agent failed the job: the job failed");
    // The buyer learns which escrow to ask a refund of.
    const id = (failed as PurchaseError).blockchainIdentifier!;
    expect((await viewOf(n, "purchase", id)).state).toBe("FundsLocked");
  });

  it("refuses an agent whose input hash is not the hash of the input sent", async () => {
    const liar = new Hono();
    liar.post("/start_job", async (c) => {
      const body = await c.req.json();
      return c.json({
        id: "j",
        blockchainIdentifier: "x",
        identifierFromPurchaser: body.identifier_from_purchaser,
        input_hash: "0".repeat(64),
      });
    });
    const buyer = createClient({ baseUrl: origin, token: buyerToken });
    const before = (await n.api("GET", "/purchase?network=Preprod&limit=100")).body.data.Purchases
      .length;
    await expect(
      callAgent(buyer, { agentUrl: await listen(liar), input: { text: "x" } }),
    ).rejects.toThrow(/input_hash is not the MIP-004 hash/);
    const after = (await n.api("GET", "/purchase?network=Preprod&limit=100")).body.data.Purchases
      .length;
    expect(after).toBe(before);
  });
});
