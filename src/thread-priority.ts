/**
 * Background threads at a lower CPU priority than the API's. On two cores the node's main
 * thread (HTTP) and its database's thread share the machine with a build thread that signs and
 * evaluates batches of fifty escrows and, in the embedded shape, a devnet validating them: at
 * the same priority either of those took a core for a second at a time while requests waited
 * for theirs. Niced, they run on what the API leaves, and no later.
 */

/** Build threads (src/workers/build-threads.ts): piscina nices each one as it starts. */
export const BUILD_THREAD_NICE = 10;

/**
 * The embedded devnet's thread (src/devnet/thread.ts): it stands in for a chain that runs on
 * other machines, as the production-shape benchmark's standalone devnet does at nice 15.
 */
export const DEVNET_THREAD_NICE = 15;

/**
 * Lowers the calling thread's priority by `increment` (nice(2): on Linux, the calling thread's
 * own). Where the platform has no binding it stays as it was: false then.
 */
export async function lowerThreadPriority(increment: number): Promise<boolean> {
  try {
    const { nice } = await import("@napi-rs/nice");
    nice(increment);
    return true;
  } catch {
    return false;
  }
}
