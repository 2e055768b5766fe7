/**
 * Voucher benchmark: how many vouchers one core signs (the buyer's node), checks (the seller's)
 * and both in turn, for a stream of running totals over many escrows. Issue 10 asks for at
 * least 2,000 issued and checked a second.
 *
 *   npm run -s bench:vouchers                      20,000 vouchers over 50 escrows
 *   npm run -s bench:vouchers -- --vouchers 5000
 *
 * Prints one JSON object: {vouchers, signPerSecond, verifyPerSecond, issueAndCheckPerSecond}.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { MeshWallet } from "@meshsdk/core";
import { verifyVoucher, type Voucher, type VoucherTerms } from "../src/domain/voucher.ts";
import { createVoucherSigner, signVoucher } from "../src/domain/voucher-signer.ts";

const VOUCHERS_MAX = 10_000_000;
const ESCROWS = 50;
const WARM_UP = 500;
const SCRIPT_HASH = "5c".repeat(28);
const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad" + "0014df105553444d";

function vouchersArg(argv: string[]): number {
  const at = argv.indexOf("--vouchers");
  if (at < 0) return 20_000;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1 || n > VOUCHERS_MAX) {
    throw new Error(`--vouchers must be an integer from 1 to ${VOUCHERS_MAX}`);
  }
  return n;
}

/** The i-th voucher's terms: escrows in turn, each one's total growing by one unit a voucher. */
function termsAt(i: number): VoucherTerms {
  const escrow = i % ESCROWS;
  const reference = createHash("sha256").update(`escrow ${escrow}`).digest("hex").slice(0, 32);
  const unit = escrow % 2 === 0 ? "lovelace" : USDM;
  return { scriptHash: SCRIPT_HASH, reference, unit, total: BigInt(Math.floor(i / ESCROWS) + 1) };
}

function perSecond(count: number, startMs: number): number {
  return Math.round(count / ((performance.now() - startMs) / 1000));
}

const count = vouchersArg(process.argv.slice(2));
const buyer = await createVoucherSigner(MeshWallet.brew() as string[]);
const terms = Array.from({ length: count }, (_, i) => termsAt(i));
const check = (v: Voucher): void => {
  if (!verifyVoucher(v, buyer.keyHashHex).ok) throw new Error("a good voucher was refused");
};
for (let i = 0; i < WARM_UP; i++) check(signVoucher(buyer, terms[i % count]!));

let startMs = performance.now();
const vouchers = terms.map((t) => signVoucher(buyer, t));
const signPerSecond = perSecond(count, startMs);

startMs = performance.now();
for (const v of vouchers) check(v);
const verifyPerSecond = perSecond(count, startMs);

startMs = performance.now();
for (const t of terms) check(signVoucher(buyer, t));
const issueAndCheckPerSecond = perSecond(count, startMs);

console.log(
  JSON.stringify({ vouchers: count, signPerSecond, verifyPerSecond, issueAndCheckPerSecond }),
);
