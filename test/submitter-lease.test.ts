/**
 * The submitter's build lease (src/workers/build-lease.ts) on the devnet and a real database:
 * one builder per wallet without a database transaction held through the build. A wallet whose
 * lease another holds is passed over at once, and taken when that lease runs out or its
 * holder's database session is gone (the holder died); a build whose intents left the queue
 * meanwhile, or whose lease was taken over, is dropped unrecorded and unsent; the lease is let
 * go after every build, a failed one too; and other queries are not held up while a build runs.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TxBuilder } from "../src/chain/builders/types.ts";
import { transferBuilder } from "../src/chain/builders/transfer.ts";
import type { ChainPort } from "../src/chain/port.ts";
import { type Db, openDatabase } from "../src/db/client.ts";
import { chainTxs, intents, wallets } from "../src/db/schema.ts";
import type { RunningDevnet } from "../src/devnet/index.ts";
import type { WalletInfo } from "../src/services/wallets.ts";
import { takeBuildLease } from "../src/workers/build-lease.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { DB_KIND, type TestDatabase } from "./support/db.ts";
import { openPayerWorld, queueTransfers as queueTransfersOf } from "./support/payer-world.ts";

const KEY = "56".repeat(32);
let devnet: RunningDevnet;
let database: TestDatabase;
let chain: ChainPort;
let payer: WalletInfo;

beforeAll(async () => {
  ({ devnet, database, chain, payer } = await openPayerWorld(KEY));
});

afterAll(async () => {
  await devnet?.close();
  await database?.close();
});

function submitter(builder: TxBuilder = transferBuilder, logged: string[] = []) {
  return createSubmitter({
    db: database.db,
    chain,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [builder],
    log: (line) => logged.push(line),
    nowMs: () => devnet.ledger.nowMs(),
    statusPollMs: 0,
  });
}

const queueTransfers = (count: number) => queueTransfersOf({ database, payer }, count);

async function statusesOf(ids: string[]): Promise<string[]> {
  const rows = await database.db.select().from(intents);
  return ids.map((id) => rows.find((r) => r.id === id)!.status);
}

async function leaseOf(walletId: string) {
  const [row] = await database.db
    .select({ lease: wallets.buildLease, untilMs: wallets.buildLeaseUntilMs })
    .from(wallets)
    .where(eq(wallets.id, walletId));
  return row!;
}

/** The transfer builder, with `during` run while it builds (another actor meanwhile). */
function buildingWhile(during: () => Promise<void>): TxBuilder {
  return {
    ...transferBuilder,
    async build(input) {
      await during();
      return transferBuilder.build(input);
    },
  };
}

/** Everything queued before a test is built and confirmed, so that each starts from quiet. */
beforeEach(async () => {
  await database.db
    .update(wallets)
    .set({ buildLease: null, buildLeaseUntilMs: null })
    .where(eq(wallets.id, payer.id));
  await submitter().tick();
  devnet.ledger.produceBlock();
  await submitter().tick();
  await database.db.delete(intents).where(eq(intents.status, "queued"));
});

describe(`the submitter's build lease on ${DB_KIND}`, () => {
  it("passes over a wallet another holds the lease of, and builds once it is let go", async () => {
    const { ids } = await queueTransfers(2);
    const other = await takeBuildLease(database.db, payer.id, () => {});
    expect(other).toBeDefined();
    // A second holder is refused while the first holds.
    expect(await takeBuildLease(database.db, payer.id, () => {})).toBeUndefined();
    const started = Date.now();
    await submitter().tick();
    expect(Date.now() - started, "the tick did not wait for the lease").toBeLessThan(5_000);
    expect(await statusesOf(ids)).toEqual(["queued", "queued"]);
    await other!.release();
    await submitter().tick();
    expect(await statusesOf(ids)).toEqual(["in_tx", "in_tx"]);
    expect((await leaseOf(payer.id)).lease, "let go after the build").toBeNull();
  });

  it("takes over a lease once it has run out, or at once when its session is gone", async () => {
    const { ids } = await queueTransfers(2);
    const heldBy = async (untilMs: string, pid: string) =>
      database.db
        .update(wallets)
        .set({
          buildLease: "another-holder",
          buildLeaseUntilMs: sql.raw(untilMs),
          buildLeasePid: sql.raw(pid),
        })
        .where(eq(wallets.id, payer.id));
    const dbNow = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
    // Held from a live session, not run out (by the database's clock): passed over.
    await heldBy(`${dbNow} + 60000`, "pg_backend_pid()");
    await submitter().tick();
    expect(await statusesOf(ids)).toEqual(["queued", "queued"]);
    // Run out: taken, built, let go.
    await heldBy(`${dbNow} - 1`, "pg_backend_pid()");
    await submitter().tick();
    expect(await statusesOf(ids)).toEqual(["in_tx", "in_tx"]);
    expect((await leaseOf(payer.id)).lease).toBeNull();
    // Not run out, but taken from a session that is gone (its process died): taken at once.
    const more = await queueTransfers(1);
    await heldBy(`${dbNow} + 60000`, "2147483646");
    await submitter().tick();
    expect(await statusesOf(more.ids)).toEqual(["in_tx"]);
  });

  it.skipIf(DB_KIND !== "postgres")(
    "takes over at once from a process that died holding the lease (PostgreSQL: one process owns a PGlite database)",
    async () => {
      const { ids } = await queueTransfers(1);
      const other = await openDatabase({ url: database.url! });
      const held = await takeBuildLease(other.db, payer.id, () => {});
      expect(held).toBeDefined();
      await submitter().tick();
      expect(await statusesOf(ids)).toEqual(["queued"]);
      // The process ends without letting go: its connections close with it.
      await other.close();
      await submitter().tick();
      expect(await statusesOf(ids)).toEqual(["in_tx"]);
    },
  );

  it("drops a transaction built for intents that left the queue meanwhile", async () => {
    const { ids } = await queueTransfers(3);
    const logged: string[] = [];
    const submissionsBefore = devnet.ledger.submissions.accepted;
    const cancelOne = buildingWhile(async () => {
      await database.db.update(intents).set({ status: "failed" }).where(eq(intents.id, ids[0]!));
    });
    await submitter(cancelOne, logged).tick();
    expect(await statusesOf(ids)).toEqual(["failed", "queued", "queued"]);
    const recorded = await database.db.select().from(chainTxs).where(eq(chainTxs.status, "signed"));
    expect(recorded, "nothing recorded").toHaveLength(0);
    expect(devnet.ledger.submissions.accepted, "nothing sent").toBe(submissionsBefore);
    expect(logged.some((l) => l.includes("intents changed while building"))).toBe(true);
    expect((await leaseOf(payer.id)).lease).toBeNull();
    // The next tick builds the two still queued, and only them.
    await submitter().tick();
    expect(await statusesOf(ids)).toEqual(["failed", "in_tx", "in_tx"]);
  });

  it("records nothing when its lease was taken over while it built", async () => {
    const { ids } = await queueTransfers(1);
    const takeOver = buildingWhile(async () => {
      await database.db
        .update(wallets)
        .set({ buildLease: "the-next-holder" })
        .where(eq(wallets.id, payer.id));
    });
    await submitter(takeOver).tick();
    expect(await statusesOf(ids)).toEqual(["queued"]);
    expect(await database.db.select().from(chainTxs).where(eq(chainTxs.status, "signed"))).toEqual(
      [],
    );
    // The new holder's lease is not let go by the old one.
    expect((await leaseOf(payer.id)).lease).toBe("the-next-holder");
  });

  it("lets the lease go after a build that failed", async () => {
    const { ids } = await queueTransfers(1);
    const logged: string[] = [];
    const failing = buildingWhile(async () => {
      throw new Error("builder bug");
    });
    await submitter(failing, logged).tick();
    expect(logged.some((l) => l.includes("builder bug"))).toBe(true);
    expect(await statusesOf(ids)).toEqual(["queued"]);
    expect((await leaseOf(payer.id)).lease).toBeNull();
  });

  it("holds no database transaction while it builds: other queries go on meanwhile", async () => {
    const { ids } = await queueTransfers(1);
    let answeredMeanwhile = false;
    const probe = buildingWhile(async () => {
      // On PGlite, one transaction at a time: a transaction held through the build would make
      // this query wait for the build, which waits for the query.
      const read = database.db.select({ id: intents.id }).from(intents).limit(1);
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5_000));
      answeredMeanwhile = (await Promise.race([read, timeout])) !== "timeout";
    });
    await submitter(probe).tick();
    expect(answeredMeanwhile).toBe(true);
    expect(await statusesOf(ids)).toEqual(["in_tx"]);
  });

  it.skipIf(DB_KIND !== "postgres")(
    "keeps no one from queueing for the wallet while it records (PostgreSQL only: PGlite runs one transaction at a time, so row locks never wait there)",
    async () => {
      // A new intent (or purchase) names its wallet: its insert takes the wallet's row for key
      // share, which a holder that took the row for update would make wait until it recorded.
      const lease = await takeBuildLease(database.db, payer.id, () => {});
      expect(lease).toBeDefined();
      try {
        await database.db.transaction(async (tx) => {
          expect(await lease!.holdsIn(tx as unknown as Db)).toBe(true);
          const queued = queueTransfers(1).then(() => "queued" as const);
          const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 3_000));
          expect(await Promise.race([queued, timeout])).toBe("queued");
        });
      } finally {
        await lease!.release();
      }
    },
  );
});
