/**
 * The buyer's purchase API over HTTP (app.request, no server): a purchase of the seller's signed
 * terms stores the purchase and queues exactly one lock; listing with a cursor; resolving; and
 * every refusal answered with a 400 (or 409) naming the field, with nothing written. The chain
 * is a fake that only lists the purchasing wallets' outputs; the devnet tests lock for real.
 */
import { SHARED_FOR_MS, STALE_MAX_MS } from "../src/chain/shared-utxo-reads.ts";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { checkingAnswers } from "./support/answer-check.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { escrowAddress as scriptAddress } from "../contracts/index.ts";
import { onApiError } from "../src/api/errors.ts";
import { purchaseNextAction } from "../src/api/purchase-view.ts";
import { purchaseRoutes } from "../src/api/purchases.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import { lockPayloadSchema } from "../src/chain/escrow/lock-terms.ts";
import { ChainTransportError } from "../src/chain/errors.ts";
import type { Network } from "../src/chain/network.ts";
import type { Utxo, UtxoReader } from "../src/chain/port.ts";
import { apiKeyCredits, intents, purchases, registryIndex } from "../src/db/schema.ts";
import { toWireAmounts } from "../src/domain/amounts.ts";
import {
  decodeBlockchainIdentifier,
  escrowReference,
  identifierFromSignature,
  newSellerNonce,
  type PaymentTerms,
  signTerms,
  TERMS_VERSION,
} from "../src/domain/blockchain-identifier.ts";
import { canonicalize } from "../src/domain/jcs.ts";
import type { AgentMetadata } from "../src/domain/mip002.ts";
import { parsePriceSheet, sheetHash, toWireSheet } from "../src/domain/price-sheet.ts";
import { encodeAgentMetadata } from "../src/domain/mip002-encode.ts";
import { HOUR_MS } from "../src/domain/payment-times.ts";
import type { Price } from "../src/domain/pricing.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { createApiKey } from "../src/services/api-keys.ts";
import { createPaymentRequest } from "../src/services/payments.ts";
import { createWallet, openWallet, type WalletInfo } from "../src/services/wallets.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";
import { gathering } from "./support/gather.ts";
import { ORACLE, PAINTER, SUMMARISER, TRANSLATOR } from "./support/registry-agents.ts";

const ADMIN = "admin-key-for-tests-0123456789";
const KEY = "11".repeat(32);
const POLICY = "ab".repeat(28);
const NOW_MS = 1_750_000_000_000;
const INPUT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const ESCROW = scriptAddress("cd".repeat(28), 0);
const USDM = DEVNET_USDM_UNIT;
const agentId = (n: number) => `${POLICY}${n.toString(16).padStart(2, "0")}`;
const AGENTS = {
  fixed: agentId(1),
  tiered: agentId(2),
  dynamic: agentId(3),
  free: agentId(4),
  burned: agentId(5),
  otherHolder: agentId(6),
};
const PRICING_TYPE = { free: "Free", fixed: "Fixed", tiered: "Fixed", dynamic: "Dynamic" };

let database: TestDatabase;
let app: Hono;
let seller: WalletInfo;
let otherSeller: WalletInfo;
let mainnetSeller: WalletInfo;
let buyer: WalletInfo;
let spareBuyer: WalletInfo;
let clockMs = NOW_MS;
/** What the fake chain says each address holds. */
const onChain = new Map<string, Utxo[]>();
let chainDown = false;
/** Statements sent to the database since the count was last reset. */
let statements: string[] = [];
/** When set, each purchase waits here as it reads the coins per byte (see gatherAt). */
let coinsGate: (() => Promise<void>) | undefined;

/**
 * Holds purchases at their coins-per-byte read (after their checks, before their wallet) until
 * `n` are there, then lets them all go at once, so they reach their wallet together.
 */
function gatherAt(n: number): void {
  coinsGate = gathering(n).pass;
}

async function indexAgent(
  id: string,
  agent: AgentMetadata,
  holder: WalletInfo,
  status: "active" | "burned" = "active",
) {
  await database.db.insert(registryIndex).values({
    agentIdentifier: id,
    network: "preprod",
    policyId: POLICY,
    assetName: id.slice(56),
    status,
    holderAddress: holder.address,
    holderPaymentKeyHash: holder.paymentKeyHash,
    rawMetadata: null,
    metadata: JSON.stringify(encodeAgentMetadata(agent)),
    valid: true,
    invalidReasons: [],
    name: agent.name,
    description: agent.description ?? null,
    pricingType: PRICING_TYPE[agent.pricing.kind],
    units: [],
    tags: agent.tags,
    capabilityName: null,
    mintOrBurnCount: 1,
    firstSeenAtMs: NOW_MS,
    checkedAtMs: NOW_MS,
    updatedAtMs: NOW_MS,
  });
}

function utxo(address: string, lovelace: bigint, assets: Record<string, bigint> = {}): Utxo {
  return {
    txHash: randomBytes(32).toString("hex"),
    outputIndex: 0,
    address,
    value: { lovelace, assets },
    dataHash: null,
    inlineDatumCbor: null,
    referenceScriptHash: null,
  };
}

beforeAll(async () => {
  database = await freshDatabase({ onStatement: (q) => statements.push(q) });
  const db = database.db;
  const wallet = (role: "selling" | "purchasing", network: Network = "preprod", at = NOW_MS) =>
    createWallet(db, { role, network, encryptionKeyHex: KEY, nowMs: at });
  seller = await wallet("selling");
  otherSeller = await wallet("selling");
  mainnetSeller = await wallet("selling", "mainnet");
  buyer = await wallet("purchasing");
  // Created later, so the funding check tries it second.
  spareBuyer = await wallet("purchasing", "preprod", NOW_MS + 1);
  await indexAgent(AGENTS.fixed, TRANSLATOR, seller);
  await indexAgent(AGENTS.tiered, SUMMARISER, seller);
  await indexAgent(AGENTS.dynamic, ORACLE, seller);
  await indexAgent(AGENTS.free, PAINTER, seller);
  await indexAgent(AGENTS.burned, TRANSLATOR, seller, "burned");
  await indexAgent(AGENTS.otherHolder, TRANSLATOR, otherSeller);
  // A collateral-sized output the lock keeps out of coin selection, and the buyer's funds.
  onChain.set(buyer.address, [
    utxo(buyer.address, 5_000_000n),
    utxo(buyer.address, 100_000_000n, { [USDM]: 100_000_000n }),
  ]);
  const chain: UtxoReader = {
    async utxos(address) {
      if (chainDown) throw new ChainTransportError("addresses/utxos", "ECONNREFUSED", "down");
      return onChain.get(address) ?? [];
    },
  };
  const ctx = () => ({
    db,
    adminKey: ADMIN,
    network: "preprod" as const,
    policyId: POLICY,
    escrowAddress: ESCROW,
    chain,
    coinsPerUtxoSize: async () => {
      await coinsGate?.();
      return 4310;
    },
  });
  app = checkingAnswers(new Hono());
  // Each request one ms later, so pages have a well-defined newest-first order.
  app.route(
    "/api/v1",
    purchaseRoutes(ctx, () => clockMs++),
  );
  app.onError(onApiError(() => {}));
}, 60_000);
afterAll(async () => {
  await database?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", token: ADMIN },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Terms for `agent`, signed by `by` (the seller by default), with fields overridden. */
async function signed(
  agentIdentifier: string,
  amounts: Price[],
  over: Partial<PaymentTerms> = {},
  by: WalletInfo = seller,
) {
  const network = by.network;
  const terms: PaymentTerms = {
    version: TERMS_VERSION,
    network,
    agentIdentifier,
    sellerVkey: by.paymentKeyHash,
    sellerAddress: by.address,
    identifierFromPurchaser: randomBytes(10).toString("hex"),
    inputHash: INPUT_HASH,
    amounts,
    payByTimeMs: NOW_MS + HOUR_MS,
    submitResultTimeMs: NOW_MS + 2 * HOUR_MS,
    unlockTimeMs: NOW_MS + 8 * HOUR_MS,
    externalDisputeUnlockTimeMs: NOW_MS + 14 * HOUR_MS,
    sellerNonce: newSellerNonce(),
    ...over,
  };
  const opened = await openWallet(database.db, {
    walletId: by.id,
    network,
    encryptionKeyHex: KEY,
  });
  return { id: await signTerms(opened.wallet, terms), terms };
}

/** The purchase body the peer's SDKs send for these terms. */
function bodyFor(id: string, t: PaymentTerms, extra: Record<string, unknown> = {}) {
  return {
    blockchainIdentifier: id,
    network: "Preprod",
    inputHash: t.inputHash,
    sellerVkey: t.sellerVkey,
    agentIdentifier: t.agentIdentifier,
    identifierFromPurchaser: t.identifierFromPurchaser,
    payByTime: String(t.payByTimeMs),
    submitResultTime: String(t.submitResultTimeMs),
    unlockTime: String(t.unlockTimeMs),
    externalDisputeUnlockTime: String(t.externalDisputeUnlockTimeMs),
    Amounts: toWireAmounts(t.amounts, { lovelaceUnit: "" }),
    ...extra,
  };
}

const TRANSLATOR_PRICE: Price[] = [
  { unit: "lovelace", amount: 2_000_000n },
  { unit: USDM, amount: 5_000_000n },
];
const usdm = (amount: bigint): Price[] => [{ unit: USDM, amount }];
/** A per-token price sheet in USDM, which the translator's price holds. */
const SHEET = {
  unit: USDM,
  model: "tokens",
  inputPricePer1MTokens: "1000000",
  outputPricePer1MTokens: "2000000",
};

async function written() {
  const db = database.db;
  return {
    purchases: (await db.select().from(purchases)).length,
    intents: (await db.select().from(intents)).length,
  };
}

/** POSTs a purchase that must be refused with `status` naming `field`, writing nothing. */
async function refused(body: unknown, field: string, status = 400) {
  const before = await written();
  const res = await call("POST", "/purchase", body);
  expect([res.status, res.body.error?.field], res.body.error?.message).toEqual([status, field]);
  expect(await written()).toEqual(before);
  return res.body.error.message as string;
}

describe(`purchases on ${DB_KIND}`, () => {
  const created: string[] = [];

  it("purchases a seller's payment request and queues one lock", async () => {
    // The seller's side makes the identifier, as a remote seller node would.
    const payment = await createPaymentRequest(
      {
        db: database.db,
        network: "preprod",
        policyId: POLICY,
        encryptionKeyHex: KEY,
        nowMs: NOW_MS,
      },
      {
        agentIdentifier: AGENTS.fixed,
        inputHash: INPUT_HASH,
        identifierFromPurchaser: "aabbaabb11221122aabb",
        times: {},
      },
    );
    const decoded = decodeBlockchainIdentifier(payment.blockchainIdentifier);
    if (!decoded.ok) throw new Error(decoded.reason);
    const t = decoded.terms;
    const res = await call("POST", "/purchase", bodyFor(payment.blockchainIdentifier, t));
    expect(res.status, res.body.error?.message).toBe(200);
    const p = res.body.data;
    created.push(p.blockchainIdentifier);
    expect(p).toMatchObject({
      blockchainIdentifier: payment.blockchainIdentifier,
      agentIdentifier: AGENTS.fixed,
      agentName: "Translator",
      pricingType: "Fixed",
      inputHash: INPUT_HASH,
      identifierFromPurchaser: "aabbaabb11221122aabb",
      payByTime: String(t.payByTimeMs),
      submitResultTime: String(t.submitResultTimeMs),
      unlockTime: String(t.unlockTimeMs),
      externalDisputeUnlockTime: String(t.externalDisputeUnlockTimeMs),
      state: "WaitingForFunds",
      onChainState: null,
      escrowReference: escrowReference(decoded),
      NextAction: { requestedAction: "FundsLockingRequested", errorType: null, errorNote: null },
      PaidFunds: [
        { unit: "", amount: "2000000" },
        { unit: USDM, amount: "5000000" },
      ],
      PaymentSource: { network: "Preprod", smartContractAddress: ESCROW, policyId: POLICY },
      SellerWallet: { walletVkey: seller.paymentKeyHash, walletAddress: seller.address },
      SmartContractWallet: { id: buyer.id, walletVkey: buyer.paymentKeyHash },
    });
    // The answer is built from what the request wrote and read, not read back: it is the view
    // that reading the purchase gives (nothing else has touched it here).
    const read = await call("POST", "/purchase/resolve-blockchain-identifier", {
      blockchainIdentifier: payment.blockchainIdentifier,
      network: "Preprod",
    });
    expect(read.body.data).toEqual(p);
    const locks = await database.db.select().from(intents);
    expect(locks).toHaveLength(1);
    const [lock] = locks;
    expect(lock).toMatchObject({
      kind: ESCROW_LOCK_KIND,
      status: "queued",
      walletId: buyer.id,
      subjectId: p.id,
    });
    const payload = lockPayloadSchema.parse(JSON.parse(lock!.payload));
    expect(payload).toEqual({
      sellerAddress: seller.address,
      buyerAddress: buyer.address,
      reference: escrowReference(decoded),
      inputHash: INPUT_HASH,
      times: {
        payByTimeMs: t.payByTimeMs,
        submitResultTimeMs: t.submitResultTimeMs,
        unlockTimeMs: t.unlockTimeMs,
        externalDisputeUnlockTimeMs: t.externalDisputeUnlockTimeMs,
      },
      amounts: [
        { unit: "lovelace", amount: "2000000" },
        { unit: USDM, amount: "5000000" },
      ],
    });
  });

  it("purchases a tier's price and any dynamic price, Amounts left out", async () => {
    for (const [agent, amounts] of [
      [AGENTS.tiered, usdm(9_000_000n)],
      [AGENTS.dynamic, usdm(1_000_000n)],
    ] as const) {
      const { id, terms } = await signed(agent, [...amounts]);
      const res = await call("POST", "/purchase", bodyFor(id, terms, { Amounts: undefined }));
      expect(res.status, res.body.error?.message).toBe(200);
      created.push(id);
    }
  });

  it("refuses a purchase made before with a 409 naming its state", async () => {
    const decoded = decodeBlockchainIdentifier(created[0]);
    if (!decoded.ok) throw new Error(decoded.reason);
    const message = await refused(bodyFor(created[0]!, decoded.terms), "blockchainIdentifier", 409);
    expect(message).toContain("WaitingForFunds");
  });

  it("refuses what the funds cannot cover, counting queued locks, naming has and needs", async () => {
    // 100 USDM less the three queued locks (5 + 9 + 1) leaves 85.
    const big = await signed(AGENTS.dynamic, usdm(500_000_000n));
    const message = await refused(bodyFor(big.id, big.terms), "Amounts");
    expect(message).toContain(buyer.address);
    expect(message).toContain(`has 85000000 of ${USDM} and needs 500000000`);
    const fits = await signed(AGENTS.dynamic, usdm(80_000_000n));
    expect((await call("POST", "/purchase", bodyFor(fits.id, fits.terms))).status).toBe(200);
    created.push(fits.id);
    const after = await signed(AGENTS.dynamic, usdm(10_000_000n));
    const again = await refused(bodyFor(after.id, after.terms), "Amounts");
    expect(again).toContain(`has 5000000 of ${USDM} and needs 10000000`);
  });

  it("pays from the next purchasing wallet when the first cannot", async () => {
    onChain.set(spareBuyer.address, [
      utxo(spareBuyer.address, 50_000_000n, { [USDM]: 50_000_000n }),
    ]);
    const { id, terms } = await signed(AGENTS.dynamic, usdm(10_000_000n));
    const res = await call("POST", "/purchase", bodyFor(id, terms));
    expect(res.status, res.body.error?.message).toBe(200);
    expect(res.body.data.SmartContractWallet.id).toBe(spareBuyer.id);
    created.push(id);
  });

  it("never lets two purchases at once count the same funds", async () => {
    // The spare wallet has 40 USDM free: either purchase fits alone, not both.
    const a = await signed(AGENTS.dynamic, usdm(30_000_000n));
    const b = await signed(AGENTS.dynamic, usdm(30_000_000n));
    const before = await written();
    const answers = await Promise.all([
      call("POST", "/purchase", bodyFor(a.id, a.terms)),
      call("POST", "/purchase", bodyFor(b.id, b.terms)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    const won = answers.find((r) => r.status === 200)!;
    created.push(won.body.data.blockchainIdentifier);
    expect(await written()).toEqual({
      purchases: before.purchases + 1,
      intents: before.intents + 1,
    });
  });

  it("lists newest first with a cursor, and filters by blockchainIdentifier", async () => {
    const first = await call("GET", "/purchase?network=Preprod&limit=3");
    expect(first.status).toBe(200);
    expect(first.body.data.nextCursorId).not.toBeNull();
    const second = await call(
      "GET",
      `/purchase?network=Preprod&limit=3&cursorId=${first.body.data.nextCursorId}`,
    );
    const ids = [...first.body.data.Purchases, ...second.body.data.Purchases].map(
      (p: any) => p.blockchainIdentifier,
    );
    expect(ids).toEqual([...created].reverse());
    expect(second.body.data.nextCursorId).toBeNull();
    const one = await call(
      "GET",
      `/purchase?network=Preprod&includeHistory=true&blockchainIdentifier=${created[1]}`,
    );
    expect(one.body.data.Purchases.map((p: any) => p.blockchainIdentifier)).toEqual([created[1]]);
    const locked = await call("GET", "/purchase?network=Preprod&filterOnChainState=FundsLocked");
    expect(locked.body.data.Purchases).toEqual([]);
    const bad = await call("GET", "/purchase?network=Preprod&cursorId=nope");
    expect([bad.status, bad.body.error.field]).toEqual([400, "cursorId"]);
    expect((await call("GET", "/purchase?network=Preprod&limit=101")).body.error.field).toBe(
      "limit",
    );
  });

  it("resolves a purchase by its blockchainIdentifier, showing its lock's progress", async () => {
    const resolve = (blockchainIdentifier: string) =>
      call("POST", "/purchase/resolve-blockchain-identifier", {
        blockchainIdentifier,
        network: "Preprod",
      });
    const ok = await resolve(created[1]!);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ agentIdentifier: AGENTS.tiered, pricingType: "Fixed" });
    await database.db
      .update(intents)
      .set({ status: "failed", lastError: "payByTime has passed" })
      .where(eq(intents.subjectId, ok.body.data.id));
    expect((await resolve(created[1]!)).body.data.NextAction).toEqual({
      requestedAction: "FundsLockingRequested",
      errorType: "Unknown",
      errorNote: "payByTime has passed",
    });
    const unknown = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    expect((await resolve(unknown.id)).status).toBe(404);
    const malformed = await resolve("not*base64");
    expect([malformed.status, malformed.body.error.field]).toEqual([400, "blockchainIdentifier"]);
  });

  it("names the lock's progress as the peer does", () => {
    expect(purchaseNextAction("WaitingForFunds", { status: "in_tx", lastError: null })).toEqual({
      requestedAction: "FundsLockingInitiated",
      errorType: null,
      errorNote: null,
    });
    expect(purchaseNextAction("WaitingForFunds", { status: "done", lastError: null })).toEqual(
      expect.objectContaining({ requestedAction: "WaitingForExternalAction" }),
    );
    expect(purchaseNextAction("ResultSubmitted").requestedAction).toBe("WaitingForExternalAction");
    expect(purchaseNextAction("Withdrawn").requestedAction).toBe("None");
  });
});

describe(`purchases refused on ${DB_KIND}`, () => {
  it("refuses a malformed identifier", async () => {
    const { terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    await refused(bodyFor("not*base64", terms), "blockchainIdentifier");
  });

  it("refuses a tampered signature", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    const bytes = Buffer.from(id, "base64url");
    bytes[bytes.length - 1]! ^= 0x01;
    const tampered = identifierFromSignature(bytes.toString("hex"));
    const message = await refused(bodyFor(tampered, terms), "blockchainIdentifier");
    expect(message).toContain("signature does not verify");
  });

  it("refuses terms for another network, and a request for another network", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE, {}, mainnetSeller);
    expect(await refused(bodyFor(id, terms), "blockchainIdentifier")).toContain("mainnet");
    const ours = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    await refused(bodyFor(ours.id, ours.terms, { network: "Mainnet" }), "network");
  });

  // Thunks: the wallets exist only once beforeAll has run.
  const mismatches: [string, () => Record<string, unknown>][] = [
    ["inputHash", () => ({ inputHash: "ab".repeat(32) })],
    ["sellerVkey", () => ({ sellerVkey: "ef".repeat(28) })],
    ["agentIdentifier", () => ({ agentIdentifier: AGENTS.tiered })],
    ["identifierFromPurchaser", () => ({ identifierFromPurchaser: "00".repeat(10) })],
    ["payByTime", () => ({ payByTime: String(NOW_MS + HOUR_MS + 1) })],
    ["submitResultTime", () => ({ submitResultTime: String(NOW_MS + 2 * HOUR_MS - 1) })],
    ["unlockTime", () => ({ unlockTime: new Date(NOW_MS + 9 * HOUR_MS).toISOString() })],
    [
      "externalDisputeUnlockTime",
      () => ({ externalDisputeUnlockTime: String(NOW_MS + 15 * HOUR_MS) }),
    ],
    ["Amounts", () => ({ Amounts: [{ unit: "", amount: "2000000" }] })],
    ["Amounts[0].amount", () => ({ Amounts: [{ unit: "", amount: "-1" }] })],
    ["unlockTime", () => ({ unlockTime: undefined })],
    ["sellerReturnAddress", () => ({ sellerReturnAddress: otherSeller.address })],
  ];
  for (const [i, [field, extra]] of mismatches.entries()) {
    it(`refuses a body whose ${field} is not the signed one (case ${i})`, async () => {
      const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
      await refused(bodyFor(id, terms, extra()), field);
    });
  }

  it("refuses a seller who does not hold the agent's NFT", async () => {
    const { id, terms } = await signed(AGENTS.otherHolder, TRANSLATOR_PRICE);
    expect(await refused(bodyFor(id, terms), "sellerVkey")).toContain("does not hold");
  });

  it("refuses a burned agent and one not in the registry", async () => {
    const burned = await signed(AGENTS.burned, TRANSLATOR_PRICE);
    expect(await refused(bodyFor(burned.id, burned.terms), "agentIdentifier")).toContain("burned");
    const unknown = await signed(agentId(9), TRANSLATOR_PRICE);
    await refused(bodyFor(unknown.id, unknown.terms), "agentIdentifier");
  });

  const mispriced: [string, string, Price[]][] = [
    ["a fixed price changed", AGENTS.fixed, [{ unit: "lovelace", amount: 1_000_000n }]],
    ["no tier's price", AGENTS.tiered, usdm(5_000_000n)],
    ["a free agent", AGENTS.free, [{ unit: "lovelace", amount: 1_000_000n }]],
  ];
  for (const [what, agent, amounts] of mispriced) {
    it(`refuses amounts the agent's pricing does not ask: ${what}`, async () => {
      const { id, terms } = await signed(agent, amounts);
      await refused(bodyFor(id, terms), "Amounts");
    });
  }

  it("refuses a payByTime that has passed or is too close to lock before", async () => {
    const close = await signed(AGENTS.fixed, TRANSLATOR_PRICE, { payByTimeMs: clockMs + 30_000 });
    expect(await refused(bodyFor(close.id, close.terms), "payByTime")).toContain("too close");
    const past = await signed(AGENTS.fixed, TRANSLATOR_PRICE, { payByTimeMs: NOW_MS - HOUR_MS });
    await refused(bodyFor(past.id, past.terms), "payByTime");
  });

  it("refuses deadlines more than a year away", async () => {
    const far = await signed(AGENTS.fixed, TRANSLATOR_PRICE, {
      externalDisputeUnlockTimeMs: NOW_MS + 400 * 24 * HOUR_MS,
    });
    await refused(bodyFor(far.id, far.terms), "externalDisputeUnlockTime");
  });

  it("refuses a buyerReturnAddress that is not a purchasing wallet", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    await refused(bodyFor(id, terms, { buyerReturnAddress: seller.address }), "buyerReturnAddress");
  });

  it("answers 503 when the chain cannot be read and its last answer is too old, writing nothing", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    chainDown = true;
    // The wallets' outputs last read answer for STALE_MAX_MS (src/chain/shared-utxo-reads.ts):
    // past that, the chain itself must answer.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + STALE_MAX_MS });
    try {
      const before = await written();
      const res = await call("POST", "/purchase", bodyFor(id, terms));
      expect(res.status).toBe(503);
      expect(await written()).toEqual(before);
    } finally {
      vi.useRealTimers();
      chainDown = false;
    }
  });

  it("goes on from the chain's last answer while the chain cannot be read for a moment", async () => {
    await fundBothWallets();
    // The next purchase from each wallet renews the answer shared behind, which then shows
    // these funds. Purchases start with each purchasing wallet in turn: one each.
    for (let i = 0; i < 2; i++) {
      const first = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
      expect((await call("POST", "/purchase", bodyFor(first.id, first.terms))).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    chainDown = true;
    try {
      await new Promise((resolve) => setTimeout(resolve, SHARED_FOR_MS));
      const before = await written();
      const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
      const res = await call("POST", "/purchase", bodyFor(id, terms));
      expect(res.status, res.body.error?.message).toBe(200);
      expect(await written()).toEqual({
        purchases: before.purchases + 1,
        intents: before.intents + 1,
      });
    } finally {
      chainDown = false;
    }
  });

  it("refuses another escrow's smartContractAddress", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    const other = scriptAddress("ee".repeat(28), 0);
    await refused(bodyFor(id, terms, { smartContractAddress: other }), "smartContractAddress");
  });

  it("refuses a bad price sheet naming its field", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    await refused(bodyFor(id, terms, { priceSheet: "cheap" }), "priceSheet");
    await refused(
      bodyFor(id, terms, { priceSheet: { ...SHEET, basePrice: "1.5" } }),
      "priceSheet.basePrice",
    );
    const foreign = { ...SHEET, unit: "cd".repeat(28) + "00" };
    await refused(bodyFor(id, terms, { priceSheet: foreign }), "priceSheet.unit");
    await refused(bodyFor(id, terms, { autoRelease: 1 }), "autoRelease");
    const wrongHash = { priceSheet: SHEET, priceSheetHash: "00".repeat(32) };
    await refused(bodyFor(id, terms, wrongHash), "priceSheetHash");
    await refused(bodyFor(id, terms, { priceSheetHash: "00".repeat(32) }), "priceSheetHash");
  });

  it("stores metered terms and asks the lock to carry autoRelease", async () => {
    const { id, terms } = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    const parsedFirst = parsePriceSheet(SHEET);
    if (!parsedFirst.ok) throw new Error(parsedFirst.message);
    const res = await call(
      "POST",
      "/purchase",
      bodyFor(id, terms, {
        autoRelease: true,
        priceSheet: SHEET,
        priceSheetHash: sheetHash(parsedFirst.sheet),
      }),
    );
    expect(res.status, res.body.error?.message).toBe(200);
    const parsed = parsePriceSheet(SHEET);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(res.body.data.meter).toMatchObject({
      autoRelease: true,
      priceSheetHash: sheetHash(parsed.sheet),
      amounts: [],
    });
    const [row] = await database.db
      .select()
      .from(purchases)
      .where(eq(purchases.blockchainIdentifier, id));
    expect(row).toMatchObject({
      autoRelease: true,
      priceSheet: canonicalize(toWireSheet(parsed.sheet)),
      priceSheetHash: sheetHash(parsed.sheet),
      reportedUsage: null,
    });
    const [lock] = await database.db.select().from(intents).where(eq(intents.subjectId, row!.id));
    expect(lockPayloadSchema.parse(JSON.parse(lock!.payload)).autoRelease).toBe(true);
  });
});

describe(`credits of usage-limited keys on purchases (${DB_KIND})`, () => {
  let keyId = "";
  let token = "";
  beforeAll(async () => {
    // Enough funds that only the credits can refuse these purchases.
    onChain.set(buyer.address, [
      ...(onChain.get(buyer.address) ?? []),
      utxo(buyer.address, 1_000_000_000n, { [USDM]: 1_000_000_000n }),
    ]);
    const made = await createApiKey(database.db, {
      canRead: true,
      canPay: true,
      canAdmin: false,
      networks: ["preprod"],
      usageLimited: true,
      credits: [{ unit: USDM, amount: 50_000_000n }],
      nowMs: NOW_MS,
    });
    keyId = made.info.id;
    token = made.token;
  });
  const creditsLeft = async () =>
    (
      await database.db
        .select({ amount: apiKeyCredits.amount })
        .from(apiKeyCredits)
        .where(eq(apiKeyCredits.apiKeyId, keyId))
    )[0]?.amount;
  const buyAs = async (body: unknown) => {
    const res = await app.request("/api/v1/purchase", {
      method: "POST",
      headers: { "content-type": "application/json", token },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("a purchase spends its amounts from the key's credits", async () => {
    const { id, terms } = await signed(AGENTS.dynamic, usdm(20_000_000n));
    const res = await buyAs(bodyFor(id, terms));
    expect(res.status, res.body.error?.message).toBe(200);
    expect(await creditsLeft()).toBe(30_000_000n);
  });

  it("a usageLimited key without enough credits cannot create a purchase", async () => {
    const { id, terms } = await signed(AGENTS.dynamic, usdm(30_000_001n));
    const before = await written();
    const res = await buyAs(bodyFor(id, terms));
    expect(res.status).toBe(402);
    expect(res.body.error.message).toBe(
      `not enough credits of ${USDM}: the API key has 30000000, this needs 30000001`,
    );
    expect(await written()).toEqual(before);
    expect(await creditsLeft()).toBe(30_000_000n);
    // A unit the key holds no credits of at all.
    const fixed = await signed(AGENTS.fixed, TRANSLATOR_PRICE);
    const none = await buyAs(bodyFor(fixed.id, fixed.terms));
    expect(none.status).toBe(402);
    expect(none.body.error.message).toMatch(/of lovelace: the API key has 0, this needs 2000000/);
    expect(await creditsLeft()).toBe(30_000_000n);
  });

  it("two purchases at once cannot both spend the last credits", async () => {
    const a = await signed(AGENTS.dynamic, usdm(20_000_000n));
    const b = await signed(AGENTS.dynamic, usdm(20_000_000n));
    const before = await written();
    const answers = await Promise.all([
      buyAs(bodyFor(a.id, a.terms)),
      buyAs(bodyFor(b.id, b.terms)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 402]);
    expect(await creditsLeft()).toBe(10_000_000n);
    expect(await written()).toEqual({
      purchases: before.purchases + 1,
      intents: before.intents + 1,
    });
  });
});

/**
 * Gives both purchasing wallets funds for a hundred more locks of 1 USDM, then waits until the
 * chain's answer shared a moment ago, which predates them, is past its moment: the next purchase
 * from each wallet renews it (src/chain/shared-utxo-reads.ts), and a wallet that looks short
 * meanwhile is read afresh.
 */
async function fundBothWallets(): Promise<void> {
  for (const w of [buyer, spareBuyer]) {
    onChain.set(w.address, [
      ...(onChain.get(w.address) ?? []),
      utxo(w.address, 500_000_000n, { [USDM]: 200_000_000n }),
    ]);
  }
  await new Promise((resolve) => setTimeout(resolve, SHARED_FOR_MS));
}

describe(`a purchase's statements on ${DB_KIND}`, () => {
  it("are bounded, whether the wallet's queue is short or long", async () => {
    // Funds for a hundred more locks of 1 USDM, and the intake's own figure: what one purchase
    // sends once the node has seen its wallet, and how that grows with the queue (it must not).
    // Both purchasing wallets can pay: a wallet found short is read again and the next one tried,
    // which is not the figure measured here.
    await fundBothWallets();
    // A process readies each wallet once, outside its lock (warmWallet): one purchase from each
    // first, as every earlier test of this file may not have made.
    for (let i = 0; i < 2; i++) {
      const { id, terms } = await signed(AGENTS.dynamic, usdm(1_000_000n));
      expect((await call("POST", "/purchase", bodyFor(id, terms))).status).toBe(200);
    }
    const counts: number[] = [];
    const sent: string[][] = [];
    for (let i = 0; i < 12; i++) {
      const { id, terms } = await signed(AGENTS.dynamic, usdm(1_000_000n));
      statements = [];
      const res = await call("POST", "/purchase", bodyFor(id, terms));
      expect(res.status, res.body.error?.message).toBe(200);
      // The wallet list is read again once a second (WALLET_LIST_FRESH_MS): on a loaded machine
      // the loop outlasts that, and such a read is not the queue's.
      sent.push(statements.filter((q) => !/from "wallets"/i.test(q)));
      counts.push(sent[i]!.length);
    }
    // Read the purchase and the agent (the agent at most once an ENTRY_FRESH_MS, shared with
    // the purchases of the moment); take the wallet's lock; read its transactions and queue
    // and whether any budget is set (one statement, ids only: their bodies are remembered);
    // write the purchase and its lock (one statement). The first may also read bodies this
    // process had not seen. Nothing grows with the queue: purchases start with each of this
    // file's two purchasing wallets in turn, so a count repeats every second purchase.
    // The wallet's read goes out with its lock, right after it: its snapshot is the lock's.
    for (const s of sent) {
      const lock = s.findIndex((q) => /pg_advisory_xact_lock/i.test(q));
      expect(lock, s.join("\n")).toBeGreaterThanOrEqual(0);
      expect(s[lock + 1], s.join("\n")).toMatch(/union all/i);
    }
    const most = counts.indexOf(Math.max(...counts));
    expect(counts[most], sent[most]!.join("\n")).toBeLessThanOrEqual(5 + 1);
    for (let i = 3; i < counts.length; i++) expect(counts[i], `${counts}`).toBe(counts[i - 2]);
  });

  it("commit together when they reach their wallet together: one lock hold, not one each", async () => {
    const bought = await Promise.all(
      Array.from({ length: 12 }, () => signed(AGENTS.dynamic, usdm(1_000_000n))),
    );
    // Both purchasing wallets can pay (purchases start with each in turn).
    await fundBothWallets();
    const before = await written();
    gatherAt(bought.length);
    statements = [];
    const answers = await Promise.all(
      bought.map(({ id, terms }) => call("POST", "/purchase", bodyFor(id, terms))),
    ).finally(() => (coinsGate = undefined));
    expect(answers.map((r) => r.status)).toEqual(bought.map(() => 200));
    // One purchase at a time would hold a lock twelve times; together, each of the two
    // purchasing wallets is locked for a batch (and again for any that arrived while it was).
    const holds = statements.filter((q) => /pg_advisory_xact_lock/i.test(q)).length;
    expect(holds).toBeGreaterThanOrEqual(1);
    expect(holds).toBeLessThanOrEqual(4);
    expect(await written()).toEqual({
      purchases: before.purchases + bought.length,
      intents: before.intents + bought.length,
    });
    // Each has its own lock, for its own terms.
    const locks = await database.db
      .select({ subjectId: intents.subjectId, payload: intents.payload })
      .from(intents)
      .innerJoin(purchases, eq(purchases.id, intents.subjectId))
      .where(
        inArray(
          purchases.blockchainIdentifier,
          bought.map((b) => b.id),
        ),
      );
    expect(locks).toHaveLength(bought.length);
    expect(new Set(locks.map((l) => l.subjectId)).size).toBe(bought.length);
  });

  it("a repeat in a batch fails alone with a 409, and the others are stored", async () => {
    const bought = await Promise.all(
      Array.from({ length: 3 }, () => signed(AGENTS.dynamic, usdm(1_000_000n))),
    );
    const bodies = [...bought, bought[0]!].map(({ id, terms }) => bodyFor(id, terms));
    const before = await written();
    gatherAt(bodies.length);
    const answers = await Promise.all(bodies.map((b) => call("POST", "/purchase", b))).finally(
      () => (coinsGate = undefined),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 409]);
    const repeat = answers.find((r) => r.status === 409)!;
    expect(repeat.body.error.field).toBe("blockchainIdentifier");
    expect(await written()).toEqual({
      purchases: before.purchases + 3,
      intents: before.intents + 3,
    });
  });
});
