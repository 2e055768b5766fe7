/**
 * The faucet's key: the payment key and base address of its mnemonic, derived as MeshWallet
 * derives them (CIP-1852 account 0: payment key 0/0, stake key 2/0) so that devnets created
 * before keep their faucet. src/domain/wallet-derivation.ts derives the same for the node's
 * wallets; this one needs both keys from a single derivation, which runs PBKDF2 and is slow
 * enough to do once per ledger.
 */
import { Serialization } from "@cardano-sdk/core";
import { Bip32PrivateKey, ready, type Ed25519PrivateKey } from "@cardano-sdk/crypto";
import { mnemonicToEntropy } from "bip39";
import { addressOf } from "../../contracts/address.ts";
import { hexBlob } from "./cbor.ts";

const HARDENED = 0x80000000;
const ACCOUNT_PATH = [HARDENED + 1852, HARDENED + 1815, HARDENED + 0];
const PAYMENT_PATH = [0, 0];
const STAKE_PATH = [2, 0];

/** What the faucet signs with and is paid at. */
export interface FaucetKey {
  mnemonic: string[];
  /** The base address on a test network. */
  address: string;
  /** The witness of the payment key over a transaction body's hash (hex). */
  witness(bodyHashHex: string): Serialization.VkeyWitness;
}

/** Derives the faucet's key from its mnemonic; throws on a bad word or checksum. */
export async function deriveFaucetKey(mnemonic: string[]): Promise<FaucetKey> {
  // libsodium, under the SDK's BIP32 code, loads asynchronously; later calls return at once.
  await ready();
  const entropy = Buffer.from(mnemonicToEntropy(mnemonic.join(" ")), "hex");
  const account = Bip32PrivateKey.fromBip39Entropy(entropy, "").derive(ACCOUNT_PATH);
  const payment: Ed25519PrivateKey = account.derive(PAYMENT_PATH).toRawKey();
  const stake = account.derive(STAKE_PATH).toRawKey();
  const publicKey = payment.toPublic();
  const address = addressOf({
    networkId: 0,
    payment: { kind: "key", hash: publicKey.hash().hex() },
    stake: { kind: "key", hash: stake.toPublic().hash().hex() },
  });
  return {
    mnemonic,
    address,
    witness: (bodyHashHex) =>
      new Serialization.VkeyWitness(publicKey.hex(), payment.sign(hexBlob(bodyHashHex)).hex()),
  };
}
