/**
 * Deterministic test wallets: each party's keys come from a fixed seed, so addresses and key
 * hashes are the same on every run (failures are easier to read and compare).
 */
import { createHash, createPrivateKey, createPublicKey, sign } from "node:crypto";
import { MeshWallet, deserializeAddress } from "@meshsdk/core";

export interface Party {
  name: string;
  wallet: MeshWallet;
  /** Base address (payment key + stake key), preprod. */
  address: string;
  /** Payment key hash, hex. */
  keyHash: string;
  /** The payment verification key (32 bytes hex), e.g. to check vouchers. */
  vkey: string;
  /** Signs raw bytes with the payment key (plain ed25519), e.g. a voucher message. */
  signBytes(message: Uint8Array): string;
}

/** PKCS#8 DER prefix of a raw 32-byte ed25519 private key. */
const ED25519_PKCS8 = "302e020100300506032b657004220420";

const seedOf = (name: string): string =>
  createHash("sha256").update(`escrowd-contracts-test:${name}`).digest("hex");
const cliKey = (name: string): string => `5820${seedOf(name)}`;

/** The party named `name` (same keys every time). */
export async function party(name: string): Promise<Party> {
  const wallet = new MeshWallet({
    networkId: 0,
    key: { type: "cli", payment: cliKey(name), stake: cliKey(`${name}-stake`) },
  });
  await wallet.init();
  const address = await wallet.getChangeAddress();
  const key = createPrivateKey({
    key: Buffer.from(ED25519_PKCS8 + seedOf(name), "hex"),
    format: "der",
    type: "pkcs8",
  });
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  return {
    name,
    wallet,
    address,
    keyHash: deserializeAddress(address).pubKeyHash,
    vkey: spki.subarray(spki.length - 32).toString("hex"),
    signBytes: (message) => sign(null, message, key).toString("hex"),
  };
}

/** Signs with every party in turn (each adds its witness). */
export async function signAll(txHex: string, parties: readonly Party[]): Promise<string> {
  let tx = txHex;
  for (const p of parties) tx = await p.wallet.signTx(tx, true);
  return tx;
}
