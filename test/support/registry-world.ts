/**
 * The registry explorer's test world: the contracts' test chain (registry policy deployed,
 * parties funded) served over the devnet's Blockfrost API, a chain port on it, a fresh database,
 * an indexer with a test clock, and the explorer routes on a bare Hono app.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { checkingAnswers } from "../support/answer-check.ts";
import { setup, type Fixture } from "../../contracts/test-support/fixture.ts";
import { createBlockfrostChain } from "../../src/chain/blockfrost.ts";
import type { ChainPort } from "../../src/chain/port.ts";
import { FaultInjector } from "../../src/devnet/http/faults.ts";
import { createDevnetApp } from "../../src/devnet/server.ts";
import { onApiError } from "../../src/api/errors.ts";
import { registryEntryRoutes } from "../../src/api/registry-entry.ts";
import { createRegistryIndexer } from "../../src/workers/registry-indexer.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";

export interface RegistryWorld {
  f: Fixture;
  port: ChainPort;
  database: TestDatabase;
  /** The explorer routes for `policyId` (the registry's by default), mounted at /api/v1. */
  api(policyId?: string): Hono;
  /** An indexer of `policyId` whose clock is `clockMs`. */
  indexer(opts: { policyId?: string; agentsPerTickMax: number; refreshAfterMs?: number }): {
    tick(): Promise<{ more: boolean }>;
  };
  /** Moves the indexer's clock (stale agents are the ones checked before it). */
  advanceMs(ms: number): void;
  close(): Promise<void>;
}

/** Opens the world; `close` it in `afterAll`. */
export async function openRegistryWorld(): Promise<RegistryWorld> {
  const f = await setup();
  const app = createDevnetApp(f.chain.ledger, new FaultInjector(), () => undefined);
  let server!: ReturnType<typeof serve>;
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, resolve);
  });
  const port = createBlockfrostChain({
    network: "preprod",
    baseUrl: `http://127.0.0.1:${address.port}/api/v0`,
    retry: { attemptsMax: 2, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const database = await freshDatabase();
  let clockMs = 1_700_000_000_000;
  const registryPolicy = f.d.registry.hash;
  return {
    f,
    port,
    database,
    api(policyId = registryPolicy) {
      const ctx = () => ({ db: database.db, network: "preprod" as const, policyId });
      return checkingAnswers(new Hono())
        .route("/api/v1", registryEntryRoutes(ctx))
        .onError(onApiError((line) => console.error(line)));
    },
    indexer({ policyId = registryPolicy, agentsPerTickMax, refreshAfterMs = 60_000 }) {
      return createRegistryIndexer({
        db: database.db,
        chain: port,
        network: "preprod",
        policyId,
        nowMs: () => clockMs,
        log: () => undefined,
        agentsPerTickMax,
        refreshAfterMs,
      });
    },
    advanceMs(ms) {
      clockMs += ms;
    },
    async close() {
      await database.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      f.chain.ledger.close();
    },
  };
}
