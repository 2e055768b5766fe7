/**
 * The seller's payment requests: checks that the agent is ours to sell, fixes the times and the
 * amounts, signs the terms with the selling wallet's key and stores the request. Everything a
 * 400 can come from is checked before the wallet is opened or a row is written.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { agentOf } from "../api/registry-entry-view.ts";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { payments } from "../db/schema.ts";
import { type Amount, amountsEqual, parseWireAmounts, toWireAmounts } from "../domain/amounts.ts";
import {
  decodeBlockchainIdentifier,
  escrowReference,
  newSellerNonce,
  type PaymentTerms,
  signTerms,
  TERMS_VERSION,
} from "../domain/blockchain-identifier.ts";
import { isIdentifierFromPurchaser, parseHash64Hex } from "../domain/mip004.ts";
import {
  type PaymentTimes,
  resolvePaymentTimes,
  WIRE_TIME_FIELDS,
} from "../domain/payment-times.ts";
import { formatProblem, type JobPriceError, type Pricing, priceForJob } from "../domain/pricing.ts";
import { formatPath } from "../domain/pricing-fields.ts";
import { cip8DataSigner } from "../domain/cip8.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import { requireCredits } from "./credits.ts";
import { meteredColumns } from "./metered-terms.ts";
import { type IndexRow, recentEntry } from "./registry-query.ts";
import { recentWallets, type WalletInfo } from "./wallets.ts";
import { voucherSigner } from "./voucher-signers.ts";

export type PaymentRow = typeof payments.$inferSelect;

/** An expected refusal, mapped to HTTP by the routes; `field` is the wire name at fault. */
export class PaymentError extends Error {
  constructor(
    readonly kind: "invalid" | "conflict" | "notFound",
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface PaymentContext {
  db: Db;
  network: Network;
  /** The registry policy whose index names the agents this node may sell. */
  policyId: string;
  encryptionKeyHex: string;
  nowMs: number;
}

/** A request as the route read it: shapes checked, meaning not yet. */
export interface PaymentRequestInput {
  agentIdentifier: string;
  inputHash: string;
  identifierFromPurchaser: string;
  times: Partial<PaymentTimes>;
  /** Wire amounts, read here so that problems name `RequestedFunds[i]…`. */
  requestedFunds?: unknown;
  tierName?: string;
  metadata?: string;
  requestedById?: string;
  /** The seller may collect at unlockTime without a result (a subscription period). */
  autoRelease?: boolean;
  /** A price sheet (price-sheet.ts wire form) the amounts are a ceiling for. */
  priceSheet?: unknown;
}

const invalid = (field: string, message: string) => new PaymentError("invalid", field, message);

/** Creates, signs and stores one payment request in state WaitingForFunds. */
export async function createPaymentRequest(
  ctx: PaymentContext,
  input: PaymentRequestInput,
): Promise<PaymentRow> {
  const inputHash = parseHash64Hex(input.inputHash);
  if (inputHash === undefined) throw invalid("inputHash", "must be 64 hex characters (sha256)");
  if (!isIdentifierFromPurchaser(input.identifierFromPurchaser)) {
    throw invalid("identifierFromPurchaser", "must be 14-26 hex characters (whole bytes)");
  }
  const times = resolvePaymentTimes({ ...input.times, nowMs: ctx.nowMs });
  if (!times.ok) throw invalid(WIRE_TIME_FIELDS[times.field], times.message);
  const { agentIdentifier, agent, wallet } = await sellableAgent(ctx, input.agentIdentifier);
  const amounts = amountsFor(agent.pricing, input);
  const metered = meteredColumns(input, amounts);
  if (!metered.ok) throw invalid(metered.field, metered.message);

  const terms: PaymentTerms = {
    version: TERMS_VERSION,
    network: ctx.network,
    agentIdentifier,
    sellerVkey: wallet.paymentKeyHash,
    sellerAddress: wallet.address,
    identifierFromPurchaser: input.identifierFromPurchaser,
    inputHash,
    amounts,
    ...times.times,
    sellerNonce: newSellerNonce(),
  };
  // The selling wallet's payment key, derived once and kept (the same keeper as vouchers').
  const key = await voucherSigner(ctx.db, {
    walletId: wallet.id,
    network: ctx.network,
    encryptionKeyHex: ctx.encryptionKeyHex,
  });
  const blockchainIdentifier = await signTerms(cip8DataSigner(key), terms);
  const decoded = decodeBlockchainIdentifier(blockchainIdentifier);
  // signTerms already read its identifier back; failing here is a programmer error.
  if (!decoded.ok) throw new Error(`createPaymentRequest: own identifier unreadable`);

  const row: PaymentRow = {
    id: randomUUID(),
    network: ctx.network,
    blockchainIdentifier,
    escrowReference: escrowReference(decoded),
    agentIdentifier,
    agentName: agent.name,
    pricingType: agent.pricing.kind === "dynamic" ? "Dynamic" : "Fixed",
    tierName: agent.pricing.kind === "tiered" ? (input.tierName ?? null) : null,
    sellingWalletId: wallet.id,
    identifierFromPurchaser: input.identifierFromPurchaser,
    inputHash,
    amounts: JSON.stringify(toWireAmounts(decoded.terms.amounts)),
    ...times.times,
    state: "WaitingForFunds",
    resultHash: null,
    metadata: input.metadata ?? null,
    requestedById: input.requestedById ?? null,
    escrowId: null,
    invalidReason: null,
    ...metered.columns,
    createdAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
  };
  // A usage-limited key may ask for no more than its credits (credits.ts says why): a check that
  // spends nothing. One statement writes the request, with no transaction around it (its BEGIN
  // and COMMIT were two more round trips on every request).
  await requireCredits(ctx.db, input.requestedById, amounts);
  await ctx.db.insert(payments).values(row);
  return row;
}

/** The agent, if it is in the index, valid, active and held by one of our selling wallets. */
async function sellableAgent(ctx: PaymentContext, raw: string) {
  const agentIdentifier = normaliseAgentIdentifier(raw);
  if (agentIdentifier === null) {
    throw invalid("agentIdentifier", "must be a policy id followed by an asset name (hex)");
  }
  const scope = { network: ctx.network, policyId: ctx.policyId };
  const holds = (r: IndexRow | undefined) => (w: WalletInfo) =>
    w.paymentKeyHash === r?.holderPaymentKeyHash;
  // Shared with the requests of the moment; a row that would be refused is read afresh.
  const known = await recentWallets(ctx.db, ctx.network, "selling");
  const row = await recentEntry(
    ctx.db,
    scope,
    agentIdentifier,
    (r) => !(listedAgent(r) instanceof PaymentError) && known.some(holds(r)),
  );
  const agent = listedAgent(row);
  if (agent instanceof PaymentError) throw agent;
  const sellers = await recentWallets(ctx.db, ctx.network, "selling", (l) => l.some(holds(row)));
  const wallet: WalletInfo | undefined = sellers.find(holds(row));
  if (wallet === undefined) {
    throw invalid("agentIdentifier", "the agent is not held by a selling wallet of this node");
  }
  return { agentIdentifier, agent, wallet };
}

/** The agent `row` describes, if it is in the index, active and valid; else the refusal. */
function listedAgent(row: IndexRow | undefined) {
  if (row === undefined) return invalid("agentIdentifier", "no such agent in the registry");
  if (row.status !== "active") {
    return new PaymentError("conflict", "agentIdentifier", "the agent is deregistered (burned)");
  }
  return agentOf(row) ?? invalid("agentIdentifier", "the agent's registry metadata is invalid");
}

/** The amounts to escrow: the agent's price (or chosen tier), or the request's for Dynamic. */
function amountsFor(pricing: Pricing, input: PaymentRequestInput): Amount[] {
  let requested: Amount[] | undefined;
  if (input.requestedFunds !== undefined) {
    const read = parseWireAmounts(input.requestedFunds, "RequestedFunds");
    if (!read.ok) {
      const first = read.problems[0]!;
      throw invalid(formatPath(first.path), first.message);
    }
    requested = read.amounts;
  }
  const dynamic = pricing.kind === "dynamic";
  const price = priceForJob(pricing, {
    tierName: input.tierName,
    dynamicAmounts: dynamic ? requested : undefined,
  });
  if (!price.ok) throw priceError(price.error);
  // A fixed price may be repeated by the caller (as the peer's SDKs do), but never changed.
  if (!dynamic && requested !== undefined && !amountsEqual(requested, price.prices)) {
    throw invalid("RequestedFunds", "must equal the agent's price, or be left out");
  }
  return price.prices;
}

function priceError(e: JobPriceError): PaymentError {
  switch (e.code) {
    case "nothingToEscrow":
      return invalid("agentIdentifier", "the agent is free: nothing to escrow");
    case "unknownTier":
      return invalid("tierName", `no tier "${e.tierName}"; offered: ${e.tierNames.join(", ")}`);
    case "tierNotOffered":
      return invalid("tierName", "the agent has no tiers");
    case "dynamicAmountsMissing":
      return invalid("RequestedFunds", "is required: the agent's price is dynamic");
    case "dynamicAmountsNotAllowed":
      return invalid("RequestedFunds", "only a dynamic agent takes amounts from the request");
    case "dynamicAmountsInvalid":
      return invalid("RequestedFunds", e.problems.map(formatProblem).join("; "));
  }
}

/** The payment with this identifier on the network, or a notFound refusal. */
export async function paymentByIdentifier(
  db: Db,
  network: Network,
  blockchainIdentifier: string,
): Promise<PaymentRow> {
  const [row] = await db
    .select()
    .from(payments)
    .where(
      and(eq(payments.network, network), eq(payments.blockchainIdentifier, blockchainIdentifier)),
    )
    .limit(1);
  if (row === undefined) {
    throw new PaymentError("notFound", "blockchainIdentifier", "no payment with this identifier");
  }
  return row;
}
