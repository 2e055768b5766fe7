/**
 * `npm run -s fuzz -- [--requests N] [--seed S] [--json]`: fuzzes every route of the API (see
 * test/fuzz-run.ts) on a fresh database (PGlite, or a new database on DATABASE_URL's server)
 * and prints what it got back. With --json, exactly one line: `{requests, byStatus, fiveXx}`
 * (the seed, default 1, then goes to stderr).
 * Exits 1 when any answer is a 5xx, or when the node is not healthy afterwards.
 */
import { parseArgs } from "node:util";
import { openFuzzWorld, runFuzz, send } from "../test/fuzz-run.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
if (!Number.isSafeInteger(requests) || requests < 1)
  throw new Error("--requests: a positive integer");
if (!Number.isSafeInteger(seed)) throw new Error("--seed: an integer");

const world = await openFuzzWorld();
try {
  const report = await runFuzz(world, { requests, seed });
  const health = await send(world, {
    route: "GET /api/v1/health",
    method: "GET",
    url: "/api/v1/health",
    caller: "none",
    bearer: false,
  });
  const healthy = health.status === 200;
  if (values.json) {
    console.error(`fuzz seed ${seed}`);
    const { requests: n, byStatus, fiveXx } = report;
    console.log(JSON.stringify({ requests: n, byStatus, fiveXx }));
  } else {
    console.log(`seed ${seed}: ${report.requests} requests, ${report.fiveXx} answered 5xx`);
    console.log(`by status: ${JSON.stringify(report.byStatus)}`);
    console.log(`health afterwards: ${health.status}`);
  }
  // The first few 5xx go to stderr so that --json keeps its one line.
  for (const f of report.firstFiveXx) console.error(`5xx (seed ${seed}): ${JSON.stringify(f)}`);
  process.exitCode = report.fiveXx === 0 && healthy ? 0 : 1;
} finally {
  await world.close();
}
