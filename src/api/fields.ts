/**
 * Field schemas the routes share, so one rule (and one message) holds for every route that
 * reads a text, a page size or a Masumi-style string boolean.
 */
import { z } from "zod";

/** Text of at most `max` characters. */
export const text = (max: number) =>
  z.string({ error: "must be text" }).max(max, { error: `must be at most ${max} characters` });

/** A page size from the query: a whole number from 1 to `max`, `defaultSize` when absent. */
export const pageSize = (max: number, defaultSize: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(max, { error: `must be at most ${max}` })
    .default(defaultSize);

/** `"true"` or `"false"` as text, the way the Masumi SDKs send booleans in queries and bodies. */
export const stringBoolean = z.enum(["true", "false"], { error: "must be true or false" });

const NETWORKS = { Preprod: "preprod", Mainnet: "mainnet" } as const;

/** The network as the Masumi API writes it (`Preprod`, `Mainnet`), read as escrowd's name. */
export const network = z
  .enum(["Preprod", "Mainnet"], { error: "must be Preprod or Mainnet" })
  .transform((n) => NETWORKS[n]);
