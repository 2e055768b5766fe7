import { deserializeAddress, mnemonicToEntropy, MeshWallet } from "@meshsdk/core";
import { entropyToMnemonic, wordlists } from "bip39";
import { describe, expect, it } from "vitest";
import type { Network } from "../chain/network.ts";
import { newMnemonic, paymentKeyOf, walletKeysOf } from "./wallet-derivation.ts";

const NETWORKS: readonly Network[] = ["preprod", "mainnet"];
/** Mnemonics per test: each costs two PBKDF2 derivations (ours and Mesh's) per network. */
const MNEMONICS = 25;

/** What MeshWallet makes of the words: the address the node stored before, and its key hash. */
async function meshKeysOf(words: string[], network: Network) {
  const wallet = new MeshWallet({
    networkId: network === "mainnet" ? 1 : 0,
    key: { type: "mnemonic", words },
  });
  await wallet.init();
  const address = await wallet.getChangeAddress();
  return { address, paymentKeyHash: deserializeAddress(address).pubKeyHash };
}

describe("wallet keys without Mesh", () => {
  it("derive MeshWallet's change address and payment key hash, on both networks", async () => {
    for (let i = 0; i < MNEMONICS; i++) {
      const words = MeshWallet.brew() as string[];
      for (const network of NETWORKS) {
        // The words name the failing case; they are throwaway test keys.
        expect(await walletKeysOf(words, network), words.join(" ")).toEqual(
          await meshKeysOf(words, network),
        );
      }
    }
  }, 60_000);

  it("derive the payment key whose hash the address carries", async () => {
    const words = MeshWallet.brew() as string[];
    const key = await paymentKeyOf(words);
    const { paymentKeyHash } = await walletKeysOf(words, "preprod");
    expect(key.toPublic().hash().hex()).toBe(paymentKeyHash);
    expect(key.bytes()).toHaveLength(64); // the extended key kL ‖ kR the voucher signer needs
  });

  it("make 24 distinct valid words of 256-bit entropy that round-trip, and MeshWallet opens", async () => {
    const english = new Set(wordlists.english);
    const seen = new Set<string>();
    for (let i = 0; i < MNEMONICS; i++) {
      const words = newMnemonic();
      expect(words).toHaveLength(24);
      expect(words.every((w) => english.has(w))).toBe(true);
      const entropy = mnemonicToEntropy(words.join(" ")); // Mesh's: throws on a bad checksum
      expect(entropy).toMatch(/^[0-9a-f]{64}$/);
      expect(entropyToMnemonic(entropy)).toBe(words.join(" "));
      seen.add(entropy);
    }
    expect(seen.size).toBe(MNEMONICS);
    const words = newMnemonic();
    expect(await walletKeysOf(words, "preprod")).toEqual(await meshKeysOf(words, "preprod"));
  });

  it("refuse an unknown word or a bad checksum, as Mesh does", async () => {
    const words = newMnemonic();
    const unknown = [...words.slice(0, 23), "notaword"];
    // "abandon" × 24 is well formed but for its checksum word.
    const badChecksum = Array<string>(24).fill("abandon");
    for (const bad of [unknown, badChecksum, words.slice(0, 2)]) {
      await expect(walletKeysOf(bad, "preprod")).rejects.toThrow(/mnemonic/i);
      expect(() => mnemonicToEntropy(bad.join(" "))).toThrow();
    }
  });
});
