/**
 * `/api/v1/payment-source` (read): the escrow this node locks in and watches, in the peer's
 * `PaymentSource` shape. escrowd runs one escrow per network and takes no fee, so the list has
 * one entry with `feeRatePermille: 0` and no fee wallet; its admins are the escrow's dispute
 * admins, as enterprise addresses, in their order in the script's parameters.
 */
import { Hono } from "hono";
import { z } from "zod";
import { addressOf } from "../../contracts/address.ts";
import { pageSize } from "./fields.ts";
import { networkId, type Network } from "../chain/network.ts";
import { listWallets } from "../services/wallets.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { queryParams } from "./validate.ts";
import { paymentSourceId } from "./wallet-view.ts";
import { documented } from "./openapi/route-doc.ts";
import { paymentSourcesAnswer } from "./answers/payment-source.ts";

/** What the payment source route needs of the node beyond authentication. */
export interface PaymentSourceContext extends AuthContext {
  policyId: string;
  escrowAddress?: string;
  escrowAdmins?: { threshold: number; keyHashes?: readonly string[] };
}

const listQuery = z.object({
  take: pageSize(100, 10),
  cursorId: z.string({ error: "must be text" }).max(250).optional(),
});

const adminAddress = (keyHash: string, network: Network) =>
  addressOf({ networkId: networkId(network), payment: { kind: "key", hash: keyHash } });

/** The payment source routes; `ready` yields the node's context or throws a 503 while it starts. */
export function paymentSourceRoutes(ready: () => PaymentSourceContext): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  r.get(
    "/payment-source",
    documented({
      summary: "The escrow this node locks in and watches",
      description:
        "One entry: escrowd runs one escrow per network and takes no fee. Any `cursorId` ends " +
        "the list.",
      tag: "Payment source",
      access: "read",
      query: listQuery,
      answer: paymentSourcesAnswer,
    }),
    requirePermission("read", ready),
    async (c) => {
      const q = queryParams(c, listQuery);
      const ctx = ready();
      const id = paymentSourceId(ctx.network);
      // One source, so any cursor (the peer's is the last id seen) ends the list.
      if (ctx.escrowAddress === undefined || q.cursorId !== undefined)
        return c.json({ status: "success", data: { PaymentSources: [] } });
      // The escrow is set up with the node's first wallets: their creation is its creation.
      const [first] = await listWallets(ctx.db, ctx.network);
      const since = new Date(first?.createdAtMs ?? 0).toISOString();
      const source = {
        id,
        createdAt: since,
        updatedAt: since,
        network: ctx.network === "mainnet" ? "Mainnet" : "Preprod",
        paymentSourceType: "Web3CardanoV1",
        requiredAdminSignatures: ctx.escrowAdmins?.threshold ?? null,
        policyId: ctx.policyId,
        smartContractAddress: ctx.escrowAddress,
        lastIdentifierChecked: null,
        lastCheckedAt: null,
        AdminWallets: (ctx.escrowAdmins?.keyHashes ?? []).map((h, order) => ({
          walletAddress: adminAddress(h, ctx.network),
          order,
        })),
        FeeReceiverNetworkWallet: null,
        feeRatePermille: 0,
      };
      return c.json({ status: "success", data: { PaymentSources: [source] } });
    },
  );
  return r;
}
