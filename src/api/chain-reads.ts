/**
 * `/api/v1/utxos` and `/api/v1/balance` (read), the peer's helpers that read an address from the
 * chain: its unspent outputs a page at a time, and its whole balance. Lovelace is the unit ""
 * as the peer documents; a quantity too large for a JSON integer of the peer's range is null,
 * with the exact amount always in the additive `quantityString`. escrowd's chain port does not
 * keep the block of an output, so `block` is "" (the peer's schema requires a string).
 */
import { Hono } from "hono";
import { z } from "zod";
import { network } from "./fields.ts";
import { ChainError } from "../chain/errors.ts";
import type { Network } from "../chain/network.ts";
import type { Utxo, UtxoReader } from "../chain/port.ts";
import { requirePermission, type AuthContext, type AuthEnv } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { queryParams } from "./validate.ts";
import { documented } from "./openapi/route-doc.ts";
import { balanceAnswer, utxosAnswer } from "./answers/chain-read.ts";

/** What the chain read routes need of the node beyond authentication. */
export interface ChainReadContext extends AuthContext {
  chain: UtxoReader;
}

/** The peer's largest quantity (1e14); above it a JSON number would be out of its schema. */
const QUANTITY_MAX = 100_000_000_000_000n;
const COUNT_MAX = 100;
/** Pages past this would read more than the chain port hands out for one address. */
const PAGE_MAX = 1_000;

const address = z
  .string({ error: "is required" })
  .regex(/^(addr1|addr_test1)[0-9a-z]{50,115}$/, { error: "must be a bech32 Shelley address" });
const whole = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

const utxosQuery = z.object({
  address,
  network,
  count: whole(1, COUNT_MAX, 10),
  page: whole(1, PAGE_MAX, 1),
  order: z.enum(["Asc", "Desc"], { error: "must be Asc or Desc" }).default("Desc"),
});
const balanceQuery = z.object({ address, network });

function amountView(unit: string, quantity: bigint) {
  return {
    unit: unit === "lovelace" ? "" : unit,
    quantity: quantity <= QUANTITY_MAX ? Number(quantity) : null,
    quantityString: quantity.toString(),
  };
}

function amountsOf(value: Utxo["value"]) {
  return [
    amountView("lovelace", value.lovelace),
    ...Object.entries(value.assets).map(([unit, q]) => amountView(unit, q)),
  ];
}

function utxoView(u: Utxo) {
  return {
    txHash: u.txHash,
    address: u.address,
    Amounts: amountsOf(u.value),
    dataHash: u.dataHash,
    inlineDatum: u.inlineDatumCbor,
    referenceScriptHash: u.referenceScriptHash,
    outputIndex: u.outputIndex,
    block: "",
  };
}

/** The chain read routes; `ready` yields the node's context or throws a 503 while it starts. */
export function chainReadRoutes(ready: () => ChainReadContext): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const read = requirePermission("read", ready);
  const utxosOf = async (addr: string, net: Network): Promise<Utxo[]> => {
    const ctx = ready();
    if (net !== ctx.network)
      throw new ApiError(400, `network: this node runs on ${ctx.network}`, "network");
    const prefix = net === "mainnet" ? "addr1" : "addr_test1";
    if (!addr.startsWith(prefix))
      throw new ApiError(400, `address: not a ${net} address`, "address");
    try {
      return await ctx.chain.utxos(addr);
    } catch (err) {
      if (err instanceof ChainError)
        throw new ApiError(503, `the chain could not be read: ${err.message}`);
      throw err;
    }
  };

  r.get(
    "/utxos",
    documented({
      summary: "An address's unspent outputs, read from the chain a page at a time",
      description:
        'Ordered by transaction hash and output index (`order`). Lovelace is the unit `""`; ' +
        "a quantity above 10^14 is null, with the exact amount always in `quantityString`.",
      tag: "Chain",
      access: "read",
      query: utxosQuery,
      answer: utxosAnswer,
    }),
    read,
    async (c) => {
      const q = queryParams(c, utxosQuery);
      const all = (await utxosOf(q.address, q.network)).sort((a, b) =>
        a.txHash === b.txHash ? a.outputIndex - b.outputIndex : a.txHash < b.txHash ? -1 : 1,
      );
      if (q.order === "Desc") all.reverse();
      const page = all.slice((q.page - 1) * q.count, q.page * q.count);
      return c.json({ status: "success", data: { Utxos: page.map(utxoView) } });
    },
  );

  r.get(
    "/balance",
    documented({
      summary: "An address's whole balance per unit, read from the chain",
      description:
        'Lovelace (unit `""`) first. A quantity above 10^14 is null, with the exact amount ' +
        "always in `quantityString`.",
      tag: "Chain",
      access: "read",
      query: balanceQuery,
      answer: balanceAnswer,
    }),
    read,
    async (c) => {
      const q = queryParams(c, balanceQuery);
      const totals = new Map<string, bigint>([["lovelace", 0n]]);
      for (const u of await utxosOf(q.address, q.network)) {
        totals.set("lovelace", totals.get("lovelace")! + u.value.lovelace);
        for (const [unit, n] of Object.entries(u.value.assets))
          totals.set(unit, (totals.get(unit) ?? 0n) + n);
      }
      const Balance = [...totals].map(([unit, n]) => amountView(unit, n));
      return c.json({ status: "success", data: { Balance } });
    },
  );
  return r;
}
