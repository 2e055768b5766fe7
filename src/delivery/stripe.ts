/**
 * Stripe meter events (`POST /v1/billing/meter_events`) with the official `stripe` package:
 * `identifier` and the Idempotency-Key are the usage id, so Stripe counts a retried event once;
 * the payload names the customer (by the configured mapping) and the value. The package's own
 * retries are off: the dispatcher retries with its backoff and records every attempt.
 */
import Stripe from "stripe";
import { customerOf, valueOf } from "./event-values.ts";
import { outcomeOfError, outcomeOfStatus, retryAfterMs } from "./outcomes.ts";
import type { DelivererOptions, StripeConfig } from "./target-config.ts";
import { type Deliverer, type DeliveryOutcome, STRIPE_EVENTS_PER_CALL_MAX } from "./types.ts";

/** Stripe takes meter events up to 35 days old and up to 5 minutes ahead; keep inside that. */
const PAST_MS_MAX = 35 * 86_400_000 - 3_600_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** The event's time as Stripe takes it: the node's time, clamped into Stripe's window. */
export function meterTimestamp(nodeTimeMs: number, wallNowMs: number): number {
  const ms = Math.min(Math.max(nodeTimeMs, wallNowMs - PAST_MS_MAX), wallNowMs);
  return Math.floor(ms / 1_000);
}

function clientFor(config: StripeConfig, apiKey: string): Stripe {
  const base = config.apiBase ? new URL(config.apiBase) : undefined;
  return new Stripe(apiKey, {
    maxNetworkRetries: 0,
    timeout: REQUEST_TIMEOUT_MS,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === "https:" ? 443 : 80),
      protocol: base.protocol === "https:" ? "https" : "http",
    }),
  });
}

function outcomeOfStripeError(err: unknown, aborted: boolean): DeliveryOutcome {
  if (err instanceof Stripe.errors.StripeError && typeof err.statusCode === "number") {
    const retryAfter = retryAfterMs(err.headers?.["retry-after"], Date.now());
    const excerpt = `${err.type}: ${err.message}`;
    // Stripe also answers a rate limit as a 400 with code rate_limit: worth another try.
    if (err.code === "rate_limit" || err.type === "StripeRateLimitError")
      return {
        status: "retry",
        statusCode: err.statusCode,
        error: excerpt,
        ...(retryAfter !== undefined && { retryAfterMs: retryAfter }),
      };
    return outcomeOfStatus(err.statusCode, excerpt, retryAfter);
  }
  return outcomeOfError(err, aborted);
}

/** Settles with the promise, or with the abort, whichever comes first. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function stripeDeliverer(config: StripeConfig, _opts: DelivererOptions): Deliverer {
  let client: { key: string; stripe: Stripe } | undefined;
  return {
    batchMax: STRIPE_EVENTS_PER_CALL_MAX,
    async deliver(events, secrets, { signal }) {
      if (client?.key !== secrets.current)
        client = { key: secrets.current, stripe: clientFor(config, secrets.current) };
      const out = new Map<string, DeliveryOutcome>();
      for (const e of events) {
        const customer = customerOf(e.event, config.customerBy, config.customers);
        if (customer === null) {
          out.set(e.usageId, {
            status: "skipped",
            reason: `no Stripe customer mapped for ${config.customerBy} ${e.event[config.customerBy] ?? "(none)"}`,
          });
          continue;
        }
        const value = valueOf(e.event, config.value);
        if (value === null) {
          out.set(e.usageId, {
            status: "skipped",
            reason: `no ${config.value.source} value in ${e.event.type}`,
          });
          continue;
        }
        try {
          await untilAborted(
            client.stripe.billing.meterEvents.create(
              {
                event_name: config.eventName,
                identifier: e.usageId,
                timestamp: meterTimestamp(e.event.nodeTimeMs, Date.now()),
                payload: { stripe_customer_id: customer, value: value.toString() },
              },
              { idempotencyKey: e.usageId },
            ),
            signal,
          );
          out.set(e.usageId, { status: "delivered", statusCode: 200 });
        } catch (err) {
          out.set(e.usageId, outcomeOfStripeError(err, signal.aborted));
        }
      }
      return out;
    },
  };
}
