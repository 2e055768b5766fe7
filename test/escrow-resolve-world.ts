/**
 * The escrow world for ResolveDispute: the escrow of the devnet's admin set (2 of 3), with all
 * three admin keys held, and a third wallet that pays for resolves without being a party.
 */
import { escrowResolveBuilder } from "../src/chain/builders/escrow-resolve.ts";
import {
  DEVNET_ESCROW_ADMINS,
  devnetEscrowParams,
  loadEscrowAdmins,
  type EscrowAdmins,
} from "../src/chain/escrow/admins.ts";
import type { WalletInfo } from "../src/services/wallets.ts";
import {
  fundedWallet,
  intentRows,
  openEscrowWorld,
  worldSubmitter,
  type EscrowWorld,
} from "./escrow-world.ts";

export { holdings, intentRows, queueAll, tickAndBlock, USDM } from "./escrow-world.ts";

export interface ResolveWorld extends EscrowWorld {
  /** Pays for resolves: holds no admin key and is no party to any escrow. */
  payer: WalletInfo;
  admins: EscrowAdmins;
}

/** The same world with a submitter that resolves (only) with `admins`. */
export function withAdmins(w: ResolveWorld, admins: EscrowAdmins): ResolveWorld {
  const submitter = worldSubmitter(w, [
    escrowResolveBuilder(w.facts, { locate: w.locate, admins }),
  ]);
  return { ...w, admins, submitter };
}

/** Opens the world, holding all three devnet admin keys. */
export async function openResolveWorld(batchMax = 60): Promise<ResolveWorld> {
  const admins = await loadEscrowAdmins(DEVNET_ESCROW_ADMINS, "preprod");
  const w = await openEscrowWorld({ batchMax, params: devnetEscrowParams(), admins });
  const payer = await fundedWallet(w, "selling");
  w.devnet.ledger.produceBlock();
  return { ...w, payer, admins };
}

/** The distinct transactions that carried `ids`. */
export async function txHashesOf(w: EscrowWorld, ids: string[]): Promise<string[]> {
  return [...new Set((await intentRows(w, ids)).map((r) => r.txHash).filter((h) => h !== null))];
}
