/**
 * A wallet's keys from its mnemonic, as Mesh's MeshWallet derives them (CIP-1852, account 0,
 * the first payment key and the stake key), without loading Mesh: it costs a thread about
 * 100 MB, and the node's main thread only needs these keys to create wallets and name admins.
 * The tests check every result against MeshWallet's.
 *
 * The libraries are the ones Mesh itself calls: bip39 for the words, @cardano-sdk/crypto for
 * BIP32-Ed25519. Both are pinned to Mesh's versions, so npm installs one copy of each.
 */
import { Bip32PrivateKey, ready, type Ed25519PrivateKey } from "@cardano-sdk/crypto";
import { generateMnemonic, mnemonicToEntropy } from "bip39";
import { addressOf } from "../../contracts/address.ts";
import { networkId, type Network } from "../chain/network.ts";

/** What the node stores of a wallet: its base address and that address's payment key hash. */
export interface WalletKeys {
  address: string;
  /** blake2b-224 of the payment verification key, hex (28 bytes). */
  paymentKeyHash: string;
}

/** 256 bits of entropy: 24 words, as Mesh's `MeshWallet.brew()` makes them. */
export const MNEMONIC_ENTROPY_BITS = 256;

const HARDENED = 0x80000000;
/** CIP-1852: purpose 1852', coin 1815', account 0' (Mesh's default account). */
const ACCOUNT_PATH = [HARDENED + 1852, HARDENED + 1815, HARDENED + 0];
/** Below the account: external chain 0, index 0 (Mesh's default key). */
const PAYMENT_PATH = [0, 0];
/** Below the account: the staking chain 2, index 0 (CIP-11). */
const STAKE_PATH = [2, 0];

/** A fresh 24-word mnemonic (English BIP-39 list, entropy from the platform's CSPRNG). */
export function newMnemonic(): string[] {
  return generateMnemonic(MNEMONIC_ENTROPY_BITS).split(" ");
}

/** The account key m/1852'/1815'/0'. Throws on an unknown word or a bad checksum. */
async function accountKey(words: readonly string[]): Promise<Bip32PrivateKey> {
  // libsodium, under the SDK's BIP32 code, loads asynchronously; later calls return at once.
  await ready();
  const entropy = Buffer.from(mnemonicToEntropy(words.join(" ")), "hex");
  return Bip32PrivateKey.fromBip39Entropy(entropy, "").derive(ACCOUNT_PATH);
}

/** The payment key m/1852'/1815'/0'/0/0, the one that signs for the wallet's address. */
export async function paymentKeyOf(words: readonly string[]): Promise<Ed25519PrivateKey> {
  return (await accountKey(words)).derive(PAYMENT_PATH).toRawKey();
}

/**
 * The wallet's base address on `network` (payment key 0/0, stake key 2/0, as MeshWallet's
 * `getChangeAddress()`) and its payment key hash. Throws on a bad mnemonic.
 */
export async function walletKeysOf(
  words: readonly string[],
  network: Network,
): Promise<WalletKeys> {
  const { address, paymentKeyHash } = await walletWithKey(words, network);
  return { address, paymentKeyHash };
}

/**
 * `walletKeysOf` with the payment key itself, from one derivation (it runs PBKDF2), for a
 * caller that signs for the address (the devnet's faucet).
 */
export async function walletWithKey(
  words: readonly string[],
  network: Network,
): Promise<WalletKeys & { paymentKey: Ed25519PrivateKey }> {
  const account = await accountKey(words);
  const paymentKey = account.derive(PAYMENT_PATH).toRawKey();
  const paymentKeyHash: string = paymentKey.toPublic().hash().hex();
  const address = addressOf({
    networkId: networkId(network),
    payment: { kind: "key", hash: paymentKeyHash },
    stake: { kind: "key", hash: account.derive(STAKE_PATH).toRawKey().toPublic().hash().hex() },
  });
  return { address, paymentKeyHash, paymentKey };
}
