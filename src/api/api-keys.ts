/**
 * `/api/v1/api-key` (admin) and `/api/v1/api-key-status` (any key), in the Masumi API's shape.
 * Differences, additive: a token is returned only by the POST that creates it (the node keeps a
 * hash; other answers carry a masked token), and every answer carries `tokenPrefix`.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Network } from "../chain/network.ts";
import {
  ApiKeyNotFoundError,
  createApiKey,
  CreditsBelowZeroError,
  CreditsOverflowError,
  getApiKey,
  listApiKeys,
  updateApiKey,
  type ApiKeyInfo,
  type Principal,
} from "../services/api-keys.ts";
import { CREDIT_AMOUNT_MAX } from "../services/credits.ts";
import { adminStatusView, maskedToken } from "./api-key-masumi-view.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { SECRET_FIELDS } from "./idempotency.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { apiKeyAnswer, apiKeyStatusAnswer, createdApiKeyAnswer } from "./answers/api-key.ts";

const NETWORK_NAMES = { Preprod: "preprod", Mainnet: "mainnet" } as const;
const toWireNetwork = (n: Network) => (n === "preprod" ? "Preprod" : "Mainnet");

const unit = z
  .string()
  .max(150)
  .transform((u) => (u === "" ? "lovelace" : u.toLowerCase()))
  .refine((u) => u === "lovelace" || /^[0-9a-f]{56}([0-9a-f]{2}){0,32}$/.test(u), {
    message: "must be empty or lovelace for ADA, or a policy id followed by an asset name (hex)",
  });
// Not an integer string is the regex's to report; this only judges the size of one.
const withinBigint = (s: string) =>
  !/^-?\d+$/.test(s) || (s.startsWith("-") ? -BigInt(s) : BigInt(s)) <= CREDIT_AMOUNT_MAX;
const tooLarge = `must be at most ${CREDIT_AMOUNT_MAX} (2^63-1) in size`;
const amount = z
  .string()
  .regex(/^\d{1,19}$/, "must be a non-negative integer string")
  .refine(withinBigint, tooLarge);
const signedAmount = z
  .string()
  .regex(/^-?\d{1,19}$/, "must be an integer string")
  .refine(withinBigint, tooLarge);
const networks = z
  .array(z.enum(["Preprod", "Mainnet"]))
  .min(1)
  .max(3);
const booleanish = z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]);

const createBody = z.object({
  permission: z.enum(["Read", "ReadAndPay", "Admin"]).optional(),
  canRead: z.boolean().optional(),
  canPay: z.boolean().optional(),
  canAdmin: z.boolean().optional(),
  usageLimited: booleanish.default(true),
  UsageCredits: z.array(z.object({ unit, amount })).max(25).default([]),
  NetworkLimit: networks.default(["Mainnet", "Preprod"]),
});

const updateBody = z.object({
  id: z.string().min(1).max(150),
  status: z.enum(["Active", "Revoked"]).optional(),
  usageLimited: z.boolean().optional(),
  NetworkLimit: networks.optional(),
  UsageCreditsToAddOrRemove: z
    .array(z.object({ unit, amount: signedAmount }))
    .max(25)
    .optional(),
});

const deleteBody = z.object({ id: z.string().min(1).max(150) });

const listQuery = z.object({
  take: z.coerce.number().int().min(1).max(100).default(10),
  cursorId: z.string().max(550).optional(),
});

function permissionName(p: Principal): "Read" | "ReadAndPay" | "Admin" {
  return p.canAdmin ? "Admin" : p.canPay ? "ReadAndPay" : "Read";
}

/** The Masumi APIKey shape (without the token, which only creation returns). */
export function apiKeyView(k: ApiKeyInfo) {
  return {
    id: k.id,
    token: maskedToken(k.tokenPrefix),
    tokenPrefix: k.tokenPrefix,
    permission: permissionName(k),
    canRead: k.canRead,
    canPay: k.canPay,
    canAdmin: k.canAdmin,
    usageLimited: k.usageLimited,
    NetworkLimit: k.networks.map(toWireNetwork),
    ChainIdLimit: [] as string[],
    RemainingUsageCredits: k.credits.map((c) => ({ unit: c.unit, amount: c.amount.toString() })),
    status: k.status,
    walletScopeEnabled: false,
    WalletScopes: [] as { hotWalletId: string }[],
  };
}

function permissionsFrom(body: z.output<typeof createBody>) {
  const byName = {
    Read: { canRead: true, canPay: false, canAdmin: false },
    ReadAndPay: { canRead: true, canPay: true, canAdmin: false },
    Admin: { canRead: true, canPay: true, canAdmin: true },
  }[body.permission ?? "Read"];
  return {
    canRead: body.canRead ?? byName.canRead,
    canPay: body.canPay ?? byName.canPay,
    canAdmin: body.canAdmin ?? byName.canAdmin,
  };
}

export function apiKeyRoutes(auth: () => AuthContext, nowMs: () => number): Hono<AuthEnv> {
  const admin = requirePermission("admin", auth);
  return new Hono<AuthEnv>()
    .get(
      "/api-key-status",
      documented({
        summary: "The calling API key: its permissions, networks and remaining credits",
        tag: "API keys",
        access: "read",
        answer: apiKeyStatusAnswer,
      }),
      requirePermission("read", auth),
      async (c) => {
        const p = c.get("principal");
        if (p.apiKeyId === "admin") return c.json({ status: "success", data: adminStatusView(p) });
        const info = await getApiKey(auth().db, p.apiKeyId);
        return c.json({ status: "success", data: apiKeyView(info!) });
      },
    )
    .get(
      "/api-key",
      documented({
        summary: "List the API keys, by id (tokens masked; `cursorId` is the last id of a page)",
        tag: "API keys",
        access: "admin",
        query: listQuery,
        answer: z.object({ ApiKeys: z.array(apiKeyAnswer) }),
      }),
      admin,
      async (c) => {
        const q = queryParams(c, listQuery);
        const keys = await listApiKeys(auth().db, q);
        return c.json({ status: "success", data: { ApiKeys: keys.map(apiKeyView) } });
      },
    )
    .post(
      "/api-key",
      documented({
        summary: "Create an API key; its token is answered only here",
        description:
          "The node keeps only a hash of the token: this answer is the one chance to store it. " +
          "`permission` sets the defaults of `canRead`/`canPay`/`canAdmin`, which override it " +
          "one by one. `UsageCredits` are what a usage-limited key may spend on purchases (and " +
          "the most its payment requests may ask for), per unit.",
        tag: "API keys",
        access: "admin",
        body: createBody,
        answer: createdApiKeyAnswer,
      }),
      admin,
      async (c) => {
        const body = await jsonBody(c, createBody);
        const { info, token } = await createApiKey(auth().db, {
          ...permissionsFrom(body),
          networks: body.NetworkLimit.map((n) => NETWORK_NAMES[n]),
          usageLimited: body.usageLimited,
          credits: body.UsageCredits.map((u) => ({ unit: u.unit, amount: BigInt(u.amount) })),
          nowMs: nowMs(),
        }).catch((err: unknown) => {
          if (err instanceof CreditsOverflowError)
            throw new ApiError(400, `UsageCredits: ${err.message}`, "UsageCredits");
          throw err;
        });
        c.set(SECRET_FIELDS, ["data.token"]);
        return c.json({ status: "success", data: { ...apiKeyView(info), token } });
      },
    )
    .patch(
      "/api-key",
      documented({
        summary: "Change an API key: status, usage limit, networks, add or remove credits",
        tag: "API keys",
        access: "admin",
        body: updateBody,
        answer: apiKeyAnswer,
        errors: [404],
      }),
      admin,
      async (c) => {
        const body = await jsonBody(c, updateBody);
        try {
          const info = await updateApiKey(auth().db, {
            id: body.id,
            status: body.status,
            usageLimited: body.usageLimited,
            networks: body.NetworkLimit?.map((n) => NETWORK_NAMES[n]),
            creditChanges: body.UsageCreditsToAddOrRemove?.map((u) => ({
              unit: u.unit,
              amount: BigInt(u.amount),
            })),
            nowMs: nowMs(),
          });
          return c.json({ status: "success", data: apiKeyView(info) });
        } catch (err) {
          if (err instanceof ApiKeyNotFoundError) throw new ApiError(404, err.message, "id");
          if (err instanceof CreditsBelowZeroError || err instanceof CreditsOverflowError)
            throw new ApiError(400, err.message, "UsageCreditsToAddOrRemove");
          throw err;
        }
      },
    )
    .delete(
      "/api-key",
      documented({
        summary: "Revoke an API key (it stays listed, as Revoked)",
        tag: "API keys",
        access: "admin",
        body: deleteBody,
        answer: apiKeyAnswer,
        errors: [404],
      }),
      admin,
      async (c) => {
        const body = await jsonBody(c, deleteBody);
        try {
          const info = await updateApiKey(auth().db, {
            id: body.id,
            status: "Revoked",
            nowMs: nowMs(),
          });
          return c.json({ status: "success", data: apiKeyView(info) });
        } catch (err) {
          if (err instanceof ApiKeyNotFoundError) throw new ApiError(404, err.message, "id");
          throw err;
        }
      },
    );
}
