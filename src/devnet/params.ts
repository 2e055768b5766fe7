/**
 * The protocol parameters of the devnet. The scalus Emulator enforces its own built-in set (the
 * current mainnet/preprod values); this module states the same figures so that what the devnet
 * serves at `epochs/latest/parameters` is what its ledger actually checks.
 */
import { SLOT_CONFIGS } from "../chain/network.ts";
import { COST_MODEL_V1, COST_MODEL_V2, COST_MODEL_V3 } from "./cost-models.ts";

/** The devnet's chain follows preprod's slot configuration, so times line up with preprod. */
export const DEVNET_NETWORK = "preprod" as const;
export const DEVNET_SLOT_CONFIG = SLOT_CONFIGS[DEVNET_NETWORK];

/** Preprod's Shelley-era epochs: 432,000 one-second slots, epoch 4 starting at slot 86,400. */
export const EPOCH_LENGTH_SLOTS = 432_000;
const FIRST_SHELLEY_EPOCH = 4;

/**
 * Figures read from the scalus 0.17.0 Emulator's built-in parameters and confirmed by probing it:
 * it refuses a transaction whose redeemers ask for more than 16,500,000 memory units. Note that
 * scalus compares execution units lexicographically (memory first), so it lets a transaction
 * with less memory but more than 10,000,000,000 steps through; the ledger checks steps itself.
 */
export const PROTOCOL = {
  minFeeA: 44,
  minFeeB: 155_381,
  maxTxSizeBytes: 16_384,
  maxBlockBodySizeBytes: 90_112,
  maxBlockHeaderSizeBytes: 1_100,
  keyDepositLovelace: 2_000_000n,
  poolDepositLovelace: 500_000_000n,
  minPoolCostLovelace: 170_000_000n,
  coinsPerUtxoByte: 4_310,
  collateralPercent: 150,
  maxCollateralInputs: 3,
  maxValueSizeBytes: 5_000,
  priceMem: 0.0577,
  priceStep: 0.0000721,
  maxTxExMem: 16_500_000n,
  maxTxExSteps: 10_000_000_000n,
  maxBlockExMem: 72_000_000n,
  maxBlockExSteps: 20_000_000_000n,
  minFeeRefScriptCostPerByte: 15,
  protocolMajor: 10,
  protocolMinor: 0,
} as const;

/**
 * Protocol parameters in the shape Mesh's transaction builder takes, for the tests and benches
 * that build with Mesh: Mesh 1.9.1's defaults with the execution limits the devnet enforces.
 * Written out rather than imported so that the devnet itself never loads Mesh (it costs a
 * thread about 100 MB); the figures Mesh's defaults hold beyond PROTOCOL's (block limits, pool
 * cost) are kept as they were, and params.test.ts checks the whole against Mesh's.
 */
export const DEVNET_MESH_PARAMS = {
  epoch: 0,
  coinsPerUtxoSize: PROTOCOL.coinsPerUtxoByte,
  priceMem: PROTOCOL.priceMem,
  priceStep: PROTOCOL.priceStep,
  minFeeA: PROTOCOL.minFeeA,
  minFeeB: PROTOCOL.minFeeB,
  keyDeposit: Number(PROTOCOL.keyDepositLovelace),
  maxTxSize: PROTOCOL.maxTxSizeBytes,
  maxValSize: PROTOCOL.maxValueSizeBytes,
  poolDeposit: Number(PROTOCOL.poolDepositLovelace),
  maxCollateralInputs: PROTOCOL.maxCollateralInputs,
  decentralisation: 0,
  maxBlockSize: 98_304,
  collateralPercent: PROTOCOL.collateralPercent,
  maxBlockHeaderSize: PROTOCOL.maxBlockHeaderSizeBytes,
  minPoolCost: "340000000",
  maxTxExMem: PROTOCOL.maxTxExMem.toString(),
  maxTxExSteps: PROTOCOL.maxTxExSteps.toString(),
  maxBlockExMem: "80000000",
  maxBlockExSteps: "40000000000",
  minFeeRefScriptCostPerByte: PROTOCOL.minFeeRefScriptCostPerByte,
};

/** Cost models per Plutus language (V1, V2, V3), the emulator's own (see cost-models.ts). */
export const COST_MODELS: number[][] = [COST_MODEL_V1, COST_MODEL_V2, COST_MODEL_V3];

/** The epoch that contains `slot` on preprod. */
export function epochOfSlot(slot: number): number {
  return (
    FIRST_SHELLEY_EPOCH + Math.floor((slot - DEVNET_SLOT_CONFIG.zeroSlot) / EPOCH_LENGTH_SLOTS)
  );
}

/** The position of `slot` within its epoch. */
export function epochSlotOf(slot: number): number {
  return (slot - DEVNET_SLOT_CONFIG.zeroSlot) % EPOCH_LENGTH_SLOTS;
}

/** The fee a redeemer's execution units cost, rounded up as the ledger does. */
export function exUnitsFeeLovelace(mem: bigint, steps: bigint): bigint {
  // priceMem = 577/10000, priceStep = 721/10000000: exact integer arithmetic, then ceiling.
  const numerator = mem * 577n * 1000n + steps * 721n;
  const denominator = 10_000_000n;
  return (numerator + denominator - 1n) / denominator;
}

/** Blockfrost's `epoch_param_content` for `epoch`, with the figures above. */
export function epochParametersJson(epoch: number): Record<string, unknown> {
  const p = PROTOCOL;
  return {
    epoch,
    min_fee_a: p.minFeeA,
    min_fee_b: p.minFeeB,
    max_block_size: p.maxBlockBodySizeBytes,
    max_tx_size: p.maxTxSizeBytes,
    max_block_header_size: p.maxBlockHeaderSizeBytes,
    key_deposit: p.keyDepositLovelace.toString(),
    pool_deposit: p.poolDepositLovelace.toString(),
    e_max: 18,
    n_opt: 500,
    a0: 0.3,
    rho: 0.003,
    tau: 0.2,
    decentralisation_param: 0,
    extra_entropy: null,
    protocol_major_ver: p.protocolMajor,
    protocol_minor_ver: p.protocolMinor,
    min_utxo: p.coinsPerUtxoByte.toString(),
    min_pool_cost: p.minPoolCostLovelace.toString(),
    nonce: "0".repeat(64),
    cost_models: {
      PlutusV1: namedCostModel(COST_MODELS[0]!),
      PlutusV2: namedCostModel(COST_MODELS[1]!),
      PlutusV3: namedCostModel(COST_MODELS[2]!),
    },
    // Mesh reads these as arrays (it warns and falls back to its defaults otherwise).
    cost_models_raw: {
      PlutusV1: COST_MODELS[0],
      PlutusV2: COST_MODELS[1],
      PlutusV3: COST_MODELS[2],
    },
    price_mem: p.priceMem,
    price_step: p.priceStep,
    max_tx_ex_mem: p.maxTxExMem.toString(),
    max_tx_ex_steps: p.maxTxExSteps.toString(),
    max_block_ex_mem: p.maxBlockExMem.toString(),
    max_block_ex_steps: p.maxBlockExSteps.toString(),
    max_val_size: p.maxValueSizeBytes.toString(),
    collateral_percent: p.collateralPercent,
    max_collateral_inputs: p.maxCollateralInputs,
    coins_per_utxo_size: p.coinsPerUtxoByte.toString(),
    // Deprecated, but Mesh's BlockfrostProvider reads the per-byte figure from this field.
    coins_per_utxo_word: p.coinsPerUtxoByte.toString(),
    ...GOVERNANCE,
    min_fee_ref_script_cost_per_byte: p.minFeeRefScriptCostPerByte,
  };
}

/** Conway governance figures (preprod's); the devnet does not run governance. */
const GOVERNANCE = {
  pvt_motion_no_confidence: 0.51,
  pvt_committee_normal: 0.51,
  pvt_committee_no_confidence: 0.51,
  pvt_hard_fork_initiation: 0.51,
  dvt_motion_no_confidence: 0.67,
  dvt_committee_normal: 0.67,
  dvt_committee_no_confidence: 0.6,
  dvt_update_to_constitution: 0.75,
  dvt_hard_fork_initiation: 0.6,
  dvt_p_p_network_group: 0.67,
  dvt_p_p_economic_group: 0.67,
  dvt_p_p_technical_group: 0.67,
  dvt_p_p_gov_group: 0.75,
  dvt_treasury_withdrawal: 0.67,
  committee_min_size: "7",
  committee_max_term_length: "146",
  gov_action_lifetime: "6",
  gov_action_deposit: "100000000000",
  drep_deposit: "500000000",
  drep_activity: "20",
  pvtpp_security_group: 0.51,
  pvt_p_p_security_group: 0.51,
};

/** The deprecated named form of a cost model: Blockfrost keys it by parameter index here. */
function namedCostModel(values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [String(i).padStart(3, "0"), v]));
}
