/**
 * The boot-time warm-up of the request path (src/services/warm-path.ts): it signs made-up terms
 * with a node wallet's key, reads them back, verifies them as a buyer would and sizes their
 * lock, storing nothing; a step that fails (a key that is not the seller's) fails it loudly.
 */
import { count } from "drizzle-orm";
import { tryLockXact } from "../src/db/advisory.ts";
import type { Db } from "../src/db/client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressOf } from "../contracts/address.ts";
import { payments, purchases, intents } from "../src/db/schema.ts";
import { rehearseWalletLock } from "../src/services/purchase-commit.ts";
import { voucherSigner } from "../src/services/voucher-signers.ts";
import { warmRequestPath, type WarmPathInput } from "../src/services/warm-path.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";

const KEY = "66".repeat(32);
let database: TestDatabase;
let statements: string[] = [];
let seller: WalletInfo;
let buyer: WalletInfo;

beforeAll(async () => {
  database = await freshDatabase({ onStatement: (q) => statements.push(q) });
  const make = (role: "selling" | "purchasing") =>
    createWallet(database.db, { role, network: "preprod", encryptionKeyHex: KEY, nowMs: 1 });
  seller = await make("selling");
  buyer = await make("purchasing");
}, 120_000);
afterAll(async () => {
  await database?.close();
});

async function input(over: Partial<WarmPathInput> = {}): Promise<WarmPathInput> {
  const opts = { network: "preprod" as const, encryptionKeyHex: KEY };
  return {
    network: "preprod",
    signer: await voucherSigner(database.db, { ...opts, walletId: seller.id }),
    seller,
    buyer,
    escrowAddress: addressOf({ networkId: 0, payment: { kind: "script", hash: "ab".repeat(28) } }),
    coinsPerUtxoSize: 4_310,
    nowMs: Date.UTC(2026, 11, 7),
    ...over,
  };
}

describe(`warming the request path (${DB_KIND})`, () => {
  it("signs, reads back, verifies and sizes the lock of made-up terms, storing nothing", async () => {
    // The last round's price is 5 ADA + 2 lovelace; the lock holds it and its own minimum
    // deposit (1-3 ADA for a datum of this size at 4,310 a byte).
    const lovelace = await warmRequestPath({ ...(await input()), rounds: 3 });
    expect(lovelace).toBeGreaterThan(5_000_002n + 1_000_000n);
    expect(lovelace).toBeLessThan(5_000_002n + 3_000_000n);
    for (const table of [payments, purchases, intents]) {
      const [rows] = await database.db.select({ n: count() }).from(table);
      expect(rows!.n).toBe(0);
    }
  });

  it("fails when the key does not sign for the seller it names", async () => {
    const opts = { network: "preprod" as const, encryptionKeyHex: KEY };
    const other = await voucherSigner(database.db, { ...opts, walletId: buyer.id });
    await expect(
      warmRequestPath({ ...(await input({ signer: other })), rounds: 1 }),
    ).rejects.toThrow(/own identifier refused: is signed by a key other than the seller's/);
  });

  it("fails on terms that cannot be locked, as the first purchase would", async () => {
    await expect(
      warmRequestPath({ ...(await input({ escrowAddress: "not an address" })), rounds: 1 }),
    ).rejects.toThrow(/warm-up/);
  });
});

describe(`rehearsing a purchasing wallet's lock at boot (${DB_KIND})`, () => {
  it("locks and reads the wallet as a batch does on each connection, writes nothing and lets go", async () => {
    const connections = DB_KIND === "postgres" ? 3 : 1;
    const sizing = { escrowAddress: (await input()).escrowAddress, coins: 4_310 };
    statements = [];
    await rehearseWalletLock(database.db, buyer, sizing, Date.UTC(2026, 11, 7), connections);
    const locks = statements.filter((q) => /pg_advisory_xact_lock/i.test(q));
    expect(locks).toHaveLength(connections);
    // Each lock is followed by the wallet's read, as in a batch of purchases.
    statements.forEach((q, i) => {
      if (/pg_advisory_xact_lock/i.test(q)) expect(statements[i + 1]).toMatch(/union all/i);
    });
    expect(statements.some((q) => /^\s*(insert|update|delete)/i.test(q))).toBe(false);
    for (const table of [payments, purchases, intents]) {
      const [rows] = await database.db.select({ n: count() }).from(table);
      expect(rows!.n).toBe(0);
    }
    // The lock was a transaction's: another takes it at once.
    const taken = await database.db.transaction((tx) =>
      tryLockXact(tx as unknown as Db, `purchase:${buyer.id}`),
    );
    expect(taken).toBe(true);
  });
});
