/**
 * A typed client for an escrowd node's /api/v1: openapi-fetch over the types generated from the
 * node's own OpenAPI description (api-types.ts), so every path, body and answer is checked by
 * the compiler. It runs wherever `fetch` does (Node ≥ 20, browsers, workers).
 *
 * Two things every caller would otherwise write by hand are on by default:
 * - an `Idempotency-Key` on each POST, PATCH and DELETE, so a retried write is answered from
 *   the node's record of the first one instead of being carried out twice;
 * - retries of 429, 502, 503 and 504 answers and of network failures, waiting what the node's
 *   `Retry-After` asks (or a jittered backoff), a bounded number of times, and only for requests
 *   that are safe to repeat (reads, and writes carrying an idempotency key).
 */
import createFetchClient, { type Client } from "openapi-fetch";
import type { paths } from "./api-types.ts";

export type { paths as EscrowdPaths } from "./api-types.ts";

export interface RetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number;
  /** The first backoff when the node names no wait; doubled each time (default 250 ms). */
  baseDelayMs?: number;
  /** The longest wait between tries; a longer `Retry-After` is answered to the caller. */
  maxDelayMs?: number;
}

export interface ClientOptions {
  /** The node's address, e.g. `http://127.0.0.1:3001`; paths carry their `/api/v1`. */
  baseUrl: string;
  /** The API key's token, sent as the `token` header. */
  token?: string;
  retry?: RetryOptions;
  /** Add an `Idempotency-Key` to writes that have none (default true). */
  idempotencyKeys?: boolean;
  /** The fetch to use (default the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

export type EscrowdClient = Client<paths> & { readonly baseUrl: string };

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 4, baseDelayMs: 250, maxDelayMs: 30_000 };
const ATTEMPTS_MAX = 20;

export function createClient(options: ClientOptions): EscrowdClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.token = options.token;
  const client = createFetchClient<paths>({
    baseUrl,
    headers,
    fetch: retryingFetch(options.fetch ?? ((r) => globalThis.fetch(r)), {
      ...options.retry,
      idempotencyKeys: options.idempotencyKeys ?? true,
    }),
  });
  return Object.assign(client, { baseUrl });
}

/**
 * `fetch` with idempotency keys and retries (see the file's comment). Exposed for callers that
 * talk to a node without the typed client.
 */
export function retryingFetch(
  inner: (request: Request) => Promise<Response>,
  options: RetryOptions & { idempotencyKeys?: boolean } = {},
): (request: Request) => Promise<Response> {
  const attempts = Math.min(ATTEMPTS_MAX, Math.max(1, options.attempts ?? DEFAULT_RETRY.attempts));
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  return async (request) => {
    if (
      (options.idempotencyKeys ?? true) &&
      WRITES.has(request.method) &&
      !request.headers.has("idempotency-key")
    ) {
      request = new Request(request, { headers: withHeader(request.headers, randomKey()) });
    }
    const repeatable = !WRITES.has(request.method) || request.headers.has("idempotency-key");
    for (let attempt = 1; ; attempt += 1) {
      const last = attempt >= attempts;
      let response: Response;
      try {
        response = await inner(last ? request : request.clone());
      } catch (error) {
        if (last || !repeatable || request.signal.aborted) throw error;
        await sleep(backoffMs(attempt, baseDelayMs, maxDelayMs), request.signal);
        continue;
      }
      // A 429 was refused before any work, so it is safe to repeat even without a key.
      if (last || !RETRIED_STATUSES.has(response.status)) return response;
      if (!repeatable && response.status !== 429) return response;
      const askedMs = retryAfterMs(response.headers.get("retry-after"));
      if (askedMs !== undefined && askedMs > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(askedMs ?? backoffMs(attempt, baseDelayMs, maxDelayMs), request.signal);
    }
  };
}

function withHeader(headers: Headers, key: string): Headers {
  const copy = new Headers(headers);
  copy.set("idempotency-key", key);
  return copy;
}

/** A fresh idempotency key (a random UUID). */
export function randomKey(): string {
  return globalThis.crypto.randomUUID();
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined if absent. */
export function retryAfterMs(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its day and month; a bare number that is not delta-seconds is nothing.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

/** Full jitter: a random wait up to base × 2^(attempt-1), capped. */
function backoffMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A refusal by the node: its status, message and the field it names. */
export class EscrowdError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(field === undefined ? `${status}: ${message}` : `${status}: ${message} (field ${field})`);
    this.name = "EscrowdError";
  }
}

interface Answered<D> {
  data?: { data: D };
  error?: unknown;
  response: Response;
}

/**
 * The `data` of a successful answer, or an EscrowdError carrying the node's refusal:
 * `const payment = await unwrap(node.POST("/api/v1/payment", { body }))`.
 */
export async function unwrap<D>(pending: Promise<Answered<D>>): Promise<D> {
  const { data, error, response } = await pending;
  if (data !== undefined && response.ok) return data.data;
  const refusal = (error as { error?: { message?: unknown; field?: unknown } } | undefined)?.error;
  const message =
    typeof refusal?.message === "string" ? refusal.message : response.statusText || "refused";
  const field = typeof refusal?.field === "string" ? refusal.field : undefined;
  throw new EscrowdError(response.status, message, field);
}
