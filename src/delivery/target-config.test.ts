import { describe, expect, it } from "vitest";
import { newWebhookSecret, parseTargetConfig, parseTargetSecret } from "./target-config.ts";

const BUYER = "bb".repeat(28);
const stripe = {
  eventName: "usage",
  customerBy: "buyerVkey",
  customers: { [BUYER]: "cus_123" },
  value: { source: "count" },
};

describe("parseTargetConfig", () => {
  it("accepts each kind's documented config", () => {
    expect(parseTargetConfig("webhook", { url: "https://h.example/x?y=1" }).ok).toBe(true);
    expect(parseTargetConfig("stripe", { ...stripe, apiBase: "http://127.0.0.1:1" }).ok).toBe(true);
    const aws = parseTargetConfig("aws", {
      productCode: "abc123",
      region: "eu-west-1",
      customerBy: "agentIdentifier",
      customers: {},
      dimensions: { "usage.recorded": "calls", "payment.funds_locked": "jobs" },
      value: { source: "usage", key: "inputTokens" },
    });
    expect(aws.ok).toBe(true);
  });

  it.each([
    ["webhook", { url: "ftp://h.example" }, "config.url"],
    ["webhook", { url: "https://u:p@h.example" }, "config.url"],
    ["webhook", { url: "https://h.example/\u0000" }, "config.url"],
    ["webhook", { url: `https://h.example/${"a".repeat(2_100)}` }, "config.url"],
    ["webhook", { url: "https://h.example", headers: {} }, "config.headers"],
    ["webhook", null, "config"],
    ["stripe", { ...stripe, eventName: "" }, "config.eventName"],
    ["stripe", { ...stripe, customerBy: "email" }, "config.customerBy"],
    ["stripe", { ...stripe, customers: { [BUYER]: "acct_1" } }, `config.customers.${BUYER}`],
    ["stripe", { ...stripe, customers: { NOTHEX: "cus_1" } }, "config.customers.NOTHEX"],
    ["stripe", { ...stripe, value: { source: "amount", unit: "ADA" } }, "config.value.unit"],
    ["stripe", { ...stripe, value: { source: "magic" } }, "config.value.source"],
    [
      "aws",
      {
        productCode: "p",
        region: "mars",
        customerBy: "buyerVkey",
        customers: {},
        dimensions: { "usage.recorded": "x" },
        value: { source: "count" },
      },
      "config.region",
    ],
    [
      "aws",
      {
        productCode: "p",
        region: "us-east-1",
        customerBy: "buyerVkey",
        customers: {},
        dimensions: {},
        value: { source: "count" },
      },
      "config.dimensions",
    ],
  ] as const)("refuses a bad %s config naming %s", (kind, raw, field) => {
    const r = parseTargetConfig(kind, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it("refuses more than 1,000 customers", () => {
    const customers = Object.fromEntries(
      Array.from({ length: 1_001 }, (_, i) => [i.toString(16).padStart(56, "0"), "cus_1"]),
    );
    const r = parseTargetConfig("stripe", { ...stripe, customers });
    expect(r.ok).toBe(false);
  });
});

describe("parseTargetSecret", () => {
  it("takes a Standard Webhooks secret, a Stripe secret key, AWS credentials", () => {
    expect(parseTargetSecret("webhook", newWebhookSecret()).ok).toBe(true);
    expect(parseTargetSecret("stripe", "rk_live_abcdefghijklmnop").ok).toBe(true);
    const aws = parseTargetSecret("aws", {
      accessKeyId: "AKIAABCDEFGHIJKLMNOP",
      secretAccessKey: "abcdefghijklmnopqrstuvwxyz012345",
    });
    expect(aws).toEqual({
      ok: true,
      value: JSON.stringify({
        accessKeyId: "AKIAABCDEFGHIJKLMNOP",
        secretAccessKey: "abcdefghijklmnopqrstuvwxyz012345",
      }),
    });
  });

  it.each([
    ["webhook", "whsec_short", "secret"],
    ["webhook", `whsec_${Buffer.alloc(100).toString("base64")}`, "secret"],
    ["webhook", 42, "secret"],
    ["stripe", "pk_test_abcdefghijklmnop", "secret"],
    ["stripe", "sk_test_abc\u0000defghijklmnop", "secret"],
    ["aws", "AKIA:secret", "secret"],
    [
      "aws",
      { accessKeyId: "akia", secretAccessKey: "abcdefghijklmnopqrstuvwxyz012345" },
      "secret.accessKeyId",
    ],
    [
      "aws",
      {
        accessKeyId: "AKIAABCDEFGHIJKLMNOP",
        secretAccessKey: "abcdefghijklmnopqrstuvwxyz012345",
        extra: 1,
      },
      "secret.extra",
    ],
  ] as const)("refuses a bad %s secret naming %s", (kind, raw, field) => {
    const r = parseTargetSecret(kind, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it("makes webhook secrets of 32 random bytes", () => {
    const a = newWebhookSecret();
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
