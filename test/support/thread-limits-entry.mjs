// A thread started by startRpcThread (src/thread-start.ts) that tells, as it becomes ready, the
// resource limits it runs under (src/thread-start.test.ts checks them), and on `spin` keeps its
// event loop busy for the milliseconds asked (the test reads that in its utilisation).
import { performance } from "node:perf_hooks";
import { resourceLimits } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runRpcThread } = await import("../../src/thread-start.ts");
const spin = async (ms) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
await runRpcThread(async () => ({
  methods: { close: async () => {}, spin },
  ready: resourceLimits,
}));
