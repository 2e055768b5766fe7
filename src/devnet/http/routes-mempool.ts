/** `mempool…`: transactions the ledger accepted that are not in a block yet. */
import { Hono } from "hono";
import type { DevnetLedger } from "../ledger.ts";
import { notFound } from "./errors.ts";
import { addressParam, hashParam, page, paging } from "./query.ts";
import { mempoolTxJson, touchesAddress } from "./views-mempool.ts";

/** `mempool`, `mempool/{hash}` and `mempool/addresses/{address}`, in submission order. */
export function mempoolRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();
  const resolve = ledger.knownOutput.bind(ledger);

  // The mempool is bounded by its capacity, so listing it whole before paging is bounded too.
  r.get("/mempool", (c) => {
    const p = paging(c);
    return c.json(page(ledger.mempoolTxs(), p).map((t) => ({ tx_hash: t.hash })));
  });

  r.get("/mempool/addresses/:address", (c) => {
    const address = addressParam(c);
    const p = paging(c);
    const touching = ledger.mempoolTxs().filter((t) => touchesAddress(t, address, resolve));
    // Blockfrost answers 404, not [], when no pending transaction involves the address.
    if (touching.length === 0) throw notFound();
    return c.json(page(touching, p).map((t) => ({ tx_hash: t.hash })));
  });

  r.get("/mempool/:hash", (c) => {
    // A transaction already in a block is no longer in the mempool: 404, as on Blockfrost.
    const tx = ledger.mempoolTx(hashParam(c, "hash"));
    if (!tx) throw notFound();
    return c.json(mempoolTxJson(tx, resolve));
  });

  return r;
}
