import { describe, expect, it } from "vitest";
import { startRpcThread, THREAD_YOUNG_GENERATION_MB } from "./thread-start.ts";

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
});
