/**
 * `/api/v1/wallet/low-balance` (admin), the peer's low-balance rules: a wallet is Low when it
 * holds less than a threshold of one unit, as the chain's balance shows when the rules are
 * listed (each list checks the enabled rules it answers). The first check that finds a rule Low
 * records `lastAlertedAt`. Automatic top-ups are refused: money moves only by a transfer.
 */
import { Hono } from "hono";
import { z } from "zod";
import { stringBoolean, text } from "./fields.ts";
import { ChainError } from "../chain/errors.ts";
import {
  checkRules,
  createRule,
  deleteRule,
  listRules,
  LowBalanceError,
  updateRule,
} from "../services/low-balance.ts";
import { requirePermission, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { lowBalanceRuleAnswer } from "./answers/wallet.ts";
import { isoTime } from "./answers/shapes.ts";
import { paymentSourceId, ruleWithWalletView } from "./wallet-view.ts";
import type { WalletRoutesContext } from "./wallets.ts";

const id = text(250).min(1, { error: "must not be empty" });
const amount = z
  .string({ error: "must be an integer string" })
  .regex(/^\d{1,19}$/, { error: "must be a non-negative integer string" })
  .transform(BigInt)
  .refine((a) => a <= 2n ** 63n - 1n, { error: "is too large" });
const unit = z
  .string({ error: "must be text" })
  .max(130)
  .transform((u) => (u === "" ? "lovelace" : u.toLowerCase()))
  .refine((u) => u === "lovelace" || /^[0-9a-f]{56}([0-9a-f]{2}){0,32}$/.test(u), {
    error: "must be lovelace (or empty) or a policy id followed by an asset name (hex)",
  });
const queryBoolean = stringBoolean.transform((s) => s === "true");
const noTopup = z
  .literal(false, { error: "automatic top-ups are not offered: use POST /wallet/transfer-funds" })
  .optional();

const listQuery = z.object({
  walletId: id.optional(),
  paymentSourceId: text(250).optional(),
  onlyLow: queryBoolean.default(false),
  includeDisabled: queryBoolean.default(false),
});
const createBody = z.object({
  walletId: id,
  assetUnit: unit,
  thresholdAmount: amount,
  enabled: z.boolean({ error: "must be true or false" }).default(true),
  topupEnabled: noTopup,
  topupAmount: z.unknown().optional(),
});
const updateBody = z.object({
  ruleId: id,
  thresholdAmount: amount.optional(),
  enabled: z.boolean({ error: "must be true or false" }).optional(),
  topupEnabled: noTopup,
  topupAmount: z.null({ error: "automatic top-ups are not offered" }).optional(),
});
const deleteBody = z.object({ ruleId: id });

const STATUS = { invalid: 400, notFound: 404, conflict: 409 } as const;

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof LowBalanceError)
      throw new ApiError(STATUS[err.kind], err.message, err.field);
    if (err instanceof ChainError)
      throw new ApiError(503, `the chain could not be read: ${err.message}`);
    throw err;
  }
}

/** The low-balance routes; `ready` yields the node's context or throws a 503 while it starts. */
export function lowBalanceRoutes(
  ready: () => WalletRoutesContext,
  nowMs: () => number,
): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const admin = requirePermission("admin", ready);
  /** Checks the rule against the chain and answers it. */
  const checked = async (found: Awaited<ReturnType<typeof createRule>>) => {
    const [now] = await checkRules(ready().db, ready().chain, [found], nowMs());
    return ruleWithWalletView(now!.rule, now!.wallet);
  };

  r.get(
    "/wallet/low-balance",
    documented({
      summary: "List low-balance rules, each enabled one checked against the chain now",
      description:
        "The first check that finds a rule Low records `lastAlertedAt`. `onlyLow=true` lists " +
        "only the enabled rules found Low. A `paymentSourceId` other than this node's escrow " +
        "lists none.",
      tag: "Wallets",
      access: "admin",
      query: listQuery,
      answer: z.object({ Rules: z.array(lowBalanceRuleAnswer) }),
    }),
    admin,
    async (c) => {
      const q = queryParams(c, listQuery);
      const ctx = ready();
      if (q.paymentSourceId !== undefined && q.paymentSourceId !== paymentSourceId(ctx.network))
        return c.json({ status: "success", data: { Rules: [] } });
      const rules = await answering(async () =>
        checkRules(
          ctx.db,
          ctx.chain,
          await listRules(ctx.db, {
            network: ctx.network,
            walletId: q.walletId,
            includeDisabled: q.includeDisabled,
          }),
          nowMs(),
        ),
      );
      const Rules = rules
        .filter(({ rule }) => !q.onlyLow || (rule.enabled && rule.status === "Low"))
        .map(({ rule, wallet }) => ruleWithWalletView(rule, wallet));
      return c.json({ status: "success", data: { Rules } });
    },
  );

  r.post(
    "/wallet/low-balance",
    documented({
      summary: "Add a low-balance rule: the wallet is Low below a threshold of one unit",
      description:
        "Checked against the chain's balance at once. Automatic top-ups are not offered: " +
        "`topupEnabled` may only be false; move funds with `POST /wallet/transfer-funds`.",
      tag: "Wallets",
      access: "admin",
      body: createBody,
      answer: lowBalanceRuleAnswer,
      errors: [404, 409],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, createBody);
      const ctx = ready();
      const data = await answering(async () =>
        checked(
          await createRule(ctx.db, {
            network: ctx.network,
            walletId: body.walletId,
            assetUnit: body.assetUnit,
            thresholdAmount: body.thresholdAmount,
            enabled: body.enabled,
            nowMs: nowMs(),
          }),
        ),
      );
      return c.json({ status: "success", data });
    },
  );

  r.patch(
    "/wallet/low-balance",
    documented({
      summary: "Change a low-balance rule's threshold or switch it on or off",
      description:
        "Checked against the chain's balance at once (a new threshold resets its status).",
      tag: "Wallets",
      access: "admin",
      body: updateBody,
      answer: lowBalanceRuleAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, updateBody);
      const ctx = ready();
      const data = await answering(async () =>
        checked(
          await updateRule(ctx.db, {
            network: ctx.network,
            ruleId: body.ruleId,
            thresholdAmount: body.thresholdAmount,
            enabled: body.enabled,
            nowMs: nowMs(),
          }),
        ),
      );
      return c.json({ status: "success", data });
    },
  );

  r.delete(
    "/wallet/low-balance",
    documented({
      summary: "Delete a low-balance rule",
      tag: "Wallets",
      access: "admin",
      body: deleteBody,
      answer: z.object({ ruleId: z.string(), deletedAt: isoTime }),
      errors: [404],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, deleteBody);
      await answering(() => deleteRule(ready().db, ready().network, body.ruleId));
      return c.json({
        status: "success",
        data: { ruleId: body.ruleId, deletedAt: new Date(nowMs()).toISOString() },
      });
    },
  );
  return r;
}
