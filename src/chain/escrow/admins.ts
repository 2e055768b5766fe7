/**
 * The escrow admins a node holds: the keys that resolve disputes (ResolveDispute needs at least
 * `disputeThreshold` of the escrow's admin key hashes as required signers, each with its
 * witness). The node adds their witnesses to a transaction it builds; the paying wallet signs
 * last, in the submitter, with a partial sign that keeps them.
 */
import { deserializeAddress, MeshWallet } from "@meshsdk/core";
import type { EscrowParameters } from "../../../contracts/index.ts";
import { networkId, type Network } from "../network.ts";

export interface EscrowAdmins {
  /** Payment key hashes of the admin keys held (hex, distinct), in the order given. */
  keyHashes: string[];
  /**
   * `txCbor` with a vkey witness added by each held admin key, or only by those of `keyHashes`
   * when given (each must be held). Witnesses already in the transaction are kept.
   */
  sign(txCbor: string, keyHashes?: readonly string[]): Promise<string>;
}

/** The most admin keys one node holds (the validator counts signatories linearly). */
export const ESCROW_ADMINS_MAX = 16;

/** Opens one wallet per mnemonic; throws on a malformed mnemonic or a key given twice. */
export async function loadEscrowAdmins(
  mnemonics: readonly (readonly string[])[],
  network: Network,
): Promise<EscrowAdmins> {
  if (mnemonics.length > ESCROW_ADMINS_MAX)
    throw new Error(`at most ${ESCROW_ADMINS_MAX} escrow admin keys, got ${mnemonics.length}`);
  const wallets = new Map<string, MeshWallet>();
  for (const words of mnemonics) {
    const wallet = new MeshWallet({
      networkId: networkId(network),
      key: { type: "mnemonic", words: [...words] },
    });
    await wallet.init();
    const keyHash = deserializeAddress(await wallet.getChangeAddress()).pubKeyHash;
    if (wallets.has(keyHash)) throw new Error(`escrow admin key ${keyHash} is given twice`);
    wallets.set(keyHash, wallet);
  }
  return {
    keyHashes: [...wallets.keys()],
    async sign(txCbor, keyHashes = [...wallets.keys()]) {
      let cbor = txCbor;
      for (const k of keyHashes) {
        const wallet = wallets.get(k);
        if (wallet === undefined) throw new Error(`escrow admin key ${k} is not held`);
        // Partial: each admin adds its witness to those already there (the other admins').
        cbor = await wallet.signTx(cbor, true);
      }
      return cbor;
    },
  };
}

/**
 * PUBLIC TEST KEYS for the devnet ONLY: anyone can read them here, so anything they guard can
 * be taken by anyone. Never use them on preprod, mainnet or any real deployment. Every devnet
 * node holds all three, so every devnet node derives one and the same escrow script.
 */
// prettier-ignore
export const DEVNET_ESCROW_ADMINS: readonly (readonly string[])[] = [
  [
    "town", "pigeon", "cool", "opera", "muffin", "limb", "arrest", "cluster",
    "spy", "loop", "wreck", "raise", "wool", "stock", "vendor", "tube",
    "trip", "van", "clinic", "excuse", "acoustic", "multiply", "sadness", "measure",
  ],
  [
    "gadget", "stand", "table", "vanish", "creek", "bicycle", "concert", "oxygen",
    "broken", "shock", "inquiry", "mouse", "family", "path", "left", "window",
    "awful", "design", "industry", "winner", "win", "squirrel", "alley", "animal",
  ],
  [
    "eternal", "core", "donate", "jungle", "viable", "memory", "pull", "crucial",
    "outside", "neck", "pretty", "office", "subject", "nothing", "club", "fire",
    "capital", "wrist", "crouch", "clip", "step", "fancy", "hamster", "napkin",
  ],
];

/**
 * The payment key hashes of DEVNET_ESCROW_ADMINS, in order (written out so the parameters need
 * no key derivation; a test checks they match the mnemonics).
 */
export const DEVNET_ESCROW_ADMIN_KEY_HASHES: readonly string[] = [
  "8b6fa5c0a9a1c1408e808e3245e7c11ab92ecc86111d9a428ac259db",
  "e909b245d8b79109fdbb0ecdb0388241644e4990a1ebc59212e42cdc",
  "2960b9a92b6e7cb9acbd86e329c17c9f2708bcf9cc7c4e65fc723d71",
];

/** How many of the three devnet admins must sign a ResolveDispute. */
export const DEVNET_DISPUTE_THRESHOLD = 2;

/** The escrow parameters every devnet node uses (network preprod): 2 of the 3 test admins. */
export function devnetEscrowParams(): EscrowParameters {
  return {
    adminKeyHashes: [...DEVNET_ESCROW_ADMIN_KEY_HASHES],
    disputeThreshold: DEVNET_DISPUTE_THRESHOLD,
    cooldownMs: 0,
  };
}
