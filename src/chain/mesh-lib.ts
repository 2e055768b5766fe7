/**
 * Mesh, loaded when the node first builds, signs or decodes a transaction, not when it imports
 * a module that can: the main thread imports the builders (for their kinds and batch sizes),
 * the chain adapters and the wallet code, but builds and signs on a build thread, and Mesh
 * costs each thread that loads it about 100 MB. Everything else the main thread does with
 * addresses, keys, hashes and sizes has its own Mesh-free code (contracts/address.ts,
 * contracts/blake2b.ts, src/domain/wallet-derivation.ts, src/chain/escrow/value.ts).
 *
 * The node loads Mesh's parts, not `@meshsdk/core`: that package also loads `@meshsdk/provider`,
 * which brings a second copy of the serialisation library (another version, 4.6 MB of source),
 * a gRPC client and an HTTP client, none of which the node uses. Loading a build thread's Mesh
 * this way peaked about 25 MB lower and held about 15 MB less afterwards (measured in a worker
 * thread, two runs each).
 */
export interface Mesh {
  MeshTxBuilder: typeof import("@meshsdk/transaction").MeshTxBuilder;
  core: typeof import("@meshsdk/core-cst");
}

let loading: Promise<Mesh> | undefined;

/** Mesh's transaction builder and serialisation library, imported on the first call. */
export function loadMesh(): Promise<Mesh> {
  loading ??= Promise.all([import("@meshsdk/transaction"), import("@meshsdk/core-cst")]).then(
    ([transaction, core]) => ({ MeshTxBuilder: transaction.MeshTxBuilder, core }),
  );
  return loading;
}
