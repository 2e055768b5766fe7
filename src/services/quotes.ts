/**
 * Quotes: what a job of an agent would cost this buyer, by the one charge function the seller
 * claims with (charge.ts), with the free quota this buyer has left and the minimum applied.
 *
 * The free quota is counted per node: the seller sees the node's purchasing wallets, not its
 * API keys, so every key of one node shares the agent's `freeCallsPerBuyer`. Each purchase of
 * the agent on this network counts as one call, except those that never locked (Expired) or
 * whose lock was invalid (FundsOrDatumInvalid), since no job ran for them.
 */
import { publishedSheet } from "./price-sheets.ts";
import { and, count, eq, notInArray } from "drizzle-orm";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { purchases } from "../db/schema.ts";
import { charge, type Charge, type Usage } from "../domain/charge.ts";
import { parsePriceSheet, type PriceSheet } from "../domain/price-sheet.ts";
import { formatPath } from "../domain/pricing-fields.ts";

/** An expected refusal, mapped to HTTP by the routes; `field` is the wire name at fault. */
export class QuoteError extends Error {
  constructor(
    readonly kind: "invalid" | "notFound",
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Where a quote's sheet may come from, in this order. */
export interface SheetSource {
  /** A sheet the caller sends (price-sheet.ts wire form). */
  priceSheet?: unknown;
  /** A purchase of this node whose stored sheet to use. */
  blockchainIdentifier?: string;
}

/** Purchases that do not use a free call: no job ran for them. */
const NO_JOB_STATES = ["Expired", "FundsOrDatumInvalid"];

/**
 * The sheet a quote is charged by: the one sent, else the one stored with the named purchase.
 * Integration point: when the seller's published sheet can be looked up
 * (`publishedSheet(db, network, agentIdentifier)`), use it where this answers "is required".
 */
export async function sheetForQuote(
  db: Db,
  network: Network,
  agentIdentifier: string,
  source: SheetSource,
): Promise<PriceSheet> {
  if (source.priceSheet !== undefined) return readSheet(source.priceSheet, "priceSheet");
  if (source.blockchainIdentifier !== undefined) {
    const [row] = await db
      .select({ agent: purchases.agentIdentifier, sheet: purchases.priceSheet })
      .from(purchases)
      .where(
        and(
          eq(purchases.network, network),
          eq(purchases.blockchainIdentifier, source.blockchainIdentifier),
        ),
      )
      .limit(1);
    if (row === undefined)
      throw new QuoteError("notFound", "blockchainIdentifier", "no purchase with this identifier");
    if (row.agent !== agentIdentifier)
      throw new QuoteError("invalid", "blockchainIdentifier", `is a purchase of ${row.agent}`);
    if (row.sheet === null)
      throw new QuoteError("invalid", "blockchainIdentifier", "the purchase has no price sheet");
    return readSheet(JSON.parse(row.sheet), "priceSheet");
  }
  // An agent this node sells itself: the sheet it publishes (a buyer's node elsewhere reads the
  // seller's public lookup and passes the sheet, whose hash it can check against the chain).
  const published = await publishedSheet(db, network, agentIdentifier);
  if (published !== null) return published.sheet;
  throw new QuoteError(
    "invalid",
    "priceSheet",
    "is required (or a blockchainIdentifier of a purchase with a sheet, or an agent this node publishes a sheet for)",
  );
}

function readSheet(raw: unknown, field: string): PriceSheet {
  const read = parsePriceSheet(raw);
  if (read.ok) return read.sheet;
  const first = read.problems[0];
  const path = first === undefined ? "" : formatPath(first.path);
  throw new QuoteError(
    "invalid",
    path === "" ? field : `${field}.${path}`,
    first?.message ?? read.message,
  );
}

/** The free calls this node has left with the agent under `sheet` (see the module comment). */
export async function freeCallsLeft(
  db: Db,
  network: Network,
  agentIdentifier: string,
  sheet: PriceSheet,
): Promise<bigint> {
  if (sheet.freeCallsPerBuyer === 0n) return 0n;
  const [row] = await db
    .select({ used: count() })
    .from(purchases)
    .where(
      and(
        eq(purchases.network, network),
        eq(purchases.agentIdentifier, agentIdentifier),
        notInArray(purchases.state, NO_JOB_STATES),
      ),
    );
  const used = BigInt(row?.used ?? 0);
  return used >= sheet.freeCallsPerBuyer ? 0n : sheet.freeCallsPerBuyer - used;
}

export interface Quote extends Charge {
  /** Free calls left before this job. */
  freeCallsLeft: bigint;
}

/** The charge of `usage` under `sheet` for this node, at most `ceiling` when given. */
export async function quote(
  db: Db,
  q: {
    network: Network;
    agentIdentifier: string;
    sheet: PriceSheet;
    usage: Usage;
    ceiling?: bigint;
  },
): Promise<Quote> {
  if (!q.sheet.enabled)
    throw new QuoteError("invalid", "priceSheet.enabled", "the agent's sheet is not enabled");
  const left = await freeCallsLeft(db, q.network, q.agentIdentifier, q.sheet);
  const result = charge(q.sheet, q.usage, { ceiling: q.ceiling, freeCallsLeft: left });
  if (!result.ok) {
    const field = result.error.field === "ceiling" ? "ceiling" : `usage.${result.error.field}`;
    const why = {
      negativeUsage: "must not be negative",
      usageTooLarge: "is too large",
      unknownCustomUnit: "is not a custom unit of the sheet",
      invalidOption: "is out of range",
    }[result.error.code];
    throw new QuoteError("invalid", field, why);
  }
  const { ok: _ok, ...rest } = result;
  return { ...rest, freeCallsLeft: left };
}
