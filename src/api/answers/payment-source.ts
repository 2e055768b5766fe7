/** The escrow as `GET /payment-source` lists it, in the peer's `PaymentSource` shape. */
import { z } from "zod";
import { isoTime } from "./shapes.ts";

const paymentSourceEntry = z.object({
  id: z.string().meta({ description: "`escrow-<network>`" }),
  createdAt: isoTime.meta({ description: "when the node's first wallet was made" }),
  updatedAt: isoTime,
  network: z.enum(["Preprod", "Mainnet"]),
  paymentSourceType: z.literal("Web3CardanoV1"),
  requiredAdminSignatures: z
    .number()
    .int()
    .nullable()
    .meta({ description: "how many escrow admins resolve a dispute; null if not configured" }),
  policyId: z.string().meta({ description: "the registry policy whose agents this node serves" }),
  smartContractAddress: z.string(),
  lastIdentifierChecked: z.null(),
  lastCheckedAt: z.null(),
  AdminWallets: z
    .array(z.object({ walletAddress: z.string(), order: z.number().int() }))
    .meta({ description: "the escrow's dispute admins as enterprise addresses, in order" }),
  FeeReceiverNetworkWallet: z.null(),
  feeRatePermille: z.literal(0).meta({ description: "escrowd takes no fee" }),
});

export const paymentSourcesAnswer = z.object({
  PaymentSources: z
    .array(paymentSourceEntry)
    .max(1)
    .meta({ description: "the node's one escrow; empty before it is set up, or past the cursor" }),
});
