/** An API key as `/api-key` and `/api-key-status` answer it (the Masumi API's `APIKey` shape). */
import { z } from "zod";
import { amountText } from "./shapes.ts";

const networkLimit = z.array(z.enum(["Preprod", "Mainnet"])).meta({
  description: "The networks the key may be used on",
});

/** The fields every key answer carries, the configured ADMIN_KEY's status included. */
const keyFields = {
  id: z.string().meta({ description: "`admin` for the configured ADMIN_KEY" }),
  token: z.string().meta({
    description:
      "Masked: the key's prefix followed by a notice. The node keeps only a hash of each " +
      "token, so only the creating POST answers the usable token",
  }),
  permission: z.enum(["Read", "ReadAndPay", "Admin"]),
  canRead: z.boolean(),
  canPay: z.boolean(),
  canAdmin: z.boolean(),
  usageLimited: z.boolean().meta({
    description: "Whether the key's purchases spend its credits (and cap its payment requests)",
  }),
  NetworkLimit: networkLimit,
  ChainIdLimit: z.array(z.string()).max(0).meta({ description: "Always empty on escrowd" }),
  RemainingUsageCredits: z
    .array(z.object({ unit: z.string(), amount: amountText }))
    .meta({ description: "What the key may still spend, per unit (ADA as `lovelace`)" }),
  status: z.enum(["Active", "Revoked"]),
  walletScopeEnabled: z.literal(false),
  WalletScopes: z.array(z.object({ hotWalletId: z.string() })).max(0),
};

const tokenPrefix = z.string().meta({
  description: "The token's public prefix, enough to tell keys apart (additive to the peer)",
});

/** A stored key, as the admin routes answer it. */
export const apiKeyAnswer = z
  .object({ ...keyFields, tokenPrefix })
  .meta({ description: "An API key, with its token masked" });

/** The creating POST's answer: the only one that carries the usable token. */
export const createdApiKeyAnswer = z
  .object({
    ...keyFields,
    tokenPrefix,
    // A replay of the creating request (Idempotency-Key) answers without it: it is not stored.
    token: z
      .string()
      .optional()
      .meta({
        description:
          "The usable token, answered once: store it now, the node keeps only a hash. A replay " +
          "of the request (same Idempotency-Key) answers without it",
      }),
  })
  .meta({ description: "The new API key, with its token" });

/**
 * `/api-key-status`: the calling key. The configured ADMIN_KEY has no stored row, so its status
 * has no `tokenPrefix`.
 */
export const apiKeyStatusAnswer = z
  .object({ ...keyFields, tokenPrefix: tokenPrefix.optional() })
  .meta({ description: "The calling API key, with its token masked" });
