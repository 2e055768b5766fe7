/**
 * The registration request body, named as the peer's API names it (`POST /registry`: `name`,
 * `apiBaseUrl`, `Capability`, `Author`, `Legal`, `Tags`, `ExampleOutputs`, `AgentPricing`, …),
 * checked with the same rules as on-chain metadata and mapped to the domain agent. Every bad
 * field is its own issue whose path names it (`AgentPricing.Pricing[0].amount`).
 *
 * Beyond the peer: `AgentPricing.Tiers` (several named prices), an optional `image`, and
 * optional `description`, `Capability` and `ExampleOutputs`. A V2-only body
 * (`supportedPaymentSources`) or `verifications`, which this node would not write, is refused.
 */
import { z } from "zod";
import {
  type AgentMetadata,
  checkText,
  EXAMPLE_OUTPUTS_MAX,
  type Legal,
  TAGS_MAX,
  TEXT_RULES,
  type TextRule,
} from "./mip002-agent.ts";
import { type Problem, problem, within } from "./pricing-fields.ts";
import { type Pricing, readPrices, readTiers } from "./pricing.ts";

const mustBeText = (iss: { input?: unknown }) =>
  iss.input === undefined ? "is required" : "must be text";

function text(rule: TextRule) {
  return z.string({ error: mustBeText }).superRefine((s, ctx) => {
    const message = checkText(s, rule);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

/** Optional text: missing, null and "" all mean absent. */
function optionalText(rule: TextRule) {
  return z
    .string({ error: "must be text" })
    .nullish()
    .superRefine((s, ctx) => {
      const message = s ? checkText(s, rule) : undefined;
      if (message) ctx.addIssue({ code: "custom", message });
    })
    .transform((s) => (s ? s : undefined));
}

const REQUEST = { onChain: false };

function readRequestPricing(raw: unknown): { pricing?: Pricing; problems: Problem[] } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { problems: [problem([], "must be an object {pricingType, …}")] };
  }
  const body = raw as Record<string, unknown>;
  const given = (key: string) => body[key] !== undefined && body[key] !== null;
  const type = body.pricingType;
  if (type === "Free" || type === "Dynamic") {
    const amounts = ["Pricing", "Tiers"].filter(
      (k) => given(k) && !(Array.isArray(body[k]) && (body[k] as unknown[]).length === 0),
    );
    const why =
      type === "Free"
        ? "a Free agent takes no amounts"
        : "a Dynamic agent takes no amounts; they are set per job";
    if (amounts.length > 0) return { problems: amounts.map((k) => problem([k], why)) };
    return { pricing: { kind: type === "Free" ? "free" : "dynamic" }, problems: [] };
  }
  if (type !== "Fixed") {
    return { problems: [problem(["pricingType"], "must be Free, Fixed or Dynamic")] };
  }
  if (given("Pricing") && given("Tiers")) {
    return { problems: [problem(["Tiers"], "give either Pricing (one price) or Tiers, not both")] };
  }
  if (given("Tiers")) {
    const read = readTiers(body.Tiers, "Pricing", REQUEST);
    const problems = within(["Tiers"], read.problems);
    return read.tiers ? { pricing: { kind: "tiered", tiers: read.tiers }, problems } : { problems };
  }
  if (!given("Pricing")) {
    return { problems: [problem(["Pricing"], "a Fixed price needs at least one amount")] };
  }
  const read = readPrices(body.Pricing, REQUEST);
  const problems = within(["Pricing"], read.problems);
  return read.prices ? { pricing: { kind: "fixed", prices: read.prices }, problems } : { problems };
}

const agentPricing = z.unknown().transform((raw, ctx): Pricing => {
  if (raw === undefined || raw === null) {
    ctx.addIssue({ code: "custom", message: "is required: {pricingType: Free | Fixed | Dynamic}" });
    return z.NEVER;
  }
  const read = readRequestPricing(raw);
  for (const p of read.problems) ctx.addIssue({ code: "custom", message: p.message, path: p.path });
  return read.pricing ?? z.NEVER;
});

const exampleOutput = z.object(
  {
    name: text(TEXT_RULES.exampleName),
    url: text(TEXT_RULES.exampleUrl),
    mimeType: text(TEXT_RULES.exampleMimeType),
  },
  { error: "must be an object {name, url, mimeType}" },
);

const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item, { error: mustBeListOf(what) }).max(max, { error: `at most ${max} ${what}` });

function mustBeListOf(what: string) {
  return (iss: { input?: unknown }) =>
    iss.input === undefined ? "is required" : `must be a list of ${what}`;
}

/** A field of the peer's API that this node refuses rather than silently drops. */
const refused = (why: string) => z.undefined({ error: why }).optional();

/** The fields that describe the agent, shared by registration and update. */
export const agentFields = {
  name: text(TEXT_RULES.name),
  description: optionalText(TEXT_RULES.description),
  apiBaseUrl: text(TEXT_RULES.apiBaseUrl),
  ExampleOutputs: list(exampleOutput, EXAMPLE_OUTPUTS_MAX, "example outputs").optional(),
  Capability: z
    .object(
      { name: text(TEXT_RULES.capabilityName), version: text(TEXT_RULES.capabilityVersion) },
      { error: "must be an object {name, version}" },
    )
    .optional(),
  Author: z.object(
    {
      name: text(TEXT_RULES.authorName),
      contactEmail: optionalText(TEXT_RULES.contact),
      contactOther: optionalText(TEXT_RULES.contact),
      organization: optionalText(TEXT_RULES.contact),
    },
    { error: (iss) => (iss.input === undefined ? "is required" : "must be an object {name, …}") },
  ),
  Legal: z
    .object(
      {
        privacyPolicy: optionalText(TEXT_RULES.legal),
        terms: optionalText(TEXT_RULES.legal),
        other: optionalText(TEXT_RULES.legal),
      },
      { error: "must be an object {privacyPolicy, terms, other}" },
    )
    .nullish(),
  Tags: list(text(TEXT_RULES.tag), TAGS_MAX, "tags").min(1, { error: "needs at least one tag" }),
  AgentPricing: agentPricing,
  image: optionalText(TEXT_RULES.image),
  supportedPaymentSources: refused("V2 payment sources are not supported; use AgentPricing"),
  verifications: refused("verifications are not supported by this node"),
};

type AgentFields = z.output<z.ZodObject<typeof agentFields>>;

/** Leaves out the keys whose value is undefined. */
function dropAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Maps the request's agent fields to the domain agent. */
export function toAgent(body: AgentFields): AgentMetadata {
  const legal: Legal | undefined = body.Legal ? dropAbsent(body.Legal) : undefined;
  return dropAbsent({
    name: body.name,
    description: body.description,
    apiBaseUrl: body.apiBaseUrl,
    exampleOutputs: body.ExampleOutputs ?? [],
    capability: body.Capability,
    author: dropAbsent(body.Author),
    legal: legal && Object.keys(legal).length > 0 ? legal : undefined,
    tags: body.Tags,
    pricing: body.AgentPricing,
    image: body.image,
  });
}

const NETWORKS = { Preprod: "preprod", Mainnet: "mainnet" } as const;

/** Fields of the request that say where and how to mint, shared by registration and update. */
export const mintFields = {
  network: z
    .enum(["Preprod", "Mainnet"], { error: "must be Preprod or Mainnet" })
    .transform((n) => NETWORKS[n]),
  recipientWalletAddress: z
    .string({ error: "must be text" })
    .min(58, { error: "must be a bech32 address (58 to 120 characters)" })
    .max(120, { error: "must be a bech32 address (58 to 120 characters)" })
    .regex(/^(addr1|addr_test1)[0-9a-z]+$/, {
      error: "must be a bech32 address (addr1… or addr_test1…)",
    })
    .optional(),
  sendFundingLovelace: z
    .string({ error: 'must be an integer string, e.g. "7500000"' })
    .regex(/^[0-9]{1,17}$/, { error: 'must be an integer string of lovelace, e.g. "7500000"' })
    .transform(BigInt)
    .optional(),
};

/** `POST /registry`: the body, checked and mapped to `{network, sellingWalletVkey, …, agent}`. */
export const registerAgentBody = z
  .object({
    ...mintFields,
    sellingWalletVkey: z
      .string({ error: mustBeText })
      .regex(/^[0-9a-fA-F]{56}$/, { error: "must be a payment key hash (56 hex)" })
      .transform((v) => v.toLowerCase()),
    ...agentFields,
  })
  .transform((body) => ({
    network: body.network,
    sellingWalletVkey: body.sellingWalletVkey,
    recipientWalletAddress: body.recipientWalletAddress,
    sendFundingLovelace: body.sendFundingLovelace,
    agent: toAgent(body),
  }));

export type RegistrationRequest = z.output<typeof registerAgentBody>;

/** `POST /registry/update`: the same agent fields for an agent already minted. */
export const updateAgentBody = z
  .object({
    ...mintFields,
    agentIdentifier: z
      .string({ error: mustBeText })
      .regex(/^[0-9a-fA-F]{56}(?:[0-9a-fA-F]{2}){1,32}$/, {
        error: "must be a policy id (56 hex) followed by an asset name (2-64 hex)",
      })
      .transform((v) => v.toLowerCase()),
    smartContractAddress: z.string({ error: "must be text" }).max(250).optional(),
    ...agentFields,
  })
  .transform((body) => ({
    network: body.network,
    agentIdentifier: body.agentIdentifier,
    recipientWalletAddress: body.recipientWalletAddress,
    sendFundingLovelace: body.sendFundingLovelace,
    agent: toAgent(body),
  }));

export type UpdateRequest = z.output<typeof updateAgentBody>;
