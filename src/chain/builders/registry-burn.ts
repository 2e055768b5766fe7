/**
 * Burns agent NFTs (deregistration). The policy's Burn rule wants every token of the policy in
 * the transaction burnt exactly once (-1), so burns travel together, never beside a mint or an
 * update; only the holder can burn, since the token must be in an input.
 */
import type { UTxO } from "@meshsdk/core";
import { z } from "zod";
import { REGISTRY_BURN_REDEEMER } from "../../../contracts/index.ts";
import {
  addInput,
  addMint,
  assetNameSchema,
  complete,
  holderOf,
  largestFitting,
  newTxBuilder,
  otherUtxos,
  parsePayloads,
  pickCollateral,
  REGISTRY_BURN_KIND,
  REGISTRY_POLICY,
  VALIDITY_SLOTS,
} from "./registry-common.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

const payloadSchema = z.object({ requestId: z.string().min(1), assetName: assetNameSchema });
export type RegistryBurnPayload = z.infer<typeof payloadSchema>;

type Item = { id: string; p: RegistryBurnPayload; holder: UTxO };

function attempt(input: BuildInput, collateral: UTxO) {
  return async (chosen: Item[]): Promise<string> => {
    const builder = newTxBuilder(input);
    const holders = new Map(
      chosen.map((c) => [`${c.holder.input.txHash}#${c.holder.input.outputIndex}`, c.holder]),
    );
    for (const h of holders.values()) addInput(builder, h);
    for (const { p } of chosen) addMint(builder, p.assetName, "-1", REGISTRY_BURN_REDEEMER);
    const rest = otherUtxos(input.utxos, [collateral, ...holders.values()]);
    return complete(builder, input, collateral, rest, input.tip.slot + VALIDITY_SLOTS);
  };
}

/** Builds one transaction burning as many of the queued agents as fit, oldest first. */
async function build(input: BuildInput): Promise<BuildOutcome> {
  const parsed = parsePayloads(input.intents, payloadSchema, REGISTRY_BURN_KIND);
  const rejected = [...parsed.rejected];
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const { id, p } of parsed.valid) {
    const holder = holderOf(input.utxos, REGISTRY_POLICY.hash + p.assetName);
    if (!holder) rejected.push({ id, reason: `the wallet no longer holds ${p.assetName}` });
    else if (!seen.has(p.assetName)) items.push({ id, p, holder });
    seen.add(p.assetName);
  }
  const collateral = pickCollateral(input.utxos);
  if (!collateral || items.length === 0) return { tx: undefined, rejected };
  const invalidHereafterSlot = input.tip.slot + VALIDITY_SLOTS;
  const fit = await largestFitting(
    REGISTRY_BURN_KIND,
    items,
    input.protocol.params,
    attempt(input, collateral),
  );
  if (!fit) return { tx: undefined, rejected };
  const intentIds = fit.chosen.map((c) => c.id);
  return { tx: { unsignedCbor: fit.unsignedCbor, intentIds, invalidHereafterSlot }, rejected };
}

export const registryBurnBuilder: TxBuilder = { kind: REGISTRY_BURN_KIND, batchMax: 40, build };
