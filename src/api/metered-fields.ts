/**
 * Wire schemas of the metered escrow routes: units, integer amounts and the usage a job
 * reports. Amounts are integer strings (never JSON numbers, which lose precision past 2^53) of
 * at most 2^63-1, the range every amount of this node has and the escrow's values fit in.
 */
import { z } from "zod";
import { AMOUNT_MAX, LOVELACE } from "../domain/amounts.ts";
import type { Usage } from "../domain/charge.ts";
import { CUSTOM_UNIT_NAME, CUSTOM_UNITS_MAX } from "../domain/price-sheet.ts";

const DIGITS = /^(0|[1-9][0-9]{0,18})$/;

/** An integer string from `min` to 2^63-1, read as a bigint. */
export const integerString = (min: 0n | 1n) =>
  z
    .string({ error: "must be an integer string" })
    .regex(DIGITS, { error: "must be an integer string without sign, point or leading zeros" })
    .transform((s) => BigInt(s))
    .refine((n) => n >= min && n <= AMOUNT_MAX, {
      error: `must be from ${min} to ${AMOUNT_MAX}`,
    });

/** `lovelace` (or the peer's "") or a policy id followed by an asset name, lowercase hex. */
export const unit = z
  .string({ error: "must be text" })
  .regex(/^(lovelace|(?:[0-9a-f]{2}){28,60})?$/, {
    error: "must be lovelace or a policy id and asset name in lowercase hex",
  })
  .transform((u) => (u === "" ? LOVELACE : u));

/** Entries a list of amounts may hold: lovelace and the tokens one escrow may carry. */
export const UNIT_AMOUNTS_MAX = 8;

/** `[{unit, amount}]` with distinct units; `min` is the least amount each entry may have. */
export const unitAmounts = (min: 0n | 1n) =>
  z
    .array(z.object({ unit, amount: integerString(min) }).strict(), { error: "must be a list" })
    .max(UNIT_AMOUNTS_MAX, { error: `must have at most ${UNIT_AMOUNTS_MAX} entries` })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (seen.has(a.unit))
          ctx.addIssue({ code: "custom", path: [i, "unit"], message: "names a unit twice" });
        seen.add(a.unit);
      });
    });

const count = integerString(0n).optional();

/** The usage of one job, as charge.ts reads it; a count left out is zero. */
export const usage = z
  .object(
    {
      calls: count,
      outcomes: count,
      inputTokens: count,
      outputTokens: count,
      computeMs: count,
      custom: z
        .record(
          z.string().regex(CUSTOM_UNIT_NAME, { error: "is not a custom unit name" }),
          integerString(0n),
          { error: "must be an object of counts" },
        )
        .refine((r) => Object.keys(r).length <= CUSTOM_UNITS_MAX, {
          error: `must name at most ${CUSTOM_UNITS_MAX} units`,
        })
        .optional(),
    },
    { error: "must be an object" },
  )
  .strict()
  .transform((u): Usage => ({
    calls: u.calls ?? 0n,
    outcomes: u.outcomes ?? 0n,
    inputTokens: u.inputTokens ?? 0n,
    outputTokens: u.outputTokens ?? 0n,
    computeMs: u.computeMs ?? 0n,
    custom: u.custom ?? {},
  }));

/** The JSON a usage is stored as (counts as integer strings). */
export function usageJson(u: Usage): string {
  const s = (n: bigint | undefined) => (n ?? 0n).toString();
  const custom = Object.fromEntries(Object.entries(u.custom ?? {}).map(([k, v]) => [k, s(v)]));
  return JSON.stringify({
    calls: s(u.calls),
    outcomes: s(u.outcomes),
    inputTokens: s(u.inputTokens),
    outputTokens: s(u.outputTokens),
    computeMs: s(u.computeMs),
    custom,
  });
}
