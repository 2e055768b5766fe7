/**
 * On the devnet, the node pays its own wallets from the faucet so that a fresh start can sell
 * and buy at once. A wallet that already holds anything is left alone, so a restart (the devnet
 * keeps its ledger) pays nobody twice.
 */
import type { Chain } from "../chain/blockfrost.ts";
import { USDM_UNIT } from "../chain/network.ts";
import type { RunningDevnet } from "../devnet/index.ts";
import type { Log } from "../log.ts";
import type { WalletInfo } from "./wallets.ts";

/** What each empty wallet receives: 10,000 ADA and 10,000 tUSDM. */
export const DEVNET_FUNDING = { lovelace: 10_000_000_000n, usdm: 10_000_000_000n };

const CONFIRM_TIMEOUT_MS = 60_000;

/** Pays every empty wallet from the faucet and waits until the payments are in a block. */
export async function fundWalletsOnDevnet(opts: {
  devnet: RunningDevnet;
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
  for (const wallet of empty) {
    txHashes.push(
      await opts.devnet.ledger.faucet(wallet.address, {
        lovelace: DEVNET_FUNDING.lovelace,
        assets: [{ unit: USDM_UNIT.preprod, quantity: DEVNET_FUNDING.usdm }],
      }),
    );
    opts.log(`devnet: funded ${wallet.role} wallet ${wallet.address} from the faucet`);
  }
  for (const hash of txHashes) await opts.devnet.ledger.waitForTx(hash, CONFIRM_TIMEOUT_MS);
  return empty;
}
