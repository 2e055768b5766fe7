/**
 * Plutus data in its standard JSON form (`{ int }`, `{ bytes }`, `{ list }`, `{ map }`,
 * `{ constructor, fields }`), which Mesh (type "JSON") and scalus both accept, plus the few
 * conversions the escrow and registry encoders need.
 */
import { addressOf, addressParts, type Credential, type NetworkId } from "./address.ts";

export type { NetworkId };

export type PlutusData =
  | { int: bigint | number }
  | { bytes: string }
  | { list: PlutusData[] }
  | { map: { k: PlutusData; v: PlutusData }[] }
  | { constructor: bigint | number; fields: PlutusData[] };

export const pInt = (n: bigint | number): PlutusData => ({ int: n });
export const pBytes = (hex: string): PlutusData => ({ bytes: hex });
export const pList = (items: PlutusData[]): PlutusData => ({ list: items });
export const pConstr = (index: number, fields: PlutusData[]): PlutusData => ({
  constructor: index,
  fields,
});

// ---- CBOR -------------------------------------------------------------------------------------

/** Appends a CBOR head: major type and argument (shortest form). */
function head(out: number[], major: number, n: bigint | number): void {
  const m = major << 5;
  if (n < 24) {
    out.push(m | Number(n));
    return;
  }
  if (typeof n === "number" && n <= 0xffffffff) {
    const bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : 4;
    out.push(m | (24 + Math.log2(bytes)));
    for (let i = bytes - 1; i >= 0; i--) out.push((n >>> (8 * i)) & 0xff);
    return;
  }
  const v = BigInt(n);
  const bytes = v < 0x100n ? 1 : v < 0x10000n ? 2 : v < 0x100000000n ? 4 : 8;
  out.push(m | (24 + Math.log2(bytes)));
  for (let i = bytes - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
}

const U64 = 1n << 64n;
/** Plutus data splits byte strings longer than this into chunks (its decoder's limit). */
const BYTES_CHUNK = 64;

function encodeBytes(out: number[], bytes: Buffer): void {
  if (bytes.length <= BYTES_CHUNK) {
    head(out, 2, bytes.length);
    for (const b of bytes) out.push(b);
    return;
  }
  out.push(0x5f);
  for (let i = 0; i < bytes.length; i += BYTES_CHUNK)
    encodeBytes(out, bytes.subarray(i, i + BYTES_CHUNK));
  out.push(0xff);
}

function encodeInt(out: number[], n: bigint | number): void {
  if (typeof n === "number" && Number.isSafeInteger(n)) {
    if (n >= 0) head(out, 0, n);
    else head(out, 1, -1 - n);
    return;
  }
  const v = BigInt(n);
  if (v >= 0n && v < U64) return head(out, 0, v);
  if (v < 0n && -1n - v < U64) return head(out, 1, -1n - v);
  const neg = v < 0n;
  const hex = (neg ? -1n - v : v).toString(16);
  head(out, 6, neg ? 3 : 2);
  encodeBytes(out, Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, "hex"));
}

function encode(out: number[], d: PlutusData): void {
  if ("int" in d) return encodeInt(out, d.int);
  if ("bytes" in d) return encodeBytes(out, Buffer.from(d.bytes, "hex"));
  if ("list" in d) {
    head(out, 4, d.list.length);
    for (const item of d.list) encode(out, item);
    return;
  }
  if ("map" in d) {
    head(out, 5, d.map.length);
    for (const e of d.map) {
      encode(out, e.k);
      encode(out, e.v);
    }
    return;
  }
  const i = Number(d.constructor);
  if (i < 7) head(out, 6, 121 + i);
  else if (i < 128) head(out, 6, 1280 + i - 7);
  else {
    head(out, 6, 102);
    head(out, 4, 2);
    encodeInt(out, i);
  }
  head(out, 4, d.fields.length);
  for (const f of d.fields) encode(out, f);
}

/**
 * CBOR hex of a datum or redeemer, with definite-length lists: one byte shorter per
 * constructor than the indefinite form Mesh writes (scripts compare data, not bytes).
 */
export function toCbor(d: PlutusData): string {
  const out: number[] = [];
  encode(out, d);
  return Buffer.from(out).toString("hex");
}

/** How deep data may nest: far beyond any datum the node writes, short of the stack's limit. */
const DEPTH_MAX = 256;

/**
 * Decodes CBOR hex (e.g. an inline datum from Blockfrost) into JSON form, integers and
 * constructor indices as bigint. Anyone can put any datum at the escrow's address, so every
 * length is checked against the bytes there are and nesting is bounded; anything that is not
 * Plutus data (text, floats, other tags, trailing bytes) throws.
 */
export function fromCbor(hex: string): PlutusData {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error("datum CBOR is not hex");
  const reader = new DataReader(Buffer.from(hex, "hex"));
  const data = reader.data(0);
  if (reader.at !== reader.bytes.length) throw new Error("datum CBOR has trailing bytes");
  return data;
}

const BREAK = 0xff;

class DataReader {
  at = 0;
  constructor(readonly bytes: Buffer) {}

  private byte(): number {
    if (this.at >= this.bytes.length) throw new Error("datum CBOR ends early");
    return this.bytes[this.at++]!;
  }

  /** A head's argument: the value, or null for an indefinite length. */
  private argument(info: number): bigint | null {
    if (info < 24) return BigInt(info);
    if (info === 31) return null;
    if (info > 27) throw new Error(`datum CBOR has a reserved head (${info})`);
    const size = 1 << (info - 24);
    if (this.at + size > this.bytes.length) throw new Error("datum CBOR ends early");
    const n = BigInt(`0x${this.bytes.toString("hex", this.at, this.at + size)}`);
    this.at += size;
    return n;
  }

  /** A definite count of items, each at least one byte: never more than the bytes left. */
  private count(n: bigint | null): number | null {
    if (n === null) return null;
    if (n > BigInt(this.bytes.length - this.at)) throw new Error("datum CBOR ends early");
    return Number(n);
  }

  private atBreak(): boolean {
    if (this.bytes[this.at] !== BREAK) return false;
    this.at++;
    return true;
  }

  private byteString(info: number): Buffer {
    const n = this.argument(info);
    if (n !== null) {
      const size = this.count(n)!;
      this.at += size;
      return this.bytes.subarray(this.at - size, this.at);
    }
    const chunks: Buffer[] = [];
    while (!this.atBreak()) {
      const h = this.byte();
      if (h >> 5 !== 2 || (h & 31) === 31) throw new Error("datum CBOR has a bad byte chunk");
      chunks.push(this.byteString(h & 31));
    }
    return Buffer.concat(chunks);
  }

  private items(n: number | null, depth: number): PlutusData[] {
    const out: PlutusData[] = [];
    if (n === null) while (!this.atBreak()) out.push(this.data(depth));
    else for (let i = 0; i < n; i++) out.push(this.data(depth));
    return out;
  }

  private list(depth: number): PlutusData[] {
    const h = this.byte();
    if (h >> 5 !== 4) throw new Error("datum CBOR: a constructor's fields are not a list");
    return this.items(this.count(this.argument(h & 31)), depth);
  }

  data(depth: number): PlutusData {
    if (depth > DEPTH_MAX) throw new Error(`datum nests deeper than ${DEPTH_MAX}`);
    const h = this.byte();
    const major = h >> 5;
    const info = h & 31;
    if (major === 0 || major === 1) {
      const n = this.argument(info);
      if (n === null) throw new Error("datum CBOR has an indefinite integer");
      return { int: major === 0 ? n : -1n - n };
    }
    if (major === 2) return { bytes: this.byteString(info).toString("hex") };
    if (major === 4) return { list: this.items(this.count(this.argument(info)), depth + 1) };
    if (major === 5) {
      const n = this.count(this.argument(info));
      const map: { k: PlutusData; v: PlutusData }[] = [];
      const entry = () => map.push({ k: this.data(depth + 1), v: this.data(depth + 1) });
      if (n === null) while (!this.atBreak()) entry();
      else for (let i = 0; i < n; i++) entry();
      return { map };
    }
    if (major !== 6) throw new Error(`datum CBOR has major type ${major}, not Plutus data`);
    const tag = this.argument(info);
    if (tag === 2n || tag === 3n) {
      const h2 = this.byte();
      if (h2 >> 5 !== 2) throw new Error("datum CBOR: a big integer is not bytes");
      const bytes = this.byteString(h2 & 31);
      const n = bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString("hex")}`);
      return { int: tag === 2n ? n : -1n - n };
    }
    if (tag !== null && tag >= 121n && tag <= 127n)
      return { constructor: tag - 121n, fields: this.list(depth + 1) };
    if (tag !== null && tag >= 1280n && tag <= 1400n)
      return { constructor: tag - 1280n + 7n, fields: this.list(depth + 1) };
    if (tag === 102n) {
      const h2 = this.byte();
      if (h2 !== 0x82) throw new Error("datum CBOR: constructor 102 is not a pair");
      const index = this.data(depth + 1);
      if (!("int" in index) || BigInt(index.int) < 0n)
        throw new Error("datum CBOR: constructor 102 has no index");
      return { constructor: BigInt(index.int), fields: this.list(depth + 1) };
    }
    throw new Error(`datum CBOR has tag ${tag}, not Plutus data`);
  }
}

// ---- Reading JSON data back, with the shape asserted ------------------------------------------

export class PlutusDataShapeError extends Error {
  constructor(what: string, got: unknown) {
    super(
      `expected ${what}, got ${JSON.stringify(got, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}`,
    );
    this.name = "PlutusDataShapeError";
  }
}

export function asConstr(d: PlutusData, index?: number, arity?: number): PlutusData[] {
  if (!("constructor" in d) || !Array.isArray((d as { fields?: unknown }).fields)) {
    throw new PlutusDataShapeError("a constructor", d);
  }
  const c = d as { constructor: bigint | number; fields: PlutusData[] };
  if (index !== undefined && Number(c.constructor) !== index) {
    throw new PlutusDataShapeError(`constructor ${index}`, d);
  }
  if (arity !== undefined && c.fields.length !== arity) {
    throw new PlutusDataShapeError(`${arity} fields`, d);
  }
  return c.fields;
}

export const constrIndex = (d: PlutusData): number => {
  asConstr(d);
  return Number((d as { constructor: bigint | number }).constructor);
};

export function asInt(d: PlutusData): bigint {
  if (!("int" in d)) throw new PlutusDataShapeError("an integer", d);
  return BigInt(d.int);
}

export function asBytes(d: PlutusData): string {
  if (!("bytes" in d)) throw new PlutusDataShapeError("bytes", d);
  return d.bytes;
}

export function asList(d: PlutusData): PlutusData[] {
  if (!("list" in d)) throw new PlutusDataShapeError("a list", d);
  return d.list;
}

// ---- Addresses --------------------------------------------------------------------------------

const credentialData = (c: Credential): PlutusData =>
  pConstr(c.kind === "key" ? 0 : 1, [pBytes(c.hash)]);

/** The Plutus `Address` of a bech32 Shelley address (base or enterprise; pointers refused). */
export function addressToData(bech32: string): PlutusData {
  const { payment, stake } = addressParts(bech32);
  return pConstr(0, [
    credentialData(payment),
    stake === undefined ? pConstr(1, []) : pConstr(0, [pConstr(0, [credentialData(stake)])]),
  ]);
}

function dataCredential(d: PlutusData): Credential {
  const index = constrIndex(d);
  if (index > 1) throw new PlutusDataShapeError("a credential", d);
  return { kind: index === 0 ? "key" : "script", hash: asBytes(asConstr(d, index, 1)[0]!) };
}

/**
 * The bech32 address of a Plutus `Address` whose stake part, if any, is a credential (a stake
 * pointer throws: the node never writes one, and CIP-19 pointers are deprecated).
 */
export function dataToAddress(d: PlutusData, networkId: NetworkId): string {
  const [payment, maybeStake] = asConstr(d, 0, 2) as [PlutusData, PlutusData];
  let stake: Credential | undefined;
  if (constrIndex(maybeStake) === 0) {
    const [staking] = asConstr(maybeStake, 0, 1) as [PlutusData];
    stake = dataCredential(asConstr(staking, 0, 1)[0]!);
  } else asConstr(maybeStake, 1, 0);
  return addressOf({ networkId, payment: dataCredential(payment), stake });
}

/** The payment key hash of an address whose payment credential is a key; throws otherwise. */
export function paymentKeyHash(bech32: string): string {
  const { payment } = addressParts(bech32);
  if (payment.kind !== "key") throw new Error(`address has no payment key: ${bech32}`);
  return payment.hash;
}

/**
 * The key hashes of an address whose payment credential is a key and whose stake part is a key
 * or absent (the escrow stores parties this way); throws otherwise. `stakeKeyHash` is "" when
 * there is no stake part.
 */
export function partyKeyHashes(bech32: string): { paymentKeyHash: string; stakeKeyHash: string } {
  const { payment, stake } = addressParts(bech32);
  if (payment.kind !== "key") throw new Error(`address has no payment key: ${bech32}`);
  if (stake?.kind === "script") throw new Error(`address has a script stake credential: ${bech32}`);
  return { paymentKeyHash: payment.hash, stakeKeyHash: stake?.hash ?? "" };
}

/** `OutputReference { transaction_id, output_index }` (Plutus V3 layout). */
export const outRefData = (txHash: string, outputIndex: number): PlutusData =>
  pConstr(0, [pBytes(txHash), pInt(outputIndex)]);
