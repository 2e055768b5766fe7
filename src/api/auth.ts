/**
 * Authentication: the `token` header (as the Masumi API has it) or `Authorization: Bearer`.
 * The configured ADMIN_KEY is an admin; any other token must be an active API key of this node,
 * allowed on this node's network. Each route states the permission it needs.
 */
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

export type Permission = "read" | "pay" | "admin";

/** What authenticated routes need from the node. */
export interface AuthContext {
  db: Db;
  adminKey: string;
  network: Network;
}

export type AuthEnv = { Variables: { principal: Principal } };

const TOKEN_LENGTH_MAX = 600;

function tokenOf(header: (name: string) => string | undefined): string | undefined {
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

/** Middleware: 401 without a known token, 403 without the permission or the network. */
export function requirePermission(needed: Permission, auth: () => AuthContext) {
  return createMiddleware<AuthEnv>(async function authenticate(c, next) {
    const token = tokenOf((name) => c.req.header(name));
    if (!token) throw new ApiError(401, "an API key is required (header: token)", "token");
    if (token.length > TOKEN_LENGTH_MAX) throw new ApiError(401, "unknown API key", "token");
    const ctx = auth();
    const principal = isAdminToken(token, ctx.adminKey)
      ? adminPrincipal([ctx.network])
      : await principalForToken(ctx.db, token);
    if (!principal) throw new ApiError(401, "unknown or revoked API key", "token");
    if (!principal.networks.includes(ctx.network))
      throw new ApiError(403, `this API key is not allowed on ${ctx.network}`, "token");
    if (!allows(principal, needed))
      throw new ApiError(403, `this API key lacks the ${needed} permission`, "token");
    c.set("principal", principal);
    await next();
  });
}
