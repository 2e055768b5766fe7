/**
 * HTTP 402 for escrowed payments, in the shape of x402 (`{x402Version, error, accepts[]}` and
 * the `X-PAYMENT` / `X-PAYMENT-RESPONSE` headers, base64 JSON), with a scheme of its own: the
 * buyer does not pay the seller directly but locks the amount in the escrow of a payment request
 * the seller's node signed. So a requirement carries, besides x402's fields (network, asset,
 * amount, who is paid, the resource), that request's terms in `extra`; the proof of payment is
 * the escrow's blockchainIdentifier, which the seller's node checks against the chain itself.
 * Clients of other chains' x402 at least learn what to pay, in what and where.
 */
export const X402_VERSION = 1;
export const ESCROW_SCHEME = "cardano-escrow";
export const PAYMENT_HEADER = "X-PAYMENT";
export const PAYMENT_RESPONSE_HEADER = "X-PAYMENT-RESPONSE";

export type Network = "Preprod" | "Mainnet";
export const X402_NETWORK: Record<Network, string> = {
  Preprod: "cardano-preprod",
  Mainnet: "cardano-mainnet",
};

export interface UnitAmount {
  unit: string;
  amount: string;
}

/** A payment request's terms: what a buyer's node needs to lock, and checks before it does. */
export interface EscrowTerms {
  blockchainIdentifier: string;
  agentIdentifier: string;
  sellerVkey: string;
  identifierFromPurchaser: string;
  inputHash: string;
  payByTime: string;
  submitResultTime: string;
  unlockTime: string;
  externalDisputeUnlockTime: string;
  /** Every unit the request asks for (the ceiling, for metered terms). */
  amounts: UnitAmount[];
  /** The escrow script's address, where the lock goes. */
  escrowAddress: string | null;
  /** Metered terms: the price sheet the buyer agrees to (it locks the ceiling). */
  priceSheet?: Record<string, unknown>;
}

export interface PaymentRequirements {
  scheme: typeof ESCROW_SCHEME;
  network: string;
  /** The amount (or ceiling) of `asset`, in base units. */
  maxAmountRequired: string;
  /** The asset's unit: policy id and asset name, hex. */
  asset: string;
  /** Who is paid: the seller's wallet address. */
  payTo: string;
  resource: string;
  description: string;
  mimeType: string;
  maxTimeoutSeconds: number;
  extra: EscrowTerms;
}

export interface PaymentRequired {
  x402Version: number;
  error: string;
  accepts: PaymentRequirements[];
}

export interface PaymentProof {
  x402Version: number;
  scheme: typeof ESCROW_SCHEME;
  network: string;
  payload: { blockchainIdentifier: string };
}

export interface PaymentResponse {
  success: boolean;
  network: string;
  blockchainIdentifier: string;
  /** The MIP-004 hash of the answer's body, which the seller submitted for this escrow. */
  resultHash: string;
}

// A blockchainIdentifier is up to 8,000 characters (the node's limit); base64 adds a third.
const IDENTIFIER_LENGTH_MAX = 8000;
const HEADER_LENGTH_MAX = 12_000;

/** base64 of the UTF-8 JSON of `value` (works in Node and browsers). */
export function encodeHeader(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The JSON in a base64 header, or undefined for anything else (bounded before decoding). */
export function decodeHeader(value: string | null | undefined): unknown {
  if (typeof value !== "string" || value.length > HEADER_LENGTH_MAX) return undefined;
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** A proof of payment read from `X-PAYMENT`, or undefined when it is not one of this scheme. */
export function readProof(header: string | null | undefined): PaymentProof | undefined {
  const proof = decodeHeader(header) as Partial<PaymentProof> | undefined;
  const id = proof?.payload?.blockchainIdentifier;
  if (
    proof?.scheme !== ESCROW_SCHEME ||
    typeof proof.network !== "string" ||
    typeof id !== "string" ||
    id.length === 0 ||
    id.length > IDENTIFIER_LENGTH_MAX
  ) {
    return undefined;
  }
  return proof as PaymentProof;
}

/** The node's network name of an x402 network name, if it is one of Cardano's. */
export function networkOf(x402Network: string): Network | undefined {
  return (Object.keys(X402_NETWORK) as Network[]).find((n) => X402_NETWORK[n] === x402Network);
}
