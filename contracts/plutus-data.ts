/**
 * Plutus data in its standard JSON form (`{ int }`, `{ bytes }`, `{ list }`, `{ map }`,
 * `{ constructor, fields }`), which Mesh (type "JSON") and scalus both accept, plus the few
 * conversions the escrow and registry encoders need.
 */
import { deserializeAddress, deserializeDatum, serializeAddressObj } from "@meshsdk/core";

export type PlutusData =
  | { int: bigint | number }
  | { bytes: string }
  | { list: PlutusData[] }
  | { map: { k: PlutusData; v: PlutusData }[] }
  | { constructor: bigint | number; fields: PlutusData[] };

export type NetworkId = 0 | 1;

export const pInt = (n: bigint | number): PlutusData => ({ int: n });
export const pBytes = (hex: string): PlutusData => ({ bytes: hex });
export const pList = (items: PlutusData[]): PlutusData => ({ list: items });
export const pConstr = (index: number, fields: PlutusData[]): PlutusData => ({
  constructor: index,
  fields,
});

// ---- CBOR -------------------------------------------------------------------------------------

/** A CBOR head: major type and argument (shortest form). */
function head(major: number, n: bigint): number[] {
  const m = major << 5;
  if (n < 24n) return [m | Number(n)];
  const bytes = n < 0x100n ? 1 : n < 0x10000n ? 2 : n < 0x100000000n ? 4 : 8;
  const out = [m | (24 + Math.log2(bytes))];
  for (let i = bytes - 1; i >= 0; i--) out.push(Number((n >> BigInt(8 * i)) & 0xffn));
  return out;
}

const hexBytes = (hex: string): number[] => [...Buffer.from(hex, "hex")];
const U64 = 1n << 64n;
/** Plutus data splits byte strings longer than this into chunks (its decoder's limit). */
const BYTES_CHUNK = 64;

function encodeBytes(bytes: number[]): number[] {
  if (bytes.length <= BYTES_CHUNK) return [...head(2, BigInt(bytes.length)), ...bytes];
  const out = [0x5f];
  for (let i = 0; i < bytes.length; i += BYTES_CHUNK)
    out.push(...encodeBytes(bytes.slice(i, i + BYTES_CHUNK)));
  return [...out, 0xff];
}

function encodeInt(n: bigint): number[] {
  if (n >= 0n && n < U64) return head(0, n);
  if (n < 0n && -1n - n < U64) return head(1, -1n - n);
  const neg = n < 0n;
  const mag = neg ? -1n - n : n;
  const hex = mag.toString(16);
  return [
    ...head(6, neg ? 3n : 2n),
    ...encodeBytes(hexBytes(hex.length % 2 === 0 ? hex : `0${hex}`)),
  ];
}

function encode(d: PlutusData): number[] {
  if ("int" in d) return encodeInt(BigInt(d.int));
  if ("bytes" in d) return encodeBytes(hexBytes(d.bytes));
  if ("list" in d) return [...head(4, BigInt(d.list.length)), ...d.list.flatMap(encode)];
  if ("map" in d) {
    return [
      ...head(5, BigInt(d.map.length)),
      ...d.map.flatMap((e) => [...encode(e.k), ...encode(e.v)]),
    ];
  }
  const i = Number(d.constructor);
  const fields = [...head(4, BigInt(d.fields.length)), ...d.fields.flatMap(encode)];
  if (i < 7) return [...head(6, BigInt(121 + i)), ...fields];
  if (i < 128) return [...head(6, BigInt(1280 + i - 7)), ...fields];
  return [...head(6, 102n), ...head(4, 2n), ...encodeInt(BigInt(i)), ...fields];
}

/**
 * CBOR hex of a datum or redeemer, with definite-length lists: one byte shorter per
 * constructor than the indefinite form Mesh writes (scripts compare data, not bytes).
 */
export const toCbor = (d: PlutusData): string => Buffer.from(encode(d)).toString("hex");
/** Decodes CBOR hex (e.g. an inline datum from Blockfrost) into JSON form. */
export const fromCbor = (hex: string): PlutusData => deserializeDatum(hex) as PlutusData;

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

/** The Plutus `Address` of a bech32 Shelley address (base or enterprise; pointers refused). */
export function addressToData(bech32: string): PlutusData {
  const a = deserializeAddress(bech32);
  const payment =
    a.pubKeyHash !== "" ? pConstr(0, [pBytes(a.pubKeyHash)]) : pConstr(1, [pBytes(a.scriptHash)]);
  const stakeHash = a.stakeCredentialHash || a.stakeScriptCredentialHash;
  const stake =
    stakeHash === ""
      ? pConstr(1, [])
      : pConstr(0, [
          pConstr(0, [pConstr(a.stakeCredentialHash !== "" ? 0 : 1, [pBytes(stakeHash)])]),
        ]);
  return pConstr(0, [payment, stake]);
}

/** The bech32 address of a Plutus `Address`. */
export function dataToAddress(d: PlutusData, networkId: NetworkId): string {
  asConstr(d, 0, 2);
  return serializeAddressObj(d as never, networkId);
}

/** The payment key hash of an address whose payment credential is a key; throws otherwise. */
export function paymentKeyHash(bech32: string): string {
  const a = deserializeAddress(bech32);
  if (a.pubKeyHash === "") throw new Error(`address has no payment key: ${bech32}`);
  return a.pubKeyHash;
}

/**
 * The key hashes of an address whose payment credential is a key and whose stake part is a key
 * or absent (the escrow stores parties this way); throws otherwise. `stakeKeyHash` is "" when
 * there is no stake part.
 */
export function partyKeyHashes(bech32: string): { paymentKeyHash: string; stakeKeyHash: string } {
  const a = deserializeAddress(bech32);
  if (a.pubKeyHash === "") throw new Error(`address has no payment key: ${bech32}`);
  if (a.stakeScriptCredentialHash !== "")
    throw new Error(`address has a script stake credential: ${bech32}`);
  return { paymentKeyHash: a.pubKeyHash, stakeKeyHash: a.stakeCredentialHash };
}

/** `OutputReference { transaction_id, output_index }` (Plutus V3 layout). */
export const outRefData = (txHash: string, outputIndex: number): PlutusData =>
  pConstr(0, [pBytes(txHash), pInt(outputIndex)]);
