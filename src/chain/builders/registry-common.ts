/**
 * What the three registry builders (mint, update, burn) share: the policy, collateral choice,
 * payload parsing, the CIP-25 label-721 shape, and the check that a built transaction fits the
 * protocol's size and execution-unit limits.
 *
 * The 721 shape is the one the leading peer (Masumi) writes and its registry indexer reads
 * through Blockfrost: `{721: {<policy id hex>: {<asset name hex>: <MIP-002 metadata>}}}`, text
 * keys. Our asset names are binary (0x72 ‖ hash ‖ version), so CIP-25 v1's UTF-8 reading of the
 * name cannot apply; the hex text key is what Blockfrost-style indexers and our devnet match
 * against the asset's hex name. CIP-25 v2 byte keys would be the other standard form, but
 * Mesh's `metadataValue` writes JS object keys as text, and the peer's readers expect text.
 */
import type { MeshTxBuilder, UTxO } from "@meshsdk/core";
import { loadMesh } from "../mesh-lib.ts";
import { z } from "zod";
import { registryScript, toCbor, type PlutusData } from "../../../contracts/index.ts";
import type { BuildInput, BuildIntent, BuildOutcome } from "./types.ts";

export const REGISTRY_MINT_KIND = "registry_mint";
export const REGISTRY_UPDATE_KIND = "registry_update";
export const REGISTRY_BURN_KIND = "registry_burn";
export const REGISTRY_KINDS = [REGISTRY_MINT_KIND, REGISTRY_UPDATE_KIND, REGISTRY_BURN_KIND];

/** CIP-25's metadata label. */
export const CIP25_LABEL = 721;
/** How long a built registry transaction stays valid, in slots (seconds). */
export const VALIDITY_SLOTS = 600;
/** The smallest pure-ADA output the builders take as collateral. */
export const COLLATERAL_LOVELACE_MIN = 5_000_000n;
/** What waiting intents show while the wallet has no output fit for collateral. */
export const NO_COLLATERAL =
  "waiting for a pure-ADA output of at least 5 ADA in the wallet, for collateral";
/** ADA sent with each agent NFT unless the request asks for more (covers min-UTxO with room). */
export const NFT_LOVELACE_MIN = 2_000_000n;
/** Build attempts per call while searching for the largest batch that fits. */
export const FIT_ATTEMPTS_MAX = 16;

const policy = registryScript();
/** The registry policy: `hash` is the policy id, `cbor` the script Mesh takes inline. */
export const REGISTRY_POLICY = policy;

const HEX_NAME = /^[0-9a-f]{64}$/;
export const assetNameSchema = z.string().regex(HEX_NAME);
export const wireMetadataSchema = z.record(z.string(), z.unknown());
export const lovelaceSchema = z.string().regex(/^[0-9]{1,17}$/);

/** Splits a batch into payloads that parse and intents rejected with the reason. */
export function parsePayloads<T>(
  intents: BuildIntent[],
  schema: z.ZodType<T>,
  kind: string,
): { valid: { id: string; p: T }[]; rejected: BuildOutcome["rejected"] } {
  const valid: { id: string; p: T }[] = [];
  const rejected: BuildOutcome["rejected"] = [];
  for (const i of intents) {
    const parsed = schema.safeParse(i.payload);
    if (parsed.success) valid.push({ id: i.id, p: parsed.data });
    else
      rejected.push({
        id: i.id,
        reason: `bad ${kind} payload: ${parsed.error.issues[0]?.message}`,
      });
  }
  return { valid, rejected };
}

const refOf = (u: UTxO) => `${u.input.txHash}#${u.input.outputIndex}`;
const lovelaceOf = (u: UTxO) =>
  BigInt(u.output.amount.find((a) => a.unit === "lovelace")?.quantity ?? "0");
const isPureAda = (u: UTxO) =>
  u.output.amount.every((a) => a.unit === "lovelace") && !u.output.scriptRef;

/** The smallest pure-ADA output of at least 5 ADA (the big ones stay free to spend), if any. */
export function pickCollateral(utxos: UTxO[]): UTxO | undefined {
  return utxos
    .filter((u) => isPureAda(u) && lovelaceOf(u) >= COLLATERAL_LOVELACE_MIN)
    .sort((a, b) =>
      lovelaceOf(a) < lovelaceOf(b) ? -1 : lovelaceOf(a) > lovelaceOf(b) ? 1 : 0,
    )[0];
}

/** The wallet's outputs other than `exclude`, without reference scripts (Conway charges for them). */
export function otherUtxos(utxos: UTxO[], exclude: UTxO[]): UTxO[] {
  const skip = new Set(exclude.map(refOf));
  return utxos.filter((u) => !skip.has(refOf(u)) && !u.output.scriptRef);
}

/** The wallet output holding `unit`, if the wallet holds it. */
export function holderOf(utxos: UTxO[], unit: string): UTxO | undefined {
  return utxos.find((u) => u.output.amount.some((a) => a.unit === unit && a.quantity === "1"));
}

/** A Mesh builder set up for this build: parameters, cost models, network, evaluator. */
export async function newTxBuilder(input: BuildInput): Promise<MeshTxBuilder> {
  const { MeshTxBuilder } = await loadMesh();
  const builder = new MeshTxBuilder({
    params: input.protocol.params,
    fetcher: input.fetcher,
    evaluator: input.evaluator,
  });
  builder.setCostModels(input.protocol.costModels);
  builder.setNetwork(input.network);
  return builder;
}

/** Adds one mint (or burn) leg under the registry policy, script inline. */
export function addMint(
  builder: MeshTxBuilder,
  assetName: string,
  quantity: "1" | "-1",
  redeemer: PlutusData,
): void {
  builder
    .mintPlutusScriptV3()
    .mint(quantity, policy.hash, assetName)
    .mintingScript(policy.cbor)
    .mintRedeemerValue(toCbor(redeemer), "CBOR");
}

/**
 * Spends a wallet output, described in full (script size 0: outputs with reference scripts are
 * never picked), so Mesh need not look up a transaction that may still wait in a mempool.
 */
export function addInput(builder: MeshTxBuilder, u: UTxO): void {
  builder.txIn(u.input.txHash, u.input.outputIndex, u.output.amount, u.output.address, 0);
}

/** The label-721 value describing `entries` (asset name hex → MIP-002 metadata). */
export function cip25Metadata(entries: [string, Record<string, unknown>][]) {
  return { [policy.hash]: Object.fromEntries(entries) };
}

/** Finishes a build: collateral, validity, change, coin selection from `spendable`. */
export async function complete(
  builder: MeshTxBuilder,
  input: BuildInput,
  collateral: UTxO,
  spendable: UTxO[],
  invalidHereafterSlot: number,
): Promise<string> {
  const c = collateral;
  return builder
    .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
    .invalidHereafter(invalidHereafterSlot)
    .changeAddress(input.walletAddress)
    .selectUtxosFrom(spendable)
    .complete();
}

/** What the paying wallet's witness adds to a transaction: key, signature and CBOR heads. */
export const WALLET_WITNESS_BYTES = 104;

/**
 * How far over the protocol's limits a built transaction is: the largest of size / max size,
 * memory / max memory and steps / max steps (≤ 1 when it fits). The size counts the witness
 * the submitter adds when it signs, so a batch that fits unsigned still fits signed.
 */
export async function limitRatio(
  unsignedCbor: string,
  params: BuildInput["protocol"]["params"],
): Promise<number> {
  const { core } = await loadMesh();
  const redeemers = core.deserializeTx(unsignedCbor).witnessSet().redeemers()?.values() ?? [];
  let mem = 0n;
  let steps = 0n;
  for (const r of redeemers) {
    mem += r.exUnits().mem();
    steps += r.exUnits().steps();
  }
  return Math.max(
    (unsignedCbor.length / 2 + WALLET_WITNESS_BYTES) / params.maxTxSize,
    Number(mem) / Number(params.maxTxExMem),
    Number(steps) / Number(params.maxTxExSteps),
  );
}

/**
 * The next batch size to try, knowing that `fits` items fit (0: none tried yet), that `fails`
 * did not, and that the last try of `n` came out `ratio` times the limits (NaN: it threw, which
 * says nothing about by how much: coin selection refuses an oversized transaction with
 * "Maximum Input Count Exceeded"). Cost is about linear in the batch, so the ratio points close
 * to the answer; the search then closes in between the two bounds. Undefined: done.
 */
export function nextBatchSize(
  n: number,
  ratio: number,
  fits: number,
  fails: number,
): number | undefined {
  let guess: number;
  if (Number.isFinite(ratio)) guess = Math.floor((n / ratio) * (ratio <= 1 ? 1 : 0.98));
  else guess = fits > 0 ? Math.floor((fits + fails) / 2) : Math.floor((n * 3) / 4);
  guess = Math.min(guess, fails - 1);
  if (guess <= fits && fits + 1 < fails) guess = fits + 1;
  return guess > fits && guess < fails ? guess : undefined;
}

/**
 * Builds the largest prefix of `items` whose transaction fits the limits: it tries them all,
 * then searches between the largest count that fit and the smallest that did not, for at most
 * FIT_ATTEMPTS_MAX tries. Throws when not even one item builds (say, too little ADA): the
 * intents stay queued for when funds arrive.
 */
export async function largestFitting<T>(
  kind: string,
  items: T[],
  params: BuildInput["protocol"]["params"],
  attempt: (chosen: T[]) => Promise<string>,
): Promise<{ chosen: T[]; unsignedCbor: string } | undefined> {
  let best: { chosen: T[]; unsignedCbor: string } | undefined;
  let fails = items.length + 1;
  let n: number | undefined = items.length;
  for (let tries = 0; tries < FIT_ATTEMPTS_MAX && n !== undefined && n > 0; tries++) {
    const chosen = items.slice(0, n);
    let ratio = Number.NaN;
    try {
      const unsignedCbor = await attempt(chosen);
      ratio = await limitRatio(unsignedCbor, params);
      if (ratio <= 1) best = { chosen, unsignedCbor };
    } catch (err) {
      if (n === 1)
        throw new Error(`${kind}: cannot build: ${(err as Error).message}`, { cause: err });
    }
    if (!(ratio <= 1)) fails = n;
    n = nextBatchSize(n, ratio, best?.chosen.length ?? 0, fails);
  }
  return best;
}
