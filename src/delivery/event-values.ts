/**
 * The number a billing target records for an event, by the target's configured source: one per
 * event; an amount of one unit (what a lock escrowed or a usage record charged, or what a
 * settlement paid the seller); a voucher's increment; or a usage counter. Null when the event
 * has no such number (the deliverer skips it then, saying why).
 */
import type { UsageEventBody } from "../domain/usage-event.ts";
import type { CustomerKey, ValueSource } from "./target-config.ts";

const INTEGER = /^\d{1,20}$/;

function amountOf(list: readonly { unit: string; amount: string }[], unit: string): bigint | null {
  const found = list.find((a) => a.unit === unit || (unit === "lovelace" && a.unit === ""));
  return found && INTEGER.test(found.amount) ? BigInt(found.amount) : null;
}

export function valueOf(event: UsageEventBody, source: ValueSource): bigint | null {
  switch (source.source) {
    case "count":
      return 1n;
    case "amount": {
      const escrowedOrCharged =
        event.type.endsWith(".funds_locked") || event.type === "usage.recorded";
      const v = amountOf(escrowedOrCharged ? event.amounts : event.paidToSeller, source.unit);
      return v === null || v === 0n ? null : v;
    }
    case "voucher": {
      const v = event.voucher;
      if (!v || v.unit !== source.unit || !INTEGER.test(v.increment)) return null;
      const n = BigInt(v.increment);
      return n === 0n ? null : n;
    }
    case "usage": {
      // A price sheet's own counters sit under `custom`; the standard ones at the top.
      const custom = event.usage?.custom as Record<string, unknown> | undefined;
      const raw = event.usage?.[source.key] ?? custom?.[source.key];
      const text = typeof raw === "number" && Number.isSafeInteger(raw) ? String(raw) : raw;
      return typeof text === "string" && INTEGER.test(text) ? BigInt(text) : null;
    }
  }
}

/** The billing system's customer for an event, by the configured key, or null. */
export function customerOf(
  event: UsageEventBody,
  by: CustomerKey,
  customers: Readonly<Record<string, string>>,
): string | null {
  const key = event[by];
  if (key === null) return null;
  return Object.hasOwn(customers, key) ? customers[key]! : null;
}
