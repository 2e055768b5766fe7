/** `scripts/…`: scripts seen on chain (witnesses and reference scripts) and datums by hash. */
import { Serialization } from "@cardano-sdk/core";
import { Hono } from "hono";
import { hexBlob } from "../cbor.ts";
import type { DevnetLedger } from "../ledger.ts";
import { nativeScriptJson } from "../native-script-json.ts";
import { notFound } from "./errors.ts";
import { hashParam } from "./query.ts";

const SCRIPT_HASH = /^[0-9a-f]{56}$/;

/** `scripts/{script_hash}` (and `/cbor`, `/json`), `scripts/datum/{datum_hash}/cbor`. */
export function scriptRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();

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
    const native = Serialization.NativeScript.fromCbor(hexBlob(s.cbor));
    return c.json({ json: nativeScriptJson(native) });
  });
  r.get("/scripts/datum/:datum_hash/cbor", (c) => {
    const cbor = ledger.index.datum(hashParam(c, "datum_hash"));
    if (cbor === undefined) throw notFound();
    return c.json({ cbor });
  });

  return r;
}
