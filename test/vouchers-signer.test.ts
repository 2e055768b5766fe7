/**
 * The buyer's voucher signer from a node wallet: its key is the wallet's payment key (the one
 * the escrow datum names as buyer), a row whose stored key hash does not match is refused, and
 * the signer is derived once per wallet (ahead, for the node's own at boot) and then reused.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wallets } from "../src/db/schema.ts";
import { openSigners, voucherSigner } from "../src/services/voucher-signers.ts";
import { createWallet, openVoucherSigner, type WalletInfo } from "../src/services/wallets.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";

const KEY = "33".repeat(32);
let database: TestDatabase;
let wallet: WalletInfo;
const opts = () => ({ walletId: wallet.id, network: "preprod" as const, encryptionKeyHex: KEY });

beforeAll(async () => {
  database = await freshDatabase();
  wallet = await createWallet(database.db, {
    role: "purchasing",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: 1,
  });
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe(`voucher signers of node wallets (${DB_KIND})`, () => {
  it("signs with the wallet's payment key", async () => {
    const signer = await openVoucherSigner(database.db, opts());
    expect(signer.keyHashHex).toBe(wallet.paymentKeyHash);
    expect(signer).not.toHaveProperty("words");
  });

  it("derives once per wallet, then reuses the signer", async () => {
    const first = voucherSigner(database.db, opts());
    expect(voucherSigner(database.db, opts())).toBe(first);
    expect((await first).keyHashHex).toBe(wallet.paymentKeyHash);
  });

  it("opens signers ahead (the node's wallets at boot) and names the wallets it could not open", async () => {
    const ahead = await createWallet(database.db, {
      role: "selling",
      network: "preprod",
      encryptionKeyHex: KEY,
      nowMs: 2,
    });
    const { failed } = await openSigners(database.db, {
      walletIds: [ahead.id, "nope"],
      network: "preprod",
      encryptionKeyHex: KEY,
    });
    expect(failed).toEqual(["nope"]);
    // Derived then and kept: a row changed since is not read again.
    await database.db
      .update(wallets)
      .set({ paymentKeyHash: "00".repeat(28) })
      .where(eq(wallets.id, ahead.id));
    const signer = await voucherSigner(database.db, { ...opts(), walletId: ahead.id });
    expect(signer.keyHashHex).toBe(ahead.paymentKeyHash);
  });

  it("refuses a wrong encryption key, an unknown wallet and a row whose key hash was changed", async () => {
    await expect(
      openVoucherSigner(database.db, { ...opts(), encryptionKeyHex: "44".repeat(32) }),
    ).rejects.toThrow();
    await expect(openVoucherSigner(database.db, { ...opts(), walletId: "nope" })).rejects.toThrow(
      /no wallet/,
    );
    await database.db
      .update(wallets)
      .set({ paymentKeyHash: "00".repeat(28) })
      .where(eq(wallets.id, wallet.id));
    await expect(openVoucherSigner(database.db, opts())).rejects.toThrow(/does not match/);
  });
});
