/**
 * The seller's claim on a metered escrow, checked before it is queued: either computed from the
 * usage it reports under the payment's price sheet (the same `charge` the buyer's node runs to
 * check it), or given explicitly. Both are held to what the escrow can pay, as the validator
 * holds them (lovelace: less the buyer's deposit).
 */
import type { PaymentRow } from "./payments.ts";
import type { Db } from "../db/client.ts";
import { LOVELACE, type WireAmount } from "../domain/amounts.ts";
import { charge, type Usage } from "../domain/charge.ts";
import { parsePriceSheet } from "../domain/price-sheet.ts";
import { escrowNow, payable } from "./escrow-now.ts";
import { VoucherError } from "./vouchers.ts";

export interface ClaimEntry {
  unit: string;
  amount: bigint;
}

const invalid = (field: string, message: string) => new VoucherError("invalid", field, message);

/** What the escrow can still pay of each unit, or the terms' amounts before the lock is read. */
async function ceilings(db: Db, payment: PaymentRow): Promise<Map<string, bigint>> {
  const now =
    payment.escrowId === null ? undefined : await escrowNow(db, payment.network, payment.escrowId);
  if (now?.datum) return new Map([...now.value.keys()].map((u) => [u, payable(now, u)]));
  const terms = JSON.parse(payment.amounts) as WireAmount[];
  return new Map(terms.map((a) => [a.unit === "" ? LOVELACE : a.unit, BigInt(a.amount)]));
}

/** The claim `usage` earns under the payment's price sheet, capped at what the escrow holds. */
export async function claimFromUsage(
  db: Db,
  payment: PaymentRow,
  usage: Usage,
): Promise<ClaimEntry[]> {
  const stored = payment.priceSheet;
  if (stored === null) throw invalid("usage", "this payment has no price sheet to charge it by");
  const parsed = parsePriceSheet(JSON.parse(stored));
  // The sheet was checked when the payment was made; one that no longer reads is corrupt.
  if (!parsed.ok) throw new Error(`payment ${payment.id}: stored price sheet: ${parsed.message}`);
  const ceiling = (await ceilings(db, payment)).get(parsed.sheet.unit);
  if (ceiling === undefined)
    throw invalid("usage", `the escrow holds none of the price sheet's unit ${parsed.sheet.unit}`);
  const result = charge(parsed.sheet, usage, { ceiling });
  if (!result.ok) {
    const { code, field } = result.error;
    throw invalid(code === "invalidOption" ? "usage" : `usage.${field}`, code);
  }
  return [{ unit: result.unit, amount: result.amount }];
}

/** Refuses a claim in a unit the escrow does not hold, or above what it can pay. */
export async function checkClaim(
  db: Db,
  payment: PaymentRow,
  claim: readonly ClaimEntry[],
): Promise<void> {
  const most = await ceilings(db, payment);
  claim.forEach((c, i) => {
    const ceiling = most.get(c.unit);
    if (ceiling === undefined) throw invalid(`claim[${i}].unit`, "the escrow holds none of it");
    if (c.amount > ceiling)
      throw invalid(`claim[${i}].amount`, `is above the ${ceiling} the escrow can pay`);
  });
}
