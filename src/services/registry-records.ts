/**
 * Two registry reads and one removal the peer's API has beside the registration flow: the agents
 * a wallet holds (from the explorer's index of the chain), and the removal of this node's record
 * of a registration that is over (failed, or deregistered on chain). Removing the record never
 * touches the chain; the explorer's index keeps what the chain shows.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { registryIndex, registryRequests } from "../db/schema.ts";
import type { Network } from "../chain/network.ts";
import type { IndexRow, IndexScope } from "./registry-query.ts";
import { RegistryError, type RegistryRow, type RegistryState } from "./registry.ts";

/** At most this many agents of one wallet are answered. */
export const HELD_AGENTS_MAX = 100;

/** The states in which a registration is over, and its record may go. */
export const DELETABLE_STATES: readonly RegistryState[] = [
  "RegistrationFailed",
  "DeregistrationConfirmed",
];

/** Valid, unburned agents whose NFT the wallet with this payment key hash holds. */
export async function agentsHeldBy(
  db: Db,
  scope: IndexScope,
  paymentKeyHash: string,
): Promise<IndexRow[]> {
  return db
    .select()
    .from(registryIndex)
    .where(
      and(
        eq(registryIndex.network, scope.network),
        eq(registryIndex.policyId, scope.policyId),
        eq(registryIndex.holderPaymentKeyHash, paymentKeyHash),
        eq(registryIndex.status, "active"),
        eq(registryIndex.valid, true),
      ),
    )
    .orderBy(asc(registryIndex.agentIdentifier))
    .limit(HELD_AGENTS_MAX);
}

/** Removes this node's record of a registration that is over; answers the removed row. */
export async function deleteRegistration(
  db: Db,
  network: Network,
  id: string,
): Promise<RegistryRow> {
  const [row] = await db
    .select()
    .from(registryRequests)
    .where(and(eq(registryRequests.id, id), eq(registryRequests.network, network)))
    .limit(1);
  if (!row) throw new RegistryError("notFound", `id: no registration ${id}`, "id");
  if (!DELETABLE_STATES.includes(row.state))
    throw new RegistryError(
      "conflict",
      `id: registration ${id} is ${row.state}; only ${DELETABLE_STATES.join(" or ")} may be deleted`,
      "id",
    );
  await db.delete(registryRequests).where(eq(registryRequests.id, id));
  return row;
}
