/**
 * Price sheets over HTTP:
 * - `PUT /registry/price-sheet {network, agentIdentifier, priceSheet}` (pay permission): publish
 *   the sheet of an agent this node holds and queue the registry update that commits its hash;
 * - `GET /registry/price-sheet?network=&agentIdentifier=` (read permission): the sheet of one of
 *   this node's agents, with its registry state;
 * - `GET /price-sheets/{agentIdentifier}` (public, no key): the served sheet, its hash, the hash
 *   on chain and whether they match, for a buyer to check the sheet it was quoted.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { formatPath } from "../domain/pricing-fields.ts";
import { parsePriceSheet, toWireSheet, type PriceSheet } from "../domain/price-sheet.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import { publishSheet } from "../services/price-sheet-publish.ts";
import { lookupSheet, type SheetLookup } from "../services/price-sheets.ts";
import { agentByIdentifier, RegistryError } from "../services/registry.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { network } from "./fields.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { ownSheetAnswer, publishedSheetAnswer, servedSheetAnswer } from "./answers/pricing.ts";

/** What the routes need: the database, the network and the registry policy. */
export interface PriceSheetContext extends AuthContext {
  db: Db;
  network: Network;
  policyId: string;
}

const agentIdentifier = z
  .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
  .max(250, { error: "must be at most 250 characters" })
  .transform((raw, ctx) => {
    const id = normaliseAgentIdentifier(raw);
    if (id !== null) return id;
    const message = "must be a policy id followed by an asset name (hex), 114 or 120 characters";
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

// The sheet is read by parsePriceSheet, whose problems name `priceSheet.<field>`.
const putBody = z.object({ network, agentIdentifier, priceSheet: z.unknown() });
const ownQuery = z.object({ network, agentIdentifier });
const publicParams = z.object({ agentIdentifier });

/** The sheet of the body, or a 400 naming `priceSheet.<field>` (the first problem). */
function sheetOf(raw: unknown): PriceSheet {
  if (raw === undefined || raw === null) {
    throw new ApiError(400, "priceSheet: is required", "priceSheet");
  }
  const read = parsePriceSheet(raw);
  if (read.ok) return read.sheet;
  const first = read.problems[0];
  const path = first === undefined ? "" : formatPath(first.path);
  const field = path === "" ? "priceSheet" : `priceSheet.${path}`;
  throw new ApiError(400, `${field}: ${first?.message ?? read.message}`, field);
}

/** Maps the registry service's expected refusals to HTTP answers. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    const status = err.kind === "invalid" ? 400 : err.kind === "notFound" ? 404 : 409;
    throw new ApiError(status, err.message, err.field);
  }
}

/** The public view of a served sheet. */
export function sheetView(found: SheetLookup) {
  return {
    agentIdentifier: found.agentIdentifier,
    priceSheet: toWireSheet(found.served.sheet),
    hash: found.served.hash,
    onChainHash: found.onChainHash,
    matchesChain: found.matchesChain,
  };
}

/** The price sheet routes; mount under `/api/v1`. */
export function priceSheetRoutes(ctx: () => PriceSheetContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const scope = () => ({ network: ctx().network, policyId: ctx().policyId });

  r.put(
    "/registry/price-sheet",
    documented({
      summary: "Publish the price sheet of one of this node's agents",
      description:
        "Stores the sheet and, when the agent's on-chain metadata does not yet commit its hash, " +
        "queues the registry update that does (`committing`). A sheet that contradicts the " +
        "agent's registered pricing is refused (409, naming the field).",
      tag: "Price sheets",
      access: "pay",
      body: putBody,
      answer: publishedSheetAnswer,
      errors: [404, 409],
    }),
    requirePermission("pay", ctx),
    async (c) => {
      const body = await jsonBody(c, putBody);
      const sheet = sheetOf(body.priceSheet);
      const { db, network: net } = ctx();
      const published = await answering(() =>
        publishSheet({ db, network: net, nowMs: nowMs() }, { ...body, sheet }),
      );
      return c.json({
        status: "success",
        data: {
          agentIdentifier: published.row.agentIdentifier,
          priceSheet: toWireSheet(sheet),
          hash: published.hash,
          committing: published.committing,
          registryState: published.row.state,
        },
      });
    },
  );

  r.get(
    "/registry/price-sheet",
    documented({
      summary: "The price sheet of one of this node's agents, with its registration state",
      tag: "Price sheets",
      access: "read",
      query: ownQuery,
      answer: ownSheetAnswer,
      errors: [404],
    }),
    requirePermission("read", ctx),
    async (c) => {
      const q = queryParams(c, ownQuery);
      const { db, network: net } = ctx();
      if (q.network !== net) {
        throw new ApiError(400, `network: this node runs on ${net}`, "network");
      }
      const row = await answering(() => agentByIdentifier({ db, network: net }, q.agentIdentifier));
      const found = await lookupSheet(db, scope(), row.agentIdentifier!);
      if (found === null) {
        throw new ApiError(404, "agentIdentifier: no price sheet published", "agentIdentifier");
      }
      return c.json({
        status: "success",
        data: { ...sheetView(found), registryState: row.state },
      });
    },
  );

  // Public: no requirePermission, like the explorer's routes; the sheet is published data.
  r.get(
    "/price-sheets/:agentIdentifier",
    documented({
      summary: "The price sheet this node serves for an agent, and whether the chain commits it",
      description:
        "For a buyer to check the sheet it was quoted: `hash` is recomputable from the sheet, " +
        "`onChainHash` is what the agent's registry metadata commits.",
      tag: "Price sheets",
      access: "public",
      answer: servedSheetAnswer,
      // 401, 429: a token sent is checked (and rate-limited), even on a public route.
      errors: [401, 404, 429],
    }),
    async (c) => {
      const p = publicParams.safeParse({ agentIdentifier: c.req.param("agentIdentifier") });
      if (!p.success) {
        const message = `agentIdentifier: ${p.error.issues[0]!.message}`;
        throw new ApiError(400, message, "agentIdentifier");
      }
      const found = await lookupSheet(ctx().db, scope(), p.data.agentIdentifier);
      if (found === null) {
        throw new ApiError(404, "agentIdentifier: no price sheet published", "agentIdentifier");
      }
      return c.json({ status: "success", data: sheetView(found) });
    },
  );
  return r;
}
