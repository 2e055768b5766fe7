/**
 * A devnet world for ResolveDispute: the escrow of the devnet's admin set (2 of 3), a seller,
 * a buyer, a third wallet that pays for resolves without being a party, a submitter running
 * every escrow builder, and a locator that follows an escrow along the chain.
 */
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";
import { escrowActionBuilder } from "../src/chain/builders/escrow-action.ts";
import { escrowDeployBuilder } from "../src/chain/builders/escrow-deploy.ts";
import { escrowLockBuilder } from "../src/chain/builders/escrow-lock.ts";
import { escrowResolveBuilder } from "../src/chain/builders/escrow-resolve.ts";
import {
  decodeEscrowDatum,
  fromCbor,
  type EscrowDatum,
  type NetworkId,
} from "../contracts/index.ts";
import {
  DEVNET_ESCROW_ADMINS,
  devnetEscrowParams,
  loadEscrowAdmins,
  type EscrowAdmins,
} from "../src/chain/escrow/admins.ts";
import { escrowFacts, type EscrowFacts } from "../src/chain/escrow/deployment.ts";
import {
  parseEscrowId,
  type EscrowLocation,
  type EscrowLocator,
} from "../src/chain/escrow/locate.ts";
import { toMeshUtxo } from "../src/chain/mesh-convert.ts";
import type { ChainPort, TxOutput, TxUtxos } from "../src/chain/port.ts";
import { DEVNET_USDM_UNIT, startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { intentsById, queueIntent } from "../src/services/intents.ts";
import { createWallet, type WalletInfo } from "../src/services/wallets.ts";
import { createSubmitter } from "../src/workers/submitter.ts";
import { freshDatabase, type TestDatabase } from "./support/db.ts";

export const KEY = "66".repeat(32);
export const USDM = DEVNET_USDM_UNIT;

export interface ResolveWorld {
  devnet: RunningDevnet;
  database: TestDatabase;
  chain: ChainPort;
  facts: EscrowFacts;
  seller: WalletInfo;
  buyer: WalletInfo;
  /** Pays for resolves: holds no admin key and is no party to any escrow. */
  payer: WalletInfo;
  locate: EscrowLocator;
  admins: EscrowAdmins;
  submitter: ReturnType<typeof createSubmitter>;
  close(): Promise<void>;
}

/** The most transactions the locator follows an escrow through (a test escrow moves a few times). */
const HOPS_MAX = 32;

/** An escrow output as the locator returns it, or null when `o` is not one of the escrow's. */
function asEscrow(txHash: string, o: TxOutput, facts: EscrowFacts, id: NetworkId) {
  if (o.address !== facts.escrowAddress || o.inlineDatumCbor === null) return null;
  const datum: EscrowDatum = decodeEscrowDatum(fromCbor(o.inlineDatumCbor), id);
  return { kind: "escrow" as const, utxo: toMeshUtxo(txHash, o, undefined), datum };
}

/**
 * Follows one escrow from its lock along the chain: through each transaction that spent its
 * output, to the output at the escrow address with the same reference (the continuing output).
 * Confirmed transactions only: a spend still in the mempool goes unseen, so tests produce a
 * block after each submission before locating again.
 */
async function follow(
  chain: ChainPort,
  facts: EscrowFacts,
  escrowId: string,
): Promise<EscrowLocation> {
  const ref = parseEscrowId(escrowId);
  if (ref === null) return { kind: "invalid", reason: "malformed escrow id" };
  let txHash = ref.txHash;
  let pick = (outs: TxUtxos["outputs"]) => outs.find((o) => o.outputIndex === ref.outputIndex);
  for (let hop = 0; hop < HOPS_MAX; hop++) {
    const t = await chain.txUtxos(txHash);
    if (t === null) return { kind: "notYet" };
    const o = pick(t.outputs);
    const here = o === undefined ? null : asEscrow(txHash, o, facts, 0);
    if (o === undefined || here === null)
      return { kind: "invalid", reason: hop === 0 ? "no escrow there" : "the escrow has ended" };
    const next = o.consumedByTxHash;
    if (next === null) return here;
    const reference = here.datum.reference;
    pick = (outs) => outs.find((x) => asEscrow(next, x, facts, 0)?.datum.reference === reference);
    txHash = next;
  }
  throw new Error(`escrow ${escrowId} moved more than ${HOPS_MAX} times`);
}

/** A locator over the chain port (what the node's watcher-fed locator answers, read live). */
export function chainLocator(chain: ChainPort, facts: EscrowFacts): EscrowLocator {
  return async (ids) => {
    const out = new Map<string, EscrowLocation>();
    for (const id of ids) out.set(id, await follow(chain, facts, id));
    return out;
  };
}

async function fundedWallet(
  w: Pick<ResolveWorld, "devnet" | "database">,
  role: WalletInfo["role"],
) {
  const wallet = await createWallet(w.database.db, {
    role,
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: Date.now(),
  });
  // A collateral-sized output and two to pay from (USDM for the buyer's locks).
  await w.devnet.ledger.faucet(wallet.address, { lovelace: 10_000_000n });
  await w.devnet.ledger.faucet(wallet.address, { lovelace: 2_000_000_000n });
  await w.devnet.ledger.faucet(wallet.address, {
    lovelace: 1_000_000_000n,
    assets: [{ unit: USDM, quantity: 1_000_000_000n }],
  });
  return wallet;
}

/** The same world with a submitter that resolves (only) with `admins`. */
export function withAdmins(w: ResolveWorld, admins: EscrowAdmins): ResolveWorld {
  const submitter = createSubmitter({
    db: w.database.db,
    chain: w.chain,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [escrowResolveBuilder(w.facts, { locate: w.locate, admins })],
    log: () => {},
    nowMs: () => w.devnet.ledger.nowMs(),
    statusPollMs: 0,
  });
  return { ...w, admins, submitter };
}

/** Opens the world, holding all three devnet admin keys. */
export async function openResolveWorld(batchMax = 60): Promise<ResolveWorld> {
  const devnet = await startDevnet({ port: 0, blockIntervalMs: 3_600_000 });
  const database = await freshDatabase();
  const chain = createBlockfrostChain({ baseUrl: devnet.blockfrostUrl, network: "preprod" });
  const facts = escrowFacts(devnetEscrowParams(), "preprod");
  const seller = await fundedWallet({ devnet, database }, "selling");
  const buyer = await fundedWallet({ devnet, database }, "purchasing");
  const payer = await fundedWallet({ devnet, database }, "selling");
  devnet.ledger.produceBlock();
  const locate = chainLocator(chain, facts);
  const admins = await loadEscrowAdmins(DEVNET_ESCROW_ADMINS, "preprod");
  const submitter = createSubmitter({
    db: database.db,
    chain,
    network: "preprod",
    encryptionKeyHex: KEY,
    builders: [
      escrowDeployBuilder(facts),
      escrowLockBuilder(facts, batchMax),
      escrowActionBuilder(facts, { locate, batchMax }),
      escrowResolveBuilder(facts, { locate, admins }, batchMax),
    ],
    log: () => {},
    nowMs: () => devnet.ledger.nowMs(),
    statusPollMs: 0,
  });
  return {
    devnet,
    database,
    chain,
    facts,
    seller,
    buyer,
    payer,
    locate,
    admins,
    submitter,
    async close() {
      await devnet.close();
      await database.close();
    },
  };
}

/** Queues intents of one kind for one wallet, in order; returns their ids. */
export async function queueAll(
  w: ResolveWorld,
  kind: string,
  walletId: string,
  payloads: unknown[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, payload] of payloads.entries())
    ids.push(await queueIntent(w.database.db, { kind, walletId, payload, nowMs: i }));
  return ids;
}

/** One submitter tick, then a block with whatever it submitted, then a tick to see it land. */
export async function tickAndBlock(w: ResolveWorld): Promise<void> {
  await w.submitter.tick();
  w.devnet.ledger.produceBlock();
  await w.submitter.tick();
}

/** The intent rows of `ids`, in the same order. */
export async function intentRows(w: ResolveWorld, ids: string[]) {
  const rows = await intentsById(w.database.db, ids);
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/** The distinct transactions that carried `ids`. */
export async function txHashesOf(w: ResolveWorld, ids: string[]): Promise<string[]> {
  return [...new Set((await intentRows(w, ids)).map((r) => r.txHash).filter((h) => h !== null))];
}

/** Lovelace and USDM at an address. */
export async function holdings(w: ResolveWorld, address: string) {
  const utxos = await w.chain.utxos(address);
  return {
    lovelace: utxos.reduce((s, u) => s + u.value.lovelace, 0n),
    usdm: utxos.reduce((s, u) => s + (u.value.assets[USDM] ?? 0n), 0n),
  };
}
