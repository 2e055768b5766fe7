/**
 * The node's check of a lock it did not build (`lockProblem`): the deposit bounds, the deposit's
 * minimum UTxO for the largest datum the escrow can reach, and hostile datums (negative, huge
 * and boundary values, undecodable bytes), which must be refused with a reason, never thrown.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeEscrowDatum,
  escrowAddress,
  escrowDatum,
  escrowReference,
  largestDatum,
  toCbor,
  type EscrowDatum,
} from "../contracts/index.ts";
import { party } from "../contracts/test-support/parties.ts";
import { lockOutput } from "../src/chain/escrow/lock-terms.ts";
import { minLovelace } from "../src/chain/escrow/value.ts";
import {
  lockProblem,
  type LockSizing,
  type LockTerms,
  type SeenEvent,
} from "../src/domain/escrow-match.ts";

const COINS = 4310;
const ESCROW = escrowAddress("ab".repeat(28), 0);
const SIZING: LockSizing = { escrowAddress: ESCROW, coinsPerUtxoSize: COINS };
const USDM = `${"16".repeat(28)}0014df10745553444d`;
const ADA = 1_000_000n;
const T0 = 1_800_000_000_000;
const TIMES = {
  payByTimeMs: T0 + 1_000,
  submitResultTimeMs: T0 + 3_600_000,
  unlockTimeMs: T0 + 7_200_000,
  externalDisputeUnlockTimeMs: T0 + 10_800_000,
};

let buyer: string;
let seller: string;
let sellerKeyHash: string;

beforeAll(async () => {
  const [b, s] = await Promise.all([party("lock-check-buyer"), party("lock-check-seller")]);
  buyer = b.address;
  seller = s.address;
  sellerKeyHash = s.keyHash;
});

const terms = (amounts: { unit: string; amount: bigint }[]): LockTerms => ({
  network: "preprod",
  sellerKeyHash,
  buyerKeyHash: null,
  inputHash: "11".repeat(32),
  amounts,
  times: TIMES,
});

function datum(buyerLovelace: bigint): EscrowDatum {
  return {
    state: "FundsLocked",
    resultHash: "",
    buyerCooldownMs: 0,
    sellerCooldownMs: 0,
    buyer,
    seller,
    reference: escrowReference("cd".repeat(32)),
    inputHash: "11".repeat(32),
    submitResultTimeMs: TIMES.submitResultTimeMs,
    unlockTimeMs: TIMES.unlockTimeMs,
    externalDisputeUnlockTimeMs: TIMES.externalDisputeUnlockTimeMs,
    buyerLovelace,
    claim: null,
    voucherTotal: 0n,
    autoRelease: false,
  };
}

const seen = (d: EscrowDatum | string, value: { unit: string; amount: bigint }[]): SeenEvent => ({
  escrowId: "e",
  kind: "lock",
  state: "FundsLocked",
  blockTimeMs: T0,
  datumCbor: typeof d === "string" ? d : toCbor(escrowDatum(d)),
  value: JSON.stringify(value.map((a) => ({ unit: a.unit, amount: a.amount.toString() }))),
  resultHash: null,
  buyerKeyHash: "",
  sellerKeyHash,
});

/** The lock the node itself would make for `amounts` (lockOutput's sizing). */
function nodeLock(amounts: { unit: string; amount: bigint }[]) {
  const out = lockOutput(
    {
      sellerAddress: seller,
      buyerAddress: buyer,
      reference: escrowReference("cd".repeat(32)),
      inputHash: "11".repeat(32),
      times: TIMES,
      amounts: amounts.map((a) => ({ unit: a.unit, amount: a.amount.toString() })),
    },
    buyer,
    ESCROW,
    COINS,
  );
  if (typeof out === "string") throw new Error(out);
  return out;
}

const usdmJob = [{ unit: USDM, amount: 10_000_000n }];
const adaJob = [{ unit: "lovelace", amount: 100n * ADA }];

describe("lockProblem", () => {
  it("accepts the node's own locks, ADA- and token-priced, sized for the largest datum", () => {
    for (const job of [usdmJob, adaJob]) {
      const out = nodeLock(job);
      const value = out.amount.map((a) => ({ unit: a.unit, amount: BigInt(a.quantity) }));
      const bl = decodeEscrowDatum(out.datum, 0).buyerLovelace;
      expect(lockProblem(terms(job), seen(datum(bl), value), SIZING)).toBeNull();
    }
  });

  it("negative_buyerLovelace_pays_for_an_ADA_job: 3 ADA with buyerLovelace −97 ADA is refused", () => {
    const value = [{ unit: "lovelace", amount: 3n * ADA }];
    // Without the bound, 3 − (−97) = 100 would match the terms.
    expect(lockProblem(terms(adaJob), seen(datum(-97n * ADA), value))).toMatch(/negative/);
    expect(lockProblem(terms(adaJob), seen(datum(-97n * ADA), value), SIZING)).toMatch(/negative/);
  });

  it("refuses a buyerLovelace above the locked lovelace", () => {
    const value = [
      { unit: "lovelace", amount: 2n * ADA },
      { unit: USDM, amount: 10_000_000n },
    ];
    expect(lockProblem(terms(usdmJob), seen(datum(3n * ADA), value), SIZING)).toMatch(/exceeds/);
  });

  it("buyer_locks_exactly_the_FundsLocked_minimum: refused, the deposit cannot pay a larger datum", () => {
    // The hostile lock: exactly the minimum for the datum as locked, not for a later one.
    let bl = 0n;
    for (let i = 0; i < 4; i++)
      bl = minLovelace(
        ESCROW,
        [
          { unit: "lovelace", quantity: bl.toString() },
          { unit: USDM, quantity: "10000000" },
        ],
        escrowDatum(datum(bl)),
        COINS,
      );
    const value = [
      { unit: "lovelace", amount: bl },
      { unit: USDM, amount: 10_000_000n },
    ];
    expect(lockProblem(terms(usdmJob), seen(datum(bl), value))).toBeNull();
    expect(lockProblem(terms(usdmJob), seen(datum(bl), value), SIZING)).toMatch(
      /below the \d+ lovelace the escrow's largest datum needs/,
    );
  });

  it("never throws on hostile deposits, and accepts exactly the bounded, sized ones", () => {
    const need = (bl: bigint) =>
      minLovelace(
        ESCROW,
        [{ unit: "lovelace", quantity: (100n * ADA + (bl > 0n ? bl : 0n)).toString() }],
        escrowDatum(largestDatum(datum(bl), ["lovelace"])),
        COINS,
      );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
          fc.constantFrom(-1n, 0n, 1n, 2n ** 63n, -(2n ** 63n), 2n ** 64n - 1n, 2n * ADA),
          fc.bigInt({ min: 0n, max: 5n * ADA }),
        ),
        fc.bigInt({ min: 0n, max: 2n ** 66n }),
        (bl, extra) => {
          // Locked: the price plus `extra`; the terms match only when bl == extra.
          const value = [{ unit: "lovelace", amount: 100n * ADA + extra }];
          const problem = lockProblem(terms(adaJob), seen(datum(bl), value), SIZING);
          const ok = bl === extra && bl >= 0n && bl >= need(bl);
          expect(problem === null).toBe(ok);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on datums with hostile fields or bytes", () => {
    const value = [{ unit: "lovelace", amount: 102n * ADA }];
    fc.assert(
      fc.property(
        fc.record({
          submit: fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER)),
          cooldown: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
          reference: fc.uint8Array({ maxLength: 40 }),
        }),
        (h) => {
          const d = {
            ...datum(2n * ADA),
            submitResultTimeMs: h.submit,
            buyerCooldownMs: h.cooldown,
            reference: Buffer.from(h.reference).toString("hex"),
          };
          let cbor: string;
          try {
            cbor = toCbor(escrowDatum(d));
          } catch {
            return; // the encoder refuses it; nothing reaches the chain from here
          }
          const problem = lockProblem(terms(adaJob), seen(cbor, value), SIZING);
          expect(typeof problem === "string" || problem === null).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const hex = Buffer.from(bytes).toString("hex");
        expect(lockProblem(terms(adaJob), seen(hex, value), SIZING)).toEqual(expect.any(String));
      }),
      { numRuns: 200 },
    );
  });
});
