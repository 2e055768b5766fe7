/**
 * MIP-002 agent metadata (CIP-25, label 721): the domain agent, its encoder and decoder, and the
 * HTTP request schemas that produce it. Import from here; the parts live beside this file.
 */
export {
  type AgentMetadata,
  type Author,
  type Capability,
  checkText,
  EXAMPLE_OUTPUTS_MAX,
  type ExampleOutput,
  type Legal,
  METADATA_VERSION,
  TAGS_MAX,
  TEXT_RULES,
  type TextRule,
} from "./mip002-agent.ts";
export { type DecodeResult, decodeAgentMetadata } from "./mip002-decode.ts";
export { encodeAgentMetadata, type WireAgentMetadata } from "./mip002-encode.ts";
export {
  decodeAgentPricing,
  encodeAgentPricing,
  type WireAgentPricing,
  type WirePrice,
  type WireText,
  type WireTier,
} from "./mip002-pricing.ts";
export {
  agentFields,
  registerAgentBody,
  type RegistrationRequest,
  toAgent,
  updateAgentBody,
  type UpdateRequest,
} from "./mip002-request.ts";
