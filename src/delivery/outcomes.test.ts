import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { intoCalls } from "./aws-metering.ts";
import { customerOf, valueOf } from "./event-values.ts";
import { outcomeOfError, outcomeOfStatus, retryAfterMs } from "./outcomes.ts";
import { meterTimestamp } from "./stripe.ts";
import { newWebhookSecret } from "./target-config.ts";
import { signatures } from "./webhook.ts";
import { eventBody, TEST_USDM } from "../../test/support/delivery-events.ts";

describe("outcomes of an answer", () => {
  it("delivers 2xx, retries 408/425/429/5xx, fails other statuses", () => {
    expect(outcomeOfStatus(204, "")).toEqual({ status: "delivered", statusCode: 204 });
    for (const s of [408, 425, 429, 500, 502, 503])
      expect(outcomeOfStatus(s, "x").status, String(s)).toBe("retry");
    for (const s of [400, 401, 404, 410, 422])
      expect(outcomeOfStatus(s, "x").status, String(s)).toBe("failed");
    expect(outcomeOfStatus(503, "busy", 5_000)).toMatchObject({ retryAfterMs: 5_000 });
    expect(outcomeOfError(new Error("ECONNRESET"), false)).toMatchObject({ status: "retry" });
    expect(outcomeOfError(new Error("aborted"), true).status).toBe("retry");
  });

  it("reads Retry-After as seconds or an HTTP date, capped at an hour, and nothing else", () => {
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0);
    expect(retryAfterMs("999999", now)).toBe(3_600_000);
    for (const bad of ["-5", "1.5", "soon", "", undefined, "99999999999"])
      expect(retryAfterMs(bad, now), String(bad)).toBeUndefined();
  });
});

describe("values and customers of events", () => {
  it("takes the configured number, or none", () => {
    const locked = eventBody(1);
    expect(valueOf(locked, { source: "count" })).toBe(1n);
    expect(valueOf(locked, { source: "amount", unit: TEST_USDM })).toBe(5_000_000n);
    expect(valueOf(locked, { source: "amount", unit: "lovelace" })).toBeNull();
    const withdrawn = eventBody(2, "payment.withdrawn", {
      paidToSeller: [{ unit: TEST_USDM, amount: "4000000" }],
    });
    expect(valueOf(withdrawn, { source: "amount", unit: TEST_USDM })).toBe(4_000_000n);
    const voucher = eventBody(3, "payment.voucher_updated", {
      voucher: { unit: TEST_USDM, total: "900", increment: "300" },
    });
    expect(valueOf(voucher, { source: "voucher", unit: TEST_USDM })).toBe(300n);
    const usage = eventBody(4, "usage.recorded", {
      usage: { inputTokens: "1200", custom: { images: "3" } },
    });
    expect(valueOf(usage, { source: "usage", key: "inputTokens" })).toBe(1_200n);
    expect(valueOf(usage, { source: "usage", key: "images" })).toBe(3n);
    expect(valueOf(usage, { source: "usage", key: "seconds" })).toBeNull();
    expect(valueOf({ ...usage, usage: { n: "-1" } }, { source: "usage", key: "n" })).toBeNull();
  });

  it("maps a customer only by an own key", () => {
    const e = eventBody(5);
    expect(customerOf(e, "buyerVkey", { [e.buyerVkey!]: "cus_1" })).toBe("cus_1");
    expect(customerOf(e, "sellerVkey", { [e.buyerVkey!]: "cus_1" })).toBeNull();
    expect(customerOf({ ...e, buyerVkey: null }, "buyerVkey", {})).toBeNull();
    expect(customerOf({ ...e, agentIdentifier: "__proto__" }, "agentIdentifier", {})).toBeNull();
  });
});

describe("signatures, Stripe's window, AWS's calls", () => {
  it("signs with each valid secret, each verifiable by the package", () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const at = new Date();
    const body = '{"usageId":"ue_1"}';
    const header = signatures({ current, previous }, "ue_1", at, body);
    const headers = {
      "webhook-id": "ue_1",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1_000)),
      "webhook-signature": header,
    };
    for (const s of [current, previous])
      expect(() => new Webhook(s).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(signatures({ current, previous: null }, "ue_1", at, body).split(" ")).toHaveLength(1);
  });

  it("keeps Stripe's timestamps within 35 days back and never ahead", () => {
    const now = 2_000_000_000_000;
    expect(meterTimestamp(now - 1_000, now)).toBe(Math.floor((now - 1_000) / 1_000));
    expect(meterTimestamp(now + 3_600_000, now)).toBe(now / 1_000);
    expect(meterTimestamp(0, now)).toBeGreaterThan((now - 35 * 86_400_000) / 1_000);
  });

  it("splits AWS records into calls of at most 25, no triple twice in a call", () => {
    const rec = (i: number, key: string) => ({
      usageId: `ue_${i}`,
      key,
      record: { Timestamp: new Date(0), Dimension: "d", CustomerIdentifier: "c", Quantity: i },
    });
    const calls = intoCalls([
      ...Array.from({ length: 30 }, (_, i) => rec(i, `k${i}`)),
      rec(30, "k0"),
      rec(31, "k0"),
    ]);
    expect(calls.map((c) => c.length)).toEqual([25, 6, 1]);
    for (const c of calls) expect(new Set(c.map((r) => r.key)).size).toBe(c.length);
  });
});
