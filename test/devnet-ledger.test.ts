/**
 * The devnet ledger called in-process: the faucet, blocks (on demand and by the timer), chain
 * time, and rollbacks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeToSlot } from "../src/chain/network.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/genesis.ts";
import {
  defaultEmptyBlockIntervalMs,
  DevnetRequestError,
  startDevnet,
  TxRejectedError,
  type RunningDevnet,
} from "../src/devnet/index.ts";
import { builder, newWallet } from "../src/devnet/test-support.ts";
import { waitFor } from "./support/process.ts";

const HOUR_MS = 3_600_000;

function balance(devnet: RunningDevnet, address: string, unit: string): bigint {
  return devnet.ledger.index
    .unspentAt(address)
    .flatMap((o) => o.amount)
    .filter((a) => a.unit === unit)
    .reduce((sum, a) => sum + a.quantity, 0n);
}

async function confirm(devnet: RunningDevnet, txHash: string) {
  devnet.ledger.produceBlock();
  return devnet.ledger.waitForTx(txHash, 10_000);
}

describe("the devnet ledger", () => {
  let devnet: RunningDevnet;

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: HOUR_MS });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("pays ADA and tUSDM from the faucet, confirmed once a block is made", async () => {
    const { address } = await newWallet();
    const hash = await devnet.ledger.faucet(address, {
      lovelace: 25_000_000n,
      assets: [{ unit: DEVNET_USDM_UNIT, quantity: 7_000_000n }],
    });
    expect(devnet.ledger.mempoolTxHashes()).toEqual([hash]);
    expect(balance(devnet, address, "lovelace")).toBe(0n);
    const before = devnet.ledger.tip().height;
    const confirmed = await confirm(devnet, hash);
    expect(confirmed.blockHeight).toBe(before + 1);
    expect(balance(devnet, address, "lovelace")).toBe(25_000_000n);
    expect(balance(devnet, address, DEVNET_USDM_UNIT)).toBe(7_000_000n);
  });

  it("serialises concurrent faucet payments without fighting over UTxOs", async () => {
    const wallets = await Promise.all([1, 2, 3, 4, 5].map(() => newWallet()));
    const hashes = await Promise.all(
      wallets.map((w) => devnet.ledger.faucet(w.address, { lovelace: 3_000_000n })),
    );
    expect(new Set(hashes).size).toBe(5);
    const block = devnet.ledger.produceBlock();
    expect(block?.txHashes).toEqual(devnet.ledger.index.blockAt(block!.height)!.txHashes);
    expect(new Set(block?.txHashes)).toEqual(new Set(hashes));
  });

  it("refuses faucet requests beyond its bounds or for units it does not hold", async () => {
    const { address } = await newWallet();
    await expect(devnet.ledger.faucet(address, { lovelace: 10n ** 13n })).rejects.toThrow(
      /lovelace/,
    );
    await expect(
      devnet.ledger.faucet(address, { assets: [{ unit: "ab".repeat(28), quantity: 1n }] }),
    ).rejects.toBeInstanceOf(DevnetRequestError);
    await expect(devnet.ledger.faucet("addr1_not_testnet", { lovelace: 1n })).rejects.toThrow(
      /address/,
    );
    await expect(devnet.ledger.faucet(address, {})).rejects.toThrow(/ask for/);
  });

  it("makes an empty block only on demand, and refuses a second spend of the same output", async () => {
    const before = devnet.ledger.tip();
    expect(devnet.ledger.produceBlock({ allowEmpty: false })).toBeNull();
    const empty = devnet.ledger.produceBlock();
    expect(empty).toMatchObject({ height: before.height + 1, prevHash: before.hash, txHashes: [] });
    expect(empty!.slot).toBeGreaterThanOrEqual(before.slot);

    const payer = await newWallet();
    await confirm(devnet, await devnet.ledger.faucet(payer.address, { lovelace: 10_000_000n }));
    const utxos = devnet.ledger.emulatorUtxos(payer.address);
    const pay = async (to: string) =>
      payer.wallet.signTx(
        await builder()
          .txOut(to, [{ unit: "lovelace", quantity: "2000000" }])
          .changeAddress(payer.address)
          .selectUtxosFrom(utxos)
          .complete(),
      );
    devnet.ledger.submit(await pay((await newWallet()).address));
    // The same input again (to someone else): the mempool already spent it.
    const second = await pay((await newWallet()).address);
    expect(() => devnet.ledger.submit(second)).toThrow(TxRejectedError);
  });

  it("moves time forward, refuses to move it back, and validates against the new time", async () => {
    const payer = await newWallet();
    await confirm(devnet, await devnet.ledger.faucet(payer.address, { lovelace: 10_000_000n }));
    const start = devnet.ledger.nowMs();
    const startSlot = timeToSlot(start, "preprod");
    // Valid only from two hours ahead.
    const future = await payer.wallet.signTx(
      await builder()
        .txOut(payer.address, [{ unit: "lovelace", quantity: "2000000" }])
        .invalidBefore(startSlot + 7200)
        .invalidHereafter(startSlot + 10_800)
        .changeAddress(payer.address)
        .selectUtxosFrom(devnet.ledger.emulatorUtxos(payer.address))
        .complete(),
    );
    expect(() => devnet.ledger.submit(future)).toThrow(/outside the validity interval/);

    expect(() => devnet.ledger.advanceTime(-1)).toThrow(DevnetRequestError);
    expect(() => devnet.ledger.advanceTimeTo(start - 1000)).toThrow(/toTimeMs/);
    const now = devnet.ledger.advanceTime(2 * HOUR_MS + 1000);
    expect(now).toBeGreaterThanOrEqual(start + 2 * HOUR_MS + 1000);
    expect(devnet.ledger.timeOffsetMs).toBe(2 * HOUR_MS + 1000);
    const hash = devnet.ledger.submit(future);
    const block = devnet.ledger.produceBlock();
    expect(block?.txHashes).toEqual([hash]);
    expect(block!.slot).toBeGreaterThanOrEqual(startSlot + 7200);
  });

  it("makes a block at the new time when time is moved, unless told not to", async () => {
    const before = devnet.ledger.tip();
    const now = devnet.ledger.advanceTime(HOUR_MS);
    const moved = devnet.ledger.tip();
    expect(moved.height).toBe(before.height + 1);
    expect(moved.slot).toBe(timeToSlot(now, "preprod"));
    expect(moved.timeMs).toBeGreaterThan(now - 1000);
    const later = devnet.ledger.advanceTimeTo(now + HOUR_MS);
    expect(devnet.ledger.tip()).toMatchObject({ height: before.height + 2 });
    expect(devnet.ledger.tip().slot).toBe(timeToSlot(later, "preprod"));
    // Only the clock: the tip stays where it was, and the next block is at the clock's time.
    const clockOnly = devnet.ledger.advanceTime(HOUR_MS, { block: false });
    expect(devnet.ledger.tip().height).toBe(before.height + 2);
    expect(devnet.ledger.currentSlot()).toBeGreaterThanOrEqual(timeToSlot(clockOnly, "preprod"));
  });

  it("drops a mempool transaction once its validity interval has passed", async () => {
    const payer = await newWallet();
    await confirm(devnet, await devnet.ledger.faucet(payer.address, { lovelace: 10_000_000n }));
    const slot = devnet.ledger.currentSlot();
    const soon = await payer.wallet.signTx(
      await builder()
        .txOut(payer.address, [{ unit: "lovelace", quantity: "2000000" }])
        .invalidHereafter(slot + 60)
        .changeAddress(payer.address)
        .selectUtxosFrom(devnet.ledger.emulatorUtxos(payer.address))
        .complete(),
    );
    const hash = devnet.ledger.submit(soon);
    devnet.ledger.advanceTime(HOUR_MS);
    const block = devnet.ledger.produceBlock();
    expect(block?.txHashes).not.toContain(hash);
    expect(devnet.ledger.index.tx(hash)).toBeUndefined();
    expect(devnet.ledger.mempoolSize()).toBe(0);
    // Its input is free again: the faucet's payment can be spent anew.
    expect(devnet.ledger.emulatorUtxos(payer.address)).toHaveLength(1);
  });

  it("rolls back blocks: transactions vanish, spent outputs return, pending dependents drop", async () => {
    const payer = await newWallet();
    const first = await devnet.ledger.faucet(payer.address, { lovelace: 10_000_000n });
    await confirm(devnet, first);
    const heightBefore = devnet.ledger.tip().height;
    const payee = await newWallet();
    const spend = devnet.ledger.submit(
      await payer.wallet.signTx(
        await builder()
          .txOut(payee.address, [{ unit: "lovelace", quantity: "3000000" }])
          .changeAddress(payer.address)
          .selectUtxosFrom(devnet.ledger.emulatorUtxos(payer.address))
          .complete(),
      ),
    );
    await confirm(devnet, spend);
    // A pending transaction that spends the payee's new output.
    const dependent = devnet.ledger.submit(
      await payee.wallet.signTx(
        await builder()
          .txOut(payer.address, [{ unit: "lovelace", quantity: "1000000" }])
          .changeAddress(payee.address)
          .selectUtxosFrom(devnet.ledger.emulatorUtxos(payee.address))
          .complete(),
      ),
    );
    const spentInput = devnet.ledger.index.tx(spend)!.parsed.inputs[0]!;
    expect(devnet.ledger.index.output(spentInput)?.spentBy).toBe(spend);

    expect(() => devnet.ledger.rollback(heightBefore + 2)).toThrow(DevnetRequestError);
    const result = devnet.ledger.rollback(1);
    expect(result.tip.height).toBe(heightBefore);
    expect(result.removedTxHashes).toEqual([spend]);
    expect(result.droppedTxHashes).toEqual([dependent]);
    expect(devnet.ledger.index.tx(spend)).toBeUndefined();
    expect(devnet.ledger.index.output(spentInput)?.spentBy).toBeNull();
    expect(balance(devnet, payee.address, "lovelace")).toBe(0n);
    expect(balance(devnet, payer.address, "lovelace")).toBe(10_000_000n);
    expect(devnet.ledger.mempoolSize()).toBe(0);
  });

  it("can put rolled-back transactions back into the mempool", async () => {
    const { address } = await newWallet();
    const hash = await devnet.ledger.faucet(address, { lovelace: 4_000_000n });
    await confirm(devnet, hash);
    const result = devnet.ledger.rollback(1, { requeue: true });
    expect(result.requeuedTxHashes).toEqual([hash]);
    expect(devnet.ledger.index.tx(hash)).toBeUndefined();
    const again = await confirm(devnet, hash);
    expect(again.blockHeight).toBe(result.tip.height + 1);
    expect(balance(devnet, address, "lovelace")).toBe(4_000_000n);
  });
});

describe("the block producer", () => {
  it("confirms submitted transactions on its own, and makes no empty block when told", async () => {
    const devnet = await startDevnet({ blockIntervalMs: 20, emptyBlockIntervalMs: 0 });
    try {
      const { address } = await newWallet();
      const hash = await devnet.ledger.faucet(address, { lovelace: 2_000_000n });
      const confirmed = await devnet.ledger.waitForTx(hash, 30_000);
      expect(confirmed.blockHeight).toBe(1);
      // Ten intervals with an empty mempool: still no new block.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(devnet.ledger.tip().height).toBe(1);
      await expect(devnet.ledger.waitForTx("00".repeat(32), 50)).rejects.toThrow(/not in a block/);
    } finally {
      await devnet.close();
    }
  });

  it("makes an empty block each emptyBlockIntervalMs while idle, so the tip follows the clock", async () => {
    const devnet = await startDevnet({ blockIntervalMs: 20, emptyBlockIntervalMs: 1000 });
    try {
      const start = devnet.ledger.tip();
      const third = await waitFor(
        "three empty blocks",
        () => (devnet.ledger.tip().height >= start.height + 3 ? devnet.ledger.tip() : undefined),
        10_000,
        50,
      );
      const blocks = [1, 2, 3].map((i) => devnet.ledger.index.blockAt(start.height + i)!);
      expect(blocks.map((b) => b.txHashes)).toEqual([[], [], []]);
      // One a slot at most: a block each interval, not each 20 ms tick.
      for (let i = 1; i < blocks.length; i++) {
        expect(blocks[i]!.slot).toBeGreaterThan(blocks[i - 1]!.slot);
      }
      expect(devnet.ledger.nowMs() - third.timeMs).toBeLessThan(3_000);
    } finally {
      await devnet.close();
    }
  });

  it("counts the idle interval from the latest block, whoever made it", async () => {
    const devnet = await startDevnet({ blockIntervalMs: 20, emptyBlockIntervalMs: 3000 });
    try {
      // Blocks made on demand every 500 ms leave the chain never idle for 3 s.
      for (let i = 0; i < 5; i++) {
        devnet.ledger.produceBlock();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(devnet.ledger.tip().height).toBe(5);
      await waitFor("the idle block", () => devnet.ledger.tip().height === 6 || undefined, 10_000);
    } finally {
      await devnet.close();
    }
  });

  it("defaults to 20 block intervals, at least one slot, and refuses what makes no sense", async () => {
    expect(defaultEmptyBlockIntervalMs(1000)).toBe(20_000);
    expect(defaultEmptyBlockIntervalMs(200)).toBe(4_000);
    expect(defaultEmptyBlockIntervalMs(20)).toBe(1_000);
    expect(defaultEmptyBlockIntervalMs(3_600_000)).toBe(72_000_000);
    expect(defaultEmptyBlockIntervalMs(10_000_000)).toBe(86_400_000);
    await expect(startDevnet({ emptyBlockIntervalMs: 500 })).rejects.toThrow(/emptyBlockInterval/);
    await expect(startDevnet({ emptyBlockIntervalMs: 1.5e3 + 0.5 })).rejects.toThrow(
      /emptyBlockInterval/,
    );
  });
});
