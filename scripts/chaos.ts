/**
 * `npm run -s chaos -- [--kills N] [--seed S] [--json]`: the crash test (test/lifecycle-chaos.test.ts)
 * with N SIGKILLs (100 by default; CI runs it with 10 as part of `npm test`), spread over every
 * phase of the lifecycles. It runs on PGlite, or on a new database on DATABASE_URL's server.
 * With --json, exactly one line: `{kills, lifecycles, lost, doubleSpent, valueConserved}`; the
 * test's own output goes to stderr. Exits 1 when the test failed.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "100" },
    seed: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const kills = Number(values.kills);
if (!Number.isSafeInteger(kills) || kills < 10 || kills > 1_000)
  throw new Error("--kills: an integer from 10 to 1000");
if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new Error("--seed: an integer");

const dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-chaos-report-"));
const reportFile = path.join(dir, "report.json");
try {
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["node_modules/vitest/vitest.mjs", "run", "test/lifecycle-chaos.test.ts"],
      {
        env: {
          ...process.env,
          CHAOS_KILLS: String(kills),
          CHAOS_REPORT: reportFile,
          ...(values.seed === undefined ? {} : { CHAOS_SEED: values.seed }),
        },
        // The test's output is the progress; with --json stdout keeps only the summary line.
        stdio: ["ignore", values.json ? process.stderr : "inherit", "inherit"],
      },
    );
    child.once("error", reject);
    child.once("exit", resolve);
  });
  const summary = await readFile(reportFile, "utf8").catch(() => undefined);
  if (summary === undefined) {
    console.error("chaos: the test ended before its summary (see its output above)");
  } else if (values.json) {
    const { kills: k, lifecycles, lost, doubleSpent, valueConserved } = JSON.parse(summary);
    console.log(JSON.stringify({ kills: k, lifecycles, lost, doubleSpent, valueConserved }));
  } else {
    console.log(`chaos: ${summary.trim()}`);
  }
  process.exitCode = code === 0 && summary !== undefined ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
