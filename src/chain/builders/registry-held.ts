/**
 * The part updates and burns share: both act on agents the wallet already holds. Each payload
 * names a held asset; the builder finds the UTxO holding it, takes one intent per asset (a second
 * one waits for the next transaction), and fits as many as the limits allow.
 */
import type { UTxO } from "@meshsdk/core";
import type { z } from "zod";
import {
  holderOf,
  largestFitting,
  NO_COLLATERAL,
  parsePayloads,
  pickCollateral,
  REGISTRY_POLICY,
  VALIDITY_SLOTS,
} from "./registry-common.ts";
import type { BuildInput, BuildOutcome } from "./types.ts";

/** One intent about a held agent, with the UTxO that holds it. */
export type HeldItem<P> = { id: string; p: P; holder: UTxO };

/** Builds one transaction for the held agents the queued intents name, oldest first. */
export async function buildForHeldAgents<P extends { assetName: string }>(
  input: BuildInput,
  kind: string,
  schema: z.ZodType<P>,
  attempt: (input: BuildInput, collateral: UTxO) => (chosen: HeldItem<P>[]) => Promise<string>,
): Promise<BuildOutcome> {
  const parsed = parsePayloads(input.intents, schema, kind);
  const rejected = [...parsed.rejected];
  const items: HeldItem<P>[] = [];
  const seen = new Set<string>();
  for (const { id, p } of parsed.valid) {
    const holder = holderOf(input.utxos, REGISTRY_POLICY.hash + p.assetName);
    if (!holder) rejected.push({ id, reason: `the wallet no longer holds ${p.assetName}` });
    // Two intents about one version cannot share a transaction; the later waits for the next.
    else if (!seen.has(p.assetName)) items.push({ id, p, holder });
    seen.add(p.assetName);
  }
  const collateral = pickCollateral(input.utxos);
  if (items.length === 0) return { tx: undefined, rejected };
  if (!collateral) return { tx: undefined, rejected, waiting: NO_COLLATERAL };
  const invalidHereafterSlot = input.tip.slot + VALIDITY_SLOTS;
  const fit = await largestFitting(kind, items, input.protocol.params, attempt(input, collateral));
  if (!fit) return { tx: undefined, rejected };
  const intentIds = fit.chosen.map((c) => c.id);
  return { tx: { unsignedCbor: fit.unsignedCbor, intentIds, invalidHereafterSlot }, rejected };
}
