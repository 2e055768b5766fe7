/**
 * The one retry policy in force for chain requests: bounded exponential backoff on throttling
 * (429), server errors (5xx) and lost connections. The HTTP client's own retries are turned off
 * so that this bound is the real one and tests can count attempts.
 */
import { ChainHttpError, ChainRetryExhaustedError, ChainTransportError } from "./errors.ts";

export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retrying off. */
  attemptsMax: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** Ceiling of any one delay. */
  maxDelayMs: number;
  /** Spread each delay over [delay/2, delay] so that clients throttled together part ways. */
  jitter: boolean;
}

/**
 * Blockfrost refills 10 requests per second after a burst. Five attempts wait 0.25, 0.5, 1 and
 * 2 s between them (jitter takes up to half off each): at most 3.75 s in all, enough for a
 * throttled client to get back under the limit without holding a worker tick for long.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptsMax: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  jitter: true,
};

const ATTEMPTS_CEILING = 20;

/** Checks a policy once, where it is configured, so a typo cannot make retries unbounded. */
export function assertRetryPolicy(policy: RetryPolicy): void {
  const ok =
    Number.isInteger(policy.attemptsMax) &&
    policy.attemptsMax >= 1 &&
    policy.attemptsMax <= ATTEMPTS_CEILING &&
    policy.baseDelayMs >= 0 &&
    policy.maxDelayMs >= policy.baseDelayMs;
  if (!ok) throw new Error(`invalid retry policy: ${JSON.stringify(policy)}`);
}

/** The delay before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** Math.min(retry - 1, 30);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return policy.jitter ? capped / 2 + (random() * capped) / 2 : capped;
}

/** Whether another attempt may succeed where this one failed. */
export function isRetryable(error: unknown): error is ChainHttpError | ChainTransportError {
  if (error instanceof ChainTransportError) return true;
  if (error instanceof ChainHttpError) return error.statusCode === 429 || error.statusCode >= 500;
  return false;
}

export interface RetryHooks {
  /** Called before every attempt, the first included (used to count requests). */
  onAttempt?: (attempt: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `op` until it succeeds, fails with a non-retryable error (thrown as is), or has failed
 * `attemptsMax` times with retryable errors (then `ChainRetryExhaustedError`).
 */
export async function withRetry<T>(
  endpoint: string,
  policy: RetryPolicy,
  op: (attempt: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? sleepMs;
  let last: ChainHttpError | ChainTransportError | undefined;
  for (let attempt = 1; attempt <= policy.attemptsMax; attempt++) {
    if (attempt > 1) await sleep(backoffDelayMs(attempt - 1, policy));
    hooks.onAttempt?.(attempt);
    try {
      return await op(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      last = error;
    }
  }
  // A policy that allowed no attempt at all is a programmer error (assertRetryPolicy refuses it).
  if (last === undefined) throw new Error(`withRetry(${endpoint}): attemptsMax must be >= 1`);
  throw new ChainRetryExhaustedError(endpoint, policy.attemptsMax, last);
}
