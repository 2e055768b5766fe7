/**
 * Pure mapping from Blockfrost's JSON to the port's types. Each function checks what it relies
 * on (amounts are decimal strings, heights are present) and throws `ChainResponseError` when a
 * body breaks the contract, rather than passing a half-read value on.
 */
import type { Responses } from "@blockfrost/blockfrost-js";
import { ChainResponseError } from "./errors.ts";
import type {
  AssetHistoryEntry,
  AssetHolder,
  AssetInfo,
  BlockInfo,
  BlockPlace,
  CostModels,
  PolicyAsset,
  ProtocolParams,
  TxInfo,
  TxOutput,
  TxUtxos,
  Utxo,
  Value,
} from "./port.ts";

type Amount = { unit: string; quantity: string }[];

/** Parses a non-negative decimal integer string, as Blockfrost writes every amount. */
export function parseQuantity(endpoint: string, text: string | null | undefined): bigint {
  if (typeof text !== "string" || !/^\d{1,40}$/.test(text)) {
    throw new ChainResponseError(endpoint, `not a quantity: ${JSON.stringify(text)}`);
  }
  return BigInt(text);
}

/** A number the contract says is present; null means the body is broken. */
function present<T>(endpoint: string, field: string, value: T | null | undefined): T {
  if (value === null || value === undefined) {
    throw new ChainResponseError(endpoint, `${field} is missing`);
  }
  return value;
}

/** Turns Blockfrost's `[{unit, quantity}]` into a `Value`, summing repeated units. */
export function toValue(endpoint: string, amount: Amount): Value {
  let lovelace = 0n;
  const assets: Record<string, bigint> = {};
  for (const { unit, quantity } of amount) {
    const n = parseQuantity(endpoint, quantity);
    if (unit === "lovelace" || unit === "") lovelace += n;
    else assets[unit] = (assets[unit] ?? 0n) + n;
  }
  return { lovelace, assets };
}

type OutputLike = {
  address: string;
  amount: Amount;
  output_index: number;
  data_hash: string | null;
  inline_datum: string | null;
  reference_script_hash: string | null;
};

/** Maps an output as every Blockfrost UTxO-shaped object carries it. */
export function toTxOutput(endpoint: string, o: OutputLike): TxOutput {
  return {
    address: o.address,
    value: toValue(endpoint, o.amount),
    outputIndex: o.output_index,
    dataHash: o.data_hash ?? null,
    inlineDatumCbor: o.inline_datum ?? null,
    referenceScriptHash: o.reference_script_hash ?? null,
  };
}

/** Maps one entry of `addresses/{address}/utxos`. */
export function toUtxo(endpoint: string, u: Responses["address_utxo_content"][number]): Utxo {
  return { txHash: u.tx_hash, ...toTxOutput(endpoint, u) };
}

/** Maps `txs/{hash}/utxos`. */
export function toTxUtxos(endpoint: string, t: Responses["tx_content_utxo"]): TxUtxos {
  return {
    txHash: t.hash,
    inputs: t.inputs.map((i) => ({
      ...toTxOutput(endpoint, i),
      txHash: i.tx_hash,
      collateral: i.collateral,
      reference: i.reference ?? false,
    })),
    outputs: t.outputs.map((o) => ({
      ...toTxOutput(endpoint, o),
      collateral: o.collateral,
      consumedByTxHash: o.consumed_by_tx ?? null,
    })),
  };
}

/** Maps a block (`blocks/latest`, `blocks/{hash_or_number}`). */
export function toBlockInfo(endpoint: string, b: Responses["block_content"]): BlockInfo {
  return {
    height: present(endpoint, "height", b.height),
    hash: b.hash,
    slot: present(endpoint, "slot", b.slot),
    blockTimeMs: b.time * 1000,
    previousHash: b.previous_block ?? null,
    confirmations: b.confirmations,
  };
}

/** Maps `txs/{hash}`. */
export function toTxInfo(endpoint: string, t: Responses["tx_content"]): TxInfo {
  const place: BlockPlace = {
    blockHeight: t.block_height,
    blockHash: t.block,
    slot: t.slot,
    blockTimeMs: t.block_time * 1000,
    txIndex: t.index,
  };
  return {
    ...place,
    txHash: t.hash,
    feesLovelace: parseQuantity(endpoint, t.fees),
    depositLovelace: parseQuantity(endpoint, t.deposit),
    sizeBytes: t.size,
    invalidBeforeSlot: t.invalid_before === null ? null : Number(t.invalid_before),
    invalidHereafterSlot: t.invalid_hereafter === null ? null : Number(t.invalid_hereafter),
    validContract: t.valid_contract,
  };
}

/** Maps `assets/{asset}`. */
export function toAssetInfo(endpoint: string, a: Responses["asset"]): AssetInfo {
  return {
    unit: a.asset,
    policyId: a.policy_id,
    assetNameHex: a.asset_name ?? "",
    fingerprint: a.fingerprint,
    quantity: parseQuantity(endpoint, a.quantity),
    initialMintTxHash: a.initial_mint_tx_hash,
    mintOrBurnCount: a.mint_or_burn_count,
    onchainMetadata: (a.onchain_metadata as Record<string, unknown> | null) ?? null,
  };
}

/** Maps one entry of `assets/{asset}/addresses`. */
export function toAssetHolder(
  endpoint: string,
  row: Responses["asset_addresses"][number],
): AssetHolder {
  return { address: row.address, quantity: parseQuantity(endpoint, row.quantity) };
}

/** Maps one entry of `assets/policy/{policy_id}`. */
export function toPolicyAsset(
  endpoint: string,
  row: Responses["asset_policy"][number],
): PolicyAsset {
  return { unit: row.asset, quantity: parseQuantity(endpoint, row.quantity) };
}

/**
 * Maps one entry of `assets/{asset}/history`. Blockfrost's live answers sign a burn ("-1", the
 * mint quantity db-sync stores) while its API reference shows "1"; both read as 1 burned. A
 * minted amount, or any zero, breaks the contract.
 */
export function toAssetHistoryEntry(
  endpoint: string,
  row: Responses["asset_history"][number],
): AssetHistoryEntry {
  const signed = typeof row.amount === "string" && row.amount.startsWith("-");
  const amount = parseQuantity(endpoint, signed ? row.amount.slice(1) : row.amount);
  const known = row.action === "minted" || row.action === "burned";
  if (!known || amount === 0n || (signed && row.action === "minted")) {
    throw new ChainResponseError(endpoint, `${row.action} of ${JSON.stringify(row.amount)}`);
  }
  return { txHash: row.tx_hash, action: row.action, amount };
}

function costModelList(endpoint: string, raw: unknown, version: string): number[] {
  const list = (raw as Record<string, unknown> | null)?.[version];
  if (!Array.isArray(list) || list.length === 0 || !list.every((n) => Number.isInteger(n))) {
    // Mesh would warn and fall back to built-in cost models; a wrong script budget is worse
    // than a loud failure, so a missing list is an error here.
    throw new ChainResponseError(endpoint, `cost_models_raw.${version} is not a list of integers`);
  }
  return list as number[];
}

function toCostModels(endpoint: string, raw: unknown): CostModels {
  return {
    plutusV1: costModelList(endpoint, raw, "PlutusV1"),
    plutusV2: costModelList(endpoint, raw, "PlutusV2"),
    plutusV3: costModelList(endpoint, raw, "PlutusV3"),
  };
}

/** Maps `epochs/latest/parameters`. */
export function toProtocolParams(
  endpoint: string,
  p: Responses["epoch_param_content"],
): ProtocolParams {
  const q = (field: string, v: string | number | null | undefined) =>
    parseQuantity(endpoint, present(endpoint, field, v).toString());
  return {
    epoch: p.epoch,
    minFeePerByteLovelace: q("min_fee_a", p.min_fee_a),
    minFeeConstantLovelace: q("min_fee_b", p.min_fee_b),
    maxTxSizeBytes: p.max_tx_size,
    maxBlockSizeBytes: p.max_block_size,
    maxBlockHeaderSizeBytes: p.max_block_header_size,
    maxValueSizeBytes: Number(q("max_val_size", p.max_val_size)),
    keyDepositLovelace: q("key_deposit", p.key_deposit),
    poolDepositLovelace: q("pool_deposit", p.pool_deposit),
    minPoolCostLovelace: q("min_pool_cost", p.min_pool_cost),
    // coins_per_utxo_word is the deprecated name Blockfrost still fills with the same value.
    coinsPerUtxoByteLovelace: q(
      "coins_per_utxo_size",
      p.coins_per_utxo_size ?? p.coins_per_utxo_word,
    ),
    priceMem: present(endpoint, "price_mem", p.price_mem),
    priceStep: present(endpoint, "price_step", p.price_step),
    maxTxExMem: q("max_tx_ex_mem", p.max_tx_ex_mem),
    maxTxExSteps: q("max_tx_ex_steps", p.max_tx_ex_steps),
    maxBlockExMem: q("max_block_ex_mem", p.max_block_ex_mem),
    maxBlockExSteps: q("max_block_ex_steps", p.max_block_ex_steps),
    collateralPercent: present(endpoint, "collateral_percent", p.collateral_percent),
    maxCollateralInputs: present(endpoint, "max_collateral_inputs", p.max_collateral_inputs),
    minFeeRefScriptCostPerByte: present(
      endpoint,
      "min_fee_ref_script_cost_per_byte",
      p.min_fee_ref_script_cost_per_byte,
    ),
    protocolVersion: { major: p.protocol_major_ver, minor: p.protocol_minor_ver },
    costModels: toCostModels(endpoint, p.cost_models_raw),
  };
}
