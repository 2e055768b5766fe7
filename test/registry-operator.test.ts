/**
 * The operator side of the agent registry over HTTP, on the devnet and a real database: agents
 * in every pricing mode registered, minted and read back from the chain exactly; an update
 * (same identifier, next version, new metadata); a deregistration (burned); a batch of 20
 * packed into as few transactions as the size limit allows; wrong states (409).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryVersion } from "../contracts/index.ts";
import { createApp } from "../src/api/app.ts";
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";
import { REGISTRY_POLICY } from "../src/chain/builders/registry-common.ts";
import { registryBurnBuilder } from "../src/chain/builders/registry-burn.ts";
import { registryMintBuilder } from "../src/chain/builders/registry-mint.ts";
import { registryUpdateBuilder } from "../src/chain/builders/registry-update.ts";
import type { ChainPort } from "../src/chain/port.ts";
import { chainTxs, intents, registryRequests } from "../src/db/schema.ts";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { decodeAgentMetadata, registerAgentBody } from "../src/domain/mip002.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { STATUS_GROUPS } from "../src/services/registry-list.ts";
import { createRegistrySync } from "../src/workers/registry-sync.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { agentBody, BAD_INPUTS, TUSDM } from "./registry-fixtures.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";
import { NO_CHAIN } from "./support/app-context.ts";

const KEY = "66".repeat(32);
const ADMIN = "registry-test-admin-key";
let devnet: RunningDevnet;
let database: TestDatabase;
let chain: ChainPort;
let seller: WalletInfo;
let app: ReturnType<typeof createApp>;

async function funded(lovelace: bigint, outputs = 1): Promise<WalletInfo> {
  const w = await createWallet(database.db, {
    role: "selling",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: Date.now(),
  });
  let last = "";
  for (let i = 0; i < outputs; i++) last = await devnet.ledger.faucet(w.address, { lovelace });
  devnet.ledger.produceBlock();
  await devnet.ledger.waitForTx(last, 10_000);
  return w;
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 3_600_000 });
  database = await freshDatabase();
  chain = createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: "preprod" });
  seller = await funded(2_000_000_000n);
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

async function call(method: "GET" | "POST", path: string, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { token: ADMIN, "content-type": "application/json" },
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

async function rowOf(id: string) {
  const [row] = await database.db
    .select()
    .from(registryRequests)
    .where(eq(registryRequests.id, id));
  return row!;
}

async function expectOnChain(assetName: string, body: Record<string, unknown>, holder: string) {
  const unit = REGISTRY_POLICY.hash + assetName;
  const asset = await chain.asset(unit);
  expect(asset?.quantity).toBe(1n);
  const decoded = decodeAgentMetadata(asset!.onchainMetadata);
  expect(decoded).toEqual({ ok: true, agent: registerAgentBody.parse(body).agent });
  const held = await chain.utxos(holder);
  expect(held.some((u) => u.value.assets[unit] === 1n)).toBe(true);
}

describe(`registry operator API on ${DB_KIND}`, () => {
  const modes = {
    Free: { pricingType: "Free" },
    Fixed: { pricingType: "Fixed", Pricing: [{ unit: "lovelace", amount: "5000000" }] },
    Tiers: {
      pricingType: "Fixed",
      Tiers: [
        { name: "Basic", Pricing: [{ unit: TUSDM, amount: "1000000" }] },
        {
          name: "Pro",
          Pricing: [
            { unit: TUSDM, amount: "9000000" },
            { unit: "", amount: "2000000" },
          ],
        },
      ],
    },
    Dynamic: { pricingType: "Dynamic" },
  };
  const ids: Record<string, string> = {};
  const bodies: Record<string, Record<string, unknown>> = {};

  it("registers an agent in each pricing mode and reads each back from the chain exactly", async () => {
    for (const [mode, AgentPricing] of Object.entries(modes)) {
      bodies[mode] = agentBody(seller.paymentKeyHash, `${mode} agent`, AgentPricing);
      const res = await call("POST", "/registry", bodies[mode]);
      expect(res.status).toBe(200);
      expect(res.json.data.state).toBe("RegistrationRequested");
      ids[mode] = res.json.data.id;
    }
    await settle();
    const list = await call("GET", "/registry?network=Preprod&filterStatus=Registered&limit=10");
    expect(list.json.data.Assets).toHaveLength(4);
    for (const mode of Object.keys(modes)) {
      const row = await rowOf(ids[mode]!);
      expect(row.state).toBe("RegistrationConfirmed");
      expect(row.agentIdentifier).toHaveLength(114);
      await expectOnChain(row.assetName!, bodies[mode]!, seller.address);
      const one = await call(
        "GET",
        `/registry/agent-identifier?agentIdentifier=${row.agentIdentifier}`,
      );
      expect(one.json.data.Metadata.name).toBe(`${mode} agent`);
    }
    const tiers = list.json.data.Assets.find((a: { id: string }) => a.id === ids.Tiers);
    expect(tiers.AgentPricing.Tiers[1].Pricing).toEqual([
      { unit: TUSDM, amount: "9000000" },
      { unit: "", amount: "2000000" },
    ]);
  });

  it("updates an agent: same identifier, next version, the new metadata on chain", async () => {
    const before = await rowOf(ids.Fixed!);
    const body = { ...bodies.Fixed!, description: "Now with a new description", Tags: ["updated"] };
    delete (body as Record<string, unknown>).sellingWalletVkey;
    const fullId = REGISTRY_POLICY.hash + before.assetName; // the 120-hex form is accepted too
    const res = await call("POST", "/registry/update", { ...body, agentIdentifier: fullId });
    expect(res.status).toBe(200);
    expect(res.json.data.state).toBe("UpdateRequested");
    await settle();
    const after = await rowOf(ids.Fixed!);
    expect(after.state).toBe("UpdateConfirmed");
    expect(after.agentIdentifier).toBe(before.agentIdentifier);
    expect(registryVersion(after.assetName!)).toBe(registryVersion(before.assetName!) + 1);
    expect((await chain.asset(REGISTRY_POLICY.hash + before.assetName))?.quantity).toBe(0n);
    await expectOnChain(
      after.assetName!,
      { ...body, sellingWalletVkey: seller.paymentKeyHash },
      seller.address,
    );
  });

  it("deregisters an agent (burned), and refuses actions the state does not allow (409)", async () => {
    const row = await rowOf(ids.Dynamic!);
    const res = await call("POST", "/registry/deregister", {
      network: "Preprod",
      agentIdentifier: row.agentIdentifier,
    });
    expect(res.json.data.state).toBe("DeregistrationRequested");
    const meanwhile = { ...bodies.Dynamic!, agentIdentifier: row.agentIdentifier };
    delete (meanwhile as Record<string, unknown>).sellingWalletVkey;
    const busy = await call("POST", "/registry/update", meanwhile);
    expect(busy.status).toBe(409);
    expect(busy.json.error.message).toMatch(/DeregistrationRequested/);
    await settle();
    expect((await rowOf(ids.Dynamic!)).state).toBe("DeregistrationConfirmed");
    expect((await chain.asset(REGISTRY_POLICY.hash + row.assetName))?.quantity).toBe(0n);
    const again = await call("POST", "/registry/deregister", {
      network: "Preprod",
      agentIdentifier: row.agentIdentifier,
    });
    expect(again.status).toBe(409);
    const unknown = await call(
      "GET",
      `/registry/agent-identifier?agentIdentifier=${"ab".repeat(57)}`,
    );
    expect(unknown.status).toBe(404);
  });

  it("packs a batch of 20 registrations into as few transactions as the size limit allows", async () => {
    const batchSeller = await funded(100_000_000n, 25);
    const ids20: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = agentBody(batchSeller.paymentKeyHash, `Batch agent ${i}`, modes.Fixed);
      ids20.push((await call("POST", "/registry", body)).json.data.id);
    }
    await settle();
    const rows = await Promise.all(ids20.map(rowOf));
    expect(rows.every((r) => r.state === "RegistrationConfirmed")).toBe(true);
    const perTx = new Map<string, number>();
    for (const r of rows) perTx.set(r.currentTxHash!, (perTx.get(r.currentTxHash!) ?? 0) + 1);
    const txs = await database.db.select().from(chainTxs);
    const sizes = [...perTx].map(([hash, n]) => {
      const bytes = txs.find((t) => t.txHash === hash)!.cbor.length / 2;
      return { n, bytes, perAgent: bytes / n };
    });
    // Each agent adds about the same bytes; the limit (16,384) then allows this many per tx.
    const perAgentMax = Math.max(...sizes.map((s) => s.perAgent));
    const fitPerTx = Math.floor(16_384 / perAgentMax);
    console.log(
      `registry batch of 20: ${sizes.map((s) => `${s.n} agents in ${s.bytes} B`).join(", ")}`,
    );
    expect(perTx.size).toBeLessThanOrEqual(Math.ceil(20 / fitPerTx));
  });

  it("refuses every bad field with a 400 naming it, and queues nothing", async () => {
    const intentsBefore = (await database.db.select().from(intents)).length;
    const rowsBefore = (await database.db.select().from(registryRequests)).length;
    const purchasing = await createWallet(database.db, {
      role: "purchasing",
      network: "preprod",
      encryptionKeyHex: KEY,
      nowMs: Date.now(),
    });
    for (const c of BAD_INPUTS(seller.paymentKeyHash, purchasing.paymentKeyHash)) {
      const res = await call("POST", "/registry", c.body);
      expect(res.status, c.why).toBe(400);
      expect(res.json.error.field, c.why).toBe(c.field);
    }
    expect((await database.db.select().from(intents)).length).toBe(intentsBefore);
    expect((await database.db.select().from(registryRequests)).length).toBe(rowsBefore);
  });
});
