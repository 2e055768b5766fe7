/**
 * The faucet's key: the payment key and base address of its mnemonic, derived as MeshWallet
 * derives them (src/domain/wallet-derivation.ts) so that devnets created before keep their
 * faucet. The derivation runs PBKDF2 and is slow enough to do once per ledger.
 */
import { Serialization } from "@cardano-sdk/core";
import { walletWithKey } from "../domain/wallet-derivation.ts";
import { hexBlob } from "./cbor.ts";

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
  // The devnet is a test network (network id 0), as preprod is.
  const { address, paymentKey } = await walletWithKey(mnemonic, "preprod");
  const publicKey = paymentKey.toPublic();
  return {
    mnemonic,
    address,
    witness: (bodyHashHex) =>
      new Serialization.VkeyWitness(publicKey.hex(), paymentKey.sign(hexBlob(bodyHashHex)).hex()),
  };
}
