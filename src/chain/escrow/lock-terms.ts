/**
 * The terms of one escrow lock, as the `escrow_lock` intent carries them, checked and turned
 * into the output the lock pays: the inline datum in `FundsLocked` and the value, which is the
 * amounts plus the buyer's minimum-UTxO lovelace (sized for the largest datum a later state
 * can have, and given back to the buyer on Withdraw through the datum's `buyerLovelace`).
 */
import type { Asset } from "@meshsdk/core";
import { z } from "zod";
import {
  escrowDatum,
  largestDatum,
  MAX_TOKENS_PER_ESCROW,
  partyKeyHashes,
  type EscrowDatum,
  type PlutusData,
} from "../../../contracts/index.ts";
import { adjust, minLovelace, toAmount } from "./value.ts";

const digits = z.string().regex(/^[0-9]{1,30}$/);
const timeMs = z.number().int().nonnegative();

export const lockPayloadSchema = z.object({
  sellerAddress: z.string().min(1),
  buyerAddress: z.string().min(1),
  /** `escrowReference(sha256)`: 16 bytes hex. */
  reference: z.string().regex(/^[0-9a-f]{32}$/),
  inputHash: z.string().regex(/^([0-9a-f]{2}){0,64}$/),
  times: z.object({
    payByTimeMs: timeMs,
    submitResultTimeMs: timeMs,
    unlockTimeMs: timeMs,
    externalDisputeUnlockTimeMs: timeMs,
  }),
  amounts: z
    .array(z.object({ unit: z.string().regex(/^(lovelace|[0-9a-f]{56,120})$/), amount: digits }))
    .min(1)
    .max(1 + MAX_TOKENS_PER_ESCROW),
  /** A subscription period: the seller may withdraw at unlockTime without a result. */
  autoRelease: z.boolean().optional(),
});
export type EscrowLockPayload = z.infer<typeof lockPayloadSchema>;

export interface LockOutput {
  datum: PlutusData;
  amount: Asset[];
  payByTimeMs: number;
}

/** Rounds of min-UTxO sizing: the datum holds the lovelace it sizes, so it may grow once. */
const SIZING_ROUNDS_MAX = 4;

/**
 * The lock output of `p`, paid by the wallet at `walletAddress`; a string says why the terms
 * can never be locked (the intent is refused with it).
 */
export function lockOutput(
  p: EscrowLockPayload,
  walletAddress: string,
  escrowAddress: string,
  coinsPerUtxoSize: number,
): LockOutput | string {
  const t = p.times;
  if (
    !(t.payByTimeMs < t.submitResultTimeMs && t.submitResultTimeMs < t.unlockTimeMs) ||
    !(t.unlockTimeMs < t.externalDisputeUnlockTimeMs)
  )
    return "times must satisfy payBy < submitResult < unlock < externalDisputeUnlock";
  const units = p.amounts.map((a) => a.unit);
  if (new Set(units).size !== units.length) return "amounts name a unit twice";
  if (p.amounts.some((a) => BigInt(a.amount) === 0n)) return "amounts must be positive";
  try {
    if (
      partyKeyHashes(p.buyerAddress).paymentKeyHash !== partyKeyHashes(walletAddress).paymentKeyHash
    )
      return "buyerAddress is not this wallet's: the buyer must be able to sign its actions";
    const base: EscrowDatum = {
      state: "FundsLocked",
      resultHash: "",
      buyerCooldownMs: 0,
      sellerCooldownMs: 0,
      buyer: p.buyerAddress,
      seller: p.sellerAddress,
      reference: p.reference,
      inputHash: p.inputHash,
      submitResultTimeMs: t.submitResultTimeMs,
      unlockTimeMs: t.unlockTimeMs,
      externalDisputeUnlockTimeMs: t.externalDisputeUnlockTimeMs,
      buyerLovelace: 0n,
      claim: null,
      voucherTotal: 0n,
      autoRelease: p.autoRelease ?? false,
    };
    const amounts = toAmount(p.amounts.map((a) => ({ unit: a.unit, amount: BigInt(a.amount) })));
    // The deposit alone must cover the whole value under the largest datum: that is the rule
    // the lock check (src/domain/escrow-match.ts) holds every lock to, the node's own included.
    const need = (x: EscrowDatum): bigint =>
      minLovelace(
        escrowAddress,
        adjust(amounts, "lovelace", x.buyerLovelace),
        escrowDatum(largestDatum(x, units)),
        coinsPerUtxoSize,
      );
    // Each sizing encodes the datum and prices the output: done once per round, not twice.
    let d = base;
    let needed = need(d);
    for (let round = 0; round < SIZING_ROUNDS_MAX && needed > d.buyerLovelace; round++) {
      d = { ...d, buyerLovelace: needed };
      needed = need(d);
    }
    if (needed > d.buyerLovelace) return "the deposit's minimum UTxO did not settle";
    const amount = adjust(amounts, "lovelace", d.buyerLovelace);
    return { datum: escrowDatum(d), amount, payByTimeMs: t.payByTimeMs };
  } catch (err) {
    // escrowDatum and partyKeyHashes throw on script or malformed addresses.
    return `bad escrow terms: ${(err as Error).message}`;
  }
}
