/**
 * On the devnet, the node pays its own wallets from the faucet so that a fresh start can sell
 * and buy at once. A wallet that already holds anything is left alone, so a restart (the devnet
 * keeps its ledger) pays nobody twice.
 */
import type { Chain } from "../chain/blockfrost.ts";
import { USDM_UNIT } from "../chain/network.ts";
import type { RemoteLedger } from "../devnet/thread.ts";
import type { Log } from "../log.ts";
import type { WalletInfo } from "./wallets.ts";

/** What each empty wallet receives: 10,000 ADA and 10,000 tUSDM. */
export const DEVNET_FUNDING = { lovelace: 10_000_000_000n, usdm: 10_000_000_000n };

/**
 * The ADA arrives in several pure-ADA outputs and the tUSDM in one of its own, as an operator
 * would fund a hot wallet: script transactions need a pure-ADA output as collateral, and
 * independent outputs let transactions be built side by side.
 */
const ADA_OUTPUTS = 4;
const USDM_OUTPUT_LOVELACE = 10_000_000n;

const CONFIRM_TIMEOUT_MS = 60_000;

/** Pays every empty wallet from the faucet and waits until the payments are in a block. */
export async function fundWalletsOnDevnet(opts: {
  devnet: { ledger: Pick<RemoteLedger, "faucet" | "waitForTx"> };
  chain: Chain;
  wallets: WalletInfo[];
  log: Log;
}): Promise<WalletInfo[]> {
  const empty: WalletInfo[] = [];
  for (const wallet of opts.wallets) {
    const utxos = await opts.chain.utxos(wallet.address);
    if (utxos.length === 0) empty.push(wallet);
  }
  const txHashes: string[] = [];
  const adaEach = (DEVNET_FUNDING.lovelace - USDM_OUTPUT_LOVELACE) / BigInt(ADA_OUTPUTS);
  for (const wallet of empty) {
    const faucet = (request: Parameters<RemoteLedger["faucet"]>[1]) =>
      opts.devnet.ledger.faucet(wallet.address, request);
    txHashes.push(
      await faucet({
        lovelace: USDM_OUTPUT_LOVELACE,
        assets: [{ unit: USDM_UNIT.preprod, quantity: DEVNET_FUNDING.usdm }],
      }),
    );
    for (let i = 0; i < ADA_OUTPUTS; i++) txHashes.push(await faucet({ lovelace: adaEach }));
    opts.log(`devnet: funded ${wallet.role} wallet ${wallet.address} from the faucet`);
  }
  for (const hash of txHashes) await opts.devnet.ledger.waitForTx(hash, CONFIRM_TIMEOUT_MS);
  return empty;
}
