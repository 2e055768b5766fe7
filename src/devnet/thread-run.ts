/**
 * The devnet thread's side (see src/devnet/thread.ts): lowers its own CPU priority below the
 * node's threads (src/thread-priority.ts), starts the devnet with the shared clock cell, tells
 * its parent where it serves, forwards its log lines, and answers the parent's ledger calls
 * until it is told to close.
 */
import type { RpcMethods } from "../thread-rpc.ts";
import { DEVNET_THREAD_NICE, lowerThreadPriority } from "../thread-priority.ts";
import { runRpcThread } from "../thread-start.ts";
import { startDevnet } from "./index.ts";
import { LEDGER_CALLS, type DevnetThreadData, type DevnetWhere } from "./thread.ts";

export async function runDevnetThread(): Promise<void> {
  await runRpcThread<DevnetThreadData, DevnetWhere>(async (data, log) => {
    if (!(await lowerThreadPriority(DEVNET_THREAD_NICE))) {
      log(`devnet: its thread runs at the node's priority (no nice binding here)`);
    }
    const devnet = await startDevnet({ ...data.options, clockCell: data.clockCell, log });
    const { ledger, faults } = devnet;
    const methods: RpcMethods = Object.fromEntries(
      LEDGER_CALLS.map((name) => [
        name,
        async (...args: unknown[]) => (ledger[name] as (...a: unknown[]) => unknown)(...args),
      ]),
    );
    methods.setFaults = async (config: Parameters<typeof faults.set>[0]) => faults.set(config);
    methods.close = async () => devnet.close();
    return { methods, ready: { url: devnet.url, blockfrostUrl: devnet.blockfrostUrl } };
  });
}
