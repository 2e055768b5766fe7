/** `txs/…` and `blocks/…`: confirmed transactions and blocks. */
import { Hono } from "hono";
import type { DevnetLedger } from "../ledger.ts";
import { badPathParam, notFound } from "./errors.ts";
import { hashParam, page, paging } from "./query.ts";
import { blockJson, metadataJson, redeemersJson, txJson, txUtxosJson } from "./views.ts";

/** `txs/{hash}…` and `blocks/…`. */
export function chainRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();
  const txOf = (hash: string) => {
    const tx = ledger.index.tx(hash);
    if (!tx) throw notFound();
    return tx;
  };
  const blockOf = (param: string) => {
    const index = ledger.index;
    let block;
    if (/^\d{1,10}$/.test(param)) block = index.blockAt(Number(param));
    else if (/^[0-9a-f]{64}$/.test(param)) block = index.blockByHash(param);
    else throw badPathParam("hash_or_number");
    if (!block) throw notFound();
    return block;
  };

  r.get("/txs/:hash", (c) => c.json(txJson(txOf(hashParam(c, "hash")))));
  r.get("/txs/:hash/utxos", (c) => c.json(txUtxosJson(txOf(hashParam(c, "hash")), ledger.index)));
  r.get("/txs/:hash/redeemers", (c) => c.json(redeemersJson(txOf(hashParam(c, "hash")))));
  r.get("/txs/:hash/metadata", (c) => c.json(metadataJson(txOf(hashParam(c, "hash")))));
  r.get("/txs/:hash/cbor", (c) => {
    const tx = txOf(hashParam(c, "hash"));
    // The genesis pseudo-transaction has no CBOR of its own.
    if (tx.isGenesis) throw notFound();
    return c.json({ cbor: tx.parsed.cbor });
  });

  r.get("/blocks/latest", (c) => c.json(blockJson(ledger.index.tip(), ledger.index)));
  r.get("/blocks/latest/txs", (c) => c.json(page(ledger.index.tip().txHashes, paging(c))));
  r.get("/blocks/:hash_or_number", (c) =>
    c.json(blockJson(blockOf(c.req.param("hash_or_number")), ledger.index)),
  );
  r.get("/blocks/:hash_or_number/txs", (c) =>
    c.json(page(blockOf(c.req.param("hash_or_number")).txHashes, paging(c))),
  );

  return r;
}
