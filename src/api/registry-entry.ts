/**
 * The public registry explorer (no API key: everything here is on chain anyway):
 * - `GET /registry-entry`: agents under the registry policy, filtered, cursor-paginated;
 * - `GET /registry-entry/search?q=`: the same, narrowed to text in name, description or tags;
 * - `GET /payment-information?agentIdentifier=`: what a buyer needs to pay an agent.
 *
 * `payment-information` answers 404 for an agent never seen, 410 for one whose NFT was burned
 * (deregistered: it can no longer be paid), and 409 for one that exists but cannot be paid
 * safely: invalid metadata (nothing trustworthy to price a job with) or an NFT held at a script
 * address (no seller key to check a payment request against). Each says why.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { TAGS_MAX } from "../domain/mip002.ts";
import { parseUnit } from "../domain/pricing.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import { utf8ByteLength } from "../domain/metadata-chunks.ts";
import { servedHashes } from "../services/price-sheets.ts";
import { getEntry, listEntries, type EntryFilter } from "../services/registry-query.ts";
import { ApiError } from "./errors.ts";
import { agentView } from "./agent-view.ts";
import { agentOf, entryView } from "./registry-entry-view.ts";
import { paymentInformationView } from "./payment-information-view.ts";
import { queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { explorerPageAnswer, paymentInformationAnswer } from "./answers/registry.ts";

/** What the routes read: the database, and which network and registry policy they serve. */
export interface RegistryEntryContext {
  db: Db;
  network: Network;
  policyId: string;
}

const TAG_BYTES_MAX = 64;
const SEARCH_TEXT_MAX = 100;

const identifier = z
  .string()
  .max(250)
  .transform((raw, ctx) => {
    const id = normaliseAgentIdentifier(raw);
    if (id === null) {
      ctx.addIssue({
        code: "custom",
        message: "must be a policy id followed by an asset name (hex), e.g. 114 or 120 characters",
      });
      return z.NEVER;
    }
    return id;
  });

// Query strings carry single values, so several tags come comma-separated ("a,b").
const tags = z
  .string()
  .max((TAG_BYTES_MAX + 1) * TAGS_MAX * 4)
  .transform((s) => [...new Set(s.split(",").map((t) => t.trim()))].filter((t) => t !== ""))
  .refine((list) => list.length <= TAGS_MAX, `at most ${TAGS_MAX} tags`)
  .refine(
    (list) => list.every((t) => utf8ByteLength(t) <= TAG_BYTES_MAX),
    `each tag at most ${TAG_BYTES_MAX} bytes`,
  );

const unit = z
  .string()
  .max(150)
  .transform((raw, ctx) => {
    const parsed = parseUnit(raw);
    if (parsed.ok) return parsed.unit;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  cursorId: identifier.optional().meta({ description: "the previous page's `nextCursor`" }),
  tags: tags.optional().meta({ description: "comma-separated; agents with any of them" }),
  capability: z.string().trim().min(1).max(250).optional().meta({ description: "capability name" }),
  pricingType: z.enum(["Free", "Fixed", "Dynamic"]).optional(),
  unit: unit.optional().meta({
    description: 'agents priced in this unit: `lovelace` (or "") or policy id + asset name hex',
  }),
  holderAddress: z
    .string()
    .max(200)
    .regex(/^[0-9A-Za-z_]+$/, "must be an address")
    .optional()
    .meta({ description: "agents whose NFT this address holds" }),
  status: z
    .enum(["active", "burned", "Active", "Burned"])
    .transform((s) => s.toLowerCase() as "active" | "burned")
    .optional(),
  valid: z
    .enum(["true", "false"])
    .transform((s) => s === "true")
    .optional()
    .meta({ description: "whether the on-chain metadata is valid MIP-002" }),
});

const searchQuery = listQuery.extend({
  q: z.string().trim().min(1).max(SEARCH_TEXT_MAX),
});

const paymentInfoQuery = z.object({ agentIdentifier: identifier });

type ListQuery = z.output<typeof listQuery>;

function filterOf(q: ListQuery, text?: string): EntryFilter {
  return {
    tags: q.tags,
    capability: q.capability,
    pricingType: q.pricingType,
    unit: q.unit,
    holderAddress: q.holderAddress,
    status: q.status,
    valid: q.valid,
    text,
  };
}

/** The explorer's routes; mount under `/api/v1`. No authentication: the data is public. */
export function registryEntryRoutes(ctx: () => RegistryEntryContext): Hono {
  const page = async (q: ListQuery, text?: string) => {
    const { db, network, policyId } = ctx();
    const result = await listEntries(db, { network, policyId }, filterOf(q, text), {
      limit: q.limit,
      cursorId: q.cursorId,
    });
    const ids = result.rows.map((r) => r.agentIdentifier);
    const served = await servedHashes(db, network, ids);
    const entries = result.rows.map((r) => entryView(r, served.get(r.agentIdentifier)));
    return {
      status: "success" as const,
      data: { RegistryEntries: entries, nextCursor: result.nextCursor },
    };
  };
  return new Hono()
    .get(
      "/registry-entry",
      documented({
        summary: "Browse the agents registered on chain under the node's registry policy",
        description:
          "Every agent the node's indexer has seen, valid or not, active or burned, filtered " +
          "and cursor-paginated. Several `tags` are comma-separated; an entry matches if it has " +
          "any of them. Pass `nextCursor` as `cursorId` for the next page.",
        tag: "Registry explorer",
        access: "public",
        query: listQuery,
        answer: explorerPageAnswer,
        // 401, 429: a token sent is checked (and rate-limited), even on a public route.
        errors: [401, 429],
      }),
      async (c) => c.json(await page(queryParams(c, listQuery))),
    )
    .get(
      "/registry-entry/search",
      documented({
        summary: "Search the registered agents for text in name, description or tags",
        description: "The same filters and pages as `GET /registry-entry`, narrowed by `q`.",
        tag: "Registry explorer",
        access: "public",
        query: searchQuery,
        answer: explorerPageAnswer,
        // 401, 429: a token sent is checked (and rate-limited), even on a public route.
        errors: [401, 429],
      }),
      async (c) => {
        const q = queryParams(c, searchQuery);
        return c.json(await page(q, q.q));
      },
    )
    .get(
      "/payment-information",
      documented({
        summary: "What a buyer needs to pay an agent: its pricing and seller wallet",
        description:
          "404 for an agent never seen, 410 for one deregistered (its NFT burned), 409 for one " +
          "that cannot be paid safely: invalid metadata, or its NFT held at a script address. " +
          "Answers escrowd's shape and the Masumi registry service's field names at once.",
        tag: "Registry explorer",
        access: "public",
        query: paymentInfoQuery,
        answer: paymentInformationAnswer,
        // 401, 429: a token sent is checked (and rate-limited), even on a public route.
        errors: [401, 404, 409, 410, 429],
      }),
      async (c) => {
        const { agentIdentifier } = queryParams(c, paymentInfoQuery);
        const { db, network, policyId } = ctx();
        const row = await getEntry(db, { network, policyId }, agentIdentifier);
        const field = "agentIdentifier";
        if (row === undefined) throw new ApiError(404, `no agent ${agentIdentifier}`, field);
        if (row.status === "burned") {
          throw new ApiError(410, `agent ${agentIdentifier} was deregistered (NFT burned)`, field);
        }
        const agent = agentOf(row);
        if (agent === null) {
          const reasons = row.invalidReasons.join("; ");
          throw new ApiError(
            409,
            `agent ${agentIdentifier} has invalid metadata: ${reasons}`,
            field,
          );
        }
        if (row.holderAddress === null || row.holderPaymentKeyHash === null) {
          throw new ApiError(409, `agent ${agentIdentifier} is not held by a key address`, field);
        }
        const data = paymentInformationView(
          agentView(agent),
          {
            agentIdentifier: row.agentIdentifier,
            policyId: row.policyId,
            assetName: row.assetName,
          },
          { address: row.holderAddress, vkey: row.holderPaymentKeyHash },
        );
        return c.json({ status: "success", data });
      },
    );
}
