/**
 * `GET /api/v1/registry/wallet` (read): the agents a wallet holds, by its vkey, as the explorer's
 * index of the chain shows them, in the peer's `AgentMetadata` shape. `DELETE /api/v1/registry`
 * (admin): removes this node's record of a registration that is over (RegistrationFailed or
 * DeregistrationConfirmed), as the peer allows; the chain is not touched.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network } from "./fields.ts";
import { agentsHeldBy, deleteRegistration } from "../services/registry-records.ts";
import { RegistryError } from "../services/registry.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { agentOf } from "./registry-entry-view.ts";
import { entryViews, identifierMetadataView } from "./registry-view.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { heldAgentAnswer, registrationAnswer } from "./answers/registry.ts";

/** What the registry record routes need of the node beyond authentication. */
export interface RegistryRecordsContext extends AuthContext {
  policyId: string;
  escrowAddress?: string;
}

const walletQuery = z.object({
  walletVkey: z
    .string({ error: "is required" })
    .regex(/^[0-9a-fA-F]{56}$/, { error: "must be a payment key hash (56 hex)" })
    .transform((v) => v.toLowerCase()),
  network,
  smartContractAddress: z.string({ error: "must be text" }).max(250).optional(),
});
const deleteBody = z.object({ id: z.string({ error: "is required" }).min(1).max(250) });

/** The registry record routes; `ready` yields the node's context or throws a 503 while it starts. */
export function registryRecordRoutes(ready: () => RegistryRecordsContext): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();

  r.get(
    "/registry/wallet",
    documented({
      summary: "The agents a wallet holds, by its payment key hash, as indexed from the chain",
      description:
        "Agents with invalid metadata are left out. A `smartContractAddress` other than this " +
        "node's escrow address answers an empty list.",
      tag: "Registry",
      access: "read",
      query: walletQuery,
      answer: z.object({ Assets: z.array(heldAgentAnswer) }),
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, walletQuery);
      const ctx = ready();
      if (q.network !== ctx.network)
        throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
      if (q.smartContractAddress !== undefined && q.smartContractAddress !== ctx.escrowAddress)
        return c.json({ status: "success", data: { Assets: [] } });
      const rows = await agentsHeldBy(ctx.db, ctx, q.walletVkey);
      const Assets = rows.flatMap((row) => {
        const agent = agentOf(row);
        if (!agent) return [];
        const { policyId, assetName, agentIdentifier } = row;
        // Only the ids: the index row's other columns are the node's bookkeeping.
        return [identifierMetadataView(agent, { policyId, assetName, agentIdentifier })];
      });
      return c.json({ status: "success", data: { Assets } });
    },
  );

  r.delete(
    "/registry",
    documented({
      summary: "Delete this node's record of a finished registration",
      description:
        "Only a registration in state `RegistrationFailed` or `DeregistrationConfirmed` " +
        "(else 409); the chain is not touched. Answers the record as it was.",
      tag: "Registry",
      access: "admin",
      body: deleteBody,
      answer: registrationAnswer,
      errors: [404, 409],
    }),
    requirePermission("admin", ready),
    async (c) => {
      const body = await jsonBody(c, deleteBody);
      const ctx = ready();
      try {
        const row = await deleteRegistration(ctx.db, ctx.network, body.id);
        return c.json({ status: "success", data: (await entryViews(ctx.db, [row]))[0] });
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err;
        throw new ApiError(err.kind === "notFound" ? 404 : 409, err.message, err.field);
      }
    },
  );
  return r;
}
