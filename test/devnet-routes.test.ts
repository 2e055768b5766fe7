/**
 * The devnet's own HTTP routes (faucet, time, blocks, rollback, faults, info) and the fault
 * injection they control on the Blockfrost API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVNET_USDM_UNIT } from "../src/devnet/genesis.ts";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { newWallet } from "../src/devnet/test-support.ts";
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";
import { observingClock } from "../src/chain/clock.ts";
import { waitFor } from "./support/process.ts";

describe("the devnet's own routes", () => {
  let devnet: RunningDevnet;

  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${devnet.url}/devnet/${route}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const api = async (path: string) => (await fetch(devnet.blockfrostUrl + path)).status;

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 3_600_000 });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("pays from the faucet, confirmed at once when asked", async () => {
    const { address } = await newWallet();
    const paid = await post("faucet", {
      address,
      lovelace: "5000000",
      assets: [{ unit: DEVNET_USDM_UNIT, quantity: "10000000" }],
      confirm: true,
    });
    expect(paid.status).toBe(200);
    expect(paid.body.blockHeight).toBe(devnet.ledger.tip().height);
    const res = await fetch(`${devnet.blockfrostUrl}/addresses/${address}/utxos`);
    const utxos = (await res.json()) as { amount: unknown }[];
    expect(utxos[0]?.amount).toEqual([
      { unit: "lovelace", quantity: "5000000" },
      { unit: DEVNET_USDM_UNIT, quantity: "10000000" },
    ]);
  });

  it("answers 400 naming the field for bad requests", async () => {
    const { address } = await newWallet();
    expect(await post("faucet", { address, lovelace: "-1" })).toMatchObject({
      status: 400,
      body: { status_code: 400, message: expect.stringMatching(/^lovelace/) },
    });
    expect(await post("faucet", { address: "nope", lovelace: "1000000" })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^address/) },
    });
    expect(await post("faucet", { address, lovelace: 1, extra: true })).toMatchObject({
      status: 400,
    });
    expect(await post("time", { advanceMs: -5 })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^advanceMs/) },
    });
    expect(await post("time", { toTimeMs: 1_000 })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^toTimeMs/) },
    });
    expect(await post("time", { advanceMs: 1, block: "yes" })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^block/) },
    });
    expect(await post("rollback", { blocks: 1_000_000 })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^blocks/) },
    });
    expect(await post("faults", { rate429: 2 })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^rate429/) },
    });
  });

  it("moves time forward and makes blocks on demand", async () => {
    const before = (await (await fetch(`${devnet.url}/devnet/info`)).json()) as {
      timeMs: number;
      tip: { height: number };
    };
    const moved = await post("time", { advanceMs: 86_400_000 });
    expect(moved.status).toBe(200);
    expect(moved.body.timeMs as number).toBeGreaterThanOrEqual(before.timeMs + 86_400_000);
    // The move made a block at the new time, and says so: Blockfrost's tip shows the new time.
    expect(moved.body.block).toMatchObject({
      height: before.tip.height + 1,
      slot: moved.body.slot,
      txHashes: [],
    });
    const latestTimeMs = async () =>
      ((await (await fetch(`${devnet.blockfrostUrl}/blocks/latest`)).json()) as { time: number })
        .time * 1000;
    expect(await latestTimeMs()).toBeGreaterThanOrEqual(before.timeMs + 86_400_000 - 1000);
    const block = await post("blocks", {});
    expect(block.body).toMatchObject({ height: before.tip.height + 2, txHashes: [] });
    // Moving only the clock leaves the tip behind it until the next block.
    const clockOnly = await post("time", { advanceMs: 3_600_000, block: false });
    expect(clockOnly.body.block).toBeNull();
    expect(await latestTimeMs()).toBeLessThan((clockOnly.body.timeMs as number) - 3_500_000);
    const rolled = await post("rollback", { blocks: 1 });
    expect(rolled.body).toMatchObject({ tip: { height: before.tip.height + 1 } });
  });

  it("answers every Blockfrost request 429 when told to, but never its own routes", async () => {
    try {
      expect((await post("faults", { rate429: 1 })).status).toBe(200);
      for (const path of ["/blocks/latest", "/epochs/latest/parameters", "/health"]) {
        expect(await api(path)).toBe(429);
      }
      const body = await (await fetch(devnet.blockfrostUrl + "/blocks/latest")).json();
      expect(body).toEqual({
        status_code: 429,
        error: "Project Over Limit",
        message: "Usage is over limit.",
      });
      expect((await fetch(`${devnet.url}/devnet/info`)).status).toBe(200);
    } finally {
      await post("faults", {});
    }
    expect(await api("/blocks/latest")).toBe(200);
  });

  it("adds latency, and a seed makes the faults reproducible", async () => {
    try {
      await post("faults", { latencyMs: 250 });
      const started = Date.now();
      expect(await api("/health")).toBe(200);
      // A lower bound only (timers may round by a millisecond): the latency was added.
      expect(Date.now() - started).toBeGreaterThanOrEqual(245);

      const run = async () => {
        await post("faults", { rate500: 0.5, seed: 42 });
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) statuses.push(await api("/health"));
        return statuses;
      };
      const first = await run();
      expect(new Set(first)).toEqual(new Set([200, 500]));
      expect(await run()).toEqual(first);
    } finally {
      await post("faults", {});
    }
  });
});

describe("the devnet's idle blocks over Blockfrost's API", () => {
  it("lets a node reading the tip over Blockfrost keep the devnet's time, moved or idle", async () => {
    const devnet = await startDevnet({ blockIntervalMs: 50, emptyBlockIntervalMs: 1000 });
    try {
      const { chain, clock } = observingClock(
        createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: "preprod" }),
      );
      const lag = () => devnet.ledger.nowMs() - clock.nowMs();
      await chain.tip();
      expect(Math.abs(lag())).toBeLessThan(3_000);
      // A move makes its block: the next tip read carries the client's clock along.
      await fetch(`${devnet.url}/devnet/time`, {
        method: "POST",
        body: JSON.stringify({ advanceMs: 3_600_000 }),
      });
      await chain.tip();
      expect(Math.abs(lag())).toBeLessThan(2_000);
      // A move of the clock alone: the client sees it with the next idle block (which may come
      // at once, the chain having been idle for the time moved).
      const moved = await fetch(`${devnet.url}/devnet/time`, {
        method: "POST",
        body: JSON.stringify({ advanceMs: 3_600_000, block: false }),
      });
      expect(((await moved.json()) as { block: unknown }).block).toBeNull();
      await waitFor(
        "an idle block to show the moved time",
        async () => {
          await chain.tip();
          return lag() < 2_000 || undefined;
        },
        10_000,
        100,
      );
    } finally {
      await devnet.close();
    }
  });

  it("moves blocks/latest on while nothing is sent, as a real chain's tip does", async () => {
    const devnet = await startDevnet({ blockIntervalMs: 50, emptyBlockIntervalMs: 1000 });
    try {
      const latest = async () =>
        (await (await fetch(`${devnet.blockfrostUrl}/blocks/latest`)).json()) as {
          height: number;
          time: number;
          tx_count: number;
        };
      const first = await latest();
      const later = await waitFor(
        "two idle blocks",
        async () => {
          const b = await latest();
          return b.height >= first.height + 2 ? b : undefined;
        },
        10_000,
        100,
      );
      expect(later.tx_count).toBe(0);
      expect(later.time).toBeGreaterThan(first.time);
      const info = (await (await fetch(`${devnet.url}/devnet/info`)).json()) as { timeMs: number };
      expect(info.timeMs - later.time * 1000).toBeLessThan(3_000);
    } finally {
      await devnet.close();
    }
  });
});
