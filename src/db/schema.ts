/**
 * The node's tables. Times are POSIX milliseconds (bigint columns read as numbers, which hold
 * them exactly); amounts, when they come, are bigint read as bigint.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** The node's hot wallets. The mnemonic is stored only encrypted (AES-256-GCM, see crypto). */
export const wallets = pgTable(
  "wallets",
  {
    id: text("id").primaryKey(),
    /** Funding wallets are made by `POST /wallet`: held, never used to sell or buy. */
    role: text("role", { enum: ["selling", "purchasing", "funding"] }).notNull(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    address: text("address").notNull(),
    paymentKeyHash: text("payment_key_hash").notNull(),
    encryptedMnemonic: text("encrypted_mnemonic").notNull(),
    note: text("note"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    /**
     * The submitter building for this wallet now (a token of its own), until when its lease
     * holds by the database's clock, and the database session it took the lease from (see
     * src/workers/build-lease.ts).
     */
    buildLease: text("build_lease"),
    buildLeaseUntilMs: bigint("build_lease_until_ms", { mode: "number" }),
    buildLeasePid: integer("build_lease_pid"),
  },
  (t) => [
    uniqueIndex("wallets_address_key").on(t.address),
    index("wallets_role_idx").on(t.network, t.role),
  ],
);

/** Small facts the node keeps about itself (for example, when it last funded its devnet wallets). */
export const nodeState = pgTable("node_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
});

/**
 * API keys. Only a SHA-256 of the token is stored: a token is shown once, when it is created,
 * and a stolen database does not yield working keys.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    tokenPrefix: text("token_prefix").notNull(),
    canRead: boolean("can_read").notNull(),
    canPay: boolean("can_pay").notNull(),
    canAdmin: boolean("can_admin").notNull(),
    networks: text("networks").array().notNull(),
    usageLimited: boolean("usage_limited").notNull(),
    status: text("status", { enum: ["Active", "Revoked"] }).notNull(),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("api_keys_token_hash_key").on(t.tokenHash)],
);

/** What a usage-limited API key may still spend, per unit (`lovelace` or an asset id). */
export const apiKeyCredits = pgTable(
  "api_key_credits",
  {
    apiKeyId: text("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    unit: text("unit").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.unit] }),
    check("api_key_credits_amount_nonnegative", sql`${t.amount} >= 0`),
  ],
);

/**
 * Answers to POSTs sent with an `Idempotency-Key` header, per caller: a retry gets the first
 * answer back; the same key with another body is a conflict. `status` is null while the first
 * request is still being handled. `principal_id` is the caller's API key id (or `admin`).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    principalId: text("principal_id").notNull(),
    key: text("key").notNull(),
    route: text("route").notNull(),
    requestBody: text("request_body").notNull(),
    status: integer("status"),
    responseBody: text("response_body"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
  },
  // The index on created_at_ms lets the expiry sweep find old answers without a full scan.
  (t) => [
    primaryKey({ columns: [t.principalId, t.key] }),
    index("idempotency_keys_created_at_ms_idx").on(t.createdAtMs),
  ],
);

/**
 * Request counters for rate limits, one row per bucket (`auth-fail:<address>`, `key:<id>`), in
 * a fixed window that starts at `window_start_ms`. Kept in the database so that several node
 * processes sharing it share the limits.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").primaryKey(),
    windowStartMs: bigint("window_start_ms", { mode: "number" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [index("rate_limits_window_start_ms_idx").on(t.windowStartMs)],
);

/**
 * Transactions this node built and signed. The row (with its hash and the inputs it spends) is
 * written before the transaction is submitted, so that after a crash or an unclear answer the
 * node can tell whether it landed, and never spends those inputs twice meanwhile.
 */
export const chainTxs = pgTable(
  "chain_txs",
  {
    txHash: text("tx_hash").primaryKey(),
    walletId: text("wallet_id")
      .notNull()
      .references(() => wallets.id),
    kind: text("kind").notNull(),
    cbor: text("cbor").notNull(),
    spentInputs: text("spent_inputs").array().notNull(),
    /**
     * What it pays back to its own wallet's address (its change), as JSON of Mesh UTxOs: the
     * wallet's next transactions spend them before the chain has them. Decoded once where the
     * transaction is signed, so that no purchase decodes a batch of dozens of outputs on the
     * API's thread. Null on rows written before this column (their CBOR is decoded instead).
     */
    walletOutputs: text("wallet_outputs"),
    /** signed → submitted → confirmed; or refused (the ledger said no) / expired (its TTL passed unseen). */
    status: text("status", {
      enum: ["signed", "submitted", "confirmed", "refused", "expired"],
    }).notNull(),
    invalidHereafterSlot: bigint("invalid_hereafter_slot", { mode: "number" }).notNull(),
    /** Counted before each send: only a refusal of the very first send is conclusive. */
    submitAttempts: integer("submit_attempts").notNull(),
    blockHeight: bigint("block_height", { mode: "number" }),
    lastError: text("last_error"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    index("chain_txs_wallet_status_idx").on(t.walletId, t.status),
    // The escrow locator asks which transactions spend given outputs.
    index("chain_txs_spent_inputs_idx").using("gin", t.spentInputs),
  ],
);

/**
 * Work for the submitter: one row per on-chain action wanted (a transfer, a mint, an escrow
 * action). Intents of one wallet and kind are batched into one transaction where they fit.
 */
export const intents = pgTable(
  "intents",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    walletId: text("wallet_id")
      .notNull()
      .references(() => wallets.id),
    /** What the intent is about (an escrow, a registry entry), for lookups; free-form. */
    subjectId: text("subject_id"),
    payload: text("payload").notNull(),
    /** queued → in_tx → done; in_tx goes back to queued when its transaction is refused or expires. */
    status: text("status", { enum: ["queued", "in_tx", "done", "failed"] }).notNull(),
    txHash: text("tx_hash").references(() => chainTxs.txHash),
    attempts: integer("attempts").notNull(),
    lastError: text("last_error"),
    notBeforeMs: bigint("not_before_ms", { mode: "number" }).notNull(),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    index("intents_queue_idx").on(t.status, t.walletId, t.kind, t.notBeforeMs),
    index("intents_tx_idx").on(t.txHash),
    index("intents_subject_idx").on(t.subjectId),
  ],
);

/**
 * This node's own agent registrations and what it last asked the chain to do with each. The
 * stable agent identifier (policy id + name stem, see contracts/registry) is known once the
 * first mint is built; `assetName` is the current version's full name.
 */
export const registryRequests = pgTable(
  "registry_requests",
  {
    id: text("id").primaryKey(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    walletId: text("wallet_id")
      .notNull()
      .references(() => wallets.id),
    /** The node wallet the NFT went to, when not the minting one: it signs updates and burns. */
    recipientWalletId: text("recipient_wallet_id").references(() => wallets.id),
    agentIdentifier: text("agent_identifier"),
    assetName: text("asset_name"),
    /** The MIP-002 metadata as the domain type, JSON (amounts as strings). */
    metadata: text("metadata").notNull(),
    /** The Masumi API's registration states. */
    state: text("state", {
      enum: [
        "RegistrationRequested",
        "RegistrationInitiated",
        "RegistrationConfirmed",
        "RegistrationFailed",
        "UpdateRequested",
        "UpdateInitiated",
        "UpdateConfirmed",
        "UpdateFailed",
        "DeregistrationRequested",
        "DeregistrationInitiated",
        "DeregistrationConfirmed",
        "DeregistrationFailed",
      ],
    }).notNull(),
    error: text("error"),
    currentTxHash: text("current_tx_hash"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("registry_requests_agent_key").on(t.agentIdentifier),
    index("registry_requests_state_idx").on(t.network, t.state),
    index("registry_requests_updated_idx").on(t.network, t.updatedAtMs, t.id),
  ],
);

/**
 * The explorer's index of every agent minted under the registry policy on this network, by
 * whoever minted it, as read from the chain. Malformed metadata is kept, marked invalid.
 */
export const registryIndex = pgTable(
  "registry_index",
  {
    agentIdentifier: text("agent_identifier").primaryKey(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    policyId: text("policy_id").notNull(),
    assetName: text("asset_name").notNull(),
    status: text("status", { enum: ["active", "burned"] }).notNull(),
    holderAddress: text("holder_address"),
    holderPaymentKeyHash: text("holder_payment_key_hash"),
    /** The on-chain metadata as read (JSON), whether or not it is valid. */
    rawMetadata: text("raw_metadata"),
    /** The decoded MIP-002 metadata (JSON), when valid. */
    metadata: text("metadata"),
    valid: boolean("valid").notNull(),
    invalidReasons: text("invalid_reasons").array().notNull(),
    name: text("name"),
    description: text("description"),
    pricingType: text("pricing_type"),
    units: text("units").array().notNull(),
    tags: text("tags").array().notNull(),
    capabilityName: text("capability_name"),
    mintOrBurnCount: integer("mint_or_burn_count").notNull(),
    firstSeenAtMs: bigint("first_seen_at_ms", { mode: "number" }).notNull(),
    checkedAtMs: bigint("checked_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    index("registry_index_network_status_idx").on(t.network, t.status),
    index("registry_index_holder_idx").on(t.holderAddress),
    index("registry_index_checked_idx").on(t.checkedAtMs),
  ],
);

/**
 * The seller's payment requests, one per job: the signed terms (the blockchainIdentifier) and
 * the state the workers move on. Amounts are the wire form (JSON of `{unit, amount}` with
 * integer strings), exactly as signed; the signed identifier stays the source of truth.
 */
export const payments = pgTable(
  "payments",
  {
    id: text("id").primaryKey(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    blockchainIdentifier: text("blockchain_identifier").notNull(),
    /** sha256 of the signed terms, which the escrow datum carries. */
    escrowReference: text("escrow_reference").notNull(),
    agentIdentifier: text("agent_identifier").notNull(),
    agentName: text("agent_name"),
    pricingType: text("pricing_type", { enum: ["Fixed", "Dynamic"] }).notNull(),
    tierName: text("tier_name"),
    sellingWalletId: text("selling_wallet_id")
      .notNull()
      .references(() => wallets.id),
    identifierFromPurchaser: text("identifier_from_purchaser").notNull(),
    inputHash: text("input_hash").notNull(),
    amounts: text("amounts").notNull(),
    payByTimeMs: bigint("pay_by_time_ms", { mode: "number" }).notNull(),
    submitResultTimeMs: bigint("submit_result_time_ms", { mode: "number" }).notNull(),
    unlockTimeMs: bigint("unlock_time_ms", { mode: "number" }).notNull(),
    externalDisputeUnlockTimeMs: bigint("external_dispute_unlock_time_ms", {
      mode: "number",
    }).notNull(),
    state: text("state").notNull(),
    resultHash: text("result_hash"),
    metadata: text("metadata"),
    requestedById: text("requested_by_id"),
    /** The escrow that pays this request ("lockTxHash#index"), once the watcher saw the lock. */
    escrowId: text("escrow_id"),
    /** Why the lock does not match the request (state FundsOrDatumInvalid). */
    invalidReason: text("invalid_reason"),
    /** The terms let the seller collect at unlockTime without a result (a subscription period). */
    autoRelease: boolean("auto_release").notNull().default(false),
    /** The price sheet the amounts are a ceiling for: canonical JSON (price-sheet.ts), or null. */
    priceSheet: text("price_sheet"),
    /** sha256 of the canonical sheet (`sheetHash`), null without a sheet. */
    priceSheetHash: text("price_sheet_hash"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("payments_blockchain_identifier_key").on(t.blockchainIdentifier),
    uniqueIndex("payments_escrow_reference_key").on(t.escrowReference),
    // Pages are newest first by (createdAtMs, id) within a network.
    index("payments_page_idx").on(t.network, t.createdAtMs, t.id),
    index("payments_state_idx").on(t.network, t.state),
    // The diff routes read rows changed since a time, by (updatedAtMs, id).
    index("payments_updated_idx").on(t.network, t.updatedAtMs, t.id),
  ],
);

/**
 * The buyer's purchases, one per job paid for: the seller's signed terms as checked, the wallet
 * that locks, and the state the watcher keeps in step with the chain (the same states as a
 * payment, so both sides of one escrow read alike).
 */
export const purchases = pgTable(
  "purchases",
  {
    id: text("id").primaryKey(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    blockchainIdentifier: text("blockchain_identifier").notNull(),
    escrowReference: text("escrow_reference").notNull(),
    agentIdentifier: text("agent_identifier").notNull(),
    sellerVkey: text("seller_vkey").notNull(),
    sellerAddress: text("seller_address").notNull(),
    purchasingWalletId: text("purchasing_wallet_id")
      .notNull()
      .references(() => wallets.id),
    identifierFromPurchaser: text("identifier_from_purchaser").notNull(),
    inputHash: text("input_hash").notNull(),
    amounts: text("amounts").notNull(),
    payByTimeMs: bigint("pay_by_time_ms", { mode: "number" }).notNull(),
    submitResultTimeMs: bigint("submit_result_time_ms", { mode: "number" }).notNull(),
    unlockTimeMs: bigint("unlock_time_ms", { mode: "number" }).notNull(),
    externalDisputeUnlockTimeMs: bigint("external_dispute_unlock_time_ms", {
      mode: "number",
    }).notNull(),
    state: text("state").notNull(),
    resultHash: text("result_hash"),
    escrowId: text("escrow_id"),
    invalidReason: text("invalid_reason"),
    metadata: text("metadata"),
    requestedById: text("requested_by_id"),
    /** The terms let the seller collect at unlockTime without a result (a subscription period). */
    autoRelease: boolean("auto_release").notNull().default(false),
    /** The price sheet the amounts are a ceiling for: canonical JSON (price-sheet.ts), or null. */
    priceSheet: text("price_sheet"),
    /** sha256 of the canonical sheet (`sheetHash`), null without a sheet. */
    priceSheetHash: text("price_sheet_hash"),
    /** The usage the buyer reported for the job (charge.ts usage, JSON), to check a claim by. */
    reportedUsage: text("reported_usage"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("purchases_blockchain_identifier_key").on(t.blockchainIdentifier),
    index("purchases_escrow_reference_idx").on(t.escrowReference),
    index("purchases_page_idx").on(t.network, t.createdAtMs, t.id),
    index("purchases_state_idx").on(t.network, t.state),
    index("purchases_updated_idx").on(t.network, t.updatedAtMs, t.id),
  ],
);

/**
 * What the watcher read at the escrow address, one row per escrow a transaction touched: a lock
 * (a new escrow), a move (the escrow continues at a new output) or an end (spent with no
 * continuing output). An escrow's current state is its latest row; a rollback deletes the rows
 * above the fork and the state follows.
 */
export const escrowEvents = pgTable(
  "escrow_events",
  {
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    /** The out-ref of the lock that created the escrow ("txHash#index"). */
    escrowId: text("escrow_id").notNull(),
    txHash: text("tx_hash").notNull(),
    kind: text("kind", { enum: ["lock", "move", "end"] }).notNull(),
    blockHeight: integer("block_height").notNull(),
    txIndex: integer("tx_index").notNull(),
    blockTimeMs: bigint("block_time_ms", { mode: "number" }).notNull(),
    /** The escrow's output after this transaction; null on an end. */
    outputIndex: integer("output_index"),
    /** The datum's state after this transaction, or how the escrow ended. */
    state: text("state").notNull(),
    /** The datum's 16-byte reference (hex): which terms the escrow pays. */
    reference: text("reference").notNull(),
    datumCbor: text("datum_cbor"),
    /** The escrow's value (JSON of wire amounts, lovelace as "lovelace"); on an end, the last. */
    value: text("value").notNull(),
    resultHash: text("result_hash"),
    buyerKeyHash: text("buyer_key_hash").notNull(),
    sellerKeyHash: text("seller_key_hash").notNull(),
    /**
     * The escrow step this transaction took, as read from the datums and payouts (null for a
     * lock, or a move no rule names).
     */
    action: text("action"),
    /** What the transaction paid out of this escrow to the seller / the buyer (wire amounts JSON). */
    paidToSeller: text("paid_to_seller").notNull().default("[]"),
    paidToBuyer: text("paid_to_buyer").notNull().default("[]"),
  },
  (t) => [
    primaryKey({ columns: [t.escrowId, t.txHash] }),
    index("escrow_events_reference_idx").on(t.network, t.reference),
    index("escrow_events_out_ref_idx").on(t.txHash, t.outputIndex),
    index("escrow_events_height_idx").on(t.network, t.blockHeight),
  ],
);

/**
 * Where a chain follower stands: the last transaction it read (height, index in block) and the
 * tips it saw, newest first, to find the fork point after a rollback.
 */
export const watchCheckpoints = pgTable("watch_checkpoints", {
  name: text("name").primaryKey(),
  height: integer("height").notNull(),
  txIndex: integer("tx_index").notNull(),
  /** JSON array of `{height, hash}`, newest first, bounded. */
  recentTips: text("recent_tips").notNull(),
  updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
});

/**
 * Low-balance rules on the node's wallets (the peer's `/wallet/low-balance`): an amount of one
 * unit below which the wallet is Low. The status is what the last check against the chain's
 * balance found; an alert is recorded as `lastAlertedAtMs` when a check first finds it Low.
 */
export const lowBalanceRules = pgTable(
  "low_balance_rules",
  {
    id: text("id").primaryKey(),
    walletId: text("wallet_id")
      .notNull()
      .references(() => wallets.id),
    assetUnit: text("asset_unit").notNull(),
    thresholdAmount: bigint("threshold_amount", { mode: "bigint" }).notNull(),
    enabled: boolean("enabled").notNull(),
    status: text("status", { enum: ["Unknown", "Healthy", "Low"] }).notNull(),
    lastKnownAmount: bigint("last_known_amount", { mode: "bigint" }),
    lastCheckedAtMs: bigint("last_checked_at_ms", { mode: "number" }),
    lastAlertedAtMs: bigint("last_alerted_at_ms", { mode: "number" }),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("low_balance_rules_wallet_unit_key").on(t.walletId, t.assetUnit)],
);

/**
 * The latest payment voucher of each subject (metered escrow): on a purchase, the last one this
 * node (the buyer) signed; on a payment, the last one this node (the seller) verified and keeps
 * to redeem. Only the latest matters, since a voucher carries the running total; `count` says
 * how many were issued or accepted. A row is replaced only by a higher total (or, on the buyer's
 * side, answered unchanged for the same total), never lowered.
 */
export const vouchers = pgTable(
  "vouchers",
  {
    /** The payment's or the purchase's id. */
    subjectId: text("subject_id").primaryKey(),
    /** `issued` on a purchase (this node signed it), `received` on a payment (it verified it). */
    side: text("side", { enum: ["issued", "received"] }).notNull(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    /** The escrow the voucher pays from ("lockTxHash#index"). */
    escrowId: text("escrow_id").notNull(),
    /** The escrow script's hash and the datum's reference the voucher is bound to, hex. */
    scriptHash: text("script_hash").notNull(),
    reference: text("reference").notNull(),
    /** `lovelace` or policy id ‖ asset name, hex: one unit per escrow (the datum has one total). */
    unit: text("unit").notNull(),
    total: bigint("total", { mode: "bigint" }).notNull(),
    vkey: text("vkey").notNull(),
    signature: text("signature").notNull(),
    count: integer("count").notNull(),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    check("vouchers_total_positive", sql`${t.total} > 0`),
    index("vouchers_escrow_idx").on(t.network, t.escrowId),
  ],
);

// --- Budgets (issue 11, quotes and preflight: the buyer's side) ---

/**
 * A buyer's spending limit of one unit per period (budget-period.ts), for one API key (`admin`
 * for the configured admin key) or the whole node (null), and one seller agent or any (null),
 * with an optional per-request ceiling. A budget is never edited: a change is a new budget.
 */
export const budgets = pgTable(
  "budgets",
  {
    id: text("id").primaryKey(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    /** The key whose purchases it limits, `admin`, or null for every purchase of the node. */
    apiKeyId: text("api_key_id"),
    /** The seller agent it limits purchases from, or null for any agent. */
    agentIdentifier: text("agent_identifier"),
    period: text("period", { enum: ["day", "week", "month", "total"] }).notNull(),
    unit: text("unit").notNull(),
    limitAmount: bigint("limit_amount", { mode: "bigint" }).notNull(),
    perRequestCeiling: bigint("per_request_ceiling", { mode: "bigint" }),
    /** Who made it (a key id or `admin`): a key may delete only the budgets it made itself. */
    createdById: text("created_by_id").notNull(),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    check("budgets_limit_nonnegative", sql`${t.limitAmount} >= 0`),
    check("budgets_ceiling_nonnegative", sql`${t.perRequestCeiling} >= 0`),
    index("budgets_scope_idx").on(t.network, t.apiKeyId, t.agentIdentifier),
  ],
);

/**
 * What a budget's period has spent: one row per budget and period start (0 for `total`),
 * written in the transaction that records the purchase, never above the budget's limit.
 */
export const budgetSpend = pgTable(
  "budget_spend",
  {
    budgetId: text("budget_id")
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    periodStartMs: bigint("period_start_ms", { mode: "number" }).notNull(),
    spentAmount: bigint("spent_amount", { mode: "bigint" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.budgetId, t.periodStartMs] }),
    check("budget_spend_nonnegative", sql`${t.spentAmount} >= 0`),
  ],
);

// ---- Price sheets (issue 11, seller) ----

/**
 * The price sheet this node publishes for each of its agents: the canonical wire JSON (RFC 8785)
 * and its sha256 at the time it was stored. The hash served is always recomputed from `sheet`,
 * so a row edited behind the node's back shows as not matching the chain.
 */
export const priceSheets = pgTable(
  "price_sheets",
  {
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    /** The stable agent identifier (policy id + 29-byte stem, 114 hex). */
    agentIdentifier: text("agent_identifier").notNull(),
    sheet: text("sheet").notNull(),
    hash: text("hash").notNull(),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.network, t.agentIdentifier] })],
);

// ---- Usage records and balances between agents (issue 11, part "usage") ----

/**
 * Usage a caller records against one escrow of this node (`POST /usage`), under a usage id the
 * client chooses. The id is scoped to this node and the caller's API key (`principal_id`, the
 * key's id or `admin`): a retry with the same id and body answers the stored row, another body
 * is a conflict. Rows are never edited; a correction is a new record under a new id.
 */
export const usageRecords = pgTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    principalId: text("principal_id").notNull(),
    usageId: text("usage_id").notNull(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    blockchainIdentifier: text("blockchain_identifier").notNull(),
    /** Which of this node's rows the record draws on: `seller` a payment, `buyer` a purchase. */
    role: text("role", { enum: ["buyer", "seller"] }).notNull(),
    subjectId: text("subject_id").notNull(),
    /** The usage as usage-wire.ts stores it (every count, as integer strings). */
    usage: text("usage").notNull(),
    /** The amounts the caller charged for it (wire amounts JSON, sorted by unit), or null. */
    amounts: text("amounts"),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("usage_records_principal_usage_key").on(t.principalId, t.usageId),
    index("usage_records_identifier_idx").on(t.network, t.blockchainIdentifier, t.createdAtMs),
  ],
);

/**
 * The outbox of usage events (issue 12): one row per state change of a payment or purchase and
 * per usage record, written in the same database transaction as the change that causes it. The
 * id is the event's usageId, deterministic (src/domain/usage-event.ts), so a rollback and
 * re-landing, a restart or a second node write the same row once. `body` is the event as every
 * target receives it, frozen when written.
 */
export const usageEvents = pgTable(
  "usage_events",
  {
    id: text("id").primaryKey(),
    network: text("network", { enum: ["preprod", "mainnet"] }).notNull(),
    type: text("type").notNull(),
    /** `seller` for a payment's event, `buyer` for a purchase's. */
    role: text("role", { enum: ["buyer", "seller"] }).notNull(),
    subjectId: text("subject_id").notNull(),
    blockchainIdentifier: text("blockchain_identifier").notNull(),
    agentIdentifier: text("agent_identifier").notNull(),
    txHash: text("tx_hash"),
    chainTimeMs: bigint("chain_time_ms", { mode: "number" }),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    body: text("body").notNull(),
  },
  (t) => [
    // Pages are oldest first by (createdAtMs, id); the filters narrow the same order.
    index("usage_events_page_idx").on(t.createdAtMs, t.id),
    index("usage_events_type_idx").on(t.type, t.createdAtMs),
    index("usage_events_agent_idx").on(t.agentIdentifier, t.createdAtMs),
    index("usage_events_identifier_idx").on(t.blockchainIdentifier, t.createdAtMs),
  ],
);

/**
 * Where usage events go: webhooks, Stripe meter events, AWS Marketplace metering. `config` is
 * the non-secret part (JSON, per kind); the secret is sealed like a wallet's mnemonic (the
 * target's id as associated data) and never answered. During a webhook secret's rotation the
 * previous one stays valid until `previousSecretUntilMs`. A target without a secret defers its
 * deliveries until one is set.
 */
export const eventTargets = pgTable(
  "event_targets",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["webhook", "stripe", "aws"] }).notNull(),
    config: text("config").notNull(),
    /** The event types it takes (JSON array of types; ["*"] for all). */
    eventTypes: text("event_types").notNull(),
    secret: text("secret"),
    previousSecret: text("previous_secret"),
    previousSecretUntilMs: bigint("previous_secret_until_ms", { mode: "number" }),
    enabled: boolean("enabled").notNull().default(true),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("event_targets_name_key").on(t.name)],
);

/**
 * One receipt per event and target: written with the event (for the targets that exist then) or
 * by a replay. The dispatcher takes due `pending` rows under a lease, so two dispatchers never
 * send the same receipt at once; a delivered receipt is never sent again unless replayed.
 */
export const eventDeliveries = pgTable(
  "event_deliveries",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => usageEvents.id, { onDelete: "cascade" }),
    targetId: text("target_id")
      .notNull()
      .references(() => eventTargets.id, { onDelete: "cascade" }),
    status: text("status", {
      enum: ["pending", "delivered", "deferred", "skipped", "failed"],
    }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    /** The last answer or error, cut short; never a secret. */
    lastError: text("last_error"),
    nextAttemptAtMs: bigint("next_attempt_at_ms", { mode: "number" }).notNull(),
    /** A dispatcher holds the receipt until then (crash: another takes it after). */
    leaseUntilMs: bigint("lease_until_ms", { mode: "number" }),
    /** When the receipt's current run of attempts began (the age cap counts from it). */
    firstAttemptAtMs: bigint("first_attempt_at_ms", { mode: "number" }),
    dispatchedAtMs: bigint("dispatched_at_ms", { mode: "number" }),
    createdAtMs: bigint("created_at_ms", { mode: "number" }).notNull(),
    updatedAtMs: bigint("updated_at_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.targetId] }),
    index("event_deliveries_due_idx").on(t.status, t.nextAttemptAtMs),
    index("event_deliveries_target_idx").on(t.targetId, t.status),
  ],
);
