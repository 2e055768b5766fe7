/**
 * HTTP 402 in front of a route: a call without a proof of payment is answered `402 Payment
 * Required` with the requirements of a payment request the seller's node made for exactly this
 * call's JSON body (x402.ts); a call with a proof (`X-PAYMENT`: the escrow's
 * blockchainIdentifier) runs the route once the seller's node sees that escrow locked for this
 * body and not used yet, and the hash of the route's answer is submitted as the job's result.
 *
 * The proof needs no signature: the seller's node reads the escrow from the chain, and the escrow
 * is bound to the body by its input hash, so a proof cannot buy another input, and an escrow
 * whose result is submitted cannot be used again.
 */
import type { MiddlewareHandler } from "hono";
import { EscrowdError } from "../client.ts";
import {
  inputHash,
  isIdentifierFromPurchaser,
  randomIdentifierFromPurchaser,
  resultHash,
} from "../mip004.ts";
import {
  encodeHeader,
  ESCROW_SCHEME,
  PAYMENT_HEADER,
  PAYMENT_RESPONSE_HEADER,
  type PaymentRequired,
  readProof,
  X402_NETWORK,
  X402_VERSION,
} from "../x402.ts";
import {
  lockedAndUnused,
  type Payment,
  paymentOf,
  requestPayment,
  type SellerOptions,
  type Seller,
  sellerOf,
  submitResult,
  termsOf,
} from "./seller.ts";

export interface PaidOptions extends SellerOptions {
  /** What the buyer pays for, shown in the requirement. */
  description?: string;
  /** Seconds the buyer's node is asked to wait again while the lock is not yet seen. */
  retryAfterSeconds?: number;
}

/** A purchaser may name its identifier; otherwise the seller picks one for the call. */
const PURCHASER_HEADER = "x-purchaser-identifier";

export function paid(options: PaidOptions): MiddlewareHandler {
  const seller = sellerOf(options);
  const retryAfter = String(options.retryAfterSeconds ?? 2);
  // One call at a time per escrow, so two requests with one proof cannot both run the route.
  const inFlight = new Set<string>();

  return async (c, next) => {
    const input = await c.req.json().catch(() => undefined);
    if (input === undefined) return c.json({ error: "the body must be JSON" }, 400);
    const proofHeader = c.req.header(PAYMENT_HEADER);
    if (proofHeader === undefined) return requirePayment();

    const proof = readProof(proofHeader);
    if (proof === undefined || proof.network !== X402_NETWORK[seller.network]) {
      return refuse(
        `${PAYMENT_HEADER} is not a ${ESCROW_SCHEME} proof on ${X402_NETWORK[seller.network]}`,
      );
    }
    const id = proof.payload.blockchainIdentifier;
    let payment: Payment;
    try {
      payment = await paymentOf(seller, id);
    } catch (e) {
      if (e instanceof EscrowdError && e.status < 500)
        return refuse("no payment request of this seller has that blockchainIdentifier");
      return c.json({ error: "the seller's payment node cannot be asked now" }, 503);
    }
    if (payment.agentIdentifier !== seller.agentIdentifier)
      return refuse("the escrow is for another agent");
    const hashed = await inputHash(payment.identifierFromPurchaser, input).catch(() => undefined);
    if (hashed !== payment.inputHash) return refuse("the escrow was made for another body");
    if (payment.state === "WaitingForFunds") {
      return refuse("the lock is not on chain yet", { "Retry-After": retryAfter });
    }
    if (!lockedAndUnused(payment) || inFlight.has(id))
      return refuse(
        `the escrow cannot pay for a call: it is ${payment.state}${payment.resultHash === null ? "" : " with a result"}`,
      );

    inFlight.add(id);
    try {
      await next();
      if (!c.res.ok) return;
      const text = await c.res.clone().text();
      const hash = await resultHash(payment.identifierFromPurchaser, text);
      const submitted = await submitResult(seller, id, hash).then(
        () => true,
        () => false,
      );
      c.res.headers.set(
        PAYMENT_RESPONSE_HEADER,
        encodeHeader({
          success: submitted,
          network: proof.network,
          blockchainIdentifier: id,
          resultHash: hash,
        }),
      );
    } finally {
      inFlight.delete(id);
    }
    return;

    function refuse(error: string, headers?: Record<string, string>) {
      const body: PaymentRequired = { x402Version: X402_VERSION, error, accepts: [] };
      return c.json(body, 402, headers);
    }

    async function requirePayment() {
      const named = c.req.header(PURCHASER_HEADER);
      const identifier = isIdentifierFromPurchaser(named) ? named : randomIdentifierFromPurchaser();
      let hash: string;
      try {
        hash = await inputHash(identifier, input);
      } catch (e) {
        return c.json({ error: `the body: ${(e as Error).message}` }, 400);
      }
      let created: Payment;
      try {
        created = await requestPayment(seller, identifier, hash);
      } catch {
        return c.json({ error: "the seller's payment node did not make a payment request" }, 502);
      }
      return c.json(requirementsOf(seller, created, c.req.url, options.description), 402);
    }
  };
}

function requirementsOf(
  seller: Seller,
  payment: Payment,
  resource: string,
  description = "a call to this agent, paid into escrow",
): PaymentRequired {
  const terms = termsOf(payment, seller.priceSheet);
  const [first] = terms.amounts;
  const secondsLeft = Math.ceil((Number(payment.submitResultTime) - Date.now()) / 1000);
  return {
    x402Version: X402_VERSION,
    error: `${PAYMENT_HEADER} is required: lock the amount in this escrow, then send its blockchainIdentifier`,
    accepts: [
      {
        scheme: ESCROW_SCHEME,
        network: X402_NETWORK[seller.network],
        maxAmountRequired: first?.amount ?? "0",
        asset: first?.unit ?? "",
        payTo: payment.SmartContractWallet?.walletAddress ?? payment.sellerReturnAddress ?? "",
        resource,
        description,
        mimeType: "application/json",
        maxTimeoutSeconds: Math.max(0, secondsLeft),
        extra: terms,
      },
    ],
  };
}
