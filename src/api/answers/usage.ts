/**
 * Usage records (usage.ts, services/usage-records.ts) and the books with one peer agent
 * (peers.ts, services/peer-books.ts), as those routes answer them.
 */
import { z } from "zod";
import { meterAnswer } from "./escrow.ts";
import { amountText, msText, wireAmount } from "./shapes.ts";

/** A job's usage as stored: every count as an integer string, a count not reported being 0. */
export const storedUsageAnswer = z.object({
  calls: amountText,
  outcomes: amountText,
  inputTokens: amountText,
  outputTokens: amountText,
  computeMs: amountText,
  custom: z.record(z.string(), amountText).meta({ description: "counts of named custom units" }),
});

/** One usage record. */
export const usageRecordAnswer = z.object({
  usageId: z.string().meta({ description: "the client's id of the record" }),
  network: z.enum(["Preprod", "Mainnet"]),
  blockchainIdentifier: z.string(),
  role: z.enum(["buyer", "seller"]).meta({ description: "this node's side of the escrow" }),
  usage: storedUsageAnswer,
  amounts: z.array(wireAmount).nullable().meta({ description: "amounts the client gave, if any" }),
  createdAt: msText,
});

/** A page of an escrow's usage records. */
export const usagePageAnswer = z.object({
  UsageRecords: z.array(usageRecordAnswer),
  nextCursor: z.string().nullable().meta({ description: "pass as `cursor` for the next page" }),
});

const sideBalance = z.object({
  escrows: z.number().int().meta({ description: "escrows with at least one transaction" }),
  amounts: z.array(
    z.object({
      unit: z.string(),
      locked: amountText,
      claimed: amountText.meta({ description: "what the escrows' claims ask for" }),
      released: amountText.meta({ description: "paid to the seller" }),
      refunded: amountText.meta({ description: "paid back to the buyer (not the deposit)" }),
      pending: amountText.meta({ description: "still held by the escrows" }),
    }),
  ),
});

/** The balance with one peer agent, per side. */
export const peerBalanceAnswer = z.object({
  agentIdentifier: z.string(),
  asBuyer: sideBalance.meta({ description: "trades where this node bought from the agent" }),
  asSeller: sideBalance.meta({ description: "trades where this node sold as the agent" }),
  trades: z.number().int(),
  complete: z.boolean().meta({ description: "false when there were more trades than it reads" }),
});

/** One trade with a peer agent and its books. */
export const peerTradeAnswer = z.object({
  blockchainIdentifier: z.string(),
  role: z.enum(["buyer", "seller"]),
  state: z.string(),
  createdAt: msText,
  escrowId: z.string().nullable(),
  amounts: meterAnswer.shape.amounts,
  claim: meterAnswer.shape.claim,
  voucherTotal: amountText,
  usage: z.object({
    records: z.array(usageRecordAnswer),
    reported: storedUsageAnswer.nullable().meta({ description: "the usage the seller reported" }),
  }),
  transactions: meterAnswer.shape.transactions,
  txHashes: z.array(z.string()),
});

/** A page of trades with a peer agent, most recent first. */
export const peerUsagePageAnswer = z.object({
  Usage: z.array(peerTradeAnswer),
  recordsTruncated: z.boolean().meta({
    description: "whether the page's usage records were cut (read the rest with `GET /usage`)",
  }),
  nextCursor: z.string().nullable().meta({ description: "pass as `cursor` for the next page" }),
});
