/**
 * Which wallet outputs escrow transactions spend: never an output holding a reference script
 * (Conway charges for those, and Mesh's fee estimate misses it), and never the wallet's
 * collateral while anything else can pay, so script spends keep a collateral to offer.
 */
import type { UTxO } from "@meshsdk/core";
import { otherUtxos, pickCollateral } from "../builders/registry-common.ts";
import { qty } from "./value.ts";

const lovelaceOf = (u: UTxO): bigint => qty(u.output.amount, "lovelace");

/** The most wallet outputs one transaction spends to pay its fee and top-ups. */
export const FEE_INPUTS_MAX = 8;

/** Outputs coin selection may use: all but reference-script holders and, if others exist, the collateral. */
export function selectableUtxos(utxos: UTxO[]): UTxO[] {
  const all = otherUtxos(utxos, []);
  const collateral = pickCollateral(all);
  return collateral && all.length > 1 ? otherUtxos(all, [collateral]) : all;
}

/**
 * The wallet's outputs with the most lovelace (never the collateral, never a reference script)
 * until they hold `need`; tokens they carry go back in the change. Throws when the wallet
 * cannot cover `need` with FEE_INPUTS_MAX outputs: the intents then wait for funds.
 */
export function pickFeeInputs(utxos: UTxO[], collateral: UTxO, need: bigint): UTxO[] {
  const byLovelace = otherUtxos(utxos, [collateral]).sort((a, b) =>
    lovelaceOf(b) > lovelaceOf(a) ? 1 : lovelaceOf(b) < lovelaceOf(a) ? -1 : 0,
  );
  const chosen: UTxO[] = [];
  let have = 0n;
  for (const u of byLovelace.slice(0, FEE_INPUTS_MAX)) {
    if (have >= need) break;
    chosen.push(u);
    have += lovelaceOf(u);
  }
  if (have < need)
    throw new Error(`the wallet's largest outputs hold ${have} lovelace, ${need} needed`);
  return chosen;
}
