/**
 * The scalus Emulator, which does the real validation (phase 1 and 2). It is always built from
 * the index's confirmed state, never by replaying transactions, so a start or a rollback costs
 * one pass over the unspent outputs.
 */
import scalus from "scalus";
import type { ChainIndex } from "./chain-index.ts";
import { utxoMapCbor } from "./cbor.ts";
import { DEVNET_SLOT_CONFIG } from "./params.ts";

const { Emulator, SlotConfig } = scalus;

export type ScalusEmulator = InstanceType<typeof Emulator>;

/** Preprod's slot configuration in scalus's form. */
export const SCALUS_SLOT_CONFIG = new SlotConfig(
  DEVNET_SLOT_CONFIG.zeroTimeMs,
  DEVNET_SLOT_CONFIG.zeroSlot,
  DEVNET_SLOT_CONFIG.slotLengthMs,
);

/** An emulator holding exactly the index's unspent outputs, stake registrations and datums. */
export function emulatorFromIndex(index: ChainIndex): ScalusEmulator {
  const utxos = utxoMapCbor(
    (function* () {
      for (const o of index.allUnspent()) {
        yield { txHash: o.txHash, index: o.index, outputCbor: o.cbor };
      }
    })(),
  );
  return Emulator.withState(
    {
      utxos,
      // Rewards never accrue on the devnet, so every registered account holds zero.
      stakeRegistrations: index.stakeRegistrations().map((c) => ({
        credentialType: c.type,
        credentialHash: c.hash,
        rewards: 0n,
      })),
      datums: index.allDatums().map((d) => ({ hash: d.hash, datum: d.cbor })),
    },
    SCALUS_SLOT_CONFIG,
  );
}

/** Submits to the emulator; a thrown decoding error becomes an ordinary refusal. */
export function emulatorSubmit(
  emulator: ScalusEmulator,
  slot: number,
  txBytes: Uint8Array,
): { ok: true } | { ok: false; reason: string } {
  emulator.setSlot(slot);
  let result;
  try {
    result = emulator.submitTx(txBytes);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (result.isSuccess) return { ok: true };
  return { ok: false, reason: result.error ?? "refused by the ledger (no reason given)" };
}
