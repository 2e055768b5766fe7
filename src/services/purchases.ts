/**
 * The buyer's purchases: checks the seller's signed terms (the signature, the request agreeing
 * with them, the seller holding the agent's NFT, the agent's price, time left to lock: see
 * src/services/purchase-checks.ts), picks a purchasing wallet that can fund the lock, and stores
 * the purchase with its `escrow_lock` intent in one transaction (shared with the other purchases
 * paying from that wallet at the moment: src/services/purchase-commit.ts). Everything a 4xx can
 * come from is checked before anything is written.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { EscrowLockPayload } from "../chain/escrow/lock-terms.ts";
import type { Network } from "../chain/network.ts";
import type { UtxoReader } from "../chain/port.ts";
import { sharedUtxoReads } from "../chain/shared-utxo-reads.ts";
import type { Db } from "../db/client.ts";
import { purchases } from "../db/schema.ts";
import { type Amount, toWireAmounts } from "../domain/amounts.ts";
import {
  type DecodedBlockchainIdentifier,
  escrowReference,
} from "../domain/blockchain-identifier.ts";
import type { PaymentTimes } from "../domain/payment-times.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import { meteredColumns } from "./metered-terms.ts";
import {
  checkAgreement,
  checkSellerAndPrice,
  checkTimes,
  refuseRepeat,
  verifiedIdentifier,
} from "./purchase-checks.ts";
import type { IntentRow } from "./intents.ts";
import { reportedUsageEvent } from "./usage-events.ts";
import type { AgentLabel } from "./purchase-list.ts";
import {
  fundingCandidates,
  type Funding,
  insufficient,
  type Shortfall,
} from "./purchase-funding.ts";
import {
  type Committed,
  commitPurchase,
  type QueuedPurchase,
  walletBusy,
} from "./purchase-commit.ts";
import { recentWallets, type WalletInfo } from "./wallets.ts";

export type PurchaseRow = typeof purchases.$inferSelect;

/** An expected refusal, mapped to HTTP by the routes; `field` is the wire name at fault. */
export class PurchaseError extends Error {
  constructor(
    readonly kind: "invalid" | "conflict" | "notFound",
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface PurchaseContext {
  db: Db;
  network: Network;
  /** The registry policy whose index names the agents sellers may sell. */
  policyId: string;
  escrowAddress: string;
  chain: UtxoReader;
  /** The protocol's coins per UTxO byte, read only once the cheap checks have passed. */
  coinsPerUtxoSize: () => Promise<number>;
  nowMs: number;
}

/** A purchase as the route read it: shapes checked, meaning not yet. */
export interface PurchaseRequestInput {
  blockchainIdentifier: string;
  agentIdentifier: string;
  sellerVkey: string;
  inputHash: string;
  identifierFromPurchaser: string;
  times: PaymentTimes;
  /** Wire amounts (`Amounts`), read here so that problems name `Amounts[i]…`. */
  amounts?: unknown;
  /** The peer's `sellerReturnAddress`: when given, it must be the terms' seller address. */
  sellerAddress?: string;
  /** The peer's `buyerReturnAddress`: when given, only the purchasing wallet there may pay. */
  buyerAddress?: string;
  metadata?: string;
  requestedById?: string;
  /** The seller may collect at unlockTime without a result; the lock's datum carries it. */
  autoRelease?: boolean;
  /** The seller's price sheet (price-sheet.ts wire form) the amounts are a ceiling for. */
  priceSheet?: unknown;
  /** The hash the seller published for its sheet; when given, `priceSheet` must hash to it. */
  priceSheetHash?: string;
}

const invalid = (field: string, message: string) => new PurchaseError("invalid", field, message);

/** A purchase as stored, with what its view shows beside it, as written and read to check it. */
export interface CreatedPurchase {
  row: PurchaseRow;
  lockIntent: IntentRow;
  agent: AgentLabel;
}

/** Checks, stores and queues the lock of one purchase, in state WaitingForFunds. */
export async function createPurchase(
  ctx: PurchaseContext,
  input: PurchaseRequestInput,
): Promise<CreatedPurchase> {
  const decoded = await verifiedIdentifier(ctx, input.blockchainIdentifier);
  const terms = decoded.terms;
  await refuseRepeat(ctx.db, input.blockchainIdentifier);
  checkAgreement(terms, input);
  checkTimes(terms, ctx.nowMs);
  const metered = meteredColumns(input, terms.amounts);
  if (!metered.ok) throw invalid(metered.field, metered.message);
  const agentIdentifier = normaliseAgentIdentifier(terms.agentIdentifier) ?? terms.agentIdentifier;
  const agent = await checkSellerAndPrice(ctx, terms, agentIdentifier);
  const coins = await ctx.coinsPerUtxoSize();
  const reference = escrowReference(decoded);
  const payloadFor = (wallet: WalletInfo): EscrowLockPayload => ({
    sellerAddress: terms.sellerAddress,
    buyerAddress: wallet.address,
    reference,
    inputHash: terms.inputHash,
    times: pickTimes(terms),
    amounts: toWireAmounts(terms.amounts),
    // The datum carries it: the watcher holds the lock to it, and the script lets the seller
    // withdraw without a result only when the lock itself says so. Absent means false, so a
    // fixed-price purchase queues the same payload as before metered terms existed.
    ...(metered.columns.autoRelease ? { autoRelease: true } : {}),
  });
  // Each wallet in turn, until one has the funds under its lock; the refusal names the wallet
  // that came closest.
  const wallets = await recentWallets(ctx.db, ctx.network, "purchasing");
  const candidates = fundingCandidates(
    wallets,
    ctx,
    coins,
    input.buyerAddress,
    payloadFor,
    walletBusy,
  );
  let closest: { funding: Funding; short: Shortfall[] } | undefined;
  for (const funding of candidates) {
    const row = purchaseRow(ctx, input, { decoded, reference, agentIdentifier, metered, funding });
    const stored = await storeFunded(ctx, row, funding, coins, terms.amounts);
    if ("lockIntent" in stored) return { row, lockIntent: stored.lockIntent, agent };
    const { short } = stored;
    if (closest === undefined || short.length < closest.short.length) closest = { funding, short };
  }
  throw invalid("Amounts", insufficient(closest!.funding.wallet, closest!.short));
}

/**
 * Stores the purchase if `funding`'s wallet has the funds and returns its lock intent, else
 * returns what it lacks (nothing written). The chain's outputs are read before the lock (the
 * answer may take a while, and nobody waits on it), first from a read shared with the other
 * purchases of the moment (src/chain/shared-utxo-reads.ts); a wallet that looks short is read
 * afresh before it is passed over, as money may just have come in (one read for all the
 * purchases that find it short at the moment).
 */
async function storeFunded(
  ctx: PurchaseContext,
  row: PurchaseRow,
  funding: Funding,
  coins: number,
  amounts: readonly Amount[],
): Promise<Committed> {
  const shared = sharedUtxoReads(ctx.chain);
  const address = funding.wallet.address;
  const lookedAtMs = shared.nowMs();
  const reads = [() => shared.utxos(address), () => shared.utxosSince(address, lookedAtMs)];
  let short: Shortfall[] = [];
  for (const read of reads) {
    const onChain = await read();
    const stored = await store({ ctx, row, funding, onChain, coins, amounts });
    if ("lockIntent" in stored) return stored;
    short = stored.short;
  }
  return { short };
}

function purchaseRow(
  ctx: PurchaseContext,
  input: PurchaseRequestInput,
  p: {
    decoded: DecodedBlockchainIdentifier;
    reference: string;
    agentIdentifier: string;
    metered: Extract<ReturnType<typeof meteredColumns>, { ok: true }>;
    funding: Funding;
  },
): PurchaseRow {
  const terms = p.decoded.terms;
  return {
    id: randomUUID(),
    network: ctx.network,
    blockchainIdentifier: input.blockchainIdentifier,
    // The lock datum's reference (16 bytes), which the watcher matches its escrows by.
    escrowReference: p.reference,
    agentIdentifier: p.agentIdentifier,
    sellerVkey: terms.sellerVkey,
    sellerAddress: terms.sellerAddress,
    purchasingWalletId: p.funding.wallet.id,
    identifierFromPurchaser: terms.identifierFromPurchaser,
    inputHash: terms.inputHash,
    amounts: JSON.stringify(toWireAmounts(terms.amounts)),
    ...pickTimes(terms),
    state: "WaitingForFunds",
    resultHash: null,
    escrowId: null,
    invalidReason: null,
    metadata: input.metadata ?? null,
    requestedById: input.requestedById ?? null,
    ...p.metered.columns,
    reportedUsage: null,
    createdAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
  };
}

function pickTimes(t: PaymentTimes): PaymentTimes {
  return {
    payByTimeMs: t.payByTimeMs,
    submitResultTimeMs: t.submitResultTimeMs,
    unlockTimeMs: t.unlockTimeMs,
    externalDisputeUnlockTimeMs: t.externalDisputeUnlockTimeMs,
  };
}

/**
 * Writes the purchase and its lock intent, spends the key's credits and consumes its budgets, in
 * one transaction with the other purchases paying from the wallet at the moment, under the
 * wallet's lock (src/services/purchase-commit.ts).
 */
async function store(p: QueuedPurchase): Promise<Committed> {
  try {
    return await commitPurchase(p);
  } catch (err) {
    // A purchase of the same identifier that committed first is a 409, not a crash.
    if (!(err instanceof PurchaseError)) await refuseRepeat(p.ctx.db, p.row.blockchainIdentifier);
    throw err;
  }
}

/** The purchase with this identifier on the network, or a notFound refusal. */
export async function purchaseByIdentifier(
  db: Db,
  network: Network,
  blockchainIdentifier: string,
): Promise<PurchaseRow> {
  const [row] = await db
    .select()
    .from(purchases)
    .where(
      and(eq(purchases.network, network), eq(purchases.blockchainIdentifier, blockchainIdentifier)),
    )
    .limit(1);
  if (row === undefined) {
    throw new PurchaseError("notFound", "blockchainIdentifier", "no purchase with this identifier");
  }
  return row;
}

/** Stores the usage the buyer reports for a purchase (canonical JSON, see usage-wire.ts). */
export async function storeReportedUsage(
  db: Db,
  purchaseId: string,
  usageJson: string,
  nowMs: number,
): Promise<void> {
  // The usage and its usage event commit together (the outbox, issue 12).
  await db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await tx
      .update(purchases)
      .set({ reportedUsage: usageJson, updatedAtMs: nowMs })
      .where(eq(purchases.id, purchaseId));
    await reportedUsageEvent(tx, purchaseId, usageJson, nowMs);
  });
}
