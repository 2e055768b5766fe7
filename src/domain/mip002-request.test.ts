import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors.ts";
import { parseOr400 } from "../api/validate.ts";
import {
  decodeAgentMetadata,
  encodeAgentMetadata,
  registerAgentBody,
  updateAgentBody,
} from "./mip002.ts";
import { formatPath } from "./pricing-fields.ts";
import { LOVELACE } from "./pricing.ts";

const USDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";
const VKEY = "AB".repeat(28);

/** The peer's documented example body, with a real key. */
const body = {
  network: "Preprod",
  ExampleOutputs: [
    {
      name: "example_output_name",
      url: "https://example.com/example_output",
      mimeType: "application/json",
    },
  ],
  Tags: ["tag1", "tag2"],
  name: "Agent Name",
  description: "Agent Description",
  Author: {
    name: "Author Name",
    contactEmail: "author@example.com",
    contactOther: "author_contact_other",
    organization: "Author Organization",
  },
  apiBaseUrl: "https://api.example.com",
  Legal: { privacyPolicy: "Privacy Policy URL", terms: "Terms of Service URL", other: "Other" },
  sellingWalletVkey: VKEY,
  sendFundingLovelace: "7500000",
  Capability: { name: "Capability Name", version: "1.0.0" },
  AgentPricing: { pricingType: "Fixed", Pricing: [{ unit: "", amount: "10000000" }] },
};

/** Every issue for the body with some fields replaced, as `path: message`. */
function issues(patch: Record<string, unknown>, schema = registerAgentBody): string[] {
  const result = schema.safeParse({ ...body, ...patch });
  if (result.success) return [];
  return result.error.issues.map(
    (i) => `${formatPath(i.path as (string | number)[])}: ${i.message}`,
  );
}
const priced = (AgentPricing: unknown) => issues({ AgentPricing });

describe("registerAgentBody", () => {
  it("accepts the peer's example and maps it to the domain agent", () => {
    const parsed = registerAgentBody.parse(body);
    expect(parsed).toStrictEqual({
      network: "preprod",
      sellingWalletVkey: VKEY.toLowerCase(),
      recipientWalletAddress: undefined,
      sendFundingLovelace: 7_500_000n,
      agent: {
        name: "Agent Name",
        description: "Agent Description",
        apiBaseUrl: "https://api.example.com",
        exampleOutputs: [
          {
            name: "example_output_name",
            mimeType: "application/json",
            url: "https://example.com/example_output",
          },
        ],
        capability: { name: "Capability Name", version: "1.0.0" },
        author: body.Author,
        legal: body.Legal,
        tags: ["tag1", "tag2"],
        pricing: { kind: "fixed", prices: [{ unit: LOVELACE, amount: 10_000_000n }] },
      },
    });
    const agent = parsed.agent;
    expect(decodeAgentMetadata(encodeAgentMetadata(agent))).toStrictEqual({ ok: true, agent });
  });

  it("reads Free, Dynamic and tiers", () => {
    const pricing = (AgentPricing: unknown) =>
      registerAgentBody.parse({ ...body, AgentPricing }).agent.pricing;
    expect(pricing({ pricingType: "Free" })).toStrictEqual({ kind: "free" });
    expect(pricing({ pricingType: "Dynamic", Pricing: [] })).toStrictEqual({ kind: "dynamic" });
    const Tiers = [
      { name: "Basic", Pricing: [{ unit: USDM, amount: "1000000" }] },
      {
        name: "Pro",
        Pricing: [
          { unit: USDM, amount: "5000000" },
          { unit: "lovelace", amount: "2000000" },
        ],
      },
    ];
    expect(pricing({ pricingType: "Fixed", Tiers })).toStrictEqual({
      kind: "tiered",
      tiers: [
        { name: "Basic", prices: [{ unit: USDM, amount: 1_000_000n }] },
        {
          name: "Pro",
          prices: [
            { unit: USDM, amount: 5_000_000n },
            { unit: LOVELACE, amount: 2_000_000n },
          ],
        },
      ],
    });
  });

  it("treats empty optional text as absent and drops an empty Legal", () => {
    const { agent } = registerAgentBody.parse({
      ...body,
      description: "",
      Author: { name: "A", contactEmail: "", organization: null },
      Legal: { privacyPolicy: "", terms: "" },
      Capability: undefined,
      ExampleOutputs: undefined,
    });
    expect(agent).not.toHaveProperty("description");
    expect(agent).not.toHaveProperty("legal");
    expect(agent).not.toHaveProperty("capability");
    expect(agent.author).toStrictEqual({ name: "A" });
    expect(agent.exampleOutputs).toStrictEqual([]);
  });

  it("gives each bad field of the issue its own error naming it", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name: must not be empty"],
      [{ name: "n".repeat(251) }, "name: must be at most 250 characters"],
      [{ name: undefined }, "name: is required"],
      [{ Tags: Array(16).fill("t") }, "Tags: at most 15 tags"],
      [{ Tags: [] }, "Tags: needs at least one tag"],
      [{ Tags: ["ok", "x".repeat(65)] }, "Tags[1]: must be at most 64 bytes of UTF-8"],
      [{ apiBaseUrl: "not a url" }, "apiBaseUrl: must be an absolute http or https URL"],
      [{ apiBaseUrl: "mailto:a@b.c" }, "apiBaseUrl: must be an absolute http or https URL"],
      [{ Author: undefined }, "Author: is required"],
      [{ Author: {} }, "Author.name: is required"],
      [{ network: "Testnet" }, "network: must be Preprod or Mainnet"],
      [{ sellingWalletVkey: "abc" }, "sellingWalletVkey: must be a payment key hash (56 hex)"],
      [
        { sendFundingLovelace: "1.5" },
        'sendFundingLovelace: must be an integer string of lovelace, e.g. "7500000"',
      ],
      [{ ExampleOutputs: [{ name: "n", url: "u" }] }, "ExampleOutputs[0].mimeType: is required"],
      [
        { Capability: { name: "c", version: "v".repeat(61) } },
        "Capability.version: must be at most 60 bytes of UTF-8",
      ],
      [
        { supportedPaymentSources: [] },
        "supportedPaymentSources: V2 payment sources are not supported; use AgentPricing",
      ],
      [{ verifications: [] }, "verifications: verifications are not supported by this node"],
    ];
    for (const [patch, expected] of cases) expect(issues(patch), expected).toEqual([expected]);
  });

  it("gives each bad price its own error naming the field", () => {
    const fixed = (Pricing: unknown) => priced({ pricingType: "Fixed", Pricing });
    expect(fixed([{ unit: "", amount: "-1" }])).toEqual([
      "AgentPricing.Pricing[0].amount: must not be negative",
    ]);
    expect(fixed([{ unit: "", amount: "2.5" }])).toEqual([
      "AgentPricing.Pricing[0].amount: must be a whole number of base units",
    ]);
    expect(fixed([{ unit: "", amount: 5 }])).toEqual([
      'AgentPricing.Pricing[0].amount: must be an integer string of base units, e.g. "1000000"',
    ]);
    expect(fixed([{ unit: "", amount: "0" }])).toEqual([
      "AgentPricing.Pricing[0].amount: must be at least 1",
    ]);
    expect(fixed([{ unit: "USDM", amount: "1" }])).toEqual([
      expect.stringMatching(/^AgentPricing\.Pricing\[0\]\.unit: unknown unit "USDM"/),
    ]);
    expect(fixed([])).toEqual(["AgentPricing.Pricing: needs at least one amount"]);
    expect(priced({ pricingType: "Fixed" })).toEqual([
      "AgentPricing.Pricing: a Fixed price needs at least one amount",
    ]);
    expect(priced({ pricingType: "Free", Pricing: [{ unit: "", amount: "1" }] })).toEqual([
      "AgentPricing.Pricing: a Free agent takes no amounts",
    ]);
    expect(priced({ pricingType: "Dynamic", Pricing: [{ unit: "", amount: "1" }] })).toEqual([
      "AgentPricing.Pricing: a Dynamic agent takes no amounts; they are set per job",
    ]);
    expect(priced({ pricingType: "fixed" })).toEqual([
      "AgentPricing.pricingType: must be Free, Fixed or Dynamic",
    ]);
    expect(priced(undefined)).toEqual([
      "AgentPricing: is required: {pricingType: Free | Fixed | Dynamic}",
    ]);
    const tier = { name: "Pro", Pricing: [{ unit: "", amount: "1" }] };
    expect(priced({ pricingType: "Fixed", Pricing: tier.Pricing, Tiers: [tier] })).toEqual([
      "AgentPricing.Tiers: give either Pricing (one price) or Tiers, not both",
    ]);
    expect(priced({ pricingType: "Fixed", Tiers: [tier, { ...tier, name: "PRO" }] })).toEqual([
      'AgentPricing.Tiers[1].name: "PRO" is already the name of tier [0]',
    ]);
  });

  it("refuses text PostgreSQL cannot store, naming each field (NUL, lone surrogates)", () => {
    const nul = "must not contain a NUL character (U+0000)";
    expect(
      issues({
        name: "A\u0000",
        Author: { name: "B\u0000" },
        Tags: ["ok", "t\u0000"],
        Capability: { name: "c", version: "1\u0000" },
        AgentPricing: {
          pricingType: "Fixed",
          Tiers: [{ name: "T\u0000", Pricing: [{ unit: "\u0000", amount: "1" }] }],
        },
        description: "d\uD800",
      }),
    ).toEqual([
      `name: ${nul}`,
      "description: is not valid Unicode (it holds a lone surrogate)",
      `Capability.version: ${nul}`,
      `Author.name: ${nul}`,
      `Tags[1]: ${nul}`,
      `AgentPricing.Tiers[0].name: ${nul}`,
      `AgentPricing.Tiers[0].Pricing[0].unit: ${nul}`,
    ]);
  });

  it("reports all bad fields together", () => {
    expect(issues({ name: "", Tags: [], apiBaseUrl: "x" })).toHaveLength(3);
  });

  it("fails the HTTP layer with a 400 that names the field", () => {
    const bad = {
      ...body,
      AgentPricing: { pricingType: "Fixed", Pricing: [{ unit: "", amount: "-3" }] },
    };
    try {
      parseOr400(registerAgentBody, bad, "body");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).field).toBe("AgentPricing.Pricing[0].amount");
    }
  });
});

describe("updateAgentBody", () => {
  const agentIdentifier = "ab".repeat(28) + "cd".repeat(16);

  it("takes the agent fields and the agent's identifier", () => {
    const parsed = updateAgentBody.parse({
      ...body,
      agentIdentifier: agentIdentifier.toUpperCase(),
    });
    expect(parsed.agentIdentifier).toBe(agentIdentifier);
    expect(parsed.agent.name).toBe("Agent Name");
  });

  it("refuses a malformed identifier and the same bad fields as registration", () => {
    expect(issues({ agentIdentifier: "ab".repeat(28) }, updateAgentBody as never)).toEqual([
      "agentIdentifier: must be a policy id (56 hex) followed by an asset name (2-64 hex)",
    ]);
    expect(issues({ agentIdentifier, Tags: [] }, updateAgentBody as never)).toEqual([
      "Tags: needs at least one tag",
    ]);
  });
});
