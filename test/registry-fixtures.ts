/** Request bodies for the registry tests: a valid agent, and one bad variant per checked field. */

/** The preprod tUSDM unit (FACTS.md). */
export const TUSDM = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";

/** A complete `POST /registry` body. */
export function agentBody(
  vkey: string,
  name: string,
  AgentPricing: unknown,
): Record<string, unknown> {
  return {
    network: "Preprod",
    sellingWalletVkey: vkey,
    name,
    description:
      "Summarises documents; a description longer than sixty-four bytes, so it is chunked.",
    apiBaseUrl: "https://agents.example.com/summariser",
    Capability: { name: "summariser", version: "1.2.0" },
    Author: { name: "Ada Lovelace", contactEmail: "ada@example.com", organization: "Analytical" },
    Legal: { privacyPolicy: "https://example.com/privacy", terms: "https://example.com/terms" },
    Tags: ["summary", "documents", "ünïcödé"],
    ExampleOutputs: [{ name: "report", mimeType: "text/plain", url: "https://example.com/r.txt" }],
    AgentPricing,
  };
}

const FIXED = { pricingType: "Fixed", Pricing: [{ unit: "lovelace", amount: "1000000" }] };

/** Each case: the body, the field the 400 must name, and what is wrong. */
export function BAD_INPUTS(vkey: string, purchasingVkey: string) {
  const ok = agentBody(vkey, "Good agent", FIXED);
  const price = (p: unknown) => ({ ...ok, AgentPricing: p });
  return [
    { why: "empty name", field: "name", body: { ...ok, name: " " } },
    { why: "over-long name", field: "name", body: { ...ok, name: "n".repeat(251) } },
    {
      why: "16 tags",
      field: "Tags",
      body: { ...ok, Tags: Array.from({ length: 16 }, (_, i) => `t${i}`) },
    },
    { why: "tag over 64 bytes", field: "Tags[0]", body: { ...ok, Tags: ["é".repeat(33)] } },
    { why: "non-URL apiBaseUrl", field: "apiBaseUrl", body: { ...ok, apiBaseUrl: "not a url" } },
    {
      why: "negative amount",
      field: "AgentPricing.Pricing[0].amount",
      body: price({ pricingType: "Fixed", Pricing: [{ unit: "lovelace", amount: "-1" }] }),
    },
    {
      why: "non-integer amount",
      field: "AgentPricing.Pricing[0].amount",
      body: price({ pricingType: "Fixed", Pricing: [{ unit: "lovelace", amount: "1.5" }] }),
    },
    {
      why: "unknown unit",
      field: "AgentPricing.Pricing[0].unit",
      body: price({ pricingType: "Fixed", Pricing: [{ unit: "usd", amount: "1" }] }),
    },
    {
      why: "Fixed without amounts",
      field: "AgentPricing.Pricing",
      body: price({ pricingType: "Fixed" }),
    },
    {
      why: "Free with amounts",
      field: "AgentPricing.Pricing",
      body: price({ pricingType: "Free", Pricing: [{ unit: "lovelace", amount: "1" }] }),
    },
    {
      why: "a wallet that is not this node's",
      field: "sellingWalletVkey",
      body: { ...ok, sellingWalletVkey: "cd".repeat(28) },
    },
    {
      why: "this node's purchasing wallet",
      field: "sellingWalletVkey",
      body: { ...ok, sellingWalletVkey: purchasingVkey },
    },
    { why: "another network", field: "network", body: { ...ok, network: "Mainnet" } },
  ];
}
