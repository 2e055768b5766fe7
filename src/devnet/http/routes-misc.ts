/** The root, `health`, `network` and `epochs/…` routes. */
import { Hono } from "hono";
import type { DevnetLedger } from "../ledger.ts";
import { epochParametersJson } from "../params.ts";
import { HttpError, notFound } from "./errors.ts";

/** Blockfrost's total supply of ADA, in lovelace; the devnet has no reserves to speak of. */
const MAX_SUPPLY_LOVELACE = "45000000000000000";

/** Root, health, network and protocol parameters. */
export function miscRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();

  r.get("/", (c) => c.json({ url: "https://blockfrost.io/", version: "escrowd-devnet" }));
  r.get("/health", (c) => c.json({ is_healthy: true }));
  r.get("/health/clock", (c) => c.json({ server_time: ledger.nowMs() }));

  r.get("/network", (c) => {
    const g = ledger.genesis;
    const circulating = (BigInt(g.lovelacePerUtxo) * BigInt(g.utxoCount)).toString();
    return c.json({
      supply: {
        max: MAX_SUPPLY_LOVELACE,
        total: circulating,
        circulating,
        locked: "0",
        treasury: "0",
        reserves: "0",
      },
      stake: { live: "0", active: "0" },
    });
  });

  r.get("/epochs/latest/parameters", (c) => c.json(epochParametersJson(ledger.currentEpoch())));
  r.get("/epochs/:number/parameters", (c) => {
    const param = c.req.param("number");
    if (!/^\d{1,9}$/.test(param)) {
      throw new HttpError(400, "Missing, out of range or malformed path parameter number.");
    }
    const epoch = Number(param);
    if (epoch > ledger.currentEpoch()) throw notFound();
    return c.json(epochParametersJson(epoch));
  });

  return r;
}
