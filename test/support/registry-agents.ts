/** Sample agents for the registry explorer's tests, one per pricing mode, and junk metadata. */
import { DEVNET_USDM_UNIT } from "../../src/devnet/index.ts";
import type { AgentMetadata } from "../../src/domain/mip002.ts";

const LONG_DESCRIPTION =
  "Translates text between forty languages, keeping formatting; this sentence is longer " +
  "than sixty-four bytes so that it is chunked on chain — with a multi-byte dash.";

/** Fixed price in USDM and ADA, with every optional field. */
export const TRANSLATOR: AgentMetadata = {
  name: "Translator",
  description: LONG_DESCRIPTION,
  apiBaseUrl: "https://translate.example.com/api",
  exampleOutputs: [
    { name: "sample", mimeType: "text/plain", url: "https://translate.example.com/s.txt" },
  ],
  capability: { name: "polyglot-llm", version: "2.1" },
  author: { name: "Ada", contactEmail: "ada@example.com", organization: "Lovelace Labs" },
  legal: { terms: "https://translate.example.com/terms" },
  tags: ["translate", "text"],
  pricing: {
    kind: "fixed",
    prices: [
      { unit: DEVNET_USDM_UNIT, amount: 5_000_000n },
      { unit: "lovelace", amount: 2_000_000n },
    ],
  },
  image: "ipfs://translator",
};

export const PAINTER: AgentMetadata = {
  name: "Painter",
  description: "Paints pictures from prompts",
  apiBaseUrl: "https://paint.example.com",
  exampleOutputs: [],
  author: { name: "Bob" },
  tags: ["image"],
  pricing: { kind: "free" },
};

export const PAINTER_V2: AgentMetadata = {
  ...PAINTER,
  description: "Paints pictures and now animations too",
  tags: ["image", "video"],
  pricing: { kind: "fixed", prices: [{ unit: "lovelace", amount: 3_000_000n }] },
};

export const SUMMARISER: AgentMetadata = {
  name: "Summariser",
  apiBaseUrl: "http://sum.example.com",
  exampleOutputs: [],
  capability: { name: "Polyglot-LLM", version: "1" },
  author: { name: "Cy" },
  tags: ["text", "summary"],
  pricing: {
    kind: "tiered",
    tiers: [
      { name: "Basic", prices: [{ unit: DEVNET_USDM_UNIT, amount: 1_000_000n }] },
      { name: "Pro", prices: [{ unit: DEVNET_USDM_UNIT, amount: 9_000_000n }] },
    ],
  },
};

export const ORACLE: AgentMetadata = {
  name: "Oracle 100%_sure",
  apiBaseUrl: "https://oracle.example.com",
  exampleOutputs: [],
  author: { name: "Dee" },
  tags: ["prediction"],
  pricing: { kind: "dynamic" },
};

/** Another tool's junk: wrong types, a description over 250 characters, too many tags. */
export const JUNK_METADATA = {
  name: 42,
  description: Array.from({ length: 5 }, () => "x".repeat(60)),
  api_base_url: "not a url",
  author: { name: "Mallory" },
  tags: Array.from({ length: 16 }, (_, i) => `t${i}`),
  agentPricing: { pricingType: "Fixed", fixedPricing: [{ unit: "", amount: "-5" }] },
  metadata_version: "1",
};
