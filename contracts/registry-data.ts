/**
 * Registry asset names and redeemers (see registry/layout.ts for the name's layout and why it
 * carries a version).
 */
import { blake2bHex } from "./blake2b.ts";
import {
  INDEX_BYTES,
  NAME_BYTES,
  NAME_PREFIX,
  RegistryAction,
  ROOT_BYTES,
  VERSION_BYTES,
} from "./registry/layout.ts";
import { outRefData, pConstr, pList, type PlutusData } from "./plutus-data.ts";

const hexInt = (n: number, bytes: number): string => n.toString(16).padStart(bytes * 2, "0");

/** The 28-byte root of an agent minted by spending `txHash#outputIndex`. */
export function registryRoot(txHash: string, outputIndex: number): string {
  return blake2bHex(`${txHash}${hexInt(outputIndex, INDEX_BYTES)}`, ROOT_BYTES);
}

/** The asset name (hex) of version `version` of the agent rooted at an out-ref. */
export function registryAssetName(txHash: string, outputIndex: number, version = 0): string {
  return `${hexInt(NAME_PREFIX, 1)}${registryRoot(txHash, outputIndex)}${hexInt(version, VERSION_BYTES)}`;
}

/** The agent's stable identifier part: prefix and root, the name without its version. */
export const registryStem = (assetName: string): string =>
  assetName.slice(0, (NAME_BYTES - VERSION_BYTES) * 2);

/** The version of an asset name. */
export const registryVersion = (assetName: string): number =>
  parseInt(assetName.slice((NAME_BYTES - VERSION_BYTES) * 2), 16);

/** The name of the next version (what an update mints). */
export const nextRegistryAssetName = (assetName: string): string =>
  `${registryStem(assetName)}${hexInt(registryVersion(assetName) + 1, VERSION_BYTES)}`;

export const registryMintRedeemer = (
  outRefs: { txHash: string; outputIndex: number }[],
): PlutusData =>
  pConstr(RegistryAction.Mint, [pList(outRefs.map((r) => outRefData(r.txHash, r.outputIndex)))]);
export const REGISTRY_BURN_REDEEMER: PlutusData = pConstr(RegistryAction.Burn, []);
export const REGISTRY_UPDATE_REDEEMER: PlutusData = pConstr(RegistryAction.Update, []);
