/**
 * The pure parts of the chain port: reading Blockfrost's JSON, writing Ogmios' UTxO set, Mesh
 * conversions and the input checks. Each refuses a malformed value instead of guessing.
 */
import { describe, expect, it } from "vitest";
import { parseEvaluation, toOgmiosUtxo } from "../src/chain/blockfrost-evaluate.ts";
import {
  parseQuantity,
  toAssetHistoryEntry,
  toProtocolParams,
  toValue,
} from "../src/chain/blockfrost-map.ts";
import { ChainResponseError } from "../src/chain/errors.ts";
import { assertAddress, assertHex } from "../src/chain/inputs.ts";
import { fromMeshUtxo, toMeshUtxo } from "../src/chain/mesh-convert.ts";
import type { Utxo } from "../src/chain/port.ts";

const UNIT = "16a55b2a349361ff88c03788f93e1e966e5d689605d044fef722ddde0014df10745553444d";

describe("Blockfrost JSON", () => {
  it("parses quantities as bigint and refuses anything but a decimal integer", () => {
    expect(parseQuantity("e", "18446744073709551617")).toBe(18_446_744_073_709_551_617n);
    for (const bad of ["1.5", "-1", "", "1e6", null]) {
      expect(() => parseQuantity("e", bad)).toThrow(ChainResponseError);
    }
  });

  it("sums repeated units and accepts the empty unit as lovelace", () => {
    const value = toValue("e", [
      { unit: "lovelace", quantity: "5" },
      { unit: "", quantity: "1" },
      { unit: UNIT, quantity: "2" },
      { unit: UNIT, quantity: "3" },
    ]);
    expect(value).toEqual({ lovelace: 6n, assets: { [UNIT]: 5n } });
  });

  it("reads a burn signed (Blockfrost's answers) or unsigned (its reference) as a positive amount", () => {
    const row = (action: string, amount: string) =>
      ({ tx_hash: "ab".repeat(32), action, amount }) as never;
    expect(toAssetHistoryEntry("h", row("burned", "-3"))).toMatchObject({ amount: 3n });
    expect(toAssetHistoryEntry("h", row("burned", "3"))).toMatchObject({ amount: 3n });
    expect(toAssetHistoryEntry("h", row("minted", "1"))).toMatchObject({
      action: "minted",
      amount: 1n,
    });
    for (const [action, amount] of [
      ["minted", "-1"],
      ["minted", "0"],
      ["burned", "-0"],
      ["sent", "1"],
      ["burned", "--1"],
    ]) {
      expect(() => toAssetHistoryEntry("h", row(action!, amount!))).toThrow(ChainResponseError);
    }
  });

  it("refuses protocol parameters without cost model lists", () => {
    const params = {
      epoch: 1,
      min_fee_a: 44,
      min_fee_b: 155381,
      max_block_size: 90112,
      max_tx_size: 16384,
      max_block_header_size: 1100,
      key_deposit: "2000000",
      pool_deposit: "500000000",
      min_pool_cost: "170000000",
      coins_per_utxo_size: "4310",
      price_mem: 0.0577,
      price_step: 0.0000721,
      max_tx_ex_mem: "14000000",
      max_tx_ex_steps: "10000000000",
      max_block_ex_mem: "62000000",
      max_block_ex_steps: "20000000000",
      max_val_size: "5000",
      collateral_percent: 150,
      max_collateral_inputs: 3,
      min_fee_ref_script_cost_per_byte: 15,
      protocol_major_ver: 10,
      protocol_minor_ver: 0,
      cost_models_raw: { PlutusV1: [1, 2], PlutusV2: [3], PlutusV3: [4] },
    };
    const ok = toProtocolParams("p", params as never);
    expect(ok).toMatchObject({ minFeePerByteLovelace: 44n, coinsPerUtxoByteLovelace: 4310n });
    expect(ok.costModels.plutusV3).toEqual([4]);
    const withoutV3 = { ...params, cost_models_raw: { PlutusV1: [1], PlutusV2: [2] } };
    expect(() => toProtocolParams("p", withoutV3 as never)).toThrow(/PlutusV3/);
    expect(() => toProtocolParams("p", { ...params, collateral_percent: null } as never)).toThrow(
      /collateral_percent/,
    );
  });
});

describe("Ogmios evaluation", () => {
  const utxo: Utxo = {
    txHash: "ab".repeat(32),
    outputIndex: 1,
    address: "addr_test1qq",
    value: { lovelace: 2_000_000n, assets: { [UNIT]: 7n, ["cd".repeat(28)]: 1n } },
    dataHash: null,
    inlineDatumCbor: "d87980",
    referenceScriptHash: null,
  };

  it("writes the additional UTxO set as Ogmios v5 names it", () => {
    expect(toOgmiosUtxo(utxo)).toEqual([
      { txId: "ab".repeat(32), index: 1 },
      {
        address: "addr_test1qq",
        value: {
          coins: 2_000_000,
          assets: { [`${UNIT.slice(0, 56)}.${UNIT.slice(56)}`]: 7, ["cd".repeat(28)]: 1 },
        },
        datum: "d87980",
      },
    ]);
  });

  it("refuses an amount JSON cannot carry exactly", () => {
    const huge = { ...utxo, value: { lovelace: 2n ** 60n, assets: {} } };
    expect(() => toOgmiosUtxo(huge)).toThrow(RangeError);
  });

  it("reads every purpose and rejects an unknown one", () => {
    const body = {
      result: {
        EvaluationResult: {
          "mint:1": { memory: 1, steps: 2 },
          "withdrawal:0": { memory: 3, steps: 4 },
        },
      },
    };
    expect(parseEvaluation(body)).toEqual([
      { purpose: "mint", index: 1, mem: 1n, steps: 2n },
      { purpose: "reward", index: 0, mem: 3n, steps: 4n },
    ]);
    expect(() =>
      parseEvaluation({ result: { EvaluationResult: { "bogus:0": { memory: 1, steps: 1 } } } }),
    ).toThrow(ChainResponseError);
    expect(() => parseEvaluation({})).toThrow(ChainResponseError);
  });
});

describe("Mesh conversions and input checks", () => {
  it("round-trips a UTxO through Mesh's shape without losing precision", () => {
    const utxo: Utxo = {
      txHash: "ab".repeat(32),
      outputIndex: 3,
      address: "addr_test1qq",
      value: { lovelace: 1n, assets: { [UNIT]: 2n ** 64n + 1n } },
      dataHash: "ef".repeat(32),
      inlineDatumCbor: null,
      referenceScriptHash: null,
    };
    expect(fromMeshUtxo(toMeshUtxo(utxo.txHash, utxo, undefined))).toEqual(utxo);
  });

  it("refuses the other network's address and non-hex hashes", () => {
    expect(() => assertAddress("addr1qxyz", "preprod")).toThrow(/not a preprod address/);
    expect(() => assertAddress("addr_test1qxyz", "mainnet")).toThrow(/not a mainnet address/);
    expect(() => assertAddress("addr_test1q/../x", "preprod")).toThrow();
    expect(() => assertHex("txHash", "zz".repeat(32), 64)).toThrow();
    expect(() => assertHex("txHash", "ab".repeat(31), 64)).toThrow();
    expect(() => assertHex("txHash", "ab".repeat(32), 64)).not.toThrow();
  });
});
