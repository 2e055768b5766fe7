/**
 * How an HTTP answer becomes a delivery outcome, the same for every target: 2xx delivered;
 * 408, 425, 429 and 5xx worth another try (with the answer's Retry-After); any other status
 * will not succeed as it is.
 */
import type { DeliveryOutcome } from "./types.ts";

/** The longest Retry-After honoured; a target asking for more is retried by the backoff. */
const RETRY_AFTER_MS_MAX = 3_600_000;
const RETRYABLE = new Set([408, 425, 429]);

/** Retry-After as seconds or an HTTP date, in ms from `nowMs` (wall clock); undefined if unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Math.min(Number(trimmed) * 1_000, RETRY_AFTER_MS_MAX);
  // Only an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`): Date.parse reads "-5" or "1.5" as years.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed))
    return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - nowMs, 0), RETRY_AFTER_MS_MAX);
}

export function outcomeOfStatus(
  status: number,
  excerpt: string,
  retryAfter?: number,
): DeliveryOutcome {
  if (status >= 200 && status < 300) return { status: "delivered", statusCode: status };
  const error = `HTTP ${status}${excerpt ? `: ${excerpt}` : ""}`.slice(0, 500);
  if (RETRYABLE.has(status) || status >= 500)
    return retryAfter === undefined
      ? { status: "retry", statusCode: status, error }
      : { status: "retry", statusCode: status, error, retryAfterMs: retryAfter };
  return { status: "failed", statusCode: status, error };
}

/** A request that never got an answer: a timeout, a refused or reset connection. */
export function outcomeOfError(err: unknown, aborted: boolean): DeliveryOutcome {
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: "retry",
    statusCode: null,
    error: (aborted ? `no answer in time (${message})` : `no answer: ${message}`).slice(0, 500),
  };
}
