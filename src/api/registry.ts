/**
 * `/api/v1/registry…`, the operator side of the agent registry, in the Masumi API's shapes:
 * register (`POST /registry`), update, deregister (pay permission), list this node's agents and
 * resolve one (read permission). Requests are queued; the chain work happens in the workers.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network } from "./fields.ts";
import { registerAgentBody, updateAgentBody } from "../domain/mip002.ts";
import {
  agentByIdentifier,
  RegistryError,
  requestDeregistration,
  requestRegistration,
  requestUpdate,
} from "../services/registry.ts";
import { listRegistrations, PAGE_MAX } from "../services/registry-list.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { entryViews, identifierView } from "./registry-view.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { identifierMetadataAnswer, registrationAnswer } from "./answers/registry.ts";

const agentIdentifier = z
  .string({ error: "is required" })
  .regex(/^[0-9a-fA-F]{57,250}$/, { error: "must be a policy id followed by an asset name (hex)" });

const deregisterBody = z.object({
  network,
  agentIdentifier,
  smartContractAddress: z.string({ error: "must be text" }).max(250).optional(),
});

const listQuery = z.object({
  network: network.optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(PAGE_MAX).default(10),
  cursorId: z.string().max(100).optional(),
  filterStatus: z
    .enum(["Registered", "Deregistered", "Pending", "Failed"], {
      error: "must be Registered, Deregistered, Pending or Failed",
    })
    .optional(),
});

const identifierQuery = z.object({ agentIdentifier, network: network.optional() });

/** Maps the service's expected refusals to HTTP answers. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    const status = err.kind === "invalid" ? 400 : err.kind === "notFound" ? 404 : 409;
    throw new ApiError(status, err.message, err.field);
  }
}

/** The registry routes; `ready` yields the node's context or throws a 503 while it starts. */
export function registryRoutes(ready: () => AuthContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const ctx = () => ({ db: ready().db, network: ready().network, nowMs: nowMs() });
  const checkNetwork = (n: string | undefined) => {
    if (n && n !== ready().network)
      throw new ApiError(400, `network: this node runs on ${ready().network}`, "network");
  };

  r.post(
    "/registry",
    documented({
      summary: "Register an agent: queue the mint of its registry NFT with its metadata",
      description:
        "Answers at once with the registration in state `RegistrationRequested`; the node's " +
        "workers mint the NFT and move the state on (`GET /registry` shows it).",
      tag: "Registry",
      access: "pay",
      body: registerAgentBody,
      answer: registrationAnswer,
      // 409: an Idempotency-Key sent again with another body.
      errors: [409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, registerAgentBody);
      const row = await answering(() => requestRegistration(ctx(), body));
      return c.json({ status: "success", data: (await entryViews(ready().db, [row]))[0] });
    },
  );

  r.post(
    "/registry/update",
    documented({
      summary: "Update an agent's metadata: queue the burn and re-mint of its NFT",
      description:
        "Only an agent in a settled state may be updated (else 409). An update that names no " +
        "price sheet hash keeps the one committed with the agent.",
      tag: "Registry",
      access: "pay",
      body: updateAgentBody,
      answer: registrationAnswer,
      errors: [404, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, updateAgentBody);
      const row = await answering(() => requestUpdate(ctx(), body));
      return c.json({ status: "success", data: (await entryViews(ready().db, [row]))[0] });
    },
  );

  r.post(
    "/registry/deregister",
    documented({
      summary: "Deregister an agent: queue the burn of its registry NFT",
      tag: "Registry",
      access: "pay",
      body: deregisterBody,
      answer: registrationAnswer,
      errors: [404, 409],
    }),
    requirePermission("pay", ready),
    async (c) => {
      const body = await jsonBody(c, deregisterBody);
      const row = await answering(() => requestDeregistration(ctx(), body));
      return c.json({ status: "success", data: (await entryViews(ready().db, [row]))[0] });
    },
  );

  r.get(
    "/registry",
    documented({
      summary: "List this node's registrations, newest first",
      description: "Pass the last entry's `id` as `cursorId` for the next page.",
      tag: "Registry",
      access: "read",
      query: listQuery,
      answer: z.object({ Assets: z.array(registrationAnswer) }),
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, listQuery);
      checkNetwork(q.network);
      const rows = await answering(() => listRegistrations(ctx(), q));
      return c.json({ status: "success", data: { Assets: await entryViews(ready().db, rows) } });
    },
  );

  r.get(
    "/registry/agent-identifier",
    documented({
      summary: "One of this node's agents by its agentIdentifier, with its metadata",
      tag: "Registry",
      access: "read",
      query: identifierQuery,
      answer: identifierMetadataAnswer,
      errors: [404],
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, identifierQuery);
      checkNetwork(q.network);
      const row = await answering(() => agentByIdentifier(ctx(), q.agentIdentifier));
      return c.json({ status: "success", data: identifierView(row) });
    },
  );
  return r;
}
