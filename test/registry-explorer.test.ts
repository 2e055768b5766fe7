/**
 * The registry explorer on the devnet: agents minted under the real registry policy (one per
 * pricing mode), a junk mint, a transfer, an update and a burn, indexed tick by tick within a
 * bounded number of chain requests, and served by `/registry-entry` and `/payment-information`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentView } from "../src/api/agent-view.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { encodeAgentMetadata } from "../src/domain/mip002.ts";
import { DB_KIND } from "./support/db.ts";
import {
  JUNK_METADATA,
  ORACLE,
  PAINTER,
  PAINTER_V2,
  SUMMARISER,
  TRANSLATOR,
} from "./support/registry-agents.ts";
import { burnAgent, mintAgents, transferNft, updateAgent } from "./support/registry-mint.ts";
import { openRegistryWorld, type RegistryWorld } from "./support/registry-world.ts";

const AGENTS_PER_TICK_MAX = 2;
/** A tick lists the policy (1 page here) and reads each agent's asset and holders. */
const REQUESTS_PER_TICK_MAX = 1 + 2 * AGENTS_PER_TICK_MAX;

let w: RegistryWorld;
let ids: Record<"translator" | "painter" | "summariser" | "oracle" | "junk", string>;
let names: Record<keyof typeof ids, string>;
const perTick: number[] = [];

beforeAll(async () => {
  w = await openRegistryWorld();
  const { f } = w;
  const [t, p, s, o] = await mintAgents(
    f,
    f.seller,
    [TRANSLATOR, PAINTER, SUMMARISER, ORACLE].map(encodeAgentMetadata),
  );
  const [j] = await mintAgents(f, f.other, [JUNK_METADATA]);
  names = { translator: t!, painter: p!, summariser: s!, oracle: o!, junk: j! };
  const stem = (n: string) => f.d.registry.hash + n.slice(0, 58);
  ids = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, stem(n)])) as typeof ids;
});
afterAll(() => w?.close());

/** Ticks until the indexer has nothing changed waiting, recording each tick's requests. */
async function indexAll(ticksMax = 10, refreshAfterMs = 60_000): Promise<number> {
  const indexer = w.indexer({ agentsPerTickMax: AGENTS_PER_TICK_MAX, refreshAfterMs });
  for (let i = 1; i <= ticksMax; i++) {
    const before = w.port.stats().requestsTotal;
    const { more } = await indexer.tick();
    perTick.push(w.port.stats().requestsTotal - before);
    w.advanceMs(1_000);
    if (!more) return i;
  }
  throw new Error(`still more after ${ticksMax} ticks`);
}

async function get(path: string) {
  const res = await w.api().request(`/api/v1${path}`);
  return { status: res.status, body: (await res.json()) as { data: any; error: any } };
}
const entry = async (id: string) => {
  const { body } = await get(`/registry-entry?limit=100`);
  return (body.data.RegistryEntries as { agentIdentifier: string }[]).find(
    (e) => e.agentIdentifier === id,
  ) as Record<string, any>;
};

describe(`the registry explorer (${DB_KIND})`, () => {
  it("indexes every agent within a bounded number of requests per tick", async () => {
    // Five new agents, two per tick: three ticks, the first two reporting more.
    expect(await indexAll()).toBe(3);
    expect(Math.max(...perTick)).toBeLessThanOrEqual(REQUESTS_PER_TICK_MAX);
  });

  it("lists valid agents with their metadata decoded exactly", async () => {
    const cases = [
      [ids.translator, TRANSLATOR],
      [ids.painter, PAINTER],
      [ids.summariser, SUMMARISER],
      [ids.oracle, ORACLE],
    ] as const;
    for (const [id, agent] of cases) {
      const e = await entry(id);
      expect(e).toMatchObject({ ...agentView(agent), valid: true, status: "Active" });
      expect(e.holderAddress).toBe(w.f.seller.address);
      expect(e.holderVkey).toBe(w.f.seller.keyHash);
    }
    expect((await entry(ids.translator)).AgentPricing).toEqual({
      pricingType: "Fixed",
      Pricing: [
        { unit: DEVNET_USDM_UNIT, amount: "5000000" },
        { unit: "", amount: "2000000" },
      ],
    });
    expect((await entry(ids.summariser)).AgentPricing.Tiers).toHaveLength(2);
  });

  it("lists junk under the policy as invalid, with its reasons", async () => {
    const e = await entry(ids.junk);
    expect(e).toMatchObject({ valid: false, status: "Active", name: null });
    const reasons = (e.invalidReasons as string[]).join("\n");
    expect(reasons).toMatch(/^name: must be text/m);
    expect(reasons).toMatch(/^description: must be at most 250 characters/m);
    expect(reasons).toMatch(/^api_base_url: must be an absolute http/m);
    expect(reasons).toMatch(/^tags: must hold at most 15 items/m);
    expect(reasons).toMatch(/amount: must not be negative/);
    expect(e.rawMetadata).toMatchObject({ name: 42 });
  });

  it("follows a transfer to another holder on the round-robin refresh", async () => {
    await transferNft(w.f, w.f.seller, w.f.buyer, w.f.d.registry.hash + names.translator);
    // No supply changed, so nothing is urgent; once every agent is stale, the round-robin
    // reaches each within ceil(5 / 2) ticks.
    w.advanceMs(120_000);
    const indexer = w.indexer({ agentsPerTickMax: AGENTS_PER_TICK_MAX });
    for (let i = 0; i < 3; i++) {
      const before = w.port.stats().requestsTotal;
      expect((await indexer.tick()).more).toBe(false);
      perTick.push(w.port.stats().requestsTotal - before);
    }
    const e = await entry(ids.translator);
    expect(e.holderAddress).toBe(w.f.buyer.address);
    expect(e.holderVkey).toBe(w.f.buyer.keyHash);
  });

  it("shows an update's metadata under the same identifier, and a burn as burned", async () => {
    const next = await updateAgent(w.f, w.f.seller, names.painter, encodeAgentMetadata(PAINTER_V2));
    await burnAgent(w.f, w.f.seller, names.oracle);
    // Both change the policy's supply, so the next tick reads them without waiting to be stale.
    expect(await indexAll(1, 3_600_000)).toBe(1);
    const painter = await entry(ids.painter);
    expect(painter).toMatchObject({ ...agentView(PAINTER_V2), assetName: next, valid: true });
    expect(next.endsWith("000001")).toBe(true);
    expect(await entry(ids.oracle)).toMatchObject({ status: "Burned", holderAddress: null });
    expect(Math.max(...perTick)).toBeLessThanOrEqual(REQUESTS_PER_TICK_MAX);
    console.log(`registry-indexer requests per tick, whole run: ${perTick.join(", ")}`);
  });

  it("answers payment-information with the holder, the pricing and the metadata", async () => {
    const { status, body } = await get(`/payment-information?agentIdentifier=${ids.translator}`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      agentIdentifier: ids.translator,
      SellerWallet: { address: w.f.buyer.address, vkey: w.f.buyer.keyHash },
      AgentPricing: agentView(TRANSLATOR).AgentPricing,
      Metadata: agentView(TRANSLATOR),
    });
    // The peer's registry service shape too, which its clients read.
    const translator = agentView(TRANSLATOR);
    expect(body.data).toMatchObject({
      sellerWallet: { address: w.f.buyer.address, vkey: w.f.buyer.keyHash },
      name: translator.name,
      apiBaseUrl: translator.apiBaseUrl,
      Tags: translator.Tags,
    });
    if ("Pricing" in translator.AgentPricing)
      expect(body.data.AgentPricing.FixedPricing.Amounts).toEqual(translator.AgentPricing.Pricing);
    // The full asset name (120 hex, any version) resolves to the same agent.
    const full = w.f.d.registry.hash + names.translator;
    const again = await get(`/payment-information?agentIdentifier=${full.toUpperCase()}`);
    expect(again.body.data.agentIdentifier).toBe(ids.translator);
  });

  it("answers payment-information with 404, 410 and 409 where a buyer cannot pay", async () => {
    const ask = (id: string) => get(`/payment-information?agentIdentifier=${id}`);
    const unknown = await ask(w.f.d.registry.hash + "72" + "00".repeat(28));
    expect(unknown.status).toBe(404);
    const burned = await ask(ids.oracle);
    expect(burned.status).toBe(410);
    expect(burned.body.error.message).toContain("deregistered");
    const junk = await ask(ids.junk);
    expect(junk.status).toBe(409);
    expect(junk.body.error.message).toContain("invalid metadata");
    const bad = await get(`/payment-information?agentIdentifier=xyz`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("agentIdentifier");
    expect((await get(`/payment-information`)).body.error.field).toBe("agentIdentifier");
  });
});
