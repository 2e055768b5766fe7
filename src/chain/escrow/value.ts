/**
 * Values as Mesh lists them (`{unit, quantity}` with decimal strings), the arithmetic escrow
 * builders need on them in bigint, and minimum-UTxO sizing for outputs with an inline datum.
 */
import { getOutputMinLovelace, type Asset } from "@meshsdk/core";
import { toCbor, type PlutusData } from "../../../contracts/index.ts";
import { memoised } from "../../domain/memo.ts";

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
 * The minimum lovelace an output to `address` holding `amount` and `datum` (inline) needs.
 *
 * The ledger prices an output by its serialized size, and an inline datum adds the same bytes
 * whatever it says: its CBOR, kept as written (the serializer keeps a datum's original bytes).
 * So Mesh sizes the output here with a stand-in datum of exactly that length, one byte string,
 * instead of the datum itself: parsing a real escrow datum was a sixth of the node's CPU time
 * (scripts/profile-lifecycle.ts), the stand-in costs a tenth of it, and the answer is the
 * same to the lovelace (value.test.ts holds the two to it).
 */
export function minLovelace(
  address: string,
  amount: readonly Asset[],
  datum: PlutusData | undefined,
  coinsPerUtxoSize: number,
): bigint {
  const datumBytes = datum === undefined ? -1 : toCbor(datum).length / 2;
  const units = amount.map((a) => `${a.unit}:${a.quantity}`).join(",");
  return BigInt(sizedMinLovelace(`${coinsPerUtxoSize} ${datumBytes} ${address} ${units}`));
}

/**
 * Mesh's answer for an output of that shape (key: coins per byte, datum bytes or -1 for none,
 * address, units and quantities), remembered: every purchase sizes a lock of the same shape as
 * the one before, and Mesh builds and serialises the output each time to measure it.
 */
const sizedMinLovelace = memoised(
  (key: string): string => {
    const [coins, datumBytes, address, units] = key.split(" ") as [string, string, string, string];
    const amount = units === "" ? [] : units.split(",").map(asset);
    const content = datumBytes === "-1" ? undefined : sizedStandIn(Number(datumBytes));
    return getOutputMinLovelace(
      {
        address,
        amount,
        ...(content === undefined
          ? {}
          : { datum: { type: "Inline", data: { type: "CBOR", content } } }),
      },
      Number(coins),
    ).toString();
  },
  4096,
  { share: true },
);

function asset(entry: string): Asset {
  const at = entry.lastIndexOf(":");
  return { unit: entry.slice(0, at), quantity: entry.slice(at + 1) };
}

/**
 * CBOR hex of exactly `length` bytes: one byte string, or a one-element list of one where no
 * byte string has that length (a header's size steps from 1 to 2 bytes at 24 and 2 to 3 at 256).
 */
export function sizedStandIn(length: number): string {
  const bytes = (total: number): string | undefined => {
    if (total >= 1 && total <= 24) return hexByte(0x40 + total - 1) + "00".repeat(total - 1);
    if (total >= 26 && total <= 257) return "58" + hexByte(total - 2) + "00".repeat(total - 2);
    if (total >= 259 && total <= 65_538)
      return "59" + (total - 3).toString(16).padStart(4, "0") + "00".repeat(total - 3);
    return undefined;
  };
  const direct = bytes(length);
  if (direct !== undefined) return direct;
  const listed = bytes(length - 1);
  if (listed === undefined) throw new Error(`no stand-in datum of ${length} bytes`);
  return "81" + listed;
}

const hexByte = (n: number) => n.toString(16).padStart(2, "0");

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
