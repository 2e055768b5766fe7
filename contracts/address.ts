/**
 * Shelley addresses (CIP-19) as their credentials, and back: the base and enterprise kinds the
 * escrow and the registry use, and (written only) a reward address. Read here rather than
 * through Mesh, whose address objects cost a millisecond or more each: the escrow watcher turns
 * every party of every escrow datum into an address and back, dozens per batch, on the thread
 * that answers HTTP.
 */
import { bech32 } from "@scure/base";

export type NetworkId = 0 | 1;

/** A payment or stake credential: a key hash or a script hash (28 bytes, hex). */
export interface Credential {
  kind: "key" | "script";
  hash: string;
}

export interface AddressParts {
  networkId: NetworkId;
  payment: Credential;
  /** Absent for an enterprise address. */
  stake?: Credential;
}

const HASH_BYTES = 28;
/** Bech32's own 90-character limit is for other uses; an address is up to 1023 (CIP-5). */
const BECH32_LIMIT = 1023;
const prefixOf = (networkId: NetworkId) => (networkId === 1 ? "addr" : "addr_test");

/** The header's type (its high four bits), by payment and stake kind. */
const BASE_TYPE = { keykey: 0, scriptkey: 1, keyscript: 2, scriptscript: 3 } as const;
const ENTERPRISE_TYPE = { key: 6, script: 7 } as const;

/** Addresses read lately: the same few wallets' and sellers' addresses come with every lock. */
const known = new Map<string, Readonly<AddressParts>>();
const KNOWN_MAX = 1024;

/**
 * The credentials of a bech32 base or enterprise address (shared and frozen: remembered for
 * the next caller). Throws for anything else (pointer, reward and Byron addresses, a wrong
 * prefix for its network, a wrong length, a bad checksum).
 */
export function addressParts(address: string): Readonly<AddressParts> {
  let parts = known.get(address);
  if (parts === undefined) {
    parts = deepFreeze(readAddress(address));
    if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
    known.set(address, parts);
  }
  return parts;
}

/**
 * The hash of the address's payment credential when it is a `kind` one; undefined otherwise,
 * and for an address `addressParts` cannot read (pointer, reward, Byron, malformed).
 */
export function paymentHashOf(address: string, kind: Credential["kind"]): string | undefined {
  try {
    const { payment } = addressParts(address);
    return payment.kind === kind ? payment.hash : undefined;
  } catch {
    return undefined;
  }
}

function deepFreeze(parts: AddressParts): Readonly<AddressParts> {
  Object.freeze(parts.payment);
  if (parts.stake) Object.freeze(parts.stake);
  return Object.freeze(parts);
}

/** An address's raw bytes (header and credentials) and its bech32 prefix. */
function decoded(address: string): { prefix: string; bytes: Uint8Array } {
  const { prefix, words } = bech32.decode(address as `${string}1${string}`, BECH32_LIMIT);
  return { prefix, bytes: bech32.fromWords(words) };
}

/** An address's raw bytes, as a transaction or a CIP-8 header holds them. */
export const addressBytes = (address: string): Uint8Array => decoded(address).bytes;

function readAddress(address: string): AddressParts {
  const { prefix, bytes } = decoded(address);
  if (bytes.length === 0) throw new Error(`not a Shelley address: ${address}`);
  const type = bytes[0]! >> 4;
  const networkId = bytes[0]! & 0x0f;
  if (networkId !== 0 && networkId !== 1) throw new Error(`unknown network in ${address}`);
  if (prefix !== prefixOf(networkId)) throw new Error(`wrong prefix for its network: ${address}`);
  const hashAt = (at: number) => Buffer.from(bytes.subarray(at, at + HASH_BYTES)).toString("hex");
  if (type <= 3) {
    if (bytes.length !== 1 + 2 * HASH_BYTES) throw new Error(`bad base address: ${address}`);
    return {
      networkId,
      payment: { kind: type & 1 ? "script" : "key", hash: hashAt(1) },
      stake: { kind: type & 2 ? "script" : "key", hash: hashAt(1 + HASH_BYTES) },
    };
  }
  if (type === 6 || type === 7) {
    if (bytes.length !== 1 + HASH_BYTES) throw new Error(`bad enterprise address: ${address}`);
    return { networkId, payment: { kind: type === 6 ? "key" : "script", hash: hashAt(1) } };
  }
  throw new Error(`not a base or enterprise address: ${address}`);
}

/** A credential's hash as bytes; throws unless it is 28 bytes of lowercase hex. */
function hashBytes(c: Readonly<Credential>): Buffer {
  if (!/^[0-9a-f]{56}$/.test(c.hash)) throw new Error(`not a 28-byte hash: ${c.hash}`);
  return Buffer.from(c.hash, "hex");
}

/** The bech32 base (with `stake`) or enterprise address of these credentials. */
export function addressOf(parts: Readonly<AddressParts>): string {
  const type =
    parts.stake === undefined
      ? ENTERPRISE_TYPE[parts.payment.kind]
      : BASE_TYPE[`${parts.payment.kind}${parts.stake.kind}`];
  const bytes = Buffer.concat([
    Buffer.from([(type << 4) | parts.networkId]),
    hashBytes(parts.payment),
    ...(parts.stake === undefined ? [] : [hashBytes(parts.stake)]),
  ]);
  return bech32.encode(prefixOf(parts.networkId), bech32.toWords(bytes), BECH32_LIMIT);
}

/** The header's type (its high four bits) of a reward address, by stake kind. */
const REWARD_TYPE = { key: 14, script: 15 } as const;
const rewardPrefixOf = (networkId: NetworkId) => (networkId === 1 ? "stake" : "stake_test");

/** The bech32 reward (stake) address of a stake credential, e.g. the escrow script's. */
export function rewardAddressOf(stake: Readonly<Credential>, networkId: NetworkId): string {
  const bytes = Buffer.concat([
    Buffer.from([(REWARD_TYPE[stake.kind] << 4) | networkId]),
    hashBytes(stake),
  ]);
  return bech32.encode(rewardPrefixOf(networkId), bech32.toWords(bytes), BECH32_LIMIT);
}
