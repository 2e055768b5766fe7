/**
 * The agent registry's assets as an explorer sees them: a policy's asset names grouped into
 * agents (every version of one root is one agent), the version that is current, and the agent
 * identifier (policy id + the 29-byte stem), which stays the same across updates.
 * Pure functions, no I/O.
 */
import { registryStem, registryVersion } from "../../contracts/index.ts";
import { NAME_BYTES, NAME_PREFIX, VERSION_BYTES } from "../../contracts/registry/layout.ts";

const POLICY_HEX_LENGTH = 56;
const NAME_HEX_LENGTH = NAME_BYTES * 2;
const STEM_HEX_LENGTH = (NAME_BYTES - VERSION_BYTES) * 2;
const PREFIX_HEX = NAME_PREFIX.toString(16).padStart(2, "0");
/** Policy id + stem, the identifier of every agent whose names follow the layout. */
export const AGENT_IDENTIFIER_HEX_LENGTH = POLICY_HEX_LENGTH + STEM_HEX_LENGTH;
/** Policy id + asset name (0–32 bytes): every identifier this explorer can hold. */
const IDENTIFIER_HEX = /^[0-9a-f]{56}(?:[0-9a-f]{2}){0,32}$/;

/** One asset of an agent: a version of its name (null when the name breaks the layout). */
export interface AgentAsset {
  unit: string;
  assetName: string;
  version: number | null;
  quantity: bigint;
}

/** Every asset of one agent under a policy. */
export interface AgentAssets {
  agentIdentifier: string;
  policyId: string;
  assets: AgentAsset[];
  /** Why the names break the registry layout, when one does. */
  layoutProblem?: string;
}

/** The version an agent shows now, and whether any version is still held. */
export interface CurrentVersion {
  asset: AgentAsset;
  status: "active" | "burned";
  /** Supply problems (a registry NFT exists once, in one version at a time). */
  problems: string[];
}

/** True when `assetName` (hex) follows the registry layout: 0x72, root (28 bytes), version. */
export function followsLayout(assetName: string): boolean {
  return assetName.length === NAME_HEX_LENGTH && assetName.startsWith(PREFIX_HEX);
}

function layoutProblemOf(assetName: string): string {
  const shown = assetName === "" ? "(empty)" : assetName;
  return `asset name ${shown} does not follow the registry layout (0x${PREFIX_HEX}, a 28-byte root, a 3-byte version)`;
}

/**
 * Groups a policy's assets into agents, in the order given. A name that breaks the layout is
 * an agent of its own, identified by policy id + its full name, and carries the problem.
 */
export function groupPolicyAssets(
  policyId: string,
  assets: readonly { unit: string; quantity: bigint }[],
): AgentAssets[] {
  const groups = new Map<string, AgentAssets>();
  for (const a of assets) {
    const assetName = a.unit.slice(POLICY_HEX_LENGTH);
    const layout = followsLayout(assetName);
    const key = policyId + (layout ? registryStem(assetName) : assetName);
    let group = groups.get(key);
    if (group === undefined) {
      group = { agentIdentifier: key, policyId, assets: [] };
      groups.set(key, group);
    }
    group.assets.push({
      unit: a.unit,
      assetName,
      version: layout ? registryVersion(assetName) : null,
      quantity: a.quantity,
    });
    if (!layout) group.layoutProblem ??= layoutProblemOf(assetName);
  }
  return [...groups.values()];
}

/**
 * The current version: the highest version still held; when none is, the highest version
 * minted (its metadata is the agent's last). Names outside the layout count as version -1.
 */
export function currentVersion(group: AgentAssets): CurrentVersion {
  const byVersion = [...group.assets].sort((a, b) => (b.version ?? -1) - (a.version ?? -1));
  const held = byVersion.filter((a) => a.quantity > 0n);
  const problems: string[] = [];
  if (held.length > 1) {
    problems.push(`${held.length} versions are held at once (${held.map((a) => a.assetName)})`);
  }
  const current = held[0];
  if (current !== undefined && current.quantity !== 1n) {
    problems.push(`supply of ${current.assetName} is ${current.quantity}, not 1`);
  }
  if (current !== undefined) return { asset: current, status: "active", problems };
  return { asset: byVersion[0]!, status: "burned", problems };
}

/**
 * The stored form of an agent identifier given by a client: lowercase; policy + full name of a
 * layout name (120 hex) becomes policy + stem. Null when it cannot be an identifier.
 */
export function normaliseAgentIdentifier(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  if (!IDENTIFIER_HEX.test(id)) return null;
  const name = id.slice(POLICY_HEX_LENGTH);
  return followsLayout(name) ? id.slice(0, AGENT_IDENTIFIER_HEX_LENGTH) : id;
}
