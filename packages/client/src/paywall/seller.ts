/**
 * What the paywall asks of the seller's node: a payment request for one job's input, where that
 * request stands, and the result's hash once the job is done. One function per route, so the
 * MIP-003 routes and the 402 middleware share them.
 */
import type { paths as EscrowdPaths } from "../api-types.ts";
import { createClient, type EscrowdClient, unwrap } from "../client.ts";
import type { EscrowTerms, Network } from "../x402.ts";

/** The usage a metered job is charged for, as the node's submit-result takes it. */
export type Usage = NonNullable<
  EscrowdPaths["/api/v1/payment/submit-result"]["post"]["requestBody"]["content"]["application/json"]["usage"]
>;

/** The seller's node: a client, or its address and an API key allowed to pay (sell). */
export type NodeOption = EscrowdClient | { url: string; token: string };

export interface SellerOptions {
  node: NodeOption;
  /** The agent's registry identifier (policy id and asset name). */
  agentIdentifier: string;
  network?: Network;
  /**
   * Metered terms: the price sheet each job is charged by (the node's `priceSheet`, e.g.
   * `{model: "tokens", unit, inputPricePer1MTokens, outputPricePer1MTokens}`); the buyer locks
   * its ceiling and the handler's `metered(result, usage)` claims the charge.
   */
  priceSheet?: Record<string, unknown>;
}

export interface Seller {
  node: EscrowdClient;
  agentIdentifier: string;
  network: Network;
  priceSheet?: Record<string, unknown>;
}

export function sellerOf(options: SellerOptions): Seller {
  const node =
    "GET" in options.node
      ? options.node
      : createClient({ baseUrl: options.node.url, token: options.node.token });
  return {
    node,
    agentIdentifier: options.agentIdentifier,
    network: options.network ?? "Preprod",
    priceSheet: options.priceSheet,
  };
}

export type Payment = Awaited<ReturnType<typeof paymentOf>>;

/** A payment request for the job whose input hashes to `inputHash`. */
export function requestPayment(seller: Seller, identifierFromPurchaser: string, inputHash: string) {
  return unwrap(
    seller.node.POST("/api/v1/payment", {
      body: {
        network: seller.network,
        agentIdentifier: seller.agentIdentifier,
        identifierFromPurchaser,
        inputHash,
        priceSheet: seller.priceSheet,
      },
    }),
  );
}

export function paymentOf(seller: Seller, blockchainIdentifier: string) {
  return unwrap(
    seller.node.POST("/api/v1/payment/resolve-blockchain-identifier", {
      // The history shows a result already handed to the node but not yet on chain.
      body: { network: seller.network, blockchainIdentifier, includeHistory: true },
    }),
  );
}

export function submitResult(
  seller: Seller,
  blockchainIdentifier: string,
  submitResultHash: string,
  usage?: Usage,
) {
  return unwrap(
    seller.node.POST("/api/v1/payment/submit-result", {
      body: { network: seller.network, blockchainIdentifier, submitResultHash, usage },
    }),
  );
}

/** A payment request's terms, as a buyer's node takes them. */
export function termsOf(payment: Payment, priceSheet?: Record<string, unknown>): EscrowTerms {
  return {
    blockchainIdentifier: payment.blockchainIdentifier,
    agentIdentifier: payment.agentIdentifier,
    sellerVkey: payment.sellerVKey ?? payment.SmartContractWallet?.walletVkey ?? "",
    identifierFromPurchaser: payment.identifierFromPurchaser,
    inputHash: payment.inputHash,
    payByTime: payment.payByTime,
    submitResultTime: payment.submitResultTime,
    unlockTime: payment.unlockTime,
    externalDisputeUnlockTime: payment.externalDisputeUnlockTime,
    amounts: payment.RequestedFunds.map(({ unit, amount }) => ({ unit, amount })),
    escrowAddress: payment.PaymentSource.smartContractAddress,
    ...(priceSheet === undefined ? {} : { priceSheet }),
  };
}

/**
 * True once the buyer's lock is on chain and no result has been given for it: none on chain and
 * none queued at the node (a queued one is on chain only some blocks later).
 */
export function lockedAndUnused(payment: Payment): boolean {
  const queued = (payment.ActionHistory ?? []).some(
    (a) => a.action === "SubmitResult" && a.status !== "failed",
  );
  return payment.state === "FundsLocked" && payment.resultHash === null && !queued;
}
