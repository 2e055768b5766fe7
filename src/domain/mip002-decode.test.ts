import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AgentMetadata, decodeAgentMetadata, encodeAgentMetadata } from "./mip002.ts";
import { LOVELACE } from "./pricing.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";

const agent: AgentMetadata = {
  name: "Summariser",
  apiBaseUrl: "https://agent.example.com",
  exampleOutputs: [{ name: "out", mimeType: "text/plain", url: "https://x.io/o" }],
  capability: { name: "gpt", version: "1.0" },
  author: { name: "Ada" },
  tags: ["text"],
  pricing: { kind: "fixed", prices: [{ unit: USDM, amount: 2n }] },
};
const valid = encodeAgentMetadata(agent) as unknown as Record<string, unknown>;

/** The reasons for metadata that is `valid` with some fields replaced. */
function reasonsFor(patch: Record<string, unknown>): string[] {
  const result = decodeAgentMetadata({ ...valid, ...patch });
  return result.ok ? [] : result.reasons;
}
const pricing = (agentPricing: unknown) => reasonsFor({ agentPricing });

describe("decodeAgentMetadata on junk", () => {
  it("refuses a value that is not an object", () => {
    for (const junk of [null, undefined, [], "agent", 42, true]) {
      const result = decodeAgentMetadata(junk);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reasons).toEqual([expect.stringMatching(/^must be an object/)]);
    }
  });

  it("names every missing required field at once", () => {
    expect(decodeAgentMetadata({})).toStrictEqual({
      ok: false,
      reasons: [
        "name: is required",
        "api_base_url: is required",
        "author: is required",
        "tags: is required",
        "agentPricing: is required",
        "metadata_version: is required (1)",
      ],
    });
  });

  it("names wrong types: numbers, objects and mixed lists where text belongs", () => {
    expect(reasonsFor({ name: 42 })).toEqual([
      "name: must be text (a string or a list of strings), not a number",
    ]);
    expect(reasonsFor({ description: { a: 1 } })).toEqual([
      "description: must be text (a string or a list of strings), not an object",
    ]);
    expect(reasonsFor({ api_base_url: ["https://", 7] })).toEqual([
      "api_base_url: must be text (a string or a list of strings), not a list",
    ]);
    expect(reasonsFor({ tags: "text" })).toEqual(["tags: must be a list, not a string"]);
    expect(reasonsFor({ author: "Ada" })).toEqual(["author: must be an object, not a string"]);
    expect(reasonsFor({ example_output: [5] })).toEqual([
      "example_output[0]: must be an object, not a number",
    ]);
  });

  it("names overlong and empty text, bad URLs, and tag limits", () => {
    expect(
      reasonsFor({ name: ["x".repeat(64), "x".repeat(64), "x".repeat(64), "x".repeat(59)] }),
    ).toEqual(["name: must be at most 250 characters"]);
    expect(reasonsFor({ name: ["  "] })).toEqual(["name: must not be empty"]);
    expect(reasonsFor({ api_base_url: "ftp://files.example.com" })).toEqual([
      "api_base_url: must be an absolute http or https URL",
    ]);
    expect(reasonsFor({ api_base_url: "agent.example.com" })).toEqual([
      "api_base_url: must be an absolute http or https URL",
    ]);
    expect(reasonsFor({ tags: [] })).toEqual(["tags: needs at least one tag"]);
    expect(reasonsFor({ tags: Array(16).fill("t") })).toEqual([
      "tags: must hold at most 15 items, not 16",
    ]);
    expect(reasonsFor({ tags: ["ok", "é".repeat(33)] })).toEqual([
      "tags[1]: must be at most 64 bytes of UTF-8",
    ]);
    expect(
      reasonsFor({ capability: { name: "gpt", version: ["x".repeat(40), "x".repeat(40)] } }),
    ).toEqual(["capability.version: must be at most 60 bytes of UTF-8"]);
    expect(reasonsFor({ example_output: [{ name: "n", url: "u" }] })).toEqual([
      "example_output[0].mime_type: is required",
    ]);
    expect(reasonsFor({ name: "bad \uD800 text" })).toEqual([
      "name: is not valid Unicode (it holds a lone surrogate)",
    ]);
    // PostgreSQL's text refuses NUL: an agent carrying one is junk, and says where.
    expect(
      reasonsFor({ name: ["ok", "\u0000"], tags: ["a", "b\u0000"], author: { name: "\u0000" } }),
    ).toEqual([
      "name: must not contain a NUL character (U+0000)",
      "author.name: must not contain a NUL character (U+0000)",
      "tags[1]: must not contain a NUL character (U+0000)",
    ]);
    expect(
      pricing({ pricingType: "Fixed", fixedPricing: [{ unit: "\u0000", amount: "1" }] }),
    ).toEqual(["agentPricing.fixedPricing[0].unit: must not contain a NUL character (U+0000)"]);
  });

  it("names every bad price", () => {
    const fixed = (fixedPricing: unknown) => pricing({ pricingType: "Fixed", fixedPricing });
    expect(fixed([{ unit: USDM, amount: "-5" }])).toEqual([
      "agentPricing.fixedPricing[0].amount: must not be negative",
    ]);
    expect(fixed([{ unit: USDM, amount: "1.5" }])).toEqual([
      "agentPricing.fixedPricing[0].amount: must be a whole number of base units",
    ]);
    expect(fixed([{ unit: "USDM", amount: "5" }])).toEqual([
      expect.stringMatching(/^agentPricing\.fixedPricing\[0\]\.unit: unknown unit "USDM"/),
    ]);
    expect(fixed([])).toEqual(["agentPricing.fixedPricing: needs at least one amount"]);
    expect(pricing({ pricingType: "Fixed" })).toEqual([
      "agentPricing.fixedPricing: a Fixed price needs at least one amount",
    ]);
    const amount = [{ unit: "", amount: "1" }];
    expect(pricing({ pricingType: "Free", fixedPricing: amount })).toEqual([
      "agentPricing.fixedPricing: a Free agent takes no amounts",
    ]);
    expect(
      pricing({ pricingType: "Dynamic", pricingTiers: [{ name: "a", fixedPricing: amount }] }),
    ).toEqual(["agentPricing.pricingTiers: a Dynamic agent takes no amounts"]);
    expect(pricing({ pricingType: "Free", fixedPricing: [] })).toEqual([]); // names no amount
    expect(fixed([{ unit: USDM }])).toEqual(["agentPricing.fixedPricing[0].amount: is required"]);
    expect(pricing({ pricingType: "Subscription" })).toEqual([
      'agentPricing.pricingType: unknown "Subscription": expected Free, Fixed or Dynamic',
    ]);
    expect(pricing({})).toEqual([
      "agentPricing.pricingType: missing: expected Free, Fixed or Dynamic",
    ]);
    expect(pricing("Free")).toEqual(["agentPricing: must be an object {pricingType, …}"]);
  });

  it("reads amounts written as integers (other tools do) but not as imprecise floats", () => {
    const read = (amount: unknown) =>
      decodeAgentMetadata({
        ...valid,
        agentPricing: { pricingType: "Fixed", fixedPricing: [{ unit: "", amount }] },
      });
    expect(read(5)).toMatchObject({
      ok: true,
      agent: { pricing: { kind: "fixed", prices: [{ unit: LOVELACE, amount: 5n }] } },
    });
    expect(read(2 ** 62)).toStrictEqual({
      ok: false,
      reasons: ["agentPricing.fixedPricing[0].amount: is too large to read exactly"],
    });
  });

  it("refuses tiers whose default price disagrees with fixedPricing", () => {
    const tier = (name: string, amount: string) => ({
      name,
      fixedPricing: [{ unit: USDM, amount }],
    });
    const agentPricing = {
      pricingType: "Fixed",
      fixedPricing: [{ unit: USDM, amount: "9" }],
      pricingTiers: [tier("Basic", "1"), tier("Pro", "9")],
    };
    expect(pricing(agentPricing)).toEqual([
      "agentPricing.fixedPricing: must equal the first tier's prices (pricingTiers[0]), the default price",
    ]);
    expect(
      pricing({ ...agentPricing, pricingTiers: [tier("Pro", "9"), tier("pro", "9")] }),
    ).toEqual(['agentPricing.pricingTiers[1].name: "pro" is already the name of tier [0]']);
  });

  it("refuses other metadata versions and reads the standard's api_url", () => {
    expect(reasonsFor({ metadata_version: "2" })).toEqual([
      'metadata_version: "2" is not supported; expected 1',
    ]);
    expect(reasonsFor({ metadata_version: { v: 1 } })).toEqual([
      'metadata_version: "[object Object]" is not supported; expected 1',
    ]);
    const { api_base_url: url, ...rest } = valid;
    expect(decodeAgentMetadata({ ...rest, api_url: url })).toStrictEqual({ ok: true, agent });
  });

  it("reports every problem, not only the first", () => {
    expect(
      reasonsFor({
        name: 1,
        tags: [],
        agentPricing: { pricingType: "Fixed" },
        metadata_version: 3,
      }),
    ).toHaveLength(4);
  });

  it("ignores unknown fields and inherited properties", () => {
    expect(decodeAgentMetadata({ ...valid, mediaType: "image/png", files: [] })).toStrictEqual({
      ok: true,
      agent,
    });
    const inherited = Object.create(valid) as object;
    expect(decodeAgentMetadata(inherited).ok).toBe(false);
  });

  it("does not throw on a hostile value", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("boom");
        },
        getOwnPropertyDescriptor: () => {
          throw new Error("boom");
        },
      },
    );
    expect(decodeAgentMetadata(hostile)).toStrictEqual({
      ok: false,
      reasons: ["unreadable: boom"],
    });
  });

  it("never throws and always explains, on any JSON value or any field replaced by one", () => {
    const keys = Object.keys(valid);
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...keys), (junk, key) => {
        for (const input of [junk, { ...valid, [key]: junk }]) {
          const result = decodeAgentMetadata(input);
          if (!result.ok) {
            expect(result.reasons.length).toBeGreaterThan(0);
            for (const reason of result.reasons) expect(reason).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
