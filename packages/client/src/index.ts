/**
 * `@escrowd/client`: a typed client for an escrowd node's /api/v1, and the buyer's helpers (call
 * a MIP-003 agent end to end; pay an HTTP 402 answer). The seller's side is
 * `@escrowd/client/paywall`.
 */
export {
  createClient,
  EscrowdError,
  randomKey,
  retryAfterMs,
  retryingFetch,
  unwrap,
  type ClientOptions,
  type EscrowdClient,
  type EscrowdPaths,
  type RetryOptions,
} from "./client.ts";
export {
  callAgent,
  fetchPaid,
  lockTerms,
  PurchaseError,
  waitForPurchase,
  type AgentResult,
  type CallAgentOptions,
  type FetchPaidOptions,
  type PurchaseTerms,
  type StartedJob,
  type WaitOptions,
} from "./buyer.ts";
export {
  inputHash,
  isIdentifierFromPurchaser,
  randomIdentifierFromPurchaser,
  resultHash,
  sha256Hex,
} from "./mip004.ts";
export * from "./x402.ts";
