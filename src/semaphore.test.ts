import { describe, expect, it } from "vitest";
import { KeyedSemaphore, Semaphore } from "./semaphore.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A task that records when it runs and ends when told. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("Semaphore", () => {
  it("lets `permits` holders run at once and the rest in the order they asked", async () => {
    const s = new Semaphore(2);
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      s.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(s.idle).toBe(true);
  });

  it("frees a permit when its holder fails", async () => {
    const s = new Semaphore(1);
    await expect(s.run(() => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(s.idle).toBe(true);
    expect(await s.run(() => Promise.resolve(7))).toBe(7);
  });

  it("refuses fewer than one permit", () => {
    expect(() => new Semaphore(0)).toThrow(/permits/);
    expect(() => new Semaphore(1.5)).toThrow(/permits/);
  });
});

describe("KeyedSemaphore", () => {
  it("serialises holders of one key, not of different keys, and forgets idle keys", async () => {
    const s = new KeyedSemaphore(1);
    const a = gate();
    const started: string[] = [];
    const first = s.run("w1", async () => {
      started.push("w1 first");
      await a.opened;
    });
    const second = s.run("w1", async () => {
      started.push("w1 second");
    });
    const other = s.run("w2", async () => {
      started.push("w2");
    });
    await other;
    expect(started).toEqual(["w1 first", "w2"]);
    expect(s.busy("w1")).toBe(true);
    expect(s.busy("w2")).toBe(false);
    a.open();
    await Promise.all([first, second]);
    expect(started).toEqual(["w1 first", "w2", "w1 second"]);
    expect(s.busy("w1")).toBe(false);
  });
});
