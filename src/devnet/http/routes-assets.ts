/** `assets/…` and `scripts/…`: native assets with their CIP-25 metadata, scripts and datums. */
import { core, resolveFingerprint } from "@meshsdk/core";
import { Hono } from "hono";
import type { DevnetLedger } from "../ledger.ts";
import { cip25Standard } from "../metadata.ts";
import { notFound } from "./errors.ts";
import { hashParam, page, paging, policyParam, unitParam } from "./query.ts";

const SCRIPT_HASH = /^[0-9a-f]{56}$/;

/** `assets/{asset}`, `assets/policy/{policy_id}`, `scripts/…`. */
export function assetRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();

  r.get("/assets/:asset", (c) => {
    const unit = unitParam(c, "asset");
    const asset = ledger.index.asset(unit);
    if (!asset) throw notFound();
    const cip25 = ledger.index.cip25Of(unit);
    return c.json({
      asset: unit,
      policy_id: asset.policyId,
      asset_name: asset.assetNameHex === "" ? null : asset.assetNameHex,
      fingerprint: resolveFingerprint(asset.policyId, asset.assetNameHex),
      quantity: asset.quantity.toString(),
      initial_mint_tx_hash: asset.initialMintTxHash,
      mint_or_burn_count: asset.mintOrBurnCount,
      onchain_metadata: cip25?.json ?? null,
      onchain_metadata_standard: cip25 ? cip25Standard(cip25) : null,
      onchain_metadata_extra: null,
      metadata: null,
    });
  });

  r.get("/assets/policy/:policy_id", (c) => {
    const assets = ledger.index.assetsOfPolicy(policyParam(c, "policy_id"));
    return c.json(
      page(assets, paging(c)).map((a) => ({ asset: a.unit, quantity: a.quantity.toString() })),
    );
  });

  const scriptOf = (hash: string | undefined) => {
    const script = SCRIPT_HASH.test(hash ?? "") ? ledger.index.script(hash!) : undefined;
    if (!script) throw notFound();
    return script;
  };

  r.get("/scripts/:script_hash", (c) => {
    const s = scriptOf(c.req.param("script_hash"));
    return c.json({ script_hash: s.hash, type: s.type, serialised_size: s.serialisedSize });
  });
  r.get("/scripts/:script_hash/cbor", (c) => {
    const s = scriptOf(c.req.param("script_hash"));
    return c.json({ cbor: s.type === "timelock" ? null : s.cbor });
  });
  r.get("/scripts/:script_hash/json", (c) => {
    const s = scriptOf(c.req.param("script_hash"));
    if (s.type !== "timelock") return c.json({ json: null });
    const native = core.NativeScript.fromCbor(core.HexBlob(s.cbor));
    return c.json({ json: core.fromNativeScript(native) });
  });
  r.get("/scripts/datum/:datum_hash/cbor", (c) => {
    const cbor = ledger.index.datum(hashParam(c, "datum_hash"));
    if (cbor === undefined) throw notFound();
    return c.json({ cbor });
  });

  return r;
}
