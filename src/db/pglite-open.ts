/**
 * A PGlite in `dir` (in memory when undefined), ready for queries: the one way the node opens
 * one, on its own thread (src/db/pglite-thread-run.ts) or on the caller's (src/db/client.ts).
 */
import { mkdir } from "node:fs/promises";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

/**
 * PostgreSQL's default is 128MB. PGlite's buffers live in its WebAssembly memory, which grows as
 * pages are touched and never gives memory back: with 32MB the embedded node rested at 779 MB
 * after the 200-lifecycle benchmark instead of 840, at the same intake (59.6 and 60.7 a second);
 * with 16MB at 457 MB instead of 503 and 513 (later code, one run each, intake within the runs'
 * spread). The node's working set (queued intents, recent transactions) fits in either.
 */
const SHARED_BUFFERS = "16MB";

export async function newPglite(dir: string | undefined, options: PGliteOptions = {}) {
  // PGlite creates its own directory but not the ones above it (a fresh DATA_DIR).
  if (dir) await mkdir(dir, { recursive: true });
  const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`];
  const db = dir
    ? new PGlite(dir, { startParams, ...options })
    : new PGlite({ startParams, ...options });
  await db.waitReady;
  return db;
}
