/**
 * The escrow locator the action builders use: the current output of each escrow from the
 * watcher's events, so acting on an escrow costs no chain read. An escrow whose current output
 * a transaction of this node already spends (signed, submitted, or confirmed but not yet read by
 * the watcher) waits: acting on it now would spend an output that is gone.
 */
import { and, inArray, sql } from "drizzle-orm";
import type { UTxO } from "@meshsdk/core";
import { escrowDatumOf } from "../chain/datum.ts";
import { escrowIdOf, type EscrowLocation, type EscrowLocator } from "../chain/escrow/locate.ts";
import { networkId, type Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { chainTxs } from "../db/schema.ts";
import { latestEvents } from "./escrow-events.ts";

export function createEscrowLocator(opts: {
  network: Network;
  escrowAddress: string;
}): EscrowLocator {
  return async (escrowIds, db) => {
    const out = new Map<string, EscrowLocation>();
    const latest = await latestEvents(db, opts.network, escrowIds);
    const current = [...latest.values()]
      .filter((e) => e.kind !== "end")
      .map((e) => escrowIdOf(e.txHash, e.outputIndex!));
    const busy = await spentByOwnTxs(db, current);
    for (const id of escrowIds) {
      const e = latest.get(id);
      if (e === undefined) {
        out.set(id, { kind: "notYet" });
        continue;
      }
      if (e.kind === "end") {
        out.set(id, { kind: "invalid", reason: `the escrow has ended (${e.state})` });
        continue;
      }
      const ref = escrowIdOf(e.txHash, e.outputIndex!);
      if (busy.has(ref)) {
        out.set(id, { kind: "notYet" });
        continue;
      }
      const utxo: UTxO = {
        input: { txHash: e.txHash, outputIndex: e.outputIndex! },
        output: {
          address: opts.escrowAddress,
          amount: (JSON.parse(e.value) as { unit: string; amount: string }[]).map((a) => ({
            unit: a.unit,
            quantity: a.amount,
          })),
          plutusData: e.datumCbor!,
        },
      };
      const datum = escrowDatumOf(e.datumCbor!, networkId(opts.network));
      out.set(id, { kind: "escrow", utxo, datum });
    }
    return out;
  };
}

/** Which of these out-refs a live or freshly confirmed transaction of this node spends. */
async function spentByOwnTxs(db: Db, outRefs: string[]): Promise<Set<string>> {
  if (outRefs.length === 0) return new Set();
  const rows = await db
    .select({ spent: chainTxs.spentInputs })
    .from(chainTxs)
    .where(
      and(
        inArray(chainTxs.status, ["signed", "submitted", "confirmed"]),
        sql`${chainTxs.spentInputs} && ARRAY[${sql.join(
          outRefs.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`,
      ),
    );
  const wanted = new Set(outRefs);
  return new Set(rows.flatMap((r) => r.spent).filter((s) => wanted.has(s)));
}
