import { createPublicKey, verify } from "node:crypto";
import { core } from "@meshsdk/core";
import { describe, expect, it } from "vitest";
import { blake2bHex } from "../../../contracts/blake2b.ts";
import {
  DEVNET_ESCROW_ADMIN_KEY_HASHES,
  DEVNET_ESCROW_ADMINS,
  loadEscrowAdmins,
} from "./admins.ts";

/** The smallest transaction Mesh reads: one input, no outputs, no fee, no witnesses. */
const UNSIGNED_TX = `84a30081825820${"ab".repeat(32)}00018002${"00"}a0f5f6`;
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The transaction's vkey witnesses, each checked to sign its id; returns their key hashes. */
function witnessKeyHashes(txCbor: string): string[] {
  const tx = core.Serialization.Transaction.fromCbor(core.TxCBOR(txCbor));
  const id = Buffer.from(tx.getId(), "hex");
  return (tx.witnessSet().vkeys()?.values() ?? []).map((witness) => {
    const [vkey, signature] = witness.toCore();
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(vkey, "hex")]),
      format: "der",
      type: "spki",
    });
    expect(verify(null, id, key, Buffer.from(signature, "hex"))).toBe(true);
    return blake2bHex(vkey, 28);
  });
}

describe("escrow admins whose wallets open on first signature", () => {
  it("sign with the keys their key hashes name, adding to the witnesses already there", async () => {
    const [a, b, c] = DEVNET_ESCROW_ADMIN_KEY_HASHES as [string, string, string];
    const admins = await loadEscrowAdmins(DEVNET_ESCROW_ADMINS, "preprod");
    const first = await admins.sign(UNSIGNED_TX, [c]);
    expect(witnessKeyHashes(first)).toEqual([c]);
    const both = await admins.sign(first, [a]);
    expect(witnessKeyHashes(both).sort()).toEqual([a, c].sort());
    expect(witnessKeyHashes(await admins.sign(UNSIGNED_TX)).sort()).toEqual([a, b, c].sort());
  }, 30_000);

  it("refuse a key not held before opening any wallet", async () => {
    const admins = await loadEscrowAdmins([DEVNET_ESCROW_ADMINS[0]!], "mainnet");
    expect(admins.keyHashes).toEqual([DEVNET_ESCROW_ADMIN_KEY_HASHES[0]]);
    await expect(admins.sign("not even cbor", ["ee".repeat(28)])).rejects.toThrow(/not held/);
  });
});
