/**
 * Screens `escrow_action` intents before a batch is planned: each names an escrow the locator
 * knows, once per batch, the wallet is the party the action needs, and the rules allow the
 * action now. What can never succeed is refused with the reason; what is not located yet waits.
 */
import { ACTOR, EscrowTrace, paymentKeyHash } from "../../../contracts/index.ts";
import type { BuildIntent, BuildOutcome } from "../builders/types.ts";
import type { Network } from "../network.ts";
import { actionPayloadSchema } from "./action-payload.ts";
import type { Db } from "../../db/client.ts";
import type { EscrowLocator } from "./locate.ts";
import { itemRefusal, valueProblem, type ActionItem } from "./plan.ts";

export interface ScreenContext {
  locate: EscrowLocator;
  db: Db;
  network: Network;
  walletAddress: string;
  tipSlot: number;
  validitySlots: number;
  coinsPerUtxoSize: number;
}

export interface Screened {
  items: ActionItem[];
  rejected: BuildOutcome["rejected"];
  /** Intents left queued (their escrow output is not readable yet). */
  waiting: string[];
  /** Intents that must wait out the actor's cooldown: tried again from `untilMs`. */
  deferred: NonNullable<BuildOutcome["deferred"]>;
}

/** Splits `intents` into items to plan, intents refused (with why) and intents that wait. */
export async function screenActions(intents: BuildIntent[], ctx: ScreenContext): Promise<Screened> {
  const rejected: Screened["rejected"] = [];
  const parsed: { id: string; p: ActionItem["payload"] }[] = [];
  for (const i of intents) {
    const r = actionPayloadSchema.safeParse(i.payload);
    if (r.success) parsed.push({ id: i.id, p: r.data });
    else
      rejected.push({
        id: i.id,
        reason: `bad escrow_action payload: ${r.error.issues[0]?.message}`,
      });
  }
  const reads = await ctx.locate([...new Set(parsed.map(({ p }) => p.escrowId))], ctx.db);
  const walletKey = paymentKeyHash(ctx.walletAddress);
  const seen = new Set<string>();
  const items: ActionItem[] = [];
  const waiting: string[] = [];
  const deferred: Screened["deferred"] = [];
  for (const { id, p } of parsed) {
    const ref = p.escrowId;
    const read = reads.get(ref)!;
    // A second action on one escrow waits for the first to land: it acts on what that one makes.
    if (read.kind === "notYet" || seen.has(ref)) {
      waiting.push(id);
      continue;
    }
    const reason =
      read.kind === "invalid"
        ? `escrow ${ref}: ${read.reason}`
        : whyNot({ id, utxo: read.utxo, datum: read.datum, payload: p }, walletKey, ctx);
    seen.add(ref);
    const untilMs =
      reason?.endsWith(COOLDOWN_SUFFIX) && read.kind === "escrow"
        ? cooldownEnd(read.datum, p.action)
        : 0;
    if (reason !== null && untilMs > 0) deferred.push({ id, untilMs, reason });
    else if (reason !== null) rejected.push({ id, reason });
    else if (read.kind === "escrow")
      items.push({ id, utxo: read.utxo, datum: read.datum, payload: p });
  }
  return { items, rejected, waiting, deferred };
}

/**
 * When the acting party's own cooldown ends, if it has one: each action stamps the actor's
 * cooldown with its transaction's validity upper bound (contracts/README.md), so a second
 * action by the same party waits for it, and is not refused.
 */
function cooldownEnd(d: ActionItem["datum"], action: ActionItem["payload"]["action"]): number {
  const until = ACTOR[action] === "buyer" ? d.buyerCooldownMs : d.sellerCooldownMs;
  // One second on: the ledger's validity bounds are whole slots.
  return until > 0 ? until + 1_000 : 0;
}

/** How a refusal for the actor's own cooldown ends (the validator's trace code CL). */
const COOLDOWN_SUFFIX = `: cooldown (${(EscrowTrace as Record<string, string>).cooldown ?? "CL"})`;

/** Why this wallet cannot take this action on this escrow now, or null. */
function whyNot(item: ActionItem, walletKey: string, ctx: ScreenContext): string | null {
  const action = item.payload.action;
  const actor = ACTOR[action];
  const partyAddress = actor === "buyer" ? item.datum.buyer : item.datum.seller;
  if (paymentKeyHash(partyAddress) !== walletKey)
    return `${action} is the ${actor}'s, and this wallet is not the escrow's ${actor}`;
  const check = itemRefusal(item, ctx.tipSlot, ctx.validitySlots, ctx.network);
  if (check !== null) {
    const code = (EscrowTrace as Record<string, string>)[check] ?? "";
    return `${action} refused in state ${item.datum.state}: ${check}${code ? ` (${code})` : ""}`;
  }
  return valueProblem(item, ctx.coinsPerUtxoSize);
}
