/**
 * The timing of escrow actions: the 2-minute validity window, the cooldown it stamps on the
 * acting party (so the party's next action waits at most about 2 minutes), and actions refused
 * only for the time, which the screen defers to the time the chain allows instead of refusing.
 */
import type { UTxO } from "@meshsdk/core";
import { beforeAll, describe, expect, it } from "vitest";
import { nextDatum, type EscrowDatum } from "../../../contracts/index.ts";
import type { Db } from "../../db/client.ts";
import { newWallet } from "../../devnet/test-support.ts";
import { slotToTime, timeToSlot } from "../network.ts";
import { screenActions } from "./action-screen.ts";
import type { EscrowActionPayload } from "./action-payload.ts";
import type { EscrowLocator } from "./locate.ts";
import {
  ACTION_VALIDITY_SLOTS,
  ACTION_WINDOW_SLOTS_MIN,
  batchWindow,
  itemRefusal,
  windowMs,
  type ActionItem,
} from "./plan.ts";
import { allowedFromMs } from "./time-refusal.ts";

const NET = "preprod" as const;
const TIP_MS = slotToTime(100_000_000, NET);
const TIP_SLOT = timeToSlot(TIP_MS, NET);
const MINUTE_MS = 60_000;
const ESCROW_ID = `${"ab".repeat(32)}#0`;

let buyer: string;
let seller: string;

beforeAll(async () => {
  buyer = (await newWallet()).address;
  seller = (await newWallet()).address;
});

function datum(over: Partial<EscrowDatum> = {}): EscrowDatum {
  return {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer,
    seller,
    reference: "cd".repeat(16),
    inputHash: "00".repeat(32),
    submitResultTimeMs: TIP_MS + 60 * MINUTE_MS,
    unlockTimeMs: TIP_MS + 6 * 60 * MINUTE_MS,
    externalDisputeUnlockTimeMs: TIP_MS + 12 * 60 * MINUTE_MS,
    buyerLovelace: 0n,
    claim: null,
    voucherTotal: 0n,
    autoRelease: false,
    ...over,
  };
}

const UTXO = {
  input: { txHash: "ab".repeat(32), outputIndex: 0 },
  output: { address: "addr_test1escrow", amount: [{ unit: "lovelace", quantity: "5000000" }] },
} as UTxO;

function item(d: EscrowDatum, action: EscrowActionPayload["action"]): ActionItem {
  const payload = { escrowId: ESCROW_ID, action, params: {} } as EscrowActionPayload;
  return { id: "i", utxo: UTXO, datum: d, payload };
}

describe("the validity window of escrow actions", () => {
  it("is 2 minutes from the tip, and at least ACTION_WINDOW_SLOTS_MIN", () => {
    expect(ACTION_VALIDITY_SLOTS).toBe(120);
    expect(ACTION_VALIDITY_SLOTS).toBeGreaterThan(ACTION_WINDOW_SLOTS_MIN);
    const w = batchWindow([item(datum(), "RequestRefund")], TIP_SLOT, ACTION_VALIDITY_SLOTS, NET);
    expect(w).toEqual({ fromSlot: TIP_SLOT, toSlot: TIP_SLOT + 120 });
    const ms = windowMs(w, NET);
    expect(ms.upperMs - ms.lowerMs).toBe(2 * MINUTE_MS);
  });

  it("counts the 2 minutes from the node's clock when the tip is old, and the rest from now", () => {
    const clockSlot = TIP_SLOT + 300;
    const refund = item(datum(), "RequestRefund");
    expect(batchWindow([refund], TIP_SLOT, ACTION_VALIDITY_SLOTS, NET, clockSlot)).toEqual({
      fromSlot: TIP_SLOT,
      toSlot: clockSlot + 120,
    });
    // A clock behind the tip changes nothing.
    expect(batchWindow([refund], TIP_SLOT, ACTION_VALIDITY_SLOTS, NET, TIP_SLOT - 50)).toEqual({
      fromSlot: TIP_SLOT,
      toSlot: TIP_SLOT + 120,
    });
    // 20 s left before submitResultTime by the clock is too late, however old the tip.
    const d = datum({ submitResultTimeMs: slotToTime(clockSlot + 20, NET) });
    const result = item(d, "SubmitResult");
    result.payload = {
      escrowId: ESCROW_ID,
      action: "SubmitResult",
      params: { resultHash: "ee".repeat(32) },
    };
    expect(itemRefusal(result, TIP_SLOT, ACTION_VALIDITY_SLOTS, NET)).toBeNull();
    expect(itemRefusal(result, TIP_SLOT, ACTION_VALIDITY_SLOTS, NET, clockSlot)).toBe("tooLate");
  });

  it("makes the same party's next action wait at most about 2 minutes", () => {
    // The buyer asks for a refund at the tip; the cooldown is stamped at the window's end.
    const first = item(datum(), "RequestRefund");
    const w = windowMs(batchWindow([first], TIP_SLOT, ACTION_VALIDITY_SLOTS, NET), NET);
    const after = nextDatum(first.datum, "RequestRefund", w, 0);
    expect(after.buyerCooldownMs).toBe(TIP_MS + 2 * MINUTE_MS);
    // Its cancel, asked as soon as the request is in a block (a slot later), is refused for
    // the cooldown only, and allowed from the window's end: under 2 minutes later.
    const cancel = item(after, "CancelRefund");
    expect(itemRefusal(cancel, TIP_SLOT + 1, ACTION_VALIDITY_SLOTS, NET)).toBe("cooldown");
    const fromMs = allowedFromMs(after, "CancelRefund", "cooldown", NET);
    expect(fromMs - slotToTime(TIP_SLOT + 1, NET)).toBeLessThanOrEqual(2 * MINUTE_MS);
    expect(itemRefusal(cancel, timeToSlot(fromMs, NET) - 1, ACTION_VALIDITY_SLOTS, NET)).toBe(
      "cooldown",
    );
    expect(itemRefusal(cancel, timeToSlot(fromMs, NET), ACTION_VALIDITY_SLOTS, NET)).toBeNull();
    // The seller's second result waits alike for the seller's own cooldown.
    const submitted = nextDatum(datum(), "SubmitResult", w, 0, { resultHash: "ee".repeat(32) });
    const again = { ...item(submitted, "SubmitResult") };
    again.payload = {
      escrowId: ESCROW_ID,
      action: "SubmitResult",
      params: { resultHash: "ff".repeat(32) },
    };
    expect(itemRefusal(again, TIP_SLOT + 1, ACTION_VALIDITY_SLOTS, NET)).toBe("cooldown");
    expect(allowedFromMs(submitted, "SubmitResult", "cooldown", NET)).toBe(TIP_MS + 2 * MINUTE_MS);
  });

  it("allows a too-early action from the first slot at or after its time", () => {
    const d = datum({ state: "ResultSubmitted", resultHash: "ee".repeat(32) });
    const withdraw = item(d, "Withdraw");
    expect(itemRefusal(withdraw, TIP_SLOT, ACTION_VALIDITY_SLOTS, NET)).toBe("tooEarly");
    expect(allowedFromMs(d, "Withdraw", "tooEarly", NET)).toBe(d.unlockTimeMs);
    const unlockSlot = timeToSlot(d.unlockTimeMs, NET);
    expect(itemRefusal(withdraw, unlockSlot - 1, ACTION_VALIDITY_SLOTS, NET)).toBe("tooEarly");
    expect(itemRefusal(withdraw, unlockSlot, ACTION_VALIDITY_SLOTS, NET)).toBeNull();
    // A time within a slot: the next slot's start, since bounds are whole slots.
    const odd = datum({ submitResultTimeMs: TIP_MS + 60 * MINUTE_MS + 1 });
    expect(allowedFromMs(odd, "WithdrawRefund", "tooEarly", NET)).toBe(
      TIP_MS + 60 * MINUTE_MS + 1000,
    );
  });
});

describe("screening actions refused only for the time", () => {
  const locateAs =
    (d: EscrowDatum): EscrowLocator =>
    async (ids) =>
      new Map(ids.map((id) => [id, { kind: "escrow" as const, utxo: UTXO, datum: d }]));

  const screen = (d: EscrowDatum, action: string, wallet: string, tipSlot: number) =>
    screenActions([{ id: "i", payload: { escrowId: ESCROW_ID, action, params: {} } }], {
      locate: locateAs(d),
      db: undefined as unknown as Db,
      network: NET,
      scriptHash: "ee".repeat(28),
      walletAddress: wallet,
      tipSlot,
      validitySlots: ACTION_VALIDITY_SLOTS,
      coinsPerUtxoSize: 4310,
    });

  it("defers a Withdraw the tip finds too early to unlockTime, and takes it from there", async () => {
    const d = datum({ state: "ResultSubmitted", resultHash: "ee".repeat(32) });
    const early = await screen(d, "Withdraw", seller, TIP_SLOT);
    expect(early.rejected).toEqual([]);
    expect(early.items).toEqual([]);
    expect(early.deferred).toEqual([
      { id: "i", untilMs: d.unlockTimeMs, reason: expect.stringMatching(/tooEarly \(/) },
    ]);
    const due = await screen(d, "Withdraw", seller, timeToSlot(d.unlockTimeMs, NET));
    expect(due.deferred).toEqual([]);
    expect(due.items.map((i) => i.id)).toEqual(["i"]);
  });

  it("defers a cancel to the buyer's cooldown end, and still refuses what time cannot mend", async () => {
    const stamp = TIP_MS + 2 * MINUTE_MS;
    const d = datum({ state: "RefundRequested", buyerCooldownMs: stamp });
    const waiting = await screen(d, "CancelRefund", buyer, TIP_SLOT + 1);
    expect(waiting.deferred).toEqual([
      { id: "i", untilMs: stamp, reason: expect.stringMatching(/cooldown \(/) },
    ]);
    // The seller's wallet cannot cancel the buyer's request, whenever it tries.
    const wrong = await screen(d, "CancelRefund", seller, TIP_SLOT + 1);
    expect(wrong.deferred).toEqual([]);
    expect(wrong.rejected).toEqual([{ id: "i", reason: expect.stringMatching(/buyer's/) }]);
    // A state no time leads out of is refused, not deferred.
    const late = await screen(datum({ state: "FundsLocked" }), "CancelRefund", buyer, TIP_SLOT);
    expect(late.rejected).toEqual([{ id: "i", reason: expect.stringMatching(/state \(/) }]);
    expect(late.deferred).toEqual([]);
  });
});
