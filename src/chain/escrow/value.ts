/**
 * Values as Mesh lists them (`{unit, quantity}` with decimal strings), the arithmetic escrow
 * builders need on them in bigint, and minimum-UTxO sizing. Mesh is only a type here: importing
 * it at run time costs the node about 100 MB of memory, so the sizing is our own, held to Mesh's
 * answer by value.test.ts.
 */
import type { Asset } from "@meshsdk/core";
import { addressParts } from "../../../contracts/address.ts";
import { toCbor, type PlutusData } from "../../../contracts/plutus-data.ts";

/** The quantity of `unit` in `amount`. */
export const qty = (amount: readonly Asset[], unit: string): bigint =>
  amount.filter((a) => a.unit === unit).reduce((s, a) => s + BigInt(a.quantity), 0n);

/** `amount` with `delta` added to `unit`; entries that reach zero disappear, lovelace first. */
export function adjust(amount: readonly Asset[], unit: string, delta: bigint): Asset[] {
  const next = qty(amount, unit) + delta;
  if (next < 0n) throw new Error(`negative ${unit}`);
  const others = amount.filter((a) => a.unit !== unit);
  const entry = next === 0n ? [] : [{ unit, quantity: next.toString() }];
  return unit === "lovelace" ? [...entry, ...others] : [...others, ...entry];
}

/** Sums a list of `{unit, amount}` into a Mesh value (one entry per unit, lovelace first). */
export function toAmount(parts: readonly { unit: string; amount: bigint }[]): Asset[] {
  let out: Asset[] = [];
  for (const p of parts) out = adjust(out, p.unit, p.amount);
  return out;
}

/**
 * The minimum lovelace an output to `address` holding `amount` and `datum` (inline) needs: what
 * Mesh's `getOutputMinLovelace` says for it (value.test.ts holds the two to it).
 */
export function minLovelace(
  address: string,
  amount: readonly Asset[],
  datum: PlutusData | undefined,
  coinsPerUtxoSize: number,
): bigint {
  return outputMinLovelace(
    { address, amount, ...(datum === undefined ? {} : { datum: toCbor(datum) }) },
    coinsPerUtxoSize,
  );
}

/** An output as the ledger prices it: its serialized size is all that matters. */
export interface SizedOutput {
  /** A bech32 base or enterprise address (the only kinds the escrow pays to or from). */
  address: string;
  amount: readonly Asset[];
  /** The inline datum's CBOR (hex), when it has one. */
  datum?: string;
  /** A Plutus V3 reference script, double-CBOR (hex), as Mesh's builders take it. */
  referenceScriptV3?: string;
}

/** Mesh's pricing stops after this many rounds, whether or not the lovelace has settled. */
const ROUNDS_MAX = 3;

/**
 * The minimum lovelace of `output`, computed as Mesh's `getOutputMinLovelace` (1.9.1) computes
 * it, so the node and Mesh-built transactions agree to the lovelace. The Babbage rule is
 * (160 + serialized bytes) × coinsPerUtxoSize, but the coin is itself part of those bytes, so
 * Mesh prices the output with the lovelace it holds and, while that is short, again with the
 * price as its lovelace, three rounds at most, answering the last price. The answer therefore
 * depends on the lovelace held (a large coin takes 9 bytes, a small one 1), and can be below it.
 */
export function outputMinLovelace(output: SizedOutput, coinsPerUtxoSize: number): bigint {
  const coins = BigInt(coinsPerUtxoSize);
  if (coins < 0n) throw new Error(`negative coinsPerUtxoSize: ${coinsPerUtxoSize}`);
  const sizeOf = outputSize(output);
  // Mesh reads the first lovelace entry, and a value without one as holding none.
  let lovelace = BigInt(output.amount.find((a) => a.unit === "lovelace")?.quantity ?? 0);
  let price = 0n;
  for (let round = 0; round < ROUNDS_MAX; round++) {
    price = (160n + BigInt(sizeOf(lovelace))) * coins;
    if (lovelace >= price) break;
    lovelace = price;
  }
  return price;
}

/**
 * The serialized size of `output` as a function of its coin, as cardano-sdk (Mesh's serializer)
 * writes it: `[address, value]` when it has neither datum nor reference script, else the map
 * `{0: address, 1: value, 2: [1, #6.24(datum)], 3: #6.24([3, script])}`. Only sizes are
 * computed, never bytes: the canonical order of the map keys and assets changes no length, and
 * the datum and script are written as given (cardano-sdk keeps their original bytes).
 */
function outputSize(output: SizedOutput): (coin: bigint) => number {
  // Read through addressParts' memory rather than decoded again: the same few addresses come
  // with every lock, and decoding one was half the cost of sizing an output.
  const parts = addressParts(output.address);
  const addressField = bytesField(1 + 28 + (parts.stake === undefined ? 0 : 28));
  const assets = assetsSize(output.amount);
  const datum = output.datum === undefined ? 0 : 1 + 1 + 1 + 2 + bytesField(hexBytes(output.datum));
  const script =
    output.referenceScriptV3 === undefined
      ? 0
      : 1 + 2 + bytesField(1 + 1 + hexBytes(output.referenceScriptV3));
  // With neither, a two-element array head; with either, a map head and the keys 0 and 1.
  const fixed = datum === 0 && script === 0 ? 1 : 3;
  const rest = fixed + addressField + datum + script;
  // A value with tokens is `[coin, multiasset]`: one more byte for the array head.
  return (coin) => rest + headSize(coin) + (assets === 0 ? 0 : 1 + assets);
}

/** An asset unit: a 28-byte policy id and an asset name of up to 32 bytes, lowercase hex. */
const UNIT = /^[0-9a-f]{56}(?:[0-9a-f]{2}){0,32}$/;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * The size of the multi-asset map of `amount`'s tokens, 0 when it has none. As in Mesh, a unit
 * listed twice counts once, with its last quantity.
 */
function assetsSize(amount: readonly Asset[]): number {
  const quantities = new Map<string, bigint>();
  for (const a of amount) {
    const quantity = BigInt(a.quantity);
    if (quantity < 0n || quantity > UINT64_MAX) throw new Error(`bad quantity of ${a.unit}`);
    if (a.unit === "lovelace") continue;
    if (!UNIT.test(a.unit)) throw new Error(`not an asset unit: ${a.unit}`);
    quantities.set(a.unit, quantity);
  }
  if (quantities.size === 0) return 0;
  // Per policy: how many assets, and the bytes of their names and quantities.
  const policies = new Map<string, { count: number; bytes: number }>();
  for (const [unit, quantity] of quantities) {
    const policy = policies.get(unit.slice(0, 56)) ?? { count: 0, bytes: 0 };
    policy.count += 1;
    policy.bytes += bytesField((unit.length - 56) / 2) + headSize(quantity);
    policies.set(unit.slice(0, 56), policy);
  }
  let size = headSize(policies.size);
  for (const p of policies.values()) size += bytesField(28) + headSize(p.count) + p.bytes;
  return size;
}

/** The size of a CBOR head whose argument is `n`: an unsigned integer, a length or a count. */
function headSize(n: number | bigint): number {
  if (n < 24) return 1;
  if (n < 0x100) return 2;
  if (n < 0x1_0000) return 3;
  return n < 0x1_0000_0000 ? 5 : 9;
}

/** The size of a CBOR byte string of `length` bytes, head included. */
const bytesField = (length: number): number => headSize(length) + length;

function hexBytes(hex: string): number {
  if (hex.length === 0 || hex.length % 2 !== 0) throw new Error("not CBOR hex");
  return hex.length / 2;
}

/** `amount`, with its lovelace raised to the output's minimum when below it. */
export function atLeastMinLovelace(
  address: string,
  amount: readonly Asset[],
  datum: PlutusData | undefined,
  coinsPerUtxoSize: number,
): Asset[] {
  const min = minLovelace(address, amount, datum, coinsPerUtxoSize);
  const have = qty(amount, "lovelace");
  return have >= min ? [...amount] : adjust(amount, "lovelace", min - have);
}
