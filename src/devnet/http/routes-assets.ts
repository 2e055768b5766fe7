/**
 * `assets/…`: native assets with their CIP-25 metadata, holders, mint history and
 * transactions, as Blockfrost derives them from db-sync (see asset-index.ts).
 */
import { Cardano } from "@cardano-sdk/core";
import { Hono, type Context } from "hono";
import type { AssetInfo } from "../index-types.ts";
import type { DevnetLedger } from "../ledger.ts";
import { cip25Standard } from "../metadata.ts";
import { notFound } from "./errors.ts";
import { inRange, page, paging, policyParam, unitParam } from "./query.ts";
import { txEntryJson } from "./views.ts";

/** `assets/{asset}` (and `/addresses`, `/history`, `/transactions`), `assets/policy/{policy_id}`. */
export function assetRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();
  const assets = () => ledger.index.assets;

  /** The asset named by the path; Blockfrost answers 404 for one never minted. */
  const assetOf = (c: Context): AssetInfo => {
    const asset = assets().asset(unitParam(c, "asset"));
    if (!asset) throw notFound();
    return asset;
  };

  r.get("/assets/:asset", (c) => {
    const asset = assetOf(c);
    const cip25 = assets().cip25Of(asset.unit);
    return c.json({
      asset: asset.unit,
      policy_id: asset.policyId,
      asset_name: asset.assetNameHex === "" ? null : asset.assetNameHex,
      fingerprint: fingerprintOf(asset.policyId, asset.assetNameHex),
      quantity: asset.quantity.toString(),
      initial_mint_tx_hash: asset.initialMintTxHash,
      mint_or_burn_count: asset.mintOrBurnCount,
      onchain_metadata: cip25?.json ?? null,
      onchain_metadata_standard: cip25 ? cip25Standard(cip25) : null,
      onchain_metadata_extra: null,
      metadata: null,
    });
  });

  r.get("/assets/:asset/addresses", (c) => {
    const holders = assets().holdersOf(assetOf(c).unit);
    return c.json(
      page(holders, paging(c)).map((h) => ({
        address: h.address,
        quantity: h.quantity.toString(),
      })),
    );
  });

  r.get("/assets/:asset/history", (c) => {
    const mints = assets().mintsOf(assetOf(c).unit);
    return c.json(
      page(mints, paging(c)).map((m) => ({
        tx_hash: m.txHash,
        action: m.quantity < 0n ? "burned" : "minted",
        // Signed, as Blockfrost answers: a burn of one is "-1" (db-sync's mint quantity).
        amount: m.quantity.toString(),
      })),
    );
  });

  r.get("/assets/:asset/transactions", (c) => {
    const p = paging(c);
    // Only transactions with an output holding the asset, as on Blockfrost: a burn of the
    // whole supply leaves no such output and is not listed (its `history` entry is).
    const txs = assets().txsOf(assetOf(c).unit);
    return c.json(page(inRange(txs, p), p).map(txEntryJson));
  });

  r.get("/assets/policy/:policy_id", (c) => {
    const policy = assets().ofPolicy(policyParam(c, "policy_id"));
    // Blockfrost answers 404 for a policy that never minted; burned assets stay, at "0".
    if (policy.length === 0) throw notFound();
    return c.json(
      page(policy, paging(c)).map((a) => ({ asset: a.unit, quantity: a.quantity.toString() })),
    );
  });

  return r;
}

/** CIP-14: bech32 "asset" of blake2b-160 over policy id and asset name. */
export function fingerprintOf(policyId: string, assetNameHex: string): string {
  return Cardano.AssetFingerprint.fromParts(
    Cardano.PolicyId(policyId),
    Cardano.AssetName(assetNameHex),
  ).toString();
}
