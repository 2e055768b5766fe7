/**
 * The API fuzz in the suite: at least 2,000 requests generated from the routes' own schemas
 * (see fuzz-requests.ts), to every route the app registers, by every kind of caller. No answer
 * may be a 5xx, and the node must be healthy and serve normal requests afterwards. The seed is
 * fixed so a failure replays; set FUZZ_SEED to try another (`npm run -s fuzz` runs more).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KIND } from "./support/db.ts";
import { openFuzzWorld, runFuzz, send, type FuzzReport, type FuzzWorld } from "./fuzz-run.ts";

const REQUESTS = 2_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);

let world: FuzzWorld;
let report: FuzzReport;

beforeAll(async () => {
  world = await openFuzzWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const get = (url: string, caller: "none" | "admin" = "none") =>
  send(world, { route: `GET ${url}`, method: "GET", url, caller, bearer: false });

describe(`the API under fuzz (${DB_KIND}, seed ${SEED})`, () => {
  it(`answers ${REQUESTS} hostile requests without a single 5xx`, async () => {
    report = await runFuzz(world, { requests: REQUESTS, seed: SEED });
    console.log(`fuzz seed ${SEED}: ${JSON.stringify(report.byStatus)}`);
    expect(report.requests).toBe(REQUESTS);
    expect(report.firstFiveXx).toEqual([]);
    expect(report.fiveXx).toBe(0);
    expect(world.logged.filter((l) => l.includes("unexpected error"))).toEqual([]);
  }, 120_000);

  it("reached every route, got past authentication and saw successes", () => {
    for (const r of world.routes)
      expect(report.byRoute[`${r.method} ${r.path}`] ?? 0).toBeGreaterThan(10);
    // Schemas were found for the routes that read input, so bodies were built from them.
    expect(world.routes.filter((r) => r.schemas?.body).length).toBeGreaterThanOrEqual(10);
    for (const status of ["200", "400", "401", "403"])
      expect(report.byStatus[status]).toBeGreaterThan(0);
  });

  it("is healthy afterwards and still serves normal requests", async () => {
    expect((await get("/api/v1/health")).status).toBe(200);
    const entries = await get("/api/v1/registry-entry?limit=10");
    expect(entries.status).toBe(200);
    expect(JSON.parse(entries.text).data.RegistryEntries.length).toBeGreaterThanOrEqual(3);
    const created = await send(world, {
      route: "POST /api/v1/api-key",
      method: "POST",
      url: "/api/v1/api-key",
      caller: "admin",
      bearer: true,
      body: JSON.stringify({ permission: "Read", NetworkLimit: ["Preprod"] }),
    });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.text).data.permission).toBe("Read");
  });
});
