/**
 * Transaction metadata as Blockfrost shows it (the JSON that cardano-db-sync writes), and the
 * CIP-25 (label 721) entries that give an asset its `onchain_metadata`.
 */

/** A metadatum as @cardano-sdk's core form holds it. */
export type Metadatum = bigint | string | Uint8Array | Metadatum[] | Map<Metadatum, Metadatum>;

/** Nesting deeper than this is refused by the ledger's size limits long before; a guard only. */
const DEPTH_MAX = 64;

/** db-sync's JSON: bytes become "0x…" strings, integers numbers, map keys strings. */
export function metadatumToJson(m: Metadatum, depth = 0): unknown {
  if (depth > DEPTH_MAX) throw new RangeError("metadata nested too deeply");
  if (typeof m === "bigint") return bigintToJson(m);
  if (typeof m === "string") return m;
  if (m instanceof Uint8Array) return `0x${Buffer.from(m).toString("hex")}`;
  if (Array.isArray(m)) return m.map((x) => metadatumToJson(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of m) out[keyToString(k)] = metadatumToJson(v, depth + 1);
  return out;
}

function bigintToJson(n: bigint): number | string {
  // JSON numbers beyond 2^53 would silently round; keep the exact digits as a string instead.
  const safe = n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER);
  return safe ? Number(n) : n.toString();
}

function keyToString(k: Metadatum): string {
  if (typeof k === "string") return k;
  if (typeof k === "bigint") return k.toString();
  if (k instanceof Uint8Array) return `0x${Buffer.from(k).toString("hex")}`;
  return JSON.stringify(metadatumToJson(k));
}

/** One asset's CIP-25 entry: its unit, its metadata JSON and the CIP-25 version it declares. */
export interface Cip25Entry {
  unit: string;
  json: Record<string, unknown>;
  version: 1 | 2;
}

const POLICY_HEX = /^[0-9a-f]{56}$/;
const ASSET_NAME_HEX = /^([0-9a-f]{2}){0,32}$/;

/**
 * The assets a label-721 metadatum describes. Keys may be text (CIP-25 v1: the policy id in hex,
 * the asset name as UTF-8, though some minters write the hex) or bytes (v2); every reading is
 * returned, since only the minted assets tell which one was meant.
 */
export function cip25Entries(raw: unknown): Cip25Entry[] {
  if (!(raw instanceof Map)) return [];
  const version = readVersion(raw.get("version"));
  const entries: Cip25Entry[] = [];
  for (const [policyKey, assets] of raw as Map<Metadatum, Metadatum>) {
    const policy = policyHex(policyKey);
    if (policy === null || !(assets instanceof Map)) continue;
    for (const [nameKey, body] of assets) {
      if (!(body instanceof Map)) continue;
      const json = metadatumToJson(body) as Record<string, unknown>;
      for (const name of assetNameReadings(nameKey)) {
        entries.push({ unit: policy + name, json, version });
      }
    }
  }
  return entries;
}

function readVersion(v: Metadatum | undefined): 1 | 2 {
  if (v === 2n || v === "2" || v === "2.0") return 2;
  return 1;
}

function policyHex(k: Metadatum): string | null {
  const hex =
    k instanceof Uint8Array
      ? Buffer.from(k).toString("hex")
      : typeof k === "string"
        ? k.toLowerCase().replace(/^0x/, "")
        : "";
  return POLICY_HEX.test(hex) ? hex : null;
}

function assetNameReadings(k: Metadatum): string[] {
  if (k instanceof Uint8Array) return k.length <= 32 ? [Buffer.from(k).toString("hex")] : [];
  if (typeof k !== "string") return [];
  const readings = new Set<string>();
  const utf8 = Buffer.from(k, "utf8");
  if (utf8.length <= 32) readings.add(utf8.toString("hex"));
  const lower = k.toLowerCase();
  if (ASSET_NAME_HEX.test(lower)) readings.add(lower);
  return [...readings];
}

/** CIP-25's standard name for an entry, when it carries the two fields CIP-25 requires. */
export function cip25Standard(entry: Cip25Entry): "CIP25v1" | "CIP25v2" | null {
  const valid = typeof entry.json.name === "string" && entry.json.image !== undefined;
  if (!valid) return null;
  return entry.version === 2 ? "CIP25v2" : "CIP25v1";
}
