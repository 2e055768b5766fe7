import { TransactionMetadatum, MetadatumList, MetadatumMap } from "@meshsdk/core-cst";
import { metadataObjToMap } from "@meshsdk/transaction";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8ByteLength } from "./metadata-chunks.ts";
import {
  type AgentMetadata,
  decodeAgentMetadata,
  encodeAgentMetadata,
  type WireAgentMetadata,
} from "./mip002.ts";
import { AMOUNT_MAX, LOVELACE, type Price, type Pricing, TOKENS_PER_PRICE_MAX } from "./pricing.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";

// ---- arbitraries: agents that obey every MIP-002 rule, with any Unicode text ----

// Any Unicode text the node can store: every character but NUL (see storable-text.ts).
const anyText = (maxLength: number) =>
  fc
    .oneof(fc.string({ unit: "grapheme", maxLength }), fc.string({ unit: "binary", maxLength }))
    .map((s) => s.replaceAll("\u0000", ""));
const text = (maxLength = 250) =>
  anyText(Math.min(maxLength, 120)).filter((s) => s.trim() !== "" && s.length <= maxLength);
const oneString = (maxBytes: number) =>
  anyText(maxBytes).filter((s) => s.trim() !== "" && utf8ByteLength(s) <= maxBytes);
const hex = (minBytes: number, maxBytes: number) =>
  fc
    .uint8Array({ minLength: minBytes, maxLength: maxBytes })
    .map((b) => Buffer.from(b).toString("hex"));
const unit = fc.oneof(
  fc.constant(LOVELACE),
  fc.constant(USDM),
  fc.tuple(hex(28, 28), hex(0, 32)).map(([policy, name]) => policy + name),
);
const prices: fc.Arbitrary<Price[]> = fc
  .uniqueArray(fc.record({ unit, amount: fc.bigInt({ min: 1n, max: AMOUNT_MAX }) }), {
    minLength: 1,
    maxLength: 3,
    selector: (p) => p.unit,
  })
  .filter((ps) => ps.filter((p) => p.unit !== LOVELACE).length <= TOKENS_PER_PRICE_MAX);
const pricingOf: Record<Pricing["kind"], fc.Arbitrary<Pricing>> = {
  free: fc.constant({ kind: "free" }),
  dynamic: fc.constant({ kind: "dynamic" }),
  fixed: prices.map((p) => ({ kind: "fixed", prices: p })),
  tiered: fc
    .uniqueArray(fc.record({ name: oneString(64), prices }), {
      minLength: 1,
      maxLength: 10,
      selector: (t) => t.name.toLowerCase(),
    })
    .map((tiers) => ({ kind: "tiered", tiers })),
};
const url = fc
  .webUrl({ withQueryParameters: true, withFragments: true })
  .filter((u) => u.length <= 250);

function agentWith(pricing: fc.Arbitrary<Pricing>): fc.Arbitrary<AgentMetadata> {
  const optional = { requiredKeys: [] as [] };
  // fast-check builds records without a prototype; structuredClone gives plain objects, as a
  // reader of JSON would, so that toStrictEqual compares content only.
  return fc
    .record(
      {
        name: text(),
        description: text(),
        apiBaseUrl: url,
        exampleOutputs: fc.array(
          fc.record({ name: oneString(60), mimeType: oneString(60), url: text() }),
          { maxLength: 3 },
        ),
        capability: fc.record({ name: text(), version: oneString(60) }),
        author: fc.record(
          { name: text(), contactEmail: text(), contactOther: text(), organization: text() },
          { requiredKeys: ["name"] },
        ),
        legal: fc
          .record({ privacyPolicy: text(), terms: text(), other: text() }, optional)
          .filter((l) => Object.keys(l).length > 0),
        tags: fc.array(oneString(64), { minLength: 1, maxLength: 15 }),
        pricing,
        image: text(),
      },
      { requiredKeys: ["name", "apiBaseUrl", "exampleOutputs", "author", "tags", "pricing"] },
    )
    .map((agent) => structuredClone(agent));
}

// ---- what the ledger and the peer's readers need of the encoding ----

/** Mesh's own conversion to ledger metadata, which refuses text over 64 bytes. */
function toLedgerCbor(value: unknown): string {
  const convert = (v: unknown): TransactionMetadatum => {
    if (typeof v === "string") return TransactionMetadatum.newText(v);
    if (typeof v === "bigint" || typeof v === "number")
      return TransactionMetadatum.newInteger(BigInt(v));
    if (Array.isArray(v)) {
      const list = new MetadatumList();
      v.forEach((item) => list.add(convert(item)));
      return TransactionMetadatum.newList(list);
    }
    if (v instanceof Map) {
      const map = new MetadatumMap();
      v.forEach((item, key) => map.insert(convert(key), convert(item)));
      return TransactionMetadatum.newMap(map);
    }
    throw new Error(`not metadata: ${typeof v}`);
  };
  return convert(
    metadataObjToMap({ 721: { ["ab".repeat(28)]: { ["cd".repeat(4)]: value } } }),
  ).toCbor();
}

const PEER_TOP_LEVEL = [
  "name",
  "description",
  "api_base_url",
  "example_output",
  "capability",
  "author",
  "legal",
  "tags",
  "agentPricing",
  "image",
  "metadata_version",
];
const isPeerText = (v: unknown) =>
  (typeof v === "string" && v !== "") ||
  (Array.isArray(v) && v.every((c) => typeof c === "string" && c !== ""));

/** The shape the peer's MIP-002 v1 readers accept (facts noted in mip002-pricing.ts). */
function expectPeerReadable(wire: WireAgentMetadata) {
  for (const key of Object.keys(wire)) expect(PEER_TOP_LEVEL).toContain(key);
  expect(isPeerText(wire.name) && isPeerText(wire.api_base_url)).toBe(true);
  expect(isPeerText(wire.author.name)).toBe(true);
  for (const tag of wire.tags) expect(typeof tag === "string" && tag !== "").toBe(true);
  for (const e of wire.example_output) {
    expect(typeof e.name === "string" && e.name.length <= 60).toBe(true);
    expect(typeof e.mime_type === "string" && e.mime_type.length <= 60).toBe(true);
  }
  if (wire.capability) expect(wire.capability.version.length).toBeLessThanOrEqual(60);
  expect(wire.image).toBeDefined();
  expect(wire.metadata_version).toBe("1");
  const p = wire.agentPricing;
  expect(["Free", "Fixed", "Dynamic"]).toContain(p.pricingType);
  if (p.pricingType === "Fixed") {
    expect(p.fixedPricing.length).toBeGreaterThan(0);
    for (const price of p.fixedPricing) {
      expect(price.amount).toMatch(/^[1-9][0-9]*$/);
      // Lovelace is the empty chunk list, as the peer writes it; anything else non-empty text.
      expect(
        Array.isArray(price.unit) && price.unit.length === 0 ? true : isPeerText(price.unit),
      ).toBe(true);
    }
  } else expect(Object.keys(p)).toEqual(["pricingType"]);
}

// ---- tests ----

const base: AgentMetadata = {
  name: "Summariser",
  apiBaseUrl: "https://agent.example.com/v1",
  exampleOutputs: [],
  author: { name: "Ada" },
  tags: ["text", "summary"],
  pricing: { kind: "fixed", prices: [{ unit: USDM, amount: 1_500_000n }] },
};

describe("encodeAgentMetadata", () => {
  it("writes Free, Dynamic and Fixed as the peer does: amounts as strings, lovelace as []", () => {
    const pricing = (p: Pricing) => encodeAgentMetadata({ ...base, pricing: p }).agentPricing;
    expect(pricing({ kind: "free" })).toStrictEqual({ pricingType: "Free" });
    expect(pricing({ kind: "dynamic" })).toStrictEqual({ pricingType: "Dynamic" });
    expect(
      pricing({
        kind: "fixed",
        prices: [
          { unit: LOVELACE, amount: 10_000_000n },
          { unit: USDM, amount: 5n },
        ],
      }),
    ).toStrictEqual({
      pricingType: "Fixed",
      fixedPricing: [
        { unit: [], amount: "10000000" },
        { unit: [USDM.slice(0, 64), USDM.slice(64)], amount: "5" }, // 74 hex characters
      ],
    });
  });

  it("writes tiers inside agentPricing, with the first tier as the v1 price", () => {
    const tiers = [
      { name: "Basic", prices: [{ unit: USDM, amount: 1n }] },
      { name: "Pro", prices: [{ unit: LOVELACE, amount: 9n }] },
    ];
    const wire = encodeAgentMetadata({ ...base, pricing: { kind: "tiered", tiers } });
    expect(wire.agentPricing).toStrictEqual({
      pricingType: "Fixed",
      fixedPricing: [{ unit: [USDM.slice(0, 64), USDM.slice(64)], amount: "1" }],
      pricingTiers: [
        {
          name: "Basic",
          fixedPricing: [{ unit: [USDM.slice(0, 64), USDM.slice(64)], amount: "1" }],
        },
        { name: "Pro", fixedPricing: [{ unit: [], amount: "9" }] },
      ],
    });
    expectPeerReadable(wire);
  });

  it("chunks long text, keeps short text plain, leaves absent fields out", () => {
    const description = "ü".repeat(40); // 80 bytes
    const wire = encodeAgentMetadata({ ...base, description });
    expect(wire.description).toStrictEqual(["ü".repeat(32), "ü".repeat(8)]);
    expect(wire.name).toBe("Summariser");
    expect(wire).not.toHaveProperty("capability");
    expect(wire).not.toHaveProperty("legal");
    expect(wire.author).toStrictEqual({ name: "Ada" });
    expect(wire.image).toBe("");
    expect(wire.example_output).toStrictEqual([]);
  });

  it("throws on an agent that breaks the rules (a programmer error)", () => {
    expect(() => encodeAgentMetadata({ ...base, tags: ["x".repeat(65)] })).toThrow(/tags\[0\]/);
    expect(() => encodeAgentMetadata({ ...base, apiBaseUrl: "ftp://x" })).toThrow(/api_base_url/);
    expect(() => encodeAgentMetadata({ ...base, pricing: { kind: "fixed", prices: [] } })).toThrow(
      /agentPricing\.fixedPricing: needs at least one amount/,
    );
  });
});

describe("decodeAgentMetadata reads what the peer writes", () => {
  it("reads every string as a chunk list, lovelace as [], amounts as strings", () => {
    const peer = {
      name: ["Summariser"],
      description: ["Summarises text"],
      api_base_url: ["https://agent.example.com/v1"],
      example_output: [{ name: ["out"], mime_type: ["text/plain"], url: ["https://x.io/o"] }],
      capability: { name: ["gpt"], version: ["1.0"] },
      author: { name: ["Ada"], contact_email: ["ada@example.com"] },
      legal: { terms: ["https://x.io/terms"] },
      tags: ["text"],
      agentPricing: { pricingType: "Fixed", fixedPricing: [{ unit: [], amount: "10000000" }] },
      image: ["ipfs://abc"],
      metadata_version: "1",
    };
    expect(decodeAgentMetadata(peer)).toStrictEqual({
      ok: true,
      agent: {
        name: "Summariser",
        description: "Summarises text",
        apiBaseUrl: "https://agent.example.com/v1",
        exampleOutputs: [{ name: "out", mimeType: "text/plain", url: "https://x.io/o" }],
        capability: { name: "gpt", version: "1.0" },
        author: { name: "Ada", contactEmail: "ada@example.com" },
        legal: { terms: "https://x.io/terms" },
        tags: ["text"],
        pricing: { kind: "fixed", prices: [{ unit: LOVELACE, amount: 10_000_000n }] },
        image: "ipfs://abc",
      },
    });
  });

  it('reads the older peer\'s "" for missing fields as absent', () => {
    const old = {
      ...encodeAgentMetadata(base),
      description: "",
      author: { name: "Ada", contact_email: "", contact_other: "", organization: "" },
      legal: { privacy_policy: "", terms: "", other: "" },
      metadata_version: 1,
    };
    expect(decodeAgentMetadata(old)).toStrictEqual({ ok: true, agent: base });
  });
});

describe("encode then decode", () => {
  it.each(["free", "fixed", "tiered", "dynamic"] as const)(
    "gives back exactly the agent, %s pricing, through JSON and the ledger encoding",
    (kind) => {
      fc.assert(
        fc.property(agentWith(pricingOf[kind]), (agent) => {
          const wire = encodeAgentMetadata(agent);
          expect(decodeAgentMetadata(wire)).toStrictEqual({ ok: true, agent });
          // Blockfrost serves the metadata as JSON; nothing may be lost on the way.
          expect(decodeAgentMetadata(JSON.parse(JSON.stringify(wire)))).toStrictEqual({
            ok: true,
            agent,
          });
          expect(() => toLedgerCbor(wire)).not.toThrow();
          expectPeerReadable(wire);
        }),
        { numRuns: 60 },
      );
    },
  );

  it("the ledger encoding refuses what chunking prevents (the check can fail)", () => {
    expect(() => toLedgerCbor({ name: "x".repeat(65) })).toThrow(/64 bytes/);
  });
});
