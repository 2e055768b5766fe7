import { describe, expect, it } from "vitest";
import { KeyedBatches, type Pending } from "./keyed-batches.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A runner that records each batch and holds it until told, answering each item doubled. */
function heldRunner() {
  const batches: { key: string; items: number[] }[] = [];
  const releases: (() => void)[] = [];
  const run = async (key: string, batch: Pending<number, number>[]) => {
    batches.push({ key, items: batch.map((p) => p.item) });
    await new Promise<void>((resolve) => releases.push(resolve));
    for (const p of batch) p.resolve(p.item * 2);
  };
  return { batches, releases, run };
}

const options = { batchMax: 3, waitingMax: 5, full: (key: string) => new Error(`${key} full`) };

describe("KeyedBatches", () => {
  it("puts what arrives while a batch runs into the next one, up to batchMax each", async () => {
    const r = heldRunner();
    const b = new KeyedBatches(r.run, options);
    const first = b.submit("w", 1);
    await tick();
    expect(r.batches).toEqual([{ key: "w", items: [1] }]);
    const later = [2, 3, 4, 5].map((n) => b.submit("w", n));
    r.releases[0]!();
    expect(await first).toBe(2);
    await tick();
    expect(r.batches[1]).toEqual({ key: "w", items: [2, 3, 4] });
    r.releases[1]!();
    await tick();
    expect(r.batches[2]).toEqual({ key: "w", items: [5] });
    r.releases[2]!();
    expect(await Promise.all(later)).toEqual([4, 6, 8, 10]);
    expect(b.busy("w")).toBe(false);
  });

  it("takes what is submitted in one turn as one batch, and runs keys side by side", async () => {
    const r = heldRunner();
    const b = new KeyedBatches(r.run, options);
    const results = [b.submit("a", 1), b.submit("a", 2), b.submit("b", 3)];
    await tick();
    expect(r.batches).toEqual([
      { key: "a", items: [1, 2] },
      { key: "b", items: [3] },
    ]);
    expect(b.busy("a") && b.busy("b")).toBe(true);
    r.releases.forEach((release) => release());
    expect(await Promise.all(results)).toEqual([2, 4, 6]);
  });

  it("fails every unsettled item of a failed batch, and refuses one the runner left", async () => {
    const b = new KeyedBatches<number, number>(async (_key, batch) => {
      batch[0]!.resolve(0);
      if (batch.length > 2) throw new Error("batch failed");
    }, options);
    const failed = [1, 2, 3].map((n) => b.submit("w", n));
    const settled = await Promise.allSettled(failed);
    expect(settled[0]).toEqual({ status: "fulfilled", value: 0 });
    expect(settled.slice(1).map((s) => s.status === "rejected" && String(s.reason))).toEqual([
      "Error: batch failed",
      "Error: batch failed",
    ]);
    const left = [b.submit("w", 1), b.submit("w", 2)];
    await expect(left[0]).resolves.toBe(0);
    await expect(left[1]).rejects.toThrow(/unsettled/);
    expect(b.busy("w")).toBe(false);
  });

  it("refuses a submission beyond waitingMax, and a batchMax below one", async () => {
    const r = heldRunner();
    const b = new KeyedBatches(r.run, options);
    const held = [1, 2, 3, 4, 5].map((n) => b.submit("w", n));
    await expect(b.submit("w", 6)).rejects.toThrow("w full");
    await tick();
    r.releases[0]!();
    await tick();
    r.releases[1]!();
    expect(await Promise.all(held)).toEqual([2, 4, 6, 8, 10]);
    expect(() => new KeyedBatches(r.run, { ...options, batchMax: 0 })).toThrow(/batchMax/);
  });
});
