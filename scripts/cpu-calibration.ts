/**
 * How fast this machine runs the node's kind of work, in one figure a benchmark prints beside
 * its own (`cpuCalibrationMs`): the shared machines these benchmarks run on differ from day to
 * day (the same commit's figures doubled from one session to the next), and a latency is only
 * comparable with another measured at the same calibration. The work is the request path's in
 * small: JSON written and read, an ed25519 signature made and checked (node:crypto, as
 * src/domain/cip8.ts does), a blake2b hash, bigint sums. Timed before the node starts, on one
 * thread; the fastest of several rounds, so that a round the scheduler interrupted or the JIT
 * had not yet compiled does not count.
 */
import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { performance } from "node:perf_hooks";

const ROUNDS = 7;
const ITEMS_PER_ROUND = 200;

/** The time of one round, in ms (throws if the work's own checks fail: it must do the work). */
export function calibrationRoundMs(items = ITEMS_PER_ROUND): number {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const started = performance.now();
  let total = 0n;
  for (let i = 0; i < items; i++) {
    const text = JSON.stringify({
      agentIdentifier: "ab".repeat(40),
      amounts: [{ unit: "lovelace", amount: String(1_000_000 + i) }],
      inputHash: "cd".repeat(32),
      i,
    });
    const read = JSON.parse(text) as { amounts: { amount: string }[] };
    total += BigInt(read.amounts[0]!.amount);
    const message = Buffer.from(text);
    const signature = sign(null, message, privateKey);
    if (!verify(null, message, publicKey, signature)) throw new Error("calibration: bad signature");
    createHash("blake2b512").update(message).digest();
  }
  if (total !== BigInt(items) * 1_000_000n + BigInt((items * (items - 1)) / 2)) {
    throw new Error("calibration: wrong sum");
  }
  return performance.now() - started;
}

/** The fastest of `rounds` rounds, in ms to a tenth. */
export function cpuCalibrationMs(rounds = ROUNDS): number {
  let fastest = Infinity;
  for (let r = 0; r < rounds; r++) fastest = Math.min(fastest, calibrationRoundMs());
  return Math.round(fastest * 10) / 10;
}
