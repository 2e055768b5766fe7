/**
 * Fault injection for the Blockfrost API (never the devnet's own routes): a share of requests
 * answered 429 or 500, and added latency. A seed makes the sequence of faults reproducible.
 */
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { errorResponse } from "./errors.ts";

/** Fault settings: shares of requests answered 429 / 500, latency, optional seed. */
export const FaultConfigSchema = z
  .object({
    rate429: z.number().min(0).max(1).default(0),
    rate500: z.number().min(0).max(1).default(0),
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .nullable()
      .default(null),
  })
  .strict()
  .refine((f) => f.rate429 + f.rate500 <= 1, {
    message: "rate429 + rate500 must be at most 1",
    path: ["rate500"],
  });

export type FaultConfig = z.infer<typeof FaultConfigSchema>;

export const NO_FAULTS: FaultConfig = { rate429: 0, rate500: 0, latencyMs: 0, seed: null };

/** mulberry32: a small, fast, seedable generator; plenty for picking which request fails. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Holds the current fault settings and applies them to the Blockfrost API. */
export class FaultInjector {
  private current: FaultConfig = NO_FAULTS;
  private random: () => number = Math.random;

  get config(): FaultConfig {
    return this.current;
  }

  /** Replaces the fault settings (and restarts the seeded sequence). */
  set(config: FaultConfig): void {
    this.current = config;
    this.random = config.seed === null ? Math.random : mulberry32(config.seed);
  }

  /** The middleware that applies the settings to each request it sees. */
  middleware(): MiddlewareHandler {
    const injectFaults: MiddlewareHandler = async (c, next) => {
      const f = this.current;
      if (f.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, f.latencyMs));
      if (f.rate429 > 0 || f.rate500 > 0) {
        const roll = this.random();
        if (roll < f.rate429) return errorResponse(c, 429);
        if (roll < f.rate429 + f.rate500) return errorResponse(c, 500);
      }
      await next();
    };
    return injectFaults;
  }
}
