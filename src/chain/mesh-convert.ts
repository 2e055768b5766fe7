/**
 * Conversions between the port's types and Mesh's (strings for amounts, "lovelace" as a unit).
 * Pure, except for the reference-script resolver, which reads scripts through the port.
 */
import type { Protocol, RedeemerTagType, UTxO } from "@meshsdk/core";
import { loadMesh } from "./mesh-lib.ts";
import type { ProtocolParams, RedeemerPurpose, ScriptReader, TxOutput, Utxo } from "./port.ts";

/** Mesh's amount list: lovelace first, then each asset, quantities as decimal strings. */
export function toMeshAmount(value: Utxo["value"]): { unit: string; quantity: string }[] {
  return [
    { unit: "lovelace", quantity: value.lovelace.toString() },
    ...Object.entries(value.assets).map(([unit, q]) => ({ unit, quantity: q.toString() })),
  ];
}

/** A port output as a Mesh UTxO; `scriptRef` is the CBOR Mesh wants for a reference script. */
export function toMeshUtxo(txHash: string, o: TxOutput, scriptRef: string | undefined): UTxO {
  return {
    input: { txHash, outputIndex: o.outputIndex },
    output: {
      address: o.address,
      amount: toMeshAmount(o.value),
      dataHash: o.dataHash ?? undefined,
      plutusData: o.inlineDatumCbor ?? undefined,
      scriptRef,
      scriptHash: o.referenceScriptHash ?? undefined,
    },
  };
}

/** A Mesh UTxO as a port UTxO (quantities must be decimal strings). */
export function fromMeshUtxo(u: UTxO): Utxo {
  let lovelace = 0n;
  const assets: Record<string, bigint> = {};
  for (const { unit, quantity } of u.output.amount) {
    if (!/^\d+$/.test(quantity)) throw new Error(`bad quantity ${quantity} for ${unit}`);
    if (unit === "lovelace" || unit === "") lovelace += BigInt(quantity);
    else assets[unit] = (assets[unit] ?? 0n) + BigInt(quantity);
  }
  return {
    txHash: u.input.txHash,
    outputIndex: u.input.outputIndex,
    address: u.output.address,
    value: { lovelace, assets },
    dataHash: u.output.dataHash ?? null,
    inlineDatumCbor: u.output.plutusData ?? null,
    referenceScriptHash: u.output.scriptHash ?? null,
  };
}

const TAGS: Record<RedeemerPurpose, RedeemerTagType> = {
  spend: "SPEND",
  mint: "MINT",
  cert: "CERT",
  reward: "REWARD",
  vote: "VOTE",
  propose: "PROPOSE",
};

/** Mesh's redeemer tag for a purpose. */
export function toMeshTag(purpose: RedeemerPurpose): RedeemerTagType {
  return TAGS[purpose];
}

function safeNumber(n: bigint, name: string): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${name} too large: ${n}`);
  return Number(n);
}

/** The port's protocol parameters in the shape MeshTxBuilder's `params` option takes. */
export function toMeshProtocol(p: ProtocolParams): Protocol {
  return {
    epoch: p.epoch,
    minFeeA: safeNumber(p.minFeePerByteLovelace, "minFeeA"),
    minFeeB: safeNumber(p.minFeeConstantLovelace, "minFeeB"),
    maxBlockSize: p.maxBlockSizeBytes,
    maxTxSize: p.maxTxSizeBytes,
    maxBlockHeaderSize: p.maxBlockHeaderSizeBytes,
    keyDeposit: safeNumber(p.keyDepositLovelace, "keyDeposit"),
    poolDeposit: safeNumber(p.poolDepositLovelace, "poolDeposit"),
    decentralisation: 0,
    minPoolCost: p.minPoolCostLovelace.toString(),
    priceMem: p.priceMem,
    priceStep: p.priceStep,
    maxTxExMem: p.maxTxExMem.toString(),
    maxTxExSteps: p.maxTxExSteps.toString(),
    maxBlockExMem: p.maxBlockExMem.toString(),
    maxBlockExSteps: p.maxBlockExSteps.toString(),
    maxValSize: p.maxValueSizeBytes,
    collateralPercent: p.collateralPercent,
    maxCollateralInputs: p.maxCollateralInputs,
    coinsPerUtxoSize: safeNumber(p.coinsPerUtxoByteLovelace, "coinsPerUtxoSize"),
    minFeeRefScriptCostPerByte: p.minFeeRefScriptCostPerByte,
  };
}

/** Cost models as Mesh's `setCostModels` takes them: [V1, V2, V3]. */
export function toMeshCostModels(p: ProtocolParams): number[][] {
  return [p.costModels.plutusV1, p.costModels.plutusV2, p.costModels.plutusV3];
}

const SCRIPT_CACHE_MAX = 256;

/**
 * Rebuilds the script-reference CBOR Mesh needs for an output that carries a reference script.
 * Scripts never change under a hash, so answers are cached (bounded; cleared when full).
 */
export function createScriptRefResolver(port: ScriptReader) {
  const cache = new Map<string, string>();
  return async function resolveScriptRef(scriptHash: string | null): Promise<string | undefined> {
    if (scriptHash === null) return undefined;
    const hit = cache.get(scriptHash);
    if (hit !== undefined) return hit;
    const script = await port.script(scriptHash);
    if (script === null) throw new Error(`reference script ${scriptHash} not found on chain`);
    const { core } = await loadMesh();
    const ref =
      script.type === "timelock"
        ? core.toScriptRef(script.json as Parameters<typeof core.toScriptRef>[0])
        : core.toScriptRef({
            version: script.type === "plutusV1" ? "V1" : script.type === "plutusV2" ? "V2" : "V3",
            code: core.normalizePlutusScript(script.cborHex, "DoubleCBOR"),
          });
    if (cache.size >= SCRIPT_CACHE_MAX) cache.clear();
    const cbor = ref.toCbor().toString();
    cache.set(scriptHash, cbor);
    return cbor;
  };
}
