/** An address read from the chain, as `/utxos` and `/balance` answer it (the Masumi API's shape). */
import { z } from "zod";
import { amountText } from "./shapes.ts";

const amount = z.object({
  unit: z.string().meta({ description: '`""` for lovelace, else policy id + asset name (hex)' }),
  quantity: z.number().int().nullable().meta({
    description: "The amount as a JSON number, null above 10^14 (the peer's range)",
  }),
  quantityString: amountText.meta({ description: "The exact amount (additive to the peer)" }),
});

export const utxosAnswer = z.object({
  Utxos: z.array(
    z.object({
      txHash: z.string(),
      address: z.string(),
      Amounts: z.array(amount),
      dataHash: z.string().nullable(),
      inlineDatum: z.string().nullable().meta({ description: "The inline datum's CBOR (hex)" }),
      referenceScriptHash: z.string().nullable(),
      outputIndex: z.number().int(),
      block: z.literal("").meta({ description: "Always empty: the node does not keep it" }),
    }),
  ),
});

export const balanceAnswer = z.object({
  Balance: z.array(amount).meta({ description: "Lovelace first, then each token held" }),
});
