/**
 * A stranger's hostile mint must not stop the explorer: agents whose metadata holds NUL
 * characters (which PostgreSQL's text refuses) are minted under the registry policy by a wallet
 * that is not the node's, and the indexer goes on indexing every other agent, before and after
 * a restart, listing the hostile ones as invalid with the field at fault.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryIndex } from "../src/db/schema.ts";
import { saveIndexEntry, type IndexEntry } from "../src/services/registry-index.ts";
import { createRegistryIndexer } from "../src/workers/registry-indexer.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { encodeAgentMetadata } from "../src/domain/mip002.ts";
import { DB_KIND } from "./support/db.ts";
import { ORACLE, PAINTER, SUMMARISER, TRANSLATOR } from "./support/registry-agents.ts";
import { mintAgents } from "./support/registry-mint.ts";
import { openRegistryWorld, type RegistryWorld } from "./support/registry-world.ts";

const NUL = "\u0000";
const wire = (meta: Record<string, unknown>) => ({ ...meta, metadata_version: 1 });

/** Metadata a hostile minter writes: NUL in each kind of text field the index stores. */
const HOSTILE = {
  name: wire({ ...encodeAgentMetadata(PAINTER), name: `Evil${NUL}` }),
  tag: wire({ ...encodeAgentMetadata(PAINTER), tags: ["ok", `t${NUL}`] }),
  capability: wire({
    ...encodeAgentMetadata(PAINTER),
    capability: { name: `cap${NUL}`, version: "1" },
  }),
  unit: wire({
    ...encodeAgentMetadata(PAINTER),
    agentPricing: {
      pricingType: "Fixed",
      fixedPricing: [{ unit: `${DEVNET_USDM_UNIT.slice(0, 10)}${NUL}`, amount: "5" }],
    },
  }),
  key: wire({ ...encodeAgentMetadata(PAINTER), [`na${NUL}me`]: `x${NUL}` }),
};

let w: RegistryWorld;
const ids: Record<string, string> = {};

function identifier(name: string): string {
  return w.f.d.registry.hash + name.slice(0, 58);
}

async function indexUntilIdle(ticksMax = 10) {
  const indexer = w.indexer({ agentsPerTickMax: 2 });
  for (let i = 0; i < ticksMax; i++) {
    const { more } = await indexer.tick();
    w.advanceMs(1_000);
    if (!more) return;
  }
  throw new Error(`still more after ${ticksMax} ticks`);
}

async function get(path: string) {
  const res = await w.api().request(`/api/v1${path}`);
  return { status: res.status, body: (await res.json()) as { data: any; error: any } };
}

async function entries(): Promise<Map<string, Record<string, any>>> {
  const { status, body } = await get("/registry-entry?limit=100");
  expect(status).toBe(200);
  return new Map(body.data.RegistryEntries.map((e: any) => [e.agentIdentifier, e]));
}

beforeAll(async () => {
  w = await openRegistryWorld();
  const keys = Object.keys(HOSTILE) as (keyof typeof HOSTILE)[];
  // The hostile agents first, from a wallet that is not the node's (`other`), then good ones.
  const hostile = await mintAgents(
    w.f,
    w.f.other,
    keys.map((k) => HOSTILE[k]),
  );
  keys.forEach((k, i) => (ids[k] = identifier(hostile[i]!)));
  const [t, s] = await mintAgents(
    w.f,
    w.f.seller,
    [TRANSLATOR, SUMMARISER].map(encodeAgentMetadata),
  );
  ids.translator = identifier(t!);
  ids.summariser = identifier(s!);
});
afterAll(() => w?.close());

describe(`a hostile mint with NUL bytes (${DB_KIND})`, () => {
  it("does not stop the index: every good agent is listed valid", async () => {
    await indexUntilIdle();
    const all = await entries();
    expect(all.size).toBe(7);
    expect(all.get(ids.translator!)).toMatchObject({ valid: true, name: "Translator" });
    expect(all.get(ids.summariser!)).toMatchObject({ valid: true, name: "Summariser" });
  });

  it("lists each hostile agent as invalid, naming the field that holds the NUL", async () => {
    const all = await entries();
    const reasons = (k: string) => (all.get(ids[k]!)!.invalidReasons as string[]).join("\n");
    expect(all.get(ids.name!)).toMatchObject({ valid: false, name: null });
    expect(reasons("name")).toMatch(/^name: must not contain a NUL character/m);
    expect(reasons("tag")).toMatch(/^tags\[1\]: must not contain a NUL character/m);
    expect(reasons("capability")).toMatch(/^capability\.name: must not contain a NUL/m);
    expect(reasons("unit")).toMatch(
      /^agentPricing\.fixedPricing\[0\]\.unit: must not contain a NUL/m,
    );
    // The raw metadata is kept exactly: JSON escapes the NUL, and the view parses it back.
    expect(all.get(ids.name!)!.rawMetadata.name).toBe(`Evil${NUL}`);
    // An unknown key with NUL is ignored by MIP-002: that agent is otherwise valid.
    expect(all.get(ids.key!)).toMatchObject({ valid: true, name: "Painter" });
  });

  it("answers payment-information for the good agents and 409 for the hostile ones", async () => {
    const good = await get(`/payment-information?agentIdentifier=${ids.translator}`);
    expect(good.status).toBe(200);
    expect(good.body.data.SellerWallet.vkey).toBe(w.f.seller.keyHash);
    const bad = await get(`/payment-information?agentIdentifier=${ids.name}`);
    expect(bad.status).toBe(409);
    expect(bad.body.error.message).toContain("must not contain a NUL character");
  });

  it("indexes agents registered later, after a restart of the indexer", async () => {
    const [o] = await mintAgents(w.f, w.f.seller, [encodeAgentMetadata(ORACLE)]);
    // A fresh indexer is what a restarted node runs; it has no memory of the earlier ticks.
    await indexUntilIdle();
    const all = await entries();
    expect(all.get(identifier(o!))).toMatchObject({ valid: true, name: ORACLE.name });
    expect(all.size).toBe(8);
  });

  it("stores an entry with NUL in every text, each NUL written as the six characters \\u0000", async () => {
    const id = `${w.f.d.registry.hash}ff${"00".repeat(28)}`;
    const entry: IndexEntry = {
      agentIdentifier: id,
      network: "preprod",
      policyId: w.f.d.registry.hash,
      assetName: `ff${"00".repeat(31)}`,
      status: "active",
      holderAddress: null,
      holderPaymentKeyHash: null,
      rawMetadata: `{"name":"a${NUL}"}`,
      metadata: null,
      valid: false,
      invalidReasons: [`unit "x${NUL}" is junk`],
      name: `n${NUL}`,
      description: null,
      pricingType: null,
      units: [],
      tags: [`t${NUL}`],
      capabilityName: null,
      mintOrBurnCount: 1,
    };
    expect(await saveIndexEntry(w.database.db, entry, 1)).toBe("inserted");
    // The same entry again is unchanged: the comparison is made on the stored (escaped) form.
    expect(await saveIndexEntry(w.database.db, entry, 2)).toBe("unchanged");
    const [row] = await w.database.db
      .select()
      .from(registryIndex)
      .where(eq(registryIndex.agentIdentifier, id));
    expect(row).toMatchObject({
      name: "n\\u0000",
      tags: ["t\\u0000"],
      invalidReasons: ['unit "x\\u0000" is junk'],
      rawMetadata: '{"name":"a\\u0000"}',
    });
    await w.database.db.delete(registryIndex).where(eq(registryIndex.agentIdentifier, id));
  });

  it("skips an agent whose read fails and retries it later, indexing the others meanwhile", async () => {
    const [bad, good] = await mintAgents(
      w.f,
      w.f.other,
      [PAINTER, ORACLE].map(encodeAgentMetadata),
    );
    const badUnit = w.f.d.registry.hash + bad!;
    let failing = true;
    const logged: string[] = [];
    let clockMs = 1_800_000_000_000;
    const indexer = createRegistryIndexer({
      db: w.database.db,
      chain: {
        policyAssets: (p) => w.port.policyAssets(p),
        assetHolders: (u) => w.port.assetHolders(u),
        asset: (u) =>
          failing && u === badUnit ? Promise.reject(new Error("chain said no")) : w.port.asset(u),
      },
      network: "preprod",
      policyId: w.f.d.registry.hash,
      nowMs: () => clockMs,
      log: (l) => logged.push(l),
      agentsPerTickMax: 1,
      // Nothing else is stale, so a tick reads only what changed.
      refreshAfterMs: 10 ** 12,
    });
    // One agent per tick: whichever comes first, the good one is in within two ticks.
    for (let i = 0; i < 2; i++) await indexer.tick();
    let all = await entries();
    expect(all.get(identifier(good!))).toMatchObject({ valid: true });
    expect(all.has(identifier(bad!))).toBe(false);
    expect(logged.join("\n")).toContain("chain said no");
    // While it waits out its delay, ticks do not spend their budget on it.
    await indexer.tick();
    expect(indexer.lastReport()).toMatchObject({ read: 0, waiting: 0 });
    failing = false;
    clockMs += 60_000;
    await indexer.tick();
    all = await entries();
    expect(all.get(identifier(bad!))).toMatchObject({ valid: true, name: PAINTER.name });
  });

  it("searches and filters over hostile rows without a 500", async () => {
    for (const q of ["Evil", "t", "cap"]) {
      expect((await get(`/registry-entry/search?q=${q}`)).status).toBe(200);
    }
    expect((await get(`/registry-entry?tags=ok&valid=false`)).status).toBe(200);
  });
});
