/**
 * Usage events (issue 12): what the node tells billing systems and dashboards about each change
 * of a payment or purchase and each usage record. Pure: the event types, the deterministic id and
 * the body every target receives. The outbox (src/services/usage-events.ts) stores them; the
 * dispatcher (src/workers/event-dispatcher.ts) delivers them.
 */
import { createHash } from "node:crypto";
import type { WireAmount } from "./amounts.ts";
import type { EscrowAction } from "./escrow-states.ts";

/** What happened, without the side: a payment's event is `payment.<name>`, a purchase's `purchase.<name>`. */
export const SUBJECT_EVENT_NAMES = [
  "funds_locked",
  "lock_invalid",
  "result_submitted",
  "claim_submitted",
  "refund_requested",
  "disputed",
  "refund_cancelled",
  "refund_authorized",
  "released",
  "partially_refunded",
  "voucher_redeemed",
  "withdrawn",
  "accepted",
  "refunded",
  "dispute_resolved",
  "escrow_changed",
  "expired",
  /** A metered escrow's voucher total rose: signed by the buyer's node, accepted by the seller's. */
  "voucher_updated",
  /** The buyer's node stored the usage it saw for the job (to check the seller's claim by). */
  "usage_reported",
] as const;
export type SubjectEventName = (typeof SUBJECT_EVENT_NAMES)[number];

/** Every event type: each subject event on both sides, and a usage record. */
export const USAGE_EVENT_TYPES = [
  ...SUBJECT_EVENT_NAMES.map((n) => `payment.${n}` as const),
  ...SUBJECT_EVENT_NAMES.map((n) => `purchase.${n}` as const),
  "usage.recorded",
] as const;
export type UsageEventType = (typeof USAGE_EVENT_TYPES)[number];

export const isUsageEventType = (s: string): s is UsageEventType =>
  (USAGE_EVENT_TYPES as readonly string[]).includes(s);

export type Role = "seller" | "buyer";

/** A payment's events are the seller's, a purchase's the buyer's. */
export const subjectEventType = (role: Role, name: SubjectEventName): UsageEventType =>
  `${role === "seller" ? "payment" : "purchase"}.${name}`;

/**
 * The event name of an escrow step, given the state it left and whether the datum now holds a
 * claim. A move no rule names (`null`) is `escrow_changed`, so no change goes untold.
 */
export function stepEventName(
  action: EscrowAction | null,
  state: string,
  hasClaim: boolean,
): SubjectEventName {
  switch (action) {
    case "SubmitResult":
      return hasClaim ? "claim_submitted" : "result_submitted";
    case "RequestRefund":
      return state === "Disputed" ? "disputed" : "refund_requested";
    case "CancelRefund":
      return "refund_cancelled";
    case "AuthorizeRefund":
      return "refund_authorized";
    case "Release":
      return "released";
    case "PartialRefund":
      return "partially_refunded";
    case "RedeemVoucher":
      return "voucher_redeemed";
    case "Withdraw":
      return "withdrawn";
    case "Accept":
      return "accepted";
    case "WithdrawRefund":
      return "refunded";
    case "ResolveDispute":
      return "dispute_resolved";
    default:
      return "escrow_changed";
  }
}

/**
 * The usage id: sha256 over the network, the blockchainIdentifier, the type and what caused it
 * (the transaction's hash, or a usage record's own id, or the request's expiry), so the same
 * change read again (a rollback and re-landing, a restart, a second node on the same books)
 * has the same id. Hex, 48 characters: well inside every target's id limit (Stripe's is 100).
 */
export function usageEventId(
  network: string,
  blockchainIdentifier: string,
  type: UsageEventType,
  cause: string,
): string {
  const h = createHash("sha256");
  for (const part of [network, blockchainIdentifier, type, cause]) h.update(`${part}\u0000`);
  return `ue_${h.digest("hex").slice(0, 48)}`;
}

/** The event as every target receives it (JSON): amounts as integer strings, times in ms. */
export interface UsageEventBody {
  usageId: string;
  type: UsageEventType;
  /** As the API writes networks: `Preprod` or `Mainnet`. */
  network: "Preprod" | "Mainnet";
  role: Role;
  blockchainIdentifier: string;
  agentIdentifier: string;
  /** The parties' payment key hashes; the buyer's is null on a payment not yet locked. */
  sellerVkey: string;
  buyerVkey: string | null;
  /** The payment's or purchase's state after the change. */
  state: string;
  /** The job's price per unit (the signed terms). */
  amounts: WireAmount[];
  /** What this change paid out of the escrow to each party, per unit (empty when nothing). */
  paidToSeller: WireAmount[];
  paidToBuyer: WireAmount[];
  /** The claim the escrow now holds (metered escrow), or null. */
  claim: WireAmount[] | null;
  /** A voucher_updated's running total, and how much it rose by (integer strings), else null. */
  voucher: { unit: string; total: string; increment: string } | null;
  /** A usage record's usage as usage-wire.ts stores it (counts as integer strings), or null. */
  usage: Record<string, unknown> | null;
  resultHash: string | null;
  /** Why a lock does not pay the terms (lock_invalid), else null. */
  invalidReason: string | null;
  txHash: string | null;
  /** The block's time (POSIX ms), null for node-side changes (an expiry, a usage record). */
  chainTimeMs: number | null;
  /** When the node wrote the event (POSIX ms). */
  nodeTimeMs: number;
}
