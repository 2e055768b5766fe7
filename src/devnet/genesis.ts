/**
 * The devnet's genesis: a pseudo-transaction that pays the faucet many UTxOs of ADA and the real
 * preprod tUSDM unit, so that amounts and units match preprod. It is derived from the persisted
 * genesis parameters, so it never needs to be stored itself.
 */
import { USDM_UNIT } from "../chain/network.ts";
import { blake2b256Hex } from "./cbor.ts";
import { DEVNET_NETWORK } from "./params.ts";
import type { ParsedTx } from "./types.ts";
import { outputOfUtxo } from "./utxo.ts";

export interface GenesisParams {
  /** When the devnet was first created; the genesis block's time. */
  createdAtMs: number;
  faucetAddress: string;
  /** Several UTxOs, so that faucet payments rarely need to combine inputs. */
  utxoCount: number;
  lovelacePerUtxo: string;
  usdmPerUtxo: string;
}

export const DEFAULT_GENESIS = {
  utxoCount: 32,
  // 1,000,000 ADA and 1,000,000,000 tUSDM per UTxO: plenty for any test run.
  lovelacePerUtxo: 1_000_000_000_000n,
  usdmPerUtxo: 1_000_000_000_000_000n,
};

/** The tUSDM unit the devnet uses: preprod's, so the node's configuration needs no change. */
export const DEVNET_USDM_UNIT = USDM_UNIT[DEVNET_NETWORK];

/** The genesis pseudo-transaction; its hash depends on the parameters, so devnets differ. */
export function genesisTx(p: GenesisParams): ParsedTx {
  const seed = Buffer.from(JSON.stringify(["escrowd-devnet-genesis", p]), "utf8").toString("hex");
  const hash = blake2b256Hex(seed);
  const outputs = Array.from({ length: p.utxoCount }, () => {
    const amount = [
      { unit: "lovelace", quantity: BigInt(p.lovelacePerUtxo) },
      { unit: DEVNET_USDM_UNIT, quantity: BigInt(p.usdmPerUtxo) },
    ];
    const cbor = outputOfUtxo({
      address: p.faucetAddress,
      amount: amount.map((a) => ({ unit: a.unit, quantity: a.quantity.toString() })),
    })
      .toCbor()
      .toString();
    return {
      address: p.faucetAddress,
      amount,
      dataHash: null,
      inlineDatum: null,
      referenceScript: null,
      cbor,
    };
  });
  return {
    hash,
    cbor: "",
    sizeBytes: 0,
    feeLovelace: 0n,
    isValid: true,
    inputs: [],
    collateral: [],
    referenceInputs: [],
    outputs,
    mint: [],
    withdrawals: [],
    certs: [],
    redeemers: [],
    metadata: [],
    raw721: undefined,
    scripts: [],
    datums: [],
    invalidBefore: null,
    invalidHereafter: null,
    totalExMem: 0n,
    totalExSteps: 0n,
  };
}
