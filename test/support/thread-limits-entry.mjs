// A thread started by startRpcThread (src/thread-start.ts) that tells, as it becomes ready, the
// resource limits it runs under (src/thread-start.test.ts checks them).
import { resourceLimits } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runRpcThread } = await import("../../src/thread-start.ts");
await runRpcThread(async () => ({ methods: { close: async () => {} }, ready: resourceLimits }));
