/**
 * A devnet that makes blocks only when told, a fresh database, the chain port over HTTP, and
 * one purchasing wallet of the node funded with 5,000 ADA: where the submitter's tests run.
 */
import { createBlockfrostChain } from "../../src/chain/blockfrost.ts";
import { TRANSFER_KIND } from "../../src/chain/builders/transfer.ts";
import type { ChainPort } from "../../src/chain/port.ts";
import { startDevnet, type RunningDevnet } from "../../src/devnet/index.ts";
import { newWallet } from "../../src/devnet/test-support.ts";
import { queueIntent } from "../../src/services/intents.ts";
import { createWallet, type WalletInfo } from "../../src/services/wallets.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";

export interface PayerWorld {
  devnet: RunningDevnet;
  database: TestDatabase;
  chain: ChainPort;
  payer: WalletInfo;
}

export async function openPayerWorld(encryptionKeyHex: string): Promise<PayerWorld> {
  const devnet = await startDevnet({ port: 0, blockIntervalMs: 3_600_000 });
  const database = await freshDatabase();
  const chain = createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: "preprod" });
  const payer = await createWallet(database.db, {
    role: "purchasing",
    network: "preprod",
    encryptionKeyHex,
    nowMs: Date.now(),
  });
  const funding = await devnet.ledger.faucet(payer.address, { lovelace: 5_000_000_000n });
  devnet.ledger.produceBlock();
  await devnet.ledger.waitForTx(funding, 10_000);
  return { devnet, database, chain, payer };
}

/** Queues `count` transfers of `lovelace` from the payer to a new address. */
export async function queueTransfers(
  w: Pick<PayerWorld, "database" | "payer">,
  count: number,
  lovelace = 2_000_000n,
): Promise<{ ids: string[]; to: string }> {
  const { address: to } = await newWallet();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await queueIntent(w.database.db, {
        kind: TRANSFER_KIND,
        walletId: w.payer.id,
        payload: { address: to, lovelace: String(lovelace), assets: [] },
        nowMs: Date.now(),
      }),
    );
  }
  return { ids, to };
}
