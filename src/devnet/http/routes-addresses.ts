/** `addresses/…`: balances, UTxOs and history of an address, from the confirmed chain. */
import { Cardano } from "@cardano-sdk/core";
import { Hono } from "hono";
import { parseTestnetAddress, stakeAddressOf } from "../addresses.ts";
import type { ChainIndex } from "../chain-index.ts";
import type { DevnetLedger } from "../ledger.ts";
import { notFound } from "./errors.ts";
import { addressParam, inRange, page, paging, unitParam, type Paging } from "./query.ts";
import { amountJson, sumAmounts, txEntryJson, utxoJson } from "./views.ts";

/** One page of an address's UTxOs (holding `asset` when given); null if never seen on chain. */
export function addressUtxosPage(
  index: ChainIndex,
  address: string,
  p: Paging,
  asset?: string,
): ReturnType<typeof utxoJson>[] | null {
  // Blockfrost answers 404 for an address that never appeared on chain, [] for an emptied one.
  if (index.historyOf(address) === undefined) return null;
  let utxos = index.unspentAt(address);
  if (asset !== undefined) utxos = utxos.filter((o) => o.amount.some((a) => a.unit === asset));
  return page(utxos, p).map(utxoJson);
}

/** `addresses/{address}`, `/utxos`, `/utxos/{asset}`, `/transactions`. */
export function addressRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();

  r.get("/addresses/:address", (c) => {
    const address = addressParam(c);
    const index = ledger.index;
    if (index.historyOf(address) === undefined) throw notFound();
    const parsed = parseTestnetAddress(address)!;
    const total = sumAmounts(index.unspentAt(address).map((o) => o.amount));
    const payment = parsed.getProps().paymentPart;
    return c.json({
      address,
      amount: amountJson(total),
      stake_address: stakeAddressOf(parsed),
      type: parsed.getType() === Cardano.AddressType.Byron ? "byron" : "shelley",
      script: payment?.type === Cardano.CredentialType.ScriptHash,
    });
  });

  r.get("/addresses/:address/utxos", (c) => {
    const rows = addressUtxosPage(ledger.index, addressParam(c), paging(c));
    if (rows === null) throw notFound();
    return c.json(rows);
  });

  r.get("/addresses/:address/utxos/:asset", (c) => {
    const address = addressParam(c);
    const asset = c.req.param("asset") === "lovelace" ? "lovelace" : unitParam(c, "asset");
    const rows = addressUtxosPage(ledger.index, address, paging(c), asset);
    if (rows === null) throw notFound();
    return c.json(rows);
  });

  r.get("/addresses/:address/transactions", (c) => {
    const address = addressParam(c);
    const p = paging(c);
    const history = ledger.index.historyOf(address);
    if (history === undefined) throw notFound();
    return c.json(page(inRange(history, p), p).map(txEntryJson));
  });

  return r;
}
