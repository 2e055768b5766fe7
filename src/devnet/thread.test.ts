/**
 * The devnet on its own thread (the embedded node's chain), below the node's CPU priority: the
 * same Blockfrost API on its own port, chain time read from the shared clock without a call
 * (also after a move made over HTTP), the ledger's calls answered across the thread with its
 * errors, its chain kept across a restart, and a start that cannot listen refused with its
 * reason.
 */
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_FAULTS } from "./http/faults.ts";
import { newWallet } from "./test-support.ts";
import { threadNices } from "../../test/support/thread-nice.ts";
import { DEVNET_THREAD_NICE } from "../thread-priority.ts";
import { startDevnetThread, type ThreadedDevnet } from "./thread.ts";

const HOUR_MS = 3_600_000;

describe("the devnet on its own thread", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "escrowd-devnet-thread-"));
  let devnet: ThreadedDevnet;
  const lines: string[] = [];

  beforeAll(async () => {
    devnet = await startDevnetThread({
      dataDir,
      blockIntervalMs: 3_600_000,
      emptyBlockIntervalMs: 0,
      log: (line) => lines.push(line),
    });
  });

  afterAll(async () => {
    await devnet?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the Blockfrost API and forwards its log lines", async () => {
    const res = await fetch(`${devnet.blockfrostUrl}/blocks/latest`);
    expect(res.status).toBe(200);
    const tip = (await res.json()) as { height: number };
    expect(tip.height).toBe((await devnet.ledger.tip()).height);
    expect(lines.some((l) => l.includes(`serving ${devnet.blockfrostUrl}`))).toBe(true);
  });

  // Skipped where there is no /proc (not Linux): the threads' nice values are read there.
  it.skipIf(threadNices() === null)(
    "runs below the node's priority; the node's main thread keeps its own",
    () => {
      const nices = threadNices()!;
      const own = nices.get(process.pid)!;
      // Relative to the process's own (19 is the lowest priority there is).
      const niced = Math.min(19, own + DEVNET_THREAD_NICE);
      expect(niced).toBeGreaterThan(own);
      expect([...nices.values()]).toContain(niced);
    },
  );

  it("pays from the faucet, makes blocks and confirms across the thread", async () => {
    const wallet = await newWallet();
    const txHash = await devnet.ledger.faucet(wallet.address, { lovelace: 5_000_000n });
    expect(await devnet.ledger.mempoolTxHashes()).toContain(txHash);
    const block = await devnet.ledger.produceBlock();
    expect(block?.txHashes).toContain(txHash);
    // Bigints cross the thread as bigints.
    expect(typeof block?.feesLovelace).toBe("bigint");
    const confirmed = await devnet.ledger.waitForTx(txHash, 1_000);
    expect(confirmed.blockHeight).toBe(block!.height);
    const utxos = await fetch(`${devnet.blockfrostUrl}/addresses/${wallet.address}/utxos`);
    expect(((await utxos.json()) as unknown[]).length).toBe(1);
  });

  it("shares chain time: a move over HTTP shows at once in nowMs(), without a call", async () => {
    const before = devnet.ledger.nowMs();
    const res = await fetch(`${devnet.url}/devnet/time`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: HOUR_MS }),
    });
    expect(res.status).toBe(200);
    const { timeMs } = (await res.json()) as { timeMs: number };
    expect(devnet.ledger.nowMs()).toBeGreaterThanOrEqual(before + HOUR_MS);
    expect(Math.abs(devnet.ledger.nowMs() - timeMs)).toBeLessThan(10_000);
    const moved = await devnet.ledger.advanceTime(HOUR_MS);
    expect(devnet.ledger.nowMs()).toBeGreaterThanOrEqual(moved);
  });

  it("brings the ledger's refusals back as errors, and refuses what it does not offer", async () => {
    await expect(devnet.ledger.advanceTime(-1)).rejects.toThrow(/advanceMs/);
    await expect(devnet.ledger.advanceTimeTo(0)).rejects.toThrow();
    await expect(devnet.ledger.waitForTx("00".repeat(32), 50)).rejects.toThrow();
    const call = devnet.ledger as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(call.emulatorUtxos).toBeUndefined();
  });

  it("sets the API's faults from the node's thread", async () => {
    await devnet.faults.set({ ...NO_FAULTS, rate429: 1 });
    expect((await fetch(`${devnet.blockfrostUrl}/blocks/latest`)).status).toBe(429);
    const faults = (await (await fetch(`${devnet.url}/devnet/faults`)).json()) as object;
    expect(faults).toMatchObject({ rate429: 1 });
    await devnet.faults.set(NO_FAULTS);
    expect((await fetch(`${devnet.blockfrostUrl}/blocks/latest`)).status).toBe(200);
  });

  it("keeps its chain and time across a restart; calls after close are refused", async () => {
    const tip = await devnet.ledger.tip();
    const nowMs = devnet.ledger.nowMs();
    await devnet.close();
    await devnet.close(); // a second close is the first one's
    await expect(devnet.ledger.tip()).rejects.toThrow();
    devnet = await startDevnetThread({ dataDir, blockIntervalMs: 3_600_000 });
    expect((await devnet.ledger.tip()).hash).toBe(tip.hash);
    expect(devnet.ledger.nowMs()).toBeGreaterThanOrEqual(nowMs);
    expect(devnet.ledger.nowMs() - nowMs).toBeLessThan(60_000);
  });
});

describe("a devnet thread that cannot start", () => {
  it("is refused with the reason", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(startDevnetThread({ port })).rejects.toThrow(/EADDRINUSE|in use/);
    } finally {
      busy.close();
    }
  });
});
