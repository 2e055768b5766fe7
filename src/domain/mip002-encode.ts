/**
 * Writes an agent as MIP-002 metadata: the value for one asset under CIP-25 label 721,
 * `{721: {policyId: {assetName: <this>}}}`. Mesh 1.9.1's `metadataValue(721, …)` turns a JS object
 * into a metadata map, a string into text, an array into a list and a number or bigint into an
 * integer (@meshsdk/transaction `metadataObjToMap`, @meshsdk/core-cst `toCardanoMetadatum`). It
 * neither chunks text nor skips `undefined` (it throws on it), so this writer chunks every
 * string over 64 bytes itself and leaves absent fields out rather than setting them undefined.
 */
import { type AgentMetadata, METADATA_VERSION } from "./mip002-agent.ts";
import { decodeAgentMetadata } from "./mip002-decode.ts";
import { encodeAgentPricing, type WireAgentPricing, type WireText } from "./mip002-pricing.ts";
import { chunkString } from "./metadata-chunks.ts";

export interface WireAgentMetadata {
  name: WireText;
  description?: WireText;
  api_base_url: WireText;
  example_output: { name: string; mime_type: string; url: WireText }[];
  capability?: { name: WireText; version: string };
  author: {
    name: WireText;
    contact_email?: WireText;
    contact_other?: WireText;
    organization?: WireText;
  };
  legal?: { privacy_policy?: WireText; terms?: WireText; other?: WireText };
  tags: string[];
  agentPricing: WireAgentPricing;
  image: WireText;
  metadata_version: string;
  /** Ours (see AgentMetadata.priceSheetHash): 64 hex, one metadata string, absent when unset. */
  price_sheet_hash?: string;
}

/**
 * `{key: chunked}` when the value is present, `{}` when not, for spreading into an object. An
 * empty string counts as absent, as every reader of this node treats it.
 */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: WireText } {
  return value ? ({ [key]: chunkString(value) } as { [P in K]: WireText }) : {};
}

/**
 * The metadata for an agent. It throws on an agent that breaks the MIP-002 rules (a programmer
 * error: agents come from the request schema or the decoder), after checking the encoding with
 * the decoder, so nothing this node writes is unreadable to it.
 */
export function encodeAgentMetadata(agent: AgentMetadata): WireAgentMetadata {
  const { author, legal, capability } = agent;
  const hasLegal = legal && Object.values(legal).some((v) => v);
  const wire: WireAgentMetadata = {
    name: chunkString(agent.name),
    ...optional("description", agent.description),
    api_base_url: chunkString(agent.apiBaseUrl),
    // Names and MIME types are at most 60 bytes, so they stay the plain strings the peer reads.
    example_output: agent.exampleOutputs.map((e) => ({
      name: e.name,
      mime_type: e.mimeType,
      url: chunkString(e.url),
    })),
    ...(capability && {
      capability: { name: chunkString(capability.name), version: capability.version },
    }),
    author: {
      name: chunkString(author.name),
      ...optional("contact_email", author.contactEmail),
      ...optional("contact_other", author.contactOther),
      ...optional("organization", author.organization),
    },
    ...(hasLegal && {
      legal: {
        ...optional("privacy_policy", legal.privacyPolicy),
        ...optional("terms", legal.terms),
        ...optional("other", legal.other),
      },
    }),
    tags: [...agent.tags],
    agentPricing: encodeAgentPricing(agent.pricing),
    // The peer's readers require `image`; "" is how an agent without one is written.
    image: chunkString(agent.image ?? ""),
    metadata_version: String(METADATA_VERSION),
    ...(agent.priceSheetHash !== undefined && { price_sheet_hash: agent.priceSheetHash }),
  };
  const check = decodeAgentMetadata(wire);
  if (!check.ok) throw new Error(`encodeAgentMetadata: invalid agent: ${check.reasons.join("; ")}`);
  return wire;
}
