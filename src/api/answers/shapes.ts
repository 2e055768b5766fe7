/**
 * Pieces the answers' schemas share (answers/*.ts). These schemas only describe what the routes
 * write, for the OpenAPI description; nothing parses an answer with them outside the tests.
 */
import { z } from "zod";

/** A time as ISO 8601 text. */
export const isoTime = z.string().meta({ format: "date-time" });

/** A POSIX time in milliseconds as digits (the peer's wire form of times). */
export const msText = z.string().regex(/^\d+$/).meta({ description: "POSIX milliseconds" });

/** An amount in base units as digits. */
export const amountText = z
  .string()
  .regex(/^\d+$/)
  .meta({ description: "an integer amount in the unit's base units" });

/** An amount of one unit; lovelace is written `""` or `lovelace` as the route says. */
export const wireAmount = z.object({
  unit: z.string().meta({ description: "policy id + asset name hex; lovelace as the route says" }),
  amount: amountText,
});

/** A nullable field. */
export const orNull = <S extends z.ZodType>(schema: S) => schema.nullable();

/** A page of `items` with the cursor for the next one. */
export const cursorPage = <S extends z.ZodType>(key: string, item: S) =>
  z.object({ [key]: z.array(item), nextCursorId: z.string().nullable() });
