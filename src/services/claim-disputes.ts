/**
 * The buyer's node disputes a claim its recorded usage does not allow: for a purchase with a
 * price sheet and reported usage, a result whose claim (or, without one, the whole escrow) is
 * above what `charge` gives for that usage is answered with RequestRefund before unlockTime,
 * which moves the escrow to Disputed for the admins to resolve (domain/claim-check.ts).
 */
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { LOVELACE, type WireAmount } from "../domain/amounts.ts";
import { claimExcess } from "../domain/claim-check.ts";
import { parsePriceSheet } from "../domain/price-sheet.ts";
import { parseStoredUsage } from "../domain/usage-wire.ts";
import { escrowNow } from "./escrow-now.ts";
import type { PurchaseRow } from "./purchases.ts";

/**
 * Why the purchase's current claim should be disputed, or null (no claim to judge yet, no
 * recorded usage or sheet, or a claim within what the usage allows).
 */
export async function claimDisputeReason(
  db: Db,
  network: Network,
  row: Pick<PurchaseRow, "escrowId" | "priceSheet" | "reportedUsage" | "amounts">,
): Promise<string | null> {
  if (row.escrowId === null || row.priceSheet === null || row.reportedUsage === null) return null;
  const datum = (await escrowNow(db, network, row.escrowId))?.datum;
  // No datum: the watcher has not read the lock, or the escrow has ended.
  if (datum === undefined || datum === null || datum.resultHash === "") return null;
  const sheet = parsePriceSheet(JSON.parse(row.priceSheet));
  // Both were checked when stored; one that no longer reads is not a reason to dispute.
  if (!sheet.ok) return null;
  const locked = (JSON.parse(row.amounts) as WireAmount[]).map((a) => ({
    unit: a.unit === "" ? LOVELACE : a.unit,
    amount: BigInt(a.amount),
  }));
  return claimExcess({
    sheet: sheet.sheet,
    usage: parseStoredUsage(row.reportedUsage),
    claim: datum.claim,
    locked,
  });
}
