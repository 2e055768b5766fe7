/**
 * A deployed escrow on a fresh test chain with funded parties, and helpers to lock escrows and
 * act on them the way the node will.
 */
import { randomBytes } from "node:crypto";
import type { UTxO } from "@meshsdk/core";
import type { EscrowDatum } from "../escrow-data.ts";
import { openTestChain, slotOf, DEVNET_USDM_UNIT, type TestChain } from "./chain.ts";
import { deploy, type Deployment } from "./deploy.ts";
import {
  COLLATERAL_LOVELACE,
  feeInput,
  lock,
  planActions,
  submitPlan,
  type ActionItem,
  type Asset,
  type SpendPlan,
  type BuildOptions,
} from "./escrow-tx.ts";
import { party, type Party } from "./parties.ts";
import { REFERENCE_BYTES } from "../escrow/layout.ts";

export const USDM = DEVNET_USDM_UNIT;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const COOLDOWN_MS = 10 * MINUTE_MS;

export interface Fixture {
  chain: TestChain;
  d: Deployment;
  buyer: Party;
  seller: Party;
  admins: Party[];
  other: Party;
}

const FUND_LOVELACE = 50_000_000_000n;
const FUND_USDM = 1_000_000_000_000n;

/** Opens a chain, funds the parties and deploys the contracts (3 admins, threshold 2). */
export async function setup(
  opts: {
    threshold?: number;
    cooldownMs?: number;
    /** The admin list the parameters name, unchecked (default: the three admins once each). */
    adminKeyHashes?: (admins: Party[]) => string[];
  } = {},
): Promise<Fixture> {
  const chain = await openTestChain();
  const [deployer, refs, buyer, seller, other, ...admins] = await Promise.all(
    ["deployer", "refs", "buyer", "seller", "other", "admin1", "admin2", "admin3"].map(party),
  );
  for (const p of [deployer, buyer, seller, other, ...admins] as Party[]) {
    await chain.fund(p.address, FUND_LOVELACE, FUND_USDM);
    // A second, ADA-only UTxO kept for collateral (never selected for fees).
    await chain.fund(p.address, COLLATERAL_LOVELACE);
  }
  const d = await deploy(
    chain,
    deployer as Party,
    (refs as Party).address,
    {
      adminKeyHashes: opts.adminKeyHashes?.(admins) ?? admins.map((a) => a.keyHash),
      disputeThreshold: opts.threshold ?? 2,
      cooldownMs: opts.cooldownMs ?? COOLDOWN_MS,
    },
    { unchecked: opts.adminKeyHashes !== undefined },
  );
  return {
    chain,
    d,
    buyer: buyer as Party,
    seller: seller as Party,
    admins,
    other: other as Party,
  };
}

/** A fresh datum whose deadlines are relative to chain time now. */
export function newDatum(f: Fixture, overrides: Partial<EscrowDatum> = {}): EscrowDatum {
  const now = f.chain.nowMs();
  return {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer: f.buyer.address,
    seller: f.seller.address,
    reference: randomBytes(REFERENCE_BYTES).toString("hex"),
    inputHash: "11".repeat(32),
    submitResultTimeMs: now + 2 * HOUR_MS,
    unlockTimeMs: now + 8 * HOUR_MS,
    externalDisputeUnlockTimeMs: now + 14 * HOUR_MS,
    buyerLovelace: 2_000_000n,
    claim: null,
    voucherTotal: 0n,
    autoRelease: false,
    ...overrides,
  };
}

/** What an escrow holds by default: 10 USDM plus 5 ADA (its minimum UTxO with room to spare). */
export const defaultAmount = (usdm = 10_000_000n, lovelace = 5_000_000n): Asset[] => [
  { unit: "lovelace", quantity: lovelace.toString() },
  { unit: USDM, quantity: usdm.toString() },
];

export interface Locked {
  utxo: UTxO;
  datum: EscrowDatum;
}

/** Locks `count` escrows from the buyer; returns them in output order. */
export async function lockEscrows(
  f: Fixture,
  count = 1,
  datum: (i: number) => Partial<EscrowDatum> = () => ({}),
  amount: Asset[] = defaultAmount(),
): Promise<Locked[]> {
  const escrows = Array.from({ length: count }, (_, i) => ({
    datum: newDatum(f, datum(i)),
    amount,
  }));
  const utxos = await lock(f.chain, f.d, f.buyer, escrows);
  return utxos.map((utxo, i) => ({ utxo, datum: (escrows[i] as { datum: EscrowDatum }).datum }));
}

/** A validity window around chain time now: [now - 1 min, now + `aheadMs`). */
export function windowNow(
  f: Fixture,
  aheadMs = 5 * MINUTE_MS,
): { fromSlot: number; toSlot: number } {
  const now = f.chain.nowMs();
  return { fromSlot: slotOf(now - MINUTE_MS), toSlot: slotOf(now + aheadMs) };
}

/** The correct plan for `items`, acted on by `payer` (also a required signer unless `signers`). */
export function plan(
  f: Fixture,
  items: ActionItem[],
  payer: Party,
  opts: { signers?: Party[]; window?: { fromSlot: number; toSlot: number } } = {},
): SpendPlan {
  const window = opts.window ?? windowNow(f);
  const feeInputs = [feeInput(f.chain, payer)];
  return {
    ...planActions(f.d, items, window, feeInputs),
    feeInputs,
    signers: opts.signers ?? [payer],
    payer,
    ...window,
  };
}

/** Submits a plan; resolves to the transaction hash. */
export const run = (f: Fixture, p: SpendPlan, opts?: BuildOptions): Promise<string> =>
  submitPlan(f.chain, f.d, p, opts);

const RESULT_STATES = new Set(["ResultSubmitted", "Disputed"]);

/** Datum overrides for an escrow already in `state` (with a result where the state has one). */
export function inState(
  state: EscrowDatum["state"],
  overrides: Partial<EscrowDatum> = {},
): Partial<EscrowDatum> {
  return { state, resultHash: RESULT_STATES.has(state) ? "cd".repeat(32) : "", ...overrides };
}

/** Deadlines all in the past: every time-gated action is open (or closed) now. */
export function pastDeadlines(f: Fixture): Partial<EscrowDatum> {
  const now = f.chain.nowMs();
  return {
    submitResultTimeMs: now - 3 * HOUR_MS,
    unlockTimeMs: now - 2 * HOUR_MS,
    externalDisputeUnlockTimeMs: now - HOUR_MS,
  };
}
