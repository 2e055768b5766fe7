/**
 * Reads contracts/plutus.json and turns it into deployable scripts: parameters applied, hashes,
 * addresses. Runtime code: it never compiles (plu-ts is a build-time dependency only), and it
 * does not load Mesh (about 100 MB a thread) either: the node's own modules below give Mesh's
 * bytes, which the tests check against Mesh itself.
 */
import { readFileSync } from "node:fs";
import { addressOf, rewardAddressOf } from "./address.ts";
import { normalizePlutusScript } from "./plutus-script.ts";
import { plutusV3ScriptHash } from "./script-hash.ts";
import { applyDataParameters } from "./uplc-apply.ts";

export const BLUEPRINT_TITLES = {
  escrowSpend: "escrow.spend",
  escrowWithdraw: "escrow.withdraw",
  registryMint: "registry.mint",
} as const;

export interface BlueprintValidator {
  title: string;
  compiledCode: string;
  hash: string;
  parameters?: unknown[];
  datum?: unknown;
  redeemer?: unknown;
}

export interface Blueprint {
  preamble: { title: string; version: string; plutusVersion: string };
  validators: BlueprintValidator[];
  definitions: Record<string, unknown>;
}

export type NetworkId = 0 | 1;

/** A script ready for Mesh: `cbor` is double-CBOR (what Mesh's builders take). */
export interface DeployedScript {
  cbor: string;
  hash: string;
  /** Size of the single-CBOR script, as `spendingTxInReference`/`withdrawalTxInReference` want. */
  sizeBytes: number;
}

/** The escrow's deploy-time parameters. */
export interface EscrowParameters {
  /** Admin payment key hashes (hex, 28 bytes each), distinct. */
  adminKeyHashes: string[];
  /** How many admins must sign a ResolveDispute, 1 ≤ n ≤ adminKeyHashes.length. */
  disputeThreshold: number;
  /** How long a party must wait after its own action before acting again. */
  cooldownMs: number;
}

const DEFAULT_PATH = new URL("./plutus.json", import.meta.url);
const cache = new Map<string, Blueprint>();

/** Reads (once) and returns the committed blueprint. */
export function readBlueprint(path: URL | string = DEFAULT_PATH): Blueprint {
  const key = path.toString();
  let bp = cache.get(key);
  if (bp === undefined) {
    bp = JSON.parse(readFileSync(path, "utf8")) as Blueprint;
    cache.set(key, bp);
  }
  return bp;
}

function validator(bp: Blueprint, title: string): BlueprintValidator {
  const v = bp.validators.find((x) => x.title === title);
  if (v === undefined) throw new Error(`blueprint has no validator "${title}"`);
  return v;
}

/** The blueprint's single-CBOR `compiledCode` as Mesh wants it (double CBOR). */
export function toMeshScript(compiledCode: string): string {
  return normalizePlutusScript(compiledCode, "DoubleCBOR");
}

function deployed(cbor: string): DeployedScript {
  const single = normalizePlutusScript(cbor, "SingleCBOR");
  return { cbor, hash: plutusV3ScriptHash(cbor), sizeBytes: single.length / 2 };
}

const HASH_28 = /^[0-9a-f]{56}$/;

/** Throws when the parameters would make an unsafe or unusable escrow. */
export function assertEscrowParameters(p: EscrowParameters): void {
  const admins = p.adminKeyHashes;
  if (!admins.every((h) => HASH_28.test(h)))
    throw new Error("admin key hashes must be 28-byte hex");
  if (new Set(admins).size !== admins.length) throw new Error("admin key hashes must be distinct");
  if (
    !Number.isInteger(p.disputeThreshold) ||
    p.disputeThreshold < 1 ||
    p.disputeThreshold > admins.length
  ) {
    throw new Error("dispute threshold must be between 1 and the number of admins");
  }
  if (!Number.isSafeInteger(p.cooldownMs) || p.cooldownMs < 0)
    throw new Error("cooldownMs must be ≥ 0");
}

/** The escrow script with its parameters applied. */
export function escrowScript(p: EscrowParameters, bp: Blueprint = readBlueprint()): DeployedScript {
  assertEscrowParameters(p);
  return applyEscrowParameters(p, bp);
}

/**
 * Applies the parameters unchecked: only for tests that show what the script itself does with
 * parameters `assertEscrowParameters` refuses (e.g. an admin named twice).
 */
export function applyEscrowParameters(p: EscrowParameters, bp: Blueprint): DeployedScript {
  const code = validator(bp, BLUEPRINT_TITLES.escrowSpend).compiledCode;
  const params = [
    { list: p.adminKeyHashes.map((bytes) => ({ bytes })) },
    { int: p.disputeThreshold },
    { int: p.cooldownMs },
  ];
  return deployed(applyDataParameters(code, params));
}

/** The registry policy (no parameters); its hash is the policy id. */
export function registryScript(bp: Blueprint = readBlueprint()): DeployedScript {
  return deployed(toMeshScript(validator(bp, BLUEPRINT_TITLES.registryMint).compiledCode));
}

/** A stake credential to put in the escrow address (e.g. the buyer's), or none. */
export interface StakePart {
  hash: string;
  isScript: boolean;
}

/** The escrow's address: payment by the script, optionally with a stake part. */
export function escrowAddress(scriptHash: string, networkId: NetworkId, stake?: StakePart): string {
  return addressOf({
    networkId,
    payment: { kind: "script", hash: scriptHash },
    ...(stake && { stake: { kind: stake.isScript ? "script" : "key", hash: stake.hash } }),
  });
}

/** The reward address of the escrow script (registered once; spends withdraw 0 from it). */
export const escrowRewardAddress = (scriptHash: string, networkId: NetworkId): string =>
  rewardAddressOf({ kind: "script", hash: scriptHash }, networkId);
