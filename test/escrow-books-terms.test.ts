/**
 * The watcher's lock check holds each lock to its row's autoRelease, on the seller's side (a
 * payment) and the buyer's (a purchase): a lock whose datum says otherwise pays other terms.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { escrowDatum, toCbor, type EscrowDatum } from "../contracts/index.ts";
import { escrowEvents, payments, purchases } from "../src/db/schema.ts";
import type { Db } from "../src/db/client.ts";
import type { EscrowEvent } from "../src/services/escrow-events.ts";
import {
  applyRefresh,
  prepareRefresh,
  refreshSubjects,
  StaleRefresh,
} from "../src/services/escrow-subjects.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";

const KEY = "11".repeat(32);
const T0 = 1_800_000_000_000;
const TIMES = {
  payByTimeMs: T0 + 1_000,
  submitResultTimeMs: T0 + 3_600_000,
  unlockTimeMs: T0 + 7_200_000,
  externalDisputeUnlockTimeMs: T0 + 10_800_000,
};
const INPUT_HASH = "11".repeat(32);
const DEPOSIT = 2_000_000n;

let database: TestDatabase;
let seller: WalletInfo;
let buyer: WalletInfo;
/** Statements the database ran while set (see the batch test). */
let statements: string[] | undefined;

beforeAll(async () => {
  database = await freshDatabase({ onStatement: (q) => statements?.push(q) });
  const wallet = (role: "selling" | "purchasing") =>
    createWallet(database.db, { role, network: "preprod", encryptionKeyHex: KEY, nowMs: T0 });
  seller = await wallet("selling");
  buyer = await wallet("purchasing");
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const reference = (n: number) => n.toString(16).padStart(32, "0");

function datum(ref: string, autoRelease: boolean): EscrowDatum {
  return {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer: buyer.address,
    seller: seller.address,
    reference: ref,
    inputHash: INPUT_HASH,
    submitResultTimeMs: TIMES.submitResultTimeMs,
    unlockTimeMs: TIMES.unlockTimeMs,
    externalDisputeUnlockTimeMs: TIMES.externalDisputeUnlockTimeMs,
    buyerLovelace: DEPOSIT,
    claim: null,
    voucherTotal: 0n,
    autoRelease,
  };
}

/** A payment and a purchase of one reference with `rowAutoRelease`, locked with `lockAutoRelease`. */
async function subjects(n: number, rowAutoRelease: boolean, lockAutoRelease: boolean) {
  await lockedSubjects(n, rowAutoRelease, lockAutoRelease);
  // In a transaction, as the watcher's rollback runs it: its check and its writes share one.
  await database.db.transaction((tx) =>
    refreshSubjects(tx as unknown as Db, "preprod", [reference(n)], T0 + 1),
  );
  return statesOf(n);
}

async function statesOf(n: number) {
  const db = database.db;
  const [p] = await db
    .select()
    .from(payments)
    .where(eq(payments.id, `pay-${n}`));
  const [b] = await db
    .select()
    .from(purchases)
    .where(eq(purchases.id, `buy-${n}`));
  return [p!, b!].map((r) => [r.state, r.invalidReason]);
}

/** The rows and the lock event of `subjects`, not yet refreshed. */
async function lockedSubjects(n: number, rowAutoRelease: boolean, lockAutoRelease: boolean) {
  const ref = reference(n);
  const common = {
    network: "preprod" as const,
    blockchainIdentifier: `bid-${n}`,
    escrowReference: ref,
    agentIdentifier: "ab".repeat(29),
    identifierFromPurchaser: "cd".repeat(8),
    inputHash: INPUT_HASH,
    amounts: JSON.stringify([{ unit: "lovelace", amount: "5000000" }]),
    ...TIMES,
    state: "WaitingForFunds",
    autoRelease: rowAutoRelease,
    createdAtMs: T0,
    updatedAtMs: T0,
  };
  const db = database.db;
  await db.insert(payments).values({
    ...common,
    id: `pay-${n}`,
    pricingType: "Fixed",
    sellingWalletId: seller.id,
  });
  await db.insert(purchases).values({
    ...common,
    id: `buy-${n}`,
    sellerVkey: seller.paymentKeyHash,
    sellerAddress: seller.address,
    purchasingWalletId: buyer.id,
  });
  const txHash = n.toString(16).padStart(64, "e");
  await db.insert(escrowEvents).values({
    network: "preprod",
    escrowId: `${txHash}#0`,
    txHash,
    kind: "lock",
    blockHeight: n,
    txIndex: 0,
    blockTimeMs: T0,
    outputIndex: 0,
    state: "FundsLocked",
    reference: ref,
    datumCbor: toCbor(escrowDatum(datum(ref, lockAutoRelease))),
    value: JSON.stringify([{ unit: "lovelace", amount: (5_000_000n + DEPOSIT).toString() }]),
    resultHash: null,
    buyerKeyHash: buyer.paymentKeyHash,
    sellerKeyHash: seller.paymentKeyHash,
  });
}

describe(`autoRelease in the lock check (${DB_KIND})`, () => {
  it("accepts a lock that carries the terms' autoRelease, on both sides", async () => {
    expect(await subjects(1, true, true)).toEqual([
      ["FundsLocked", null],
      ["FundsLocked", null],
    ]);
    expect(await subjects(2, false, false)).toEqual([
      ["FundsLocked", null],
      ["FundsLocked", null],
    ]);
  });

  it("refuses a lock whose autoRelease differs from the row's, on both sides", async () => {
    const invalid = (datumSays: boolean) => [
      "FundsOrDatumInvalid",
      `datum autoRelease is ${datumSays}, the terms say ${!datumSays}`,
    ];
    expect(await subjects(3, false, true)).toEqual([invalid(true), invalid(true)]);
    expect(await subjects(4, true, false)).toEqual([invalid(false), invalid(false)]);
  });

  /**
   * Refreshes the subjects of `ns` as the watcher does: worked out from reads outside the
   * transaction (`fresh` are events not yet stored), written inside it.
   */
  const refreshed = async (ns: readonly number[], nowMs: number, fresh: EscrowEvent[] = []) => {
    const prepared = await prepareRefresh(
      database.db,
      "preprod",
      ns.map(reference),
      fresh,
      nowMs,
      null,
    );
    const changed = await database.db.transaction((tx) =>
      applyRefresh(tx as unknown as Db, prepared, nowMs),
    );
    return { changed, subjects: prepared.subjects };
  };

  it("writes a batch of locks in a few statements, whatever its size, each row its own view", async () => {
    const ns = Array.from({ length: 40 }, (_, i) => 100 + i);
    // Every third lock disagrees with its row: valid and invalid views in one batch.
    for (const n of ns) await lockedSubjects(n, true, n % 3 !== 0);
    statements = [];
    const { changed, subjects } = await refreshed(ns, T0 + 7);
    const ran = statements;
    statements = undefined;
    expect(changed).toBe(2 * ns.length);
    // The subjects as the refresh left them, for the usage events of the same transaction: the
    // seller's buyer comes from the lock, as no row of the seller's names it.
    expect(subjects).toHaveLength(2 * ns.length);
    const pay = subjects.find((s) => s.row.id === "pay-100")!;
    expect([pay.role, pay.row.state, pay.row.updatedAtMs, pay.sellerVkey, pay.buyerVkey]).toEqual([
      "seller",
      "FundsLocked",
      T0 + 7,
      seller.paymentKeyHash,
      buyer.paymentKeyHash,
    ]);
    const buy = subjects.find((s) => s.row.id === "buy-102")!;
    expect([buy.role, buy.row.state, buy.row.invalidReason, buy.buyerVkey]).toEqual([
      "buyer",
      "FundsOrDatumInvalid",
      "datum autoRelease is false, the terms say true",
      buyer.paymentKeyHash,
    ]);
    // Three reads (events, payments, purchases); in the transaction, one check and one write
    // per table.
    expect(ran.length, ran.join("\n")).toBe(7);
    expect(ran.filter((q) => /for update of t/i.test(q))).toHaveLength(2);
    for (const n of ns) {
      const want = n % 3 !== 0 ? [null] : ["datum autoRelease is false, the terms say true"];
      const state = n % 3 !== 0 ? "FundsLocked" : "FundsOrDatumInvalid";
      expect(await statesOf(n), `reference ${n}`).toEqual([
        [state, want[0]],
        [state, want[0]],
      ]);
    }
    const [p] = await database.db.select().from(payments).where(eq(payments.id, "pay-100"));
    expect([p!.escrowId, p!.updatedAtMs]).toEqual([
      `${(100).toString(16).padStart(64, "e")}#0`,
      T0 + 7,
    ]);
    // Nothing changed: nothing written.
    statements = [];
    const { changed: unchanged, subjects: again } = await refreshed(ns, T0 + 8);
    expect(unchanged).toBe(0);
    // Unchanged rows are given as they are stored, their times untouched.
    expect(again.find((s) => s.row.id === "pay-100")?.row.updatedAtMs).toBe(T0 + 7);
    expect(statements.filter((q) => /^update/i.test(q.trim()))).toEqual([]);
    statements = undefined;
  });

  /** The stored lock event of `n` (lockedSubjects), taken out to be given as not yet stored. */
  const unstore = async (n: number) => {
    const [e] = await database.db
      .delete(escrowEvents)
      .where(eq(escrowEvents.reference, reference(n)))
      .returning();
    return e!;
  };

  it("works out the states of events not yet stored, and counts a stored one once", async () => {
    await lockedSubjects(200, true, true);
    await lockedSubjects(201, true, false);
    const fresh = [await unstore(200), await unstore(201)];
    // Stored again for 201: a retried tick may find its events there already.
    await database.db.insert(escrowEvents).values(fresh[1]!);
    const { changed } = await refreshed([200, 201], T0 + 9, fresh);
    expect(changed).toBe(4);
    expect(await statesOf(200)).toEqual([
      ["FundsLocked", null],
      ["FundsLocked", null],
    ]);
    const invalid = ["FundsOrDatumInvalid", "datum autoRelease is false, the terms say true"];
    expect(await statesOf(201)).toEqual([invalid, invalid]);
  });

  it("writes nothing when a row changed after the reads, and refuses with StaleRefresh", async () => {
    await lockedSubjects(300, true, true);
    await lockedSubjects(301, true, true);
    const nowMs = T0 + 10;
    const prepared = await prepareRefresh(
      database.db,
      "preprod",
      [reference(300), reference(301)],
      [],
      nowMs,
      null,
    );
    // The scheduler expires one purchase between the reads and the writes.
    await database.db
      .update(purchases)
      .set({ state: "Expired", updatedAtMs: nowMs })
      .where(eq(purchases.id, "buy-301"));
    const applied = database.db.transaction((tx) =>
      applyRefresh(tx as unknown as Db, prepared, nowMs),
    );
    await expect(applied).rejects.toBeInstanceOf(StaleRefresh);
    // Rolled back whole: not even the rows that had not changed took their new view.
    expect(await statesOf(300)).toEqual([
      ["WaitingForFunds", null],
      ["WaitingForFunds", null],
    ]);
    expect((await statesOf(301))[1]).toEqual(["Expired", null]);
    // Worked out again from fresh reads, it applies.
    const { changed } = await refreshed([300, 301], nowMs + 1);
    expect(changed).toBe(4);
    expect(await statesOf(301)).toEqual([
      ["FundsLocked", null],
      ["FundsLocked", null],
    ]);
  });
});
