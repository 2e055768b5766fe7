/**
 * The escrow admins a node holds: the keys that resolve disputes (ResolveDispute needs at least
 * `disputeThreshold` of the escrow's admin key hashes as required signers, each with its
 * witness). The node adds their witnesses to a transaction it builds; the paying wallet signs
 * last, in the submitter, with a partial sign that keeps them.
 */
import type { MeshWallet } from "@meshsdk/core";
import type { EscrowParameters } from "../../../contracts/index.ts";
import { walletKeysOf } from "../../domain/wallet-derivation.ts";
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

/**
 * Names each admin key by its mnemonic; throws on a malformed mnemonic or a key given twice.
 * The key hashes are derived without Mesh, which costs a thread about 100 MB: a node loads its
 * admins at start-up but signs only when it resolves a dispute, so Mesh's wallets are opened
 * then, by the first `sign`.
 */
export async function loadEscrowAdmins(
  mnemonics: readonly (readonly string[])[],
  network: Network,
): Promise<EscrowAdmins> {
  if (mnemonics.length > ESCROW_ADMINS_MAX)
    throw new Error(`at most ${ESCROW_ADMINS_MAX} escrow admin keys, got ${mnemonics.length}`);
  const held = new Map<string, readonly string[]>();
  for (const words of mnemonics) {
    const keyHash = (await walletKeysOf(words, network)).paymentKeyHash;
    if (held.has(keyHash)) throw new Error(`escrow admin key ${keyHash} is given twice`);
    held.set(keyHash, [...words]);
  }
  let opening: Promise<Map<string, MeshWallet>> | undefined;
  const wallets = () => {
    if (opening === undefined) {
      opening = openAdminWallets(held, network);
      // A failure is not kept: the next `sign` tries again.
      opening.catch(() => (opening = undefined));
    }
    return opening;
  };
  return {
    keyHashes: [...held.keys()],
    async sign(txCbor, keyHashes = [...held.keys()]) {
      const missing = keyHashes.find((k) => !held.has(k));
      if (missing !== undefined) throw new Error(`escrow admin key ${missing} is not held`);
      const opened = await wallets();
      let cbor = txCbor;
      for (const k of keyHashes) {
        // Partial: each admin adds its witness to those already there (the other admins').
        cbor = await opened.get(k)!.signTx(cbor, true);
      }
      return cbor;
    },
  };
}

/** One MeshWallet per held key, by key hash; Mesh is imported here, on first use only. */
async function openAdminWallets(
  held: ReadonlyMap<string, readonly string[]>,
  network: Network,
): Promise<Map<string, MeshWallet>> {
  const { deserializeAddress, MeshWallet } = await import("@meshsdk/core");
  const wallets = new Map<string, MeshWallet>();
  for (const [keyHash, words] of held) {
    const wallet = new MeshWallet({
      networkId: networkId(network),
      key: { type: "mnemonic", words: [...words] },
    });
    await wallet.init();
    // The key that signs must be the one the escrow names: two derivations, checked to agree.
    const signing = deserializeAddress(await wallet.getChangeAddress()).pubKeyHash;
    if (signing !== keyHash)
      throw new Error(`escrow admin key ${keyHash}: Mesh derives ${signing}`);
    wallets.set(keyHash, wallet);
  }
  return wallets;
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
