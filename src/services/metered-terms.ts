/**
 * The metered parts of a payment's or purchase's terms, as both POST routes take them: whether
 * the seller may collect at unlockTime without a result (`autoRelease`), and the price sheet the
 * locked amounts are a ceiling for. The sheet is stored in its canonical form with its hash, so
 * both nodes hash the same bytes whatever key order or leading zeros the caller sent.
 */
import type { Amount } from "../domain/amounts.ts";
import { canonicalize } from "../domain/jcs.ts";
import { parsePriceSheet, sheetHash, toWireSheet } from "../domain/price-sheet.ts";
import { formatPath } from "../domain/pricing-fields.ts";

/** The columns the metered terms fill (payments and purchases alike). */
export interface MeteredColumns {
  autoRelease: boolean;
  priceSheet: string | null;
  priceSheetHash: string | null;
}

/** A refusal naming the wire field at fault (`priceSheet` or `priceSheet.<path>`); the message omits it. */
export type MeteredTermsResult =
  { ok: true; columns: MeteredColumns } | { ok: false; field: string; message: string };

/**
 * Reads `autoRelease` and `priceSheet` against the amounts to lock: the sheet's unit must be one
 * of theirs, or no charge computed from it could ever be paid from this escrow. A
 * `priceSheetHash` given with the sheet must be its hash; given alone it is refused (a hash
 * without the sheet cannot check a charge).
 */
export function meteredColumns(
  input: { autoRelease?: boolean; priceSheet?: unknown; priceSheetHash?: string },
  amounts: readonly Amount[],
): MeteredTermsResult {
  const autoRelease = input.autoRelease ?? false;
  if (input.priceSheet === undefined || input.priceSheet === null) {
    if (input.priceSheetHash !== undefined)
      return { ok: false, field: "priceSheetHash", message: "needs the priceSheet it hashes" };
    return { ok: true, columns: { autoRelease, priceSheet: null, priceSheetHash: null } };
  }
  const read = parsePriceSheet(input.priceSheet);
  if (!read.ok) {
    const first = read.problems[0];
    const path = first === undefined ? "" : formatPath(first.path);
    const field = path === "" ? "priceSheet" : `priceSheet.${path}`;
    return { ok: false, field, message: first?.message ?? read.message };
  }
  const units = amounts.map((a) => a.unit);
  if (!units.includes(read.sheet.unit))
    return {
      ok: false,
      field: "priceSheet.unit",
      message: `${read.sheet.unit} is not a unit of the amounts locked (${units.join(", ")})`,
    };
  const hash = sheetHash(read.sheet);
  // The buyer may name the hash the seller published: the sheet sent must be that sheet.
  if (input.priceSheetHash !== undefined && input.priceSheetHash.toLowerCase() !== hash)
    return {
      ok: false,
      field: "priceSheetHash",
      message: `is not the hash of the priceSheet given (${hash})`,
    };
  return {
    ok: true,
    columns: {
      autoRelease,
      priceSheet: canonicalize(toWireSheet(read.sheet)),
      priceSheetHash: hash,
    },
  };
}
