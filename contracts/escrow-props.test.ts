/**
 * Property tests: over random validity windows and amounts, the escrow script accepts exactly
 * what the off-chain rules (escrow-rules.ts) allow, and refuses the rest with the trace the
 * rules predict. Transactions are built and evaluated (scalus) without being submitted, so one
 * locked escrow serves every run.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { refusal } from "./escrow-rules.ts";
import { EscrowTrace, type EscrowAction } from "./escrow/layout.ts";
import { slotOf, timeOf } from "./test-support/chain.ts";
import { adjust, buildSpend, type SpendPlan } from "./test-support/escrow-tx.ts";
import {
  HOUR_MS,
  inState,
  lockEscrows,
  MINUTE_MS,
  plan,
  setup,
  USDM,
  type Fixture,
  type Locked,
} from "./test-support/fixture.ts";
import type { Party } from "./test-support/parties.ts";

const RUNS = Number(process.env.PROP_RUNS ?? 30);
let f: Fixture;
let t0: number;

beforeAll(async () => {
  f = await setup();
  t0 = f.chain.nowMs();
});

/** The script's trace when the build's evaluation fails, null when it succeeds. */
async function verdict(p: SpendPlan): Promise<string | null> {
  try {
    await buildSpend(f.chain, f.d, p);
    return null;
  } catch (error) {
    const m = /"logs":\[([^\]]*)\]/.exec(String((error as Error).message));
    if (m === null) throw error;
    return (JSON.parse(`[${m[1]}]`) as string[]).join("\n");
  }
}

describe("time windows", () => {
  const ACTIONS: {
    action: EscrowAction;
    by: (f: Fixture) => Party;
    signers?: (f: Fixture) => Party[];
  }[] = [
    { action: "SubmitResult", by: (x) => x.seller },
    { action: "RequestRefund", by: (x) => x.buyer },
    { action: "CancelRefund", by: (x) => x.buyer },
    { action: "Withdraw", by: (x) => x.seller },
    { action: "WithdrawRefund", by: (x) => x.buyer },
    {
      action: "ResolveDispute",
      by: (x) => x.admins[0] as Party,
      signers: (x) => x.admins.slice(0, 2),
    },
    { action: "Release", by: (x) => x.buyer },
  ];
  const STATES = [
    "FundsLocked",
    "ResultSubmitted",
    "RefundRequested",
    "Disputed",
    "RefundAuthorized",
  ] as const;
  let escrows: Locked[];

  beforeAll(async () => {
    // Deadlines at t0 + 1h, 3h, 5h; cooldowns at t0 + 30 min for the buyer, 2h for the seller.
    escrows = await lockEscrows(f, STATES.length, (i) =>
      inState(STATES[i] as (typeof STATES)[number], {
        submitResultTimeMs: t0 + HOUR_MS,
        unlockTimeMs: t0 + 3 * HOUR_MS,
        externalDisputeUnlockTimeMs: t0 + 5 * HOUR_MS,
        buyerCooldownMs: t0 + 30 * MINUTE_MS,
        sellerCooldownMs: t0 + 2 * HOUR_MS,
      }),
    );
  });

  it("accepts an action exactly when its state, cooldown and deadlines allow it", async () => {
    const window = fc.record({
      startS: fc.integer({ min: -HOUR_MS / 1000, max: (7 * HOUR_MS) / 1000 }),
      lengthS: fc.integer({ min: 1, max: (4 * HOUR_MS) / 1000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS),
        fc.integer({ min: 0, max: STATES.length - 1 }),
        window,
        async (a, stateIndex, w) => {
          const e = escrows[stateIndex] as Locked;
          const fromSlot = slotOf(t0) + w.startS;
          const toSlot = fromSlot + w.lengthS;
          const p = plan(f, [{ ...e, action: a.action }], a.by(f), {
            signers: a.signers?.(f),
            window: { fromSlot, toSlot },
          });
          const expected = refusal(e.datum, a.action, {
            lowerMs: timeOf(fromSlot),
            upperMs: timeOf(toSlot),
          });
          expect(await verdict(p)).toBe(expected === null ? null : EscrowTrace[expected]);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});

describe("amounts", () => {
  const LOCKED_USDM = 10_000_000n;

  it("Release accepts exactly the amounts from 1 to what is locked (less the deposit, for lovelace)", async () => {
    const [e] = await lockEscrows(f, 1, () => inState("ResultSubmitted"));
    const locked = e as Locked;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(USDM, "lovelace"),
        fc.bigInt({ min: 0n, max: LOCKED_USDM + 3n }),
        async (unit, amount) => {
          const held = BigInt(
            locked.utxo.output.amount.find((x) => x.unit === unit)?.quantity ?? 0,
          );
          // Plan a valid release, then ask for `amount` (and pay it, so only the rule decides).
          const valid = amount > 0n && amount <= held ? amount : 1n;
          const p = plan(
            f,
            [{ ...locked, action: "Release", release: { unit, amount: valid } }],
            f.buyer,
          );
          const step = p.spends[0]?.step;
          if (step?.action === "Release") step.amount = amount;
          const seller = p.outputs[1];
          if (seller !== undefined && amount > valid)
            seller.amount = adjust(seller.amount, unit, amount - valid);
          // Released lovelace must leave the buyer's deposit (the release floor).
          const floor = unit === "lovelace" ? locked.datum.buyerLovelace : 0n;
          const expected =
            amount <= 0n
              ? EscrowTrace.releaseAmount
              : amount > held
                ? EscrowTrace.releaseLocked
                : amount > held - floor
                  ? EscrowTrace.releaseFloor
                  : null;
          expect(await verdict(p)).toBe(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("Withdraw accepts exactly payouts that cover the seller's and the buyer's shares", async () => {
    const [e] = await lockEscrows(f, 1, () =>
      inState("ResultSubmitted", {
        submitResultTimeMs: t0 - 3 * HOUR_MS,
        unlockTimeMs: t0 - HOUR_MS,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: -3n, max: 3n }),
        fc.bigInt({ min: -3n, max: 3n }),
        async (dSeller, dBuyer) => {
          const p = plan(f, [{ ...(e as Locked), action: "Withdraw" }], f.seller);
          const [seller, buyer] = p.outputs;
          if (seller === undefined || buyer === undefined) throw new Error("two payouts expected");
          seller.amount = adjust(seller.amount, USDM, dSeller);
          buyer.amount = adjust(buyer.amount, "lovelace", dBuyer);
          const expected =
            dSeller < 0n ? EscrowTrace.sellerPayout : dBuyer < 0n ? EscrowTrace.buyerPayout : null;
          expect(await verdict(p)).toBe(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("ResolveDispute accepts exactly splits that together cover the escrow", async () => {
    const [e] = await lockEscrows(f, 1, () =>
      inState("Disputed", {
        submitResultTimeMs: t0 - 5 * HOUR_MS,
        unlockTimeMs: t0 - 3 * HOUR_MS,
        externalDisputeUnlockTimeMs: t0 - HOUR_MS,
      }),
    );
    const admins = f.admins.slice(0, 2);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: LOCKED_USDM }),
        fc.bigInt({ min: -2n, max: 2n }),
        async (toSeller, slack) => {
          const wanted = LOCKED_USDM - toSeller + slack;
          const toBuyer = wanted < 0n ? 0n : wanted;
          const part = (usdm: bigint) => [
            { unit: "lovelace", quantity: "3000000" },
            ...(usdm > 0n ? [{ unit: USDM, quantity: usdm.toString() }] : []),
          ];
          const split = { seller: part(toSeller), buyer: part(toBuyer) };
          const p = plan(
            f,
            [{ ...(e as Locked), action: "ResolveDispute", split }],
            admins[0] as Party,
            { signers: admins },
          );
          const covered = toSeller + toBuyer >= LOCKED_USDM;
          expect(await verdict(p)).toBe(covered ? null : EscrowTrace.disputeSplit);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
