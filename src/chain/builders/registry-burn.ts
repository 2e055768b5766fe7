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
  newTxBuilder,
  otherUtxos,
  REGISTRY_BURN_KIND,
  VALIDITY_SLOTS,
} from "./registry-common.ts";
import { buildForHeldAgents, type HeldItem } from "./registry-held.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

const payloadSchema = z.object({ requestId: z.string().min(1), assetName: assetNameSchema });
export type RegistryBurnPayload = z.infer<typeof payloadSchema>;

type Item = HeldItem<RegistryBurnPayload>;

function attempt(input: BuildInput, collateral: UTxO) {
  return async (chosen: Item[]): Promise<string> => {
    const builder = await newTxBuilder(input);
    const holders = new Map(
      chosen.map((c) => [`${c.holder.input.txHash}#${c.holder.input.outputIndex}`, c.holder]),
    );
    for (const h of holders.values()) addInput(builder, h);
    for (const { p } of chosen) addMint(builder, p.assetName, "-1", REGISTRY_BURN_REDEEMER);
    const rest = otherUtxos(input.utxos, [collateral, ...holders.values()]);
    return complete(builder, input, collateral, rest, input.tip.slot + VALIDITY_SLOTS);
  };
}

/** Builds one transaction for as many of the queued intents as fit, oldest first. */
function build(input: BuildInput): Promise<BuildOutcome> {
  return buildForHeldAgents(input, REGISTRY_BURN_KIND, payloadSchema, attempt);
}

export const registryBurnBuilder: TxBuilder = { kind: REGISTRY_BURN_KIND, batchMax: 40, build };
