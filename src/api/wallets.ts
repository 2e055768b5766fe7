/**
 * `/api/v1/wallet…` (admin), the node's hot wallets in the Masumi API's shapes: read one with its
 * low-balance rules, list them (the seller's vkey, which every SDK user needs, is here), create a
 * funding wallet, and the collection address. Mnemonics are sealed on the node and never
 * answered: `includeSecret=true` is refused, and `POST /wallet` answers a notice where the peer
 * answers the mnemonic. There is no collection address: withdrawn funds stay in the wallet, and
 * `PATCH /wallet` accepts only `newCollectionAddress: null`.
 */
import { Hono } from "hono";
import { z } from "zod";
import { pageSize, stringBoolean, text } from "./fields.ts";
import { ChainError } from "../chain/errors.ts";
import type { UtxoReader } from "../chain/port.ts";
import { checkRules, listRules, rulesOfWallets } from "../services/low-balance.ts";
import { createWallet, listWallets, type WalletInfo } from "../services/wallets.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { jsonBody, queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { createdWalletAnswer, walletAnswer, walletListItemAnswer } from "./answers/wallet.ts";
import {
  createdWalletView,
  paymentSourceId,
  WALLET_TYPES,
  walletListItemView,
  walletView,
} from "./wallet-view.ts";

/** What the wallet routes need of the node beyond authentication. */
export interface WalletRoutesContext extends AuthContext {
  encryptionKeyHex: string;
  /** Reads the wallets' balances for their low-balance rules. */
  chain: UtxoReader;
}

const LIST_TAKE_MAX = 100;
const walletType = z.enum(["Selling", "Purchasing", "Funding"], {
  error: "must be Selling, Purchasing or Funding",
});

const getQuery = z.object({
  walletType,
  id: text(250).min(1, { error: "must not be empty" }),
  includeSecret: stringBoolean.default("false"),
});
const listQuery = z.object({
  take: pageSize(LIST_TAKE_MAX, 10),
  cursorId: text(250).optional(),
  paymentSourceId: text(250).optional(),
  walletType: walletType.optional(),
  walletVkey: text(250).optional(),
  walletAddress: text(250).optional(),
});
const createBody = z.object({
  network: z.enum(["Preprod", "Mainnet"], { error: "must be Preprod or Mainnet" }),
  note: text(250).optional(),
});
const patchBody = z.object({
  id: text(250).min(1, { error: "must not be empty" }),
  newCollectionAddress: text(250).nullable(),
});

/** The wallet routes; `ready` yields the node's context or throws a 503 while it starts. */
export function walletRoutes(ready: () => WalletRoutesContext, nowMs: () => number): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const admin = requirePermission("admin", ready);
  const walletById = async (id: string): Promise<WalletInfo> => {
    const found = (await listWallets(ready().db, ready().network)).find((w) => w.id === id);
    if (!found) throw new ApiError(404, `id: no wallet ${id} on this node`, "id");
    return found;
  };
  /** The wallet with its rules, checked against the chain's balance now. */
  const fullView = async (wallet: WalletInfo) => {
    const ctx = ready();
    const rules = await listRules(ctx.db, {
      network: ctx.network,
      walletId: wallet.id,
      includeDisabled: true,
    });
    const checked = await checkRules(ctx.db, ctx.chain, rules, nowMs()).catch((err) => {
      if (err instanceof ChainError)
        throw new ApiError(503, `the chain could not be read: ${err.message}`);
      throw err;
    });
    return walletView(
      wallet,
      checked.map((c) => c.rule),
    );
  };

  r.get(
    "/wallet",
    documented({
      summary: "One hot wallet with its low-balance rules, checked against the chain now",
      description:
        "The mnemonic is sealed on the node and never answered: `includeSecret=true` is " +
        "refused (403). A wallet of another type than `walletType` is not found (404).",
      tag: "Wallets",
      access: "admin",
      query: getQuery,
      answer: walletAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const q = queryParams(c, getQuery);
      if (q.includeSecret === "true")
        throw new ApiError(
          403,
          "includeSecret: wallet mnemonics are sealed on this node and never returned",
          "includeSecret",
        );
      const wallet = await walletById(q.id);
      if (wallet.role !== WALLET_TYPES[q.walletType])
        throw new ApiError(404, `id: wallet ${q.id} is not a ${q.walletType} wallet`, "id");
      return c.json({ status: "success", data: await fullView(wallet) });
    },
  );

  r.post(
    "/wallet",
    documented({
      summary: "Create a funding wallet on the node's network",
      description:
        "Its mnemonic is sealed on the node: `walletMnemonic` holds a notice, not the words.",
      tag: "Wallets",
      access: "admin",
      body: createBody,
      answer: createdWalletAnswer,
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, createBody);
      const ctx = ready();
      const wanted = body.network === "Mainnet" ? "mainnet" : "preprod";
      if (wanted !== ctx.network)
        throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
      const wallet = await createWallet(ctx.db, {
        role: "funding",
        network: ctx.network,
        encryptionKeyHex: ctx.encryptionKeyHex,
        note: body.note ?? "funding wallet, created by POST /wallet",
        nowMs: nowMs(),
      });
      return c.json({ status: "success", data: createdWalletView(wallet) });
    },
  );

  r.patch(
    "/wallet",
    documented({
      summary: "Set a wallet's collection address (only null: escrowd has none)",
      description:
        "Withdrawn and refunded funds stay in the wallet; move them with " +
        "`POST /wallet/transfer-funds`. Any address but null is refused (400).",
      tag: "Wallets",
      access: "admin",
      body: patchBody,
      answer: walletAnswer,
      errors: [404],
    }),
    admin,
    async (c) => {
      const body = await jsonBody(c, patchBody);
      const wallet = await walletById(body.id);
      if (body.newCollectionAddress !== null)
        throw new ApiError(
          400,
          "newCollectionAddress: escrowd has no collection address (funds stay in the wallet; " +
            "move them with POST /wallet/transfer-funds), so only null is accepted",
          "newCollectionAddress",
        );
      return c.json({ status: "success", data: await fullView(wallet) });
    },
  );

  r.get(
    "/wallet/list",
    documented({
      summary: "List the node's hot wallets (with each one's vkey and low-balance summary)",
      description:
        "In creation order; `cursorId` is the last id of the previous page (404 when it names " +
        "no wallet). A `paymentSourceId` other than this node's escrow lists none.",
      tag: "Wallets",
      access: "admin",
      query: listQuery,
      answer: z.object({ Wallets: z.array(walletListItemAnswer) }),
      errors: [404],
    }),
    admin,
    async (c) => {
      const q = queryParams(c, listQuery);
      const ctx = ready();
      if (q.paymentSourceId !== undefined && q.paymentSourceId !== paymentSourceId(ctx.network))
        return c.json({ status: "success", data: { Wallets: [] } });
      const all = (await listWallets(ctx.db, ctx.network)).filter(
        (w) =>
          (q.walletType === undefined || w.role === WALLET_TYPES[q.walletType]) &&
          (q.walletVkey === undefined || w.paymentKeyHash === q.walletVkey) &&
          (q.walletAddress === undefined || w.address === q.walletAddress),
      );
      const start = q.cursorId === undefined ? 0 : all.findIndex((w) => w.id === q.cursorId) + 1;
      if (q.cursorId !== undefined && start === 0)
        throw new ApiError(404, `cursorId: no wallet ${q.cursorId}`, "cursorId");
      const page = all.slice(start, start + q.take);
      const rules = await rulesOfWallets(
        ctx.db,
        page.map((w) => w.id),
      );
      const Wallets = page.map((w) =>
        walletListItemView(
          w,
          rules.filter((rule) => rule.walletId === w.id),
        ),
      );
      return c.json({ status: "success", data: { Wallets } });
    },
  );
  return r;
}
