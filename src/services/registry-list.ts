/**
 * Reading this node's agent registrations: newest first, a bounded page after a cursor, filtered
 * by the peer's status groups.
 */
import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { registryRequests } from "../db/schema.ts";
import { RegistryError, type RegistryRow, type RegistryState } from "./registry.ts";

export type StatusGroup = "Registered" | "Deregistered" | "Pending" | "Failed";

/**
 * The peer's `filterStatus` groups. Pending is anything asked of the chain and not yet settled;
 * an agent whose update or deregistration failed is listed under Failed (it is still on chain).
 */
export const STATUS_GROUPS: Record<StatusGroup, readonly RegistryState[]> = {
  Registered: ["RegistrationConfirmed", "UpdateConfirmed"],
  Deregistered: ["DeregistrationConfirmed"],
  Pending: [
    "RegistrationRequested",
    "RegistrationInitiated",
    "UpdateRequested",
    "UpdateInitiated",
    "DeregistrationRequested",
    "DeregistrationInitiated",
  ],
  Failed: ["RegistrationFailed", "UpdateFailed", "DeregistrationFailed"],
};

export const PAGE_MAX = 100;

/** A page of this node's registrations, newest first, strictly after `cursorId` when given. */
export async function listRegistrations(
  ctx: { db: Db; network: Network },
  opts: { limit: number; cursorId?: string; filterStatus?: StatusGroup },
): Promise<RegistryRow[]> {
  const where: (SQL | undefined)[] = [eq(registryRequests.network, ctx.network)];
  if (opts.filterStatus) {
    where.push(inArray(registryRequests.state, [...STATUS_GROUPS[opts.filterStatus]]));
  }
  if (opts.cursorId) {
    const [cursor] = await ctx.db
      .select({ createdAtMs: registryRequests.createdAtMs })
      .from(registryRequests)
      .where(eq(registryRequests.id, opts.cursorId))
      .limit(1);
    if (!cursor) throw new RegistryError("invalid", "cursorId: no such registry entry", "cursorId");
    where.push(
      or(
        lt(registryRequests.createdAtMs, cursor.createdAtMs),
        and(
          eq(registryRequests.createdAtMs, cursor.createdAtMs),
          lt(registryRequests.id, opts.cursorId),
        ),
      ),
    );
  }
  return ctx.db
    .select()
    .from(registryRequests)
    .where(and(...where))
    .orderBy(desc(registryRequests.createdAtMs), desc(registryRequests.id))
    .limit(Math.min(Math.max(opts.limit, 1), PAGE_MAX));
}
