/**
 * The submitter on the devnet and a real database: transfers batched into one transaction,
 * chained on unconfirmed change, and seen through crashes, unclear answers, refusals and
 * expiry without ever losing an intent or spending twice (one builder per wallet: see
 * submitter-lease.test.ts).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChainTransportError } from "../src/chain/errors.ts";
import type { ChainPort } from "../src/chain/port.ts";
import { transferBuilder } from "../src/chain/builders/transfer.ts";
import { chainTxs, intents } from "../src/db/schema.ts";
import type { RunningDevnet } from "../src/devnet/index.ts";
import { queueIntent } from "../src/services/intents.ts";
import { openWallet, type WalletInfo } from "../src/services/wallets.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { UNBUILDABLE_RETRY_MAX_MS, unbuildableRetryMs } from "../src/workers/retry-timing.ts";
import { submitRecorded } from "../src/workers/tx-tracking.ts";
import { openPayerWorld, queueTransfers as queueTransfersOf } from "./support/payer-world.ts";
import { DB_KIND, type TestDatabase } from "./support/db.ts";

const KEY = "55".repeat(32);
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

/**
 * A submitter over `port` (the real chain port unless a test wraps it), looking again at a sent
 * transaction once it is `statusPollMs` old (at once by default).
 */
function submitter(port: ChainPort = chain, statusPollMs = 0) {
  return createSubmitter({
    db: database.db,
    chain: port,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [transferBuilder],
    log: () => {},
    nowMs: () => devnet.ledger.nowMs(),
    statusPollMs,
  });
}

const queueTransfers = (count: number, lovelace?: bigint) =>
  queueTransfersOf({ database, payer }, count, lovelace);

async function statusesOf(ids: string[]) {
  const rows = await database.db.select().from(intents);
  return rows.filter((r) => ids.includes(r.id)).map((r) => r.status);
}

/** The transactions that carried these intents (now or before a requeue), by status. */
async function txStatusesOf(ids: string[]): Promise<string[]> {
  const rows = await database.db.select().from(chainTxs);
  const hashes = new Set(
    (await database.db.select().from(intents))
      .filter((i) => ids.includes(i.id))
      .map((i) => i.txHash),
  );
  return rows.filter((r) => hashes.has(r.txHash)).map((r) => r.status);
}

/** The one transaction that carries these intents now. */
async function txOf(ids: string[]) {
  const hashes = new Set(
    (await database.db.select().from(intents))
      .filter((i) => ids.includes(i.id))
      .map((i) => i.txHash),
  );
  const rows = (await database.db.select().from(chainTxs)).filter((r) => hashes.has(r.txHash));
  expect(rows.length, "transactions carrying the intents").toBe(1);
  return rows[0]!;
}

/** A port that never reaches the chain's submit: a transaction recorded and never sent. */
function deafPort(): ChainPort {
  const deaf: ChainPort = Object.create(chain);
  deaf.submitTx = async () => {
    throw new ChainTransportError("tx/submit", "ECONNREFUSED", "connection refused");
  };
  return deaf;
}

/**
 * Records a transaction for one transfer that is never sent (as by a process killed between
 * recording and sending it), then one for another transfer built on its change and sent: the
 * ledger has not seen the first, so the second's inputs are missing.
 */
async function childOfUnsent() {
  const first = await queueTransfers(1);
  await submitter(deafPort()).tick();
  const parent = await txOf(first.ids);
  expect(parent.status).toBe("signed");
  await settleTip(300_000);
  const second = await queueTransfers(1);
  // The first is not due for another send yet: the second goes out alone.
  await submitter(chain, 3_600_000).tick();
  const child = await txOf(second.ids);
  expect(child.spentInputs.some((ref) => ref.startsWith(`${parent.txHash}#`))).toBe(true);
  return { first, second, parent, child };
}

/** Moves the devnet's time on by `ms` and makes an empty block there (the tip moves). */
async function settleTip(ms: number): Promise<void> {
  devnet.ledger.advanceTime(ms);
  devnet.ledger.produceBlock({ allowEmpty: true });
}

async function received(address: string): Promise<bigint> {
  return (await chain.utxos(address)).reduce((s, u) => s + u.value.lovelace, 0n);
}

/** Finishes whatever earlier tests left in flight, so each test starts from a quiet chain. */
async function settle(): Promise<void> {
  const s = submitter();
  for (let round = 0; round < 5; round++) {
    await s.tick();
    devnet.ledger.produceBlock();
    await s.tick();
    const open = (await database.db.select().from(intents)).filter(
      (i) => i.status === "queued" || i.status === "in_tx",
    );
    if (open.length === 0 && devnet.ledger.mempoolSize() === 0) return;
    devnet.ledger.advanceTime(700_000);
  }
  throw new Error("the submitter did not settle");
}

describe(`submitter on ${DB_KIND}`, () => {
  beforeEach(settle);

  it("batches 40 transfers into one transaction and marks them done once in a block", async () => {
    const { ids, to } = await queueTransfers(40);
    const s = submitter();
    await s.tick();
    expect(await txStatusesOf(ids)).toEqual(["submitted"]);
    expect(await statusesOf(ids)).toEqual(Array(40).fill("in_tx"));
    devnet.ledger.produceBlock();
    await s.tick();
    expect(await statusesOf(ids)).toEqual(Array(40).fill("done"));
    expect(await received(to)).toBe(80_000_000n);
  });

  it("chains a second transaction on the unconfirmed change of the first", async () => {
    const first = await queueTransfers(3);
    const s = submitter();
    await s.tick();
    const second = await queueTransfers(3);
    await s.tick();
    expect(devnet.ledger.mempoolSize()).toBe(2);
    devnet.ledger.produceBlock();
    await s.tick();
    expect(await statusesOf([...first.ids, ...second.ids])).toEqual(Array(6).fill("done"));
  });

  it("resubmits the recorded bytes after a submit that never reached the chain", async () => {
    const { ids, to } = await queueTransfers(2);
    let calls = 0;
    const flaky: ChainPort = Object.create(chain);
    flaky.submitTx = async (cbor) => {
      calls++;
      if (calls === 1) throw new ChainTransportError("tx/submit", "ECONNRESET", "connection reset");
      return chain.submitTx(cbor);
    };
    const s = submitter(flaky);
    await s.tick();
    expect(
      (await database.db.select().from(chainTxs).where(eq(chainTxs.status, "signed"))).length,
    ).toBe(1);
    expect(devnet.ledger.mempoolSize()).toBe(0);
    await s.tick(); // reconcile: not on chain yet, so the same bytes go again
    expect(devnet.ledger.mempoolSize()).toBe(1);
    devnet.ledger.produceBlock();
    await s.tick();
    expect(await statusesOf(ids)).toEqual(["done", "done"]);
    expect(await received(to)).toBe(4_000_000n);
  });

  it("never pays twice when the answer to a submit that landed was lost", async () => {
    const { ids, to } = await queueTransfers(2);
    const lossy: ChainPort = Object.create(chain);
    lossy.submitTx = async (cbor) => {
      await chain.submitTx(cbor);
      throw new ChainTransportError("tx/submit", "ECONNRESET", "socket hang up");
    };
    const s = submitter(lossy);
    await s.tick();
    await s.tick();
    await s.tick();
    devnet.ledger.produceBlock();
    await submitter().tick();
    expect(await statusesOf(ids)).toEqual(["done", "done"]);
    expect(await received(to)).toBe(4_000_000n);
  });

  it("requeues and rebuilds after the ledger refuses a transaction", async () => {
    const { ids, to } = await queueTransfers(2);
    let sabotaged = false;
    const racing: ChainPort = Object.create(chain);
    racing.submitTx = async (cbor) => {
      if (!sabotaged) {
        sabotaged = true;
        await spendEverything();
      }
      return chain.submitTx(cbor);
    };
    const s = submitter(racing);
    await s.tick();
    const refused = await database.db.select().from(chainTxs).where(eq(chainTxs.status, "refused"));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.lastError).toMatch(/Missing inputs|BadInputs/i);
    expect(await statusesOf(ids)).toEqual(["queued", "queued"]);
    devnet.ledger.produceBlock();
    await s.tick();
    devnet.ledger.produceBlock();
    await s.tick();
    expect(await statusesOf(ids)).toEqual(["done", "done"]);
    expect(await received(to)).toBe(4_000_000n);
  });

  it("holds a transaction built on one of ours the ledger has not seen, and sends it after that one", async () => {
    const { first, second, parent, child } = await childOfUnsent();
    expect(child.status, "not refused for good: its parent may yet land").toBe("submitted");
    expect(child.lastError).toMatch(/Missing inputs|BadInputs/i);
    expect(await statusesOf(second.ids)).toEqual(["in_tx"]);
    const s = submitter();
    for (let round = 0; round < 3 && devnet.ledger.mempoolSize() < 2; round++) await s.tick();
    expect(devnet.ledger.mempoolSize(), "both sent, the parent first").toBe(2);
    devnet.ledger.produceBlock();
    await s.tick();
    expect(await statusesOf([...first.ids, ...second.ids])).toEqual(["done", "done"]);
    const ours = await database.db.select().from(chainTxs);
    expect(ours.find((r) => r.txHash === parent.txHash)?.status).toBe("confirmed");
    expect(ours.find((r) => r.txHash === child.txHash)?.status).toBe("confirmed");
  });

  it("gives up a transaction built on one of ours that expired, without waiting for its own expiry", async () => {
    const { first, second, parent, child } = await childOfUnsent();
    // Past the parent's validity interval, still inside the child's.
    await settleTip(400_000);
    const tip = await chain.tip();
    expect(tip.slot).toBeGreaterThan(parent.invalidHereafterSlot);
    expect(tip.slot).toBeLessThanOrEqual(child.invalidHereafterSlot);
    await submitter(deafPort()).tick(); // reconcile only: nothing rebuilt reaches the chain
    const ours = await database.db.select().from(chainTxs);
    expect(ours.find((r) => r.txHash === parent.txHash)?.status).toBe("expired");
    const gone = ours.find((r) => r.txHash === child.txHash)!;
    expect(gone.status).toBe("expired");
    expect(gone.lastError).toMatch(/a transaction whose outputs it spends will not land/);
    await settle();
    expect(await statusesOf([...first.ids, ...second.ids])).toEqual(["done", "done"]);
  });

  it("puts the intents of a transaction that expired unseen back in the queue", async () => {
    const { ids, to } = await queueTransfers(1);
    const expiredBefore = (
      await database.db.select().from(chainTxs).where(eq(chainTxs.status, "expired"))
    ).length;
    const blackHole: ChainPort = Object.create(chain);
    blackHole.submitTx = async () => "0".repeat(64);
    await submitter(blackHole).tick();
    devnet.ledger.advanceTime(3_600_000);
    devnet.ledger.produceBlock({ allowEmpty: true });
    const s = submitter();
    await s.tick(); // reconcile: past its validity and not on chain → expired, requeued, rebuilt
    expect(
      (await database.db.select().from(chainTxs).where(eq(chainTxs.status, "expired"))).length,
    ).toBe(expiredBefore + 1);
    devnet.ledger.produceBlock();
    await s.tick();
    expect(await statusesOf(ids)).toEqual(["done"]);
    expect(await received(to)).toBe(2_000_000n);
  });
});

describe(`submitters of several processes on one database (${DB_KIND})`, () => {
  beforeEach(settle);

  /** The chain port, counting what it sends. */
  function counting() {
    const sent: string[] = [];
    const port: ChainPort = Object.create(chain);
    port.submitTx = async (cbor) => {
      sent.push(cbor);
      return chain.submitTx(cbor);
    };
    return { port, sent };
  }

  it("build a wallet's batch once and send each transaction once", async () => {
    const { ids } = await queueTransfers(6);
    const a = counting();
    const b = counting();
    const before = { ...devnet.ledger.submissions };
    for (let round = 0; round < 3; round++)
      await Promise.all([submitter(a.port).tick(), submitter(b.port).tick()]);
    expect(await txStatusesOf(ids)).toEqual(["submitted"]);
    expect(a.sent.length + b.sent.length, "sends in all").toBe(1);
    devnet.ledger.produceBlock();
    await Promise.all([submitter(a.port).tick(), submitter(b.port).tick()]);
    expect(await statusesOf(ids)).toEqual(Array(6).fill("done"));
    expect(devnet.ledger.submissions.alreadyKnown).toBe(before.alreadyKnown);
  });

  it("send a recorded transaction only from the claim that saw it as it is", async () => {
    const { ids } = await queueTransfers(1);
    // Recorded (built and signed), not sent: a chain that refuses to listen.
    await submitter(deafPort()).tick();
    const [row] = await database.db.select().from(chainTxs).where(eq(chainTxs.status, "signed"));
    const seen = { txHash: row!.txHash, status: row!.status, updatedAtMs: row!.updatedAtMs };
    const { sent, port } = counting();
    const deps = {
      db: database.db,
      chain: port,
      log: () => {},
      nowMs: () => devnet.ledger.nowMs(),
    };
    // Two processes read the same row; the first claim moves it on, the second finds it changed.
    await Promise.all([submitRecorded(deps, seen), submitRecorded(deps, seen)]);
    expect(sent).toHaveLength(1);
    devnet.ledger.produceBlock();
    await submitter().tick();
    expect(await statusesOf(ids)).toEqual(["done"]);
  });
});

describe(`submitter when an intent cannot be built (${DB_KIND})`, () => {
  beforeEach(settle);

  it("keeps an unaffordable transfer queued and says why", async () => {
    const { ids } = await queueTransfers(1, 1_000_000_000_000_000n);
    await submitter().tick();
    const [row] = (await database.db.select().from(intents)).filter((i) => i.id === ids[0]);
    expect(row!.status).toBe("queued");
    expect(row!.lastError).toMatch(/^cannot build yet: /);
    await database.db.delete(intents).where(eq(intents.id, ids[0]!));
  });

  it("puts off a batch it cannot build, longer each time in a row, and counts the attempts", async () => {
    const { ids } = await queueTransfers(1, 1_000_000_000_000_000n);
    const row = async () =>
      (await database.db.select().from(intents).where(eq(intents.id, ids[0]!)))[0]!;
    // The first wait costs nothing: a wallet funded a moment later is built for at the next tick.
    await submitter().tick();
    let r = await row();
    expect([r.status, r.attempts, r.notBeforeMs - r.updatedAtMs]).toEqual(["queued", 1, 0]);
    await submitter().tick();
    r = await row();
    expect([r.attempts, r.notBeforeMs - r.updatedAtMs]).toEqual([2, 1_000]);
    // Not due yet: the tick builds nothing for it (and so reads nothing of the chain).
    await submitter().tick();
    expect((await row()).attempts).toBe(2);
    expect(unbuildableRetryMs(3)).toBe(2_000);
    expect(unbuildableRetryMs(100)).toBe(UNBUILDABLE_RETRY_MAX_MS);
    await database.db.delete(intents).where(eq(intents.id, ids[0]!));
  });

  it("goes on with other groups when one builder fails", async () => {
    const logged: string[] = [];
    const explode = {
      kind: "explode",
      batchMax: 10,
      build: async () => {
        throw new Error("builder bug");
      },
    };
    const bad = await queueIntent(database.db, {
      kind: "explode",
      walletId: payer.id,
      payload: {},
      nowMs: Date.now(),
    });
    const { ids } = await queueTransfers(1);
    const s = createSubmitter({
      db: database.db,
      chain,
      network: "preprod",
      encryptionKeyHex: KEY,
      builders: [explode, transferBuilder],
      log: (l) => logged.push(l),
      nowMs: () => devnet.ledger.nowMs(),
      statusPollMs: 0,
    });
    await s.tick();
    expect(logged.some((l) => l.includes("explode") && l.includes("builder bug"))).toBe(true);
    expect(await statusesOf(ids)).toEqual(["in_tx"]);
    // The failed batch stays queued, its attempt counted and the reason kept.
    const [failed] = await database.db.select().from(intents).where(eq(intents.id, bad));
    expect(failed).toMatchObject({ status: "queued", attempts: 1 });
    expect(failed!.lastError).toMatch(/^build failed: .*builder bug/);
    await database.db.delete(intents).where(eq(intents.id, bad));
  });
});

describe(`submitter with intents refused only for the time (${DB_KIND})`, () => {
  beforeEach(settle);

  /**
   * A builder that, like the escrow action builder, defers its intents to UNTIL_MS while the
   * (pretend) tip is before it, and otherwise refuses them with "reached" so the test sees it.
   */
  const UNTIL_MS = 1_900_000_000_000;
  let tipMs = 0;
  let builds = 0;
  const later = {
    kind: "later",
    batchMax: 10,
    build: async (input: { intents: { id: string }[] }) => {
      builds++;
      const ids = input.intents.map((i) => i.id);
      if (tipMs < UNTIL_MS)
        return {
          tx: undefined,
          rejected: [],
          deferred: ids.map((id) => ({ id, untilMs: UNTIL_MS, reason: "Withdraw: tooEarly" })),
        };
      return { tx: undefined, rejected: ids.map((id) => ({ id, reason: "reached" })) };
    },
  };

  async function scenario(startMs: number) {
    let clockMs = startMs;
    builds = 0;
    tipMs = 0;
    const id = await queueIntent(database.db, {
      kind: "later",
      walletId: payer.id,
      payload: {},
      nowMs: clockMs,
    });
    const s = createSubmitter({
      db: database.db,
      chain,
      network: "preprod",
      encryptionKeyHex: KEY,
      builders: [later],
      log: () => {},
      nowMs: () => clockMs,
      statusPollMs: 0,
    });
    const row = async () =>
      (await database.db.select().from(intents).where(eq(intents.id, id)))[0]!;
    const at = async (ms: number) => {
      clockMs = ms;
      await s.tick();
      return row();
    };
    return { at };
  }

  it("tries the intent again as soon as chain time reaches the bound, then at a block's pace", async () => {
    const { at } = await scenario(UNTIL_MS - 3_600_000);
    expect(await at(UNTIL_MS - 3_600_000)).toMatchObject({
      status: "queued",
      notBeforeMs: UNTIL_MS,
      lastError: "Withdraw: tooEarly",
    });
    expect(builds).toBe(1);
    await at(UNTIL_MS - 1);
    expect(builds).toBe(1);
    // At the bound itself: tried again; the tip is not there yet, so a short step on.
    expect(await at(UNTIL_MS)).toMatchObject({ status: "queued", notBeforeMs: UNTIL_MS + 2_000 });
    expect(builds).toBe(2);
    await at(UNTIL_MS + 1_999);
    expect(builds).toBe(2);
    tipMs = UNTIL_MS;
    expect(await at(UNTIL_MS + 2_000)).toMatchObject({ status: "failed", lastError: "reached" });
    expect(builds).toBe(3);
  });

  it("fails the intent, saying why, when the tip never reaches the bound", async () => {
    const { at } = await scenario(UNTIL_MS);
    await at(UNTIL_MS);
    await at(UNTIL_MS + 9 * 60_000);
    expect(builds).toBe(2);
    const failed = await at(UNTIL_MS + 10 * 60_000 + 1);
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(
      /^Withdraw: tooEarly; the chain's tip has not reached .*blocks/,
    );
    await at(UNTIL_MS + 60 * 60_000);
    expect(builds).toBe(3);
  });
});

/** Spends all of the payer's on-chain outputs in a transaction of its own (a competing spend). */
async function spendEverything(): Promise<void> {
  const { wallet } = await openWallet(database.db, {
    walletId: payer.id,
    network: "preprod",
    encryptionKeyHex: KEY,
  });
  const { MeshTxBuilder } = await import("@meshsdk/core");
  const { DEVNET_MESH_PARAMS, utxoFetcher } = await import("../src/devnet/test-support.ts");
  const utxos = devnet.ledger.emulatorUtxos(payer.address);
  const builder = new MeshTxBuilder({
    params: DEVNET_MESH_PARAMS,
    fetcher: utxoFetcher(() => utxos),
  });
  for (const u of utxos)
    builder.txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address);
  const all = await builder.changeAddress(payer.address).complete();
  devnet.ledger.submit(await wallet.signTx(all));
}
