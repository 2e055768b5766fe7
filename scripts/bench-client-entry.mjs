// The benchmark's client thread starts as plain Node: it registers tsx to load the TypeScript
// sources (a worker thread does not inherit the main thread's loader).
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { payAll } = await import("./bench-client.ts");
try {
  parentPort.postMessage({ paid: await payAll(workerData) });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
