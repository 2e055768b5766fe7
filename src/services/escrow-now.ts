/**
 * An escrow as the watcher last read it: its latest event, its datum decoded, and what it holds
 * per unit. The metered routes bound vouchers and claims by it (what the escrow still holds,
 * what vouchers already redeemed), the way the validator will.
 */
import { and, desc, eq } from "drizzle-orm";
import { type EscrowDatum } from "../../contracts/index.ts";
import { escrowDatumOf } from "../chain/datum.ts";
import { networkId, type Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { escrowEvents } from "../db/schema.ts";
import { LOVELACE, type WireAmount } from "../domain/amounts.ts";
import type { EscrowEvent } from "./escrow-events.ts";

export interface EscrowNow {
  event: EscrowEvent;
  /** Null once the escrow has ended (an end event has no datum). */
  datum: EscrowDatum | null;
  /** What the output holds, per unit (lovelace as `lovelace`), as the watcher stored it. */
  value: Map<string, bigint>;
}

/** The escrow's latest event, or undefined while the watcher has not seen its lock. */
export async function escrowNow(
  db: Db,
  network: Network,
  escrowId: string,
): Promise<EscrowNow | undefined> {
  const [event] = await db
    .select()
    .from(escrowEvents)
    .where(and(eq(escrowEvents.network, network), eq(escrowEvents.escrowId, escrowId)))
    .orderBy(desc(escrowEvents.blockHeight), desc(escrowEvents.txIndex))
    .limit(1);
  if (event === undefined) return undefined;
  // The watcher stores only outputs whose datum decodes (escrow-events.ts), so this holds.
  const datum =
    event.datumCbor === null ? null : escrowDatumOf(event.datumCbor, networkId(network));
  const value = new Map<string, bigint>();
  for (const a of JSON.parse(event.value) as WireAmount[]) {
    const unit = a.unit === "" ? LOVELACE : a.unit;
    value.set(unit, (value.get(unit) ?? 0n) + BigInt(a.amount));
  }
  return { event, datum, value };
}

/**
 * What the escrow may still pay out of `unit`: what it holds, less the buyer's deposit for
 * lovelace (every partial payment must leave the deposit, as the validator checks).
 */
export function payable(now: EscrowNow, unit: string): bigint {
  const held = now.value.get(unit) ?? 0n;
  if (unit !== LOVELACE || now.datum === null) return held;
  const rest = held - now.datum.buyerLovelace;
  return rest > 0n ? rest : 0n;
}
