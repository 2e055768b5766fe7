import { describe, expect, it } from "vitest";
import {
  isUsageEventType,
  stepEventName,
  subjectEventType,
  USAGE_EVENT_TYPES,
  usageEventId,
} from "./usage-event.ts";

describe("usageEventId", () => {
  it("is the same for the same change and differs by each part", () => {
    const id = usageEventId("preprod", "bi", "payment.funds_locked", "tx:escrow");
    expect(id).toMatch(/^ue_[0-9a-f]{48}$/);
    expect(usageEventId("preprod", "bi", "payment.funds_locked", "tx:escrow")).toBe(id);
    const others = [
      usageEventId("mainnet", "bi", "payment.funds_locked", "tx:escrow"),
      usageEventId("preprod", "bi2", "payment.funds_locked", "tx:escrow"),
      usageEventId("preprod", "bi", "purchase.funds_locked", "tx:escrow"),
      usageEventId("preprod", "bi", "payment.funds_locked", "tx:escrow2"),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it("keeps the parts apart: moving a character across a boundary changes the id", () => {
    expect(usageEventId("preprod", "ab", "usage.recorded", "c")).not.toBe(
      usageEventId("preprod", "a", "usage.recorded", "bc"),
    );
  });
});

describe("event types", () => {
  it("names each subject event on both sides, and usage.recorded", () => {
    expect(subjectEventType("seller", "withdrawn")).toBe("payment.withdrawn");
    expect(subjectEventType("buyer", "withdrawn")).toBe("purchase.withdrawn");
    expect(USAGE_EVENT_TYPES).toContain("usage.recorded");
    expect(new Set(USAGE_EVENT_TYPES).size).toBe(USAGE_EVENT_TYPES.length);
    expect(isUsageEventType("payment.funds_locked")).toBe(true);
    expect(isUsageEventType("payment.bogus")).toBe(false);
  });

  it("maps every escrow action to its event, and an unnamed move to escrow_changed", () => {
    expect(stepEventName("SubmitResult", "FundsLocked", false)).toBe("result_submitted");
    expect(stepEventName("SubmitResult", "FundsLocked", true)).toBe("claim_submitted");
    expect(stepEventName("RequestRefund", "RefundRequested", false)).toBe("refund_requested");
    expect(stepEventName("RequestRefund", "Disputed", false)).toBe("disputed");
    expect(stepEventName("CancelRefund", "FundsLocked", false)).toBe("refund_cancelled");
    expect(stepEventName("AuthorizeRefund", "RefundAuthorized", false)).toBe("refund_authorized");
    expect(stepEventName("Release", "FundsLocked", false)).toBe("released");
    expect(stepEventName("PartialRefund", "FundsLocked", false)).toBe("partially_refunded");
    expect(stepEventName("RedeemVoucher", "FundsLocked", false)).toBe("voucher_redeemed");
    expect(stepEventName("Withdraw", "Withdrawn", false)).toBe("withdrawn");
    expect(stepEventName("Accept", "Withdrawn", false)).toBe("accepted");
    expect(stepEventName("WithdrawRefund", "RefundWithdrawn", false)).toBe("refunded");
    expect(stepEventName("ResolveDispute", "DisputedWithdrawn", false)).toBe("dispute_resolved");
    expect(stepEventName(null, "FundsLocked", false)).toBe("escrow_changed");
  });
});
