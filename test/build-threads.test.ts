/**
 * The submitter's build threads: a batch built and signed on a worker thread is the same
 * transaction the main thread would build, recorded and landed the same way; the thread's chain
 * reads come back to the main thread, a failure there fails the build with its reason, and the
 * thread never reaches the database. The thread runs at a lower CPU priority than the API's.
 */
import { eq } from "drizzle-orm";
import type { UTxO } from "@meshsdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainPort } from "../src/chain/port.ts";
import { nodeBuilders } from "../src/chain/builders/all.ts";
import { TRANSFER_KIND } from "../src/chain/builders/transfer.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import type { TxBuilder } from "../src/chain/builders/types.ts";
import {
  DEVNET_ESCROW_ADMINS,
  devnetEscrowParams,
  loadEscrowAdmins,
} from "../src/chain/escrow/admins.ts";
import { escrowFacts } from "../src/chain/escrow/deployment.ts";
import { chainTxs, intents } from "../src/db/schema.ts";
import type { RunningDevnet } from "../src/devnet/index.ts";
import { createEscrowLocator } from "../src/services/escrow-locator.ts";
import { queueIntent } from "../src/services/intents.ts";
import type { WalletInfo } from "../src/services/wallets.ts";
import { createBuildThreads, type BuildThreads } from "../src/workers/build-threads.ts";
import { spendableFrom, withWalletOutputs } from "../src/workers/spendable.ts";
import { outputsOfTxTo, spentInputsOf } from "../src/chain/tx-outputs.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { BUILD_THREAD_NICE } from "../src/thread-priority.ts";
import { threadNices } from "./support/thread-nice.ts";
import { openPayerWorld, queueTransfers as queueTransfersOf } from "./support/payer-world.ts";
import { type TestDatabase } from "./support/db.ts";

const KEY = "56".repeat(32);
let devnet: RunningDevnet;
let database: TestDatabase;
let chain: ChainPort;
let payer: WalletInfo;
const opened: BuildThreads[] = [];

beforeAll(async () => {
  ({ devnet, database, chain, payer } = await openPayerWorld(KEY));
});

afterAll(async () => {
  await Promise.all(opened.map((t) => t.close()));
  await devnet?.close();
  await database?.close();
});

/** The node's builder of `kind` on a build thread, reading the chain through `port`. */
async function threaded(kind = TRANSFER_KIND, port: ChainPort = chain): Promise<TxBuilder> {
  return (await openThreads(kind, port)).builder;
}

/** Build threads of their own, and the node's builder of `kind` on them. */
async function openThreads(
  kind = TRANSFER_KIND,
  port: ChainPort = chain,
): Promise<{ threads: BuildThreads; builder: TxBuilder }> {
  const facts = escrowFacts(devnetEscrowParams(), "preprod");
  const admins = await loadEscrowAdmins(DEVNET_ESCROW_ADMINS, "preprod");
  const locate = createEscrowLocator({ network: "preprod", escrowAddress: facts.escrowAddress });
  const threads = createBuildThreads({
    network: "preprod",
    facts,
    admins,
    locate,
    encryptionKeyHex: KEY,
    chain: port,
  });
  opened.push(threads);
  const builder = nodeBuilders(facts, { locate, admins }).find((b) => b.kind === kind)!;
  return { threads, builder: threads.onThread(builder) };
}

function submitter(
  builder: TxBuilder,
  port: ChainPort = chain,
  log: (l: string) => void = () => {},
) {
  return createSubmitter({
    db: database.db,
    chain: port,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [builder],
    log,
    nowMs: () => devnet.ledger.nowMs(),
    statusPollMs: 0,
  });
}

const queueTransfers = (count: number, lovelace?: bigint) =>
  queueTransfersOf({ database, payer }, count, lovelace);

describe("build threads", () => {
  it("build and sign a batch on a thread: recorded, submitted and confirmed as one transaction", async () => {
    const s = submitter(await threaded());
    const { ids, to } = await queueTransfers(5);
    await s.tick();
    const rows = await database.db.select().from(intents);
    const mine = rows.filter((r) => ids.includes(r.id));
    expect(mine.map((r) => r.status)).toEqual(Array(5).fill("in_tx"));
    const hashes = new Set(mine.map((r) => r.txHash));
    expect(hashes.size).toBe(1);
    const [tx] = await database.db
      .select()
      .from(chainTxs)
      .where(eq(chainTxs.txHash, [...hashes][0]!));
    // What the thread reported is what the signed bytes say.
    expect(tx!.spentInputs).toEqual(spentInputsOf(tx!.cbor));
    // Its change, decoded on the thread, is what the wallet's next transactions may spend; a row
    // recorded before wallet outputs were (null) is decoded from its CBOR to the same outputs.
    const change = JSON.parse(tx!.walletOutputs!) as UTxO[];
    expect(change.length).toBeGreaterThan(0);
    expect(change.every((u) => u.output.address === payer.address)).toBe(true);
    expect(change).toEqual(outputsOfTxTo(tx!.cbor, payer.address));
    const own = { cbor: tx!.cbor, spent: tx!.spentInputs, status: "submitted" };
    const recorded = spendableFrom([], [{ ...own, walletOutputs: tx!.walletOutputs }]);
    expect(recorded).toEqual(change);
    const legacy = [{ ...own, walletOutputs: null }];
    // Decoded only when asked: the view refuses a row whose outputs it would miss.
    expect(() => spendableFrom([], legacy)).toThrow("were not decoded first");
    expect(spendableFrom([], await withWalletOutputs(legacy, payer.address))).toEqual(change);
    expect(tx!.status).toBe("submitted");
    devnet.ledger.produceBlock();
    await s.tick();
    const received = (await chain.utxos(to)).reduce((sum, u) => sum + u.value.lovelace, 0n);
    expect(received).toBe(10_000_000n);
    const [after] = await database.db
      .select()
      .from(chainTxs)
      .where(eq(chainTxs.txHash, tx!.txHash));
    expect(after!.status).toBe("confirmed");
  });

  // Skipped where there is no /proc (not Linux): the threads' nice values are read there.
  it.skipIf(threadNices() === null)(
    "a build thread runs below the API's priority; the main thread keeps its own",
    async () => {
      const before = threadNices()!;
      const s = submitter(await threaded());
      await queueTransfers(1);
      await s.tick();
      const after = threadNices()!;
      const started = [...after].filter(([tid]) => !before.has(tid));
      const own = before.get(process.pid)!;
      // Relative to the process's own (19 is the lowest priority there is).
      const niced = Math.min(19, own + BUILD_THREAD_NICE);
      expect(niced).toBeGreaterThan(own);
      expect(started.some(([, nice]) => nice === niced)).toBe(true);
      expect(after.get(process.pid)).toBe(before.get(process.pid));
    },
  );

  it("the thread reads the chain through the main thread: a failed read fails the build with its reason, the intent stays queued", async () => {
    const failing: ChainPort = {
      ...chain,
      utxos: async (address, query) => {
        // The submitter's own read of its wallet (main thread) passes; the builder's read of
        // the escrow's reference script holder (from the thread) fails.
        if (address === payer.address) return chain.utxos(address, query);
        throw new Error("the chain is down for this address");
      },
    };
    const id = await queueIntent(database.db, {
      kind: ESCROW_ACTION_KIND,
      walletId: payer.id,
      payload: { escrowId: `${"ab".repeat(32)}#0`, action: "SubmitResult", params: {} },
      nowMs: Date.now(),
    });
    const statusOf = async () =>
      (await database.db.select().from(intents).where(eq(intents.id, id)))[0]!.status;
    const down: string[] = [];
    await submitter(await threaded(ESCROW_ACTION_KIND, failing), chain, (l) => down.push(l)).tick();
    expect(down.join("\n")).toContain("the chain is down for this address");
    expect(await statusOf()).toBe("queued");
    // With the chain answering, the thread sees the real holder address: nothing deployed there
    // on this devnet, which the builder says.
    const up: string[] = [];
    await submitter(await threaded(ESCROW_ACTION_KIND), chain, (l) => up.push(l)).tick();
    expect(up.join("\n")).toMatch(/escrow [0-9a-f]{56} is not deployed/);
    expect(await statusOf()).toBe("queued");
    await database.db.delete(intents).where(eq(intents.id, id));
  });

  it("refuse a wallet the database does not hold, before any thread work", async () => {
    const builder = await threaded();
    await expect(
      database.db.transaction(async (db) =>
        builder.build({
          intents: [],
          walletAddress: "addr_test1vnotawallet",
          utxos: [],
          protocol: { params: {} as never, costModels: [] },
          tip: await chain.tip(),
          network: "preprod",
          fetcher: {} as never,
          evaluator: {} as never,
          db: db as never,
        }),
      ),
    ).rejects.toThrow(/no wallet at addr_test1vnotawallet/);
  });

  it("close() ends the threads; a build after it is refused", async () => {
    const { threads, builder: transfer } = await openThreads();
    await threads.close();
    const { ids } = await queueTransfers(1);
    const logged: string[] = [];
    await submitter(transfer, chain, (l) => logged.push(l)).tick();
    const [row] = (await database.db.select().from(intents)).filter((r) => ids.includes(r.id));
    expect(row!.status).toBe("queued");
    expect(logged.join("\n")).toContain("the build threads are closed");
    await database.db.delete(intents).where(eq(intents.id, ids[0]!));
  });
});
