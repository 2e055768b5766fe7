/**
 * Mesh, loaded when the node first builds, signs or decodes a transaction, not when it imports
 * a module that can: the main thread imports the builders (for their kinds and batch sizes),
 * the chain adapters and the wallet code, but builds and signs on a build thread, and Mesh
 * costs each thread that loads it about 100 MB. Everything else the main thread does with
 * addresses, keys, hashes and sizes has its own Mesh-free code (contracts/address.ts,
 * contracts/blake2b.ts, src/domain/wallet-derivation.ts, src/chain/escrow/value.ts).
 */
export type Mesh = typeof import("@meshsdk/core");

let loading: Promise<Mesh> | undefined;

/** The Mesh module, imported on the first call. */
export function loadMesh(): Promise<Mesh> {
  loading ??= import("@meshsdk/core");
  return loading;
}
