/**
 * Keeps collateral available: a script transaction needs a pure-ADA output of the paying wallet
 * as collateral, and a wallet funded only with token-bearing outputs has none. When a builder
 * waits for collateral, the submitter queues one transfer of the wallet to itself that makes
 * such an output (once: not while another is queued or on its way).
 */
import { and, eq, inArray } from "drizzle-orm";
import { COLLATERAL_LOVELACE_MIN } from "../chain/builders/registry-common.ts";
import { TRANSFER_KIND, type TransferPayload } from "../chain/builders/transfer.ts";
import type { Db } from "../db/client.ts";
import { intents } from "../db/schema.ts";
import { queueIntent } from "../services/intents.ts";

/** The subject of a wallet's collateral transfers. */
export const collateralSubject = (walletId: string): string => `collateral:${walletId}`;

/** Queues the wallet's collateral-making transfer unless one is already under way. */
export async function queueCollateral(
  db: Db,
  wallet: { id: string; address: string },
  nowMs: number,
): Promise<boolean> {
  const subjectId = collateralSubject(wallet.id);
  const [open] = await db
    .select({ id: intents.id })
    .from(intents)
    .where(and(eq(intents.subjectId, subjectId), inArray(intents.status, ["queued", "in_tx"])))
    .limit(1);
  if (open) return false;
  const payload: TransferPayload = {
    address: wallet.address,
    lovelace: COLLATERAL_LOVELACE_MIN.toString(),
    assets: [],
  };
  await queueIntent(db, { kind: TRANSFER_KIND, walletId: wallet.id, subjectId, payload, nowMs });
  return true;
}
