/**
 * The dispatcher against a real database and a real webhook receiver on loopback: receipts per
 * target, deferred until credentials come, retries with backoff until the caps, leases that run
 * out, two dispatchers on one database, a hanging target beside a healthy one, replay, and a
 * secret's rotation. The clock for backoff and leases is the test's; the receiver's signature
 * check uses the real one (as the webhook's timestamp does).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_EVENTS, type EventsConfig } from "../src/config.ts";
import { eventDeliveries, eventTargets, usageEvents } from "../src/db/schema.ts";
import type { Deliverer, DeliveryOutcome } from "../src/delivery/types.ts";
import { newWebhookSecret } from "../src/delivery/target-config.ts";
import { leaseDue, recordOutcome } from "../src/services/event-leases.ts";
import { REPLAY_MAX, replayEvents } from "../src/services/event-log.ts";
import { pruneEvents } from "../src/services/event-retention.ts";
import { createTarget, updateTarget, type NewTarget } from "../src/services/event-targets.ts";
import { createEventDispatcher, type DelivererFactory } from "../src/workers/event-dispatcher.ts";
import { eventBody, eventRow, writeEvents } from "./support/delivery-events.ts";
import { freshDatabase, type TestDatabase } from "./support/db.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";
import { writeUsageEvents } from "../src/services/usage-events.ts";

const KEY = "5e".repeat(32);
const EVENTS: EventsConfig = {
  ...DEFAULT_EVENTS,
  allowPrivateTargets: true,
  attemptTimeoutMs: 1_000,
  attemptsMax: 4,
  ageMaxMs: 3_600_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  targetConcurrency: 2,
};

let database: TestDatabase;
let receivers: WebhookReceiver[] = [];
const clock = { ms: 10_000_000 };

// One database for the file (a fresh one takes seconds); each test starts with empty tables.
beforeAll(async () => {
  database = await freshDatabase();
});
beforeEach(async () => {
  await database.db.delete(eventTargets);
  await database.db.delete(usageEvents);
  clock.ms = 10_000_000;
});
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
afterAll(async () => {
  await database?.close();
});

async function receiver(secrets: string[], failRate = 0) {
  const r = await startWebhookReceiver({ secrets, failRate });
  receivers.push(r);
  return r;
}

function dispatcher(over: Partial<EventsConfig> = {}, delivererFor?: DelivererFactory) {
  return createEventDispatcher({
    db: database.db,
    encryptionKeyHex: KEY,
    events: { ...EVENTS, ...over },
    log: () => {},
    nowMs: () => clock.ms,
    clockMs: () => clock.ms,
    random: () => 0.5,
    delivererFor,
  });
}

async function target(t: Partial<NewTarget> & { url?: string } = {}) {
  return createTarget(
    database.db,
    {
      name: t.name ?? `target-${Math.random()}`,
      kind: t.kind ?? "webhook",
      config: t.config ?? { url: t.url ?? "http://127.0.0.1:9/none" },
      eventTypes: t.eventTypes ?? ["*"],
      secret: t.secret === undefined ? newWebhookSecret() : t.secret,
      enabled: t.enabled ?? true,
    },
    { encryptionKeyHex: KEY, nowMs: clock.ms },
  );
}

async function receipt(eventId: string, targetId: string) {
  const [r] = await database.db
    .select()
    .from(eventDeliveries)
    .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.targetId, targetId)));
  return r;
}

/** One tick, then every attempt it started finished and recorded. */
async function round(d: ReturnType<typeof dispatcher>) {
  await d.tick();
  await d.idle();
}

describe("receipts", () => {
  it("are pending, skipped or deferred per target, and none for a disabled target", async () => {
    const all = await target();
    const onlyUsage = await target({ eventTypes: ["usage.recorded"] });
    const noSecret = await target({ secret: null });
    const off = await target({ enabled: false });
    const [e] = await writeEvents(database.db, [eventBody(1)]);
    expect((await receipt(e!.usageId, all.id))?.status).toBe("pending");
    const skipped = await receipt(e!.usageId, onlyUsage.id);
    expect(skipped?.status).toBe("skipped");
    expect(skipped?.lastError).toMatch(/does not take payment.funds_locked/);
    expect((await receipt(e!.usageId, noSecret.id))?.status).toBe("deferred");
    expect(await receipt(e!.usageId, off.id)).toBeUndefined();
  });

  it("are written once however often the same event is written", async () => {
    const t = await target();
    const body = eventBody(2);
    await writeEvents(database.db, [body, body]);
    await writeEvents(database.db, [body]);
    const rows = await database.db
      .select()
      .from(eventDeliveries)
      .where(eq(eventDeliveries.targetId, t.id));
    expect(rows).toHaveLength(1);
    expect(await database.db.select().from(usageEvents)).toHaveLength(1);
  });
});

describe("delivery to a webhook", () => {
  it("delivers each event once, signed, and records the receipt", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const t = await target({ url: r.url, secret });
    const events = await writeEvents(database.db, [eventBody(1), eventBody(2), eventBody(3)]);
    const d = dispatcher();
    for (let i = 0; i < 3; i++) await round(d);
    expect(r.acceptedIds.sort()).toEqual(events.map((e) => e.usageId).sort());
    expect(r.duplicates).toBe(0);
    expect(r.badSignatures).toBe(0);
    const got = r.received.find((x) => x.id === events[0]!.usageId)!;
    expect(JSON.parse(got.body)).toEqual(events[0]);
    const rec = await receipt(events[0]!.usageId, t.id);
    expect(rec).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
    expect(rec?.dispatchedAtMs).toBe(clock.ms);
    // Nothing more to send: a further round sends nothing.
    const before = r.requests;
    await round(d);
    expect(r.requests).toBe(before);
  });

  it("defers without credentials and delivers once they are set", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const t = await target({ url: r.url, secret: null });
    const [e] = await writeEvents(database.db, [eventBody(5)]);
    const d = dispatcher();
    await round(d);
    expect(r.requests).toBe(0);
    expect((await receipt(e!.usageId, t.id))?.status).toBe("deferred");
    await updateTarget(database.db, t.id, { secret }, { encryptionKeyHex: KEY, nowMs: clock.ms });
    expect((await receipt(e!.usageId, t.id))?.status).toBe("pending");
    await round(d);
    expect(r.acceptedIds).toEqual([e!.usageId]);
    expect((await receipt(e!.usageId, t.id))?.status).toBe("delivered");
  });

  it("retries 5xx with backoff and fails after the attempts cap with the last answer", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    r.failures.queue.push(500, 503, 502, 500, 500);
    const t = await target({ url: r.url, secret });
    const [e] = await writeEvents(database.db, [eventBody(6)]);
    const d = dispatcher();
    await round(d);
    let rec = await receipt(e!.usageId, t.id);
    expect(rec).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    // Full jitter at 0.5 of base·2^0: due 500 ms later, not before.
    expect(rec!.nextAttemptAtMs).toBe(clock.ms + 500);
    await round(d);
    expect(r.requests).toBe(1);
    for (const [attempt, step] of [
      [2, 500],
      [3, 1_000],
      [4, 2_000],
    ] as const) {
      clock.ms += step;
      await round(d);
      rec = await receipt(e!.usageId, t.id);
      expect(rec!.attempts).toBe(attempt);
    }
    expect(rec).toMatchObject({ status: "failed", attempts: 4, lastStatusCode: 500 });
    expect(rec!.lastError).toMatch(/HTTP 500.*gave up after 4 attempts/);
    clock.ms += 3_600_000;
    await round(d);
    expect(r.requests).toBe(4);
    expect(r.acceptedIds).toEqual([]);
  });

  it("fails once retrying would pass the age cap", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    r.failures.queue.push(500, 500, 500);
    const t = await target({ url: r.url, secret });
    const [e] = await writeEvents(database.db, [eventBody(7)]);
    const d = dispatcher({ attemptsMax: 100, ageMaxMs: 1_200 });
    await round(d); // first attempt at t0, next at +500
    clock.ms += 500;
    await round(d); // second at +500, next would be at +1500 > 1200
    const rec = await receipt(e!.usageId, t.id);
    expect(rec).toMatchObject({ status: "failed", attempts: 2 });
    expect(rec!.lastError).toMatch(/retrying longer than 1200 ms/);
  });

  it("fails a 4xx at once, and waits as a 429's Retry-After asks", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const t = await target({ url: r.url, secret });
    r.failures.queue.push(410);
    const [gone] = await writeEvents(database.db, [eventBody(8)]);
    const d = dispatcher();
    await round(d);
    expect(await receipt(gone!.usageId, t.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastStatusCode: 410,
    });
    r.failures.queue.push(429);
    r.failures.retryAfter = "30";
    const [slow] = await writeEvents(database.db, [eventBody(9)]);
    await round(d);
    const rec = await receipt(slow!.usageId, t.id);
    expect(rec).toMatchObject({ status: "pending", lastStatusCode: 429 });
    expect(rec!.nextAttemptAtMs).toBe(clock.ms + 30_000);
  });

  it("refuses a loopback target unless private targets are allowed", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const t = await target({ url: r.url, secret });
    const [e] = await writeEvents(database.db, [eventBody(10)]);
    await round(dispatcher({ allowPrivateTargets: false }));
    const rec = await receipt(e!.usageId, t.id);
    expect(rec).toMatchObject({ status: "failed", lastStatusCode: null });
    expect(rec!.lastError).toMatch(/127\.0\.0\.1 is a loopback, private/);
    expect(r.requests).toBe(0);
  });

  it("signs with both secrets during a rotation, then with the new one only", async () => {
    const oldSecret = newWebhookSecret();
    const newSecret = newWebhookSecret();
    const oldOnly = await receiver([oldSecret]);
    const t = await target({ url: oldOnly.url, secret: oldSecret });
    await updateTarget(
      database.db,
      t.id,
      { secret: newSecret, previousSecretValidForMs: 60_000 },
      { encryptionKeyHex: KEY, nowMs: clock.ms },
    );
    const d = dispatcher();
    await writeEvents(database.db, [eventBody(11)]);
    await round(d);
    expect(oldOnly.acceptedIds).toHaveLength(1);
    const sig = oldOnly.received[0]!.headers["webhook-signature"]!;
    expect(sig.split(" ")).toHaveLength(2);
    // The overlap over: a receiver that kept only the old secret refuses what comes.
    clock.ms += 60_001;
    await writeEvents(database.db, [eventBody(12)]);
    await round(d);
    expect(oldOnly.badSignatures).toBe(1);
    const newOnly = await receiver([newSecret]);
    await updateTarget(
      database.db,
      t.id,
      { config: { url: newOnly.url } },
      { encryptionKeyHex: KEY, nowMs: clock.ms },
    );
    await writeEvents(database.db, [eventBody(13)]);
    await round(d);
    expect(newOnly.acceptedIds).toHaveLength(1);
    expect(newOnly.received[0]!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
  });
});

/** A deliverer that answers what the test says, counting calls per usage id. */
function scripted(answer: (usageId: string) => Promise<DeliveryOutcome>, batchMax = 1) {
  const calls = new Map<string, number>();
  const deliverer: Deliverer = {
    batchMax,
    async deliver(events, _secrets, opts) {
      const out = new Map<string, DeliveryOutcome>();
      for (const e of events) {
        calls.set(e.usageId, (calls.get(e.usageId) ?? 0) + 1);
        out.set(
          e.usageId,
          await Promise.race([
            answer(e.usageId),
            new Promise<DeliveryOutcome>((resolve) =>
              opts.signal.addEventListener("abort", () =>
                resolve({ status: "retry", statusCode: null, error: "aborted" }),
              ),
            ),
          ]),
        );
      }
      return out;
    },
  };
  return { deliverer, calls };
}

describe("leases and concurrency", () => {
  it("a lease that ran out is taken again, and the old holder's outcome is not recorded", async () => {
    const t = await target();
    const [e] = await writeEvents(database.db, [eventBody(20)]);
    const first = await leaseDue(database.db, t.id, { nowMs: clock.ms, leaseMs: 1_000, limit: 10 });
    expect(first.map((r) => r.eventId)).toEqual([e!.usageId]);
    expect(
      await leaseDue(database.db, t.id, { nowMs: clock.ms + 999, leaseMs: 1_000, limit: 10 }),
    ).toEqual([]);
    const second = await leaseDue(database.db, t.id, {
      nowMs: clock.ms + 1_000,
      leaseMs: 1_000,
      limit: 10,
    });
    expect(second.map((r) => r.eventId)).toEqual([e!.usageId]);
    const delivered = { status: "delivered", statusCode: 200 } as const;
    expect(await recordOutcome(database.db, t.id, first[0]!, delivered, clock.ms)).toBe(false);
    expect(await recordOutcome(database.db, t.id, second[0]!, delivered, clock.ms)).toBe(true);
    expect((await receipt(e!.usageId, t.id))?.status).toBe("delivered");
  });

  it("two dispatchers on one database never send the same receipt", async () => {
    await target();
    const events = await writeEvents(
      database.db,
      Array.from({ length: 30 }, (_, i) => eventBody(100 + i)),
    );
    const slow = scripted(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { status: "delivered", statusCode: 200 };
    });
    const factory: DelivererFactory = () => slow.deliverer;
    const a = dispatcher({ targetConcurrency: 4 }, factory);
    const b = dispatcher({ targetConcurrency: 4 }, factory);
    for (let i = 0; i < 20; i++) {
      await Promise.all([a.tick(), b.tick()]);
      await Promise.all([a.idle(), b.idle()]);
    }
    expect([...slow.calls.keys()].sort()).toEqual(events.map((e) => e.usageId).sort());
    expect([...slow.calls.values()].every((n) => n === 1)).toBe(true);
  });

  it("a target that hangs holds only its own slots", async () => {
    const secret = newWebhookSecret();
    const hanging = await receiver([secret]);
    hanging.failures.hang = true;
    const healthy = await receiver([secret]);
    const h = await target({ name: "hanging", url: hanging.url, secret });
    const ok = await target({ name: "healthy", url: healthy.url, secret });
    const events = await writeEvents(database.db, [eventBody(30), eventBody(31), eventBody(32)]);
    const d = dispatcher({ attemptTimeoutMs: 1_500, targetConcurrency: 2 });
    const started = Date.now();
    await d.tick();
    // The tick does not wait for the hanging attempts.
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(d.inFlight().get(h.id)).toBe(2);
    for (let i = 0; i < 5 && healthy.acceptedIds.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await d.tick();
    }
    expect(healthy.acceptedIds.sort()).toEqual(events.map((e) => e.usageId).sort());
    expect(d.inFlight().get(h.id)).toBe(2);
    await d.idle();
    const rec = await receipt(events[0]!.usageId, h.id);
    expect(rec).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(rec!.lastError).toMatch(/no answer in time/);
    expect((await receipt(events[0]!.usageId, ok.id))?.status).toBe("delivered");
  }, 15_000);
});

describe("replay", () => {
  it("sends one delivered event again, and a time range, to one target", async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const t = await target({ url: r.url, secret });
    const early = await writeEvents(database.db, [eventBody(40), eventBody(41)], 1_000);
    const late = await writeEvents(database.db, [eventBody(42)], 5_000);
    const d = dispatcher();
    for (let i = 0; i < 3; i++) await round(d);
    expect(r.acceptedIds).toHaveLength(3);
    expect(await replayEvents(database.db, t.id, { usageId: early[0]!.usageId }, clock.ms)).toBe(1);
    expect(await receipt(early[0]!.usageId, t.id)).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    await round(d);
    expect(r.duplicates).toBe(1);
    expect(r.received.at(-1)!.id).toBe(early[0]!.usageId);
    expect(await replayEvents(database.db, t.id, { fromMs: 4_000, toMs: 6_000 }, clock.ms)).toBe(1);
    await round(d);
    expect(r.received.at(-1)!.id).toBe(late[0]!.usageId);
    expect((await receipt(late[0]!.usageId, t.id))?.status).toBe("delivered");
  });

  it("gives a target added later the events written before it", async () => {
    const [e] = await writeEvents(database.db, [eventBody(50)]);
    const t = await target();
    expect(await receipt(e!.usageId, t.id)).toBeUndefined();
    expect(await replayEvents(database.db, t.id, { fromMs: 0, toMs: 10_000 }, clock.ms)).toBe(1);
    expect((await receipt(e!.usageId, t.id))?.status).toBe("pending");
  });

  it(`refuses a range of more than ${REPLAY_MAX} events, changing nothing`, async () => {
    const t = await target();
    const bodies = Array.from({ length: REPLAY_MAX + 1 }, (_, i) => eventBody(1_000 + i));
    await database.db
      .insert(usageEvents)
      .values(bodies.slice(0, 5_000).map((b) => eventRow(b, 2_000)));
    await database.db
      .insert(usageEvents)
      .values(bodies.slice(5_000).map((b) => eventRow(b, 2_000)));
    await expect(
      replayEvents(database.db, t.id, { fromMs: 0, toMs: 3_000 }, clock.ms),
    ).rejects.toThrow(/more than 10000 events/);
    expect(await database.db.select().from(eventDeliveries)).toHaveLength(0);
  }, 30_000);
});

describe("retention", () => {
  it("deletes events older than the cut in bounded batches, with their receipts", async () => {
    await target();
    await writeEvents(database.db, [eventBody(60)], 1_000);
    const [kept] = await writeEvents(database.db, [eventBody(61)], 9_000);
    expect(await pruneEvents(database.db, 5_000)).toEqual({ deleted: 1, more: false });
    const left = await database.db.select().from(usageEvents);
    expect(left.map((e) => e.id)).toEqual([kept!.usageId]);
    expect(await database.db.select().from(eventDeliveries)).toHaveLength(1);
  });
});

it("the outbox writer skips an event already stored, keeping its first body", async () => {
  const body = eventBody(70);
  await writeUsageEvents(database.db, [eventRow(body, 1_000)], 1_000);
  const again = await writeUsageEvents(
    database.db,
    [eventRow({ ...body, state: "Other" }, 2_000)],
    2_000,
  );
  expect(again).toEqual([]);
  const [row] = await database.db.select().from(usageEvents);
  expect(JSON.parse(row!.body).state).toBe("FundsLocked");
  expect(await database.db.select().from(eventTargets)).toHaveLength(0);
});
