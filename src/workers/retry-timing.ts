/**
 * When the submitter tries again an intent that a builder put off until a chain time (an escrow
 * action too early, or waiting out its party's cooldown). Builders judge time by the tip, which
 * moves only with a block, while the node's clock runs on; so the first try is at the time
 * itself, and while no block has shown that time yet the intent is tried again at a block's pace,
 * at shorter steps first. If the tip stays behind for TIP_LAG_MAX_MS, the chain is not making
 * blocks (a devnet with idle blocks turned off, a stalled backend): the intent fails with the
 * reason instead of waiting for ever. The tries are so bounded in number, whatever the clock does.
 */

/** The first step after the time has come: a block may show it any moment. */
export const RETRY_STEP_MIN_MS = 2_000;
/**
 * The longest step: a quarter of a real chain's block time, so an action goes at most 5 s after
 * the block that allows it, for about 4 builds per block it waits (a build reads the tip and the
 * wallet's outputs: a few requests).
 */
export const RETRY_STEP_MAX_MS = 5_000;
/** How long past its time an intent waits for a block to show that time before it fails. */
export const TIP_LAG_MAX_MS = 10 * 60_000;

export type DeferredRetry = { kind: "retry"; atMs: number } | { kind: "fail"; reason: string };

/**
 * Decides for an intent the chain allows from `untilMs`, asked at `nowMs`: retry at `atMs`, or
 * fail. Before `untilMs` the retry is at `untilMs`; after it, at `nowMs` plus a step that grows
 * with how long the tip has lagged, from RETRY_STEP_MIN_MS to RETRY_STEP_MAX_MS: at most
 * TIP_LAG_MAX_MS / RETRY_STEP_MAX_MS + 4 tries in all (124). The lag counts from `untilMs`, or
 * from `queuedAtMs` when the intent was queued later (the scheduler asks for a Withdraw only 10
 * minutes after unlockTime: that wait is not the chain's).
 */
export function deferredRetry(untilMs: number, nowMs: number, queuedAtMs = 0): DeferredRetry {
  if (nowMs < untilMs) return { kind: "retry", atMs: untilMs };
  const lagMs = nowMs - Math.max(untilMs, queuedAtMs);
  if (lagMs > TIP_LAG_MAX_MS) {
    const at = new Date(untilMs).toISOString();
    const forS = Math.round(lagMs / 1000);
    return {
      kind: "fail",
      reason: `the chain's tip has not reached ${at} (${untilMs}) for ${forS} s: is the chain making blocks?`,
    };
  }
  const stepMs = Math.min(Math.max(lagMs, RETRY_STEP_MIN_MS), RETRY_STEP_MAX_MS);
  return { kind: "retry", atMs: nowMs + stepMs };
}

/** The longest wait before a batch that could not be built is built again. */
export const UNBUILDABLE_RETRY_MAX_MS = 60_000;

/**
 * How long an intent waits after its `attempts`-th build that made no transaction of it (its
 * wallet lacks the funds, or the build failed; the count is not reset by a build that did): not
 * at all after the first, so a wallet funded a moment later is not held up, then 1 s doubling up
 * to UNBUILDABLE_RETRY_MAX_MS. Each build reads the chain (the wallet's outputs and the tip): a
 * wallet left unfunded was built for at every tick, a second apart, some 170,000 requests a
 * day, and its error logged as often.
 */
export function unbuildableRetryMs(attempts: number): number {
  if (attempts <= 1) return 0;
  return Math.min(1_000 * 2 ** Math.min(attempts - 2, 16), UNBUILDABLE_RETRY_MAX_MS);
}
