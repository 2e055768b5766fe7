/**
 * Screens `escrow_action` intents before a batch is planned: each names an escrow the locator
 * knows, once per batch, the wallet is the party the action needs, and the rules allow the
 * action now. What can never succeed is refused with the reason; what is not located yet waits;
 * what only time forbids (too early, a cooldown) is deferred to the time the chain allows it.
 */
import { ACTOR, EscrowTrace, paymentKeyHash } from "../../../contracts/index.ts";
import type { BuildIntent, BuildOutcome } from "../builders/types.ts";
import type { Network } from "../network.ts";
import { actionPayloadSchema } from "./action-payload.ts";
import type { Db } from "../../db/client.ts";
import type { EscrowLocator } from "./locate.ts";
import { itemRefusal, valueProblem, type ActionItem } from "./plan.ts";
import { allowedFromMs, isTimeCheck } from "./time-refusal.ts";
import { verifyVoucher } from "../../domain/voucher.ts";

export interface ScreenContext {
  locate: EscrowLocator;
  db: Db;
  network: Network;
  walletAddress: string;
  tipSlot: number;
  /** The node's clock, in slots (the tip's slot when not given): see batchWindow. */
  clockSlot?: number;
  validitySlots: number;
  coinsPerUtxoSize: number;
  /** The escrow script's hash, which a voucher signs (see src/domain/voucher.ts). */
  scriptHash: string;
}

export interface Screened {
  items: ActionItem[];
  rejected: BuildOutcome["rejected"];
  /** Intents left queued (their escrow output is not readable yet). */
  waiting: string[];
  /**
   * Intents refused only for the time (too early, or the actor's cooldown): tried again from
   * `untilMs`, the chain time the validator allows them from.
   */
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
    seen.add(ref);
    if (read.kind === "invalid") {
      rejected.push({ id, reason: `escrow ${ref}: ${read.reason}` });
      continue;
    }
    const item = { id, utxo: read.utxo, datum: read.datum, payload: p };
    const why = whyNot(item, walletKey, ctx);
    if (why === null) items.push(item);
    else if (why.check !== undefined && isTimeCheck(why.check)) {
      // Refused only for the time: it waits until the chain allows it, it is not refused.
      const untilMs = allowedFromMs(item.datum, p.action, why.check, ctx.network);
      deferred.push({ id, untilMs, reason: why.reason });
    } else rejected.push({ id, reason: why.reason });
  }
  return { items, rejected, waiting, deferred };
}

/**
 * Why this wallet cannot take this action on this escrow now (with the validator's check when
 * it is one), or null.
 */
function whyNot(
  item: ActionItem,
  walletKey: string,
  ctx: ScreenContext,
): { reason: string; check?: string } | null {
  const action = item.payload.action;
  const actor = ACTOR[action];
  const partyAddress = actor === "buyer" ? item.datum.buyer : item.datum.seller;
  if (paymentKeyHash(partyAddress) !== walletKey)
    return { reason: `${action} is the ${actor}'s, and this wallet is not the escrow's ${actor}` };
  const check = itemRefusal(item, ctx.tipSlot, ctx.validitySlots, ctx.network, ctx.clockSlot);
  if (check !== null) {
    const code = (EscrowTrace as Record<string, string>)[check] ?? "";
    const reason = `${action} refused in state ${item.datum.state}: ${check}${code ? ` (${code})` : ""}`;
    return { reason, check };
  }
  const problem = valueProblem(item);
  if (problem !== null) return { reason: `${problem.reason} (${problem.field})` };
  return voucherProblem(item, ctx.scriptHash);
}

/**
 * Why a RedeemVoucher's voucher would fail the script's key and signature checks, or null: one
 * bad voucher would otherwise fail the evaluation of the whole batch it rides in.
 */
function voucherProblem(item: ActionItem, scriptHash: string): { reason: string } | null {
  const p = item.payload;
  if (p.action !== "RedeemVoucher") return null;
  const { unit, vkey, signature } = p.params;
  const check = verifyVoucher(
    {
      scriptHash,
      reference: item.datum.reference,
      unit,
      total: BigInt(p.params.total),
      vkey,
      signature,
    },
    paymentKeyHash(item.datum.buyer),
  );
  return check.ok
    ? null
    : { reason: `the voucher's ${check.field} ${check.reason} (${check.field})` };
}
