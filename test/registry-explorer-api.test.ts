/**
 * The explorer's queries on the devnet: every filter, cursor pagination through more agents
 * than a page holds, text search, 400s naming the bad field, and assets under a policy whose
 * names break the registry layout listed as invalid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { encodeAgentMetadata, type AgentMetadata } from "../src/domain/mip002.ts";
import { DB_KIND } from "./support/db.ts";
import {
  JUNK_METADATA,
  ORACLE,
  PAINTER,
  SUMMARISER,
  TRANSLATOR,
} from "./support/registry-agents.ts";
import {
  ANY_POLICY,
  burnAgent,
  mintAgents,
  mintUnderAnyPolicy,
  transferNft,
} from "./support/registry-mint.ts";
import { openRegistryWorld, type RegistryWorld } from "./support/registry-world.ts";

let w: RegistryWorld;
const named = (name: string, tags: string[]): AgentMetadata => ({ ...PAINTER, name, tags });
const EXTRA = ["Alpha", "Beta", "Gamma"].map((n) => named(n, ["extra"]));
/** Agent names by asset name. */
const byName = new Map<string, string>();

beforeAll(async () => {
  w = await openRegistryWorld();
  const { f } = w;
  const agents = [TRANSLATOR, PAINTER, SUMMARISER, ORACLE, ...EXTRA];
  const names = await mintAgents(f, f.seller, agents.map(encodeAgentMetadata));
  names.forEach((n, i) => byName.set(n, agents[i]!.name));
  await mintAgents(f, f.other, [JUNK_METADATA]);
  await transferNft(f, f.seller, f.buyer, f.d.registry.hash + names[1]);
  await burnAgent(f, f.seller, names[3]!);
  const indexer = w.indexer({ agentsPerTickMax: 100 });
  expect(await indexer.tick()).toEqual({ more: false });
});
afterAll(() => w?.close());

type Entry = { agentIdentifier: string; name: string | null; valid: boolean };
async function get(path: string, policyId?: string) {
  const res = await w.api(policyId).request(`/api/v1${path}`);
  return { status: res.status, body: (await res.json()) as { data: any; error: any } };
}
async function namesOf(query: string): Promise<(string | null)[]> {
  const { status, body } = await get(`/registry-entry?limit=100&${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return (body.data.RegistryEntries as Entry[]).map((e) => e.name).sort();
}

describe(`registry-entry queries (${DB_KIND})`, () => {
  it("filters by tags (any of), capability, pricing type, unit, holder, status and validity", async () => {
    expect(await namesOf("tags=summary,translate")).toEqual(["Summariser", "Translator"]);
    expect(await namesOf("capability=POLYGLOT-llm")).toEqual(["Summariser", "Translator"]);
    expect(await namesOf("pricingType=Free&tags=extra")).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(await namesOf("pricingType=Dynamic")).toEqual(["Oracle 100%_sure"]);
    expect(await namesOf(`unit=${DEVNET_USDM_UNIT.toUpperCase()}`)).toEqual([
      "Summariser",
      "Translator",
    ]);
    expect(await namesOf("unit=")).toEqual(["Translator"]);
    expect(await namesOf(`holderAddress=${w.f.buyer.address}`)).toEqual(["Painter"]);
    expect(await namesOf("status=burned")).toEqual(["Oracle 100%_sure"]);
    expect(await namesOf("valid=false")).toEqual([null]);
    expect(await namesOf("valid=true&status=active")).toHaveLength(6);
  });

  it("pages through every agent with a cursor, without duplicates or gaps", async () => {
    const all = (await get("/registry-entry?limit=100")).body.data.RegistryEntries as Entry[];
    expect(all).toHaveLength(8);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = `/registry-entry?limit=3${cursor ? `&cursorId=${cursor}` : ""}`;
      const { body } = await get(query);
      const rows = body.data.RegistryEntries as Entry[];
      expect(rows.length).toBeLessThanOrEqual(3);
      seen.push(...rows.map((e) => e.agentIdentifier));
      cursor = body.data.nextCursor;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    expect(seen).toEqual(all.map((e) => e.agentIdentifier));
    expect(new Set(seen).size).toBe(8);
    expect([...seen].sort()).toEqual(seen);
  });

  it("searches name, description and tags, case-insensitively, wildcards taken literally", async () => {
    const search = async (q: string) => {
      const { status, body } = await get(`/registry-entry/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      return (body.data.RegistryEntries as Entry[]).map((e) => e.name).sort();
    };
    expect(await search("PAINT")).toEqual(["Alpha", "Beta", "Gamma", "Painter"]);
    expect(await search("forty languages")).toEqual(["Translator"]);
    expect(await search("summary")).toEqual(["Summariser"]);
    expect(await search("100%_s")).toEqual(["Oracle 100%_sure"]);
    expect(await search("%")).toEqual(["Oracle 100%_sure"]);
    expect(await search("_")).toEqual(["Oracle 100%_sure"]);
    const paged = await get(`/registry-entry/search?q=paint&limit=2&status=active`);
    expect(paged.body.data.RegistryEntries).toHaveLength(2);
    expect(paged.body.data.nextCursor).not.toBeNull();
  });

  it("answers 400 naming the field for bad query parameters", async () => {
    const cases: [string, string][] = [
      ["/registry-entry?limit=0", "limit"],
      ["/registry-entry?limit=101", "limit"],
      ["/registry-entry?limit=abc", "limit"],
      ["/registry-entry?cursorId=zz", "cursorId"],
      ["/registry-entry?pricingType=Cheap", "pricingType"],
      ["/registry-entry?unit=dollars", "unit"],
      ["/registry-entry?status=gone", "status"],
      ["/registry-entry?valid=maybe", "valid"],
      ["/registry-entry?holderAddress=not%20an%20address", "holderAddress"],
      [`/registry-entry?tags=${Array.from({ length: 16 }, (_, i) => i).join(",")}`, "tags"],
      [`/registry-entry?tags=${"x".repeat(65)}`, "tags"],
      ["/registry-entry?capability=", "capability"],
      ["/registry-entry/search", "q"],
      [`/registry-entry/search?q=${"x".repeat(101)}`, "q"],
    ];
    for (const [path, field] of cases) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error.field, path).toBe(field);
    }
  });
});

describe(`names outside the registry layout (${DB_KIND})`, () => {
  it("lists assets whose names break the layout as invalid, and keeps indexing", async () => {
    const wrongPrefix = "73" + "ab".repeat(31);
    const metadata = { [wrongPrefix]: encodeAgentMetadata(TRANSLATOR) };
    await mintUnderAnyPolicy(w.f, w.f.other, ["4a554e4b", wrongPrefix], metadata);
    const indexer = w.indexer({ policyId: ANY_POLICY.hash, agentsPerTickMax: 10 });
    expect(await indexer.tick()).toEqual({ more: false });
    const { body } = await get("/registry-entry?limit=100", ANY_POLICY.hash);
    const rows = body.data.RegistryEntries as (Entry & { invalidReasons: string[] })[];
    expect(rows.map((e) => e.agentIdentifier).sort()).toEqual(
      [ANY_POLICY.hash + "4a554e4b", ANY_POLICY.hash + wrongPrefix].sort(),
    );
    for (const e of rows) {
      expect(e.valid).toBe(false);
      expect(e.invalidReasons[0]).toMatch(/does not follow the registry layout/);
    }
    // The registry's own explorer is untouched by another policy's assets.
    expect(await namesOf("")).toHaveLength(8);
  });
});
