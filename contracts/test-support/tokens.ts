/** Test-only tokens (an always-succeeding policy), for escrows holding more assets than allowed. */
import { MeshTxBuilder, resolveScriptHash } from "@meshsdk/core";
import { ALWAYS_SUCCEEDS_V3 } from "../../src/devnet/test-support.ts";
import { DEVNET_MESH_PARAMS, type TestChain } from "./chain.ts";
import { walletOf } from "./escrow-tx.ts";
import type { Party } from "./parties.ts";

export const TEST_POLICY = resolveScriptHash(ALWAYS_SUCCEEDS_V3, "V3");

/** The unit of test token `name` (a short ASCII name). */
export const testUnit = (name: string): string => TEST_POLICY + Buffer.from(name).toString("hex");

/** Mints `quantity` of each named test token to `to`. */
export async function mintTestTokens(
  chain: TestChain,
  to: Party,
  names: string[],
  quantity = 1_000_000n,
): Promise<void> {
  let b = new MeshTxBuilder({
    params: DEVNET_MESH_PARAMS,
    fetcher: chain.fetcher,
    evaluator: chain.evaluator,
  });
  for (const name of names) {
    b = b
      .mintPlutusScriptV3()
      .mint(quantity.toString(), TEST_POLICY, Buffer.from(name).toString("hex"))
      .mintingScript(ALWAYS_SUCCEEDS_V3)
      .mintRedeemerValue({ constructor: 0, fields: [] }, "JSON");
  }
  const { collateral: c, spendable } = walletOf(chain, to);
  const unsigned = await b
    .txOut(to.address, [
      { unit: "lovelace", quantity: "5000000" },
      ...names.map((n) => ({ unit: testUnit(n), quantity: quantity.toString() })),
    ])
    .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
    .changeAddress(to.address)
    .selectUtxosFrom(spendable)
    .complete();
  chain.submit(await to.wallet.signTx(unsigned));
}
