/** The profiler's busiest window (scripts/profile-lifecycle.ts), on a profile made up here. */
import { describe, expect, it } from "vitest";
import { busiestWindow, type CpuProfile } from "../scripts/profile-lifecycle.ts";

const frame = (functionName: string) => ({ functionName, url: "", lineNumber: 0 });
const IDLE = 2;
const WORK = 3;

/** One sample per entry of `pattern` ("i" idle, "w" work), 1 ms apart. */
function profileOf(pattern: string): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [IDLE, WORK] },
      { id: IDLE, callFrame: frame("(idle)") },
      { id: WORK, callFrame: frame("work") },
    ],
    samples: [...pattern].map((c) => (c === "w" ? WORK : IDLE)),
    timeDeltas: [...pattern].map(() => 1000),
  };
}

describe("busiestWindow", () => {
  it("keeps the window with the least idle time, and says where it starts", () => {
    const pattern = "iiwiiiiiiiiwwwwiiiiiiwi";
    const { profile, startMs } = busiestWindow(profileOf(pattern), 4);
    expect(profile.samples).toEqual([WORK, WORK, WORK, WORK]);
    expect(profile.timeDeltas).toHaveLength(4);
    expect(startMs).toBe(pattern.indexOf("wwww") + 1);
  });

  it("keeps the whole profile when the window is longer than it", () => {
    const { profile, startMs } = busiestWindow(profileOf("iwiw"), 60_000);
    expect(profile.samples).toHaveLength(4);
    expect(startMs).toBe(1);
  });

  it("weighs samples by their time, not their number", () => {
    const p = profileOf("wwwiW");
    // The last sample is one work sample of 5 ms; the first three are 1 ms each.
    p.samples[4] = WORK;
    p.timeDeltas[4] = 5000;
    const { profile } = busiestWindow(p, 5);
    expect(profile.timeDeltas.at(-1)).toBe(5000);
  });
});
