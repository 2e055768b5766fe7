/**
 * Authentication: the `token` header (as the Masumi API has it) or `Authorization: Bearer`.
 * The configured ADMIN_KEY is an admin; any other token must be an active API key of this node,
 * allowed on this node's network. `identify` runs first for every request, before the
 * Idempotency-Key is looked at: a request with a token is refused (401, 403, 429) or carries its
 * principal from then on. Each route states the permission it needs with `requirePermission`.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import {
  adminPrincipal,
  isAdminToken,
  principalForToken,
  type Principal,
} from "../services/api-keys.ts";
import { ApiError } from "./errors.ts";
import { authFailure, countKeyRequest, type RateLimits } from "./rate-limit.ts";

export type Permission = "read" | "pay" | "admin";

/** What authenticated routes need from the node. */
export interface AuthContext {
  db: Db;
  adminKey: string;
  network: Network;
}

export type AuthEnv = { Variables: { principal: Principal } };

const TOKEN_LENGTH_MAX = 600;

/** The caller's token: the `token` header, else `Authorization: Bearer`. */
export function tokenOf(header: (name: string) => string | undefined): string | undefined {
  const direct = header("token");
  if (direct) return direct;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header("authorization") ?? "");
  return bearer?.[1];
}

function allows(p: Principal, needed: Permission): boolean {
  if (needed === "admin") return p.canAdmin;
  if (needed === "pay") return p.canPay;
  return p.canRead;
}

/** The principal `identify` found for this request, if it had a token. */
export function principalOf(c: Context): Principal | undefined {
  return (c.var as { principal?: Principal }).principal;
}

/** The active principal behind `token` on this network, or the ApiError to answer. */
async function resolve(ctx: AuthContext, token: string): Promise<Principal | ApiError> {
  // Made only when needed: an error captures a stack trace, a cost on every request.
  const unknown = () => new ApiError(401, "unknown or revoked API key", "token");
  if (token.length > TOKEN_LENGTH_MAX) return unknown();
  const principal = isAdminToken(token, ctx.adminKey)
    ? adminPrincipal([ctx.network])
    : await principalForToken(ctx.db, token);
  if (!principal) return unknown();
  if (!principal.networks.includes(ctx.network))
    return new ApiError(403, `this API key is not allowed on ${ctx.network}`, "token");
  return principal;
}

/**
 * Middleware for every request: when a token is sent, finds its principal or refuses the
 * request. Failed authentications count against the caller's address and a key's requests
 * against the key (the admin key is the operator's own and is not limited). Without a token
 * it does nothing: public routes stay public and others answer 401 in requirePermission.
 * While the node starts (`auth` undefined) the routes answer 503 themselves.
 */
export function identify(auth: () => AuthContext | undefined, limits: RateLimits) {
  return createMiddleware(async function identifyCaller(c, next) {
    const token = tokenOf((name) => c.req.header(name));
    const ctx = token === undefined ? undefined : auth();
    if (token === undefined || ctx === undefined) return next();
    const found = await resolve(ctx, token);
    if (found instanceof ApiError)
      throw found.status === 401 ? await authFailure(c, ctx.db, limits, found) : found;
    if (found.apiKeyId !== "admin") await countKeyRequest(ctx.db, limits, found.apiKeyId);
    c.set("principal", found);
    await next();
  });
}

/** Middleware: 401 without a known token, 403 without the permission or the network. */
export function requirePermission(needed: Permission, auth: () => AuthContext) {
  return createMiddleware<AuthEnv>(async function authorise(c, next) {
    let principal = principalOf(c);
    if (!principal) {
      const token = tokenOf((name) => c.req.header(name));
      if (!token) throw new ApiError(401, "an API key is required (header: token)", "token");
      // Reached only where identify did not run first (a route mounted on its own).
      const found = await resolve(auth(), token);
      if (found instanceof ApiError) throw found;
      principal = found;
    }
    if (!allows(principal, needed))
      throw new ApiError(403, `this API key lacks the ${needed} permission`, "token");
    c.set("principal", principal);
    await next();
  });
}
