/**
 * The request path's own computations, run at boot on made-up terms, so that V8 has compiled
 * them before the first buyer arrives. A node just started ran its first purchases several
 * times slower than later ones: in the first 0.7 s of purchases at 50 a second, signing terms,
 * reading an identifier back and sizing a lock (minLovelace) took about ten times the CPU they
 * take once warm. The main thread was saturated then, so every request of that second queued
 * behind them, and that second alone decided the p99 of a run of 200 (see bench:lifecycle's
 * warm figures).
 *
 * Nothing is stored or sent. Terms for a job that does not exist are signed with the node's own
 * selling key, read back and verified as a buyer would, and sized as the lock the node's
 * purchasing wallet would pay. A step that fails here is a bug the first request would hit too,
 * so the warm-up throws.
 */
import type { Network } from "../chain/network.ts";
import { lockOutput } from "../chain/escrow/lock-terms.ts";
import { toWireAmounts } from "../domain/amounts.ts";
import {
  type PaymentTerms,
  TERMS_VERSION,
  decodeBlockchainIdentifier,
  escrowReference,
  newSellerNonce,
  signTerms,
  verifyBlockchainIdentifier,
} from "../domain/blockchain-identifier.ts";
import { cip8DataSigner } from "../domain/cip8.ts";
import { resolvePaymentTimes } from "../domain/payment-times.ts";
import type { VoucherSigner } from "../domain/voucher-signer.ts";
import type { WalletInfo } from "./wallets.ts";

/** Passes over the path: V8 optimises a function after some hundreds of calls of its parts. */
export const WARM_ROUNDS = 40;

/** A made-up agent: a policy id and a one-byte asset name. */
const AGENT = `${"0".repeat(56)}00`;

export interface WarmPathInput {
  network: Network;
  /** The selling wallet's key, as payment requests sign with it. */
  signer: VoucherSigner;
  seller: WalletInfo;
  /** The wallet whose lock is sized, as purchases size theirs. */
  buyer: WalletInfo;
  escrowAddress: string;
  coinsPerUtxoSize: number;
  nowMs: number;
  rounds?: number;
}

/** Runs the path `rounds` times; returns the lovelace of the last lock it sized. */
export async function warmRequestPath(input: WarmPathInput): Promise<bigint> {
  const times = resolvePaymentTimes({ nowMs: input.nowMs });
  if (!times.ok) throw new Error(`warm-up: default times refused: ${times.message}`);
  let lovelace = 0n;
  for (let round = 0; round < (input.rounds ?? WARM_ROUNDS); round++) {
    const terms: PaymentTerms = {
      version: TERMS_VERSION,
      network: input.network,
      agentIdentifier: AGENT,
      sellerVkey: input.seller.paymentKeyHash,
      sellerAddress: input.seller.address,
      identifierFromPurchaser: round.toString(16).padStart(16, "0"),
      inputHash: round.toString(16).padStart(64, "0"),
      amounts: [{ unit: "lovelace", amount: 5_000_000n + BigInt(round) }],
      ...times.times,
      sellerNonce: newSellerNonce(),
    };
    const identifier = await signTerms(cip8DataSigner(input.signer), terms);
    const decoded = decodeBlockchainIdentifier(identifier);
    if (!decoded.ok) throw new Error(`warm-up: own identifier unreadable: ${decoded.reason}`);
    const verified = await verifyBlockchainIdentifier(decoded, { network: input.network });
    if (!verified.ok) throw new Error(`warm-up: own identifier refused: ${verified.reason}`);
    const out = lockOutput(
      {
        sellerAddress: decoded.terms.sellerAddress,
        buyerAddress: input.buyer.address,
        reference: escrowReference(decoded),
        inputHash: decoded.terms.inputHash,
        times: times.times,
        amounts: toWireAmounts(decoded.terms.amounts),
      },
      input.buyer.address,
      input.escrowAddress,
      input.coinsPerUtxoSize,
    );
    if (typeof out === "string") throw new Error(`warm-up: lock refused: ${out}`);
    lovelace = BigInt(out.amount.find((a) => a.unit === "lovelace")?.quantity ?? "0");
  }
  return lovelace;
}
