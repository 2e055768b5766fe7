import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import type { Db } from "../db/client.ts";
import { apiKeyCredits } from "../db/schema.ts";
import { createApiKey } from "./api-keys.ts";
import { CreditsShortError, requireCredits, spendCredits } from "./credits.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

const key = async (usageLimited: boolean, lovelace: bigint) =>
  (
    await createApiKey(database.db, {
      canRead: true,
      canPay: true,
      canAdmin: false,
      networks: ["preprod"],
      usageLimited,
      credits: [{ unit: "lovelace", amount: lovelace }],
      nowMs: 0,
    })
  ).info.id;
const left = async (id: string) =>
  (
    await database.db
      .select({ amount: apiKeyCredits.amount })
      .from(apiKeyCredits)
      .where(eq(apiKeyCredits.apiKeyId, id))
  )[0]!.amount;
const lovelace = (amount: bigint) => [{ unit: "lovelace", amount }];

describe(`credits on ${DB_KIND}`, () => {
  it("two transactions at once cannot both spend the last credits", async () => {
    const id = await key(true, 30n);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstSpent!: () => void;
    const spent = new Promise<void>((r) => (firstSpent = r));
    const first = database.db.transaction(async (tx) => {
      await spendCredits(tx as unknown as Db, id, lovelace(20n));
      firstSpent();
      await held;
    });
    await spent;
    // The second waits for the first's row lock (PostgreSQL) or its transaction (PGlite).
    const second = database.db.transaction((tx) =>
      spendCredits(tx as unknown as Db, id, lovelace(20n)),
    );
    // Its refusal is awaited from the start: it may come before the first's commit is seen.
    const refused = expect(second).rejects.toThrow(CreditsShortError);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await first;
    await refused;
    expect(await left(id)).toBe(10n);
  });

  it("a throw after spending rolls the spending back with the work", async () => {
    const id = await key(true, 30n);
    await expect(
      database.db.transaction(async (tx) => {
        await spendCredits(tx as unknown as Db, id, lovelace(20n));
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await left(id)).toBe(30n);
  });

  it("a need above 2^63-1 is short, without asking the database to compute it", async () => {
    const id = await key(true, 30n);
    await expect(spendCredits(database.db, id, lovelace(2n ** 64n))).rejects.toThrow(
      "the API key has 30, this needs 18446744073709551616",
    );
  });

  it("keys that are not usage-limited, and the admin, are not charged", async () => {
    const id = await key(false, 5n);
    await spendCredits(database.db, id, lovelace(20n));
    await requireCredits(database.db, "admin", lovelace(20n));
    expect(await left(id)).toBe(5n);
  });
});
