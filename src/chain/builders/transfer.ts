/**
 * Transfers from a node wallet to any address (ADA and native assets), many per transaction.
 * Used to move funds out of hot wallets, and the simplest exercise of the submitter.
 */
import { loadMesh } from "../mesh-lib.ts";
import { z } from "zod";
import type { BuildInput, BuildOutcome, TxBuilder } from "./types.ts";

export const TRANSFER_KIND = "transfer";

/** How long a built transfer stays valid, in slots (seconds). */
const VALIDITY_SLOTS = 600;

const payloadSchema = z.object({
  address: z.string().min(1),
  lovelace: z.string().regex(/^\d+$/),
  assets: z.array(
    z.object({ unit: z.string().regex(/^[0-9a-f]{56,120}$/), quantity: z.string().regex(/^\d+$/) }),
  ),
});
export type TransferPayload = z.infer<typeof payloadSchema>;

/** Builds one transaction paying as many of the transfers as fit, oldest first. */
async function build(input: BuildInput): Promise<BuildOutcome> {
  const rejected: BuildOutcome["rejected"] = [];
  const valid: { id: string; p: TransferPayload }[] = [];
  for (const i of input.intents) {
    const parsed = payloadSchema.safeParse(i.payload);
    if (parsed.success) valid.push({ id: i.id, p: parsed.data });
    else
      rejected.push({
        id: i.id,
        reason: `bad transfer payload: ${parsed.error.issues[0]?.message}`,
      });
  }
  const { MeshTxBuilder } = await loadMesh();
  // Halve the batch until the transaction fits (bounded: log2 of the batch size).
  for (let n = valid.length; n > 0; n = Math.floor(n / 2)) {
    const chosen = valid.slice(0, n);
    const invalidHereafterSlot = input.tip.slot + VALIDITY_SLOTS;
    const builder = new MeshTxBuilder({ params: input.protocol.params });
    builder.setCostModels(input.protocol.costModels);
    builder.setNetwork(input.network);
    for (const { p } of chosen) {
      builder.txOut(p.address, [{ unit: "lovelace", quantity: p.lovelace }, ...p.assets]);
    }
    try {
      const unsignedCbor = await builder
        .invalidHereafter(invalidHereafterSlot)
        .changeAddress(input.walletAddress)
        .selectUtxosFrom(input.utxos)
        .complete();
      if (unsignedCbor.length / 2 > input.protocol.params.maxTxSize) continue;
      return {
        tx: { unsignedCbor, intentIds: chosen.map((c) => c.id), invalidHereafterSlot },
        rejected,
      };
    } catch (err) {
      // Too little in the wallet for even one transfer: leave them queued for when funds arrive.
      if (n === 1)
        return { tx: undefined, rejected, waiting: `cannot build yet: ${(err as Error).message}` };
    }
  }
  return { tx: undefined, rejected };
}

export const transferBuilder: TxBuilder = { kind: TRANSFER_KIND, batchMax: 100, build };
