import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.ts";

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
