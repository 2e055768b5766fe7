import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { freshDatabase, DB_KIND, type TestDatabase } from "../../test/support/db.ts";
import { wallets } from "../db/schema.ts";
import { SecretBoxError } from "./secret-box.ts";
import {
  createWallet,
  ensureWallets,
  listWallets,
  openWallet,
  recentWallets,
  WALLET_LIST_FRESH_MS,
  WalletNotFoundError,
} from "./wallets.ts";

const KEY = "33".repeat(32);
let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`wallets on ${DB_KIND}`, () => {
  it("creates a wallet whose sealed mnemonic opens to the same address", async () => {
    const info = await createWallet(database.db, {
      role: "selling",
      network: "preprod",
      encryptionKeyHex: KEY,
      nowMs: 1_700_000_000_000,
    });
    expect(info.address).toMatch(/^addr_test1/);
    expect(info.paymentKeyHash).toMatch(/^[0-9a-f]{56}$/);
    expect(Object.keys(info)).not.toContain("encryptedMnemonic");

    const { wallet } = await openWallet(database.db, {
      walletId: info.id,
      network: "preprod",
      encryptionKeyHex: KEY,
    });
    expect(await wallet.getChangeAddress()).toBe(info.address);

    const [row] = await database.db
      .select()
      .from(wallets)
      .where(sql`${wallets.id} = ${info.id}`);
    expect(row!.encryptedMnemonic).toMatch(/^v1:/);
    expect(row!.encryptedMnemonic.split(" ").length).toBe(1);
  });

  it("lists wallets by role without secrets", async () => {
    await createWallet(database.db, {
      role: "purchasing",
      network: "preprod",
      encryptionKeyHex: KEY,
      nowMs: 1_700_000_000_001,
    });
    const buying = await listWallets(database.db, "preprod", "purchasing");
    expect(buying.map((w) => w.role)).toEqual(["purchasing"]);
    expect(await listWallets(database.db, "mainnet")).toEqual([]);
    expect(JSON.stringify(await listWallets(database.db, "preprod"))).not.toMatch(/v1:/);
  });

  it("refuses to open with the wrong key, on the wrong network, or an unknown id", async () => {
    const [first] = await listWallets(database.db, "preprod", "selling");
    const open = (walletId: string, network: "preprod" | "mainnet", encryptionKeyHex: string) =>
      openWallet(database.db, { walletId, network, encryptionKeyHex });
    await expect(open(first!.id, "preprod", "44".repeat(32))).rejects.toThrow(SecretBoxError);
    await expect(open(first!.id, "mainnet", KEY)).rejects.toThrow(WalletNotFoundError);
    await expect(open("nope", "preprod", KEY)).rejects.toThrow(WalletNotFoundError);
  });

  it("keeps a wallet it opened, yet refuses it again once its row is tampered with", async () => {
    const [first] = await listWallets(database.db, "preprod", "selling");
    const open = () =>
      openWallet(database.db, { walletId: first!.id, network: "preprod", encryptionKeyHex: KEY });
    const once = await open();
    const twice = await open();
    // Derived once: the same wallet object answers both.
    expect(twice.wallet).toBe(once.wallet);
    // Another wallet's sealed mnemonic moved into this row: its address no longer matches.
    const [other] = await database.db
      .select()
      .from(wallets)
      .where(sql`${wallets.id} <> ${first!.id}`)
      .limit(1);
    const [own] = await database.db
      .select()
      .from(wallets)
      .where(sql`${wallets.id} = ${first!.id}`);
    await database.db
      .update(wallets)
      .set({ encryptedMnemonic: other!.encryptedMnemonic })
      .where(sql`${wallets.id} = ${first!.id}`);
    try {
      await expect(open()).rejects.toThrow();
    } finally {
      await database.db
        .update(wallets)
        .set({ encryptedMnemonic: own!.encryptedMnemonic })
        .where(sql`${wallets.id} = ${first!.id}`);
    }
    expect((await open()).wallet).toBe(once.wallet);
  });

  it("refuses two wallets with one address (the unique index holds)", async () => {
    const [first] = await database.db.select().from(wallets).limit(1);
    await expect(database.db.insert(wallets).values({ ...first!, id: "copy" })).rejects.toThrow();
  });
});

describe(`recent wallet lists on ${DB_KIND}`, () => {
  /** A wallet row written as another process would: behind this process's back. */
  async function insertBehindTheBack(role: "selling" | "purchasing") {
    const made = await createWallet(database.db, {
      role,
      network: "mainnet",
      encryptionKeyHex: KEY,
      nowMs: 1_700_000_000_000,
    });
    const [row] = await database.db
      .select()
      .from(wallets)
      .where(sql`id = ${made.id}`);
    await database.db.delete(wallets).where(sql`id = ${made.id}`);
    return async () => {
      await database.db.insert(wallets).values({ ...row!, network: "preprod" });
      return made.id;
    };
  }

  it("answers a list from memory within its freshness, and reads again when it lacks a wallet", async () => {
    const before = await recentWallets(database.db, "preprod", "purchasing");
    const addLater = await insertBehindTheBack("purchasing");
    // createWallet above cleared the lists, so this one is read now, before the row exists.
    const first = await recentWallets(database.db, "preprod", "purchasing");
    expect(first.map((w) => w.id)).toEqual(before.map((w) => w.id));
    const id = await addLater();
    // Within the freshness the list is the one in memory: the row added behind its back is not in it...
    expect(
      (await recentWallets(database.db, "preprod", "purchasing")).map((w) => w.id),
    ).not.toContain(id);
    // ...unless the caller knows of the wallet, which reads again.
    const known = await recentWallets(database.db, "preprod", "purchasing", (l) =>
      l.some((w) => w.id === id),
    );
    expect(known.map((w) => w.id)).toContain(id);
    expect((await listWallets(database.db, "preprod", "purchasing")).map((w) => w.id)).toEqual(
      known.map((w) => w.id),
    );
  });

  it("reads again once the list is older than its freshness", async () => {
    await recentWallets(database.db, "preprod", "selling");
    const addLater = await insertBehindTheBack("selling");
    await recentWallets(database.db, "preprod", "selling");
    const id = await addLater();
    expect((await recentWallets(database.db, "preprod", "selling")).map((w) => w.id)).not.toContain(
      id,
    );
    await new Promise((resolve) => setTimeout(resolve, WALLET_LIST_FRESH_MS + 50));
    expect((await recentWallets(database.db, "preprod", "selling")).map((w) => w.id)).toContain(id);
  });

  it("forgets the lists when this process creates a wallet, in a transaction too", async () => {
    await recentWallets(database.db, "preprod", "selling");
    const made = await createWallet(database.db, {
      role: "selling",
      network: "preprod",
      encryptionKeyHex: KEY,
      nowMs: 1_700_000_000_000,
    });
    expect((await recentWallets(database.db, "preprod", "selling")).map((w) => w.id)).toContain(
      made.id,
    );
    const inTx = await database.db.transaction((tx) =>
      createWallet(tx as unknown as typeof database.db, {
        role: "selling",
        network: "preprod",
        encryptionKeyHex: KEY,
        nowMs: 1_700_000_000_000,
      }),
    );
    expect((await recentWallets(database.db, "preprod", "selling")).map((w) => w.id)).toContain(
      inTx.id,
    );
  });
});

describe(`ensureWallets on ${DB_KIND}`, () => {
  it("creates only the missing wallets, and nothing on a second call", async () => {
    const fresh = await freshDatabase();
    try {
      const opts = {
        network: "preprod" as const,
        wanted: { selling: 2, purchasing: 1 },
        encryptionKeyHex: KEY,
        nowMs: () => Date.now(),
      };
      const first = await ensureWallets(fresh.db, opts);
      expect(first.created.map((w) => w.role).sort()).toEqual(["purchasing", "selling", "selling"]);
      const second = await ensureWallets(fresh.db, opts);
      expect(second.created).toEqual([]);
      expect(second.wallets.map((w) => w.id).sort()).toEqual(first.wallets.map((w) => w.id).sort());
      const more = await ensureWallets(fresh.db, {
        ...opts,
        wanted: { selling: 2, purchasing: 3 },
      });
      expect(more.created.map((w) => w.role)).toEqual(["purchasing", "purchasing"]);
    } finally {
      await fresh.close();
    }
  });
});
