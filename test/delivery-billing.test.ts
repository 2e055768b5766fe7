/**
 * Billing targets end to end, from the outbox through the dispatcher and the official clients
 * (the `stripe` package, the AWS SDK's metering client) to local servers that check requests
 * as Stripe and AWS document them: the documented shapes, each usage id counted once (Stripe
 * by identifier and Idempotency-Key; AWS by customer, dimension and timestamp), retries on
 * 5xx and throttling, skips for events a target has no customer or value for.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_EVENTS } from "../src/config.ts";
import { eventDeliveries, eventTargets, usageEvents } from "../src/db/schema.ts";
import { replayEvents } from "../src/services/event-log.ts";
import { createTarget } from "../src/services/event-targets.ts";
import { createEventDispatcher } from "../src/workers/event-dispatcher.ts";
import { startAwsMeteringFake, type AwsMeteringFake } from "./support/aws-metering-fake.ts";
import { BUYER_VKEY, eventBody, TEST_USDM, writeEvents } from "./support/delivery-events.ts";
import { freshDatabase, type TestDatabase } from "./support/db.ts";
import { startStripeFake, type StripeFake } from "./support/stripe-fake.ts";

const KEY = "7a".repeat(32);
const STRIPE_KEY = "sk_test_escrowdfakekey0123456789";
const AWS_SECRET = {
  accessKeyId: "AKIAESCROWDTEST00001",
  secretAccessKey: "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
};
let database: TestDatabase;
let stripe: StripeFake;
let aws: AwsMeteringFake;
const clock = { ms: 50_000_000 };

beforeAll(async () => {
  database = await freshDatabase();
  stripe = await startStripeFake(STRIPE_KEY);
  aws = await startAwsMeteringFake(AWS_SECRET.accessKeyId);
});
beforeEach(async () => {
  await database.db.delete(eventTargets);
  await database.db.delete(usageEvents);
  clock.ms += 3_600_000;
});
afterAll(async () => {
  await stripe?.close();
  await aws?.close();
  await database?.close();
});

/** `random` sets the backoff's jitter: 0 retries at once; more waits until the clock moves. */
const dispatcher = (random: () => number = () => 0) =>
  createEventDispatcher({
    db: database.db,
    encryptionKeyHex: KEY,
    events: { ...DEFAULT_EVENTS, allowPrivateTargets: true, attemptTimeoutMs: 10_000 },
    log: () => {},
    nowMs: () => clock.ms,
    clockMs: () => clock.ms,
    random,
  });

async function rounds(d: ReturnType<typeof dispatcher>, n: number) {
  for (let i = 0; i < n; i++) {
    await d.tick();
    await d.idle();
  }
}

async function statusOf(eventId: string, targetId: string) {
  const [r] = await database.db
    .select()
    .from(eventDeliveries)
    .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.targetId, targetId)));
  return r!;
}

describe("Stripe meter events", () => {
  async function stripeTarget(secret = STRIPE_KEY) {
    return createTarget(
      database.db,
      {
        name: `stripe-${secret.length}`,
        kind: "stripe",
        config: {
          eventName: "escrowd_usdm",
          customerBy: "buyerVkey",
          customers: { [BUYER_VKEY]: "cus_Buyer123" },
          value: { source: "amount", unit: TEST_USDM },
          apiBase: stripe.apiBase,
        },
        eventTypes: ["*"],
        secret,
        enabled: true,
      },
      { encryptionKeyHex: KEY, nowMs: clock.ms },
    );
  }

  it("sends the documented request once per usage id, retrying a 500, skipping what it cannot bill", async () => {
    const t = await stripeTarget();
    const [locked, unmapped, noValue] = await writeEvents(database.db, [
      eventBody(1),
      eventBody(2, "payment.funds_locked", { buyerVkey: "ee".repeat(28) }),
      eventBody(3, "payment.result_submitted"),
    ]);
    stripe.queue.push(500);
    const before = stripe.events.length;
    // A retry waits half its backoff, so the first round cannot retry at once (the tick's
    // batches would otherwise take the receipt again when they are slow enough).
    const d = dispatcher(() => 0.5);
    await rounds(d, 1);
    expect(await statusOf(locked!.usageId, t.id)).toMatchObject({
      status: "pending",
      lastStatusCode: 500,
    });
    clock.ms += DEFAULT_EVENTS.backoffCapMs;
    await rounds(d, 1);
    expect(await statusOf(locked!.usageId, t.id)).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    const skipped = await statusOf(unmapped!.usageId, t.id);
    expect(skipped.status).toBe("skipped");
    expect(skipped.lastError).toMatch(/no Stripe customer mapped for buyerVkey/);
    expect((await statusOf(noValue!.usageId, t.id)).lastError).toMatch(/no amount value/);
    const sent = stripe.events.slice(before);
    expect(sent).toEqual([
      {
        event_name: "escrowd_usdm",
        identifier: locked!.usageId,
        timestamp: Math.floor(locked!.nodeTimeMs / 1_000),
        payload: { stripe_customer_id: "cus_Buyer123", value: "5000000" },
      },
    ]);
    const request = stripe.requests.at(-1)!;
    expect(request.path).toBe("/v1/billing/meter_events");
    expect(request.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    expect(request.headers["idempotency-key"]).toBe(locked!.usageId);
    // A replay reaches Stripe with the same Idempotency-Key: counted once still.
    await replayEvents(database.db, t.id, { usageId: locked!.usageId }, clock.ms);
    await rounds(d, 1);
    expect(stripe.idempotentReplays).toBe(1);
    expect(stripe.events.filter((e) => e.identifier === locked!.usageId)).toHaveLength(1);
    expect((await statusOf(locked!.usageId, t.id)).status).toBe("delivered");
  });

  it("fails at once when Stripe refuses the key", async () => {
    const t = await stripeTarget("sk_test_wrongkey0123456789");
    const [e] = await writeEvents(database.db, [eventBody(4)]);
    await rounds(dispatcher(), 1);
    const r = await statusOf(e!.usageId, t.id);
    expect(r).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 401 });
    expect(r.lastError).toMatch(/Invalid API Key/);
  });
});

describe("AWS Marketplace metering", () => {
  async function awsTarget() {
    return createTarget(
      database.db,
      {
        name: "aws",
        kind: "aws",
        config: {
          productCode: "escrowdprod1",
          region: "us-east-1",
          customerBy: "buyerVkey",
          customers: { [BUYER_VKEY]: "cust-buyer-1", ["ff".repeat(28)]: "cust-gone" },
          dimensions: { "usage.recorded": "api_calls" },
          value: { source: "usage", key: "calls" },
          endpoint: aws.endpoint,
        },
        eventTypes: ["usage.recorded"],
        secret: JSON.stringify(AWS_SECRET),
        enabled: true,
      },
      { encryptionKeyHex: KEY, nowMs: clock.ms },
    );
  }

  it("batches at most 25 records a call, each usage id once, retrying throttling", async () => {
    const t = await awsTarget();
    const nowMs = Date.now();
    // All in the same second: each usage id's own offset (up to an hour) tells them apart.
    const bodies = Array.from({ length: 30 }, (_, i) =>
      eventBody(100 + i, "usage.recorded", {
        usage: { calls: String(i + 1) },
        nodeTimeMs: nowMs - 60_000,
      }),
    );
    const events = await writeEvents(database.db, bodies);
    aws.queue.push({ type: "ThrottlingException", status: 400 });
    const callsBefore = aws.calls.length;
    const recordsBefore = aws.records.length;
    const d = dispatcher();
    await rounds(d, 1);
    // The first call was throttled; its records wait their backoff (random 0: due at once).
    await rounds(d, 3);
    const calls = aws.calls.slice(callsBefore);
    expect(calls.every((c) => c.records.length >= 1 && c.records.length <= 25)).toBe(true);
    expect(calls.every((c) => c.productCode === "escrowdprod1")).toBe(true);
    const records = aws.records.slice(recordsBefore);
    // Two of these ids share an offset (946 s): AWS takes the first and answers the other
    // DuplicateRecord, which is reported, never counted twice or lost without a word.
    const statuses = await Promise.all(events.map((e) => statusOf(e.usageId, t.id)));
    const duplicates = statuses.filter((r) => r.status === "failed");
    expect(duplicates.map((r) => r.lastError)).toEqual([expect.stringMatching(/DuplicateRecord/)]);
    expect(statuses.filter((r) => r.status === "delivered")).toHaveLength(29);
    expect(records).toHaveLength(29);
    expect(new Set(records.map((r) => r.Quantity)).size).toBe(29);
    const second = Math.floor((nowMs - 60_000) / 1_000);
    for (const r of records) {
      expect(r).toMatchObject({ CustomerIdentifier: "cust-buyer-1", Dimension: "api_calls" });
      expect(r.Timestamp).toBeLessThanOrEqual(second);
      expect(r.Timestamp).toBeGreaterThan(second - 3_600);
    }
    // A replay sends the same record (same timestamp and quantity): AWS counts it once.
    const again = aws.sameRecordAgain;
    await replayEvents(database.db, t.id, { usageId: events[0]!.usageId }, clock.ms);
    await rounds(d, 1);
    expect((await statusOf(events[0]!.usageId, t.id)).status).toBe("delivered");
    expect(aws.sameRecordAgain).toBe(again + 1);
    expect(aws.records.slice(recordsBefore)).toHaveLength(29);
  });

  it("fails a record of a customer not subscribed, and skips an event without the counter", async () => {
    const t = await awsTarget();
    aws.unsubscribed.add("cust-gone");
    const [gone, noCounter] = await writeEvents(database.db, [
      eventBody(200, "usage.recorded", { buyerVkey: "ff".repeat(28), usage: { calls: "2" } }),
      eventBody(201, "usage.recorded", { usage: { tokens: "9" } }),
    ]);
    await rounds(dispatcher(), 1);
    expect(await statusOf(gone!.usageId, t.id)).toMatchObject({ status: "failed" });
    expect((await statusOf(gone!.usageId, t.id)).lastError).toMatch(/CustomerNotSubscribed/);
    const skipped = await statusOf(noCounter!.usageId, t.id);
    expect(skipped.status).toBe("skipped");
    expect(skipped.lastError).toMatch(/no usage value/);
  });
});
