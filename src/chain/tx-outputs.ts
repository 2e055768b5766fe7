/**
 * Reading a transaction's CBOR through Mesh: its id, the inputs it spends, the outputs it
 * makes. Imported statically only where transactions are built and signed (the build threads);
 * the main thread reaches it by `import()` on its rare paths (a row recorded before its wallet
 * outputs were; signing without build threads), so that it does not hold Mesh at rest (see
 * mesh-lib.ts). What the main thread reads of a transaction otherwise is in tx-body.ts.
 */
import type { UTxO } from "@meshsdk/core";
import * as core from "@meshsdk/core-cst";
import type { SignedTx } from "./builders/types.ts";
import { memoised } from "../domain/memo.ts";

const sharedOutputs = memoised(decodeOutputs, 512, { share: true });

/** The outputs of a not yet confirmed transaction, as UTxOs a later one may spend. */
export const outputsOfTx = (txCborHex: string): UTxO[] => structuredClone(sharedOutputs(txCborHex));

/**
 * The outputs of a transaction to `address` only: a wallet's change among a batch's dozens of
 * lock outputs (copying them all each time cost more than the decoding saved).
 */
export function outputsOfTxTo(txCborHex: string, address: string): UTxO[] {
  return sharedOutputs(txCborHex)
    .filter((u) => u.output.address === address)
    .map((u) => structuredClone(u));
}

function decodeOutputs(txCborHex: string): UTxO[] {
  const tx = core.deserializeTx(txCborHex);
  const txId = core.TransactionId(tx.getId());
  return tx
    .body()
    .outputs()
    .map((output, i) =>
      core.fromTxUnspentOutput(
        new core.TransactionUnspentOutput(new core.TransactionInput(txId, BigInt(i)), output),
      ),
    );
}

/** The inputs a transaction spends, as `txHash#index`. */
export function spentInputsOf(txCborHex: string): string[] {
  const body = core.deserializeTx(txCborHex).body();
  return body
    .inputs()
    .values()
    .map((i) => `${i.transactionId()}#${i.index()}`);
}

/**
 * What the submitter records of a transaction its wallet (at `walletAddress`) signed. Its
 * outputs are decoded here, once, on the thread that signed it: decoding a batch of fifty locks
 * takes tens of milliseconds, which on the API's thread every purchase would wait behind.
 */
export function signedTx(cbor: string, walletAddress: string): SignedTx {
  return {
    cbor,
    txHash: core.resolveTxHash(cbor),
    spentInputs: spentInputsOf(cbor),
    walletOutputs: outputsOfTxTo(cbor, walletAddress),
  };
}
