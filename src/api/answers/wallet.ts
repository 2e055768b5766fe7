/**
 * The node's hot wallets, their low-balance rules and fund transfers, as the wallet routes answer
 * them (wallet-view.ts, in the Masumi API's shapes). No answer ever carries a mnemonic.
 */
import { z } from "zod";
import { amountText, isoTime } from "./shapes.ts";

const walletType = z.enum(["Selling", "Purchasing", "Funding"]);
const walletVkey = z.string().meta({ description: "The wallet's payment key hash (hex)" });
const collectionAddress = z.null().meta({
  description: "Always null: withdrawn and refunded funds stay in the wallet itself",
});
const paymentSourceId = z.string().meta({ description: "`escrow-<network>`, the node's escrow" });

const lowBalanceSummary = z.object({
  isLow: z.boolean().meta({ description: "An enabled rule's last check found the wallet Low" }),
  lowRuleCount: z.number().int(),
  lastCheckedAt: isoTime.nullable(),
});

/** One low-balance rule, as a wallet lists it. */
const ruleFields = {
  id: z.string(),
  assetUnit: z.string().meta({ description: "`lovelace`, or policy id + asset name (hex)" }),
  thresholdAmount: amountText.meta({ description: "Low below this amount, in base units" }),
  enabled: z.boolean(),
  topupEnabled: z.literal(false).meta({ description: "escrowd never tops a wallet up itself" }),
  topupAmount: z.null(),
  status: z.enum(["Unknown", "Healthy", "Low"]).meta({
    description: "What the last check against the chain found (Unknown until checked)",
  }),
  lastKnownAmount: amountText.nullable().meta({ description: "The balance the last check read" }),
  lastCheckedAt: isoTime.nullable(),
  lastAlertedAt: isoTime.nullable().meta({ description: "When a check last found it turn Low" }),
};

/** A rule with its wallet (`/wallet/low-balance`). */
export const lowBalanceRuleAnswer = z
  .object({
    ...ruleFields,
    walletId: z.string(),
    walletVkey,
    walletAddress: z.string(),
    walletType,
    paymentSourceId,
    network: z.enum(["Preprod", "Mainnet"]),
  })
  .meta({ description: "A low-balance rule, checked against the chain's balance" });

/** `GET /wallet/list`'s item. */
export const walletListItemAnswer = z.object({
  id: z.string(),
  paymentSourceId,
  type: walletType,
  walletVkey,
  walletAddress: z.string(),
  collectionAddress,
  note: z.string().nullable(),
  LowBalanceSummary: lowBalanceSummary,
});

/** A wallet with its rules (`GET` and `PATCH /wallet`), never its mnemonic. */
export const walletAnswer = z
  .object({
    id: z.string(),
    type: walletType,
    PendingTransaction: z.null().meta({
      description: "Always null: the submitter batches a wallet's work, it never holds one",
    }),
    note: z.string().nullable(),
    walletVkey,
    walletAddress: z.string(),
    collectionAddress,
    LowBalanceSummary: lowBalanceSummary,
    LowBalanceRules: z.array(z.object(ruleFields)),
  })
  .meta({ description: "A hot wallet with its low-balance rules (the mnemonic stays sealed)" });

/** `POST /wallet`: the new funding wallet, with a notice where the peer answers the mnemonic. */
export const createdWalletAnswer = z.object({
  id: z.string(),
  type: walletType,
  walletMnemonic: z.string().meta({
    description: "A notice, not a mnemonic: escrowd keeps every mnemonic sealed on the node",
  }),
  walletAddress: z.string(),
  walletVkey,
});

/** A fund transfer and the status of its transaction. */
export const transferAnswer = z
  .object({
    id: z.string(),
    status: z.enum(["Pending", "Confirmed", "FailedViaTimeout"]).meta({
      description: "Pending until the chain confirms its transaction",
    }),
    txHash: z.string().nullable().meta({ description: "Null until it is submitted" }),
    fromWalletAddress: z.string(),
    toAddress: z.string(),
    lovelaceAmount: amountText,
    assets: z
      .array(z.object({ unit: z.string(), quantity: amountText }))
      .nullable()
      .meta({ description: "The tokens sent (policy id + asset name hex), null when none" }),
    createdAt: isoTime,
    updatedAt: isoTime,
    lastCheckedAt: isoTime.nullable(),
    errorNote: z.string().nullable().meta({ description: "Why its last attempt failed" }),
  })
  .meta({ description: "A transfer out of one of the node's wallets" });
