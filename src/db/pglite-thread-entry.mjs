// The database's thread starts as plain Node: like bin/escrowd.js on the main thread, it
// registers tsx to load the TypeScript sources (a worker thread does not inherit the loader).
import { register } from "tsx/esm/api";

register();
const { runPgliteThread } = await import("./pglite-thread-run.ts");
await runPgliteThread();
