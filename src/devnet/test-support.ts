/**
 * Helpers for the devnet's tests and benchmark: tiny Plutus V3 scripts, fresh wallets, and a
 * transaction builder with the parameters the devnet enforces. Not used by the devnet itself.
 */
import {
  MeshTxBuilder,
  MeshWallet,
  resolveScriptHash,
  serializePlutusScript,
  serializeRewardAddress,
  type IFetcher,
  type IEvaluator,
  type UTxO,
} from "@meshsdk/core";
import { COST_MODELS, DEVNET_MESH_PARAMS } from "./params.ts";

export { DEVNET_MESH_PARAMS };

/** `(program 1.1.0 (lam _ (con unit ())))`, double-CBOR: a V3 script that always succeeds. */
export const ALWAYS_SUCCEEDS_V3 = "46450101002499";

/** A V3 script that always fails after tracing "boom: datum mismatch" (double-CBOR). */
export const ALWAYS_FAILS_V3 =
  "582458220101002326335738920114626f6f6d3a20646174756d206d69736d61746368004981";
export const ALWAYS_FAILS_TRACE = "boom: datum mismatch";

/** Address, script hash and reward address of a V3 script on a test network. */
export function scriptFacts(cbor: string) {
  const hash = resolveScriptHash(cbor, "V3");
  return {
    cbor,
    hash,
    address: serializePlutusScript({ code: cbor, version: "V3" }, undefined, 0).address,
    rewardAddress: serializeRewardAddress(hash, true, 0),
  };
}

export interface TestWallet {
  wallet: MeshWallet;
  address: string;
}

/** A new wallet with a fresh mnemonic. */
export async function newWallet(): Promise<TestWallet> {
  const wallet = new MeshWallet({
    networkId: 0,
    key: { type: "mnemonic", words: MeshWallet.brew() as string[] },
  });
  await wallet.init();
  return { wallet, address: await wallet.getChangeAddress() };
}

/** A fresh builder; give it a fetcher when spending script inputs. */
export function builder(opts: { fetcher?: IFetcher; evaluator?: IEvaluator } = {}): MeshTxBuilder {
  return new MeshTxBuilder({ params: DEVNET_MESH_PARAMS, ...opts });
}

/** A fetcher over a UTxO list, enough for Mesh to build script spends offline. */
export function utxoFetcher(utxos: () => UTxO[]): IFetcher {
  const fetcher: Pick<IFetcher, "fetchUTxOs" | "fetchCostModels"> = {
    fetchUTxOs: async (hash, index) =>
      utxos().filter(
        (u) => u.input.txHash === hash && (index === undefined || u.input.outputIndex === index),
      ),
    fetchCostModels: async () => COST_MODELS,
  };
  // Mesh calls only these two while building; the rest of IFetcher is never reached.
  return fetcher as IFetcher;
}
