/**
 * What a node's database knows, as gauges read at scrape time: payments and purchases by state,
 * intents waiting and failed by kind, and how far each chain watcher has come. Grouped counts
 * over indexed columns, a bounded number of rows whatever the size of the books.
 */
import { count, eq, inArray } from "drizzle-orm";
import { Gauge, Registry } from "prom-client";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { intents, payments, purchases, watchCheckpoints } from "../db/schema.ts";

/**
 * The node's book gauges; `source` yields its database and network once it is up, `nowMs` is
 * the node's chain clock, which the watchers stamp their checkpoints with.
 */
export function bookMetrics(
  source: () => { db: Db; network: Network } | undefined,
  nowMs: () => number,
): Registry {
  const registry = new Registry();
  for (const [name, help, table] of [
    ["escrowd_payments", "Payment requests (the seller's side) by state", payments],
    ["escrowd_purchases", "Purchases (the buyer's side) by state", purchases],
  ] as const) {
    new Gauge({
      name,
      help,
      labelNames: ["state"] as const,
      registers: [registry],
      async collect() {
        const node = source();
        this.reset();
        if (node === undefined) return;
        const rows = await node.db
          .select({ state: table.state, n: count() })
          .from(table)
          .where(eq(table.network, node.network))
          .groupBy(table.state);
        for (const r of rows) this.set({ state: r.state }, r.n);
      },
    });
  }
  new Gauge({
    name: "escrowd_intents",
    help: "On-chain actions wanted and not done, by kind and status (queued, in_tx, failed)",
    labelNames: ["kind", "status"] as const,
    registers: [registry],
    async collect() {
      const node = source();
      this.reset();
      if (node === undefined) return;
      const rows = await node.db
        .select({ kind: intents.kind, status: intents.status, n: count() })
        .from(intents)
        .where(inArray(intents.status, ["queued", "in_tx", "failed"]))
        .groupBy(intents.kind, intents.status);
      for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.n);
    },
  });
  const checkpoints = async () => {
    const node = source();
    if (node === undefined) return [];
    return node.db
      .select({
        name: watchCheckpoints.name,
        height: watchCheckpoints.height,
        updatedAtMs: watchCheckpoints.updatedAtMs,
      })
      .from(watchCheckpoints);
  };
  new Gauge({
    name: "escrowd_watcher_height",
    help: "The block height each chain watcher has read up to",
    labelNames: ["watcher"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of await checkpoints()) this.set({ watcher: c.name }, c.height);
    },
  });
  new Gauge({
    name: "escrowd_watcher_lag_seconds",
    help: "Seconds of chain time since each chain watcher last saved its checkpoint (grows when blocks stop coming or the watcher is stuck)",
    labelNames: ["watcher"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = nowMs();
      for (const c of await checkpoints())
        this.set({ watcher: c.name }, Math.max(0, (now - c.updatedAtMs) / 1000));
    },
  });
  return registry;
}
