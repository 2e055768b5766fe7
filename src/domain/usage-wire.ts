/**
 * The usage of one job on the wire and in storage: the counts charge.ts reads, as integer
 * strings (JSON numbers lose precision past 2^53) from 0 to 2^63-1, a count left out being zero.
 * The seller's node charges it (`POST /payment/submit-result`); the buyer's node stores what it
 * saw (`POST /purchase/usage`, column `reported_usage`) and reads it back to check a claim.
 */
import { z } from "zod";
import { AMOUNT_MAX } from "./amounts.ts";
import type { Usage } from "./charge.ts";
import { CUSTOM_UNIT_NAME, CUSTOM_UNITS_MAX } from "./price-sheet.ts";

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

const count = integerString(0n).optional();

/** The usage of one job, as charge.ts reads it; a count left out is zero. */
export const usageSchema = z
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

/** A usage stored by `usageJson`; throws on one that does not read (a corrupted row). */
export function parseStoredUsage(json: string): Usage {
  const parsed = usageSchema.safeParse(JSON.parse(json));
  if (!parsed.success)
    throw new Error(`stored usage unreadable: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
