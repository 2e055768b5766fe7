/**
 * Helpers for the metered escrow tests and benchmark (issue 10), over HTTP on the devnet: jobs
 * with metered terms (autoRelease, a price sheet), vouchers carried from the buyer's node to the
 * seller's, and the escrow's steps read back from the chain, each with the amounts its
 * transaction paid, from the devnet's Blockfrost API (`GET /txs/{hash}/utxos`), not from the
 * node's own books. One node both sells and buys, as bench-lifecycle does.
 */
import { asc, desc, eq, inArray } from "drizzle-orm";
import { escrowEvents } from "../../src/db/schema.ts";
import {
  devnetOf,
  HOUR_MS,
  jobInput,
  MINUTE_MS,
  purchaseBody,
  SETTLE_MS,
  TUSDM,
  viewOf,
  type TestNode,
} from "./lifecycle-world.ts";
import { waitFor } from "./process.ts";

export type Side = "payment" | "purchase";
export interface Answer {
  status: number;
  body: any;
}
export interface UnitAmount {
  unit: string;
  amount: string;
}

/** Times far enough out that no other test's time move reaches them. */
export const FAR_MS = 90 * 24 * HOUR_MS;
/** A unit no escrow of these tests holds (a policy id and asset name nobody minted). */
export const STRANGER_UNIT = "ab".repeat(28) + "0014df10";

/** The node's wallet of `role`. */
export function walletOf(n: TestNode, role: "selling" | "purchasing") {
  const w = n.node.parts!.wallets.find((x) => x.role === role);
  if (!w) throw new Error(`the node has no ${role} wallet`);
  return w;
}

export function escrowAddressOf(n: TestNode): string {
  return n.node.parts!.escrow.facts.escrowAddress;
}

/** Gives the purchasing wallet the tUSDM and ADA for `locks` escrows of `amount` tUSDM each. */
export async function fundBuyer(n: TestNode, locks: number, amount: bigint): Promise<void> {
  const ledger = devnetOf(n).ledger;
  const hash = await ledger.faucet(walletOf(n, "purchasing").address, {
    lovelace: BigInt(locks) * 4_000_000n + 200_000_000n,
    assets: [{ unit: TUSDM, quantity: BigInt(locks) * amount }],
  });
  await ledger.waitForTx(hash, SETTLE_MS);
}

/** A request with another API key than the admin's. */
export async function apiAs(
  n: TestNode,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${n.node.apiUrl}${route}`, {
    method,
    headers: { token, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A fresh ReadAndPay key (no credit limit): one party's own credentials on the shared node. */
export async function payKey(n: TestNode): Promise<string> {
  const res = await n.api("POST", "/api-key", {
    permission: "ReadAndPay",
    usageLimited: false,
    UsageCredits: [],
    NetworkLimit: ["Preprod"],
  });
  if (res.status !== 200) throw new Error(`api-key: ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** POSTs an escrow route for `id` with the admin key (or `token`); returns the answer. */
export function post(
  n: TestNode,
  route: string,
  id: string,
  extra: object = {},
  token?: string,
): Promise<Answer> {
  const body = { network: "Preprod", blockchainIdentifier: id, ...extra };
  return token === undefined ? n.api("POST", route, body) : apiAs(n, token, "POST", route, body);
}

/** Like `post`, but throws unless the node answers 200; returns `data`. */
export async function act(n: TestNode, route: string, id: string, extra: object = {}) {
  const res = await post(n, route, id, extra);
  if (res.status !== 200)
    throw new Error(`${route}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

export interface MeteredTerms {
  autoRelease?: boolean;
  /** A price sheet in price-sheet.ts's wire form, sent to both POST /payment and /purchase. */
  priceSheet?: unknown;
  /** submitResultTime from now (1 hour by default); payByTime is 10 minutes before it. */
  submitResultInMs?: number;
  /** unlockTime from now, when the default (6 hours after submitResultTime) will not do. */
  unlockInMs?: number;
  /** Keys of the parties (the admin's by default). */
  sellerToken?: string;
  buyerToken?: string;
}

export interface Job {
  id: string;
  payment: any;
  purchase: any;
}

/** Asks the node for a payment with metered terms and buys it at once. */
export async function meteredJob(n: TestNode, agent: string, terms: MeteredTerms = {}) {
  const now = n.node.parts!.nowMs();
  const submitResultTime = now + (terms.submitResultInMs ?? HOUR_MS);
  const metered = {
    ...(terms.autoRelease === undefined ? {} : { autoRelease: terms.autoRelease }),
    ...(terms.priceSheet === undefined ? {} : { priceSheet: terms.priceSheet }),
  };
  const paymentBody = {
    network: "Preprod",
    agentIdentifier: agent,
    ...jobInput(),
    payByTime: String(submitResultTime - 10 * MINUTE_MS),
    submitResultTime: String(submitResultTime),
    ...(terms.unlockInMs === undefined ? {} : { unlockTime: String(now + terms.unlockInMs) }),
    ...metered,
  };
  const created =
    terms.sellerToken === undefined
      ? await n.api("POST", "/payment", paymentBody)
      : await apiAs(n, terms.sellerToken, "POST", "/payment", paymentBody);
  if (created.status !== 200) throw new Error(`payment: ${JSON.stringify(created.body)}`);
  const p = created.body.data;
  const buy = { ...purchaseBody(p), ...metered };
  const bought =
    terms.buyerToken === undefined
      ? await n.api("POST", "/purchase", buy)
      : await apiAs(n, terms.buyerToken, "POST", "/purchase", buy);
  if (bought.status !== 200) throw new Error(`purchase: ${JSON.stringify(bought.body)}`);
  return { id: p.blockchainIdentifier as string, payment: p, purchase: bought.body.data } as Job;
}

/** `count` jobs with the same terms, a few requests in flight at once. */
export async function meteredJobs(
  n: TestNode,
  agent: string,
  count: number,
  terms: MeteredTerms = {},
  concurrency = 8,
): Promise<Job[]> {
  const jobs: Job[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      jobs.push(await meteredJob(n, agent, terms));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return jobs;
}

/** Waits until every one of `ids` is in `state` on both sides; returns the payment views. */
export async function bothIn(n: TestNode, ids: string[], state: string): Promise<any[]> {
  const views: any[] = [];
  for (const id of ids) {
    for (const side of ["payment", "purchase"] as const) {
      const v = await waitFor(
        `${side} …${id.slice(-12)} to reach ${state}`,
        async () => {
          const view = await viewOf(n, side, id);
          return view.state === state ? view : undefined;
        },
        SETTLE_MS,
        200,
      );
      if (side === "payment") views.push(v);
    }
  }
  return views;
}

/** A voucher as the buyer's node answers it (POST /purchase/voucher). */
export interface WireVoucher {
  blockchainIdentifier: string;
  scriptHash: string;
  reference: string;
  unit: string;
  total: string;
  vkey: string;
  signature: string;
}

/** The buyer's node signs a voucher for `total` of `unit` on purchase `id`. */
export async function issueVoucher(
  n: TestNode,
  id: string,
  unit: string,
  total: bigint,
): Promise<WireVoucher> {
  return (await act(n, "/purchase/voucher", id, { unit, total: total.toString() })) as WireVoucher;
}

/** Hands a voucher to the seller's node for payment `id` (which may be another escrow's). */
export function handVoucher(n: TestNode, id: string, v: Omit<WireVoucher, "blockchainIdentifier">) {
  const voucher = { unit: v.unit, total: v.total, vkey: v.vkey, signature: v.signature };
  return post(n, "/payment/voucher", id, { voucher });
}

/** Issues a voucher on the buyer's side and hands it to the seller's, which must keep it. */
export async function payByVoucher(n: TestNode, id: string, unit: string, total: bigint) {
  const v = await issueVoucher(n, id, unit, total);
  const kept = await handVoucher(n, id, v);
  if (kept.status !== 200)
    throw new Error(`/payment/voucher: HTTP ${kept.status} ${JSON.stringify(kept.body)}`);
  return v;
}

/** One step of an escrow after its lock, as the node's watcher recorded it. */
export interface Step {
  escrowId: string;
  txHash: string;
  kind: "move" | "end";
  /** The escrow's output before and after the step (after: null on an end). */
  before: { txHash: string; outputIndex: number };
  outputIndex: number | null;
  state: string;
  blockTimeMs: number;
}

/** The steps each of `escrowIds` took after its lock, in chain order. */
export async function stepsOf(n: TestNode, escrowIds: string[]): Promise<Map<string, Step[]>> {
  const rows = await n.node
    .parts!.database.db.select()
    .from(escrowEvents)
    .where(inArray(escrowEvents.escrowId, escrowIds))
    .orderBy(asc(escrowEvents.blockHeight), asc(escrowEvents.txIndex));
  const out = new Map<string, Step[]>(escrowIds.map((e) => [e, []]));
  const last = new Map<string, { txHash: string; outputIndex: number }>();
  for (const r of rows) {
    const before = last.get(r.escrowId);
    if (r.outputIndex !== null)
      last.set(r.escrowId, { txHash: r.txHash, outputIndex: r.outputIndex });
    if (r.kind === "lock" || before === undefined) continue;
    out.get(r.escrowId)!.push({
      escrowId: r.escrowId,
      txHash: r.txHash,
      kind: r.kind,
      before,
      outputIndex: r.outputIndex,
      state: r.state,
      blockTimeMs: r.blockTimeMs,
    });
  }
  return out;
}

/** Waits until each of `escrowIds` has taken at least `count` steps; returns each one's last. */
export async function waitSteps(
  n: TestNode,
  escrowIds: string[],
  count: number,
  timeoutMs = SETTLE_MS,
): Promise<Step[]> {
  return waitFor(
    `${escrowIds.length} escrow(s) to take ${count} step(s)`,
    async () => {
      const steps = await stepsOf(n, escrowIds);
      if (escrowIds.some((e) => steps.get(e)!.length < count)) return undefined;
      return escrowIds.map((e) => steps.get(e)![count - 1]!);
    },
    timeoutMs,
    200,
  );
}

/** The escrow id (lock out-ref) of payment `id`, once locked. */
export async function escrowIdOf(n: TestNode, id: string): Promise<string> {
  const v = await viewOf(n, "payment", id);
  if (!v.escrowId) throw new Error(`payment ${id} has no escrow yet (state ${v.state})`);
  return v.escrowId as string;
}

interface BfAmount {
  unit: string;
  quantity: string;
}
interface BfIo {
  address: string;
  amount: BfAmount[];
  tx_hash: string;
  output_index: number;
  collateral?: boolean;
  reference?: boolean;
}
export interface TxIo {
  hash: string;
  inputs: BfIo[];
  outputs: BfIo[];
}

/** A transaction's inputs and outputs, from the devnet's Blockfrost API. */
export async function txIo(n: TestNode, hash: string): Promise<TxIo> {
  const res = await fetch(`${devnetOf(n).blockfrostUrl}/txs/${hash}/utxos`);
  if (res.status !== 200) throw new Error(`txs/${hash}/utxos: HTTP ${res.status}`);
  return (await res.json()) as TxIo;
}

/** A transaction's fee in lovelace, from the devnet's Blockfrost API. */
export async function txFeeLovelace(n: TestNode, hash: string): Promise<bigint> {
  const res = await fetch(`${devnetOf(n).blockfrostUrl}/txs/${hash}`);
  if (res.status !== 200) throw new Error(`txs/${hash}: HTTP ${res.status}`);
  return BigInt(((await res.json()) as { fees: string }).fees);
}

const qtyOf = (io: BfIo, unit: string) =>
  BigInt(io.amount.find((a) => a.unit === unit)?.quantity ?? "0");

/** Inputs the transaction really spends (not collateral, not reference inputs). */
const spent = (tx: TxIo) => tx.inputs.filter((i) => !i.collateral && !i.reference);

/** What `address` gained of `unit` in the transaction: its outputs less its spent inputs. */
export function netTo(tx: TxIo, address: string, unit: string): bigint {
  const out = tx.outputs
    .filter((o) => o.address === address)
    .reduce((s, o) => s + qtyOf(o, unit), 0n);
  const inn = spent(tx)
    .filter((i) => i.address === address)
    .reduce((s, i) => s + qtyOf(i, unit), 0n);
  return out - inn;
}

/** What one escrow gave up of `unit` in its step: the spent output less the continuing one. */
export function escrowOutflow(tx: TxIo, step: Step, unit: string): bigint {
  const input = spent(tx).find(
    (i) => i.tx_hash === step.before.txHash && i.output_index === step.before.outputIndex,
  );
  if (!input) throw new Error(`${tx.hash} does not spend ${step.escrowId}'s output`);
  const cont = step.outputIndex === null ? undefined : tx.outputs[step.outputIndex];
  return qtyOf(input, unit) - (cont ? qtyOf(cont, unit) : 0n);
}

/** The escrow outputs a transaction spends, as "txHash#index". */
export function escrowInputs(tx: TxIo, escrowAddress: string): string[] {
  return spent(tx)
    .filter((i) => i.address === escrowAddress)
    .map((i) => `${i.tx_hash}#${i.output_index}`);
}

/** What one escrow's step should pay of a unit, to whom. */
export interface Payout {
  step: Step;
  unit: string;
  toSeller: bigint;
  toBuyer: bigint;
}

export interface SettledTx {
  hash: string;
  tx: TxIo;
  /** The escrows the transaction spends. */
  escrows: number;
  feeLovelace: bigint;
}

/**
 * Checks every payout on its settling transaction, read from the chain: each escrow gave up
 * exactly what it paid the parties, and, per transaction, the seller's and the buyer's addresses
 * gained exactly the sum of what the escrows in it paid them. A transaction may also carry steps
 * of `escrowIds` that pay nothing (a result, a refund request batched alongside): those must give
 * up none of the units checked. Any other escrow spent by it fails the check, since its payouts
 * would be counted as these. Returns the transactions, for batch sizes and fees.
 */
export async function checkPayouts(
  n: TestNode,
  payouts: Payout[],
  escrowIds: string[] = [...new Set(payouts.map((p) => p.step.escrowId))],
): Promise<SettledTx[]> {
  const seller = walletOf(n, "selling").address;
  const buyer = walletOf(n, "purchasing").address;
  const escrowAddress = escrowAddressOf(n);
  const allSteps = [...(await stepsOf(n, escrowIds)).values()].flat();
  const byTx = new Map<string, Payout[]>();
  for (const p of payouts) byTx.set(p.step.txHash, [...(byTx.get(p.step.txHash) ?? []), p]);
  const settled: SettledTx[] = [];
  for (const [hash, group] of byTx) {
    const tx = await txIo(n, hash);
    const units = [...new Set(group.map((p) => p.unit))];
    const inTx = allSteps.filter((s) => s.txHash === hash);
    const refOf = (s: Step) => `${s.before.txHash}#${s.before.outputIndex}`;
    const spentEscrows = new Set(escrowInputs(tx, escrowAddress));
    const known = new Set(inTx.map(refOf));
    const strangers = [...spentEscrows].filter((e) => !known.has(e));
    if (strangers.length > 0) throw new Error(`${hash} also spends other escrows: ${strangers}`);
    for (const s of inTx) {
      for (const unit of units) {
        const p = group.find((x) => x.step.escrowId === s.escrowId && x.unit === unit);
        const want = p === undefined ? 0n : p.toSeller + p.toBuyer;
        const out = escrowOutflow(tx, s, unit);
        if (out !== want)
          throw new Error(`${hash}: escrow ${s.escrowId} gave up ${out} of ${unit}, not ${want}`);
      }
    }
    for (const unit of units) {
      const mine = group.filter((p) => p.unit === unit);
      const toSeller = mine.reduce((sum, p) => sum + p.toSeller, 0n);
      const toBuyer = mine.reduce((sum, p) => sum + p.toBuyer, 0n);
      const gotSeller = netTo(tx, seller, unit);
      const gotBuyer = netTo(tx, buyer, unit);
      if (gotSeller !== toSeller || gotBuyer !== toBuyer)
        throw new Error(
          `${hash}: ${unit} to the seller ${gotSeller} (expected ${toSeller}), ` +
            `to the buyer ${gotBuyer} (expected ${toBuyer})`,
        );
    }
    settled.push({ hash, tx, escrows: inTx.length, feeLovelace: await txFeeLovelace(n, hash) });
  }
  return settled;
}

/** What the escrow holds now, per unit, as the node's watcher last read it. */
export async function escrowValue(n: TestNode, escrowId: string): Promise<UnitAmount[]> {
  const [row] = await n.node
    .parts!.database.db.select()
    .from(escrowEvents)
    .where(eq(escrowEvents.escrowId, escrowId))
    .orderBy(desc(escrowEvents.blockHeight), desc(escrowEvents.txIndex))
    .limit(1);
  if (!row) throw new Error(`no events of escrow ${escrowId}`);
  return JSON.parse(row.value) as UnitAmount[];
}

/** Waits until the escrow has ended; returns the step that ended it. */
export async function endOf(n: TestNode, escrowId: string, timeoutMs = SETTLE_MS): Promise<Step> {
  return waitFor(
    `escrow ${escrowId} to end`,
    async () => (await stepsOf(n, [escrowId])).get(escrowId)!.find((s) => s.kind === "end"),
    timeoutMs,
    200,
  );
}

/**
 * Moves the devnet's time on by `ms`: past the acting party's cooldown after a step (it runs to
 * the end of the step's validity window, about two minutes), well before any test's deadline.
 */
export async function moveOn(n: TestNode, ms = 5 * MINUTE_MS): Promise<void> {
  const ledger = devnetOf(n).ledger;
  await ledger.advanceTimeTo(ledger.nowMs() + ms);
}

/** A view's `meter` entry for `unit` (issue 10's view shape). */
export function meterAmounts(view: any, unit: string) {
  const meter = view.meter;
  if (!meter) throw new Error(`the ${view.blockchainIdentifier} view has no meter`);
  const entry = (meter.amounts as any[]).find((a) => a.unit === unit);
  if (!entry) throw new Error(`the meter shows no ${unit}: ${JSON.stringify(meter.amounts)}`);
  return entry as Record<
    "locked" | "released" | "refunded" | "redeemed" | "paidToSeller" | "paidToBuyer" | "remaining",
    string
  >;
}

/** What the view's `meter` says transaction `txHash` paid each party of `unit`. */
export function meterTx(view: any, txHash: string, unit: string) {
  const meter = view.meter;
  if (!meter) throw new Error(`the ${view.blockchainIdentifier} view has no meter`);
  const tx = (meter.transactions as any[]).find((t) => t.txHash === txHash);
  if (!tx) throw new Error(`the meter lists no transaction ${txHash}`);
  const of = (list: UnitAmount[]) => BigInt(list.find((a) => a.unit === unit)?.amount ?? "0");
  return { action: tx.action as string, toSeller: of(tx.toSeller), toBuyer: of(tx.toBuyer) };
}

/** Both views of `id`, read now. */
export async function views(n: TestNode, id: string): Promise<{ payment: any; purchase: any }> {
  return { payment: await viewOf(n, "payment", id), purchase: await viewOf(n, "purchase", id) };
}
