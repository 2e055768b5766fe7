/**
 * Mints agent NFTs under the registry policy, many per transaction. Each agent's name is rooted
 * in a distinct wallet output the transaction spends (the policy's rule, which makes names
 * unique), its NFT goes to its recipient in an output of its own, and its MIP-002 metadata sits
 * under label 721.
 *
 * Output order is a contract with the registry sync (workers/registry-sync.ts): output i holds
 * the NFT of the i-th intent of the transaction in ascending intent id order. That is how the
 * node learns each request's asset name from the transaction it recorded.
 */
import type { UTxO } from "@meshsdk/core";
import { z } from "zod";
import { registryAssetName, registryMintRedeemer } from "../../../contracts/index.ts";
import {
  addInput,
  addMint,
  CIP25_LABEL,
  cip25Metadata,
  complete,
  largestFitting,
  lovelaceSchema,
  newTxBuilder,
  NFT_LOVELACE_MIN,
  otherUtxos,
  parsePayloads,
  NO_COLLATERAL,
  pickCollateral,
  REGISTRY_MINT_KIND,
  REGISTRY_POLICY,
  VALIDITY_SLOTS,
  wireMetadataSchema,
} from "./registry-common.ts";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

const payloadSchema = z.object({
  requestId: z.string().min(1),
  /** The MIP-002 metadata as written on chain (encodeAgentMetadata). */
  metadata: wireMetadataSchema,
  recipientAddress: z.string().min(1),
  lovelace: lovelaceSchema,
});
export type RegistryMintPayload = z.infer<typeof payloadSchema>;

/** Pure-ADA outputs added back to the wallet when it has fewer outputs than agents to root. */
const SPLITS_MAX = 20;
const SPLIT_LOVELACE = 5_000_000n;

type Item = { id: string; p: RegistryMintPayload };

/** The NFT output of each chosen intent, in the order the sync relies on (ascending id). */
export function mintOrder<T extends { id: string }>(chosen: T[]): T[] {
  return [...chosen].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function attempt(input: BuildInput, collateral: UTxO, refs: UTxO[], waiting: number) {
  return async (chosen: Item[]): Promise<string> => {
    const builder = await newTxBuilder(input);
    const roots = refs.slice(0, chosen.length);
    const ordered = mintOrder(chosen);
    const names = roots.map((r) => registryAssetName(r.input.txHash, r.input.outputIndex, 0));
    const redeemer = registryMintRedeemer(roots.map((r) => r.input));
    for (const r of roots) addInput(builder, r);
    ordered.forEach(({ p }, i) => {
      addMint(builder, names[i]!, "1", redeemer);
      const lovelace =
        BigInt(p.lovelace) > NFT_LOVELACE_MIN ? BigInt(p.lovelace) : NFT_LOVELACE_MIN;
      builder.txOut(p.recipientAddress, [
        { unit: "lovelace", quantity: lovelace.toString() },
        { unit: REGISTRY_POLICY.hash + names[i]!, quantity: "1" },
      ]);
    });
    // Later registrations need outputs to root on; leave some behind when the wallet runs short.
    const splits = Math.min(SPLITS_MAX, Math.max(0, waiting - refs.length));
    for (let s = 0; s < splits; s++) {
      builder.txOut(input.walletAddress, [
        { unit: "lovelace", quantity: SPLIT_LOVELACE.toString() },
      ]);
    }
    builder.metadataValue(
      CIP25_LABEL,
      cip25Metadata(ordered.map(({ p }, i) => [names[i]!, p.metadata])),
    );
    const rest = otherUtxos(input.utxos, [collateral, ...roots]);
    return complete(builder, input, collateral, rest, input.tip.slot + VALIDITY_SLOTS);
  };
}

/** Builds one transaction minting as many of the queued agents as fit, oldest first. */
async function build(input: BuildInput): Promise<BuildOutcome> {
  const { valid, rejected } = parsePayloads(input.intents, payloadSchema, REGISTRY_MINT_KIND);
  const collateral = pickCollateral(input.utxos);
  // Without collateral nothing can be minted yet; the intents wait for funds.
  if (valid.length === 0) return { tx: undefined, rejected };
  if (!collateral) return { tx: undefined, rejected, waiting: NO_COLLATERAL };
  // Roots: any wallet output but the collateral, largest first so they also pay the fees. A
  // wallet whose only output is the collateral roots its first agent on that very output.
  const others = otherUtxos(input.utxos, [collateral]).sort((a, b) => lovelace(b) - lovelace(a));
  const refs = others.length > 0 ? others : [collateral];
  const items = valid.slice(0, refs.length);
  const invalidHereafterSlot = input.tip.slot + VALIDITY_SLOTS;
  const fit = await largestFitting(
    REGISTRY_MINT_KIND,
    items,
    input.protocol.params,
    attempt(input, collateral, refs, valid.length),
  );
  if (!fit) return { tx: undefined, rejected };
  return {
    tx: {
      unsignedCbor: fit.unsignedCbor,
      intentIds: fit.chosen.map((c) => c.id),
      invalidHereafterSlot,
    },
    rejected,
  };
}

function lovelace(u: UTxO): number {
  return Number(u.output.amount.find((a) => a.unit === "lovelace")?.quantity ?? "0");
}

export const registryMintBuilder: TxBuilder = { kind: REGISTRY_MINT_KIND, batchMax: 60, build };
