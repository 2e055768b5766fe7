/**
 * A node for the metered route tests without a chain: its own database, wallets and API keys,
 * the escrow and metered routes mounted on a bare Hono app, and helpers that write a payment, a
 * purchase and the watcher's escrow events directly, the way the watcher would. Two of them,
 * given the same terms and events, are a seller's node and a buyer's node of one escrow.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Hono } from "hono";
import { escrowAddress, escrowDatum, toCbor, type EscrowDatum } from "../../contracts/index.ts";
import { escrowActionRoutes } from "../../src/api/escrow-actions.ts";
import { onApiError } from "../../src/api/errors.ts";
import { meteredActionRoutes } from "../../src/api/metered-actions.ts";
import { escrowEvents, payments, purchases } from "../../src/db/schema.ts";
import { toWireAmounts, type Amount } from "../../src/domain/amounts.ts";
import {
  decodeBlockchainIdentifier,
  escrowReference,
  newSellerNonce,
  type PaymentTerms,
  signTerms,
  TERMS_VERSION,
} from "../../src/domain/blockchain-identifier.ts";
import { HOUR_MS } from "../../src/domain/payment-times.ts";
import { createApiKey } from "../../src/services/api-keys.ts";
import { createWallet, openWallet, type WalletInfo } from "../../src/services/wallets.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";

export const ADMIN = "admin-key-for-tests-0123456789";
export const KEY = "22".repeat(32);
export const POLICY = "ab".repeat(28);
/** Any 28-byte hash: the routes read it from the node's escrow address. */
export const SCRIPT_HASH = "5c".repeat(28);
export const ESCROW_ADDRESS = escrowAddress(SCRIPT_HASH, 0);
export const NOW_MS = 1_750_000_000_000;
export const INPUT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
export const RESULT_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
export const TIMES = {
  payByTimeMs: NOW_MS + HOUR_MS,
  submitResultTimeMs: NOW_MS + 2 * HOUR_MS,
  unlockTimeMs: NOW_MS + 8 * HOUR_MS,
  externalDisputeUnlockTimeMs: NOW_MS + 14 * HOUR_MS,
};
/** Between the lock and submitResultTime. */
export const WORKING_MS = NOW_MS + 90 * 60_000;
/** The deposit every test lock carries besides its amounts. */
export const DEPOSIT = 2_000_000n;

export interface TestNode {
  database: TestDatabase;
  app: Hono;
  /** The node's wallet: selling on a seller's node, purchasing on a buyer's. */
  wallet: WalletInfo;
  creator: { token: string; id: string };
  otherPayToken: string;
  readToken: string;
  call(path: string, body: unknown, token?: string | null): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A node whose wallet has `role`; every route is answered at `clockMs()`. */
export async function openTestNode(
  role: "selling" | "purchasing",
  clockMs: () => number = () => WORKING_MS,
): Promise<TestNode> {
  const database = await freshDatabase();
  const db = database.db;
  const wallet = await createWallet(db, {
    role,
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: NOW_MS,
  });
  const key = async (canPay: boolean) =>
    createApiKey(db, {
      canRead: true,
      canPay,
      canAdmin: false,
      networks: ["preprod"],
      usageLimited: false,
      credits: [],
      nowMs: NOW_MS,
    });
  const creator = await key(true);
  const ctx = () => ({
    db,
    adminKey: ADMIN,
    network: "preprod" as const,
    policyId: POLICY,
    escrowAddress: ESCROW_ADDRESS,
    encryptionKeyHex: KEY,
  });
  const app = new Hono();
  app.route("/api/v1", escrowActionRoutes(ctx, clockMs));
  app.route("/api/v1", meteredActionRoutes(ctx, clockMs));
  app.onError(onApiError(() => {}));
  return {
    database,
    app,
    wallet,
    creator: { token: creator.token, id: creator.info.id },
    otherPayToken: (await key(true)).token,
    readToken: (await key(false)).token,
    async call(path, body, token = creator.token) {
      const res = await app.request(`/api/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { token } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    close: () => database.close(),
  };
}

export interface Deal {
  id: string;
  reference: string;
  terms: PaymentTerms;
  escrowId: string;
}

/** Terms signed by the seller's node's wallet, to be paid by `buyer`'s wallet. */
export async function signedDeal(seller: TestNode, amounts: Amount[]): Promise<Deal> {
  const { wallet } = await openWallet(seller.database.db, {
    walletId: seller.wallet.id,
    network: "preprod",
    encryptionKeyHex: KEY,
  });
  const terms: PaymentTerms = {
    version: TERMS_VERSION,
    network: "preprod",
    agentIdentifier: `${POLICY}01`,
    sellerVkey: seller.wallet.paymentKeyHash,
    sellerAddress: seller.wallet.address,
    identifierFromPurchaser: randomBytes(10).toString("hex"),
    inputHash: INPUT_HASH,
    amounts,
    ...TIMES,
    sellerNonce: newSellerNonce(),
  };
  const id = await signTerms(wallet, terms);
  const decoded = decodeBlockchainIdentifier(id);
  if (!decoded.ok) throw new Error(decoded.reason);
  const escrowId = `${randomBytes(32).toString("hex")}#0`;
  return { id, reference: escrowReference(decoded), terms, escrowId };
}

function commonRow(n: TestNode, deal: Deal, state: string, locked: boolean) {
  return {
    id: randomUUID(),
    network: "preprod" as const,
    blockchainIdentifier: deal.id,
    escrowReference: deal.reference,
    agentIdentifier: deal.terms.agentIdentifier,
    identifierFromPurchaser: deal.terms.identifierFromPurchaser,
    inputHash: INPUT_HASH,
    amounts: JSON.stringify(toWireAmounts(deal.terms.amounts)),
    ...TIMES,
    state,
    resultHash: null,
    metadata: null,
    requestedById: n.creator.id,
    escrowId: locked ? deal.escrowId : null,
    invalidReason: null,
    createdAtMs: NOW_MS,
    updatedAtMs: NOW_MS,
  };
}

/** The seller's payment of `deal`, locked unless said otherwise. */
export async function insertPayment(n: TestNode, deal: Deal, state = "FundsLocked") {
  const row = {
    ...commonRow(n, deal, state, state !== "WaitingForFunds"),
    agentName: null,
    pricingType: "Fixed" as const,
    tierName: null,
    sellingWalletId: n.wallet.id,
  };
  await n.database.db.insert(payments).values(row);
  return row;
}

/** The buyer's purchase of `deal`, locked unless said otherwise. */
export async function insertPurchase(
  n: TestNode,
  deal: Deal,
  seller: WalletInfo,
  state = "FundsLocked",
) {
  const row = {
    ...commonRow(n, deal, state, state !== "WaitingForFunds"),
    sellerVkey: seller.paymentKeyHash,
    sellerAddress: seller.address,
    purchasingWalletId: n.wallet.id,
  };
  await n.database.db.insert(purchases).values(row);
  return row;
}

/** The datum a lock of `deal` by `buyer` carries. */
export function lockDatum(deal: Deal, buyer: WalletInfo): EscrowDatum {
  return {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer: buyer.address,
    seller: deal.terms.sellerAddress,
    reference: deal.reference,
    inputHash: INPUT_HASH,
    submitResultTimeMs: TIMES.submitResultTimeMs,
    unlockTimeMs: TIMES.unlockTimeMs,
    externalDisputeUnlockTimeMs: TIMES.externalDisputeUnlockTimeMs,
    buyerLovelace: DEPOSIT,
    claim: null,
    voucherTotal: 0n,
    autoRelease: false,
  };
}

let height = 100;

/**
 * Records an escrow event of `deal` as the watcher would: a lock (the terms' amounts plus the
 * deposit), or a move/end with the given datum changes and value.
 */
export async function recordEvent(
  n: TestNode,
  deal: Deal,
  buyer: WalletInfo,
  opts: {
    kind?: "lock" | "move" | "end";
    datum?: Partial<EscrowDatum>;
    value?: Amount[];
  } = {},
): Promise<void> {
  const kind = opts.kind ?? "lock";
  const datum = { ...lockDatum(deal, buyer), ...opts.datum };
  const value =
    opts.value ??
    deal.terms.amounts.map((a) =>
      a.unit === "lovelace" ? { unit: a.unit, amount: a.amount + DEPOSIT } : a,
    );
  if (!value.some((a) => a.unit === "lovelace"))
    value.unshift({ unit: "lovelace", amount: DEPOSIT });
  height += 1;
  await n.database.db.insert(escrowEvents).values({
    network: "preprod",
    escrowId: deal.escrowId,
    txHash: kind === "lock" ? deal.escrowId.slice(0, 64) : randomBytes(32).toString("hex"),
    kind,
    blockHeight: height,
    txIndex: 0,
    blockTimeMs: NOW_MS,
    outputIndex: kind === "end" ? null : 0,
    state: kind === "end" ? "Withdrawn" : datum.state,
    reference: deal.reference,
    datumCbor: kind === "end" ? null : toCbor(escrowDatum(datum)),
    value: JSON.stringify(toWireAmounts(value)),
    resultHash: null,
    buyerKeyHash: buyer.paymentKeyHash,
    sellerKeyHash: deal.terms.sellerVkey,
  });
}

export const ids = (row: { blockchainIdentifier: string }) => ({
  network: "Preprod",
  blockchainIdentifier: row.blockchainIdentifier,
});
