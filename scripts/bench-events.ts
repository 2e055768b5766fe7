/**
 * Delivery never slows the API or the watcher (issue 12): the lifecycle benchmark run without
 * event targets and with a webhook target that never answers (every delivery times out), taking
 * turns so that both see the same machine, and the ratio of their figures (with / without).
 *
 *   npm run -s bench:events -- --payments 100 --rounds 2
 *
 * Prints one JSON object: each run's figures, the medians per side, the ratios, and whether
 * every watched figure with the hanging target is within 10 % of the run without (a ratio at
 * most 1.10; lower is better for all of them).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intArg } from "./cli-args.ts";

/** The figures compared: the API's latency, the event loop's delay, the run's length. */
const WATCHED = [
  "paymentP50Ms",
  "paymentP99Ms",
  "purchaseP50Ms",
  "purchaseP99Ms",
  "submitResultP50Ms",
  "submitResultP99Ms",
  "eventLoopDelayP99Ms",
  "wallMs",
  "blockfrostRequestsPerPayment",
] as const;
type Figures = Record<(typeof WATCHED)[number], number> & Record<string, unknown>;
const TOLERANCE = 1.1;
const RUN_TIMEOUT_MS = 30 * 60_000;

const progress = (line: string) => process.stderr.write(`bench-events: ${line}\n`);

/** One lifecycle benchmark in its own process (a fresh node and devnet each time). */
function runLifecycle(payments: number, hanging: boolean): Promise<Figures> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = ["tsx", path.join(here, "bench-lifecycle.ts"), "--payments", String(payments)];
  args.push("--json", ...(hanging ? ["--hanging-target"] : []));
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`bench-lifecycle exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()!) as Figures);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const payments = intArg("--payments", 100, 2_000);
  const rounds = intArg("--rounds", 2, 20);
  const without: Figures[] = [];
  const withHanging: Figures[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Turns alternate which side goes first, so a machine that warms up favours neither.
    const order = round % 2 === 1 ? [false, true] : [true, false];
    for (const hanging of order) {
      progress(`round ${round}/${rounds}: ${hanging ? "a hanging target" : "no target"}`);
      (hanging ? withHanging : without).push(await runLifecycle(payments, hanging));
    }
  }
  const medians = (runs: Figures[]) =>
    Object.fromEntries(WATCHED.map((k) => [k, median(runs.map((r) => r[k]))]));
  const base = medians(without);
  const hang = medians(withHanging);
  const ratios = Object.fromEntries(
    WATCHED.map((k) => [k, base[k]! > 0 ? Math.round((hang[k]! / base[k]!) * 100) / 100 : null]),
  );
  const allWithinTenPercent = Object.values(ratios).every((r) => r === null || r <= TOLERANCE);
  const pick = (r: Figures) => Object.fromEntries(WATCHED.map((k) => [k, r[k]]));
  const result = {
    payments,
    rounds,
    withoutTargets: without.map(pick),
    withHangingTarget: withHanging.map((r) => ({ ...pick(r), hangingTarget: r.hangingTarget })),
    medianWithout: base,
    medianWithHanging: hang,
    ratios,
    tolerance: TOLERANCE,
    allWithinTenPercent,
  };
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

main().catch((error: unknown) => {
  progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
