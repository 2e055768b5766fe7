/**
 * Payment vouchers between two nodes (metered escrow, issue 10). The buyer's node signs the
 * running total it owes for one purchase's escrow (`issueVoucher`); the seller's node checks a
 * voucher it is handed against its own view of the escrow and keeps the latest
 * (`acceptVoucher`), which it later redeems on chain (`voucherToRedeem`).
 *
 * One unit per escrow: the datum records a single `voucherTotal`, so vouchers of a second unit
 * would be compared against totals of the first. The first voucher fixes the unit.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { lockXact } from "../db/advisory.ts";
import { vouchers } from "../db/schema.ts";
import { AMOUNT_MAX, LOVELACE, type WireAmount } from "../domain/amounts.ts";
import { verifyVoucher, type Voucher } from "../domain/voucher.ts";
import { signVoucher, type VoucherSigner } from "../domain/voucher-signer.ts";
import { escrowNow, payable, type EscrowNow } from "./escrow-now.ts";
import type { PaymentRow } from "./payments.ts";
import { voucherUsageEvent } from "./usage-events.ts";
import type { PurchaseRow } from "./purchases.ts";

export type VoucherRow = typeof vouchers.$inferSelect;

/** An expected refusal; `field` is the wire field at fault (the routes answer 400/404/409). */
export class VoucherError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound" | "conflict",
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const invalid = (field: string, message: string) => new VoucherError("invalid", field, message);
const conflict = (field: string, message: string) => new VoucherError("conflict", field, message);

/** What a voucher is signed over, plus what the holder needs to hand it on. */
export interface VoucherTermsWire {
  scriptHash: string;
  reference: string;
  unit: string;
  total: string;
  vkey: string;
  signature: string;
  /** Vouchers issued (buyer) or accepted (seller) for this escrow so far. */
  count: number;
}

/** The stored voucher as the API shows it (amounts as integer strings). */
export function voucherWire(row: VoucherRow): VoucherTermsWire {
  const { scriptHash, reference, unit, vkey, signature, count } = row;
  return { scriptHash, reference, unit, total: row.total.toString(), vkey, signature, count };
}

export interface IssueRequest {
  purchase: PurchaseRow;
  /** The escrow script's hash (this node's deployment). */
  scriptHash: string;
  unit: string;
  total: bigint;
  /** The purchase's wallet's signer (see voucher-signers.ts). */
  signer: VoucherSigner;
  nowMs: number;
}

/**
 * Signs and stores the buyer's voucher for `total` of `unit` on a locked purchase. Totals only
 * rise: the same total answers the stored voucher; a lower one, or another unit, is refused.
 */
export async function issueVoucher(db: Db, req: IssueRequest): Promise<VoucherRow> {
  const { purchase, unit, total } = req;
  const escrowId = lockedEscrow(purchase, "purchase");
  const locked = amountIn(purchase.amounts, unit);
  if (locked === 0n) throw invalid("unit", `this purchase locked no ${unit}`);
  if (total > locked) throw invalid("total", `is above the ${locked} this purchase locked`);
  const now = await escrowNow(db, purchase.network, escrowId);
  if (now !== undefined) {
    if (now.datum === null) throw conflict("blockchainIdentifier", "the escrow has ended");
    // This node's locks name the purchase's own wallet as buyer (lock-terms.ts); a voucher
    // signed for any other buyer key would be refused on chain, so none is made.
    if (now.event.buyerKeyHash !== req.signer.keyHashHex)
      throw conflict("blockchainIdentifier", "the escrow's buyer is not this purchase's wallet");
  }
  return withSubjectLock(db, purchase.id, async (tx, stored) => {
    if (stored !== undefined) {
      sameUnit(stored, unit, "unit");
      if (total === stored.total) return stored;
      if (total < stored.total)
        throw conflict("total", `is below the ${stored.total} already promised (totals only rise)`);
    }
    const v = signVoucher(req.signer, {
      scriptHash: req.scriptHash,
      reference: purchase.escrowReference,
      unit,
      total,
    });
    return store(tx, stored, {
      subjectId: purchase.id,
      side: "issued",
      network: purchase.network,
      escrowId,
      voucher: v,
      nowMs: req.nowMs,
    });
  });
}

export interface AcceptRequest {
  payment: PaymentRow;
  scriptHash: string;
  /** As received; `total` already read as an integer. */
  voucher: { unit: string; total: bigint; vkey: string; signature: string };
  nowMs: number;
}

/**
 * Verifies a voucher from the buyer against this node's view of the payment's escrow (the
 * buyer's key from the lock, this script, the payment's reference) and keeps it if it raises
 * the stored total and the escrow can pay it. Fields at fault are named `voucher.<field>`.
 */
export async function acceptVoucher(db: Db, req: AcceptRequest): Promise<VoucherRow> {
  const { payment } = req;
  const escrowId = lockedEscrow(payment, "payment");
  const now = await escrowNow(db, payment.network, escrowId);
  if (now === undefined)
    throw conflict("blockchainIdentifier", "the escrow's lock has not been read yet");
  if (now.datum === null) throw conflict("blockchainIdentifier", "the escrow has ended");
  // The watcher matched this escrow to the payment by its reference.
  if (now.event.reference !== payment.escrowReference)
    throw new Error(`payment ${payment.id}: escrow ${escrowId} has another reference`);
  const v: Voucher = { ...req.voucher, scriptHash: req.scriptHash, reference: now.event.reference };
  const check = verifyVoucher(v, now.event.buyerKeyHash);
  if (!check.ok) throw invalid(`voucher.${check.field}`, check.reason);
  checkPayable(now, v.unit, v.total);
  return withSubjectLock(db, payment.id, async (tx, stored) => {
    if (stored !== undefined) {
      sameUnit(stored, v.unit, "voucher.unit");
      if (v.total <= stored.total)
        throw conflict("voucher.total", `must be above the ${stored.total} already held`);
    }
    return store(tx, stored, {
      subjectId: payment.id,
      side: "received",
      network: payment.network,
      escrowId,
      voucher: v,
      nowMs: req.nowMs,
    });
  });
}

/** Refuses a total the escrow could never pay: above what it holds plus what was redeemed. */
function checkPayable(now: EscrowNow, unit: string, total: bigint): void {
  const redeemed = now.datum!.voucherTotal;
  if (!now.value.has(unit)) throw invalid("voucher.unit", "the escrow holds none of this unit");
  if (total <= redeemed)
    throw conflict("voucher.total", `must be above the ${redeemed} already redeemed on chain`);
  const most = payable(now, unit) + redeemed;
  if (total > most)
    throw invalid("voucher.total", `is above the ${most} the escrow can pay (held + redeemed)`);
}

/** The RedeemVoucher parameters of the payment's stored voucher, if it still pays anything. */
export async function voucherToRedeem(
  db: Db,
  payment: PaymentRow,
): Promise<{ unit: string; total: string; vkey: string; signature: string }> {
  const escrowId = lockedEscrow(payment, "payment");
  const stored = await storedVoucher(db, payment.id);
  if (stored === undefined)
    throw conflict("blockchainIdentifier", "no voucher is held for this payment");
  const now = await escrowNow(db, payment.network, escrowId);
  const redeemed = now?.datum?.voucherTotal ?? 0n;
  if (stored.total <= redeemed)
    throw conflict("blockchainIdentifier", `the held voucher's total was already redeemed`);
  const { unit, vkey, signature } = stored;
  return { unit, total: stored.total.toString(), vkey, signature };
}

/** The subject's stored voucher, if any. */
export async function storedVoucher(db: Db, subjectId: string): Promise<VoucherRow | undefined> {
  const [row] = await db.select().from(vouchers).where(eq(vouchers.subjectId, subjectId)).limit(1);
  return row;
}

function lockedEscrow(row: PaymentRow | PurchaseRow, kind: string): string {
  if (row.escrowId !== null) return row.escrowId;
  throw conflict("blockchainIdentifier", `this ${kind} has no locked escrow (state ${row.state})`);
}

function sameUnit(stored: VoucherRow, unit: string, field: string): void {
  if (stored.unit !== unit)
    throw conflict(field, `vouchers of this escrow are in ${stored.unit}; one unit per escrow`);
}

/** The amount of `unit` in a row's wire amounts (lovelace written `lovelace` or ""). */
function amountIn(amountsJson: string, unit: string): bigint {
  const amounts = JSON.parse(amountsJson) as WireAmount[];
  const found = amounts.find((a) => (a.unit === "" ? LOVELACE : a.unit) === unit);
  return found === undefined ? 0n : BigInt(found.amount);
}

/** Runs `work` holding the subject's voucher lock, with the stored voucher read under it. */
async function withSubjectLock(
  db: Db,
  subjectId: string,
  work: (tx: Db, stored: VoucherRow | undefined) => Promise<VoucherRow>,
): Promise<VoucherRow> {
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await lockXact(tx, `voucher:${subjectId}`);
    return work(tx, await storedVoucher(tx, subjectId));
  });
}

async function store(
  tx: Db,
  stored: VoucherRow | undefined,
  s: {
    subjectId: string;
    side: VoucherRow["side"];
    network: VoucherRow["network"];
    escrowId: string;
    voucher: Voucher;
    nowMs: number;
  },
): Promise<VoucherRow> {
  const v = s.voucher;
  // Asserted, not refused: the routes read totals of at most AMOUNT_MAX (the column's range).
  if (v.total <= 0n || v.total > AMOUNT_MAX)
    throw new Error(`voucher total ${v.total} out of range`);
  const row: VoucherRow = {
    subjectId: s.subjectId,
    side: s.side,
    network: s.network,
    escrowId: s.escrowId,
    scriptHash: v.scriptHash,
    reference: v.reference,
    unit: v.unit,
    total: v.total,
    vkey: v.vkey,
    signature: v.signature,
    count: (stored?.count ?? 0) + 1,
    createdAtMs: stored?.createdAtMs ?? s.nowMs,
    updatedAtMs: s.nowMs,
  };
  const { subjectId: _id, createdAtMs: _created, ...changes } = row;
  await tx
    .insert(vouchers)
    .values(row)
    .onConflictDoUpdate({ target: vouchers.subjectId, set: changes });
  // The new total and its usage event commit together (the outbox, issue 12).
  const role = s.side === "received" ? "seller" : "buyer";
  const previousTotal = stored?.total ?? 0n;
  await voucherUsageEvent(
    tx,
    role,
    s.subjectId,
    { unit: v.unit, total: v.total, previousTotal },
    s.nowMs,
  );
  return row;
}
