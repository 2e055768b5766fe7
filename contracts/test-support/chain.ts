/**
 * The ledger the contract tests run on: the devnet's ledger (src/devnet, the scalus Emulator
 * with blocks, a faucet and a clock), opened in memory and used in-process, with a frozen wall
 * clock so chain time moves only when a test moves it.
 */
import { core, type IEvaluator, type IFetcher, type UTxO } from "@meshsdk/core";
import { openLedger, type DevnetLedger, DEVNET_USDM_UNIT } from "../../src/devnet/index.ts";
import { DEVNET_MESH_PARAMS } from "../../src/devnet/test-support.ts";
import { COST_MODELS } from "../../src/devnet/params.ts";
import { SLOT_CONFIGS, slotToTime, timeToSlot } from "../../src/chain/network.ts";

export { DEVNET_USDM_UNIT, DEVNET_MESH_PARAMS };

/** Chain time at which every test ledger starts (a whole slot on preprod). */
export const START_MS = SLOT_CONFIGS.preprod.zeroTimeMs + 100_000_000 * 1000;

export interface TestChain {
  ledger: DevnetLedger;
  nowMs(): number;
  /** Moves chain time forward to `timeMs` (never back). */
  advanceTo(timeMs: number): void;
  /** Pays an address from the faucet, in a block. */
  fund(address: string, lovelace: bigint, usdm?: bigint): Promise<void>;
  utxosAt(address: string): UTxO[];
  utxo(txHash: string, outputIndex: number): UTxO | undefined;
  /** Submits a signed transaction and puts it in a block; returns its hash. */
  submit(signedHex: string): string;
  fetcher: IFetcher;
  evaluator: IEvaluator;
}

export const slotOf = (timeMs: number): number => timeToSlot(timeMs, "preprod");
export const timeOf = (slot: number): number => slotToTime(slot, "preprod");

/** A `TransactionUnspentOutput` from an input and its output's CBOR. */
function toUtxo(txHash: string, outputIndex: number, outputCbor: string): UTxO {
  const w = new core.CborWriter();
  w.writeStartArray(2);
  w.writeStartArray(2);
  w.writeByteString(Buffer.from(txHash, "hex"));
  w.writeInt(outputIndex);
  w.writeEncodedValue(Buffer.from(outputCbor, "hex"));
  return core.fromTxUnspentOutput(core.deserializeTxUnspentOutput(w.encodeAsHex()));
}

export async function openTestChain(): Promise<TestChain> {
  const ledger = await openLedger({ wallClockMs: () => START_MS });
  const utxo = (txHash: string, outputIndex: number): UTxO | undefined => {
    const cbor = ledger.resolveOutputCbor({ txHash, index: outputIndex });
    return cbor === undefined ? undefined : toUtxo(txHash, outputIndex, cbor);
  };
  const fetcher = {
    fetchUTxOs: async (txHash: string, index?: number): Promise<UTxO[]> => {
      const count = ledger.index.tx(txHash)?.parsed.outputs.length ?? 0;
      const indices = index === undefined ? [...Array(count).keys()] : [index];
      return indices.map((i) => utxo(txHash, i)).filter((u): u is UTxO => u !== undefined);
    },
    fetchCostModels: async () => COST_MODELS,
  } as unknown as IFetcher;
  const chain: TestChain = {
    ledger,
    nowMs: () => ledger.nowMs(),
    advanceTo: (timeMs) => {
      if (timeMs > ledger.nowMs()) ledger.advanceTimeTo(timeMs);
    },
    fund: async (address, lovelace, usdm) => {
      const assets = usdm === undefined ? [] : [{ unit: DEVNET_USDM_UNIT, quantity: usdm }];
      await ledger.faucet(address, { lovelace, assets });
      ledger.produceBlock();
    },
    utxosAt: (address) => ledger.emulatorUtxos(address),
    utxo,
    submit: (signedHex) => {
      const hash = ledger.submit(signedHex);
      ledger.produceBlock();
      return hash;
    },
    fetcher,
    evaluator: new core.OfflineEvaluatorScalus(fetcher, "preprod"),
  };
  return chain;
}
