/**
 * The contracts' off-chain API, for the node: the blueprint reader (scripts, hashes, addresses),
 * the datum and redeemer encoders, the escrow's rules, and the registry's names. None of it
 * imports plu-ts or compiles anything.
 */
export {
  assertEscrowParameters,
  BLUEPRINT_TITLES,
  escrowAddress,
  escrowRewardAddress,
  escrowScript,
  readBlueprint,
  registryScript,
  toMeshScript,
  type Blueprint,
  type DeployedScript,
  type EscrowParameters,
  type NetworkId,
  type StakePart,
} from "./blueprint.ts";
export {
  assetPosition,
  decodeEscrowBatch,
  decodeEscrowDatum,
  escrowBatch,
  escrowDatum,
  escrowReference,
  escrowStep,
  inputPositions,
  partyData,
  ESCROW_SPEND_REDEEMER,
  payoutTag,
  splitUnit,
  type AssetPosition,
  type EscrowDatum,
  type EscrowStep,
} from "./escrow-data.ts";
export {
  ACTOR,
  FROM_STATES,
  largestDatum,
  nextDatum,
  refusal,
  type Actor,
  type ValidityMs,
} from "./escrow-rules.ts";
export {
  EscrowState,
  EscrowTrace,
  escrowTraceName,
  MAX_TOKENS_PER_ESCROW,
  REFERENCE_BYTES,
  StepTag,
  type EscrowAction,
  type EscrowStateName,
} from "./escrow/layout.ts";
export {
  addressToData,
  dataToAddress,
  fromCbor,
  outRefData,
  partyKeyHashes,
  paymentKeyHash,
  toCbor,
  type PlutusData,
} from "./plutus-data.ts";
export {
  nextRegistryAssetName,
  registryAssetName,
  registryMintRedeemer,
  registryRoot,
  registryStem,
  registryVersion,
  REGISTRY_BURN_REDEEMER,
  REGISTRY_UPDATE_REDEEMER,
} from "./registry-data.ts";
export { RegistryTrace } from "./registry/layout.ts";
