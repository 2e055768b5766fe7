/** Cardano networks the node knows, with the facts that differ between them. */

export type Network = "preprod" | "mainnet";

/** How POSIX time maps to slots on a network (see FACTS.md). */
export interface SlotConfig {
  zeroTimeMs: number;
  zeroSlot: number;
  slotLengthMs: number;
}

export const SLOT_CONFIGS: Record<Network, SlotConfig> = {
  preprod: { zeroTimeMs: 1655769600000, zeroSlot: 86400, slotLengthMs: 1000 },
  mainnet: { zeroTimeMs: 1596059091000, zeroSlot: 4492800, slotLengthMs: 1000 },
};

/** The stablecoin each network settles in: tUSDM on preprod, USDM on mainnet (6 decimals). */
export const USDM_UNIT: Record<Network, string> = {
  preprod: "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d",
  mainnet: "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d",
};

/** Address network id: 0 for every test network, 1 for mainnet. */
export function networkId(network: Network): 0 | 1 {
  return network === "mainnet" ? 1 : 0;
}

/** The slot that contains the POSIX time `timeMs` (whole slots, rounded down). */
export function timeToSlot(timeMs: number, network: Network): number {
  const c = SLOT_CONFIGS[network];
  return c.zeroSlot + Math.floor((timeMs - c.zeroTimeMs) / c.slotLengthMs);
}

/** The POSIX time at which `slot` begins. */
export function slotToTime(slot: number, network: Network): number {
  const c = SLOT_CONFIGS[network];
  return c.zeroTimeMs + (slot - c.zeroSlot) * c.slotLengthMs;
}
