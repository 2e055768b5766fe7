/**
 * The escrow validator: one Plutus V3 script used both as the escrow's payment credential
 * (spending) and as a stake credential (rewarding, the "withdraw zero" pattern).
 *
 * - Spending: constant work; only demands that the batch below runs (FACTS.md, "Batching").
 * - Rewarding: checks every escrow input of the transaction in one pass (escrow/batch.ts).
 *
 * Parameters (applied at deploy time, as data): admin key hashes (distinct), how many of them
 * must sign a dispute resolution (≥ 1), and the cooldown in milliseconds.
 */
import { data, pfn, plet, unit } from "@harmoniclabs/plu-ts";
import { ScriptInfoTag, scriptContext } from "./onchain/ledger.ts";
import {
  ctorOf,
  eqInt,
  fail,
  fieldsOf,
  head,
  ifThenElse,
  pInt,
  type TList,
} from "./onchain/prelude.ts";
import { batch } from "./escrow/batch.ts";
import { EscrowTrace } from "./escrow/layout.ts";
import { spend } from "./escrow/spend.ts";

export const escrowValidator = pfn(
  [data, data, data, data],
  unit,
)((admins, threshold, cooldownMs, ctx) => {
  const { txInfo, redeemer, scriptInfo } = scriptContext(ctx);
  const purpose = plet(ctorOf(scriptInfo));
  const purposeFields = plet(fieldsOf(scriptInfo)) as TList;
  const params = { admins, threshold, cooldownMs };
  return ifThenElse(
    unit,
    eqInt(purpose, pInt(ScriptInfoTag.Spending)),
    spend(txInfo, head(purposeFields)),
    ifThenElse(
      unit,
      eqInt(purpose, pInt(ScriptInfoTag.Rewarding)),
      batch(params, txInfo, redeemer, head(purposeFields)),
      fail(unit, EscrowTrace.purpose),
    ),
  );
});
