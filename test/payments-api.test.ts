/**
 * The seller's payment API over HTTP (app.request, no server): payment requests for each
 * pricing mode, the signed blockchainIdentifier, listing with a cursor, resolving, and bad
 * input refused with a 400 naming the field and nothing written.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { checkingAnswers } from "./support/answer-check.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentRoutes } from "../src/api/payments.ts";
import { onApiError } from "../src/api/errors.ts";
import { apiKeyCredits, payments, registryIndex } from "../src/db/schema.ts";
import { createApiKey } from "../src/services/api-keys.ts";
import { ENTRY_FRESH_MS } from "../src/services/registry-query.ts";
import {
  decodeBlockchainIdentifier,
  verifyBlockchainIdentifier,
} from "../src/domain/blockchain-identifier.ts";
import { canonicalize } from "../src/domain/jcs.ts";
import type { AgentMetadata } from "../src/domain/mip002.ts";
import { parsePriceSheet, sheetHash, toWireSheet } from "../src/domain/price-sheet.ts";
import { encodeAgentMetadata } from "../src/domain/mip002-encode.ts";
import { HOUR_MS } from "../src/domain/payment-times.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";
import { ORACLE, PAINTER, SUMMARISER, TRANSLATOR } from "./support/registry-agents.ts";

const ADMIN = "admin-key-for-tests-0123456789";
const KEY = "11".repeat(32);
const POLICY = "ab".repeat(28);
const NOW_MS = 1_750_000_000_000;
const INPUT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const agentId = (n: number) => `${POLICY}${n.toString(16).padStart(2, "0")}`;
const AGENTS = { fixed: agentId(1), tiered: agentId(2), dynamic: agentId(3), free: agentId(4) };
const FOREIGN = agentId(5);

let database: TestDatabase;
let app: Hono;
let seller: WalletInfo;
/** Statements sent to the database since the count was last reset. */
let statements: string[] = [];

async function indexAgent(id: string, agent: AgentMetadata, holder: WalletInfo) {
  await database.db.insert(registryIndex).values({
    agentIdentifier: id,
    network: "preprod",
    policyId: POLICY,
    assetName: id.slice(56),
    status: "active",
    holderAddress: holder.address,
    holderPaymentKeyHash: holder.paymentKeyHash,
    rawMetadata: null,
    metadata: JSON.stringify(encodeAgentMetadata(agent)),
    valid: true,
    invalidReasons: [],
    name: agent.name,
    description: agent.description ?? null,
    pricingType: null,
    units: [],
    tags: agent.tags,
    capabilityName: null,
    mintOrBurnCount: 1,
    firstSeenAtMs: NOW_MS,
    checkedAtMs: NOW_MS,
    updatedAtMs: NOW_MS,
  });
}

beforeAll(async () => {
  database = await freshDatabase({ onStatement: (q) => statements.push(q) });
  const db = database.db;
  const wallet = (role: "selling" | "purchasing") =>
    createWallet(db, { role, network: "preprod", encryptionKeyHex: KEY, nowMs: NOW_MS });
  seller = await wallet("selling");
  const buyer = await wallet("purchasing");
  await indexAgent(AGENTS.fixed, TRANSLATOR, seller);
  await indexAgent(AGENTS.tiered, SUMMARISER, seller);
  await indexAgent(AGENTS.dynamic, ORACLE, seller);
  await indexAgent(AGENTS.free, PAINTER, seller);
  // Held by a wallet of this node, but not a selling one.
  await indexAgent(FOREIGN, TRANSLATOR, buyer);
  let clockMs = NOW_MS;
  app = checkingAnswers(new Hono());
  const ctx = () => ({
    db,
    adminKey: ADMIN,
    network: "preprod" as const,
    policyId: POLICY,
    encryptionKeyHex: KEY,
  });
  // Each request one ms later, so pages have a well-defined newest-first order.
  app.route(
    "/api/v1",
    paymentRoutes(ctx, () => clockMs++),
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

const request = (agentIdentifier: string, extra: Record<string, unknown> = {}) =>
  call("POST", "/payment", {
    network: "Preprod",
    agentIdentifier,
    inputHash: INPUT_HASH,
    identifierFromPurchaser: randomBytes(10).toString("hex"),
    ...extra,
  });

/** A per-token price sheet in USDM, which the fixed agent's price holds. */
const SHEET = {
  unit: DEVNET_USDM_UNIT,
  model: "tokens",
  inputPricePer1MTokens: "1000000",
  outputPricePer1MTokens: "2000000",
};

async function paymentCount(): Promise<number> {
  return (await database.db.select().from(payments)).length;
}

describe(`payment requests on ${DB_KIND}`, () => {
  const created: string[] = [];

  it("creates a request for a fixed-price agent, signed with the seller's key", async () => {
    const submitMs = NOW_MS + 3 * HOUR_MS;
    const res = await request(AGENTS.fixed, { submitResultTime: new Date(submitMs).toISOString() });
    expect(res.status).toBe(200);
    const p = res.body.data;
    created.push(p.blockchainIdentifier);
    expect(p).toMatchObject({
      agentIdentifier: AGENTS.fixed,
      inputHash: INPUT_HASH,
      onChainState: null,
      state: "WaitingForFunds",
      pricingType: "Fixed",
      submitResultTime: String(submitMs),
      unlockTime: String(submitMs + 6 * HOUR_MS),
      externalDisputeUnlockTime: String(submitMs + 12 * HOUR_MS),
      NextAction: { requestedAction: "WaitingForExternalAction" },
      SmartContractWallet: { id: seller.id, walletVkey: seller.paymentKeyHash },
      RequestedFunds: [
        { unit: "", amount: "2000000" },
        { unit: DEVNET_USDM_UNIT, amount: "5000000" },
      ],
    });
    // Built from what the request wrote, not read back: the same view reading it gives.
    const read = await call("POST", "/payment/resolve-blockchain-identifier", {
      blockchainIdentifier: p.blockchainIdentifier,
      network: "Preprod",
    });
    expect(read.body.data).toEqual(p);
    const decoded = decodeBlockchainIdentifier(p.blockchainIdentifier);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(await verifyBlockchainIdentifier(decoded, { network: "preprod" })).toEqual({ ok: true });
    expect(decoded.terms).toMatchObject({
      sellerVkey: seller.paymentKeyHash,
      sellerAddress: seller.address,
      agentIdentifier: AGENTS.fixed,
      inputHash: INPUT_HASH,
      payByTimeMs: Number(p.payByTime),
      submitResultTimeMs: submitMs,
      unlockTimeMs: Number(p.unlockTime),
      externalDisputeUnlockTimeMs: Number(p.externalDisputeUnlockTime),
      amounts: [
        { unit: "lovelace", amount: 2_000_000n },
        { unit: DEVNET_USDM_UNIT, amount: 5_000_000n },
      ],
    });
  });

  it("accepts RequestedFunds equal to a fixed price", async () => {
    const res = await request(AGENTS.fixed, {
      RequestedFunds: [
        { unit: DEVNET_USDM_UNIT, amount: "5000000" },
        { unit: "", amount: "2000000" },
      ],
    });
    expect(res.status).toBe(200);
    created.push(res.body.data.blockchainIdentifier);
  });

  it("charges the chosen tier", async () => {
    const res = await request(AGENTS.tiered, { tierName: "Pro" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      tierName: "Pro",
      RequestedFunds: [{ unit: DEVNET_USDM_UNIT, amount: "9000000" }],
    });
    const decoded = decodeBlockchainIdentifier(res.body.data.blockchainIdentifier);
    expect(decoded.ok && decoded.terms.amounts).toEqual([
      { unit: DEVNET_USDM_UNIT, amount: 9_000_000n },
    ]);
    created.push(res.body.data.blockchainIdentifier);
  });

  it("takes a dynamic agent's amounts from the request", async () => {
    const res = await request(AGENTS.dynamic, {
      RequestedFunds: [{ unit: DEVNET_USDM_UNIT, amount: "1234567" }],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.pricingType).toBe("Dynamic");
    const decoded = decodeBlockchainIdentifier(res.body.data.blockchainIdentifier);
    expect(decoded.ok && decoded.terms.amounts).toEqual([
      { unit: DEVNET_USDM_UNIT, amount: 1_234_567n },
    ]);
    created.push(res.body.data.blockchainIdentifier);
  });

  it("lists newest first with a cursor, and filters by blockchainIdentifier", async () => {
    const first = await call("GET", "/payment?network=Preprod&limit=3");
    expect(first.status).toBe(200);
    const second = await call(
      "GET",
      `/payment?network=Preprod&limit=3&cursorId=${first.body.data.nextCursorId}`,
    );
    const ids = [...first.body.data.Payments, ...second.body.data.Payments].map(
      (p: any) => p.blockchainIdentifier,
    );
    expect(ids).toEqual([...created].reverse());
    expect(second.body.data.nextCursorId).toBeNull();
    const one = await call("GET", `/payment?network=Preprod&blockchainIdentifier=${created[1]}`);
    expect(one.body.data.Payments.map((p: any) => p.blockchainIdentifier)).toEqual([created[1]]);
    const locked = await call("GET", "/payment?network=Preprod&filterOnChainState=FundsLocked");
    expect(locked.body.data.Payments).toEqual([]);
    expect((await call("GET", "/payment?network=Preprod&limit=101")).body.error.field).toBe(
      "limit",
    );
  });

  it("resolves a payment by its blockchainIdentifier", async () => {
    const ok = await call("POST", "/payment/resolve-blockchain-identifier", {
      blockchainIdentifier: created[2],
      network: "Preprod",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.tierName).toBe("Pro");
    const malformed = await call("POST", "/payment/resolve-blockchain-identifier", {
      blockchainIdentifier: "not*base64",
      network: "Preprod",
    });
    expect([malformed.status, malformed.body.error.field]).toEqual([400, "blockchainIdentifier"]);
  });

  it("answers 404 for a well-formed identifier it does not know", async () => {
    const fresh = await request(AGENTS.fixed);
    await database.db.delete(payments);
    const res = await call("POST", "/payment/resolve-blockchain-identifier", {
      blockchainIdentifier: fresh.body.data.blockchainIdentifier,
      network: "Preprod",
    });
    expect(res.status).toBe(404);
  });

  const refusals: [string, string, Record<string, unknown>, string][] = [
    ["a free agent", AGENTS.free, {}, "agentIdentifier"],
    ["a bad inputHash", AGENTS.fixed, { inputHash: "xyz" }, "inputHash"],
    [
      "a short identifierFromPurchaser",
      AGENTS.fixed,
      { identifierFromPurchaser: "abcd" },
      "identifierFromPurchaser",
    ],
    [
      "a non-hex identifierFromPurchaser",
      AGENTS.fixed,
      { identifierFromPurchaser: "zz".repeat(8) },
      "identifierFromPurchaser",
    ],
    [
      "times out of order",
      AGENTS.fixed,
      { submitResultTime: NOW_MS + 3 * HOUR_MS, unlockTime: NOW_MS + 2 * HOUR_MS },
      "unlockTime",
    ],
    ["an unreadable time", AGENTS.fixed, { payByTime: "tomorrow" }, "payByTime"],
    ["an agent not held by a selling wallet", FOREIGN, {}, "agentIdentifier"],
    ["an agent not in the registry", agentId(9), {}, "agentIdentifier"],
    [
      "amounts other than a fixed price",
      AGENTS.fixed,
      { RequestedFunds: [{ unit: "", amount: "1" }] },
      "RequestedFunds",
    ],
    ["an unknown tier", AGENTS.tiered, { tierName: "Gold" }, "tierName"],
    ["a price sheet that is not an object", AGENTS.fixed, { priceSheet: "cheap" }, "priceSheet"],
    [
      "a price sheet with a negative price",
      AGENTS.fixed,
      { priceSheet: { ...SHEET, basePrice: "-1" } },
      "priceSheet.basePrice",
    ],
    [
      "a price sheet in a unit the amounts do not hold",
      AGENTS.fixed,
      { priceSheet: { ...SHEET, unit: "cd".repeat(28) + "00" } },
      "priceSheet.unit",
    ],
    ["an autoRelease that is not a boolean", AGENTS.fixed, { autoRelease: "yes" }, "autoRelease"],
    ["a dynamic agent without amounts", AGENTS.dynamic, {}, "RequestedFunds"],
    [
      "a malformed amount",
      AGENTS.dynamic,
      { RequestedFunds: [{ unit: "", amount: "-1" }] },
      "RequestedFunds[0].amount",
    ],
  ];
  for (const [what, agent, extra, field] of refusals) {
    it(`refuses ${what} with a 400 naming ${field}, writing nothing`, async () => {
      const before = await paymentCount();
      const res = await request(agent, extra);
      expect([res.status, res.body.error?.field]).toEqual([400, field]);
      expect(await paymentCount()).toBe(before);
    });
  }
});

describe(`credits of usage-limited keys on payment requests (${DB_KIND})`, () => {
  let lastKeyId = "";
  const limitedKey = async (credits: { unit: string; amount: bigint }[]) => {
    const made = await createApiKey(database.db, {
      canRead: true,
      canPay: true,
      canAdmin: false,
      networks: ["preprod"],
      usageLimited: true,
      credits,
      nowMs: NOW_MS,
    });
    lastKeyId = made.info.id;
    return made.token;
  };
  const requestAs = async (token: string, agentIdentifier: string) => {
    const res = await app.request("/api/v1/payment", {
      method: "POST",
      headers: { "content-type": "application/json", token },
      body: JSON.stringify({
        network: "Preprod",
        agentIdentifier,
        inputHash: INPUT_HASH,
        identifierFromPurchaser: randomBytes(10).toString("hex"),
      }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("a usageLimited key without credits cannot create a payment", async () => {
    const before = await paymentCount();
    const res = await requestAs(await limitedKey([]), AGENTS.fixed);
    expect(res.status).toBe(402);
    expect(res.body.error.message).toBe(
      "not enough credits of lovelace: the API key has 0, this needs 2000000",
    );
    expect(await paymentCount()).toBe(before);
  });

  it("a usageLimited key short of one unit is refused naming that unit", async () => {
    const token = await limitedKey([
      { unit: "lovelace", amount: 2_000_000n },
      { unit: DEVNET_USDM_UNIT, amount: 4_999_999n },
    ]);
    const before = await paymentCount();
    const res = await requestAs(token, AGENTS.fixed);
    expect(res.status).toBe(402);
    expect(res.body.error.message).toBe(
      `not enough credits of ${DEVNET_USDM_UNIT}: the API key has 4999999, this needs 5000000`,
    );
    expect(await paymentCount()).toBe(before);
  });

  it("a usageLimited key covering the price creates payments, which spend nothing", async () => {
    const token = await limitedKey([
      { unit: "lovelace", amount: 2_000_000n },
      { unit: DEVNET_USDM_UNIT, amount: 5_000_000n },
    ]);
    expect((await requestAs(token, AGENTS.fixed)).status).toBe(200);
    expect((await requestAs(token, AGENTS.fixed)).status).toBe(200);
    const credits = await database.db
      .select({ unit: apiKeyCredits.unit, amount: apiKeyCredits.amount })
      .from(apiKeyCredits)
      .where(eq(apiKeyCredits.apiKeyId, lastKeyId));
    expect(credits).toHaveLength(2);
    expect(credits).toContainEqual({ unit: "lovelace", amount: 2_000_000n });
    expect(credits).toContainEqual({ unit: DEVNET_USDM_UNIT, amount: 5_000_000n });
  });

  it("a key that is not usage-limited needs no credits", async () => {
    const free = await createApiKey(database.db, {
      canRead: true,
      canPay: true,
      canAdmin: false,
      networks: ["preprod"],
      usageLimited: false,
      credits: [],
      nowMs: NOW_MS,
    });
    expect((await requestAs(free.token, AGENTS.fixed)).status).toBe(200);
  });
});

describe(`metered terms on payment requests (${DB_KIND})`, () => {
  it("stores metered terms: autoRelease and the sheet in canonical form with its hash", async () => {
    // Keys out of order and a leading zero: the stored sheet and its hash do not depend on them.
    const sheet = {
      outputPricePer1MTokens: "02000000",
      inputPricePer1MTokens: "1000000",
      model: "tokens",
      unit: DEVNET_USDM_UNIT,
    };
    const res = await request(AGENTS.fixed, { autoRelease: true, priceSheet: sheet });
    expect(res.status).toBe(200);
    const parsed = parsePriceSheet(SHEET);
    if (!parsed.ok) throw new Error(parsed.message);
    const [row] = await database.db
      .select()
      .from(payments)
      .where(eq(payments.blockchainIdentifier, res.body.data.blockchainIdentifier));
    expect(row).toMatchObject({
      autoRelease: true,
      priceSheet: canonicalize(toWireSheet(parsed.sheet)),
      priceSheetHash: sheetHash(parsed.sheet),
    });
    // Not locked yet: the books show the terms and nothing else.
    expect(res.body.data.meter).toEqual({
      autoRelease: true,
      priceSheetHash: sheetHash(parsed.sheet),
      claim: null,
      voucherTotal: "0",
      amounts: [],
      transactions: [],
    });
  });

  it("defaults to no autoRelease and no sheet", async () => {
    const res = await request(AGENTS.fixed);
    expect(res.status).toBe(200);
    expect(res.body.data.meter).toMatchObject({ autoRelease: false, priceSheetHash: null });
  });
});

describe(`a payment request's agent, read for the requests of a moment, on ${DB_KIND}`, () => {
  it("refuses only on a fresh read: an agent moved to a selling wallet just now is sold at once", async () => {
    const moved = agentId(6);
    const buyer = (
      await database.db
        .select()
        .from(registryIndex)
        .where(eq(registryIndex.agentIdentifier, FOREIGN))
    )[0]!;
    await indexAgent(moved, TRANSLATOR, {
      address: buyer.holderAddress!,
      paymentKeyHash: buyer.holderPaymentKeyHash!,
    } as WalletInfo);
    expect((await request(moved)).body.error.message).toMatch(/not held by a selling wallet/);
    // Written behind the shared read's back, as another process's indexer would.
    await database.db
      .update(registryIndex)
      .set({ holderAddress: seller.address, holderPaymentKeyHash: seller.paymentKeyHash })
      .where(eq(registryIndex.agentIdentifier, moved));
    expect((await request(moved)).status).toBe(200);
  });
});

describe(`a payment request's statements on ${DB_KIND}`, () => {
  it("are bounded, the same for every request", async () => {
    const counts: number[] = [];
    const shared = /from "(wallets|registry_index)"/i;
    let sharedReads = 0;
    const startedMs = performance.now();
    for (let i = 0; i < 8; i++) {
      statements = [];
      const res = await request(AGENTS.fixed);
      expect(res.status, res.body.error?.message).toBe(200);
      counts.push(statements.filter((q) => !shared.test(q)).length);
      sharedReads += statements.filter((q) => shared.test(q)).length;
    }
    // Each request writes itself in one statement. The wallet's row is read once more the first
    // time its key signs: the key is derived from it and kept.
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
    expect(counts.slice(1)).toEqual(Array(counts.length - 1).fill(1));
    // The agent and the selling wallets are read once for the requests of a moment
    // (ENTRY_FRESH_MS, WALLET_LIST_FRESH_MS): two reads a second at most, not two a request.
    const seconds = Math.ceil((performance.now() - startedMs) / ENTRY_FRESH_MS);
    expect(sharedReads).toBeLessThanOrEqual(2 * seconds);
  });
});
