/**
 * Every transaction builder a node runs, in one list: the main thread's submitter and the build
 * threads (src/workers/build-thread.ts) make it from the same facts, so they agree on kinds and
 * batch sizes.
 */
import type { EscrowFacts } from "../escrow/deployment.ts";
import type { EscrowAdmins } from "../escrow/admins.ts";
import type { EscrowLocator } from "../escrow/locate.ts";
import { escrowActionBuilder } from "./escrow-action.ts";
import { escrowDeployBuilder } from "./escrow-deploy.ts";
import { escrowLockBuilder } from "./escrow-lock.ts";
import { escrowResolveBuilder } from "./escrow-resolve.ts";
import { registryBurnBuilder } from "./registry-burn.ts";
import { registryMintBuilder } from "./registry-mint.ts";
import { registryUpdateBuilder } from "./registry-update.ts";
import { transferBuilder } from "./transfer.ts";
import type { TxBuilder } from "./types.ts";

export function nodeBuilders(
  facts: EscrowFacts,
  deps: { locate: EscrowLocator; admins: EscrowAdmins },
): TxBuilder[] {
  return [
    transferBuilder,
    registryMintBuilder,
    registryUpdateBuilder,
    registryBurnBuilder,
    escrowDeployBuilder(facts),
    escrowLockBuilder(facts),
    escrowActionBuilder(facts, { locate: deps.locate }),
    escrowResolveBuilder(facts, deps),
  ];
}
