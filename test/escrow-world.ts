/**
 * A devnet, a fresh database, a seller and a buyer wallet, a submitter running the escrow
 * builders and the escrow watcher that locates escrows for them, for the escrow lifecycle
 * tests. Time moves only when a test moves it.
 */
import { eq } from "drizzle-orm";
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";
import { escrowActionBuilder } from "../src/chain/builders/escrow-action.ts";
import { transferBuilder } from "../src/chain/builders/transfer.ts";
import { escrowDeployBuilder } from "../src/chain/builders/escrow-deploy.ts";
import { escrowLockBuilder } from "../src/chain/builders/escrow-lock.ts";
import { escrowFacts, type EscrowFacts } from "../src/chain/escrow/deployment.ts";
import { queueEscrowDeploy } from "../src/chain/escrow/deploy-queue.ts";
import type { EscrowLockPayload } from "../src/chain/escrow/lock-terms.ts";
import { createMeshFetcher } from "../src/chain/mesh.ts";
import type { ChainPort } from "../src/chain/port.ts";
import { chainTxs, intents } from "../src/db/schema.ts";
import { DEVNET_USDM_UNIT, startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { queueIntent } from "../src/services/intents.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { createEscrowWatcher } from "../src/workers/escrow-watcher.ts";
import { createEscrowLocator } from "../src/services/escrow-locator.ts";
import type { EscrowParameters } from "../contracts/index.ts";
import { escrowResolveBuilder } from "../src/chain/builders/escrow-resolve.ts";
import type { TxBuilder } from "../src/chain/builders/types.ts";
import type { EscrowAdmins } from "../src/chain/escrow/admins.ts";
import type { EscrowLocator } from "../src/chain/escrow/locate.ts";
import { freshDatabase, type TestDatabase } from "./support/db.ts";
import { coinsPerUtxoSizeReader } from "../src/chain/utxo-price.ts";

export const KEY = "66".repeat(32);
export const USDM = DEVNET_USDM_UNIT;

export interface EscrowWorld {
  devnet: RunningDevnet;
  database: TestDatabase;
  chain: ChainPort;
  facts: EscrowFacts;
  seller: WalletInfo;
  buyer: WalletInfo;
  /** The node's own locator, fed by the watcher. */
  locate: EscrowLocator;
  submitter: ReturnType<typeof createSubmitter>;
  watcher: ReturnType<typeof createEscrowWatcher>;
  close(): Promise<void>;
}

/** A wallet of the world with the usual funds: a collateral-sized output and two to pay from. */
export async function fundedWallet(
  w: Pick<EscrowWorld, "devnet" | "database">,
  role: WalletInfo["role"],
) {
  const wallet = await createWallet(w.database.db, {
    role,
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: Date.now(),
  });
  // Three outputs: a collateral-sized one and two to pay from (USDM for the buyer's locks).
  await w.devnet.ledger.faucet(wallet.address, { lovelace: 10_000_000n });
  await w.devnet.ledger.faucet(wallet.address, { lovelace: 2_000_000_000n });
  await w.devnet.ledger.faucet(wallet.address, {
    lovelace: 1_000_000_000n,
    assets: [{ unit: USDM, quantity: 1_000_000_000n }],
  });
  return wallet;
}

export interface EscrowWorldOptions {
  /** How many intents each escrow builder is offered per call. */
  batchMax?: number;
  /** The escrow's parameters; by default one admin that no test holds, threshold 1. */
  params?: EscrowParameters;
  /** Admin keys the submitter resolves disputes with (no resolve builder without them). */
  admins?: EscrowAdmins;
}

/** Opens a world; `close` it in `afterAll`. */
export async function openEscrowWorld(opts: EscrowWorldOptions = {}): Promise<EscrowWorld> {
  const batchMax = opts.batchMax ?? 60;
  const devnet = await startDevnet({ port: 0, blockIntervalMs: 3_600_000 });
  const database = await freshDatabase();
  const chain = createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: "preprod" });
  const facts = escrowFacts(
    opts.params ?? { adminKeyHashes: ["ad".repeat(28)], disputeThreshold: 1, cooldownMs: 0 },
    "preprod",
  );
  const seller = await fundedWallet({ devnet, database }, "selling");
  const buyer = await fundedWallet({ devnet, database }, "purchasing");
  devnet.ledger.produceBlock();
  const where = { network: "preprod" as const, escrowAddress: facts.escrowAddress };
  const locate = createEscrowLocator(where);
  const watcher = createEscrowWatcher({
    ...where,
    db: database.db,
    chain,
    coinsPerUtxoSize: coinsPerUtxoSizeReader(chain),
    log: () => {},
    nowMs: () => devnet.ledger.nowMs(),
  });
  const world = { devnet, database, chain, facts, locate };
  const submitter = worldSubmitter(world, [
    transferBuilder,
    escrowDeployBuilder(facts),
    escrowLockBuilder(facts, batchMax),
    escrowActionBuilder(facts, { locate, batchMax }),
    ...(opts.admins
      ? [escrowResolveBuilder(facts, { locate, admins: opts.admins }, batchMax)]
      : []),
  ]);
  return {
    ...world,
    seller,
    buyer,
    submitter,
    watcher,
    async close() {
      await devnet.close();
      await database.close();
    },
  };
}

/** A submitter over the world's database and chain, running `builders`. */
export function worldSubmitter(
  w: Pick<EscrowWorld, "devnet" | "database" | "chain">,
  builders: TxBuilder[],
): ReturnType<typeof createSubmitter> {
  return createSubmitter({
    db: w.database.db,
    chain: w.chain,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders,
    log: () => {},
    nowMs: () => w.devnet.ledger.nowMs(),
    statusPollMs: 0,
  });
}

/** Queues intents of one kind for one wallet, in order; returns their ids. */
export async function queueAll(
  w: EscrowWorld,
  kind: string,
  walletId: string,
  payloads: unknown[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, payload] of payloads.entries())
    ids.push(await queueIntent(w.database.db, { kind, walletId, payload, nowMs: i }));
  return ids;
}

/** A lock's times an hour apart from `nowMs` on: pay by, submit the result by, unlock, dispute. */
export function hourlyTimes(nowMs: number): EscrowLockPayload["times"] {
  const hourMs = 3_600_000;
  return {
    payByTimeMs: nowMs + hourMs,
    submitResultTimeMs: nowMs + 2 * hourMs,
    unlockTimeMs: nowMs + 3 * hourMs,
    externalDisputeUnlockTimeMs: nowMs + 4 * hourMs,
  };
}

/** Deploys the escrow from the seller's wallet (2 ADA key deposit) and lands it in a block. */
export async function deployEscrow(w: EscrowWorld): Promise<void> {
  await queueEscrowDeploy(w.database.db, {
    facts: w.facts,
    walletId: w.seller.id,
    fetcher: createMeshFetcher(w.chain),
    keyDepositLovelace: 2_000_000n,
    nowMs: 0,
  });
  await tickAndBlock(w);
}

/** One submitter tick, then a block with whatever it submitted, read by the watcher. */
export async function tickAndBlock(w: EscrowWorld): Promise<void> {
  await w.submitter.tick();
  w.devnet.ledger.produceBlock();
  await w.watcher.tick();
  await w.submitter.tick();
}

export async function intentRows(w: EscrowWorld, ids: string[]) {
  const rows = await w.database.db.select().from(intents);
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/** The transactions that carried `ids`, with how many of them each carried. */
export async function txSizes(w: EscrowWorld, ids: string[]): Promise<number[]> {
  const counts = new Map<string, number>();
  for (const r of await intentRows(w, ids))
    if (r.txHash) counts.set(r.txHash, (counts.get(r.txHash) ?? 0) + 1);
  return [...counts.values()];
}

export async function chainTxCount(w: EscrowWorld): Promise<number> {
  return (await w.database.db.select().from(chainTxs)).length;
}

export async function confirmedTxs(w: EscrowWorld) {
  return w.database.db.select().from(chainTxs).where(eq(chainTxs.status, "confirmed"));
}

/** Lovelace and USDM at an address. */
export async function holdings(w: EscrowWorld, address: string) {
  const utxos = await w.chain.utxos(address);
  return {
    lovelace: utxos.reduce((s, u) => s + u.value.lovelace, 0n),
    usdm: utxos.reduce((s, u) => s + (u.value.assets[USDM] ?? 0n), 0n),
  };
}

/** Fees paid by the transactions that carried `ids`. */
export async function feesOf(w: EscrowWorld, ids: string[]): Promise<bigint> {
  const hashes = new Set((await intentRows(w, ids)).map((r) => r.txHash!));
  let total = 0n;
  for (const h of hashes) total += (await w.chain.tx(h))!.feesLovelace;
  return total;
}
