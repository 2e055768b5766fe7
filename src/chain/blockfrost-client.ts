/**
 * Blockfrost requests with our retry policy, request counting and typed errors. The official
 * client does the HTTP; its own retries and rate limiter are off, so each client call is exactly
 * one request and the policy in retry.ts is the only one in force.
 */
import {
  BlockFrostAPI,
  BlockfrostClientError,
  BlockfrostServerError,
} from "@blockfrost/blockfrost-js";
import type { Network } from "./network.ts";
import { ChainHttpError, ChainResponseError, ChainTransportError } from "./errors.ts";
import type { ChainRequestStats } from "./port.ts";
import { assertRetryPolicy, DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from "./retry.ts";
import { chainRequests } from "../observability/metrics.ts";

type GotRetrySettings = NonNullable<
  ConstructorParameters<typeof BlockFrostAPI>[0]
>["retrySettings"];

/** got's retry turned off: no status code, no error code, no method is retried by the client. */
const NO_CLIENT_RETRY = {
  limit: 0,
  methods: [],
  statusCodes: [],
  errorCodes: [],
  calculateDelay: () => 0,
} as unknown as GotRetrySettings;

/** got reports a body it could not parse with this code; retrying will not make it parse. */
const UNPARSABLE_BODY_CODES = new Set(["ERR_BODY_PARSE_FAILURE"]);

export interface BlockfrostConnection {
  network: Network;
  /** Base URL ending in `/api/v0` (Blockfrost, or the devnet's Blockfrost-compatible API). */
  baseUrl: string;
  /** Blockfrost project id; not needed by the devnet or a self-hosted backend. */
  projectId?: string;
  retry?: Partial<RetryPolicy>;
  /** Timeout of one request (not of all its retries). */
  requestTimeoutMs?: number;
}

/** Counts requests per endpoint; one counter may be shared by several ports. */
export class RequestCounter {
  private total = 0;
  private retries = 0;
  private readonly perEndpoint = new Map<string, number>();

  /** Records one request sent to `endpoint`; `attempt` > 1 marks it as a retry. */
  record(endpoint: string, attempt: number): void {
    this.total += 1;
    if (attempt > 1) this.retries += 1;
    this.perEndpoint.set(endpoint, (this.perEndpoint.get(endpoint) ?? 0) + 1);
  }

  /** A copy of the counters, safe to serialise. */
  snapshot(): ChainRequestStats {
    return {
      requestsTotal: this.total,
      retriesTotal: this.retries,
      byEndpoint: Object.fromEntries(this.perEndpoint),
    };
  }
}

/** Turns whatever the client threw into a `ChainError`, keeping programmer errors as they are. */
export function toChainError(endpoint: string, error: unknown): unknown {
  if (error instanceof BlockfrostServerError) {
    return new ChainHttpError(endpoint, error.status_code, error.message, error.body);
  }
  if (error instanceof BlockfrostClientError) {
    if (UNPARSABLE_BODY_CODES.has(error.code))
      return new ChainResponseError(endpoint, error.message);
    return new ChainTransportError(endpoint, error.code, error.message);
  }
  return error;
}

/** One Blockfrost backend: the client, the retry policy and the counters. */
export class BlockfrostCalls {
  readonly api: BlockFrostAPI;
  readonly policy: RetryPolicy;

  constructor(
    connection: BlockfrostConnection,
    readonly counter: RequestCounter = new RequestCounter(),
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...connection.retry };
    assertRetryPolicy(this.policy);
    this.api = new BlockFrostAPI({
      customBackend: connection.baseUrl,
      projectId: connection.projectId,
      network: connection.network,
      rateLimiter: false,
      requestTimeout: connection.requestTimeoutMs ?? 20_000,
      retrySettings: NO_CLIENT_RETRY,
    });
  }

  /** Runs one request under the retry policy; `endpoint` is the path template, for counts and errors. */
  call<T>(
    endpoint: string,
    request: (api: BlockFrostAPI) => Promise<T>,
    onAmbiguousFailure?: () => void,
  ): Promise<T> {
    return withRetry(
      endpoint,
      this.policy,
      async () => {
        try {
          const answer = await request(this.api);
          chainRequests.inc({ endpoint, outcome: "ok" });
          return answer;
        } catch (error) {
          const translated = toChainError(endpoint, error);
          chainRequests.inc({ endpoint, outcome: outcomeOf(translated) });
          if (onAmbiguousFailure && isAmbiguous(translated)) onAmbiguousFailure();
          throw translated;
        }
      },
      { onAttempt: (attempt) => this.counter.record(endpoint, attempt) },
    );
  }

  /** Like `call`, for lookups where 404 means "no such object on chain": that becomes null. */
  async lookup<T>(
    endpoint: string,
    request: (api: BlockFrostAPI) => Promise<T>,
  ): Promise<T | null> {
    try {
      return await this.call(endpoint, request);
    } catch (error) {
      if (error instanceof ChainHttpError && error.statusCode === 404) return null;
      throw error;
    }
  }
}

/** A failed request's outcome label: the HTTP status, or the kind of failure. */
function outcomeOf(error: unknown): string {
  if (error instanceof ChainHttpError) return String(error.statusCode);
  if (error instanceof ChainTransportError) return "transport";
  if (error instanceof ChainResponseError) return "unreadable";
  return "error";
}

/** A failure after which the request may or may not have taken effect on the server. */
function isAmbiguous(error: unknown): boolean {
  return (
    error instanceof ChainTransportError ||
    (error instanceof ChainHttpError && error.statusCode >= 500)
  );
}
