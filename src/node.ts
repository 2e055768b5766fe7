/**
 * Boots the node: the HTTP API first (answering 503 while the rest comes up), then the
 * database, the chain (an in-process devnet by default), the node's keys and wallets.
 */
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { createApp, type AppContext } from "./api/app.ts";
import type { Readiness } from "./api/health.ts";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import type { Log } from "./log.ts";
import { resolveNodeKeys, type NodeKeys } from "./services/node-keys.ts";
import { ensureWallets, type WalletInfo } from "./services/wallets.ts";
import { warmStart } from "./services/warm-start.ts";
import type { ThreadedDevnet } from "./devnet/thread.ts";
import { createBlockfrostChain, type Chain } from "./chain/blockfrost.ts";
import { fundWalletsOnDevnet } from "./services/devnet-funding.ts";
import { createRegistrySync } from "./workers/registry-sync.ts";
import { createRegistryIndexer } from "./workers/registry-indexer.ts";
import { REGISTRY_POLICY } from "./chain/builders/registry-common.ts";
import { startLoop, type RunningLoop, type TickResult } from "./workers/loop.ts";
import { startLeadership, type Leadership } from "./workers/leadership.ts";
import { leader as leaderGauge } from "./observability/metrics.ts";
import { createSubmitter } from "./workers/submitter.ts";
import { keepAliveLong } from "./keep-alive.ts";
import { createEscrowWatcher } from "./workers/escrow-watcher.ts";
import { createEscrowScheduler } from "./workers/escrow-scheduler.ts";
import { createEventDispatcher } from "./workers/event-dispatcher.ts";
import { nodeBuilders } from "./chain/builders/all.ts";
import { createBuildThreads, type BuildThreads } from "./workers/build-threads.ts";
import { createEscrowLocator } from "./services/escrow-locator.ts";
import { observingClock } from "./chain/clock.ts";
import { coinsPerUtxoSizeReader } from "./chain/utxo-price.ts";
import { loadNodeEscrow, type NodeEscrow } from "./services/node-escrow.ts";

export interface RunningNode {
  config: Config;
  /** The API's base, e.g. http://127.0.0.1:3001/api/v1. */
  apiUrl: string;
  readiness: Readiness;
  /** Set once ready. */
  parts: NodeParts | undefined;
  close(): Promise<void>;
}

export interface NodeParts {
  database: Database;
  devnet: ThreadedDevnet | undefined;
  chain: Chain;
  keys: NodeKeys;
  wallets: WalletInfo[];
  /** Wallets the devnet faucet paid at this start (empty when all had funds already). */
  funded: WalletInfo[];
  /** The escrow this node uses and the admin keys it holds. */
  escrow: NodeEscrow;
  /** Chain time: the devnet's own clock, or the wall clock moved on by the tips seen. */
  nowMs: () => number;
  /** The ledger's min-UTxO price per byte (cached), for sizing locks and checking them. */
  coinsPerUtxoSize: () => Promise<number>;
}

/** Starts the node and resolves once it is ready; on a failed boot it closes what it opened. */
export async function startNode(config: Config, log: Log): Promise<RunningNode> {
  const readiness: Readiness = { ready: false, stage: "opening the database" };
  let context: AppContext | undefined;
  let clock: () => number = Date.now;
  const app = createApp({
    readiness,
    log,
    context: () => context,
    nowMs: () => clock(),
    limits: config.api,
    requestLog: log,
    workerOnly: config.role === "worker",
  });
  const server = await listen(app.fetch, config.host, config.port);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const opened: {
    database?: Database;
    devnet?: ThreadedDevnet;
    loops?: RunningLoop[];
    buildThreads?: BuildThreads;
    leadership?: Leadership;
  } = {};
  const node: RunningNode = {
    config,
    apiUrl: `http://${config.host}:${port}/api/v1`,
    readiness,
    parts: undefined,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Workers first: a tick in progress finishes its database work before the database closes.
      await Promise.all((opened.loops ?? []).map((l) => l.stop()));
      await opened.buildThreads?.close();
      await opened.leadership?.close();
      await opened.devnet?.close();
      await opened.database?.close();
    },
  };
  try {
    const parts = await boot(config, readiness, opened, log);
    node.parts = parts;
    clock = parts.nowMs;
    context = {
      db: parts.database.db,
      adminKey: parts.keys.adminKey,
      network: config.network,
      encryptionKeyHex: parts.keys.encryptionKeyHex,
      chain: parts.chain,
      escrowAddress: parts.escrow.facts.escrowAddress,
      coinsPerUtxoSize: parts.coinsPerUtxoSize,
      allowPrivateTargets: config.events.allowPrivateTargets,
      metricsToken: config.metricsToken,
      devnetUrl: parts.devnet?.url,
      escrowAdmins: {
        held: parts.escrow.admins.keyHashes.length,
        threshold: parts.escrow.facts.params.disputeThreshold,
        keyHashes: parts.escrow.facts.params.adminKeyHashes,
      },
    };
    if (config.role !== "api") {
      readiness.stage = "starting the workers";
      opened.leadership = await startLeadership({
        databaseUrl: parts.database.kind === "postgres" ? config.databaseUrl : undefined,
        log,
        onChange: (leading) => leaderGauge.set(leading ? 1 : 0),
      });
      opened.buildThreads = createBuildThreads({
        network: config.network,
        facts: parts.escrow.facts,
        admins: parts.escrow.admins,
        locate: escrowLocator(config, parts),
        encryptionKeyHex: parts.keys.encryptionKeyHex,
        chain: parts.chain,
      });
      opened.loops = startWorkers(config, parts, opened.buildThreads, opened.leadership, log);
    }
    readiness.ready = true;
    readiness.stage = "ready";
    return node;
  } catch (err) {
    await node.close().catch(() => {});
    throw err;
  }
}

async function boot(
  config: Config,
  readiness: Readiness,
  opened: { database?: Database; devnet?: ThreadedDevnet },
  log: Log,
): Promise<NodeParts> {
  const database = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, "pg"),
    pgliteThread: true,
    openPool: true,
    poolMax: config.databasePoolMax,
  });
  opened.database = database;
  const keys = await resolveNodeKeys(config);

  let devnet: ThreadedDevnet | undefined;
  let chain: Chain;
  let nowMs: () => number;
  if (config.chain.backend === "devnet") {
    readiness.stage = "starting the devnet";
    // On a thread of its own, so that validating and evaluating transactions and making blocks
    // never hold up the API; loaded only here, as a node on a real chain needs none of it.
    const { startDevnetThread } = await import("./devnet/thread.ts");
    devnet = await startDevnetThread({
      dataDir: path.join(config.dataDir, "devnet"),
      host: "127.0.0.1",
      port: config.chain.portRequested,
      blockIntervalMs: config.chain.blockIntervalMs,
      emptyBlockIntervalMs: config.chain.emptyBlockIntervalMs,
      log,
    });
    opened.devnet = devnet;
    chain = createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: config.network });
    const ledger = devnet.ledger;
    nowMs = () => ledger.nowMs();
  } else {
    const observed = observingClock(
      createBlockfrostChain({
        baseUrl: config.chain.baseUrl,
        projectId: config.chain.projectId,
        network: config.network,
      }),
    );
    chain = observed.chain;
    nowMs = observed.clock.nowMs;
  }

  readiness.stage = "preparing wallets";
  const { wallets } = await ensureWallets(database.db, {
    network: config.network,
    wanted: config.walletsWanted,
    encryptionKeyHex: keys.encryptionKeyHex,
    nowMs: () => Date.now(),
  });
  const funded = devnet ? await fundWalletsOnDevnet({ devnet, chain, wallets, log }) : [];
  readiness.stage = "checking the escrow";
  const escrow = await loadNodeEscrow({ config, db: database.db, chain, wallets, nowMs, log });
  const coinsPerUtxoSize = coinsPerUtxoSizeReader(chain);
  // A worker-only process answers no requests (and signs on its build threads).
  if (config.role !== "worker") {
    readiness.stage = "warming the request path";
    await warmStart({
      network: config.network,
      database,
      poolMax: config.databasePoolMax,
      encryptionKeyHex: keys.encryptionKeyHex,
      wallets,
      chain,
      escrowAddress: escrow.facts.escrowAddress,
      coinsPerUtxoSize,
      nowMs,
      log,
    });
  }
  return { database, devnet, chain, keys, wallets, funded, escrow, nowMs, coinsPerUtxoSize };
}

/**
 * The usage events' dispatcher: its loop starts deliveries and does not wait for them, so
 * stopping it also aborts the attempts in flight and waits until they have recorded.
 */
function eventDispatcherLoop(config: Config, parts: NodeParts, log: Log): RunningLoop {
  const dispatcher = createEventDispatcher({
    db: parts.database.db,
    encryptionKeyHex: parts.keys.encryptionKeyHex,
    events: config.events,
    log,
    nowMs: parts.nowMs,
  });
  const loop = startLoop({ name: "event-dispatcher", intervalMs: 500, tick: dispatcher.tick, log });
  return {
    poke: () => loop.poke(),
    async stop() {
      await loop.stop();
      await dispatcher.close();
    },
    get ticks() {
      return loop.ticks;
    },
    get failures() {
      return loop.failures;
    },
  };
}

/**
 * The background loops: each runs at its own pace, one tick at a time. The submitter and the
 * event dispatcher run in every worker process (they claim rows: a wallet's intents, a target's
 * receipts); the rest run only in the leader, from the checkpoints the database keeps.
 */
function startWorkers(
  config: Config,
  parts: NodeParts,
  threads: BuildThreads,
  leadership: Leadership,
  log: Log,
): RunningLoop[] {
  const led = (tick: () => Promise<TickResult>) => () =>
    leadership.leading ? tick() : Promise.resolve({ more: false });
  const { facts, admins } = parts.escrow;
  const nowMs = parts.nowMs;
  const locate = escrowLocator(config, parts);
  const submitter = createSubmitter({
    db: parts.database.db,
    chain: parts.chain,
    network: config.network,
    encryptionKeyHex: parts.keys.encryptionKeyHex,
    builders: nodeBuilders(facts, { locate, admins }).map((b) => threads.onThread(b)),
    log,
    nowMs,
  });
  const watcher = createEscrowWatcher({
    db: parts.database.db,
    chain: parts.chain,
    network: config.network,
    escrowAddress: facts.escrowAddress,
    coinsPerUtxoSize: parts.coinsPerUtxoSize,
    log,
    nowMs,
  });
  const registrySync = createRegistrySync({ db: parts.database.db, log, nowMs: () => Date.now() });
  const blockMs = config.chainPollIntervalMs;
  return [
    eventDispatcherLoop(config, parts, log),
    startLoop({ name: "submitter", intervalMs: 1_000, tick: submitter.tick, log }),
    startLoop({ name: "escrow-watcher", intervalMs: blockMs, tick: led(watcher.tick), log }),
    startLoop({
      name: "escrow-scheduler",
      intervalMs: Math.max(1_000, blockMs),
      tick: led(
        createEscrowScheduler({ db: parts.database.db, network: config.network, nowMs, log }).tick,
      ),
      log,
    }),
    startLoop({ name: "registry-sync", intervalMs: 2_000, tick: led(registrySync.tick), log }),
    startLoop({
      name: "registry-indexer",
      intervalMs: Math.max(2_000, blockMs),
      tick: led(
        createRegistryIndexer({
          db: parts.database.db,
          chain: parts.chain,
          network: config.network,
          policyId: REGISTRY_POLICY.hash,
          nowMs: () => Date.now(),
          log,
          agentsPerTickMax: 20,
          refreshAfterMs: 600_000,
        }).tick,
      ),
      log,
    }),
  ];
}

function escrowLocator(config: Config, parts: NodeParts) {
  return createEscrowLocator({
    network: config.network,
    escrowAddress: parts.escrow.facts.escrowAddress,
  });
}

function listen(
  fetch: Parameters<typeof serve>[0]["fetch"],
  hostname: string,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    keepAliveLong(server);
    server.once("error", reject);
  });
}
