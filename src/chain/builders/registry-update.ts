/**
 * Updates agents' metadata: for each, burns the version the wallet holds (v) and mints v+1 of
 * the same root with the new MIP-002 metadata under label 721, in one transaction (the ledger
 * would net a burn and re-mint of one name to nothing; see contracts/registry/layout.ts).
 * Several updates share a transaction; the policy pairs every burn with its successor.
 */
import type { UTxO } from "@meshsdk/core";
import { z } from "zod";
import { nextRegistryAssetName, REGISTRY_UPDATE_REDEEMER } from "../../../contracts/index.ts";
import {
  addInput,
  addMint,
  assetNameSchema,
  CIP25_LABEL,
  cip25Metadata,
  complete,
  lovelaceSchema,
  newTxBuilder,
  NFT_LOVELACE_MIN,
  otherUtxos,
  REGISTRY_POLICY,
  REGISTRY_UPDATE_KIND,
  VALIDITY_SLOTS,
  wireMetadataSchema,
} from "./registry-common.ts";
import { buildForHeldAgents, type HeldItem } from "./registry-held.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

const payloadSchema = z.object({
  requestId: z.string().min(1),
  /** The version the wallet holds now; the update mints the next. */
  assetName: assetNameSchema,
  metadata: wireMetadataSchema,
  recipientAddress: z.string().min(1),
  lovelace: lovelaceSchema,
});
export type RegistryUpdatePayload = z.infer<typeof payloadSchema>;

type Item = HeldItem<RegistryUpdatePayload>;

function attempt(input: BuildInput, collateral: UTxO) {
  return async (chosen: Item[]): Promise<string> => {
    const builder = await newTxBuilder(input);
    const holders = new Map(
      chosen.map((c) => [`${c.holder.input.txHash}#${c.holder.input.outputIndex}`, c.holder]),
    );
    for (const h of holders.values()) addInput(builder, h);
    const entries: [string, Record<string, unknown>][] = [];
    for (const { p } of chosen) {
      const next = nextRegistryAssetName(p.assetName);
      addMint(builder, p.assetName, "-1", REGISTRY_UPDATE_REDEEMER);
      addMint(builder, next, "1", REGISTRY_UPDATE_REDEEMER);
      const lovelace =
        BigInt(p.lovelace) > NFT_LOVELACE_MIN ? BigInt(p.lovelace) : NFT_LOVELACE_MIN;
      builder.txOut(p.recipientAddress, [
        { unit: "lovelace", quantity: lovelace.toString() },
        { unit: REGISTRY_POLICY.hash + next, quantity: "1" },
      ]);
      entries.push([next, p.metadata]);
    }
    builder.metadataValue(CIP25_LABEL, cip25Metadata(entries));
    const rest = otherUtxos(input.utxos, [collateral, ...holders.values()]);
    return complete(builder, input, collateral, rest, input.tip.slot + VALIDITY_SLOTS);
  };
}

/** Builds one transaction for as many of the queued intents as fit, oldest first. */
function build(input: BuildInput): Promise<BuildOutcome> {
  return buildForHeldAgents(input, REGISTRY_UPDATE_KIND, payloadSchema, attempt);
}

export const registryUpdateBuilder: TxBuilder = { kind: REGISTRY_UPDATE_KIND, batchMax: 40, build };
