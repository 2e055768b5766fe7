/**
 * Plutus data as CBOR the way Mesh's UPLC library (@harmoniclabs/plutus-data) writes a data
 * constant into a script. It differs from plutus-data.ts's `toCbor` in two respects: non-empty
 * lists, maps and constructor fields have indefinite length, and some negative integers have a
 * longer head than needed. A script's hash covers these bytes, so a parameter applied here must
 * be written exactly so for the escrow to keep its address.
 */
import { toCbor, type PlutusData } from "./plutus-data.ts";

/** Mesh's library writes integers beyond 64 bits with a console warning; none is needed here. */
const U64 = 1n << 64n;
/**
 * Byte strings longer than this come out of Mesh's library truncated to their first 64 bytes
 * (@harmoniclabs/plutus-data 1.2.6 passes the further chunks where a head size belongs): a bug
 * not to copy, and no parameter or script constant is that long, so refused.
 */
const BYTES_MAX = 64;

/** Items between an indefinite-length head and a break, or the empty definite form. */
const indefinite = (items: string[], start: string, empty: string) =>
  items.length === 0 ? empty : `${start}${items.join("")}ff`;

/** The CBOR head of tag `n` (the constructor tags, 102 to 1400). */
const tagHead = (n: number) =>
  n < 0x100 ? `d8${n.toString(16).padStart(2, "0")}` : `d9${n.toString(16).padStart(4, "0")}`;

/**
 * A negative integer, `-1 - n` after a head whose size Mesh's library picks by `n`'s magnitude
 * rather than by the value written: -24 is 38 17, not 37, and -256 is 39 00ff, not 38 ff.
 */
function negativeInt(n: bigint): string {
  const magnitude = -n;
  const bytes =
    magnitude < 24n
      ? 0
      : magnitude < 0x100n
        ? 1
        : magnitude < 0x10000n
          ? 2
          : magnitude < 0x100000000n
            ? 4
            : 8;
  const value = magnitude - 1n;
  if (bytes === 0) return (0x20 | Number(value)).toString(16);
  const head = (0x20 | (24 + Math.log2(bytes))).toString(16);
  return head + value.toString(16).padStart(2 * bytes, "0");
}

function encode(d: PlutusData): string {
  if ("int" in d) {
    const n = BigInt(d.int);
    if (n >= U64 || n < -U64) throw new Error("data integer beyond 64 bits");
    return n < 0n ? negativeInt(n) : toCbor(d);
  }
  if ("bytes" in d) {
    if (d.bytes.length > 2 * BYTES_MAX) throw new Error(`data bytes longer than ${BYTES_MAX}`);
    return toCbor(d);
  }
  if ("list" in d) return indefinite(d.list.map(encode), "9f", "80");
  if ("map" in d)
    return indefinite(
      d.map.map((e) => encode(e.k) + encode(e.v)),
      "bf",
      "a0",
    );
  const index = BigInt(d.constructor);
  if (index < 0n) throw new Error("data constructor index is negative");
  const fields = indefinite(d.fields.map(encode), "9f", "80");
  if (index < 7n) return tagHead(121 + Number(index)) + fields;
  if (index < 128n) return tagHead(1280 + Number(index) - 7) + fields;
  // Tag 102 holds a definite pair: the index, then the fields.
  return `${tagHead(102)}82${encode({ int: index })}${fields}`;
}

/** CBOR hex of `d` as Mesh's UPLC encoder writes a data constant. */
export const uplcDataCbor = (d: PlutusData): string => encode(d);
