/** The ledger's min-UTxO price per byte, which lock sizing and the lock check both need. */
import type { ChainPort } from "./port.ts";

/** How long a read price is trusted: it changes only with a protocol parameter update. */
const PRICE_READ_EVERY_MS = 3_600_000;

/** A reader of coinsPerUtxoSize that asks the chain at most once an hour. */
export function coinsPerUtxoSizeReader(
  chain: Pick<ChainPort, "protocolParams">,
): () => Promise<number> {
  let cached: { value: number; readAtMs: number } | undefined;
  return async () => {
    if (!cached || Date.now() - cached.readAtMs > PRICE_READ_EVERY_MS)
      cached = {
        value: Number((await chain.protocolParams()).coinsPerUtxoByteLovelace),
        readAtMs: Date.now(),
      };
    return cached.value;
  };
}
