/**
 * The chain-facing part of the app's context for tests whose routes never reach the chain: a
 * chain with no outputs anywhere and no escrow, so a route that did reach it fails visibly.
 */
import type { AppContext } from "../../src/api/app.ts";

export const NO_CHAIN: Pick<AppContext, "chain" | "escrowAddress" | "coinsPerUtxoSize"> = {
  chain: { utxos: () => Promise.resolve([]) },
  escrowAddress: "addr_test1_no_escrow_in_this_test",
  coinsPerUtxoSize: () => Promise.reject(new Error("no chain in this test")),
};
