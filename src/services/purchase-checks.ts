/**
 * What a purchase must pass before anything of it is written (src/services/purchases.ts): the
 * seller's signature over the terms, the request agreeing with them, time left to lock, no
 * earlier purchase of the same terms, and the seller holding the agent's NFT at the agent's price.
 * Each refusal is a PurchaseError naming the wire field at fault.
 */
import { eq } from "drizzle-orm";
import { agentOf } from "../api/registry-entry-view.ts";
import type { Db } from "../db/client.ts";
import { purchases } from "../db/schema.ts";
import { type Amount, amountsEqual, parseWireAmounts } from "../domain/amounts.ts";
import {
  decodeBlockchainIdentifier,
  type DecodedBlockchainIdentifier,
  type PaymentTerms,
  verifyBlockchainIdentifier,
} from "../domain/blockchain-identifier.ts";
import { isIdentifierFromPurchaser, parseHash64Hex } from "../domain/mip004.ts";
import { TIME_FIELDS, TIMES_HORIZON_MS, WIRE_TIME_FIELDS } from "../domain/payment-times.ts";
import { formatProblem, type Price, type Pricing, priceForJob } from "../domain/pricing.ts";
import { formatPath } from "../domain/pricing-fields.ts";
import { normaliseAgentIdentifier } from "../domain/registry-assets.ts";
import type { AgentLabel } from "./purchase-list.ts";
import { type PurchaseContext, PurchaseError, type PurchaseRequestInput } from "./purchases.ts";
import { type IndexRow, recentEntry } from "./registry-query.ts";

/**
 * A lock must reach the chain before payByTime: the lock builder wants 60 slots (of 1 s on
 * preprod and mainnet, LOCK_WINDOW_SLOTS_MIN) between the tip and payByTime.
 */
export const PAY_BY_MARGIN_MS = 60_000;
const invalid = (field: string, message: string) => new PurchaseError("invalid", field, message);

/** The decoded identifier, if it is well-formed, for this network and signed by the seller. */
export async function verifiedIdentifier(
  ctx: PurchaseContext,
  text: string,
): Promise<DecodedBlockchainIdentifier> {
  const decoded = decodeBlockchainIdentifier(text);
  if (!decoded.ok) {
    const where = decoded.field === "blockchainIdentifier" ? "" : `(terms: ${decoded.field}) `;
    throw invalid("blockchainIdentifier", `${where}${decoded.reason}`);
  }
  const verified = await verifyBlockchainIdentifier(decoded, { network: ctx.network });
  if (!verified.ok) {
    const why =
      decoded.terms.network === ctx.network
        ? `the seller's signature does not verify: ${verified.reason}`
        : verified.reason;
    throw invalid("blockchainIdentifier", why);
  }
  return decoded;
}

/** A 409 when this node already purchased the identifier, naming that purchase's state. */
export async function refuseRepeat(db: Db, blockchainIdentifier: string): Promise<void> {
  const [old] = await db
    .select({ id: purchases.id, state: purchases.state })
    .from(purchases)
    .where(eq(purchases.blockchainIdentifier, blockchainIdentifier))
    .limit(1);
  if (old !== undefined) {
    throw new PurchaseError(
      "conflict",
      "blockchainIdentifier",
      `already purchased on this node (purchase ${old.id}, state ${old.state})`,
    );
  }
}

/** Every field the request repeats must be what the seller signed. */
export function checkAgreement(terms: PaymentTerms, input: PurchaseRequestInput): void {
  const differs = (field: string, signed: string | number) =>
    invalid(field, `does not match the seller's signed terms, which say ${signed}`);
  const agent = normaliseAgentIdentifier(input.agentIdentifier);
  if (agent === null) {
    throw invalid("agentIdentifier", "must be a policy id followed by an asset name (hex)");
  }
  if (agent !== normaliseAgentIdentifier(terms.agentIdentifier)) {
    throw differs("agentIdentifier", terms.agentIdentifier);
  }
  if (input.sellerVkey.toLowerCase() !== terms.sellerVkey) {
    throw differs("sellerVkey", terms.sellerVkey);
  }
  const inputHash = parseHash64Hex(input.inputHash);
  if (inputHash === undefined) throw invalid("inputHash", "must be 64 hex characters (sha256)");
  if (inputHash !== terms.inputHash) throw differs("inputHash", terms.inputHash);
  if (!isIdentifierFromPurchaser(input.identifierFromPurchaser)) {
    throw invalid("identifierFromPurchaser", "must be 14-26 hex characters (whole bytes)");
  }
  // Compared as given: the identifier is hashed as text into the input hash (MIP-004).
  if (input.identifierFromPurchaser !== terms.identifierFromPurchaser) {
    throw differs("identifierFromPurchaser", terms.identifierFromPurchaser);
  }
  for (const field of TIME_FIELDS) {
    if (input.times[field] !== terms[field]) throw differs(WIRE_TIME_FIELDS[field], terms[field]);
  }
  if (input.amounts !== undefined) {
    const read = parseWireAmounts(input.amounts, "Amounts");
    if (!read.ok) {
      const first = read.problems[0]!;
      throw invalid(formatPath(first.path), first.message);
    }
    if (!amountsEqual(read.amounts, terms.amounts)) throw differs("Amounts", shown(terms.amounts));
  }
  if (input.sellerAddress !== undefined && input.sellerAddress !== terms.sellerAddress) {
    throw differs("sellerReturnAddress", terms.sellerAddress);
  }
}

/** Time to lock before payByTime, and no deadline so far ahead that funds stay locked for years. */
export function checkTimes(terms: PaymentTerms, nowMs: number): void {
  if (!(nowMs < terms.payByTimeMs - PAY_BY_MARGIN_MS)) {
    throw invalid(
      "payByTime",
      `has passed or is too close: the lock needs ${PAY_BY_MARGIN_MS / 1000} s before it`,
    );
  }
  if (terms.externalDisputeUnlockTimeMs > nowMs + TIMES_HORIZON_MS) {
    throw invalid("externalDisputeUnlockTime", "is more than 365 days away");
  }
}

/**
 * The seller holds the agent's NFT, and the terms ask what the agent's pricing asks. Returns the
 * registry's label of the agent, as the purchase's view shows it.
 */
export async function checkSellerAndPrice(
  ctx: PurchaseContext,
  terms: PaymentTerms,
  agentIdentifier: string,
): Promise<AgentLabel> {
  const scope = { network: ctx.network, policyId: ctx.policyId };
  // Shared with the purchases of the moment; a row that would refuse this one is read afresh.
  const row = await recentEntry(
    ctx.db,
    scope,
    agentIdentifier,
    (r) => !(sellerAndPrice(r, terms) instanceof PurchaseError),
  );
  const checked = sellerAndPrice(row, terms);
  if (checked instanceof PurchaseError) throw checked;
  return checked;
}

/** The agent's label when `row` says the seller holds it at the terms' price, else the refusal. */
function sellerAndPrice(
  row: IndexRow | undefined,
  terms: PaymentTerms,
): AgentLabel | PurchaseError {
  if (row === undefined) return invalid("agentIdentifier", "no such agent in the registry");
  if (row.status !== "active") {
    return invalid("agentIdentifier", "the agent is deregistered (burned)");
  }
  const agent = agentOf(row);
  if (agent === null) return invalid("agentIdentifier", "the agent's registry metadata is invalid");
  if (row.holderPaymentKeyHash !== terms.sellerVkey) {
    return invalid(
      "sellerVkey",
      `the seller does not hold the agent's NFT (its holder is ${row.holderPaymentKeyHash ?? "unknown"})`,
    );
  }
  const refusal = priceRefusal(agent.pricing, terms.amounts);
  if (refusal !== undefined) return invalid("Amounts", refusal);
  return { name: row.name, pricingType: row.pricingType };
}

const shown = (prices: readonly Price[]) => prices.map((p) => `${p.amount} ${p.unit}`).join(" + ");

/** Why `amounts` is not a price the agent asks, or undefined when it is. */
export function priceRefusal(pricing: Pricing, amounts: readonly Amount[]): string | undefined {
  switch (pricing.kind) {
    case "free":
      return "the agent is free: there is nothing to escrow";
    case "fixed":
      return amountsEqual(amounts, pricing.prices)
        ? undefined
        : `the terms ask ${shown(amounts)}, the agent's price is ${shown(pricing.prices)}`;
    case "tiered":
      return pricing.tiers.some((t) => amountsEqual(amounts, t.prices))
        ? undefined
        : `the terms ask ${shown(amounts)}, which is no tier's price (` +
            pricing.tiers.map((t) => `${t.name}: ${shown(t.prices)}`).join("; ") +
            ")";
    case "dynamic": {
      const price = priceForJob(pricing, { dynamicAmounts: amounts });
      if (price.ok) return undefined;
      return price.error.code === "dynamicAmountsInvalid"
        ? price.error.problems.map(formatProblem).join("; ")
        : `not a dynamic price (${price.error.code})`;
    }
  }
}
