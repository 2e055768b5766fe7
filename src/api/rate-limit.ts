/**
 * Rate limits at the API's edge: failed authentications per client address, and requests per
 * API key, counted in the database (services/rate-limits.ts). A limit of 0 is off. Over a limit
 * the answer is a 429 with `Retry-After` in seconds, in the error envelope.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Db } from "../db/client.ts";
import { countEvent, sweepRateLimits } from "../services/rate-limits.ts";
import { ApiError } from "./errors.ts";

export interface RateLimits {
  authFailuresPerMinute: number;
  requestsPerMinute: number;
  /** Wall-clock time for the windows (the node's chain clock may jump on the devnet). */
  clockMs: () => number;
}

/**
 * The caller's address as the socket saw it (a proxy in front shows as one client). An IPv6
 * client is counted by its /64, which one host usually owns whole. `app.request()` without a
 * server has no socket: such requests share one bucket.
 */
export function clientAddress(c: Context): string {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  if (!address) return "unknown";
  if (address.startsWith("::ffff:")) return address.slice(7);
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"),
    ...right,
  ];
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function tooMany(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(429, `${message}; retry after ${retryAfterSeconds} s`, undefined, {
    "Retry-After": String(retryAfterSeconds),
  });
}

/**
 * Counts a failed authentication from the caller's address and returns the error to answer:
 * the 401 given, or a 429 once the address is over its limit. Each failure also sweeps a
 * bounded batch of ended windows, since failures are what make new rows (one per address).
 */
export async function authFailure(
  c: Context,
  db: Db,
  limits: RateLimits,
  refusal: ApiError,
): Promise<ApiError> {
  if (limits.authFailuresPerMinute === 0) return refusal;
  const nowMs = limits.clockMs();
  const bucket = `auth-fail:${clientAddress(c)}`;
  const outcome = await countEvent(db, bucket, limits.authFailuresPerMinute, nowMs);
  await sweepRateLimits(db, nowMs);
  if (outcome.allowed) return refusal;
  return tooMany(
    `too many failed authentications from this address (at most ${limits.authFailuresPerMinute} a minute)`,
    outcome.retryAfterSeconds,
  );
}

/** Counts one request of an API key; throws a 429 when the key is over its limit. */
export async function countKeyRequest(db: Db, limits: RateLimits, apiKeyId: string): Promise<void> {
  if (limits.requestsPerMinute === 0) return;
  const outcome = await countEvent(
    db,
    `key:${apiKeyId}`,
    limits.requestsPerMinute,
    limits.clockMs(),
  );
  if (!outcome.allowed)
    throw tooMany(
      `too many requests for this API key (at most ${limits.requestsPerMinute} a minute)`,
      outcome.retryAfterSeconds,
    );
}
