// The devnet's thread starts as plain Node: like bin/escrowd.js on the main thread, it registers
// tsx to load the TypeScript sources (a worker thread does not inherit the main thread's loader).
import { register } from "tsx/esm/api";

register();
const { runDevnetThread } = await import("./thread-run.ts");
await runDevnetThread();
