/** Assertions on the ledger's verdict. */
import { expect } from "vitest";
import { TxRejectedError } from "../../src/devnet/index.ts";
import type { Fixture } from "./fixture.ts";
import { run } from "./fixture.ts";
import type { SpendPlan } from "./escrow-tx.ts";

/**
 * Units set on every redeemer when a transaction must reach the ledger unevaluated (Mesh would
 * refuse to build it otherwise): ample for the small batches of the failing tests.
 */
export const FIXED_EX_UNITS = { mem: 3_000_000, steps: 1_500_000_000 };

/**
 * Submits the plan without evaluating it first and expects the ledger to refuse it because the
 * escrow script failed with `trace` (so a test cannot pass for another reason).
 */
export async function expectScriptTrace(f: Fixture, plan: SpendPlan, trace: string): Promise<void> {
  const error = await run(f, plan, { fixedExUnits: FIXED_EX_UNITS }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expectLedgerTrace(error, trace);
}

/** `error` is the ledger refusing a transaction because a script failed with exactly `trace`. */
export function expectLedgerTrace(error: unknown, trace: string): void {
  expect(error, "the ledger accepted the transaction").toBeInstanceOf(TxRejectedError);
  const reason = (error as TxRejectedError).reason;
  expect(reason).toContain("Plutus script validation failed");
  // The emulator ends its reason with "logs: <trace lines>".
  const logs = reason.slice(reason.lastIndexOf("logs:") + "logs:".length).trim();
  expect(logs).toBe(trace);
}
