/**
 * The process's Prometheus metrics (prom-client): what the code counts as it runs (HTTP
 * requests, chain requests, transactions, batches) and the runtime's own (event-loop delay,
 * memory, GC). Counters are process-wide, so code deep in the chain layer records without being
 * handed anything; what the database knows (escrows by state, intents) is read per node at scrape
 * time (book-metrics.ts). Labels are bounded: route patterns and endpoint templates, never raw
 * paths, addresses or ids.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** The registry of process-wide metrics. */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: "escrowd_" });

export const httpRequests = new Counter({
  name: "escrowd_http_requests_total",
  help: "HTTP requests answered, by route pattern, method and status",
  labelNames: ["route", "method", "status"] as const,
  registers: [processRegistry],
});

export const httpDuration = new Histogram({
  name: "escrowd_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by route pattern and method",
  labelNames: ["route", "method"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

export const chainRequests = new Counter({
  name: "escrowd_chain_requests_total",
  help: "Requests to the chain backend (Blockfrost API), by endpoint template and outcome",
  labelNames: ["endpoint", "outcome"] as const,
  registers: [processRegistry],
});

export const transactions = new Counter({
  name: "escrowd_transactions_total",
  help: "The node's transactions by what happened to them: built (signed), submitted, confirmed, refused, expired",
  labelNames: ["event", "kind"] as const,
  registers: [processRegistry],
});

export const batchSize = new Histogram({
  name: "escrowd_transaction_batch_size",
  help: "Intents carried by each transaction the submitter built, by kind",
  labelNames: ["kind"] as const,
  buckets: [1, 2, 5, 10, 20, 30, 40, 50, 60],
  registers: [processRegistry],
});

export const leader = new Gauge({
  name: "escrowd_leader",
  help: "1 while this process runs the singleton workers (watcher, scheduler, registry), else 0",
  registers: [processRegistry],
});

/** Records a transaction's step; `kind` is the intents' kind when known. */
export function countTransaction(
  event: "built" | "submitted" | "confirmed" | "refused" | "expired",
  kind = "unknown",
): void {
  transactions.inc({ event, kind });
}
