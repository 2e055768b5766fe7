/**
 * The agent registry's asset names and redeemers, shared by the policy and the off-chain code.
 *
 * An asset name is 32 bytes: a one-byte prefix, a 28-byte root and a 3-byte version.
 * - root = blake2b_224(txId ‖ outputIndex as 4 bytes big-endian) of an input the minting
 *   transaction spends, so no two agents can ever share a root;
 * - version starts at 0 and goes up by one on each update.
 * The prefix (0x72, "r") keeps names out of CIP-67's label space (first nibble 0).
 *
 * Why a version: the ledger nets a transaction's mint per asset, so burning and re-minting the
 * very same name in one transaction is a zero mint that the ledger drops (and Conway refuses).
 * An update therefore burns version v and mints version v+1 of the same root; the agent's
 * stable identifier is the policy id plus the 29-byte prefix and root.
 */
export const NAME_PREFIX = 0x72;
export const ROOT_BYTES = 28;
export const VERSION_BYTES = 3;
export const NAME_BYTES = 1 + ROOT_BYTES + VERSION_BYTES;
/** Bytes of the out-ref index fed to the root hash. */
export const INDEX_BYTES = 4;

/** Constructor tags of the policy's redeemer. */
export const RegistryAction = { Mint: 0, Burn: 1, Update: 2 } as const;
export type RegistryActionName = keyof typeof RegistryAction;

/** The policy's trace messages (short: each character is a byte of the script). */
export const RegistryTrace = {
  purpose: "bad purpose",
  refNotSpent: "ref not spent",
  mintOne: "mint one",
  nameNotDerived: "name not from ref",
  burnOnly: "burn only",
  badRedeemer: "bad redeemer",
  updateShape: "update +1/-1 only",
  updateCounts: "update unbalanced",
  updateWithoutBurn: "update without burn",
  nameLength: "name not 32 bytes",
} as const;
