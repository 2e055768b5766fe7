/**
 * A PGlite in `dir` (in memory when undefined), ready for queries: the one way the node opens
 * one, on its own thread (src/db/pglite-thread-run.ts) or on the caller's (src/db/client.ts).
 */
import { mkdir } from "node:fs/promises";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

export async function newPglite(dir: string | undefined, options: PGliteOptions = {}) {
  // PGlite creates its own directory but not the ones above it (a fresh DATA_DIR).
  if (dir) await mkdir(dir, { recursive: true });
  const db = dir ? new PGlite(dir, options) : new PGlite(options);
  await db.waitReady;
  return db;
}
