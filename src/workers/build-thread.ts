/**
 * A build thread: builds and signs one batch of intents per task, off the main thread. Building
 * a transaction of dozens of escrows (CBOR in and out of Mesh, fee and size fitting, evaluation's
 * serialisation) and signing it take hundreds of milliseconds of CPU; on the main thread they
 * held up every API request and every other worker for that long. The builders are the same
 * ones (src/chain/builders/all.ts); what they read, they read through the main thread
 * (src/thread-rpc.ts): the chain client, the escrow locator over the submitter's database
 * transaction, and the escrow admins' signatures. The thread opens the paying wallet itself from
 * the sealed row it is given, so the wallet signs where the transaction was built.
 */
import { workerData } from "node:worker_threads";
import type { EscrowAdmins } from "../chain/escrow/admins.ts";
import type { EscrowLocation } from "../chain/escrow/locate.ts";
import { nodeBuilders } from "../chain/builders/all.ts";
import { createMeshEvaluator, createMeshFetcher, type MeshFetcherPort } from "../chain/mesh.ts";
import type { TxEvaluator } from "../chain/port.ts";
import type { Db } from "../db/client.ts";
import { openSealedWallet } from "../services/wallet-keys.ts";
import { rpcClient } from "../thread-rpc.ts";
import { signedTx } from "../chain/tx-outputs.ts";
import {
  CHAIN_METHODS,
  type BuildResult,
  type BuildTask,
  type BuildThreadData,
} from "./build-task.ts";

// Nothing on the thread may reach the database: what a builder reads of the node's records
// comes through the locator, answered on the main thread inside the submitter's transaction.
const NO_DATABASE = new Proxy({} as Db, {
  get() {
    throw new Error("a build thread has no database: read through the locator");
  },
});

export default async function buildOnThread(task: BuildTask): Promise<BuildResult> {
  const data = workerData as BuildThreadData;
  const call = rpcClient(task.port, "the main thread");
  try {
    const chain = Object.fromEntries(
      CHAIN_METHODS.map((m) => [m, (...args: unknown[]) => call(m, ...args)]),
    ) as unknown as MeshFetcherPort & TxEvaluator;
    const admins: EscrowAdmins = {
      keyHashes: data.adminKeyHashes,
      sign: (cbor, keyHashes) => call("adminSign", cbor, keyHashes) as Promise<string>,
    };
    const locate = (ids: readonly string[]) =>
      call("locate", ids) as Promise<Map<string, EscrowLocation>>;
    const builder = nodeBuilders(data.facts, { locate, admins }).find((b) => b.kind === task.kind);
    if (builder === undefined) throw new Error(`build thread: no builder for ${task.kind}`);
    const outcome = await builder.build({
      ...task.input,
      fetcher: createMeshFetcher(chain, { rememberTxs: true }),
      evaluator: createMeshEvaluator(chain),
      db: NO_DATABASE,
    });
    if (outcome.tx === undefined) return { outcome };
    const wallet = await openSealedWallet(task.wallet, data);
    const cbor = await wallet.signTx(outcome.tx.unsignedCbor, true);
    const signed = signedTx(cbor, task.input.walletAddress);
    return { outcome: { ...outcome, tx: { ...outcome.tx, signed } } };
  } finally {
    task.port.close();
  }
}
