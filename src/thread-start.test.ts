import { describe, expect, it } from "vitest";
import { runningThreads, startRpcThread, THREAD_YOUNG_GENERATION_MB } from "./thread-start.ts";

describe("startRpcThread", () => {
  it("starts the thread with a bounded young generation", async () => {
    const entry = new URL("../test/support/thread-limits-entry.mjs", import.meta.url);
    const thread = await startRpcThread<{ maxYoungGenerationSizeMb: number }>(
      entry,
      {},
      {
        side: "the limits probe",
      },
    );
    try {
      expect(thread.ready.maxYoungGenerationSizeMb).toBe(THREAD_YOUNG_GENERATION_MB);
      expect(THREAD_YOUNG_GENERATION_MB).toBeLessThan(48);
    } finally {
      await thread.close();
    }
  });

  it("lists a running thread with its event loop's utilisation, until it ends", async () => {
    const entry = new URL("../test/support/thread-limits-entry.mjs", import.meta.url);
    const side = "the spinning probe";
    const thread = await startRpcThread(entry, {}, { side });
    const listed = () => runningThreads().filter((t) => t.side === side);
    try {
      expect(listed()).toHaveLength(1);
      const loop = listed()[0]!;
      // Busy for 300 ms, then idle for at least 300 ms (more on a loaded machine).
      const before = loop.utilization();
      await thread.call("spin", 300);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const since = loop.utilization(before);
      expect(since.active).toBeGreaterThanOrEqual(290);
      expect(since.idle).toBeGreaterThanOrEqual(250);
      expect(since.utilization).toBeLessThan(1);
    } finally {
      await thread.close();
    }
    expect(listed()).toHaveLength(0);
  });
});
