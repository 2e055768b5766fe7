/** The benchmarks' machine calibration does its work and reports the fastest round. */
import { describe, expect, it } from "vitest";
import { calibrationRoundMs, cpuCalibrationMs } from "../scripts/cpu-calibration.ts";

describe("cpuCalibrationMs", () => {
  it("times a round of real work, and more work takes longer", () => {
    const small = Math.min(...[1, 2, 3].map(() => calibrationRoundMs(20)));
    const large = Math.min(...[1, 2, 3].map(() => calibrationRoundMs(400)));
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
  });

  it("reports the fastest round, to a tenth of a millisecond", () => {
    const ms = cpuCalibrationMs(3);
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms * 10).toBeCloseTo(Math.round(ms * 10), 6);
  });
});
