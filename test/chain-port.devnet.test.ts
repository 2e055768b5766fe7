/**
 * The shared chain port suite against the devnet, through its Blockfrost-compatible HTTP API.
 *
 * Blocks are made by hand (`produceBlock`) and the timer is set far out, so the suite can see a
 * transaction `pending` before its block without racing a clock; everything else would pass
 * with a short interval too.
 */
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";
import { USDM_UNIT } from "../src/chain/network.ts";
import { startDevnet } from "../src/devnet/index.ts";
import { describeChainPort } from "./chain-port.suite.ts";

const BLOCK_INTERVAL_MS = 3_600_000;
const CONFIRM_TIMEOUT_MS = 30_000;

describeChainPort("the devnet", async () => {
  const devnet = await startDevnet({ port: 0, blockIntervalMs: BLOCK_INTERVAL_MS });
  const port = createBlockfrostChain({
    network: "preprod",
    baseUrl: devnet.blockfrostUrl,
    retry: { attemptsMax: 3, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const nextBlock = async () => {
    await devnet.ledger.produceBlock();
  };
  return {
    port,
    network: "preprod",
    usdmUnit: USDM_UNIT.preprod,
    blocksOnDemand: true,
    // The devnet serves Blockfrost's `mempool/{hash}`, so a submitted transaction reads
    // pending until its block, and the suite insists on it.
    servesMempool: true,
    nextBlock,
    async fund(address, { lovelace, assets = {} }) {
      const txHash = await devnet.ledger.faucet(address, {
        lovelace,
        assets: Object.entries(assets).map(([unit, quantity]) => ({ unit, quantity })),
      });
      await nextBlock();
      await devnet.ledger.waitForTx(txHash, CONFIRM_TIMEOUT_MS);
      return txHash;
    },
    close: () => devnet.close(),
  };
});
