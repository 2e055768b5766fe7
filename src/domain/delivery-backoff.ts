/**
 * When a usage event's delivery is tried again: exponential backoff with full jitter (a random
 * wait between 0 and base·2^(attempt−1), capped), so that many receipts failing at once do not
 * come back at once. A target's `Retry-After` is honoured as a floor, up to the cap. Pure: the
 * random number comes in.
 */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * The wait before the next attempt, after `attempts` attempts (1 or more) failed; `random` is
 * in [0, 1). The exponent is bounded so the arithmetic stays exact for any attempt count.
 */
export function retryDelayMs(
  policy: BackoffPolicy,
  attempts: number,
  random: number,
  retryAfterMs?: number,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
  const floor = retryAfterMs === undefined ? 0 : Math.min(Math.max(retryAfterMs, 0), policy.capMs);
  return Math.max(jittered, floor);
}

/** What a failed attempt leads to: another try at `nextAttemptAtMs`, or giving up. */
export function afterFailedAttempt(
  policy: BackoffPolicy & { attemptsMax: number; ageMaxMs: number },
  opts: {
    attempts: number;
    firstAttemptAtMs: number;
    nowMs: number;
    random: number;
    retryAfterMs?: number;
  },
): { giveUp: true; why: string } | { giveUp: false; nextAttemptAtMs: number } {
  if (opts.attempts >= policy.attemptsMax)
    return { giveUp: true, why: `${opts.attempts} attempts (the most allowed)` };
  const next = opts.nowMs + retryDelayMs(policy, opts.attempts, opts.random, opts.retryAfterMs);
  if (next - opts.firstAttemptAtMs > policy.ageMaxMs)
    return { giveUp: true, why: `retrying longer than ${policy.ageMaxMs} ms` };
  return { giveUp: false, nextAttemptAtMs: next };
}
