/**
 * What an agent's handler gets and may give back. The handler's return value is the job's
 * result: a string as it is, anything else as its JSON. A metered job returns `metered(result,
 * usage)` so the usage is charged with the result.
 */
import type { Usage } from "./seller.ts";

export interface JobContext {
  /** The MIP-003 job id (for the 402 middleware, the escrow's blockchainIdentifier). */
  jobId: string;
  blockchainIdentifier: string;
  identifierFromPurchaser: string;
}

export type AgentHandler<Input = unknown> = (input: Input, job: JobContext) => unknown;

const METERED = Symbol("escrowd.metered");

export interface Metered {
  [METERED]: true;
  result: unknown;
  usage: Usage;
}

/** A result with the usage it is charged for (the payment's price sheet prices it). */
export function metered(result: unknown, usage: Usage): Metered {
  return { [METERED]: true, result, usage };
}

/** The handler's answer as the result text and, for a metered job, its usage. */
export function jobOutput(value: unknown): { text: string; usage?: Usage } {
  if (typeof value === "object" && value !== null && METERED in value) {
    const m = value as Metered;
    return { text: textOf(m.result), usage: m.usage };
  }
  return { text: textOf(value) };
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("the handler returned no result");
  return text;
}
