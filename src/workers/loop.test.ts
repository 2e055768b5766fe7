import { describe, expect, it } from "vitest";
import { startLoop } from "./loop.ts";

const quiet = () => {};

describe("startLoop", () => {
  it("never runs two ticks at once, even when poked during a tick", async () => {
    let running = 0;
    let overlap = false;
    const loop = startLoop({
      name: "t",
      intervalMs: 10_000,
      log: quiet,
      tick: async () => {
        running++;
        if (running > 1) overlap = true;
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { more: false };
      },
    });
    await Promise.all([loop.poke(), loop.poke(), loop.poke()]);
    await loop.stop();
    expect(overlap).toBe(false);
    expect(loop.ticks).toBeGreaterThanOrEqual(2);
  });

  it("runs the next tick at once while a tick reports more work", async () => {
    let remaining = 5;
    const loop = startLoop({
      name: "t",
      intervalMs: 60_000,
      log: quiet,
      tick: async () => {
        remaining--;
        return { more: remaining > 0 };
      },
    });
    for (let i = 0; i < 100 && remaining > 0; i++) await new Promise((r) => setTimeout(r, 5));
    await loop.stop();
    expect(remaining).toBe(0);
    expect(loop.ticks).toBe(5);
  });

  it("logs a failing tick and keeps going", async () => {
    const lines: string[] = [];
    let calls = 0;
    const loop = startLoop({
      name: "flaky",
      intervalMs: 1,
      failureBackoffMaxMs: 2,
      log: (l) => lines.push(l),
      tick: async () => {
        calls++;
        if (calls <= 2) throw new Error(`boom ${calls}`);
        return { more: false };
      },
    });
    for (let i = 0; i < 200 && calls < 3; i++) await new Promise((r) => setTimeout(r, 5));
    await loop.stop();
    expect(loop.failures).toBe(2);
    expect(lines[0]).toBe("flaky: tick failed (1 in a row): boom 1");
    expect(lines[1]).toBe("flaky: tick failed (2 in a row): boom 2");
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it("stop waits for the tick in progress and then runs no more", async () => {
    let finished = false;
    const loop = startLoop({
      name: "t",
      intervalMs: 1,
      log: quiet,
      tick: async () => {
        await new Promise((r) => setTimeout(r, 30));
        finished = true;
        return { more: true };
      },
    });
    await new Promise((r) => setTimeout(r, 5));
    await loop.stop();
    expect(finished).toBe(true);
    const ticks = loop.ticks;
    await new Promise((r) => setTimeout(r, 40));
    expect(loop.ticks).toBe(ticks);
    await loop.poke();
  });
});
