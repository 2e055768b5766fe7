/**
 * /metrics through a whole node on the devnet: a paid job (locked, result submitted, withdrawn)
 * moves the counters it should — HTTP requests by route pattern, payments and purchases by
 * state, transactions built/submitted/confirmed, batch sizes, chain requests by endpoint — and
 * the runtime's own gauges are there. Only the admin key or METRICS_TOKEN reads them, and no
 * raw path (with its ids) becomes a label.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import {
  closeNodes,
  HOUR_MS,
  moveTimeTo,
  openNode,
  payJob,
  registerAgent,
  waitState,
  type TestNode,
} from "./support/lifecycle-world.ts";

const METRICS_TOKEN = "m".repeat(40);
let n: TestNode;
let origin: string;
let id: string;

beforeAll(async () => {
  n = await openNode({ METRICS_TOKEN });
  origin = n.node.apiUrl.replace(/\/api\/v1$/, "");
  const agent = await registerAgent(n);
  const paid = await payJob(n, n, agent);
  id = paid.blockchainIdentifier;
  await waitState(n, "payment", id, "FundsLocked");
  const submitted = await n.api("POST", "/payment/submit-result", {
    network: "Preprod",
    blockchainIdentifier: id,
    submitResultHash: "e".repeat(64),
  });
  expect(submitted.status).toBe(200);
  await waitState(n, "payment", id, "ResultSubmitted");
  await moveTimeTo(n, Number(paid.payment.unlockTime) + HOUR_MS);
  await waitState(n, "payment", id, "Withdrawn");
  await waitState(n, "purchase", id, "Withdrawn");
}, 240_000);
afterAll(async () => {
  await closeNodes(n);
});

async function scrape(token: string | null = adminKey()) {
  const res = await fetch(`${origin}/metrics`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

function adminKey(): string {
  return n.node.parts!.keys.adminKey;
}

/** The value of the sample `name{labels}` (labels in any order), or undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe(`/metrics after a paid job on ${DB_KIND}`, () => {
  it("answers Prometheus's text format to the admin key and to the metrics token", async () => {
    const admin = await scrape(adminKey());
    expect(admin.status).toBe(200);
    expect(admin.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const viaToken = await scrape(METRICS_TOKEN);
    expect(viaToken.status).toBe(200);
  });

  it("refuses no token, a wrong token and an API key's token", async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape("x".repeat(40))).status).toBe(401);
    const key = await n.api("POST", "/api-key", { permission: "Admin", usageLimited: "false" });
    expect(key.status).toBe(200);
    // An API key, even an admin one, is not the metrics token: /metrics is the operator's.
    expect((await scrape(key.body.data.token)).status).toBe(401);
  });

  it("counts HTTP requests by route pattern and status, with latency", async () => {
    expect((await scrape(null)).status).toBe(401);
    const { text } = await scrape();
    const created = { route: "/api/v1/payment", method: "POST", status: "200" };
    expect(sample(text, "escrowd_http_requests_total", created)).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, "escrowd_http_request_duration_seconds_count", {
        route: "/api/v1/payment",
        method: "POST",
      }),
    ).toBeGreaterThanOrEqual(1);
    const refused = { route: "/metrics", method: "GET", status: "401" };
    expect(sample(text, "escrowd_http_requests_total", refused)).toBeGreaterThanOrEqual(1);
  });

  it("shows the payment and the purchase by state", async () => {
    const { text } = await scrape();
    expect(sample(text, "escrowd_payments", { state: "Withdrawn" })).toBe(1);
    expect(sample(text, "escrowd_purchases", { state: "Withdrawn" })).toBe(1);
  });

  it("counts the transactions built, submitted and confirmed, and their batch sizes", async () => {
    const { text } = await scrape();
    for (const event of ["built", "submitted", "confirmed"]) {
      // The lock, SubmitResult and Withdraw at least (the registration mint too).
      const total = text
        .split("\n")
        .filter(
          (l) => l.startsWith("escrowd_transactions_total{") && l.includes(`event="${event}"`),
        )
        .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
      expect(total, event).toBeGreaterThanOrEqual(3);
    }
    expect(sample(text, "escrowd_transaction_batch_size_count")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "escrowd_intents", { status: "failed" })).toBeUndefined();
  });

  it("counts chain requests by endpoint template, and tracks the watchers", async () => {
    const { text } = await scrape();
    expect(
      sample(text, "escrowd_chain_requests_total", { endpoint: "blocks/latest", outcome: "ok" }),
    ).toBeGreaterThan(0);
    expect(text).toMatch(/escrowd_watcher_height\{watcher="[^"]+"\} \d+/);
    expect(text).toMatch(/escrowd_watcher_lag_seconds\{watcher="[^"]+"\} [\d.e+-]+/);
  });

  it("has the runtime's event-loop delay and memory", async () => {
    const { text } = await scrape();
    expect(sample(text, "escrowd_nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "escrowd_process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
  });

  it("labels no raw path: ids and addresses never become labels", async () => {
    const byId = await fetch(`${n.node.apiUrl}/payment/${encodeURIComponent(id)}`, {
      headers: { token: adminKey() },
    });
    expect(byId.status).toBeLessThan(500);
    await fetch(`${origin}/nope/${"a".repeat(20)}`);
    const { text } = await scrape();
    expect(text).not.toContain(id);
    expect(text).not.toContain("a".repeat(20));
    expect(text).toContain('route="unmatched"');
  });
});
