/**
 * What a delivery target (webhook, Stripe meter events, AWS Marketplace metering) is given and
 * answers. The dispatcher (src/workers/event-dispatcher.ts) owns retries, leases and receipts;
 * a deliverer only makes one attempt for a batch and says, per event, how it went.
 */
import type { UsageEventBody } from "../domain/usage-event.ts";

export type TargetKind = "webhook" | "stripe" | "aws";

export interface DeliveryEvent {
  usageId: string;
  /** The stored body, byte for byte what a webhook receives. */
  body: string;
  event: UsageEventBody;
}

/** The target's credentials, opened: the current secret and, during a rotation, the previous one. */
export interface TargetSecrets {
  current: string;
  previous: string | null;
}

export type DeliveryOutcome =
  | { status: "delivered"; statusCode: number | null }
  /** Worth another try (429, 5xx, a timeout, a network error); `retryAfterMs` from the answer. */
  | { status: "retry"; statusCode: number | null; error: string; retryAfterMs?: number }
  /** Will not succeed as it is (another 4xx, a refused address, a malformed answer). */
  | { status: "failed"; statusCode: number | null; error: string }
  /** The target does not take this event (no customer or dimension for it, no value). */
  | { status: "skipped"; reason: string };

export interface DeliverOptions {
  /** Aborts the attempt (the dispatcher's per-attempt timeout, or shutdown). */
  signal: AbortSignal;
  nowMs: number;
}

/** The AWS Marketplace Metering API takes at most 25 usage records per BatchMeterUsage call. */
export const AWS_RECORDS_PER_CALL_MAX = 25;
/** Stripe's meter events API takes one event per call. */
export const STRIPE_EVENTS_PER_CALL_MAX = 1;

export interface Deliverer {
  /** The most events one attempt carries (a webhook 1; AWS 25). */
  readonly batchMax: number;
  /** One attempt for these events; an outcome for each usageId given. Never throws. */
  deliver(
    events: readonly DeliveryEvent[],
    secrets: TargetSecrets,
    opts: DeliverOptions,
  ): Promise<Map<string, DeliveryOutcome>>;
}
