import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { registryIndex } from "../db/schema.ts";
import { ENTRY_FRESH_MS, recentEntry, type IndexRow } from "./registry-query.ts";
import { saveIndexEntry, type IndexEntry } from "./registry-index.ts";

const POLICY = "ab".repeat(28);
const SCOPE = { network: "preprod" as const, policyId: POLICY };
let database: TestDatabase;
let serial = 0;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** A new agent in the index, written behind the shared reads' back (not through saveIndexEntry). */
async function indexed(status: "active" | "burned" = "active"): Promise<string> {
  const id = POLICY + (++serial).toString(16).padStart(4, "0");
  await database.db.insert(registryIndex).values(entryRow(id, status));
  return id;
}

function entryRow(id: string, status: "active" | "burned"): IndexRow {
  return {
    agentIdentifier: id,
    network: "preprod",
    policyId: POLICY,
    assetName: id.slice(56),
    status,
    holderAddress: "addr_test1holder",
    holderPaymentKeyHash: "cd".repeat(28),
    rawMetadata: null,
    metadata: null,
    valid: false,
    invalidReasons: ["test"],
    name: "agent",
    description: null,
    pricingType: null,
    units: [],
    tags: [],
    capabilityName: null,
    mintOrBurnCount: 1,
    firstSeenAtMs: 1,
    checkedAtMs: 1,
    updatedAtMs: 1,
  };
}

const setStatus = (id: string, status: "active" | "burned") =>
  database.db.update(registryIndex).set({ status }).where(eq(registryIndex.agentIdentifier, id));

const anyRow = () => true;
const activeRow = (r: IndexRow | undefined) => r?.status === "active";

describe(`an agent's entry shared by the requests of a moment, on ${DB_KIND}`, () => {
  it("answers from the last read within its freshness, and from a new read once it is older", async () => {
    const id = await indexed();
    expect((await recentEntry(database.db, SCOPE, id, anyRow))?.status).toBe("active");
    await setStatus(id, "burned");
    // The change is not seen while the shared read is fresh and the caller can use it...
    expect((await recentEntry(database.db, SCOPE, id, anyRow))?.status).toBe("active");
    await new Promise((resolve) => setTimeout(resolve, ENTRY_FRESH_MS + 50));
    // ...and is once it is not.
    expect((await recentEntry(database.db, SCOPE, id, anyRow))?.status).toBe("burned");
  });

  it("reads afresh when the caller cannot use the shared answer: a refusal rests on a fresh read", async () => {
    const id = await indexed("burned");
    expect((await recentEntry(database.db, SCOPE, id, activeRow))?.status).toBe("burned");
    await setStatus(id, "active");
    expect((await recentEntry(database.db, SCOPE, id, activeRow))?.status).toBe("active");
    // An agent not yet indexed is looked for again at once when it is asked for.
    const later = POLICY + "ffff";
    expect(await recentEntry(database.db, SCOPE, later, activeRow)).toBeUndefined();
    await database.db.insert(registryIndex).values(entryRow(later, "active"));
    expect((await recentEntry(database.db, SCOPE, later, activeRow))?.status).toBe("active");
  });

  it("is forgotten when this process's indexer changes an entry", async () => {
    const id = await indexed();
    expect((await recentEntry(database.db, SCOPE, id, anyRow))?.status).toBe("active");
    const {
      firstSeenAtMs: _f,
      checkedAtMs: _c,
      updatedAtMs: _u,
      ...entry
    } = entryRow(id, "burned");
    expect(await saveIndexEntry(database.db, entry as IndexEntry, 2)).toBe("updated");
    expect((await recentEntry(database.db, SCOPE, id, anyRow))?.status).toBe("burned");
  });

  it("keeps scopes apart: the same agent on another network is its own read", async () => {
    const id = await indexed();
    expect(await recentEntry(database.db, SCOPE, id, anyRow)).toBeDefined();
    expect(await recentEntry(database.db, { ...SCOPE, network: "mainnet" }, id, anyRow)).toBe(
      undefined,
    );
  });
});
