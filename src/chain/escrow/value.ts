/**
 * Values as Mesh lists them (`{unit, quantity}` with decimal strings), the arithmetic escrow
 * builders need on them in bigint, and minimum-UTxO sizing for outputs with an inline datum.
 */
import { getOutputMinLovelace, type Asset } from "@meshsdk/core";
import { toCbor, type PlutusData } from "../../../contracts/index.ts";

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

/** The minimum lovelace an output to `address` holding `amount` and `datum` (inline) needs. */
export function minLovelace(
  address: string,
  amount: readonly Asset[],
  datum: PlutusData | undefined,
  coinsPerUtxoSize: number,
): bigint {
  return getOutputMinLovelace(
    {
      address,
      amount: [...amount],
      ...(datum === undefined
        ? {}
        : { datum: { type: "Inline", data: { type: "CBOR", content: toCbor(datum) } } }),
    },
    coinsPerUtxoSize,
  );
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
