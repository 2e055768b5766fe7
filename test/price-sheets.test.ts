/**
 * Price sheets (issue 11, seller) over HTTP, on the devnet: every sheet field checked through
 * `PUT /registry/price-sheet` (400 naming `priceSheet.<field>`), a sheet contradicting the
 * agent's on-chain MIP-002 pricing refused (409 naming the field), the sheet's hash committed
 * on chain by a registry update that keeps the identifier, the public lookup (no key) matching
 * the chain's hash once the indexer has read it, and a tampered served sheet flagged.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/api/app.ts";
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";
import { REGISTRY_POLICY } from "../src/chain/builders/registry-common.ts";
import { registryBurnBuilder } from "../src/chain/builders/registry-burn.ts";
import { registryMintBuilder } from "../src/chain/builders/registry-mint.ts";
import { registryUpdateBuilder } from "../src/chain/builders/registry-update.ts";
import type { ChainPort } from "../src/chain/port.ts";
import { priceSheets, registryRequests } from "../src/db/schema.ts";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { decodeAgentMetadata, encodeAgentMetadata } from "../src/domain/mip002.ts";
import { parsePriceSheet, sheetHash } from "../src/domain/price-sheet.ts";
import { publishedSheet } from "../src/services/price-sheets.ts";
import { STATUS_GROUPS } from "../src/services/registry-list.ts";
import { agentFromJson } from "../src/services/registry.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { createRegistryIndexer } from "../src/workers/registry-indexer.ts";
import { createRegistrySync } from "../src/workers/registry-sync.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { agentBody, TUSDM } from "./registry-fixtures.ts";
import { NO_CHAIN } from "./support/app-context.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";

const KEY = "77".repeat(32);
const ADMIN = "price-sheet-test-admin-key";
let devnet: RunningDevnet;
let database: TestDatabase;
let chain: ChainPort;
let seller: WalletInfo;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 3_600_000 });
  database = await freshDatabase();
  chain = createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: "preprod" });
  seller = await createWallet(database.db, {
    role: "selling",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: Date.now(),
  });
  const tx = await devnet.ledger.faucet(seller.address, { lovelace: 2_000_000_000n });
  devnet.ledger.produceBlock();
  await devnet.ledger.waitForTx(tx, 10_000);
  const context = {
    db: database.db,
    adminKey: ADMIN,
    network: "preprod" as const,
    encryptionKeyHex: KEY,
    ...NO_CHAIN,
  };
  app = createApp({
    readiness: { ready: true, stage: "ready" },
    log: () => {},
    context: () => context,
  });
});

afterAll(async () => {
  await devnet?.close();
  await database?.close();
});

async function call(method: string, path: string, body?: unknown, token: string | null = ADMIN) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.token = token;
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** Runs the submitter, blocks and the sync until no registry request is pending (bounded). */
async function settle(): Promise<void> {
  const log = () => {};
  const nowMs = () => devnet.ledger.nowMs();
  const builders = [registryMintBuilder, registryUpdateBuilder, registryBurnBuilder];
  const submitter = createSubmitter({
    ...{ db: database.db, chain, network: "preprod", encryptionKeyHex: KEY, builders, log, nowMs },
    statusPollMs: 0,
  });
  const sync = createRegistrySync({ db: database.db, log, nowMs });
  for (let round = 0; round < 12; round++) {
    await submitter.tick();
    await sync.tick();
    devnet.ledger.produceBlock();
    await submitter.tick();
    await sync.tick();
    const rows = await database.db.select().from(registryRequests);
    if (rows.every((r) => !STATUS_GROUPS.Pending.includes(r.state))) return;
  }
  throw new Error("the registry did not settle");
}

/** Indexes every agent on the devnet once (the explorer's view of the chain). */
async function index(): Promise<void> {
  const indexer = createRegistryIndexer({
    db: database.db,
    chain,
    network: "preprod",
    policyId: REGISTRY_POLICY.hash,
    nowMs: () => devnet.ledger.nowMs(),
    log: () => {},
    refreshAfterMs: 0,
    agentsPerTickMax: 100,
  });
  await indexer.tick();
}

async function rowOf(id: string) {
  const [row] = await database.db
    .select()
    .from(registryRequests)
    .where(eq(registryRequests.id, id));
  return row!;
}

/** A sheet that agrees with a Fixed price of 2.5 tUSDM, every optional part filled in. */
const FIXED_SHEET = {
  unit: TUSDM,
  model: "flat",
  basePrice: "2500000",
  freeCallsPerBuyer: "3",
  minimumCharge: "1000000",
  tiers: [{ name: "Monthly", period: "month", price: "50000000", includedCalls: "30" }],
  listing: {
    summary: "Summaries of long documents.",
    requestDocs: "POST /start_job with {text}.",
    responseNotes: "Plain text.",
    integrationLinks: ["https://example.com/docs"],
    supportUrl: "https://example.com/support",
  },
};

const TOKENS_SHEET = {
  unit: TUSDM,
  model: "tokens",
  inputPricePer1MTokens: "300000",
  outputPricePer1MTokens: "1200000",
};

/** Each case: a change to a valid sheet and the field the 400 must name. */
const BAD_SHEETS: { why: string; sheet: Record<string, unknown>; field: string }[] = [
  { why: "unknown version", sheet: { version: 2 }, field: "priceSheet.version" },
  { why: "no unit", sheet: { unit: undefined }, field: "priceSheet.unit" },
  { why: "a unit that is no unit", sheet: { unit: "usd" }, field: "priceSheet.unit" },
  { why: "unknown model", sheet: { model: "auction" }, field: "priceSheet.model" },
  { why: "no model", sheet: { model: undefined }, field: "priceSheet.model" },
  { why: "enabled not a boolean", sheet: { enabled: "yes" }, field: "priceSheet.enabled" },
  { why: "fractional string", sheet: { basePrice: "2.5" }, field: "priceSheet.basePrice" },
  { why: "fractional number", sheet: { basePrice: 2.5 }, field: "priceSheet.basePrice" },
  { why: "a number, not a string", sheet: { basePrice: 2500000 }, field: "priceSheet.basePrice" },
  { why: "negative", sheet: { basePrice: "-1" }, field: "priceSheet.basePrice" },
  { why: "exponent", sheet: { basePrice: "1e6" }, field: "priceSheet.basePrice" },
  {
    why: "over 2^63-1",
    sheet: { basePrice: "9223372036854775808" },
    field: "priceSheet.basePrice",
  },
  {
    why: "negative outcome price",
    sheet: { outcomePrice: "-5" },
    field: "priceSheet.outcomePrice",
  },
  {
    why: "a token price on a flat sheet",
    sheet: { inputPricePer1MTokens: "1" },
    field: "priceSheet.inputPricePer1MTokens",
  },
  {
    why: "fractional token price",
    sheet: { ...TOKENS_SHEET, outputPricePer1MTokens: "0.5" },
    field: "priceSheet.outputPricePer1MTokens",
  },
  {
    why: "a tokens sheet without a token price",
    sheet: { ...TOKENS_SHEET, inputPricePer1MTokens: "0", outputPricePer1MTokens: "0" },
    field: "priceSheet.inputPricePer1MTokens",
  },
  {
    why: "overflowing compute price",
    sheet: { model: "perSecond", computePricePerSecond: "99999999999999999999" },
    field: "priceSheet.computePricePerSecond",
  },
  {
    why: "a bad custom unit name",
    sheet: { model: "custom", customUnitPrices: { "Bad Name": "1" } },
    field: "priceSheet.customUnitPrices.Bad Name",
  },
  {
    why: "a fractional custom unit price",
    sheet: { model: "custom", customUnitPrices: { image: "0.1" } },
    field: "priceSheet.customUnitPrices.image",
  },
  {
    why: "custom prices not an object",
    sheet: { model: "custom", customUnitPrices: ["image"] },
    field: "priceSheet.customUnitPrices",
  },
  {
    why: "fractional free quota",
    sheet: { freeCallsPerBuyer: "1.5" },
    field: "priceSheet.freeCallsPerBuyer",
  },
  { why: "negative minimum", sheet: { minimumCharge: "-1" }, field: "priceSheet.minimumCharge" },
  {
    why: "a tier without a name",
    sheet: { tiers: [{ period: "month", price: "1", includedCalls: "1" }] },
    field: "priceSheet.tiers[0].name",
  },
  {
    why: "a tier with an unknown period",
    sheet: { tiers: [{ name: "A", period: "decade", price: "1", includedCalls: "1" }] },
    field: "priceSheet.tiers[0].period",
  },
  {
    why: "a tier with a fractional price",
    sheet: { tiers: [{ name: "A", period: "day", price: "1.1", includedCalls: "1" }] },
    field: "priceSheet.tiers[0].price",
  },
  {
    why: "a tier with negative included calls",
    sheet: { tiers: [{ name: "A", period: "day", price: "1", includedCalls: "-1" }] },
    field: "priceSheet.tiers[0].includedCalls",
  },
  {
    why: "a tier with an unknown field",
    sheet: { tiers: [{ name: "A", period: "day", price: "1", includedCalls: "1", x: 1 }] },
    field: "priceSheet.tiers[0].x",
  },
  {
    why: "two tiers of one name",
    sheet: {
      tiers: [
        { name: "Pro", period: "day", price: "1", includedCalls: "1" },
        { name: "pro", period: "week", price: "2", includedCalls: "2" },
      ],
    },
    field: "priceSheet.tiers[1].name",
  },
  {
    why: "an over-long summary",
    sheet: { listing: { summary: "s".repeat(501) } },
    field: "priceSheet.listing.summary",
  },
  {
    why: "request docs not text",
    sheet: { listing: { requestDocs: 5 } },
    field: "priceSheet.listing.requestDocs",
  },
  {
    why: "over-long response notes",
    sheet: { listing: { responseNotes: "r".repeat(5_001) } },
    field: "priceSheet.listing.responseNotes",
  },
  {
    why: "an integration link that is no URL",
    sheet: { listing: { integrationLinks: ["not a url"] } },
    field: "priceSheet.listing.integrationLinks[0]",
  },
  {
    why: "a support URL that is no URL",
    sheet: { listing: { supportUrl: "mailto:x" } },
    field: "priceSheet.listing.supportUrl",
  },
  {
    why: "an unknown listing field",
    sheet: { listing: { slogan: "best" } },
    field: "priceSheet.listing.slogan",
  },
  { why: "an unknown field", sheet: { discount: "10" }, field: "priceSheet.discount" },
];

describe(`price sheets on ${DB_KIND}`, () => {
  const ids: Record<string, string> = {};
  const agentIds: Record<string, string> = {};
  const modes = {
    Fixed: { pricingType: "Fixed", Pricing: [{ unit: TUSDM, amount: "2500000" }] },
    Free: { pricingType: "Free" },
    Dynamic: { pricingType: "Dynamic" },
    Tiers: {
      pricingType: "Fixed",
      Tiers: [
        { name: "Basic", Pricing: [{ unit: TUSDM, amount: "1000000" }] },
        { name: "Pro", Pricing: [{ unit: TUSDM, amount: "9000000" }] },
      ],
    },
  };
  const put = (agentIdentifier: string, priceSheet: unknown, token: string | null = ADMIN) =>
    call(
      "PUT",
      "/registry/price-sheet",
      { network: "Preprod", agentIdentifier, priceSheet },
      token,
    );

  it("registers one agent per pricing mode", async () => {
    for (const [mode, pricing] of Object.entries(modes)) {
      const res = await call("POST", "/registry", agentBody(seller.paymentKeyHash, mode, pricing));
      expect(res.status).toBe(200);
      ids[mode] = res.json.data.id;
    }
    await settle();
    for (const mode of Object.keys(modes)) {
      const row = await rowOf(ids[mode]!);
      expect(row.state).toBe("RegistrationConfirmed");
      agentIds[mode] = row.agentIdentifier!;
    }
    await index();
  });

  it.each(BAD_SHEETS)("refuses $why: 400 naming $field, nothing stored", async (c) => {
    const res = await put(agentIds.Fixed!, { ...FIXED_SHEET, ...c.sheet });
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe(c.field);
    expect(await publishedSheet(database.db, "preprod", agentIds.Fixed!)).toBeNull();
  });

  it("refuses a missing sheet, a bad identifier and another network (400 naming each)", async () => {
    const none = await call("PUT", "/registry/price-sheet", {
      network: "Preprod",
      agentIdentifier: agentIds.Fixed,
    });
    expect([none.status, none.json.error.field]).toEqual([400, "priceSheet"]);
    const badId = await put("zz", FIXED_SHEET);
    expect([badId.status, badId.json.error.field]).toEqual([400, "agentIdentifier"]);
    const mainnet = await call("PUT", "/registry/price-sheet", {
      network: "Mainnet",
      agentIdentifier: agentIds.Fixed,
      priceSheet: FIXED_SHEET,
    });
    expect([mainnet.status, mainnet.json.error.field]).toEqual([400, "network"]);
  });

  it("needs a key with the pay permission to publish", async () => {
    expect((await put(agentIds.Fixed!, FIXED_SHEET, null)).status).toBe(401);
    const key = await call("POST", "/api-key", { permission: "Read", NetworkLimit: ["Preprod"] });
    expect(key.status).toBe(200);
    const readOnly = await put(agentIds.Fixed!, FIXED_SHEET, key.json.data.token);
    expect(readOnly.status).toBe(403);
  });

  it("refuses a sheet for an agent this node does not hold (404)", async () => {
    const other = REGISTRY_POLICY.hash + "ab".repeat(29);
    const res = await put(other, FIXED_SHEET);
    expect([res.status, res.json.error.field]).toEqual([404, "agentIdentifier"]);
  });

  it.each([
    {
      why: "another base price",
      mode: "Fixed",
      sheet: { basePrice: "2000000" },
      field: "basePrice",
    },
    { why: "another unit", mode: "Fixed", sheet: { unit: "lovelace" }, field: "unit" },
    { why: "a per-token model", mode: "Fixed", sheet: TOKENS_SHEET, field: "model" },
    {
      why: "a per-outcome price",
      mode: "Fixed",
      sheet: { outcomePrice: "1" },
      field: "outcomePrice",
    },
    {
      why: "a minimum above the price",
      mode: "Fixed",
      sheet: { minimumCharge: "2500001" },
      field: "minimumCharge",
    },
    { why: "any charge on a Free agent", mode: "Free", sheet: {}, field: "basePrice" },
    {
      why: "a price no tier has",
      mode: "Tiers",
      sheet: { basePrice: "5000000", minimumCharge: "0" },
      field: "basePrice",
    },
  ])("refuses a sheet contradicting the on-chain pricing: $why (409)", async (c) => {
    const res = await put(agentIds[c.mode]!, { ...FIXED_SHEET, tiers: [], ...c.sheet });
    expect(res.status).toBe(409);
    expect(res.json.error.field).toBe(`priceSheet.${c.field}`);
    expect(await publishedSheet(database.db, "preprod", agentIds[c.mode]!)).toBeNull();
    expect((await rowOf(ids[c.mode]!)).state).toBe("RegistrationConfirmed");
  });

  it("accepts sheets that agree: a tier's price, a token sheet for a Dynamic agent", async () => {
    const tier = await put(agentIds.Tiers!, { ...FIXED_SHEET, basePrice: "9000000" });
    expect(tier.status).toBe(200);
    const dynamic = await put(agentIds.Dynamic!, TOKENS_SHEET);
    expect(dynamic.status).toBe(200);
    expect(dynamic.json.data.registryState).toBe("UpdateRequested");
  });

  let hash = "";

  it("stores the sheet and queues the update committing its hash; the lookup needs no key", async () => {
    const res = await put(agentIds.Fixed!, FIXED_SHEET);
    expect(res.status).toBe(200);
    const parsed = parsePriceSheet(FIXED_SHEET);
    if (!parsed.ok) throw new Error(parsed.message);
    hash = sheetHash(parsed.sheet);
    expect(res.json.data).toMatchObject({
      agentIdentifier: agentIds.Fixed,
      hash,
      committing: true,
      registryState: "UpdateRequested",
    });
    expect(res.json.data.priceSheet.basePrice).toBe("2500000");
    expect(await publishedSheet(database.db, "preprod", agentIds.Fixed!)).toEqual({
      sheet: parsed.sheet,
      hash,
    });
    // Before the update lands, the chain holds no hash: served, but not yet matching.
    const early = await call("GET", `/price-sheets/${agentIds.Fixed}`, undefined, null);
    expect(early.status).toBe(200);
    expect(early.json.data).toMatchObject({ hash, onChainHash: null, matchesChain: false });
    // A second sheet while the update is under way is refused, and changes nothing.
    const busy = await put(agentIds.Fixed!, { ...FIXED_SHEET, freeCallsPerBuyer: "4" });
    expect([busy.status, busy.json.error.field]).toEqual([409, "agentIdentifier"]);
    expect((await publishedSheet(database.db, "preprod", agentIds.Fixed!))?.hash).toBe(hash);
  });

  it("matches the chain's hash once the update lands (same identifier), without a key", async () => {
    const before = await rowOf(ids.Fixed!);
    await settle();
    await index();
    const after = await rowOf(ids.Fixed!);
    expect(after.state).toBe("UpdateConfirmed");
    expect(after.agentIdentifier).toBe(before.agentIdentifier);
    expect(after.assetName).not.toBe(before.assetName);
    expect(agentFromJson(after.metadata).priceSheetHash).toBe(hash);
    // The metadata on chain carries the hash beside the unchanged MIP-002 fields.
    const onChain = await chain.asset(REGISTRY_POLICY.hash + after.assetName);
    const decoded = decodeAgentMetadata(onChain!.onchainMetadata);
    expect(decoded.ok && decoded.agent.priceSheetHash).toBe(hash);
    expect(decoded.ok && decoded.agent.pricing).toEqual(agentFromJson(before.metadata).pricing);

    const pub = await call("GET", `/price-sheets/${agentIds.Fixed}`, undefined, null);
    expect(pub.status).toBe(200);
    expect(pub.json.data).toEqual({
      agentIdentifier: agentIds.Fixed,
      priceSheet: expect.objectContaining({ basePrice: "2500000", freeCallsPerBuyer: "3" }),
      hash,
      onChainHash: hash,
      matchesChain: true,
    });
    // The 120-hex form (policy id + full asset name) names the same agent.
    const full = await call("GET", `/price-sheets/${REGISTRY_POLICY.hash}${after.assetName}`);
    expect(full.json.data.hash).toBe(hash);

    const own = await call(
      "GET",
      `/registry/price-sheet?network=Preprod&agentIdentifier=${agentIds.Fixed}`,
    );
    expect(own.json.data).toMatchObject({ hash, matchesChain: true });
    expect(own.json.data.registryState).toBe("UpdateConfirmed");

    const list = await call("GET", "/registry-entry?limit=100", undefined, null);
    const entries = list.json.data.RegistryEntries;
    const entry = (id: string) => entries.find((e: any) => e.agentIdentifier === id);
    expect(entry(agentIds.Fixed!)).toMatchObject({
      priceSheetHash: hash,
      priceSheetMatchesChain: true,
    });
    expect(entry(agentIds.Free!)).toMatchObject({
      priceSheetHash: null,
      priceSheetMatchesChain: null,
    });
    expect(entry(agentIds.Dynamic!).priceSheetMatchesChain).toBe(true);
  });

  it("publishing the committed sheet again queues no update", async () => {
    const res = await put(agentIds.Fixed!, FIXED_SHEET);
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ hash, committing: false });
    expect((await rowOf(ids.Fixed!)).state).toBe("UpdateConfirmed");
  });

  it("an operator's update keeps the committed hash", async () => {
    const body = { ...agentBody(seller.paymentKeyHash, "Fixed", modes.Fixed), Tags: ["edited"] };
    delete (body as Record<string, unknown>).sellingWalletVkey;
    const res = await call("POST", "/registry/update", {
      ...body,
      agentIdentifier: agentIds.Fixed,
    });
    expect(res.status).toBe(200);
    await settle();
    await index();
    const pub = await call("GET", `/price-sheets/${agentIds.Fixed}`, undefined, null);
    expect(pub.json.data).toMatchObject({ onChainHash: hash, matchesChain: true });
  });

  it("flags a served sheet tampered with in the database", async () => {
    const [row] = await database.db
      .select()
      .from(priceSheets)
      .where(eq(priceSheets.agentIdentifier, agentIds.Fixed!));
    const tampered = JSON.parse(row!.sheet) as Record<string, unknown>;
    tampered.freeCallsPerBuyer = "1000";
    // The stored hash column is left as it was: the served hash must not trust it.
    await database.db
      .update(priceSheets)
      .set({ sheet: JSON.stringify(tampered) })
      .where(eq(priceSheets.agentIdentifier, agentIds.Fixed!));
    const pub = await call("GET", `/price-sheets/${agentIds.Fixed}`, undefined, null);
    expect(pub.status).toBe(200);
    expect(pub.json.data.priceSheet.freeCallsPerBuyer).toBe("1000");
    expect(pub.json.data.hash).not.toBe(hash);
    expect(pub.json.data).toMatchObject({ onChainHash: hash, matchesChain: false });
    const list = await call("GET", "/registry-entry?limit=100", undefined, null);
    const entry = list.json.data.RegistryEntries.find(
      (e: any) => e.agentIdentifier === agentIds.Fixed,
    );
    expect(entry).toMatchObject({ priceSheetHash: hash, priceSheetMatchesChain: false });
  });

  it("the public lookup: 404 for an agent without a sheet, 400 for a bad identifier", async () => {
    const none = await call("GET", `/price-sheets/${agentIds.Free}`, undefined, null);
    expect([none.status, none.json.error.field]).toEqual([404, "agentIdentifier"]);
    const bad = await call("GET", "/price-sheets/not-hex", undefined, null);
    expect([bad.status, bad.json.error.field]).toEqual([400, "agentIdentifier"]);
  });
});

describe("the price sheet hash in MIP-002 metadata", () => {
  const agent = {
    name: "A",
    apiBaseUrl: "https://example.com",
    exampleOutputs: [],
    author: { name: "Ada" },
    tags: ["t"],
    pricing: { kind: "free" as const },
  };

  it("is written only when set, and read back", () => {
    expect(encodeAgentMetadata(agent)).not.toHaveProperty("price_sheet_hash");
    const wire = encodeAgentMetadata({ ...agent, priceSheetHash: "ab".repeat(32) });
    expect(wire.price_sheet_hash).toBe("ab".repeat(32));
    expect(decodeAgentMetadata(wire)).toEqual({
      ok: true,
      agent: { ...agent, priceSheetHash: "ab".repeat(32) },
    });
  });

  it("makes the metadata invalid when it is not a lowercase sha256", () => {
    const wire = encodeAgentMetadata(agent) as unknown as Record<string, unknown>;
    for (const bad of ["AB".repeat(32), "ab", 5, ["ab".repeat(32)]]) {
      const read = decodeAgentMetadata({ ...wire, price_sheet_hash: bad });
      expect(read.ok).toBe(false);
      expect(!read.ok && read.reasons[0]).toMatch(/^price_sheet_hash: /);
    }
  });
});
