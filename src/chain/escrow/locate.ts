/**
 * Where an escrow is now. An escrow is named by the out-ref of the lock that created it
 * (`escrowId`, "txHash#index"), which never changes; each action moves it to a new output. The
 * action builders ask a locator for the current output and datum instead of reading the chain:
 * the node's watcher has already read and stored them (src/services/escrow-events.ts).
 */
import type { UTxO } from "@meshsdk/core";
import type { EscrowDatum } from "../../../contracts/index.ts";
import type { Db } from "../../db/client.ts";

export type EscrowLocation =
  /** The escrow's current output, unspent as far as the node knows, with its datum. */
  | { kind: "escrow"; utxo: UTxO; datum: EscrowDatum }
  /**
   * Not actionable yet: the lock or the last move is not seen in a block yet, or a transaction
   * of this node that spends the current output is still pending. The intent waits.
   */
  | { kind: "notYet" }
  /** Never actionable again (the escrow ended, or the id names no escrow): refuse the intent. */
  | { kind: "invalid"; reason: string };

/**
 * Locates escrows by id; the map has an entry for every id asked for. `db` is the caller's
 * database handle (the submitter's transaction: PGlite has one connection, so a read outside
 * the open transaction would wait for it forever).
 */
export type EscrowLocator = (
  escrowIds: readonly string[],
  db: Db,
) => Promise<Map<string, EscrowLocation>>;

/** The escrow id of an out-ref. */
export const escrowIdOf = (txHash: string, outputIndex: number): string =>
  `${txHash}#${outputIndex}`;

/** The out-ref an escrow id names, or null when it is malformed. */
export function parseEscrowId(id: string): { txHash: string; outputIndex: number } | null {
  const m = /^([0-9a-f]{64})#(0|[1-9][0-9]{0,4})$/.exec(id);
  return m ? { txHash: m[1]!, outputIndex: Number(m[2]) } : null;
}
