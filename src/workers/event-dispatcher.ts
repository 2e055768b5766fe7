/**
 * Delivers usage events to their targets (issue 12). Each tick looks at every enabled target
 * and starts, up to the target's concurrency, batches of its due receipts (leased, see
 * services/event-leases.ts); a batch runs on its own and records its outcomes when its
 * attempt ends, so a target that hangs holds only its own slots, never the tick, another
 * target, the API or the watcher. Each attempt ends at the configured timeout. A retry waits
 * by exponential backoff with full jitter (domain/delivery-backoff.ts) until the attempts or
 * the age cap, then the receipt is `failed` with the last answer.
 */
import { eq } from "drizzle-orm";
import type { EventsConfig } from "../config.ts";
import type { Db } from "../db/client.ts";
import { eventTargets } from "../db/schema.ts";
import { afterFailedAttempt } from "../domain/delivery-backoff.ts";
import { delivererFor, parseTargetConfig } from "../delivery/target-config.ts";
import type { Deliverer, DeliveryOutcome, TargetKind } from "../delivery/types.ts";
import { describeError, type Log } from "../log.ts";
import {
  leaseDue,
  recordOutcome,
  type LeasedReceipt,
  type ReceiptUpdate,
} from "../services/event-leases.ts";
import { pruneEvents } from "../services/event-retention.ts";
import { openTargetSecrets, type EventTargetRow } from "../services/event-targets.ts";
import type { TickResult } from "./loop.ts";

/** How long a lease outlives an attempt's timeout: time to record the outcome. */
const LEASE_MARGIN_MS = 30_000;
/** At most this many batches are started per target in one tick (with the concurrency bound). */
const BATCHES_PER_TARGET_PER_TICK = 8;
/** Retention runs at most this often (wall clock). */
const PRUNE_EVERY_MS = 3_600_000;

export type DelivererFactory = (
  kind: TargetKind,
  config: unknown,
  opts: { allowPrivateTargets: boolean },
) => Deliverer;

const realFactory: DelivererFactory = (kind, config, opts) => {
  const parsed = parseTargetConfig(kind, config);
  if (!parsed.ok) throw new Error(`${parsed.field}: ${parsed.message}`);
  return delivererFor(kind, parsed.value, opts);
};

export interface EventDispatcherOptions {
  db: Db;
  encryptionKeyHex: string;
  events: EventsConfig;
  log: Log;
  /** The node's clock (chain time on the devnet): what the events' ages are counted in. */
  nowMs: () => number;
  /** Wall-clock time for backoff, leases and timeouts (tests move it). */
  clockMs?: () => number;
  random?: () => number;
  /** Tests give their own deliverers. */
  delivererFor?: DelivererFactory;
}

export interface EventDispatcher {
  tick(): Promise<TickResult>;
  /** Batches in flight now, per target id. */
  inFlight(): ReadonlyMap<string, number>;
  /** Resolves once every batch in flight has recorded its outcome. */
  idle(): Promise<void>;
  /** Aborts the attempts in flight and waits for them to record (they are retried later). */
  close(): Promise<void>;
}

export function createEventDispatcher(o: EventDispatcherOptions): EventDispatcher {
  const clockMs = o.clockMs ?? Date.now;
  const random = o.random ?? Math.random;
  const factory = o.delivererFor ?? realFactory;
  const shutdown = new AbortController();
  const running = new Set<Promise<void>>();
  const inFlight = new Map<string, number>();
  const deliverers = new Map<string, { version: string; deliverer: Deliverer }>();
  /** Targets whose deliverer could not be made, by config: logged once each. */
  const unusable = new Set<string>();
  let prunedAtMs = -Infinity;
  const policy = {
    baseMs: o.events.backoffBaseMs,
    capMs: o.events.backoffCapMs,
    attemptsMax: o.events.attemptsMax,
    ageMaxMs: o.events.ageMaxMs,
  };

  /** The target's deliverer, made again when the target changed. */
  function delivererOf(t: EventTargetRow): Deliverer {
    // Keyed by what it is made of: updatedAtMs stands still while the devnet's clock does.
    const version = `${t.kind}\u0000${t.config}`;
    const cached = deliverers.get(t.id);
    if (cached && cached.version === version) return cached.deliverer;
    const deliverer = factory(t.kind, JSON.parse(t.config), {
      allowPrivateTargets: o.events.allowPrivateTargets,
    });
    deliverers.set(t.id, { version, deliverer });
    return deliverer;
  }

  function toUpdate(
    r: LeasedReceipt,
    out: DeliveryOutcome | undefined,
    nowMs: number,
  ): ReceiptUpdate {
    const outcome: DeliveryOutcome = out ?? {
      status: "retry",
      statusCode: null,
      error: "the target's deliverer gave no outcome for this event",
    };
    if (outcome.status !== "retry") return outcome;
    const next = afterFailedAttempt(policy, {
      attempts: r.attempts + 1,
      firstAttemptAtMs: r.firstAttemptAtMs ?? nowMs,
      nowMs,
      random: random(),
      retryAfterMs: outcome.retryAfterMs,
    });
    if (next.giveUp)
      return {
        status: "failed",
        statusCode: outcome.statusCode,
        error: `${outcome.error} (gave up after ${next.why})`,
      };
    return {
      status: "pending",
      statusCode: outcome.statusCode,
      error: outcome.error,
      nextAttemptAtMs: next.nextAttemptAtMs,
    };
  }

  /** One attempt for a leased batch, then its outcomes; never throws. */
  async function runBatch(t: EventTargetRow, deliverer: Deliverer, batch: LeasedReceipt[]) {
    let secrets;
    try {
      // The rotation's end was set on the node's clock (chain time on the devnet): judge it so.
      secrets = openTargetSecrets(t, o.encryptionKeyHex, o.nowMs());
    } catch {
      secrets = undefined;
    }
    let outcomes: Map<string, DeliveryOutcome>;
    if (!secrets) {
      const reason =
        secrets === null
          ? "the target has no credentials yet"
          : "the target's credentials do not open with this node's key";
      for (const r of batch)
        await recordOutcome(o.db, t.id, r, { status: "deferred", reason }, clockMs());
      return;
    }
    // A controller and a timer of our own: a timeout signal passed to AbortSignal.any can be
    // collected before it fires (Node 20), and the attempt would then never end.
    const attempt = new AbortController();
    const timer = setTimeout(
      () => attempt.abort(new Error(`no answer in ${o.events.attemptTimeoutMs} ms`)),
      o.events.attemptTimeoutMs,
    );
    const onShutdown = () => attempt.abort(shutdown.signal.reason);
    shutdown.signal.addEventListener("abort", onShutdown, { once: true });
    try {
      outcomes = await deliverer.deliver(
        batch.map((r) => ({ usageId: r.eventId, body: r.body, event: r.event })),
        secrets,
        { signal: attempt.signal, nowMs: o.nowMs() },
      );
    } catch (err) {
      // A deliverer should not throw; if one does, every event of the batch is tried again.
      const error = `delivery threw: ${describeError(err)}`;
      outcomes = new Map(
        batch.map((r) => [r.eventId, { status: "retry", statusCode: null, error }]),
      );
    } finally {
      clearTimeout(timer);
      shutdown.signal.removeEventListener("abort", onShutdown);
    }
    // Cut short by the node stopping: record nothing, so it costs no attempt; the lease runs out
    // and the next start sends it again.
    if (shutdown.signal.aborted) return;
    const nowMs = clockMs();
    for (const r of batch) {
      const kept = await recordOutcome(
        o.db,
        t.id,
        r,
        toUpdate(r, outcomes.get(r.eventId), nowMs),
        nowMs,
      );
      if (!kept)
        o.log(
          `event-dispatcher: event ${r.eventId} to target ${t.id}: lease lost, outcome not recorded`,
        );
    }
  }

  function start(t: EventTargetRow, deliverer: Deliverer, batch: LeasedReceipt[]): void {
    inFlight.set(t.id, (inFlight.get(t.id) ?? 0) + 1);
    const p = runBatch(t, deliverer, batch)
      .catch((err: unknown) =>
        o.log(`event-dispatcher: event delivery to target ${t.id}: ${describeError(err)}`),
      )
      .finally(() => {
        inFlight.set(t.id, (inFlight.get(t.id) ?? 1) - 1);
        running.delete(p);
      });
    running.add(p);
  }

  async function fill(t: EventTargetRow): Promise<boolean> {
    let deliverer: Deliverer;
    try {
      deliverer = delivererOf(t);
    } catch (err) {
      const key = `${t.id}\u0000${t.config}`;
      if (!unusable.has(key) && unusable.size < 1_000) {
        unusable.add(key);
        o.log(`event-dispatcher: event target ${t.id} cannot deliver: ${describeError(err)}`);
      }
      return false;
    }
    for (let started = 0; started < BATCHES_PER_TARGET_PER_TICK; started++) {
      if ((inFlight.get(t.id) ?? 0) >= o.events.targetConcurrency) return false;
      const batch = await leaseDue(o.db, t.id, {
        nowMs: clockMs(),
        leaseMs: o.events.attemptTimeoutMs + LEASE_MARGIN_MS,
        limit: deliverer.batchMax,
      });
      if (batch.length === 0) return false;
      start(t, deliverer, batch);
    }
    return true;
  }

  return {
    async tick() {
      if (shutdown.signal.aborted) return { more: false };
      const targets = await o.db.select().from(eventTargets).where(eq(eventTargets.enabled, true));
      let more = false;
      for (const t of targets) if (await fill(t)) more = true;
      if (clockMs() - prunedAtMs >= PRUNE_EVERY_MS) {
        prunedAtMs = clockMs();
        const pruned = await pruneEvents(o.db, o.nowMs() - o.events.retentionMs);
        if (pruned.more) prunedAtMs = -Infinity;
        if (pruned.deleted > 0)
          o.log(`event-dispatcher: usage events: pruned ${pruned.deleted} past retention`);
      }
      return { more };
    },
    inFlight: () => inFlight,
    async idle() {
      for (let round = 0; round < 1_000 && running.size > 0; round++)
        await Promise.all([...running]);
    },
    async close() {
      shutdown.abort(new Error("the node is stopping"));
      await this.idle();
    },
  };
}
