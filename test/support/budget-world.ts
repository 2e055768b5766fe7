/**
 * A buyer's node for the budget, quote and preflight tests: a fresh database, one seller
 * holding dynamic-priced agents (any amount is their price), a purchasing wallet the fake chain
 * says is rich, and the purchase, budget and quote routes under /api/v1 with the node's error
 * handler. `clock.ms` is the node's time; terms are signed relative to it.
 */
import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { checkingAnswers } from "../support/answer-check.ts";
import { escrowAddress as scriptAddress } from "../../contracts/index.ts";
import { budgetRoutes } from "../../src/api/budgets.ts";
import { onApiError } from "../../src/api/errors.ts";
import { purchaseRoutes } from "../../src/api/purchases.ts";
import { quoteRoutes } from "../../src/api/quotes.ts";
import type { Utxo, UtxoReader } from "../../src/chain/port.ts";
import { requestDb } from "../../src/db/request-tx.ts";
import { registryIndex } from "../../src/db/schema.ts";
import { toWireAmounts } from "../../src/domain/amounts.ts";
import {
  newSellerNonce,
  type PaymentTerms,
  signTerms,
  TERMS_VERSION,
} from "../../src/domain/blockchain-identifier.ts";
import { encodeAgentMetadata } from "../../src/domain/mip002-encode.ts";
import { HOUR_MS } from "../../src/domain/payment-times.ts";
import { DEVNET_USDM_UNIT } from "../../src/devnet/index.ts";
import { createApiKey } from "../../src/services/api-keys.ts";
import { createWallet, openWallet, type WalletInfo } from "../../src/services/wallets.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";
import { gathering } from "./gather.ts";
import { ORACLE } from "./registry-agents.ts";

export const ADMIN = "admin-key-for-tests-0123456789";
export const USDM = DEVNET_USDM_UNIT;
const KEY = "11".repeat(32);
const POLICY = "ab".repeat(28);
const INPUT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/** 2025-06-15T15:06:40Z. */
export const START_MS = 1_750_000_000_000;

export interface Answer {
  status: number;
  body: any;
}

export interface BudgetWorld {
  database: TestDatabase;
  app: Hono;
  clock: { ms: number };
  /** The agent identifier of the n-th indexed agent (1-based). */
  agent(n: number): string;
  call(method: string, path: string, body?: unknown, token?: string): Promise<Answer>;
  /** A key with these permissions on preprod; its id and token. */
  key(perms: { canPay: boolean; canAdmin?: boolean }): Promise<{ id: string; token: string }>;
  /** Terms for `agent` asking `usdm` base units of USDM, signed by the seller now. */
  signed(agent: string, usdm: bigint): Promise<{ id: string; terms: PaymentTerms }>;
  /** POST /purchase of fresh terms for `agent`, as `token` (the admin by default). */
  buy(agent: string, usdm: bigint, token?: string, extra?: object): Promise<Answer>;
  /**
   * Holds each purchase from now on as it reads the coins per byte, until `n` have come, then
   * lets them all go on at once: they reach their wallet's batch together. Answers how many
   * are held.
   */
  gatherAt(n: number): () => number;
  close(): Promise<void>;
}

const AGENTS_MAX = 16;

function richUtxo(address: string): Utxo {
  return {
    txHash: randomBytes(32).toString("hex"),
    outputIndex: 0,
    address,
    value: { lovelace: 100_000_000_000n, assets: { [USDM]: 10n ** 15n } },
    dataHash: null,
    inlineDatumCbor: null,
    referenceScriptHash: null,
  };
}

export async function budgetWorld(): Promise<BudgetWorld> {
  const database = await freshDatabase();
  const db = database.db;
  const clock = { ms: START_MS };
  const wallet = (role: "selling" | "purchasing") =>
    createWallet(db, { role, network: "preprod", encryptionKeyHex: KEY, nowMs: START_MS });
  const seller: WalletInfo = await wallet("selling");
  const buyer: WalletInfo = await wallet("purchasing");
  const agent = (n: number) => `${POLICY}${n.toString(16).padStart(2, "0")}`;
  for (let n = 1; n <= AGENTS_MAX; n++) await indexAgent(database, agent(n), seller);
  // A collateral-sized output the lock keeps out of coin selection, and far more than needed.
  const collateral = { ...richUtxo(buyer.address), value: { lovelace: 5_000_000n, assets: {} } };
  const onChain = [collateral, richUtxo(buyer.address)];
  const chain: UtxoReader = {
    async utxos(address) {
      return address === buyer.address ? onChain : [];
    },
  };
  let coinsGate: (() => Promise<void>) | undefined;
  // As the node's routes do (src/api/app.ts): the request's transaction when it has one.
  const ctx = () => ({
    db: requestDb(db),
    adminKey: ADMIN,
    network: "preprod" as const,
    policyId: POLICY,
    escrowAddress: scriptAddress("cd".repeat(28), 0),
    chain,
    coinsPerUtxoSize: async () => {
      await coinsGate?.();
      return 4310;
    },
  });
  const now = () => clock.ms;
  const app = checkingAnswers(new Hono());
  app.route("/api/v1", purchaseRoutes(ctx, now));
  app.route("/api/v1", budgetRoutes(ctx, now));
  app.route("/api/v1", quoteRoutes(ctx, now));
  app.onError(onApiError(() => {}));

  const call = async (method: string, path: string, body?: unknown, token = ADMIN) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const opened = await openWallet(db, {
    walletId: seller.id,
    network: "preprod",
    encryptionKeyHex: KEY,
  });
  const signed = async (agentIdentifier: string, usdm: bigint) => {
    const at = clock.ms;
    const terms: PaymentTerms = {
      version: TERMS_VERSION,
      network: "preprod",
      agentIdentifier,
      sellerVkey: seller.paymentKeyHash,
      sellerAddress: seller.address,
      identifierFromPurchaser: randomBytes(10).toString("hex"),
      inputHash: INPUT_HASH,
      amounts: [{ unit: USDM, amount: usdm }],
      payByTimeMs: at + HOUR_MS,
      submitResultTimeMs: at + 2 * HOUR_MS,
      unlockTimeMs: at + 8 * HOUR_MS,
      externalDisputeUnlockTimeMs: at + 14 * HOUR_MS,
      sellerNonce: newSellerNonce(),
    };
    return { id: await signTerms(opened.wallet, terms), terms };
  };
  return {
    database,
    app,
    clock,
    agent,
    call,
    async key(perms) {
      const made = await createApiKey(db, {
        canRead: true,
        canPay: perms.canPay,
        canAdmin: perms.canAdmin ?? false,
        networks: ["preprod"],
        usageLimited: false,
        credits: [],
        nowMs: START_MS,
      });
      return { id: made.info.id, token: made.token };
    },
    signed,
    async buy(agentIdentifier, usdm, token = ADMIN, extra = {}) {
      const { id, terms } = await signed(agentIdentifier, usdm);
      return call("POST", "/purchase", { ...purchaseBody(id, terms), ...extra }, token);
    },
    gatherAt(n) {
      const gate = gathering(n);
      coinsGate = gate.pass;
      return gate.held;
    },
    close: () => database.close(),
  };
}

/** The purchase body the peer's SDKs send for these terms. */
export function purchaseBody(id: string, t: PaymentTerms) {
  return {
    blockchainIdentifier: id,
    network: "Preprod",
    inputHash: t.inputHash,
    sellerVkey: t.sellerVkey,
    agentIdentifier: t.agentIdentifier,
    identifierFromPurchaser: t.identifierFromPurchaser,
    payByTime: String(t.payByTimeMs),
    submitResultTime: String(t.submitResultTimeMs),
    unlockTime: String(t.unlockTimeMs),
    externalDisputeUnlockTime: String(t.externalDisputeUnlockTimeMs),
    Amounts: toWireAmounts(t.amounts, { lovelaceUnit: "" }),
  };
}

async function indexAgent(database: TestDatabase, id: string, holder: WalletInfo) {
  await database.db.insert(registryIndex).values({
    agentIdentifier: id,
    network: "preprod",
    policyId: POLICY,
    assetName: id.slice(56),
    status: "active",
    holderAddress: holder.address,
    holderPaymentKeyHash: holder.paymentKeyHash,
    rawMetadata: null,
    metadata: JSON.stringify(encodeAgentMetadata(ORACLE)),
    valid: true,
    invalidReasons: [],
    name: ORACLE.name,
    description: null,
    pricingType: "Dynamic",
    units: [],
    tags: ORACLE.tags,
    capabilityName: null,
    mintOrBurnCount: 1,
    firstSeenAtMs: START_MS,
    checkedAtMs: START_MS,
    updatedAtMs: START_MS,
  });
}
