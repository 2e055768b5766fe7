/**
 * ResolveDispute by the escrow's admins: the devnet admin keys, the `escrow_resolve` payload
 * and its split, and the resolve builder driven by the real submitter on the devnet, where a
 * wallet that is no party pays and two of the three admins sign, many escrows per transaction.
 */
import { createHash } from "node:crypto";
import { core, type Asset } from "@meshsdk/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escrowReference, payoutTag } from "../contracts/index.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_LOCK_KIND } from "../src/chain/builders/escrow-lock.ts";
import { ESCROW_RESOLVE_KIND, resolveSigners } from "../src/chain/builders/escrow-resolve.ts";
import {
  DEVNET_ESCROW_ADMIN_KEY_HASHES,
  DEVNET_ESCROW_ADMINS,
  devnetEscrowParams,
  loadEscrowAdmins,
} from "../src/chain/escrow/admins.ts";
import { queueEscrowDeploy } from "../src/chain/escrow/deploy-queue.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import {
  resolvePayloadSchema,
  resolveSplit,
  type EscrowResolvePayload,
  type ResolveSplit,
} from "../src/chain/escrow/resolve-payload.ts";
import { atLeastMinLovelace, qty } from "../src/chain/escrow/value.ts";
import { toMeshAmount } from "../src/chain/mesh-convert.ts";
import { createMeshFetcher } from "../src/chain/mesh.ts";
import { chainTxs } from "../src/db/schema.ts";
import { DB_KIND } from "./support/db.ts";
import {
  holdings,
  intentRows,
  openResolveWorld,
  queueAll,
  tickAndBlock,
  txHashesOf,
  USDM,
  withAdmins,
  type ResolveWorld,
} from "./escrow-resolve-world.ts";

const HOUR_MS = 3_600_000;
const PRICE_USDM = 5_000_000n;
const KEY_DEPOSIT = 2_000_000n;
const TX_HASH = "ab".repeat(32);

describe("the devnet escrow admins", () => {
  it("hold the three public test keys that the devnet escrow parameters name, 2 of 3", async () => {
    const admins = await loadEscrowAdmins(DEVNET_ESCROW_ADMINS, "preprod");
    expect(admins.keyHashes).toEqual(DEVNET_ESCROW_ADMIN_KEY_HASHES);
    expect(devnetEscrowParams()).toEqual({
      adminKeyHashes: DEVNET_ESCROW_ADMIN_KEY_HASHES,
      disputeThreshold: 2,
      cooldownMs: 0,
    });
  });

  it("refuses a key given twice, and signing with a key not held", async () => {
    const one = DEVNET_ESCROW_ADMINS[0]!;
    await expect(loadEscrowAdmins([one, one], "preprod")).rejects.toThrow(/given twice/);
    const admins = await loadEscrowAdmins([one], "preprod");
    await expect(admins.sign("00", [DEVNET_ESCROW_ADMIN_KEY_HASHES[1]!])).rejects.toThrow(
      /not held/,
    );
  });

  it("signs with the first threshold of the escrow's admins held, or says how many are missing", () => {
    const params = devnetEscrowParams();
    const [a, b, c] = DEVNET_ESCROW_ADMIN_KEY_HASHES as [string, string, string];
    expect(resolveSigners(params, [c, "ee".repeat(28), a, b])).toEqual([c, a]);
    expect(resolveSigners(params, [b, "ee".repeat(28)])).toBe(
      "this node holds 1 of the escrow's 3 admin keys, and ResolveDispute needs 2 (adminsSigned, AS)",
    );
  });
});

describe("the escrow_resolve payload and its split", () => {
  const payload = (
    sellerAmounts: EscrowResolvePayload["sellerAmounts"],
    buyerAmounts: EscrowResolvePayload["buyerAmounts"],
  ): EscrowResolvePayload => ({ escrowId: `${TX_HASH}#3`, sellerAmounts, buyerAmounts });
  const locked = [
    { unit: "lovelace", quantity: "1500000" },
    { unit: USDM, quantity: "5000000" },
  ];

  it("parses ids, units and integer amounts, and refuses a unit listed twice", () => {
    const ok = payload([{ unit: USDM, amount: "5000000" }], [{ unit: "lovelace", amount: "0" }]);
    expect(resolvePayloadSchema.safeParse(ok).success).toBe(true);
    const bad = [
      { ...ok, escrowId: TX_HASH },
      payload([{ unit: "usdm", amount: "1" }], []),
      payload([{ unit: USDM, amount: "1.5" }], []),
      payload([{ unit: USDM, amount: "-1" }], []),
      payload(
        [
          { unit: USDM, amount: "1" },
          { unit: USDM, amount: "2" },
        ],
        [],
      ),
    ];
    for (const p of bad) expect(resolvePayloadSchema.safeParse(p).success).toBe(false);
  });

  it("gives out the escrow's whole value, unit by unit, and nothing else", () => {
    const exact = payload(
      [{ unit: USDM, amount: "3000000" }],
      [
        { unit: USDM, amount: "2000000" },
        { unit: "lovelace", amount: "1500000" },
      ],
    );
    expect(resolveSplit(exact, locked)).toEqual({
      seller: [{ unit: USDM, quantity: "3000000" }],
      buyer: [
        { unit: "lovelace", quantity: "1500000" },
        { unit: USDM, quantity: "2000000" },
      ],
    });
    const short = payload([{ unit: USDM, amount: "5000000" }], []);
    expect(resolveSplit(short, locked)).toBe(
      "the split gives out 0 lovelace (seller 0, buyer 0), the escrow holds 1500000",
    );
    const over = payload(
      [{ unit: "lovelace", amount: "1500001" }],
      [{ unit: USDM, amount: "5000000" }],
    );
    expect(resolveSplit(over, locked)).toMatch(/gives out 1500001 lovelace/);
    const stranger = payload(
      [...exact.sellerAmounts, { unit: "cc".repeat(28), amount: "1" }],
      exact.buyerAmounts,
    );
    expect(resolveSplit(stranger, locked)).toMatch(/gives out 1 c{56}.*the escrow holds 0$/);
  });
});

describe(`ResolveDispute through the submitter on ${DB_KIND}`, () => {
  let w: ResolveWorld;
  let times: EscrowLockPayload["times"];
  /** The escrows' ids (their locks' out-refs) and the lovelace each locked. */
  let escrows: { id: string; lovelace: bigint }[] = [];

  beforeAll(async () => {
    w = await openResolveWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  const resolve = (
    i: number,
    sellerAmounts: EscrowResolvePayload["sellerAmounts"],
    buyerAmounts: EscrowResolvePayload["buyerAmounts"],
  ): EscrowResolvePayload => ({ escrowId: escrows[i]!.id, sellerAmounts, buyerAmounts });
  const usdm = (amount: bigint) => ({ unit: USDM, amount: amount.toString() });
  const ada = (i: number) => ({ unit: "lovelace", amount: escrows[i]!.lovelace.toString() });
  const chainTxCount = async () => (await w.database.db.select().from(chainTxs)).length;

  /** Deadlines an hour apart from now on, the dispute unlocking last. */
  function timesFromNow(): EscrowLockPayload["times"] {
    const now = w.devnet.ledger.nowMs();
    return {
      payByTimeMs: now + HOUR_MS,
      submitResultTimeMs: now + 2 * HOUR_MS,
      unlockTimeMs: now + 3 * HOUR_MS,
      externalDisputeUnlockTimeMs: now + 4 * HOUR_MS,
    };
  }

  /** `count` locks of PRICE_USDM from the buyer to the seller, with distinct references. */
  const lockPayloads = (count: number, label: string, t: EscrowLockPayload["times"]) =>
    Array.from({ length: count }, (_, i) => ({
      sellerAddress: w.seller.address,
      buyerAddress: w.buyer.address,
      reference: escrowReference(createHash("sha256").update(`${label} ${i}`).digest("hex")),
      inputHash: "11".repeat(32),
      times: t,
      amounts: [usdm(PRICE_USDM)],
    }));

  /** Queues resolves from the paying wallet, ticks without a block; returns the rows. */
  async function refused(payloads: EscrowResolvePayload[], world: ResolveWorld = w) {
    const ids = await queueAll(world, ESCROW_RESOLVE_KIND, w.payer.id, payloads);
    const before = await chainTxCount();
    await world.submitter.tick();
    expect(w.devnet.ledger.mempoolSize()).toBe(0);
    expect(await chainTxCount()).toBe(before);
    return intentRows(w, ids);
  }

  it("deploys, locks eight escrows, and disputes seven (the seller's result, the buyer's refund)", async () => {
    const fetcher = createMeshFetcher(w.chain);
    const deploy = { facts: w.facts, walletId: w.seller.id, fetcher, nowMs: 1 };
    await queueEscrowDeploy(w.database.db, { ...deploy, keyDepositLovelace: KEY_DEPOSIT });
    await tickAndBlock(w);
    times = timesFromNow();
    const locks = lockPayloads(8, "resolve", times);
    const lockIds = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, locks);
    await tickAndBlock(w);
    const [lockTx] = await txHashesOf(w, lockIds);
    const located = await w.locate(
      locks.map((_, i) => `${lockTx}#${i}`),
      w.database.db,
    );
    escrows = [...located].map(([id, loc]) => {
      if (loc.kind !== "escrow") throw new Error(`escrow ${id} not located`);
      return { id, lovelace: BigInt(loc.utxo.output.amount[0]!.quantity) };
    });
    const act = (action: string, indices: number[], params?: object) =>
      indices.map((i) => ({ escrowId: escrows[i]!.id, action, ...(params && { params }) }));
    const all = [0, 1, 2, 3, 4, 5, 6, 7];
    const result = { resultHash: "ef".repeat(32) };
    const results = await queueAll(
      w,
      ESCROW_ACTION_KIND,
      w.seller.id,
      act("SubmitResult", all, result),
    );
    await tickAndBlock(w);
    const refunds = await queueAll(
      w,
      ESCROW_ACTION_KIND,
      w.buyer.id,
      act("RequestRefund", all.slice(0, 7)),
    );
    await tickAndBlock(w);
    const rows = await intentRows(w, [...results, ...refunds]);
    expect(rows.map((r) => r.status)).toEqual(Array(15).fill("done"));
    const states = await w.locate(
      escrows.map((e) => e.id),
      w.database.db,
    );
    expect([...states.values()].map((l) => l.kind === "escrow" && l.datum.state)).toEqual([
      ...Array(7).fill("Disputed"),
      "ResultSubmitted",
    ]);
  });

  it("refuses a resolve before externalDisputeUnlockTime, with the reason", async () => {
    const [row] = await refused([resolve(0, [usdm(PRICE_USDM), ada(0)], [])]);
    expect(row).toMatchObject({ status: "failed" });
    const at = new Date(times.externalDisputeUnlockTimeMs).toISOString();
    expect(row!.lastError).toBe(
      `ResolveDispute refused: tooEarly (TE), the escrow's externalDisputeUnlockTime is ${at}`,
    );
  });

  it("refuses when the node holds fewer admin keys than the threshold, and sends nothing", async () => {
    w.devnet.ledger.advanceTime(
      times.externalDisputeUnlockTimeMs - w.devnet.ledger.nowMs() + 60_000,
    );
    w.devnet.ledger.produceBlock({ allowEmpty: true });
    const oneAdmin = await loadEscrowAdmins([DEVNET_ESCROW_ADMINS[0]!], "preprod");
    const [row] = await refused(
      [resolve(0, [usdm(PRICE_USDM), ada(0)], [])],
      withAdmins(w, oneAdmin),
    );
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toBe(
      "this node holds 1 of the escrow's 3 admin keys, and ResolveDispute needs 2 (adminsSigned, AS)",
    );
  });

  it("refuses an escrow that is not Disputed", async () => {
    const [row] = await refused([resolve(7, [usdm(PRICE_USDM), ada(7)], [])]);
    expect(row!.lastError).toBe("ResolveDispute refused in state ResultSubmitted: state (ST)");
  });

  it("refuses a split that does not give out the escrow's whole value", async () => {
    const [short, stranger] = await refused([
      resolve(5, [usdm(3_000_000n)], [usdm(1_000_000n), ada(5)]),
      resolve(5, [usdm(PRICE_USDM), ada(5)], [{ unit: "lovelace", amount: "1" }]),
    ]);
    expect(short!.lastError).toBe(
      `escrow ${escrows[5]!.id}: the split gives out 4000000 ${USDM} (seller 3000000, buyer 1000000), the escrow holds 5000000`,
    );
    expect(stranger!.lastError).toMatch(/gives out \d+ lovelace \(seller \d+, buyer 1\)/);
  });

  it("resolves five disputes with five splits in one transaction, two admins signing", async () => {
    const before = {
      seller: await holdings(w, w.seller.address),
      buyer: await holdings(w, w.buyer.address),
      payer: await holdings(w, w.payer.address),
    };
    const payloads = [
      resolve(0, [usdm(PRICE_USDM), ada(0)], []),
      resolve(1, [], [usdm(PRICE_USDM), ada(1)]),
      resolve(2, [usdm(3_000_000n)], [usdm(2_000_000n), ada(2)]),
      resolve(3, [usdm(PRICE_USDM)], [ada(3)]),
      resolve(4, [ada(4)], [usdm(PRICE_USDM)]),
    ];
    // A second resolve of one escrow in the same batch is refused; the first one stands.
    const queued = await queueAll(w, ESCROW_RESOLVE_KIND, w.payer.id, [...payloads, payloads[4]]);
    const ids = queued.slice(0, 5);
    const twice = queued[5]!;
    await tickAndBlock(w);
    expect((await intentRows(w, ids)).map((r) => r.status)).toEqual(Array(5).fill("done"));
    expect((await intentRows(w, [twice]))[0]).toMatchObject({
      status: "failed",
      lastError: `another intent of this batch resolves escrow ${escrows[4]!.id}`,
    });
    const hashes = await txHashesOf(w, ids);
    expect(hashes).toHaveLength(1);
    const txHash = hashes[0]!;

    // The payer's partial sign kept both admins' witnesses: two required signers, three keys.
    const [row] = await w.database.db.select().from(chainTxs).where(eq(chainTxs.txHash, txHash));
    const tx = core.deserializeTx(row!.cbor);
    const required =
      tx
        .body()
        .requiredSigners()
        ?.values()
        .map((s) => s.toCore()) ?? [];
    expect(required.sort()).toEqual(DEVNET_ESCROW_ADMIN_KEY_HASHES.slice(0, 2).sort());
    expect(tx.witnessSet().vkeys()?.size()).toBe(3);
    expect(row!.status).toBe("confirmed");

    const after = {
      seller: await holdings(w, w.seller.address),
      buyer: await holdings(w, w.buyer.address),
      payer: await holdings(w, w.payer.address),
    };
    expect(after.seller.usdm - before.seller.usdm).toBe(5_000_000n + 3_000_000n + 5_000_000n);
    expect(after.buyer.usdm - before.buyer.usdm).toBe(5_000_000n + 2_000_000n + 5_000_000n);
    // Each payout is exactly its share, raised to its minimum UTxO where the share is below it.
    const coins = Number((await w.chain.protocolParams()).coinsPerUtxoByteLovelace);
    const view = (o: { address: string; amount: Asset[] }) =>
      `${o.address === w.seller.address ? "seller" : "buyer"} ${qty(o.amount, "lovelace")} ${qty(o.amount, USDM)}`;
    // Tags of positions below 24 take one byte, as the tag of position 0 does.
    const payout = (address: string, share: Asset[]) => ({
      address,
      amount: atLeastMinLovelace(address, share, payoutTag(0), coins),
    });
    const expected = payloads.flatMap((p, i) => {
      const locked = [
        { unit: "lovelace", quantity: escrows[i]!.lovelace.toString() },
        { unit: USDM, quantity: PRICE_USDM.toString() },
      ];
      const split = resolveSplit(p, locked) as ResolveSplit;
      return [payout(w.seller.address, split.seller), payout(w.buyer.address, split.buyer)];
    });
    const outs = (await w.chain.txUtxos(txHash))!.outputs;
    const payouts = outs
      .filter((o) => o.inlineDatumCbor !== null)
      .map((o) => view({ address: o.address, amount: toMeshAmount(o.value) }));
    expect(payouts.sort()).toEqual(expected.map(view).sort());
    // Value is conserved: the escrows' lovelace and the payer's top-ups reach the parties, and
    // the payer pays nothing else but the fee.
    const fee = (await w.chain.tx(txHash))!.feesLovelace;
    const locked = escrows.slice(0, 5).reduce((s, e) => s + e.lovelace, 0n);
    const paidOut = expected.reduce((s, o) => s + qty(o.amount, "lovelace"), 0n);
    const topUps = paidOut - locked;
    expect(topUps).toBeGreaterThan(0n);
    expect(
      after.seller.lovelace - before.seller.lovelace + after.buyer.lovelace - before.buyer.lovelace,
    ).toBe(locked + topUps);
    expect(before.payer.lovelace - after.payer.lovelace).toBe(fee + topUps);
    const gone = await w.locate(
      escrows.slice(0, 5).map((e) => e.id),
      w.database.db,
    );
    expect([...gone.values()]).toEqual(
      Array(5).fill({ kind: "invalid", reason: "the escrow has ended (DisputedWithdrawn)" }),
    );
  });

  it("refuses an escrow already resolved", async () => {
    const [row] = await refused([resolve(0, [usdm(PRICE_USDM), ada(0)], [])]);
    expect(row!.lastError).toBe(
      `escrow ${escrows[0]!.id}: the escrow has ended (DisputedWithdrawn)`,
    );
  });

  /** Ticks and produces blocks until every one of `ids` is done (at most `roundsMax` rounds). */
  async function untilDone(ids: string[], roundsMax = 6): Promise<string[]> {
    for (let round = 0; round < roundsMax; round++) {
      await tickAndBlock(w);
      const rows = await intentRows(w, ids);
      expect(rows.filter((r) => r.status === "failed").map((r) => r.lastError)).toEqual([]);
      if (rows.every((r) => r.status === "done")) return txHashesOf(w, ids);
    }
    throw new Error(`not done after ${roundsMax} rounds`);
  }

  it(
    "resolves as many disputes in one transaction as the limits allow",
    { timeout: 300_000 },
    async () => {
      const count = 70;
      const t = timesFromNow();
      const locks = lockPayloads(count, "many", t);
      const lockIds = await queueAll(w, ESCROW_LOCK_KIND, w.buyer.id, locks);
      await untilDone(lockIds);
      // Output i of a lock transaction is the i-th intent it carried, in queue order.
      const rows = await intentRows(w, lockIds);
      const ids = rows.map((r) => {
        const index = rows.filter((x) => x.txHash === r.txHash).indexOf(r);
        return `${r.txHash}#${index}`;
      });
      const act = (action: string, params?: object) =>
        ids.map((escrowId) => ({ escrowId, action, ...(params && { params }) }));
      const sub = { resultHash: "ef".repeat(32) };
      await untilDone(await queueAll(w, ESCROW_ACTION_KIND, w.seller.id, act("SubmitResult", sub)));
      await untilDone(await queueAll(w, ESCROW_ACTION_KIND, w.buyer.id, act("RequestRefund")));
      w.devnet.ledger.advanceTime(t.externalDisputeUnlockTimeMs - w.devnet.ledger.nowMs() + 60_000);
      w.devnet.ledger.produceBlock({ allowEmpty: true });
      const located = await w.locate(ids, w.database.db);
      const resolves = ids.map((escrowId) => {
        const loc = located.get(escrowId)!;
        if (loc.kind !== "escrow" || loc.datum.state !== "Disputed")
          throw new Error("not disputed");
        const lovelace = loc.utxo.output.amount[0]!.quantity;
        return {
          escrowId,
          sellerAmounts: [usdm(PRICE_USDM / 2n)],
          buyerAmounts: [
            usdm(PRICE_USDM - PRICE_USDM / 2n),
            { unit: "lovelace", amount: lovelace },
          ],
        };
      });
      const resolveIds = await queueAll(w, ESCROW_RESOLVE_KIND, w.payer.id, resolves);
      const hashes = await untilDone(resolveIds);
      const sizes = await Promise.all(
        hashes.map(
          async (h) => (await intentRows(w, resolveIds)).filter((r) => r.txHash === h).length,
        ),
      );
      console.log(`ResolveDispute batch sizes: ${sizes.join(", ")}`);
      expect(sizes.reduce((s, n) => s + n, 0)).toBe(count);
      expect(Math.max(...sizes)).toBeGreaterThanOrEqual(45);
    },
  );
});
