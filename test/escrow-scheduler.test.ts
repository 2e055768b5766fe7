/**
 * The escrow scheduler against a real database: each rule (expire unpaid requests, withdraw
 * for the seller, refund for the buyer) fires exactly when its deadline plus the grace has
 * passed and not a millisecond before, leaves alone what it must (another network, a pending
 * action, a lock still on its way, a result submitted), and a tick run twice queues nothing
 * twice. Subjects are put in each state by writing their rows directly, as the watcher would.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import { intents, payments, purchases } from "../src/db/schema.ts";
import { HOUR_MS, MINUTE_MS } from "../src/domain/payment-times.ts";
import { queueIntent } from "../src/services/intents.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { createEscrowScheduler, RETRY_AFTER_MS_DEFAULT } from "../src/workers/escrow-scheduler.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";
import { eventsFor, eventTypesFor } from "./support/usage-events.ts";

const KEY = "11".repeat(32);
const NOW_MS = 1_750_000_000_000;
const GRACE_MS = 10 * MINUTE_MS;
const RETRY_MS = RETRY_AFTER_MS_DEFAULT;
const TIMES = {
  payByTimeMs: NOW_MS + HOUR_MS,
  submitResultTimeMs: NOW_MS + 2 * HOUR_MS,
  unlockTimeMs: NOW_MS + 8 * HOUR_MS,
  externalDisputeUnlockTimeMs: NOW_MS + 14 * HOUR_MS,
};
const RESULT_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

let database: TestDatabase;
let seller: WalletInfo;
let buyer: WalletInfo;
let clockMs = NOW_MS;
let logs: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  const wallet = (role: "selling" | "purchasing") =>
    createWallet(database.db, { role, network: "preprod", encryptionKeyHex: KEY, nowMs: NOW_MS });
  seller = await wallet("selling");
  buyer = await wallet("purchasing");
}, 120_000);
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(intents);
  await database.db.delete(payments);
  await database.db.delete(purchases);
  clockMs = NOW_MS;
  logs = [];
});

const scheduler = (over: { subjectsPerTickMax?: number } = {}) =>
  createEscrowScheduler({
    db: database.db,
    network: "preprod",
    nowMs: () => clockMs,
    log: (line) => logs.push(line),
    graceMs: GRACE_MS,
    retriesMax: 3,
    ...over,
  });

interface Over {
  state: string;
  network?: "preprod" | "mainnet";
  resultHash?: string | null;
  escrowId?: string | null;
  /** A subscription period's terms. */
  autoRelease?: boolean;
}

function commonRow({ state, network = "preprod", autoRelease = false, ...over }: Over) {
  const onChain = !["WaitingForFunds", "Expired"].includes(state);
  return {
    id: randomUUID(),
    network,
    blockchainIdentifier: randomBytes(20).toString("hex"),
    escrowReference: randomBytes(16).toString("hex"),
    agentIdentifier: `${"ab".repeat(28)}01`,
    identifierFromPurchaser: randomBytes(10).toString("hex"),
    inputHash: "00".repeat(32),
    amounts: JSON.stringify([{ unit: "lovelace", amount: "5000000" }]),
    ...TIMES,
    state,
    resultHash: over.resultHash ?? (state === "ResultSubmitted" ? RESULT_HASH : null),
    metadata: null,
    requestedById: "admin",
    escrowId:
      over.escrowId !== undefined
        ? over.escrowId
        : onChain
          ? `${randomBytes(32).toString("hex")}#0`
          : null,
    invalidReason: null,
    autoRelease,
    createdAtMs: NOW_MS,
    updatedAtMs: NOW_MS,
  };
}

async function payment(over: Over) {
  const row = {
    ...commonRow(over),
    agentName: null,
    pricingType: "Fixed" as const,
    tierName: null,
    sellingWalletId: seller.id,
  };
  await database.db.insert(payments).values(row);
  return row;
}

async function purchase(over: Over) {
  const row = {
    ...commonRow(over),
    sellerVkey: seller.paymentKeyHash,
    sellerAddress: seller.address,
    purchasingWalletId: buyer.id,
  };
  await database.db.insert(purchases).values(row);
  return row;
}

const stateOf = async (table: typeof payments | typeof purchases, id: string) =>
  (await database.db.select().from(table).where(eq(table.id, id)))[0]!.state;

const actionsOf = async (subjectId: string) =>
  (await database.db.select().from(intents).where(eq(intents.subjectId, subjectId)))
    .filter((i) => i.kind === ESCROW_ACTION_KIND)
    .map((i) => ({ ...i, payload: JSON.parse(i.payload) }));

/** An intent on the subject, as the routes or the submitter would have left it. */
async function intentOn(
  row: { id: string; escrowId: string | null },
  walletId: string,
  kind: string,
  status: "queued" | "in_tx" | "done" | "failed",
  action = "Withdraw",
  atMs = NOW_MS,
) {
  const id = await queueIntent(database.db, {
    kind,
    walletId,
    subjectId: row.id,
    payload: { escrowId: row.escrowId, action, params: {} },
    nowMs: atMs,
  });
  await database.db.update(intents).set({ status }).where(eq(intents.id, id));
}

describe(`escrow scheduler: expiry (${DB_KIND})`, () => {
  it("expires an unpaid payment at payByTime + grace, not before, once", async () => {
    const p = await payment({ state: "WaitingForFunds" });
    const other = await payment({ state: "WaitingForFunds", network: "mainnet" });
    const tick = scheduler().tick;
    clockMs = TIMES.payByTimeMs + GRACE_MS - 1;
    await tick();
    expect(await stateOf(payments, p.id)).toBe("WaitingForFunds");
    clockMs = TIMES.payByTimeMs + GRACE_MS;
    expect(await tick()).toEqual({ more: false });
    expect(await stateOf(payments, p.id)).toBe("Expired");
    expect(await stateOf(payments, other.id)).toBe("WaitingForFunds");
    clockMs += 1;
    await tick();
    const [row] = await database.db.select().from(payments).where(eq(payments.id, p.id));
    expect(row!.updatedAtMs).toBe(TIMES.payByTimeMs + GRACE_MS);
    // One usage event, written with the expiry (no transaction: no hash, no chain time).
    const events = await eventsFor(database.db, row!.blockchainIdentifier);
    expect(events.map((e) => [e.type, e.state, e.txHash, e.chainTimeMs])).toEqual([
      ["payment.expired", "Expired", null, null],
    ]);
    expect(events[0]!.nodeTimeMs).toBe(TIMES.payByTimeMs + GRACE_MS);
    expect(await eventsFor(database.db, other.blockchainIdentifier)).toEqual([]);
  });

  it("expires an unpaid purchase unless its lock is still queued or in a transaction", async () => {
    const none = await purchase({ state: "WaitingForFunds" });
    const failed = await purchase({ state: "WaitingForFunds" });
    const done = await purchase({ state: "WaitingForFunds" });
    const queued = await purchase({ state: "WaitingForFunds" });
    const inTx = await purchase({ state: "WaitingForFunds" });
    await intentOn(failed, buyer.id, ESCROW_LOCK_KIND, "failed");
    await intentOn(done, buyer.id, ESCROW_LOCK_KIND, "done");
    await intentOn(queued, buyer.id, ESCROW_LOCK_KIND, "queued");
    await intentOn(inTx, buyer.id, ESCROW_LOCK_KIND, "in_tx");
    clockMs = TIMES.payByTimeMs + GRACE_MS - 1;
    await scheduler().tick();
    for (const p of [none, failed, done, queued, inTx])
      expect(await stateOf(purchases, p.id)).toBe("WaitingForFunds");
    clockMs = TIMES.payByTimeMs + GRACE_MS;
    await scheduler().tick();
    expect(await stateOf(purchases, none.id)).toBe("Expired");
    expect(await stateOf(purchases, failed.id)).toBe("Expired");
    expect(await stateOf(purchases, done.id)).toBe("Expired");
    expect(await stateOf(purchases, queued.id)).toBe("WaitingForFunds");
    expect(await stateOf(purchases, inTx.id)).toBe("WaitingForFunds");
    for (const [p, types] of [
      [none, ["purchase.expired"]],
      [failed, ["purchase.expired"]],
      [queued, []],
    ] as const)
      expect(await eventTypesFor(database.db, p.blockchainIdentifier)).toEqual(types);
  });
});

describe(`escrow scheduler: the seller's Withdraw (${DB_KIND})`, () => {
  it("queues Withdraw at unlockTime + grace, not before, and once", async () => {
    const p = await payment({ state: "ResultSubmitted" });
    const tick = scheduler().tick;
    clockMs = TIMES.unlockTimeMs + GRACE_MS - 1;
    await tick();
    expect(await actionsOf(p.id)).toHaveLength(0);
    clockMs = TIMES.unlockTimeMs + GRACE_MS;
    await tick();
    await tick();
    const queued = await actionsOf(p.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ walletId: seller.id, status: "queued" });
    expect(queued[0]!.payload).toEqual({ escrowId: p.escrowId, action: "Withdraw", params: {} });
  });

  it("leaves the seller's other states alone", async () => {
    clockMs = TIMES.externalDisputeUnlockTimeMs + GRACE_MS;
    const rows = [];
    for (const state of ["FundsLocked", "RefundRequested", "Disputed", "FundsOrDatumInvalid"])
      rows.push(await payment({ state }));
    rows.push(await payment({ state: "ResultSubmitted", network: "mainnet" }));
    await scheduler().tick();
    for (const p of rows) expect(await actionsOf(p.id), p.state).toHaveLength(0);
  });

  it("waits while any action is pending, or while a landed Withdraw is not yet seen", async () => {
    clockMs = TIMES.unlockTimeMs + GRACE_MS;
    const pending = await payment({ state: "ResultSubmitted" });
    const landed = await payment({ state: "ResultSubmitted" });
    await intentOn(pending, seller.id, ESCROW_ACTION_KIND, "in_tx", "SubmitResult");
    await intentOn(landed, seller.id, ESCROW_ACTION_KIND, "done", "Withdraw");
    await scheduler().tick();
    expect(await actionsOf(pending.id)).toHaveLength(1);
    expect(await actionsOf(landed.id)).toHaveLength(1);
  });

  it("tries a failed Withdraw again after retryAfterMs, at most retriesMax times", async () => {
    // Two minutes by default: a refusal for the time alone never fails (the submitter defers
    // it), so what fails is retried once the chain has moved on by a few blocks.
    expect(RETRY_MS).toBe(2 * MINUTE_MS);
    const p = await payment({ state: "ResultSubmitted" });
    const failedAt = TIMES.unlockTimeMs + GRACE_MS;
    await intentOn(p, seller.id, ESCROW_ACTION_KIND, "failed", "Withdraw", failedAt);
    clockMs = failedAt + RETRY_MS - 1;
    await scheduler().tick();
    expect(await actionsOf(p.id)).toHaveLength(1);
    clockMs += 1;
    await scheduler().tick();
    expect(await actionsOf(p.id)).toHaveLength(2);
    expect(logs).toEqual([]);
    // The second failure: the third try is the last, and says so.
    await database.db.update(intents).set({ status: "failed", updatedAtMs: clockMs });
    clockMs += RETRY_MS;
    await scheduler().tick();
    expect(await actionsOf(p.id)).toHaveLength(3);
    expect(logs).toEqual([`escrow-scheduler: Withdraw on payment ${p.id}: last automatic try`]);
    await database.db.update(intents).set({ status: "failed", updatedAtMs: clockMs });
    clockMs += 10 * RETRY_MS;
    await scheduler().tick();
    expect(await actionsOf(p.id)).toHaveLength(3);
  });
});

describe(`escrow scheduler: the buyer's WithdrawRefund (${DB_KIND})`, () => {
  it("queues WithdrawRefund at submitResultTime + grace when no result came, once", async () => {
    const rows = [];
    for (const state of ["FundsLocked", "RefundRequested", "FundsOrDatumInvalid"])
      rows.push(await purchase({ state }));
    const tick = scheduler().tick;
    clockMs = TIMES.submitResultTimeMs + GRACE_MS - 1;
    await tick();
    for (const p of rows) expect(await actionsOf(p.id), p.state).toHaveLength(0);
    clockMs = TIMES.submitResultTimeMs + GRACE_MS;
    await tick();
    await tick();
    for (const p of rows) {
      const queued = await actionsOf(p.id);
      expect(queued, p.state).toHaveLength(1);
      expect(queued[0]).toMatchObject({ walletId: buyer.id, status: "queued" });
      expect(queued[0]!.payload).toEqual({
        escrowId: p.escrowId,
        action: "WithdrawRefund",
        params: {},
      });
    }
  });

  it("queues WithdrawRefund at once once the seller authorized the refund", async () => {
    const p = await purchase({ state: "RefundAuthorized" });
    clockMs = NOW_MS + 1;
    await scheduler().tick();
    expect((await actionsOf(p.id)).map((i) => i.payload.action)).toEqual(["WithdrawRefund"]);
  });

  it("leaves alone a purchase with a result, the seller's turn, or a pending action", async () => {
    clockMs = TIMES.externalDisputeUnlockTimeMs + GRACE_MS;
    const answered = await purchase({ state: "FundsOrDatumInvalid", resultHash: RESULT_HASH });
    const rows = [answered];
    for (const state of ["ResultSubmitted", "Disputed", "Withdrawn", "RefundWithdrawn"])
      rows.push(await purchase({ state }));
    rows.push(await purchase({ state: "FundsLocked", network: "mainnet" }));
    const asked = await purchase({ state: "RefundRequested" });
    await intentOn(asked, buyer.id, ESCROW_ACTION_KIND, "queued", "CancelRefund");
    await scheduler().tick();
    for (const p of rows) expect(await actionsOf(p.id), p.state).toHaveLength(0);
    expect((await actionsOf(asked.id)).map((i) => i.payload.action)).toEqual(["CancelRefund"]);
  });
});

describe(`escrow scheduler: bounds (${DB_KIND})`, () => {
  it("takes at most subjectsPerTickMax subjects a tick and says when more wait", async () => {
    const due: Awaited<ReturnType<typeof payment>>[] = [];
    for (let i = 0; i < 3; i++) due.push(await payment({ state: "ResultSubmitted" }));
    const unpaid = await payment({ state: "WaitingForFunds" });
    clockMs = TIMES.unlockTimeMs + GRACE_MS;
    const tick = scheduler({ subjectsPerTickMax: 2 }).tick;
    expect(await tick()).toEqual({ more: true });
    expect(await stateOf(payments, unpaid.id)).toBe("Expired");
    const counted = async () =>
      (await Promise.all(due.map((p) => actionsOf(p.id)))).map((a) => a.length);
    expect((await counted()).reduce((a, b) => a + b)).toBe(1);
    expect(await tick()).toEqual({ more: true });
    expect(await tick()).toEqual({ more: false });
    expect(await counted()).toEqual([1, 1, 1]);
  });
});

describe(`escrow scheduler: subscriptions, autoRelease (${DB_KIND})`, () => {
  it("queues the seller's Withdraw from FundsLocked at unlockTime + grace when the terms say autoRelease", async () => {
    const sub = await payment({ state: "FundsLocked", autoRelease: true });
    const plain = await payment({ state: "FundsLocked" });
    const other = await payment({ state: "FundsLocked", autoRelease: true, network: "mainnet" });
    const tick = scheduler().tick;
    clockMs = TIMES.unlockTimeMs + GRACE_MS - 1;
    await tick();
    expect(await actionsOf(sub.id)).toHaveLength(0);
    clockMs = TIMES.unlockTimeMs + GRACE_MS;
    expect(await tick()).toEqual({ more: false });
    await tick();
    const queued = await actionsOf(sub.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ walletId: seller.id, status: "queued" });
    expect(queued[0]!.payload).toEqual({ escrowId: sub.escrowId, action: "Withdraw", params: {} });
    // Without autoRelease the seller waits for the buyer's refund; another network is not ours.
    expect(await actionsOf(plain.id)).toHaveLength(0);
    expect(await actionsOf(other.id)).toHaveLength(0);
    expect(logs).toEqual([]);
  });

  it("gives a subscription's buyer no refund it did not ask for, and others theirs", async () => {
    const sub = await purchase({ state: "FundsLocked", autoRelease: true });
    const plain = await purchase({ state: "FundsLocked" });
    const asked = await purchase({ state: "RefundRequested", autoRelease: true });
    clockMs = TIMES.submitResultTimeMs + GRACE_MS;
    await scheduler().tick();
    expect(await actionsOf(sub.id)).toHaveLength(0);
    expect((await actionsOf(plain.id)).map((i) => i.payload.action)).toEqual(["WithdrawRefund"]);
    expect((await actionsOf(asked.id)).map((i) => i.payload.action)).toEqual(["WithdrawRefund"]);
    expect(logs).toEqual([]);
  });
});
