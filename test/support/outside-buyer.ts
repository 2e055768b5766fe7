/**
 * A buyer that is not an escrowd node: its own wallet and database, locking with a transaction
 * the test builds by hand (so it can pay after payByTime, which a node never does), and acting
 * on its escrow through the node's own watcher, locator and submitter code.
 */
import { MeshWallet } from "@meshsdk/core";
import { toCbor } from "../../contracts/index.ts";
import { escrowActionBuilder, ESCROW_ACTION_KIND } from "../../src/chain/builders/escrow-action.ts";
import type { EscrowFacts } from "../../src/chain/escrow/deployment.ts";
import { lockOutput, type EscrowLockPayload } from "../../src/chain/escrow/lock-terms.ts";
import { createMeshFetcher } from "../../src/chain/mesh.ts";
import type { ChainPort } from "../../src/chain/port.ts";
import type { RemoteLedger } from "../../src/devnet/thread.ts";
import { builder } from "../../src/devnet/test-support.ts";
import { createEscrowLocator } from "../../src/services/escrow-locator.ts";
import { queueIntent, intentsById } from "../../src/services/intents.ts";
import { createWallet, openWallet, type WalletInfo } from "../../src/services/wallets.ts";
import { createEscrowWatcher } from "../../src/workers/escrow-watcher.ts";
import { createSubmitter } from "../../src/workers/submitter.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";
import { coinsPerUtxoSizeReader } from "../../src/chain/utxo-price.ts";

const KEY = "0b".repeat(32);

export interface OutsideBuyer {
  wallet: WalletInfo;
  /** Locks `terms` now, whatever the time; returns the escrow id. */
  lock(terms: Omit<EscrowLockPayload, "buyerAddress">): Promise<string>;
  /** Takes `action` on the escrow and waits until its transaction is confirmed. */
  act(escrowId: string, action: "WithdrawRefund" | "RequestRefund"): Promise<void>;
  close(): Promise<void>;
}

/** `world` gives the devnet and a chain port on it now (a node restart makes new ones). */
export async function openOutsideBuyer(
  world: () => {
    devnet: { ledger: Pick<RemoteLedger, "nowMs" | "faucet" | "waitForTx"> };
    chain: ChainPort;
  },
  facts: EscrowFacts,
  unit: string,
): Promise<OutsideBuyer> {
  const devnet = () => world().devnet;
  const chainNow = () => world().chain;
  // The workers take one port for good: this one forwards each call to the current one.
  const chain = new Proxy({} as ChainPort, {
    get: (_t, prop) => {
      const c = chainNow();
      const v: unknown = Reflect.get(c, prop);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(c) : v;
    },
  });
  const database: TestDatabase = await freshDatabase();
  const db = database.db;
  const nowMs = () => devnet().ledger.nowMs();
  const wallet = await createWallet(db, {
    role: "purchasing",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: nowMs(),
  });
  await devnet().ledger.faucet(wallet.address, { lovelace: 10_000_000n });
  await devnet().ledger.faucet(wallet.address, {
    lovelace: 500_000_000n,
    assets: [{ unit, quantity: 100_000_000n }],
  });
  const where = { network: "preprod" as const, escrowAddress: facts.escrowAddress };
  const watcher = createEscrowWatcher({
    ...where,
    db,
    chain,
    coinsPerUtxoSize: coinsPerUtxoSizeReader(chain),
    log: () => {},
    nowMs,
  });
  const submitter = createSubmitter({
    db,
    chain,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [escrowActionBuilder(facts, { locate: createEscrowLocator(where) })],
    log: () => {},
    nowMs,
    statusPollMs: 0,
  });
  const { wallet: signer } = await openWallet(db, {
    walletId: wallet.id,
    network: "preprod",
    encryptionKeyHex: KEY,
  });
  return {
    wallet,
    async lock(terms) {
      const params = await chain.protocolParams();
      const out = lockOutput(
        { ...terms, buyerAddress: wallet.address },
        wallet.address,
        facts.escrowAddress,
        Number(params.coinsPerUtxoByteLovelace),
      );
      if (typeof out === "string") throw new Error(`outside lock: ${out}`);
      const fetcher = createMeshFetcher(chain);
      const unsigned = await builder({ fetcher })
        .txOut(facts.escrowAddress, out.amount)
        .txOutInlineDatumValue(toCbor(out.datum), "CBOR")
        .changeAddress(wallet.address)
        .selectUtxosFrom(await fetcher.fetchAddressUTxOs(wallet.address))
        .complete();
      const txHash = await chain.submitTx(await (signer as MeshWallet).signTx(unsigned, true));
      await devnet().ledger.waitForTx(txHash, 30_000);
      return `${txHash}#0`;
    },
    async act(escrowId, action) {
      const id = await queueIntent(db, {
        kind: ESCROW_ACTION_KIND,
        walletId: wallet.id,
        payload: { escrowId, action },
        nowMs: nowMs(),
      });
      for (let round = 0; round < 40; round++) {
        await watcher.tick();
        await submitter.tick();
        const [row] = await intentsById(db, [id]);
        if (row!.status === "done") return;
        if (row!.status === "failed") throw new Error(`outside ${action}: ${row!.lastError}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`outside ${action}: not done in time`);
    },
    async close() {
      await database.close();
    },
  };
}
