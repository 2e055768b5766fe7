/**
 * The devnet thread's side (see src/devnet/thread.ts): starts the devnet with the shared clock
 * cell, tells its parent where it serves, forwards its log lines, and answers the parent's
 * ledger calls until it is told to close.
 */
import { parentPort, workerData } from "node:worker_threads";
import { serveRpc, type RpcMethods } from "../thread-rpc.ts";
import { startDevnet } from "./index.ts";
import { LEDGER_CALLS, type DevnetThreadData, type DevnetThreadNote } from "./thread.ts";

const tell = (note: DevnetThreadNote) => parentPort!.postMessage(note);

export async function runDevnetThread(): Promise<void> {
  const data = workerData as DevnetThreadData;
  let devnet;
  try {
    devnet = await startDevnet({
      ...data.options,
      clockCell: data.clockCell,
      log: (line) => tell({ kind: "log", line }),
    });
  } catch (err) {
    tell({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const { ledger, faults } = devnet;
  const methods: RpcMethods = Object.fromEntries(
    LEDGER_CALLS.map((name) => [
      name,
      async (...args: unknown[]) => (ledger[name] as (...a: unknown[]) => unknown)(...args),
    ]),
  );
  methods.setFaults = async (config: Parameters<typeof faults.set>[0]) => faults.set(config);
  methods.close = async () => devnet.close();
  serveRpc(data.port, methods, "the devnet's thread");
  tell({ kind: "ready", url: devnet.url, blockfrostUrl: devnet.blockfrostUrl });
}
