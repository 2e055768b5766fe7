/**
 * The buyer's side, through the buyer's own node: lock a seller's terms in escrow and follow the
 * escrow, call a MIP-003 agent end to end, or pay a 402 answer and retry with the proof.
 *
 * The helper never decides on its own whether the seller's terms are good: the node's purchase
 * route checks the seller's signature over them, the agent's registration and its price, as it
 * does for any purchase. What only the caller can know is checked here: that the input hash is
 * the hash of the input it sent, and that the result the seller hashed on chain is the result it
 * was given.
 */
import { type EscrowdClient, sleep, unwrap } from "./client.ts";
import {
  inputHash,
  isIdentifierFromPurchaser,
  randomIdentifierFromPurchaser,
  resultHash,
  sha256Hex,
} from "./mip004.ts";
import {
  encodeHeader,
  ESCROW_SCHEME,
  type EscrowTerms,
  type Network,
  networkOf,
  PAYMENT_HEADER,
  type PaymentRequired,
  type PaymentRequirements,
  X402_NETWORK,
  X402_VERSION,
} from "./x402.ts";

type Purchase = Awaited<ReturnType<typeof purchaseOf>>;

export interface WaitOptions {
  /** How often to ask (default 1 s). */
  pollMs?: number;
  /** How long to wait in all (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A step of a purchase that went wrong: the escrow and where it stands. */
export class PurchaseError extends Error {
  constructor(
    message: string,
    readonly blockchainIdentifier?: string,
    readonly state?: string,
  ) {
    super(message);
    this.name = "PurchaseError";
  }
}

const ENDED = new Set(["Withdrawn", "RefundWithdrawn", "DisputedWithdrawn", "FundsOrDatumInvalid"]);
const DEFAULT_POLL_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

async function purchaseOf(node: EscrowdClient, network: Network, blockchainIdentifier: string) {
  return unwrap(
    node.POST("/api/v1/purchase/resolve-blockchain-identifier", {
      body: { network, blockchainIdentifier },
    }),
  );
}

/**
 * Polls the buyer's node until the purchase is in one of `wanted`; a purchase that ends
 * elsewhere, or a wait that runs out, is a PurchaseError.
 */
export async function waitForPurchase(
  node: EscrowdClient,
  network: Network,
  blockchainIdentifier: string,
  wanted: string[],
  options: WaitOptions = {},
): Promise<Purchase> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    const purchase = await purchaseOf(node, network, blockchainIdentifier);
    if (wanted.includes(purchase.state)) return purchase;
    if (ENDED.has(purchase.state)) {
      const why = purchase.invalidReason ? `: ${purchase.invalidReason}` : "";
      throw new PurchaseError(
        `the purchase ended ${purchase.state}${why}`,
        blockchainIdentifier,
        purchase.state,
      );
    }
    if (Date.now() >= deadline) {
      throw new PurchaseError(
        `the purchase is ${purchase.state}, not ${wanted.join(" or ")}, after the wait`,
        blockchainIdentifier,
        purchase.state,
      );
    }
    await sleep(options.pollMs ?? DEFAULT_POLL_MS, options.signal);
  }
}

/** What the buyer's node takes to lock a payment request (it reads the amounts from it). */
export type PurchaseTerms = Omit<EscrowTerms, "amounts" | "escrowAddress">;

/**
 * Buys the seller's terms through the buyer's node and waits until the lock is on chain. The
 * idempotency key is the escrow's, so calling again never locks twice.
 */
export async function lockTerms(
  node: EscrowdClient,
  network: Network,
  terms: PurchaseTerms,
  options: WaitOptions = {},
): Promise<Purchase> {
  await unwrap(
    node.POST("/api/v1/purchase", {
      // The identifier is longer than a key may be; its hash names the same escrow.
      headers: { "Idempotency-Key": `lock-${await sha256Hex(terms.blockchainIdentifier)}` },
      body: {
        network,
        blockchainIdentifier: terms.blockchainIdentifier,
        agentIdentifier: terms.agentIdentifier,
        sellerVkey: terms.sellerVkey,
        identifierFromPurchaser: terms.identifierFromPurchaser,
        inputHash: terms.inputHash,
        payByTime: terms.payByTime,
        submitResultTime: terms.submitResultTime,
        unlockTime: terms.unlockTime,
        externalDisputeUnlockTime: terms.externalDisputeUnlockTime,
        priceSheet: terms.priceSheet,
      },
    }),
  );
  return waitForPurchase(node, network, terms.blockchainIdentifier, ["FundsLocked"], options);
}

/** MIP-003's answer to `/start_job`. */
export interface StartedJob {
  id: string;
  job_id?: string;
  blockchainIdentifier: string;
  payByTime: string;
  submitResultTime: string;
  unlockTime: string;
  externalDisputeUnlockTime: string;
  agentIdentifier: string;
  sellerVKey: string;
  identifierFromPurchaser: string;
  input_hash: string;
  /** Metered terms, when the agent charges by usage. */
  priceSheet?: Record<string, unknown>;
}

export interface CallAgentOptions extends WaitOptions {
  /** The agent's MIP-003 base URL (where `/start_job` is). */
  agentUrl: string;
  /** The job's `input_data`. */
  input: unknown;
  network?: Network;
  /** Refuse a job whose terms name another agent. */
  agentIdentifier?: string;
  /** Release the escrow to the seller once the result is verified (default false: the seller
   * is paid when the dispute window closes). */
  release?: boolean;
  fetch?: typeof fetch;
}

export interface AgentResult {
  jobId: string;
  blockchainIdentifier: string;
  /** The agent's result, exactly as it answered it. */
  result: string;
  resultHash: string;
  released: boolean;
}

/**
 * Calls a MIP-003 agent end to end: start_job → check the terms → lock through the buyer's node
 * → poll the agent's /status → check the result against the hash the seller submitted on chain
 * → optionally release.
 */
export async function callAgent(
  node: EscrowdClient,
  options: CallAgentOptions,
): Promise<AgentResult> {
  const network = options.network ?? "Preprod";
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.agentUrl.replace(/\/+$/, "");
  const identifier = randomIdentifierFromPurchaser();
  const started = await agentJson<StartedJob>(doFetch, `${base}/start_job`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier_from_purchaser: identifier, input_data: options.input }),
  });
  if (started.identifierFromPurchaser !== identifier) {
    throw new PurchaseError("the agent answered another purchaser identifier");
  }
  if (started.input_hash !== (await inputHash(identifier, options.input))) {
    throw new PurchaseError("the agent's input_hash is not the MIP-004 hash of the input sent");
  }
  if (
    options.agentIdentifier !== undefined &&
    started.agentIdentifier !== options.agentIdentifier
  ) {
    throw new PurchaseError(`the job's terms name agent ${started.agentIdentifier}`);
  }
  const id = started.blockchainIdentifier;
  await lockTerms(
    node,
    network,
    {
      blockchainIdentifier: id,
      agentIdentifier: started.agentIdentifier,
      sellerVkey: started.sellerVKey,
      identifierFromPurchaser: identifier,
      inputHash: started.input_hash,
      payByTime: started.payByTime,
      submitResultTime: started.submitResultTime,
      unlockTime: started.unlockTime,
      externalDisputeUnlockTime: started.externalDisputeUnlockTime,
      priceSheet: started.priceSheet,
    },
    options,
  );
  const jobId = started.job_id ?? started.id;
  const result = await agentResult(doFetch, base, jobId, id, options);
  const hash = await resultHash(identifier, result);
  const submitted = await waitForPurchase(node, network, id, ["ResultSubmitted"], options);
  if (submitted.resultHash !== hash) {
    throw new PurchaseError(
      "the result hash the seller submitted is not the hash of the result it answered",
      id,
      submitted.state,
    );
  }
  if (options.release === true) {
    await unwrap(
      node.POST("/api/v1/purchase/release", { body: { network, blockchainIdentifier: id } }),
    );
  }
  return {
    jobId,
    blockchainIdentifier: id,
    result,
    resultHash: hash,
    released: options.release === true,
  };
}

async function agentJson<T>(doFetch: typeof fetch, url: string, init?: RequestInit): Promise<T> {
  const res = await doFetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new PurchaseError(`the agent answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new PurchaseError(`the agent answered something other than JSON at ${url}`);
  }
}

/** Polls the agent's `/status` until the job completed (its result) or failed (an error). */
async function agentResult(
  doFetch: typeof fetch,
  base: string,
  jobId: string,
  blockchainIdentifier: string,
  options: WaitOptions,
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    const status = await agentJson<{ status?: string; result?: unknown; message?: string }>(
      doFetch,
      `${base}/status?job_id=${encodeURIComponent(jobId)}`,
    );
    if (status.status === "completed") {
      if (typeof status.result !== "string") throw new PurchaseError("completed without a result");
      return status.result;
    }
    if (status.status === "failed") {
      // The lock stays until submitResultTime; the caller may request its refund.
      throw new PurchaseError(
        `the agent failed the job: ${status.message ?? "no reason given"}`,
        blockchainIdentifier,
        "FundsLocked",
      );
    }
    if (Date.now() >= deadline) {
      throw new PurchaseError(`the job is still ${status.status}`, blockchainIdentifier);
    }
    await sleep(options.pollMs ?? DEFAULT_POLL_MS, options.signal);
  }
}

export interface FetchPaidOptions extends WaitOptions {
  /** The most this call may lock, per unit, in base units; a requirement over it is refused. */
  maxAmount: Record<string, bigint>;
  fetch?: typeof fetch;
  /** How many times a proof is retried while the seller's node has not seen the lock yet. */
  proofRetries?: number;
}

/**
 * `fetch` that pays: a 402 answer with an escrow requirement is checked (scheme, network, the
 * amount within `maxAmount`, the input hash of the JSON body sent), locked through the buyer's
 * node, and the request is sent again with the proof. Any other answer is returned as it is.
 * `init.body` must be the JSON text of the request (the input the seller hashes).
 */
export async function fetchPaid(
  node: EscrowdClient,
  url: string,
  init: RequestInit & { body?: string },
  options: FetchPaidOptions,
): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const first = await doFetch(url, init);
  if (first.status !== 402) return first;
  const required = (await first.json().catch(() => undefined)) as PaymentRequired | undefined;
  const requirement = required?.accepts?.find((a) => a.scheme === ESCROW_SCHEME);
  if (requirement === undefined) {
    throw new PurchaseError(`402 without a ${ESCROW_SCHEME} requirement: ${required?.error ?? ""}`);
  }
  const network = networkOf(requirement.network);
  if (network === undefined) throw new PurchaseError(`unknown network ${requirement.network}`);
  await checkRequirement(requirement, init.body, options.maxAmount);
  await lockTerms(node, network, requirement.extra, options);
  const proof = encodeHeader({
    x402Version: X402_VERSION,
    scheme: ESCROW_SCHEME,
    network: X402_NETWORK[network],
    payload: { blockchainIdentifier: requirement.extra.blockchainIdentifier },
  });
  const headers = new Headers(init.headers);
  headers.set(PAYMENT_HEADER, proof);
  // The seller's node may see the lock a moment after the buyer's: it answers 402 with a
  // Retry-After until it does.
  const retries = Math.min(60, options.proofRetries ?? 30);
  for (let attempt = 0; ; attempt += 1) {
    const paid = await doFetch(url, { ...init, headers });
    if (paid.status !== 402 || attempt >= retries || !paid.headers.has("retry-after")) return paid;
    await paid.body?.cancel();
    const waitMs = Number(paid.headers.get("retry-after")) * 1000;
    await sleep(Number.isFinite(waitMs) ? Math.min(waitMs, 10_000) : 1000, options.signal);
  }
}

async function checkRequirement(
  requirement: PaymentRequirements,
  body: string | undefined,
  maxAmount: Record<string, bigint>,
): Promise<void> {
  const terms = requirement.extra;
  if (terms === undefined || typeof terms.blockchainIdentifier !== "string") {
    throw new PurchaseError("the requirement carries no escrow terms");
  }
  for (const { unit, amount } of terms.amounts ?? []) {
    const most = maxAmount[unit];
    if (!/^\d{1,30}$/.test(amount) || most === undefined || BigInt(amount) > most) {
      throw new PurchaseError(`the requirement asks ${amount} of ${unit}, over maxAmount`);
    }
  }
  if (!isIdentifierFromPurchaser(terms.identifierFromPurchaser)) {
    throw new PurchaseError("the requirement's identifierFromPurchaser is not one");
  }
  let input: unknown;
  try {
    input = JSON.parse(body ?? "null");
  } catch {
    throw new PurchaseError("fetchPaid sends JSON bodies only");
  }
  if (terms.inputHash !== (await inputHash(terms.identifierFromPurchaser, input))) {
    throw new PurchaseError("the requirement's inputHash is not the MIP-004 hash of this body");
  }
}
