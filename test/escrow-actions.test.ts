/**
 * Escrow actions over HTTP (app.request, no server): the seller's submit-result and
 * authorize-refund, the buyer's request-refund and cancel-refund-request, and the admins'
 * resolve-dispute each queue exactly one intent for the acting wallet, and every refusal (wrong
 * state, too early or late, the other side's subject, an action already pending, a malformed
 * field, a caller without the right) answers without writing anything. Subjects are put in each
 * state by writing their rows directly, as the watcher would.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { checkingAnswers } from "./support/answer-check.ts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escrowActionRoutes } from "../src/api/escrow-actions.ts";
import { onApiError } from "../src/api/errors.ts";
import { ESCROW_ACTION_KIND } from "../src/chain/builders/escrow-action.ts";
import { ESCROW_RESOLVE_KIND } from "../src/chain/builders/escrow-resolve.ts";
import { escrowEvents, intents, payments, purchases } from "../src/db/schema.ts";
import { toWireAmounts } from "../src/domain/amounts.ts";
import {
  decodeBlockchainIdentifier,
  escrowReference,
  newSellerNonce,
  type PaymentTerms,
  signTerms,
  TERMS_VERSION,
} from "../src/domain/blockchain-identifier.ts";
import { HOUR_MS } from "../src/domain/payment-times.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/index.ts";
import { createApiKey } from "../src/services/api-keys.ts";
import { EscrowActionError, requestAction } from "../src/services/escrow-actions.ts";
import {
  actionNextAction,
  pendingActions,
  type PendingAction,
} from "../src/services/pending-actions.ts";
import { queueIntent } from "../src/services/intents.ts";
import { createWallet, openWallet, type WalletInfo } from "../src/services/wallets.ts";
import { DB_KIND, freshDatabase, type TestDatabase } from "./support/db.ts";

const ADMIN = "admin-key-for-tests-0123456789";
const KEY = "11".repeat(32);
const POLICY = "ab".repeat(28);
const NOW_MS = 1_750_000_000_000;
const INPUT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const RESULT_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const USDM = DEVNET_USDM_UNIT;
const TIMES = {
  payByTimeMs: NOW_MS + HOUR_MS,
  submitResultTimeMs: NOW_MS + 2 * HOUR_MS,
  unlockTimeMs: NOW_MS + 8 * HOUR_MS,
  externalDisputeUnlockTimeMs: NOW_MS + 14 * HOUR_MS,
};
/** Between the lock and submitResultTime: the seller may still submit. */
const WORKING_MS = NOW_MS + 90 * 60_000;

let database: TestDatabase;
let app: Hono;
let seller: WalletInfo;
let buyer: WalletInfo;
let signer: Awaited<ReturnType<typeof openWallet>>["wallet"];
let creatorToken: string;
let creatorId: string;
let otherPayToken: string;
let readToken: string;
let clockMs = WORKING_MS;
let admins: { held: number; threshold: number } | undefined = { held: 2, threshold: 2 };

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  seller = await createWallet(db, {
    role: "selling",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: NOW_MS,
  });
  buyer = await createWallet(db, {
    role: "purchasing",
    network: "preprod",
    encryptionKeyHex: KEY,
    nowMs: NOW_MS,
  });
  signer = (
    await openWallet(db, { walletId: seller.id, network: "preprod", encryptionKeyHex: KEY })
  ).wallet;
  const key = (canPay: boolean) =>
    createApiKey(db, {
      canRead: true,
      canPay,
      canAdmin: false,
      networks: ["preprod"],
      usageLimited: false,
      credits: [],
      nowMs: NOW_MS,
    });
  const creator = await key(true);
  creatorToken = creator.token;
  creatorId = creator.info.id;
  otherPayToken = (await key(true)).token;
  readToken = (await key(false)).token;
  const ctx = () => ({
    db,
    adminKey: ADMIN,
    network: "preprod" as const,
    policyId: POLICY,
    escrowAdmins: admins,
  });
  app = checkingAnswers(new Hono());
  app.route(
    "/api/v1",
    escrowActionRoutes(ctx, () => clockMs),
  );
  app.onError(onApiError(() => {}));
}, 120_000);
afterAll(async () => {
  await database?.close();
});
beforeEach(() => {
  clockMs = WORKING_MS;
  admins = { held: 2, threshold: 2 };
});

/** POSTs `body` with `token` (the admin key unless given; null: none). */
async function call(path: string, body: unknown, token: string | null = ADMIN) {
  const res = await app.request(`/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { token } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A fresh signed identifier of the seller's terms. */
async function signed(): Promise<{ id: string; reference: string; terms: PaymentTerms }> {
  const terms: PaymentTerms = {
    version: TERMS_VERSION,
    network: "preprod",
    agentIdentifier: `${POLICY}01`,
    sellerVkey: seller.paymentKeyHash,
    sellerAddress: seller.address,
    identifierFromPurchaser: randomBytes(10).toString("hex"),
    inputHash: INPUT_HASH,
    amounts: [{ unit: "lovelace", amount: 5_000_000n }],
    ...TIMES,
    sellerNonce: newSellerNonce(),
  };
  const id = await signTerms(signer, terms);
  const decoded = decodeBlockchainIdentifier(id);
  if (!decoded.ok) throw new Error(decoded.reason);
  return { id, reference: escrowReference(decoded), terms };
}

const escrowIdFor = () => `${randomBytes(32).toString("hex")}#0`;
const hasEscrow = (state: string) => !["WaitingForFunds", "Expired"].includes(state);

function commonRow(s: Awaited<ReturnType<typeof signed>>, state: string) {
  return {
    id: randomUUID(),
    network: "preprod" as const,
    blockchainIdentifier: s.id,
    escrowReference: s.reference,
    agentIdentifier: s.terms.agentIdentifier,
    identifierFromPurchaser: s.terms.identifierFromPurchaser,
    inputHash: INPUT_HASH,
    amounts: JSON.stringify(toWireAmounts(s.terms.amounts)),
    ...TIMES,
    state,
    resultHash: state === "ResultSubmitted" || state === "Disputed" ? RESULT_HASH : null,
    metadata: null,
    requestedById: creatorId,
    escrowId: hasEscrow(state) ? escrowIdFor() : null,
    invalidReason: null,
    createdAtMs: NOW_MS,
    updatedAtMs: NOW_MS,
  };
}

/** A payment of this node (the seller) in `state`, created by the creator key. */
async function payment(state: string) {
  const s = await signed();
  const row = {
    ...commonRow(s, state),
    agentName: null,
    pricingType: "Fixed" as const,
    tierName: null,
    sellingWalletId: seller.id,
  };
  await database.db.insert(payments).values(row);
  return row;
}

/** A purchase of this node (the buyer) in `state`, created by the creator key. */
async function purchase(state: string) {
  const s = await signed();
  const row = {
    ...commonRow(s, state),
    sellerVkey: seller.paymentKeyHash,
    sellerAddress: seller.address,
    purchasingWalletId: buyer.id,
  };
  await database.db.insert(purchases).values(row);
  return row;
}

const intentsOf = (subjectId: string) =>
  database.db.select().from(intents).where(eq(intents.subjectId, subjectId));

async function onlyIntent(subjectId: string) {
  const rows = await intentsOf(subjectId);
  expect(rows).toHaveLength(1);
  return { ...rows[0]!, payload: JSON.parse(rows[0]!.payload) };
}

const ids = (row: { blockchainIdentifier: string }) => ({
  network: "Preprod",
  blockchainIdentifier: row.blockchainIdentifier,
});

describe(`POST /payment/submit-result (${DB_KIND})`, () => {
  it("queues SubmitResult for the selling wallet, the hash lowercased, and shows it", async () => {
    const p = await payment("FundsLocked");
    const res = await call("/payment/submit-result", {
      ...ids(p),
      submitResultHash: RESULT_HASH.toUpperCase(),
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("success");
    expect(res.body.data).toMatchObject({ id: p.id, blockchainIdentifier: p.blockchainIdentifier });
    expect(res.body.data.NextAction).toEqual({
      requestedAction: "SubmitResultRequested",
      errorType: null,
      errorNote: null,
      resultHash: RESULT_HASH,
    });
    const intent = await onlyIntent(p.id);
    expect(intent).toMatchObject({
      kind: ESCROW_ACTION_KIND,
      walletId: seller.id,
      status: "queued",
      notBeforeMs: WORKING_MS,
    });
    expect(intent.payload).toEqual({
      escrowId: p.escrowId,
      action: "SubmitResult",
      params: { resultHash: RESULT_HASH },
    });
  });

  it("refuses a second action while one is queued or in a transaction, not once it is done", async () => {
    const p = await payment("FundsLocked");
    const body = { ...ids(p), submitResultHash: RESULT_HASH };
    expect((await call("/payment/submit-result", body)).status).toBe(200);
    const again = await call("/payment/submit-result", body);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("an action is already pending: SubmitResult (queued)");
    await database.db.update(intents).set({ status: "in_tx" }).where(eq(intents.subjectId, p.id));
    const refund = await call("/payment/authorize-refund", ids(p));
    expect(refund.status).toBe(409);
    expect(refund.body.error.message).toBe("an action is already pending: SubmitResult (in_tx)");
    await database.db.update(intents).set({ status: "done" }).where(eq(intents.subjectId, p.id));
    expect((await call("/payment/submit-result", body)).status).toBe(200);
    expect(await intentsOf(p.id)).toHaveLength(2);
  });

  it("lets only one of many requests at once through", async () => {
    const p = await payment("FundsLocked");
    const body = { ...ids(p), submitResultHash: RESULT_HASH };
    const all = await Promise.all(
      Array.from({ length: 8 }, () => call("/payment/submit-result", body)),
    );
    expect(all.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect(await intentsOf(p.id)).toHaveLength(1);
  });

  it("refuses from submitResultTime on, naming the state and the deadline", async () => {
    const p = await payment("FundsLocked");
    clockMs = TIMES.submitResultTimeMs;
    const res = await call("/payment/submit-result", { ...ids(p), submitResultHash: RESULT_HASH });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/in state FundsLocked only before submitResultTime/);
    clockMs = TIMES.submitResultTimeMs - 1;
    const justBefore = await call("/payment/submit-result", {
      ...ids(p),
      submitResultHash: RESULT_HASH,
    });
    expect(justBefore.status).toBe(200);
  });

  it("refuses in a state that does not allow it, naming the state", async () => {
    for (const state of ["Withdrawn", "RefundAuthorized", "WaitingForFunds", "Expired"]) {
      const p = await payment(state);
      const res = await call("/payment/submit-result", {
        ...ids(p),
        submitResultHash: RESULT_HASH,
      });
      expect(res.status, state).toBe(409);
      expect(res.body.error.message).toContain(`state ${state}`);
      expect(await intentsOf(p.id)).toHaveLength(0);
    }
    const w = await payment("Withdrawn");
    const res = await call("/payment/submit-result", { ...ids(w), submitResultHash: RESULT_HASH });
    expect(res.body.error.message).toBe("action SubmitResult is not allowed in state Withdrawn");
  });

  it("answers 400 naming the field for a bad hash, a missing field or another network", async () => {
    const p = await payment("FundsLocked");
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ids(p), submitResultHash: "xyz" }, "submitResultHash"],
      [{ ...ids(p), submitResultHash: RESULT_HASH.slice(1) }, "submitResultHash"],
      [{ ...ids(p), submitResultHash: `${RESULT_HASH.slice(1)}g` }, "submitResultHash"],
      [{ ...ids(p) }, "submitResultHash"],
      [{ network: "Preprod", submitResultHash: RESULT_HASH }, "blockchainIdentifier"],
      [{ blockchainIdentifier: p.blockchainIdentifier, submitResultHash: RESULT_HASH }, "network"],
      [{ ...ids(p), network: "Mainnet", submitResultHash: RESULT_HASH }, "network"],
      [
        { ...ids(p), blockchainIdentifier: "not an identifier", submitResultHash: RESULT_HASH },
        "blockchainIdentifier",
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call("/payment/submit-result", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect(await intentsOf(p.id)).toHaveLength(0);
  });

  it("answers 404 for an identifier this node does not hold as a payment", async () => {
    const unknown = await signed();
    const res = await call("/payment/submit-result", {
      network: "Preprod",
      blockchainIdentifier: unknown.id,
      submitResultHash: RESULT_HASH,
    });
    expect(res.status).toBe(404);
    const bought = await purchase("FundsLocked");
    const other = await call("/payment/submit-result", {
      ...ids(bought),
      submitResultHash: RESULT_HASH,
    });
    expect(other.status).toBe(404);
  });

  it("lets the creating key and admins act, refuses other keys and anonymous callers", async () => {
    const p = await payment("FundsLocked");
    const body = { ...ids(p), submitResultHash: RESULT_HASH };
    expect((await call("/payment/submit-result", body, null)).status).toBe(401);
    expect((await call("/payment/submit-result", body, readToken)).status).toBe(403);
    const other = await call("/payment/submit-result", body, otherPayToken);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/only the API key that created this payment/);
    expect(await intentsOf(p.id)).toHaveLength(0);
    expect((await call("/payment/submit-result", body, creatorToken)).status).toBe(200);
  });
});

describe(`POST /payment/authorize-refund (${DB_KIND})`, () => {
  it("queues AuthorizeRefund for the selling wallet on a refund request", async () => {
    const p = await payment("RefundRequested");
    const res = await call("/payment/authorize-refund", ids(p));
    expect(res.status).toBe(200);
    expect(res.body.data.NextAction.requestedAction).toBe("AuthorizeRefundRequested");
    const intent = await onlyIntent(p.id);
    expect(intent.walletId).toBe(seller.id);
    expect(intent.payload).toEqual({ escrowId: p.escrowId, action: "AuthorizeRefund", params: {} });
  });

  it("refuses once the refund is authorized", async () => {
    const p = await payment("RefundAuthorized");
    const res = await call("/payment/authorize-refund", ids(p));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      "action AuthorizeRefund is not allowed in state RefundAuthorized",
    );
  });
});

describe(`POST /purchase/request-refund and /purchase/cancel-refund-request (${DB_KIND})`, () => {
  it("queues RequestRefund for the purchasing wallet", async () => {
    const p = await purchase("FundsLocked");
    const res = await call("/purchase/request-refund", ids(p));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: p.id, state: "FundsLocked" });
    expect(res.body.data.PaidFunds).toBeDefined();
    expect(res.body.data.NextAction).toEqual({
      requestedAction: "SetRefundRequestedRequested",
      errorType: null,
      errorNote: null,
    });
    const intent = await onlyIntent(p.id);
    expect(intent).toMatchObject({ kind: ESCROW_ACTION_KIND, walletId: buyer.id });
    expect(intent.payload).toEqual({ escrowId: p.escrowId, action: "RequestRefund", params: {} });
  });

  it("answers 404 for an identifier this node holds only as a payment", async () => {
    const p = await payment("FundsLocked");
    const res = await call("/purchase/request-refund", ids(p));
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe("blockchainIdentifier");
    expect(await intentsOf(p.id)).toHaveLength(0);
  });

  it("refuses a refund request from unlockTime on", async () => {
    const p = await purchase("FundsLocked");
    clockMs = TIMES.unlockTimeMs;
    const res = await call("/purchase/request-refund", ids(p));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/only before unlockTime/);
  });

  it("queues CancelRefund on a refund request, refuses it without one", async () => {
    const p = await purchase("RefundRequested");
    const res = await call("/purchase/cancel-refund-request", ids(p));
    expect(res.status).toBe(200);
    expect(res.body.data.NextAction.requestedAction).toBe("UnSetRefundRequestedRequested");
    expect((await onlyIntent(p.id)).payload.action).toBe("CancelRefund");
    const locked = await purchase("FundsLocked");
    const refused = await call("/purchase/cancel-refund-request", ids(locked));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      "action CancelRefund is not allowed in state FundsLocked",
    );
  });

  it("refuses another key than the creator's", async () => {
    const p = await purchase("FundsLocked");
    expect((await call("/purchase/request-refund", ids(p), otherPayToken)).status).toBe(403);
    expect((await call("/purchase/request-refund", ids(p), creatorToken)).status).toBe(200);
  });
});

describe(`POST /payment/resolve-dispute (${DB_KIND})`, () => {
  const LOCKED = [
    { unit: "lovelace", amount: "7000000" },
    { unit: USDM, amount: "5000000" },
  ];

  /** A disputed subject whose escrow the watcher saw locked with `value`, then moved. */
  async function disputed(kind: "payment" | "purchase", value = LOCKED) {
    const row = kind === "payment" ? await payment("Disputed") : await purchase("Disputed");
    const event = (height: number, v: unknown, txHash: string) => ({
      network: "preprod" as const,
      escrowId: row.escrowId!,
      txHash,
      kind: height === 1 ? ("lock" as const) : ("move" as const),
      blockHeight: height,
      txIndex: 0,
      blockTimeMs: NOW_MS,
      outputIndex: 0,
      state: height === 1 ? "FundsLocked" : "Disputed",
      reference: row.escrowReference,
      datumCbor: null,
      value: JSON.stringify(v),
      resultHash: null,
      buyerKeyHash: buyer.paymentKeyHash,
      sellerKeyHash: seller.paymentKeyHash,
    });
    // The lock held less than the escrow holds now: only the latest value counts.
    await database.db
      .insert(escrowEvents)
      .values([
        event(1, [{ unit: "lovelace", amount: "2000000" }], row.escrowId!.slice(0, 64)),
        event(2, value, randomBytes(32).toString("hex")),
      ]);
    return row;
  }

  const split = (seller: unknown[], buyer: unknown[]) => ({
    sellerAmounts: seller,
    buyerAmounts: buyer,
  });
  const FAIR = split(
    [
      { unit: "", amount: "4000000" },
      { unit: USDM, amount: "5000000" },
    ],
    [{ unit: "lovelace", amount: "3000000" }],
  );
  const AFTER_DISPUTE_MS = TIMES.externalDisputeUnlockTimeMs;

  it("queues escrow_resolve for the selling wallet with the split as given", async () => {
    clockMs = AFTER_DISPUTE_MS;
    const p = await disputed("payment");
    const res = await call("/payment/resolve-dispute", { ...ids(p), ...FAIR });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: p.id, RequestedFunds: expect.any(Array) });
    expect(res.body.data.NextAction.requestedAction).toBe("ResolveDisputeRequested");
    const intent = await onlyIntent(p.id);
    expect(intent).toMatchObject({ kind: ESCROW_RESOLVE_KIND, walletId: seller.id });
    expect(intent.payload).toEqual({
      escrowId: p.escrowId,
      sellerAmounts: [
        { unit: "lovelace", amount: "4000000" },
        { unit: USDM, amount: "5000000" },
      ],
      buyerAmounts: [{ unit: "lovelace", amount: "3000000" }],
    });
    const again = await call("/payment/resolve-dispute", { ...ids(p), ...FAIR });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("an action is already pending: ResolveDispute (queued)");
  });

  it("resolves a purchase with the purchasing wallet paying", async () => {
    clockMs = AFTER_DISPUTE_MS;
    const p = await disputed("purchase");
    const res = await call("/payment/resolve-dispute", { ...ids(p), ...FAIR });
    expect(res.status).toBe(200);
    expect(res.body.data.PaidFunds).toBeDefined();
    expect(await onlyIntent(p.id)).toMatchObject({
      kind: ESCROW_RESOLVE_KIND,
      walletId: buyer.id,
    });
  });

  it("refuses a split that does not give out the escrow's value exactly, naming the field", async () => {
    clockMs = AFTER_DISPUTE_MS;
    const p = await disputed("payment");
    const lovelace = (amount: string) => ({ unit: "lovelace", amount });
    const usdm = (amount: string) => ({ unit: USDM, amount });
    const cases: [ReturnType<typeof split>, string][] = [
      [split([lovelace("4000000"), usdm("5000000")], [lovelace("2999999")]), "buyerAmounts"],
      [split([lovelace("4000000")], [lovelace("3000000")]), "buyerAmounts"],
      [split([lovelace("8000000"), usdm("5000000")], []), "sellerAmounts"],
      [
        split([lovelace("7000000"), usdm("5000000"), { unit: "ab".repeat(29), amount: "1" }], []),
        "sellerAmounts",
      ],
      [split([{ unit: "", amount: "1.5" }], []), "sellerAmounts[0].amount"],
      [split([lovelace("1"), lovelace("1")], []), "sellerAmounts"],
    ];
    for (const [body, field] of cases) {
      const res = await call("/payment/resolve-dispute", { ...ids(p), ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const missing = await call("/payment/resolve-dispute", {
      ...ids(p),
      buyerAmounts: FAIR.buyerAmounts,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("sellerAmounts");
    expect(await intentsOf(p.id)).toHaveLength(0);
  });

  it("refuses before externalDisputeUnlockTime and outside Disputed", async () => {
    const p = await disputed("payment");
    clockMs = AFTER_DISPUTE_MS - 1;
    const early = await call("/payment/resolve-dispute", { ...ids(p), ...FAIR });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/only from externalDisputeUnlockTime/);
    clockMs = AFTER_DISPUTE_MS;
    const settled = await payment("ResultSubmitted");
    const res = await call("/payment/resolve-dispute", { ...ids(settled), ...FAIR });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      "action ResolveDispute is not allowed in state ResultSubmitted",
    );
    expect(await intentsOf(p.id)).toHaveLength(0);
  });

  it("answers 503 when the node holds too few admin keys", async () => {
    clockMs = AFTER_DISPUTE_MS;
    const p = await disputed("payment");
    admins = { held: 1, threshold: 2 };
    const few = await call("/payment/resolve-dispute", { ...ids(p), ...FAIR });
    expect(few.status).toBe(503);
    expect(few.body.error.message).toMatch(/holds 1 escrow admin key\(s\); .* needs 2/);
    admins = undefined;
    expect((await call("/payment/resolve-dispute", { ...ids(p), ...FAIR })).status).toBe(503);
    expect(await intentsOf(p.id)).toHaveLength(0);
  });

  it("is for admins only, and 404 for an unknown identifier", async () => {
    clockMs = AFTER_DISPUTE_MS;
    const p = await disputed("payment");
    const body = { ...ids(p), ...FAIR };
    expect((await call("/payment/resolve-dispute", body, null)).status).toBe(401);
    expect((await call("/payment/resolve-dispute", body, creatorToken)).status).toBe(403);
    expect(await intentsOf(p.id)).toHaveLength(0);
    const unknown = await signed();
    const res = await call("/payment/resolve-dispute", {
      ...body,
      blockchainIdentifier: unknown.id,
    });
    expect(res.status).toBe(404);
  });
});

describe(`requestAction, as the scheduler calls it (${DB_KIND})`, () => {
  it("refuses the other side's actions and an unknown subject, queuing nothing", async () => {
    const bought = await purchase("FundsLocked");
    const sold = await payment("ResultSubmitted");
    const ask = (
      kind: "payment" | "purchase",
      id: string,
      action: "SubmitResult" | "Withdraw" | "WithdrawRefund" | "RequestRefund",
    ) =>
      requestAction(database.db, {
        subject: { kind, id },
        action,
        params: { resultHash: RESULT_HASH },
        nowMs: WORKING_MS,
      }).then(
        () => undefined,
        (err: unknown) => err,
      );
    for (const [kind, id, action] of [
      ["purchase", bought.id, "SubmitResult"],
      ["purchase", bought.id, "Withdraw"],
      ["payment", sold.id, "WithdrawRefund"],
      ["payment", sold.id, "RequestRefund"],
    ] as const) {
      const err = await ask(kind, id, action);
      expect(err, `${kind} ${action}`).toBeInstanceOf(EscrowActionError);
      expect(err).toMatchObject({ kind: "invalid", field: "action" });
    }
    expect(await ask("payment", randomUUID(), "SubmitResult")).toMatchObject({ kind: "notFound" });
    expect(await intentsOf(bought.id)).toHaveLength(0);
    expect(await intentsOf(sold.id)).toHaveLength(0);
  });
});

describe(`requestAction, the metered steps without the chain (${DB_KIND})`, () => {
  const fail = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: unknown) => err,
    );

  it("queues Accept from any open state, the buyer's, and refuses it to the seller", async () => {
    for (const state of ["FundsLocked", "Disputed", "RefundAuthorized"]) {
      const p = await purchase(state);
      await requestAction(database.db, {
        subject: { kind: "purchase", id: p.id },
        action: "Accept",
        nowMs: TIMES.externalDisputeUnlockTimeMs + 1,
      });
      expect((await onlyIntent(p.id)).payload, state).toEqual({
        escrowId: p.escrowId,
        action: "Accept",
        params: {},
      });
    }
    const sold = await payment("FundsLocked");
    const err = await fail(
      requestAction(database.db, {
        subject: { kind: "payment", id: sold.id },
        action: "Accept",
        nowMs: WORKING_MS,
      }),
    );
    expect(err).toMatchObject({ kind: "invalid", field: "action" });
  });

  it("refuses a part payment while the escrow's value is unknown, and malformed parameters first", async () => {
    const p = await purchase("FundsLocked");
    const ask = (params: Record<string, string>) =>
      fail(
        requestAction(database.db, {
          subject: { kind: "purchase", id: p.id },
          action: "Release",
          params: params as never,
          nowMs: WORKING_MS,
        }),
      );
    const unknown = await ask({ unit: USDM, amount: "1" });
    expect(unknown).toMatchObject({ kind: "conflict" });
    expect((unknown as Error).message).toMatch(/its value is not known yet/);
    expect(await ask({ unit: USDM, amount: "01" })).toMatchObject({ field: "amount" });
    expect(await ask({ unit: USDM })).toMatchObject({ field: "amount" });
    expect(await ask({ unit: "lovelace ", amount: "1" })).toMatchObject({ field: "unit" });
    expect(await ask({ unit: USDM, amount: "18446744073709551616" })).toMatchObject({
      field: "amount",
    });
    expect(await intentsOf(p.id)).toHaveLength(0);
  });

  it("refuses a claim naming a unit twice or a negative amount, naming the field", async () => {
    const p = await payment("FundsLocked");
    const ask = (claim: unknown) =>
      fail(
        requestAction(database.db, {
          subject: { kind: "payment", id: p.id },
          action: "SubmitResult",
          params: { resultHash: RESULT_HASH, claim } as never,
          nowMs: WORKING_MS,
        }),
      );
    const twice = [
      { unit: USDM, amount: "1" },
      { unit: USDM, amount: "2" },
    ];
    expect(await ask(twice)).toMatchObject({ kind: "invalid", field: "claim" });
    expect(await ask([{ unit: USDM, amount: "-1" }])).toMatchObject({ field: "claim[0].amount" });
    expect(await intentsOf(p.id)).toHaveLength(0);
    // No claim (null) needs no value: it is queued as a plain result.
    await requestAction(database.db, {
      subject: { kind: "payment", id: p.id },
      action: "SubmitResult",
      params: { resultHash: RESULT_HASH, claim: null },
      nowMs: WORKING_MS,
    });
    expect((await onlyIntent(p.id)).payload.params).toEqual({
      resultHash: RESULT_HASH,
      claim: null,
    });
  });
});

describe(`pendingActions and the NextAction they show (${DB_KIND})`, () => {
  it("reads the latest action of each subject in one query", async () => {
    const a = await payment("FundsLocked");
    const b = await purchase("FundsLocked");
    const queue = (subjectId: string, walletId: string, action: string, at: number) =>
      queueIntent(database.db, {
        kind: ESCROW_ACTION_KIND,
        walletId,
        subjectId,
        payload: { escrowId: a.escrowId, action, params: {} },
        nowMs: at,
      });
    await queue(a.id, seller.id, "AuthorizeRefund", NOW_MS);
    const latest = await queue(a.id, seller.id, "Withdraw", NOW_MS + 1);
    await queue(b.id, buyer.id, "RequestRefund", NOW_MS);
    await database.db
      .update(intents)
      .set({ status: "failed", lastError: "refused" })
      .where(and(eq(intents.subjectId, b.id)));
    const pending = await pendingActions(database.db, [a.id, b.id, randomUUID()]);
    expect(pending.size).toBe(2);
    expect(pending.get(a.id)).toMatchObject({ intentId: latest, action: "Withdraw" });
    expect(pending.get(b.id)).toMatchObject({ action: "RequestRefund", status: "failed" });
  });

  it("names each status as the peer does, and hides what the state has moved past", () => {
    const p: PendingAction = {
      intentId: "i",
      action: "WithdrawRefund",
      status: "queued",
      lastError: "waiting for funds",
      resultHash: null,
      notBeforeMs: 10,
      createdAtMs: 10,
      updatedAtMs: 20,
    };
    expect(actionNextAction(p, 5)).toMatchObject({
      requestedAction: "WithdrawRefundRequested",
      errorType: null,
      errorNote: "waiting for funds",
    });
    expect(actionNextAction({ ...p, status: "in_tx" }, 5)).toMatchObject({
      requestedAction: "WithdrawRefundInitiated",
      errorNote: null,
    });
    expect(actionNextAction({ ...p, status: "failed" }, 20)).toMatchObject({
      requestedAction: "WithdrawRefundRequested",
      errorType: "Unknown",
      errorNote: "waiting for funds",
    });
    expect(actionNextAction({ ...p, status: "failed" }, 21)).toBeUndefined();
    expect(actionNextAction({ ...p, status: "done" }, 5)).toBeUndefined();
    expect(actionNextAction(undefined, 5)).toBeUndefined();
  });

  it("says until when a deferred action waits, and only then", () => {
    const p: PendingAction = {
      intentId: "i",
      action: "CancelRefund",
      status: "queued",
      lastError: "CancelRefund refused in state RefundRequested: cooldown (CL)",
      resultHash: null,
      notBeforeMs: 1_750_000_121_000,
      createdAtMs: 1_750_000_000_000,
      updatedAtMs: 1_750_000_001_000,
    };
    expect(actionNextAction(p, 5)).toEqual({
      requestedAction: "UnSetRefundRequestedRequested",
      errorType: null,
      errorNote: p.lastError,
      resultHash: null,
      waitUntil: "1750000121000",
    });
    // Queued and due (not deferred), or already in a transaction: no waiting time.
    expect(actionNextAction({ ...p, notBeforeMs: p.updatedAtMs }, 5)).not.toHaveProperty(
      "waitUntil",
    );
    expect(actionNextAction({ ...p, status: "in_tx" }, 5)).not.toHaveProperty("waitUntil");
  });
});
