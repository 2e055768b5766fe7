/** Query-string and path checks shared by the Blockfrost routes. */
import type { Context } from "hono";
import { z } from "zod";
import { parseTestnetAddress } from "../addresses.ts";
import { badPathParam, HttpError } from "./errors.ts";

const HASH64 = /^[0-9a-f]{64}$/;
const UNIT = /^[0-9a-f]{56}([0-9a-f]{2}){0,32}$/;
const POLICY = /^[0-9a-f]{56}$/;
const CURSOR = /^\d{1,10}(:\d{1,6})?$/;

const PagingSchema = z.object({
  count: z.coerce.number().int().min(1).max(100).default(100),
  page: z.coerce.number().int().min(1).max(21_474_836).default(1),
  order: z.enum(["asc", "desc"]).default("asc"),
  from: z.string().regex(CURSOR, "must be a block height or height:index").optional(),
  to: z.string().regex(CURSOR, "must be a block height or height:index").optional(),
});

export type Paging = z.infer<typeof PagingSchema>;

/** Blockfrost's paging parameters; a bad one is a 400 that names it. */
export function paging(c: Context): Paging {
  const parsed = PagingSchema.safeParse(c.req.query());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `querystring/${issue?.path.join(".")} ${issue?.message}`);
  }
  return parsed.data;
}

/** One page of `items` (in chain order) for `p`. */
export function page<T>(items: readonly T[], p: Paging): T[] {
  const ordered = p.order === "desc" ? [...items].reverse() : items;
  const start = (p.page - 1) * p.count;
  return ordered.slice(start, start + p.count);
}

/** A position on chain, from Blockfrost's `from`/`to` ("height" or "height:index"). */
export interface Cursor {
  height: number;
  index: number | null;
}

/** Parses a `from`/`to` value (already checked by the paging schema). */
export function cursor(s: string | undefined): Cursor | null {
  if (s === undefined) return null;
  const [h, i] = s.split(":");
  return { height: Number(h), index: i === undefined ? null : Number(i) };
}

function after(e: { blockHeight: number; txIndex: number }, c: Cursor | null): boolean {
  if (c === null) return true;
  return e.blockHeight > c.height || (e.blockHeight === c.height && e.txIndex >= (c.index ?? 0));
}

function before(e: { blockHeight: number; txIndex: number }, c: Cursor | null): boolean {
  if (c === null) return true;
  if (e.blockHeight !== c.height) return e.blockHeight < c.height;
  return c.index === null || e.txIndex <= c.index;
}

/** The entries between Blockfrost's `from` and `to` (both inclusive) of `p`. */
export function inRange<T extends { blockHeight: number; txIndex: number }>(
  entries: readonly T[],
  p: Paging,
): T[] {
  const from = cursor(p.from);
  const to = cursor(p.to);
  return entries.filter((e) => after(e, from) && before(e, to));
}

/** A 64-hex path parameter (transaction, block or datum hash). */
export function hashParam(c: Context, name: string): string {
  const v = c.req.param(name) ?? "";
  if (!HASH64.test(v)) throw badPathParam(name);
  return v;
}

/** An asset unit path parameter: policy id + asset name, hex. */
export function unitParam(c: Context, name: string): string {
  const v = c.req.param(name) ?? "";
  if (!UNIT.test(v)) throw badPathParam(name);
  return v;
}

/** A policy id path parameter. */
export function policyParam(c: Context, name: string): string {
  const v = c.req.param(name) ?? "";
  if (!POLICY.test(v)) throw badPathParam(name);
  return v;
}

/** An address of this (test) network; Blockfrost answers 400 for anything else. */
export function addressParam(c: Context): string {
  const v = c.req.param("address") ?? "";
  if (parseTestnetAddress(v) === null) {
    throw new HttpError(400, "Invalid address for this network or malformed address format.");
  }
  return v;
}
