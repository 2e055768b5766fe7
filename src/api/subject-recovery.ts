/**
 * `POST /api/v1/{payment,purchase}/error-state-recovery` (pay) and `GET /api/v1/{payment,
 * purchase}/{id}` (read). escrowd needs no manual recovery: the submitter retries an action the
 * chain refused for a passing reason, and the watcher follows the chain, so a payment never waits
 * in the peer's WaitingForManualAction. The recovery routes still answer as the peer does for
 * clients that call them: they check that `updatedAt` is the subject's last change (409
 * otherwise, so a client never "clears" a state it has not seen), change nothing, and answer
 * the subject as it is. `GET …/{id}` reads one by its id or its blockchainIdentifier.
 */
import { Hono } from "hono";
import { z } from "zod";
import { network } from "./fields.ts";
import { and, eq, or } from "drizzle-orm";
import { BLOCKCHAIN_IDENTIFIER_LENGTH_MAX } from "../domain/blockchain-identifier.ts";
import { parseTimeMs } from "../domain/payment-times.ts";
import { payments, purchases } from "../db/schema.ts";
import type { Db } from "../db/client.ts";
import type { Network } from "../chain/network.ts";
import type { Principal } from "../services/api-keys.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { checkIdentifier } from "./identifier-check.ts";
import { paymentViews, purchaseViews } from "./subject-views.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { paymentAnswer } from "./answers/payment.ts";
import { purchaseAnswer } from "./answers/purchase.ts";

/** What the recovery routes need of the node beyond authentication. */
export interface SubjectRecoveryContext extends AuthContext {
  policyId: string;
  escrowAddress?: string;
}

const recoveryBody = z.object({
  blockchainIdentifier: z
    .string({ error: "must be text" })
    .min(1, { error: "must not be empty" })
    .max(BLOCKCHAIN_IDENTIFIER_LENGTH_MAX),
  network,
  updatedAt: z.union([z.string().max(40), z.number()], { error: "is required" }),
  retryPreviousAction: z.boolean({ error: "must be true or false" }).optional(),
});
const ID_LENGTH_MAX = BLOCKCHAIN_IDENTIFIER_LENGTH_MAX;
// Any text is read (anything but "true" is false), as before the route was documented.
const readQuery = z.object({
  includeHistory: z.string().optional().meta({ description: '"true" to include ActionHistory' }),
});

type Kind = "payment" | "purchase";

/** One payment or purchase by id or blockchainIdentifier, on this network. */
async function subjectRow(db: Db, kind: Kind, network: Network, idOrIdentifier: string) {
  const table = kind === "payment" ? payments : purchases;
  const [row] = await db
    .select()
    .from(table)
    .where(
      and(
        eq(table.network, network),
        or(eq(table.id, idOrIdentifier), eq(table.blockchainIdentifier, idOrIdentifier)),
      ),
    )
    .limit(1);
  if (!row) throw new ApiError(404, `no ${kind} ${idOrIdentifier.slice(0, 80)}`, "id");
  return row;
}

/** Only the key that created the subject, or an admin, may act on it (as the peer has it). */
function requireCreator(principal: Principal, requestedById: string | null, kind: Kind): void {
  if (principal.canAdmin || requestedById === principal.apiKeyId) return;
  throw new ApiError(403, `only the API key that created this ${kind}, or an admin, may`, "token");
}

/** The recovery routes; `ready` yields the node's context or throws a 503 while it starts. */
export function subjectRecoveryRoutes(ready: () => SubjectRecoveryContext): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const view = async (
    kind: Kind,
    row: Awaited<ReturnType<typeof subjectRow>>,
    includeHistory = false,
  ) =>
    kind === "payment"
      ? (await paymentViews(ready(), [row as typeof payments.$inferSelect], { includeHistory }))[0]
      : (
          await purchaseViews(ready(), [row as typeof purchases.$inferSelect], { includeHistory })
        )[0];

  for (const kind of ["payment", "purchase"] as const) {
    const tag = kind === "payment" ? "Payments" : "Purchases";
    const answer = kind === "payment" ? paymentAnswer : purchaseAnswer;
    r.post(
      `/${kind}/error-state-recovery`,
      documented({
        summary: `Acknowledge a ${kind}'s error state (changes nothing; for the peer's clients)`,
        description:
          `escrowd needs no manual recovery: it retries what the chain refused for a passing ` +
          `reason and follows the chain. The route checks that \`updatedAt\` (ISO 8601 or ` +
          `POSIX ms) is the ${kind}'s last change (409 otherwise) and answers the ${kind} as ` +
          `it is. Only the API key that created it, or an admin.`,
        tag,
        access: "pay",
        body: recoveryBody,
        answer,
        errors: [404, 409],
      }),
      requirePermission("pay", ready),
      async (c) => {
        const body = await jsonBody(c, recoveryBody);
        const ctx = ready();
        if (body.network !== ctx.network)
          throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
        checkIdentifier(body.blockchainIdentifier);
        const updatedAt = parseTimeMs(body.updatedAt);
        if (!updatedAt.ok) throw new ApiError(400, `updatedAt ${updatedAt.message}`, "updatedAt");
        const row = await subjectRow(ctx.db, kind, ctx.network, body.blockchainIdentifier);
        requireCreator(c.get("principal"), row.requestedById, kind);
        if (row.updatedAtMs !== updatedAt.ms)
          throw new ApiError(
            409,
            `updatedAt: the ${kind} changed at ${new Date(row.updatedAtMs).toISOString()}; ` +
              "read it again before recovering",
            "updatedAt",
          );
        return c.json({ status: "success", data: await view(kind, row) });
      },
    );

    r.get(
      `/${kind}/:id`,
      documented({
        summary: `Read one ${kind} by its id or its blockchainIdentifier`,
        tag,
        access: "read",
        query: readQuery,
        answer,
        errors: [404],
      }),
      requirePermission("read", ready),
      async (c) => {
        const id = c.req.param("id");
        if (id.length > ID_LENGTH_MAX) throw new ApiError(400, "id: too long", "id");
        const ctx = ready();
        const row = await subjectRow(ctx.db, kind, ctx.network, id);
        const includeHistory = queryParams(c, readQuery).includeHistory === "true";
        return c.json({ status: "success", data: await view(kind, row, includeHistory) });
      },
    );
  }
  return r;
}
