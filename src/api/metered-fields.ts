/**
 * Wire schemas of the metered escrow routes: units, integer amounts and the usage a job
 * reports. Amounts are integer strings (never JSON numbers, which lose precision past 2^53) of
 * at most 2^63-1, the range every amount of this node has and the escrow's values fit in.
 */
import { z } from "zod";
import { LOVELACE } from "../domain/amounts.ts";
import { integerString } from "../domain/usage-wire.ts";

export { integerString, usageJson, usageSchema as usage } from "../domain/usage-wire.ts";

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
