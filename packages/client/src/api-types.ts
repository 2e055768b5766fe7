/**
 * The node's /api/v1 as types: generated from its OpenAPI description by
 * scripts/client-types.ts (openapi-typescript). Do not edit; run `npm run client:types`.
 */
export type paths = {
  "/api/v1/api-key": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the API keys, by id (tokens masked; `cursorId` is the last id of a page) */
    get: operations["getApiV1ApiKey"];
    put?: never;
    /**
     * Create an API key; its token is answered only here
     * @description The node keeps only a hash of the token: this answer is the one chance to store it. `permission` sets the defaults of `canRead`/`canPay`/`canAdmin`, which override it one by one. `UsageCredits` are what a usage-limited key may spend on purchases (and the most its payment requests may ask for), per unit.
     */
    post: operations["postApiV1ApiKey"];
    /** Revoke an API key (it stays listed, as Revoked) */
    delete: operations["deleteApiV1ApiKey"];
    options?: never;
    head?: never;
    /** Change an API key: status, usage limit, networks, add or remove credits */
    patch: operations["patchApiV1ApiKey"];
    trace?: never;
  };
  "/api/v1/api-key-status": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling API key: its permissions, networks and remaining credits */
    get: operations["getApiV1ApiKeyStatus"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An address's whole balance per unit, read from the chain
     * @description Lovelace (unit `""`) first. A quantity above 10^14 is null, with the exact amount always in `quantityString`.
     */
    get: operations["getApiV1Balance"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/budgets": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The budgets that limit this key, with their current period's spend
     * @description A key sees its own budgets and the node's; the admin sees every budget.
     */
    get: operations["getApiV1Budgets"];
    put?: never;
    /**
     * Set a spending limit on purchases, per period and unit
     * @description The admin sets budgets on any key (`apiKeyId`) or on the whole node (none); a key with the pay permission only on itself (403 otherwise). `agentIdentifier` narrows it to one agent; `perRequestCeiling` caps what one purchase may lock.
     */
    post: operations["postApiV1Budgets"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/budgets/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a budget
     * @description The admin deletes any; a key only the budgets it set (403 otherwise).
     */
    delete: operations["deleteApiV1BudgetsById"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/event-targets": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the event targets, oldest first (never their secrets) */
    get: operations["getApiV1EventTargets"];
    put?: never;
    /**
     * Add an event target: a webhook, Stripe meter or AWS Marketplace metering
     * @description `config` is checked for the kind; `secret` (the webhook's `whsec_…` signing secret, Stripe's API key, or AWS's credentials) is sealed and never answered. A webhook created without a secret gets one generated, answered once in `secret`. `eventTypes` defaults to `["*"]`, every type.
     */
    post: operations["postApiV1EventTargets"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/event-targets/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One event target (never its secret) */
    get: operations["getApiV1EventTargetsById"];
    put?: never;
    post?: never;
    /** Remove an event target and its delivery receipts (the events stay) */
    delete: operations["deleteApiV1EventTargetsById"];
    options?: never;
    head?: never;
    /**
     * Change an event target, or rotate its secret
     * @description A new `secret` keeps the previous one signing beside it for `previousSecretValidForMs` (webhooks), and makes deliveries that waited for credentials due now. New `eventTypes` count for events written from now on; `POST /events/replay` sends older ones.
     */
    patch: operations["patchApiV1EventTargetsById"];
    trace?: never;
  };
  "/api/v1/events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the usage events the node wrote, oldest first
     * @description `from` and `to` bound the time the node wrote them (POSIX ms, inclusive). Pages stay valid while new events arrive: pass `nextCursor` as `cursor`.
     */
    get: operations["getApiV1Events"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/events/{usageId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One usage event with each target's delivery receipt */
    get: operations["getApiV1EventsByUsageId"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/events/replay": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send one event, or the events of a time range, to a target again
     * @description Give `usageId`, or `from` and `to` (POSIX ms, inclusive; at most 10,000 events, else 409). The events are sent whatever their receipts said and whatever the target's event types; without credentials they wait (`deferred`).
     */
    post: operations["postApiV1EventsReplay"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the node is up: 200 once ready, 503 (naming the stage) while it starts */
    get: operations["getApiV1Health"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List payment requests, newest first */
    get: operations["getApiV1Payment"];
    put?: never;
    /** Create a payment request (the seller's terms, signed for the buyer) */
    post: operations["postApiV1Payment"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment-information": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What a buyer needs to pay an agent: its pricing and seller wallet
     * @description 404 for an agent never seen, 410 for one deregistered (its NFT burned), 409 for one that cannot be paid safely: invalid metadata, or its NFT held at a script address. Answers escrowd's shape and the Masumi registry service's field names at once.
     */
    get: operations["getApiV1PaymentInformation"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment-source": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The escrow this node locks in and watches
     * @description One entry: escrowd runs one escrow per network and takes no fee. Any `cursorId` ends the list.
     */
    get: operations["getApiV1PaymentSource"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read one payment by its id or its blockchainIdentifier */
    get: operations["getApiV1PaymentById"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/authorize-refund": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Authorize the buyer's refund (the seller)
     * @description Queues the escrow's AuthorizeRefund on a payment whose buyer asked for a refund. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PaymentAuthorizeRefund"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/count": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Count this network's payments
     * @description A filter naming another payment source than this node's escrow counts 0. `filterNeedsManualAction=true` counts those whose latest escrow action failed since they last changed (ignored for the registry).
     */
    get: operations["getApiV1PaymentCount"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/diff": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Payments changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed. escrowd keeps one change time per row: the three diffs answer the same rows.
     */
    get: operations["getApiV1PaymentDiff"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/diff/next-action": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Payments whose next action changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed. escrowd keeps one change time per row: the three diffs answer the same rows.
     */
    get: operations["getApiV1PaymentDiffNextAction"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/diff/onchain-state-or-result": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Payments whose on-chain state or result changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed. escrowd keeps one change time per row: the three diffs answer the same rows.
     */
    get: operations["getApiV1PaymentDiffOnchainStateOrResult"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/error-state-recovery": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Acknowledge a payment's error state (changes nothing; for the peer's clients)
     * @description escrowd needs no manual recovery: it retries what the chain refused for a passing reason and follows the chain. The route checks that `updatedAt` (ISO 8601 or POSIX ms) is the payment's last change (409 otherwise) and answers the payment as it is. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PaymentErrorStateRecovery"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/partial-refund": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Refund part of the escrow to the buyer (the seller)
     * @description Queues the escrow's PartialRefund of `amount` (base units) of `unit`. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PaymentPartialRefund"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/redeem-voucher": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Redeem the latest voucher kept (the seller)
     * @description Queues the escrow's RedeemVoucher for the voucher kept (the highest total signed). Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PaymentRedeemVoucher"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/resolve-blockchain-identifier": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Find a payment by its blockchainIdentifier */
    post: operations["postApiV1PaymentResolveBlockchainIdentifier"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/resolve-dispute": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Split a disputed escrow between seller and buyer (an admin)
     * @description Queues the escrow admins' resolution of a disputed escrow, named by the blockchainIdentifier of its payment or purchase on this node: `sellerAmounts` and `buyerAmounts` (integer strings in base units) must share out what it holds. Needs the escrow admin keys this node holds to reach the escrow's threshold (503 otherwise). Answers the payment, or the purchase, as it now is.
     */
    post: operations["postApiV1PaymentResolveDispute"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/submit-result": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit the job's result hash (the seller), queueing the escrow's SubmitResult
     * @description Only the API key that created the payment, or an admin. On metered terms the seller may claim less than the escrow holds: `usage` is charged by the payment's price sheet, or `claim` names the amounts (give one, not both).
     */
    post: operations["postApiV1PaymentSubmitResult"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/payment/voucher": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Keep the buyer's voucher (the seller)
     * @description Checks the buyer's voucher against the escrow (the buyer's key from the lock, this script, the escrow's reference) and keeps it if it raises the total held (409 otherwise) and the escrow can pay it. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PaymentVoucher"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/peers/balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The balance with one peer agent: every trade's books summed per unit and side */
    get: operations["getApiV1PeersBalance"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/peers/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The trades with one peer agent, most recent first, each with its books and usage */
    get: operations["getApiV1PeersUsage"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/preflight": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Whether this key's budgets allow a job of an agent now
     * @description Give `estimatedAmounts`, or `usage` to be quoted as `POST /quote` does (not both). Only reads: a purchase is where budgets are spent, by the same rule.
     */
    post: operations["postApiV1Preflight"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/price-sheets/{agentIdentifier}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The price sheet this node serves for an agent, and whether the chain commits it
     * @description For a buyer to check the sheet it was quoted: `hash` is recomputable from the sheet, `onChainHash` is what the agent's registry metadata commits.
     */
    get: operations["getApiV1PriceSheetsByAgentIdentifier"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List purchases, newest first */
    get: operations["getApiV1Purchase"];
    put?: never;
    /**
     * Purchase a seller's signed terms: lock the funds in the escrow
     * @description Checks the seller's terms (signed into `blockchainIdentifier`) and queues the lock from a purchasing wallet that can fund it. All four times are required, as POSIX ms. Spends the key's credits and budgets (402 when they refuse). Answers 503 while the node has no escrow address.
     */
    post: operations["postApiV1Purchase"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read one purchase by its id or its blockchainIdentifier */
    get: operations["getApiV1PurchaseById"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/cancel-refund-request": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a refund request (the buyer)
     * @description Queues the escrow's cancellation of the purchase's refund request. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PurchaseCancelRefundRequest"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/count": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Count this network's purchases
     * @description A filter naming another payment source than this node's escrow counts 0. `filterNeedsManualAction=true` counts those whose latest escrow action failed since they last changed (ignored for the registry).
     */
    get: operations["getApiV1PurchaseCount"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/diff": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Purchases changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed. escrowd keeps one change time per row: the three diffs answer the same rows.
     */
    get: operations["getApiV1PurchaseDiff"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/diff/next-action": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Purchases whose next action changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed. escrowd keeps one change time per row: the three diffs answer the same rows.
     */
    get: operations["getApiV1PurchaseDiffNextAction"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/diff/onchain-state-or-result": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Purchases whose on-chain state or result changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed. escrowd keeps one change time per row: the three diffs answer the same rows.
     */
    get: operations["getApiV1PurchaseDiffOnchainStateOrResult"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/error-state-recovery": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Acknowledge a purchase's error state (changes nothing; for the peer's clients)
     * @description escrowd needs no manual recovery: it retries what the chain refused for a passing reason and follows the chain. The route checks that `updatedAt` (ISO 8601 or POSIX ms) is the purchase's last change (409 otherwise) and answers the purchase as it is. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PurchaseErrorStateRecovery"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/release": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Release the escrow, or part of it, to the seller (the buyer)
     * @description Without `amounts`, queues the escrow's Accept: everything goes to the seller and the escrow ends. With one entry, queues a Release of that much of one unit. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PurchaseRelease"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/request-refund": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Request a refund (the buyer)
     * @description Queues the escrow's refund request on a locked purchase; a submitted result makes it a dispute. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PurchaseRequestRefund"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/resolve-blockchain-identifier": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Find a purchase by its blockchainIdentifier */
    post: operations["postApiV1PurchaseResolveBlockchainIdentifier"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the usage the buyer saw for the job
     * @description Stored with the purchase; the node checks the seller's claim against it. Counts are integer strings, a count left out is zero. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PurchaseUsage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/purchase/voucher": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign a voucher for the seller (the buyer)
     * @description Signs, with the purchasing wallet, a voucher that lets the seller redeem `total` of `unit` from the locked escrow. Totals only rise: the same total answers the stored voucher, a lower one is refused. Hand the answer to the seller. Only the API key that created it, or an admin.
     */
    post: operations["postApiV1PurchaseVoucher"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/quote": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What a job of an agent would cost, under its price sheet
     * @description The sheet is the one given (`priceSheet`), the one of a purchase (`blockchainIdentifier`), or the one this node publishes for the agent. Counts the buyer's free calls left; `ceiling` caps the charge. Only reads.
     */
    post: operations["postApiV1Quote"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List this node's registrations, newest first
     * @description Pass the last entry's `id` as `cursorId` for the next page.
     */
    get: operations["getApiV1Registry"];
    put?: never;
    /**
     * Register an agent: queue the mint of its registry NFT with its metadata
     * @description Answers at once with the registration in state `RegistrationRequested`; the node's workers mint the NFT and move the state on (`GET /registry` shows it).
     */
    post: operations["postApiV1Registry"];
    /**
     * Delete this node's record of a finished registration
     * @description Only a registration in state `RegistrationFailed` or `DeregistrationConfirmed` (else 409); the chain is not touched. Answers the record as it was.
     */
    delete: operations["deleteApiV1Registry"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry-entry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Browse the agents registered on chain under the node's registry policy
     * @description Every agent the node's indexer has seen, valid or not, active or burned, filtered and cursor-paginated. Several `tags` are comma-separated; an entry matches if it has any of them. Pass `nextCursor` as `cursorId` for the next page.
     */
    get: operations["getApiV1RegistryEntry"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry-entry/search": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search the registered agents for text in name, description or tags
     * @description The same filters and pages as `GET /registry-entry`, narrowed by `q`.
     */
    get: operations["getApiV1RegistryEntrySearch"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/agent-identifier": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of this node's agents by its agentIdentifier, with its metadata */
    get: operations["getApiV1RegistryAgentIdentifier"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/count": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Count this network's registrations
     * @description A filter naming another payment source than this node's escrow counts 0. `filterNeedsManualAction=true` counts those whose latest escrow action failed since they last changed (ignored for the registry).
     */
    get: operations["getApiV1RegistryCount"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/deregister": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deregister an agent: queue the burn of its registry NFT */
    post: operations["postApiV1RegistryDeregister"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/diff": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * This node's registrations changed since a time
     * @description The rows changed at or after `lastUpdate` (ISO 8601 or POSIX ms), oldest change first, at most `limit`. For the next page pass the last row's id as `cursorId` with the same `lastUpdate` (404 when the cursor names no row). Inclusive, so that rows changed in the millisecond of the last one seen are never missed.
     */
    get: operations["getApiV1RegistryDiff"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/price-sheet": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The price sheet of one of this node's agents, with its registration state */
    get: operations["getApiV1RegistryPriceSheet"];
    /**
     * Publish the price sheet of one of this node's agents
     * @description Stores the sheet and, when the agent's on-chain metadata does not yet commit its hash, queues the registry update that does (`committing`). A sheet that contradicts the agent's registered pricing is refused (409, naming the field).
     */
    put: operations["putApiV1RegistryPriceSheet"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/update": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Update an agent's metadata: queue the burn and re-mint of its NFT
     * @description Only an agent in a settled state may be updated (else 409). An update that names no price sheet hash keeps the one committed with the agent.
     */
    post: operations["postApiV1RegistryUpdate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/registry/wallet": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The agents a wallet holds, by its payment key hash, as indexed from the chain
     * @description Agents with invalid metadata are left out. A `smartContractAddress` other than this node's escrow address answers an empty list.
     */
    get: operations["getApiV1RegistryWallet"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An escrow's usage records, oldest first */
    get: operations["getApiV1Usage"];
    put?: never;
    /**
     * Record the usage of one escrow under a usage id the client chooses
     * @description Idempotent per node and API key: the same `usageId` with the same record answers the stored record again; with another record it is refused (409, naming the field).
     */
    post: operations["postApiV1Usage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/utxos": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An address's unspent outputs, read from the chain a page at a time
     * @description Ordered by transaction hash and output index (`order`). Lovelace is the unit `""`; a quantity above 10^14 is null, with the exact amount always in `quantityString`.
     */
    get: operations["getApiV1Utxos"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/wallet": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One hot wallet with its low-balance rules, checked against the chain now
     * @description The mnemonic is sealed on the node and never answered: `includeSecret=true` is refused (403). A wallet of another type than `walletType` is not found (404).
     */
    get: operations["getApiV1Wallet"];
    put?: never;
    /**
     * Create a funding wallet on the node's network
     * @description Its mnemonic is sealed on the node: `walletMnemonic` holds a notice, not the words.
     */
    post: operations["postApiV1Wallet"];
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Set a wallet's collection address (only null: escrowd has none)
     * @description Withdrawn and refunded funds stay in the wallet; move them with `POST /wallet/transfer-funds`. Any address but null is refused (400).
     */
    patch: operations["patchApiV1Wallet"];
    trace?: never;
  };
  "/api/v1/wallet/list": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the node's hot wallets (with each one's vkey and low-balance summary)
     * @description In creation order; `cursorId` is the last id of the previous page (404 when it names no wallet). A `paymentSourceId` other than this node's escrow lists none.
     */
    get: operations["getApiV1WalletList"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/wallet/low-balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List low-balance rules, each enabled one checked against the chain now
     * @description The first check that finds a rule Low records `lastAlertedAt`. `onlyLow=true` lists only the enabled rules found Low. A `paymentSourceId` other than this node's escrow lists none.
     */
    get: operations["getApiV1WalletLowBalance"];
    put?: never;
    /**
     * Add a low-balance rule: the wallet is Low below a threshold of one unit
     * @description Checked against the chain's balance at once. Automatic top-ups are not offered: `topupEnabled` may only be false; move funds with `POST /wallet/transfer-funds`.
     */
    post: operations["postApiV1WalletLowBalance"];
    /** Delete a low-balance rule */
    delete: operations["deleteApiV1WalletLowBalance"];
    options?: never;
    head?: never;
    /**
     * Change a low-balance rule's threshold or switch it on or off
     * @description Checked against the chain's balance at once (a new threshold resets its status).
     */
    patch: operations["patchApiV1WalletLowBalance"];
    trace?: never;
  };
  "/api/v1/wallet/transfer-funds": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List fund transfers (or one by id), with their transaction's status */
    get: operations["getApiV1WalletTransferFunds"];
    put?: never;
    /**
     * Send lovelace and tokens out of one of the node's wallets (queued for submission)
     * @description The transfer is queued for the submitter, which signs and submits it; its status is Pending until the chain confirms the transaction. Amounts are positive integer strings in base units. A `fromWalletAddress` that is not one of the node's wallets is not found (404).
     */
    post: operations["postApiV1WalletTransferFunds"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    Error: {
      /** @description `field` names the offending input, where there is one */
      error: {
        field?: string;
        message: string;
      } & {
        [key: string]: unknown;
      };
      /** @constant */
      status: "error";
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  getApiV1ApiKey: {
    parameters: {
      query?: {
        cursorId?: string;
        take?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              ApiKeys: {
                canAdmin: boolean;
                canPay: boolean;
                canRead: boolean;
                /** @description Always empty on escrowd */
                ChainIdLimit: string[];
                /** @description `admin` for the configured ADMIN_KEY */
                id: string;
                /** @description The networks the key may be used on */
                NetworkLimit: ("Preprod" | "Mainnet")[];
                /** @enum {string} */
                permission: "Read" | "ReadAndPay" | "Admin";
                /** @description What the key may still spend, per unit (ADA as `lovelace`) */
                RemainingUsageCredits: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  unit: string;
                }[];
                /** @enum {string} */
                status: "Active" | "Revoked";
                /** @description Masked: the key's prefix followed by a notice. The node keeps only a hash of each token, so only the creating POST answers the usable token */
                token: string;
                /** @description The token's public prefix, enough to tell keys apart (additive to the peer) */
                tokenPrefix: string;
                /** @description Whether the key's purchases spend its credits (and cap its payment requests) */
                usageLimited: boolean;
                /** @constant */
                walletScopeEnabled: false;
                WalletScopes: {
                  hotWalletId: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1ApiKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          canAdmin?: boolean;
          canPay?: boolean;
          canRead?: boolean;
          /**
           * @default [
           *       "Mainnet",
           *       "Preprod"
           *     ]
           */
          NetworkLimit?: ("Preprod" | "Mainnet")[];
          /** @enum {string} */
          permission?: "Read" | "ReadAndPay" | "Admin";
          UsageCredits?: {
            amount: string;
            unit: string;
          }[];
          usageLimited?: boolean | ("true" | "false");
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The new API key, with its token */
            data: {
              canAdmin: boolean;
              canPay: boolean;
              canRead: boolean;
              /** @description Always empty on escrowd */
              ChainIdLimit: string[];
              /** @description `admin` for the configured ADMIN_KEY */
              id: string;
              /** @description The networks the key may be used on */
              NetworkLimit: ("Preprod" | "Mainnet")[];
              /** @enum {string} */
              permission: "Read" | "ReadAndPay" | "Admin";
              /** @description What the key may still spend, per unit (ADA as `lovelace`) */
              RemainingUsageCredits: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                unit: string;
              }[];
              /** @enum {string} */
              status: "Active" | "Revoked";
              /** @description The usable token, answered once: store it now, the node keeps only a hash. A replay of the request (same Idempotency-Key) answers without it */
              token?: string;
              /** @description The token's public prefix, enough to tell keys apart (additive to the peer) */
              tokenPrefix: string;
              /** @description Whether the key's purchases spend its credits (and cap its payment requests) */
              usageLimited: boolean;
              /** @constant */
              walletScopeEnabled: false;
              WalletScopes: {
                hotWalletId: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteApiV1ApiKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          id: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An API key, with its token masked */
            data: {
              canAdmin: boolean;
              canPay: boolean;
              canRead: boolean;
              /** @description Always empty on escrowd */
              ChainIdLimit: string[];
              /** @description `admin` for the configured ADMIN_KEY */
              id: string;
              /** @description The networks the key may be used on */
              NetworkLimit: ("Preprod" | "Mainnet")[];
              /** @enum {string} */
              permission: "Read" | "ReadAndPay" | "Admin";
              /** @description What the key may still spend, per unit (ADA as `lovelace`) */
              RemainingUsageCredits: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                unit: string;
              }[];
              /** @enum {string} */
              status: "Active" | "Revoked";
              /** @description Masked: the key's prefix followed by a notice. The node keeps only a hash of each token, so only the creating POST answers the usable token */
              token: string;
              /** @description The token's public prefix, enough to tell keys apart (additive to the peer) */
              tokenPrefix: string;
              /** @description Whether the key's purchases spend its credits (and cap its payment requests) */
              usageLimited: boolean;
              /** @constant */
              walletScopeEnabled: false;
              WalletScopes: {
                hotWalletId: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  patchApiV1ApiKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          id: string;
          NetworkLimit?: ("Preprod" | "Mainnet")[];
          /** @enum {string} */
          status?: "Active" | "Revoked";
          UsageCreditsToAddOrRemove?: {
            amount: string;
            unit: string;
          }[];
          usageLimited?: boolean;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An API key, with its token masked */
            data: {
              canAdmin: boolean;
              canPay: boolean;
              canRead: boolean;
              /** @description Always empty on escrowd */
              ChainIdLimit: string[];
              /** @description `admin` for the configured ADMIN_KEY */
              id: string;
              /** @description The networks the key may be used on */
              NetworkLimit: ("Preprod" | "Mainnet")[];
              /** @enum {string} */
              permission: "Read" | "ReadAndPay" | "Admin";
              /** @description What the key may still spend, per unit (ADA as `lovelace`) */
              RemainingUsageCredits: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                unit: string;
              }[];
              /** @enum {string} */
              status: "Active" | "Revoked";
              /** @description Masked: the key's prefix followed by a notice. The node keeps only a hash of each token, so only the creating POST answers the usable token */
              token: string;
              /** @description The token's public prefix, enough to tell keys apart (additive to the peer) */
              tokenPrefix: string;
              /** @description Whether the key's purchases spend its credits (and cap its payment requests) */
              usageLimited: boolean;
              /** @constant */
              walletScopeEnabled: false;
              WalletScopes: {
                hotWalletId: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1ApiKeyStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The calling API key, with its token masked */
            data: {
              canAdmin: boolean;
              canPay: boolean;
              canRead: boolean;
              /** @description Always empty on escrowd */
              ChainIdLimit: string[];
              /** @description `admin` for the configured ADMIN_KEY */
              id: string;
              /** @description The networks the key may be used on */
              NetworkLimit: ("Preprod" | "Mainnet")[];
              /** @enum {string} */
              permission: "Read" | "ReadAndPay" | "Admin";
              /** @description What the key may still spend, per unit (ADA as `lovelace`) */
              RemainingUsageCredits: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                unit: string;
              }[];
              /** @enum {string} */
              status: "Active" | "Revoked";
              /** @description Masked: the key's prefix followed by a notice. The node keeps only a hash of each token, so only the creating POST answers the usable token */
              token: string;
              /** @description The token's public prefix, enough to tell keys apart (additive to the peer) */
              tokenPrefix?: string;
              /** @description Whether the key's purchases spend its credits (and cap its payment requests) */
              usageLimited: boolean;
              /** @constant */
              walletScopeEnabled: false;
              WalletScopes: {
                hotWalletId: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Balance: {
    parameters: {
      query: {
        address: string;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description Lovelace first, then each token held */
              Balance: {
                /** @description The amount as a JSON number, null above 10^14 (the peer's range) */
                quantity: number | null;
                /** @description The exact amount (additive to the peer) */
                quantityString: string;
                /** @description `""` for lovelace, else policy id + asset name (hex) */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Budgets: {
    parameters: {
      query: {
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Budgets: {
                /** @description the agent it limits spending on; null: every agent */
                agentIdentifier: string | null;
                /** @description the key it limits; null: the whole node */
                apiKeyId: string | null;
                /** @description POSIX milliseconds */
                createdAt: string;
                /** @description the API key that set it */
                createdBy: string;
                id: string;
                /** @description an integer amount in the unit's base units */
                limitAmount: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /**
                 * @description a UTC calendar period, or `total`
                 * @enum {string}
                 */
                period: "day" | "week" | "month" | "total";
                /** @description POSIX milliseconds; null for `total` */
                periodEnd: string | null;
                /** @description POSIX milliseconds */
                periodStart: string;
                /** @description the most one purchase may lock; null: no ceiling */
                perRequestCeiling: string | null;
                /** @description left in the current period */
                remainingAmount: string;
                /** @description spent in the current period */
                spentAmount: string;
                /** @description `lovelace`, or policy id + asset name hex */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Budgets: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier?: string | null;
          apiKeyId?: string | null;
          limitAmount: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          /** @enum {string} */
          period: "day" | "week" | "month" | "total";
          perRequestCeiling?: string | null;
          unit: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description the agent it limits spending on; null: every agent */
              agentIdentifier: string | null;
              /** @description the key it limits; null: the whole node */
              apiKeyId: string | null;
              /** @description POSIX milliseconds */
              createdAt: string;
              /** @description the API key that set it */
              createdBy: string;
              id: string;
              /** @description an integer amount in the unit's base units */
              limitAmount: string;
              /** @enum {string} */
              network: "Preprod" | "Mainnet";
              /**
               * @description a UTC calendar period, or `total`
               * @enum {string}
               */
              period: "day" | "week" | "month" | "total";
              /** @description POSIX milliseconds; null for `total` */
              periodEnd: string | null;
              /** @description POSIX milliseconds */
              periodStart: string;
              /** @description the most one purchase may lock; null: no ceiling */
              perRequestCeiling: string | null;
              /** @description left in the current period */
              remainingAmount: string;
              /** @description spent in the current period */
              spentAmount: string;
              /** @description `lovelace`, or policy id + asset name hex */
              unit: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteApiV1BudgetsById: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description POSIX milliseconds */
              deletedAt: string;
              id: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1EventTargets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              targets: {
                /** @description The kind's config as given (no secret is ever part of it) */
                config:
                  | {
                      url: string;
                    }
                  | {
                      apiBase?: string;
                      /** @enum {string} */
                      customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                      customers: {
                        [key: string]: string;
                      };
                      eventName: string;
                      value:
                        | {
                            /** @constant */
                            source: "count";
                          }
                        | {
                            /** @constant */
                            source: "amount";
                            unit: "lovelace" | string;
                          }
                        | {
                            /** @constant */
                            source: "voucher";
                            unit: "lovelace" | string;
                          }
                        | {
                            key: string;
                            /** @constant */
                            source: "usage";
                          };
                    }
                  | {
                      /** @enum {string} */
                      customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                      customers: {
                        [key: string]: string;
                      };
                      dimensions: {
                        [key: string]: string;
                      };
                      endpoint?: string;
                      productCode: string;
                      region: string;
                      value:
                        | {
                            /** @constant */
                            source: "count";
                          }
                        | {
                            /** @constant */
                            source: "amount";
                            unit: "lovelace" | string;
                          }
                        | {
                            /** @constant */
                            source: "voucher";
                            unit: "lovelace" | string;
                          }
                        | {
                            key: string;
                            /** @constant */
                            source: "usage";
                          };
                    };
                /** @description POSIX milliseconds */
                createdAt: string;
                enabled: boolean;
                /** @description `["*"]` for every type */
                eventTypes: string[];
                /** @description Whether credentials are set (never answered) */
                hasSecret: boolean;
                id: string;
                /** @enum {string} */
                kind: "webhook" | "stripe" | "aws";
                name: string;
                /** @description During a rotation, until when the previous secret still signs (POSIX ms) */
                previousSecretValidUntil: string | null;
                /** @description POSIX milliseconds */
                updatedAt: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1EventTargets: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          config: unknown;
          enabled?: boolean;
          eventTypes?: string[];
          /** @enum {string} */
          kind: "webhook" | "stripe" | "aws";
          name: string;
          secret?: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The new event target; a generated webhook secret, once */
            data: {
              /** @description The kind's config as given (no secret is ever part of it) */
              config:
                | {
                    url: string;
                  }
                | {
                    apiBase?: string;
                    /** @enum {string} */
                    customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                    customers: {
                      [key: string]: string;
                    };
                    eventName: string;
                    value:
                      | {
                          /** @constant */
                          source: "count";
                        }
                      | {
                          /** @constant */
                          source: "amount";
                          unit: "lovelace" | string;
                        }
                      | {
                          /** @constant */
                          source: "voucher";
                          unit: "lovelace" | string;
                        }
                      | {
                          key: string;
                          /** @constant */
                          source: "usage";
                        };
                  }
                | {
                    /** @enum {string} */
                    customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                    customers: {
                      [key: string]: string;
                    };
                    dimensions: {
                      [key: string]: string;
                    };
                    endpoint?: string;
                    productCode: string;
                    region: string;
                    value:
                      | {
                          /** @constant */
                          source: "count";
                        }
                      | {
                          /** @constant */
                          source: "amount";
                          unit: "lovelace" | string;
                        }
                      | {
                          /** @constant */
                          source: "voucher";
                          unit: "lovelace" | string;
                        }
                      | {
                          key: string;
                          /** @constant */
                          source: "usage";
                        };
                  };
              /** @description POSIX milliseconds */
              createdAt: string;
              enabled: boolean;
              /** @description `["*"]` for every type */
              eventTypes: string[];
              /** @description Whether credentials are set (never answered) */
              hasSecret: boolean;
              id: string;
              /** @enum {string} */
              kind: "webhook" | "stripe" | "aws";
              name: string;
              /** @description During a rotation, until when the previous secret still signs (POSIX ms) */
              previousSecretValidUntil: string | null;
              /** @description Only when a webhook was created without a secret: the signing secret the node generated (`whsec_…`), answered once — a replay of the request does not carry it */
              secret?: string;
              /** @description POSIX milliseconds */
              updatedAt: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1EventTargetsById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An event target, without its secret */
            data: {
              /** @description The kind's config as given (no secret is ever part of it) */
              config:
                | {
                    url: string;
                  }
                | {
                    apiBase?: string;
                    /** @enum {string} */
                    customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                    customers: {
                      [key: string]: string;
                    };
                    eventName: string;
                    value:
                      | {
                          /** @constant */
                          source: "count";
                        }
                      | {
                          /** @constant */
                          source: "amount";
                          unit: "lovelace" | string;
                        }
                      | {
                          /** @constant */
                          source: "voucher";
                          unit: "lovelace" | string;
                        }
                      | {
                          key: string;
                          /** @constant */
                          source: "usage";
                        };
                  }
                | {
                    /** @enum {string} */
                    customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                    customers: {
                      [key: string]: string;
                    };
                    dimensions: {
                      [key: string]: string;
                    };
                    endpoint?: string;
                    productCode: string;
                    region: string;
                    value:
                      | {
                          /** @constant */
                          source: "count";
                        }
                      | {
                          /** @constant */
                          source: "amount";
                          unit: "lovelace" | string;
                        }
                      | {
                          /** @constant */
                          source: "voucher";
                          unit: "lovelace" | string;
                        }
                      | {
                          key: string;
                          /** @constant */
                          source: "usage";
                        };
                  };
              /** @description POSIX milliseconds */
              createdAt: string;
              enabled: boolean;
              /** @description `["*"]` for every type */
              eventTypes: string[];
              /** @description Whether credentials are set (never answered) */
              hasSecret: boolean;
              id: string;
              /** @enum {string} */
              kind: "webhook" | "stripe" | "aws";
              name: string;
              /** @description During a rotation, until when the previous secret still signs (POSIX ms) */
              previousSecretValidUntil: string | null;
              /** @description POSIX milliseconds */
              updatedAt: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteApiV1EventTargetsById: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @constant */
              deleted: true;
              id: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  patchApiV1EventTargetsById: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          config?: unknown;
          enabled?: boolean;
          eventTypes?: string[];
          name?: string;
          previousSecretValidForMs?: number;
          secret?: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description An event target, without its secret */
            data: {
              /** @description The kind's config as given (no secret is ever part of it) */
              config:
                | {
                    url: string;
                  }
                | {
                    apiBase?: string;
                    /** @enum {string} */
                    customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                    customers: {
                      [key: string]: string;
                    };
                    eventName: string;
                    value:
                      | {
                          /** @constant */
                          source: "count";
                        }
                      | {
                          /** @constant */
                          source: "amount";
                          unit: "lovelace" | string;
                        }
                      | {
                          /** @constant */
                          source: "voucher";
                          unit: "lovelace" | string;
                        }
                      | {
                          key: string;
                          /** @constant */
                          source: "usage";
                        };
                  }
                | {
                    /** @enum {string} */
                    customerBy: "buyerVkey" | "sellerVkey" | "agentIdentifier";
                    customers: {
                      [key: string]: string;
                    };
                    dimensions: {
                      [key: string]: string;
                    };
                    endpoint?: string;
                    productCode: string;
                    region: string;
                    value:
                      | {
                          /** @constant */
                          source: "count";
                        }
                      | {
                          /** @constant */
                          source: "amount";
                          unit: "lovelace" | string;
                        }
                      | {
                          /** @constant */
                          source: "voucher";
                          unit: "lovelace" | string;
                        }
                      | {
                          key: string;
                          /** @constant */
                          source: "usage";
                        };
                  };
              /** @description POSIX milliseconds */
              createdAt: string;
              enabled: boolean;
              /** @description `["*"]` for every type */
              eventTypes: string[];
              /** @description Whether credentials are set (never answered) */
              hasSecret: boolean;
              id: string;
              /** @enum {string} */
              kind: "webhook" | "stripe" | "aws";
              name: string;
              /** @description During a rotation, until when the previous secret still signs (POSIX ms) */
              previousSecretValidUntil: string | null;
              /** @description POSIX milliseconds */
              updatedAt: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Events: {
    parameters: {
      query?: {
        agentIdentifier?: string;
        blockchainIdentifier?: string;
        cursor?: string;
        from?: string | number;
        limit?: number;
        to?: string | number;
        type?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description Oldest first */
              events: {
                agentIdentifier: string;
                /** @description The job's price (the signed terms) */
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                blockchainIdentifier: string;
                /** @description Null on a payment not yet locked */
                buyerVkey: string | null;
                /** @description The block's time, null off chain */
                chainTimeMs: number | null;
                /** @description A metered escrow's claim */
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                /** @description When the node wrote the event */
                createdAtMs: number;
                /** @description Why a lock does not pay */
                invalidReason: string | null;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @description When the node saw the change */
                nodeTimeMs: number;
                /** @description Paid out by this change */
                paidToBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                /** @description Paid out by this change */
                paidToSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                resultHash: string | null;
                /** @enum {string} */
                role: "seller" | "buyer";
                sellerVkey: string;
                /** @description The payment's or purchase's state after the change */
                state: string;
                txHash: string | null;
                /** @enum {string} */
                type:
                  | "payment.funds_locked"
                  | "payment.lock_invalid"
                  | "payment.result_submitted"
                  | "payment.claim_submitted"
                  | "payment.refund_requested"
                  | "payment.disputed"
                  | "payment.refund_cancelled"
                  | "payment.refund_authorized"
                  | "payment.released"
                  | "payment.partially_refunded"
                  | "payment.voucher_redeemed"
                  | "payment.withdrawn"
                  | "payment.accepted"
                  | "payment.refunded"
                  | "payment.dispute_resolved"
                  | "payment.escrow_changed"
                  | "payment.expired"
                  | "payment.voucher_updated"
                  | "payment.usage_reported"
                  | "purchase.funds_locked"
                  | "purchase.lock_invalid"
                  | "purchase.result_submitted"
                  | "purchase.claim_submitted"
                  | "purchase.refund_requested"
                  | "purchase.disputed"
                  | "purchase.refund_cancelled"
                  | "purchase.refund_authorized"
                  | "purchase.released"
                  | "purchase.partially_refunded"
                  | "purchase.voucher_redeemed"
                  | "purchase.withdrawn"
                  | "purchase.accepted"
                  | "purchase.refunded"
                  | "purchase.dispute_resolved"
                  | "purchase.escrow_changed"
                  | "purchase.expired"
                  | "purchase.voucher_updated"
                  | "purchase.usage_reported"
                  | "usage.recorded";
                /** @description A usage record's counts (integer strings), else null */
                usage: {
                  [key: string]: unknown;
                } | null;
                /** @description `ue_` and 48 hex digits, the same for a re-read */
                usageId: string;
                /** @description A voucher_updated's running total and rise, else null */
                voucher: {
                  /** @description an integer amount in the unit's base units */
                  increment: string;
                  /** @description an integer amount in the unit's base units */
                  total: string;
                  unit: string;
                } | null;
              }[];
              /** @description Pass as `cursor` for the next page */
              nextCursor: string | null;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1EventsByUsageId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        usageId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A usage event with each target's receipt */
            data: {
              agentIdentifier: string;
              /** @description The job's price (the signed terms) */
              amounts: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              blockchainIdentifier: string;
              /** @description Null on a payment not yet locked */
              buyerVkey: string | null;
              /** @description The block's time, null off chain */
              chainTimeMs: number | null;
              /** @description A metered escrow's claim */
              claim:
                | {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[]
                | null;
              /** @description When the node wrote the event */
              createdAtMs: number;
              /** @description Why a lock does not pay */
              invalidReason: string | null;
              /** @enum {string} */
              network: "Preprod" | "Mainnet";
              /** @description When the node saw the change */
              nodeTimeMs: number;
              /** @description Paid out by this change */
              paidToBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description Paid out by this change */
              paidToSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description One per target it goes to */
              receipts: {
                attempts: number;
                dispatchedAtMs: number | null;
                /** @enum {string} */
                kind: "webhook" | "stripe" | "aws";
                /** @description The last answer or error, cut short */
                lastError: string | null;
                lastStatusCode: number | null;
                /** @description POSIX milliseconds */
                nextAttemptAtMs: number;
                /**
                 * @description deferred: waiting for the target's credentials
                 * @enum {string}
                 */
                status: "pending" | "delivered" | "deferred" | "skipped" | "failed";
                targetId: string;
                targetName: string;
              }[];
              resultHash: string | null;
              /** @enum {string} */
              role: "seller" | "buyer";
              sellerVkey: string;
              /** @description The payment's or purchase's state after the change */
              state: string;
              txHash: string | null;
              /** @enum {string} */
              type:
                | "payment.funds_locked"
                | "payment.lock_invalid"
                | "payment.result_submitted"
                | "payment.claim_submitted"
                | "payment.refund_requested"
                | "payment.disputed"
                | "payment.refund_cancelled"
                | "payment.refund_authorized"
                | "payment.released"
                | "payment.partially_refunded"
                | "payment.voucher_redeemed"
                | "payment.withdrawn"
                | "payment.accepted"
                | "payment.refunded"
                | "payment.dispute_resolved"
                | "payment.escrow_changed"
                | "payment.expired"
                | "payment.voucher_updated"
                | "payment.usage_reported"
                | "purchase.funds_locked"
                | "purchase.lock_invalid"
                | "purchase.result_submitted"
                | "purchase.claim_submitted"
                | "purchase.refund_requested"
                | "purchase.disputed"
                | "purchase.refund_cancelled"
                | "purchase.refund_authorized"
                | "purchase.released"
                | "purchase.partially_refunded"
                | "purchase.voucher_redeemed"
                | "purchase.withdrawn"
                | "purchase.accepted"
                | "purchase.refunded"
                | "purchase.dispute_resolved"
                | "purchase.escrow_changed"
                | "purchase.expired"
                | "purchase.voucher_updated"
                | "purchase.usage_reported"
                | "usage.recorded";
              /** @description A usage record's counts (integer strings), else null */
              usage: {
                [key: string]: unknown;
              } | null;
              /** @description `ue_` and 48 hex digits, the same for a re-read */
              usageId: string;
              /** @description A voucher_updated's running total and rise, else null */
              voucher: {
                /** @description an integer amount in the unit's base units */
                increment: string;
                /** @description an integer amount in the unit's base units */
                total: string;
                unit: string;
              } | null;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1EventsReplay: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          from?: string | number;
          /** Format: uuid */
          targetId: string;
          to?: string | number;
          usageId?: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description How many receipts were made due again */
              replayed: number;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @constant */
              status: "ok";
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Payment: {
    parameters: {
      query: {
        blockchainIdentifier?: string;
        cursorId?: string;
        filterOnChainState?:
          | "FundsLocked"
          | "ResultSubmitted"
          | "RefundRequested"
          | "Disputed"
          | "RefundAuthorized"
          | "Withdrawn"
          | "RefundWithdrawn"
          | "DisputedWithdrawn"
          | "FundsOrDatumInvalid";
        includeHistory?: "true" | "false";
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              nextCursorId: string | null;
              Payments: {
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      resultHash: string | null;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                agentName: string | null;
                blockchainIdentifier: string;
                buyerReturnAddress: null;
                BuyerWallet: null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                CurrentTransaction: null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  resultHash?: string | null;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @enum {string} */
                pricingType: "Fixed" | "Dynamic";
                requestedById: string | null;
                RequestedFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                resultHash: string | null;
                sellerReturnAddress: string | null;
                sellerVKey: string | null;
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                tierName: string | null;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Payment: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          autoRelease?: boolean;
          externalDisputeUnlockTime?: unknown;
          identifierFromPurchaser: string;
          inputHash: string;
          metadata?: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          payByTime?: unknown;
          priceSheet?: unknown;
          RequestedFunds?: unknown;
          submitResultTime?: unknown;
          tierName?: string;
          unlockTime?: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Refused by a budget or the key's remaining credits */
      402: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentInformation: {
    parameters: {
      query: {
        agentIdentifier: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              agentIdentifier: string;
              AgentPricing: {
                /** @description `Pricing` again, as the peer's registry names it */
                FixedPricing?: {
                  Amounts: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                };
                Pricing?: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description "" for lovelace, else policy id + asset name hex */
                  unit: string;
                }[];
                /** @enum {string} */
                pricingType: "Free" | "Fixed" | "Dynamic";
                Tiers?: {
                  name: string;
                  Pricing: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                }[];
              };
              apiBaseUrl: string;
              assetName: string;
              Author: {
                contactEmail: string | null;
                contactOther: string | null;
                name: string;
                organization: string | null;
              };
              Capability: {
                name: string | null;
                version: string | null;
              };
              description: string | null;
              ExampleOutputs: {
                mimeType: string;
                name: string;
                url: string;
              }[];
              image: string | null;
              Legal: {
                other: string | null;
                privacyPolicy: string | null;
                terms: string | null;
              };
              Metadata: {
                /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                AgentPricing: {
                  Pricing?: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                  /** @enum {string} */
                  pricingType: "Free" | "Fixed" | "Dynamic";
                  Tiers?: {
                    name: string;
                    Pricing: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description "" for lovelace, else policy id + asset name hex */
                      unit: string;
                    }[];
                  }[];
                };
                apiBaseUrl: string;
                Author: {
                  contactEmail: string | null;
                  contactOther: string | null;
                  name: string;
                  organization: string | null;
                };
                Capability: {
                  name: string | null;
                  version: string | null;
                };
                description: string | null;
                ExampleOutputs: {
                  mimeType: string;
                  name: string;
                  url: string;
                }[];
                image: string | null;
                Legal: {
                  other: string | null;
                  privacyPolicy: string | null;
                  terms: string | null;
                };
                name: string;
                Tags: string[];
              };
              name: string;
              policyId: string;
              /** @description the same, as the peer's registry names it */
              sellerWallet: {
                address: string;
                /** @description the seller's payment key hash */
                vkey: string;
              };
              SellerWallet: {
                address: string;
                /** @description the seller's payment key hash */
                vkey: string;
              };
              Tags: string[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Refused */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentSource: {
    parameters: {
      query?: {
        cursorId?: string;
        take?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description the node's one escrow; empty before it is set up, or past the cursor */
              PaymentSources: {
                /** @description the escrow's dispute admins as enterprise addresses, in order */
                AdminWallets: {
                  order: number;
                  walletAddress: string;
                }[];
                /**
                 * Format: date-time
                 * @description when the node's first wallet was made
                 */
                createdAt: string;
                /**
                 * @description escrowd takes no fee
                 * @constant
                 */
                feeRatePermille: 0;
                FeeReceiverNetworkWallet: null;
                /** @description `escrow-<network>` */
                id: string;
                lastCheckedAt: null;
                lastIdentifierChecked: null;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                /** @description how many escrow admins resolve a dispute; null if not configured */
                requiredAdminSignatures: number | null;
                smartContractAddress: string;
                /** Format: date-time */
                updatedAt: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentById: {
    parameters: {
      query?: {
        /** @description "true" to include ActionHistory */
        includeHistory?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentAuthorizeRefund: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentCount: {
    parameters: {
      query: {
        filterNeedsManualAction?: "true" | "false";
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description how many there are on this network */
              total: number;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentDiff: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Payments: {
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      resultHash: string | null;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                agentName: string | null;
                blockchainIdentifier: string;
                buyerReturnAddress: null;
                BuyerWallet: null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                CurrentTransaction: null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  resultHash?: string | null;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @enum {string} */
                pricingType: "Fixed" | "Dynamic";
                requestedById: string | null;
                RequestedFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                resultHash: string | null;
                sellerReturnAddress: string | null;
                sellerVKey: string | null;
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                tierName: string | null;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentDiffNextAction: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Payments: {
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      resultHash: string | null;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                agentName: string | null;
                blockchainIdentifier: string;
                buyerReturnAddress: null;
                BuyerWallet: null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                CurrentTransaction: null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  resultHash?: string | null;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @enum {string} */
                pricingType: "Fixed" | "Dynamic";
                requestedById: string | null;
                RequestedFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                resultHash: string | null;
                sellerReturnAddress: string | null;
                sellerVKey: string | null;
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                tierName: string | null;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PaymentDiffOnchainStateOrResult: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Payments: {
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      resultHash: string | null;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                agentName: string | null;
                blockchainIdentifier: string;
                buyerReturnAddress: null;
                BuyerWallet: null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                CurrentTransaction: null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  resultHash?: string | null;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @enum {string} */
                pricingType: "Fixed" | "Dynamic";
                requestedById: string | null;
                RequestedFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                resultHash: string | null;
                sellerReturnAddress: string | null;
                sellerVKey: string | null;
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                tierName: string | null;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentErrorStateRecovery: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          retryPreviousAction?: boolean;
          updatedAt: string | number;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentPartialRefund: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount: string;
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          unit: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentRedeemVoucher: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentResolveBlockchainIdentifier: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          includeHistory?: boolean | ("true" | "false");
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentResolveDispute: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          buyerAmounts: {
            amount: string;
            unit: string;
          }[];
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          sellerAmounts: {
            amount: string;
            unit: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The payment, or the purchase, whose escrow the resolution splits */
            data:
              | {
                  ActionHistory:
                    | {
                        action: string;
                        /** Format: date-time */
                        createdAt: string;
                        errorNote: string | null;
                        errorType: "Unknown" | null;
                        id: string;
                        requestedAction: string;
                        resultHash: string | null;
                        status: string;
                        submittedTxHash: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                      }[]
                    | null;
                  agentIdentifier: string;
                  agentName: string | null;
                  blockchainIdentifier: string;
                  buyerReturnAddress: null;
                  BuyerWallet: null;
                  collateralReturnLovelace: null;
                  cooldownTime: number;
                  cooldownTimeOtherParty: number;
                  /** Format: date-time */
                  createdAt: string;
                  CurrentTransaction: null;
                  escrowId: string | null;
                  escrowReference: string;
                  /** @description POSIX milliseconds */
                  externalDisputeUnlockTime: string;
                  id: string;
                  identifierFromPurchaser: string;
                  inputHash: string;
                  invalidReason: string | null;
                  lastCheckedAt: null;
                  metadata: string | null;
                  /** @description The escrow's books: what was locked, released, refunded and paid */
                  meter: {
                    amounts: {
                      /** @description an integer amount in the unit's base units */
                      locked: string;
                      /** @description an integer amount in the unit's base units */
                      paidToBuyer: string;
                      /** @description an integer amount in the unit's base units */
                      paidToSeller: string;
                      /** @description an integer amount in the unit's base units */
                      redeemed: string;
                      /** @description an integer amount in the unit's base units */
                      refunded: string;
                      /** @description an integer amount in the unit's base units */
                      released: string;
                      /** @description an integer amount in the unit's base units */
                      remaining: string;
                      unit: string;
                    }[];
                    autoRelease: boolean;
                    claim:
                      | {
                          /** @description an integer amount in the unit's base units */
                          amount: string;
                          /** @description policy id + asset name hex; lovelace as the route says */
                          unit: string;
                        }[]
                      | null;
                    priceSheetHash: string | null;
                    transactions: {
                      /** @description "Lock" for the lock, else the step */
                      action: string | null;
                      blockTimeMs: number;
                      toBuyer: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[];
                      toSeller: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[];
                      txHash: string;
                    }[];
                    /** @description an integer amount in the unit's base units */
                    voucherTotal: string;
                  };
                  NextAction: {
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    requestedAction: string;
                    resultHash?: string | null;
                    /** @description a queued action waits for the chain's time */
                    waitUntil?: string;
                  };
                  /** Format: date-time */
                  nextActionLastChangedAt: string;
                  /** Format: date-time */
                  nextActionOrOnChainStateOrResultLastChangedAt: string;
                  /** @description the peer's onChainState; null before a lock */
                  onChainState:
                    | (
                        | "FundsLocked"
                        | "ResultSubmitted"
                        | "RefundRequested"
                        | "Disputed"
                        | "RefundAuthorized"
                        | "Withdrawn"
                        | "RefundWithdrawn"
                        | "DisputedWithdrawn"
                        | "FundsOrDatumInvalid"
                      )
                    | null;
                  /** Format: date-time */
                  onChainStateOrResultLastChangedAt: string;
                  /** @description POSIX milliseconds */
                  payByTime: string;
                  PaymentSource: {
                    id: string;
                    /** @enum {string} */
                    network: "Preprod" | "Mainnet";
                    /** @constant */
                    paymentSourceType: "Web3CardanoV1";
                    /** @description the registry policy whose agents this node serves */
                    policyId: string;
                    smartContractAddress: string | null;
                  };
                  /** @enum {string} */
                  pricingType: "Fixed" | "Dynamic";
                  requestedById: string | null;
                  RequestedFunds: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  resultHash: string | null;
                  sellerReturnAddress: string | null;
                  sellerVKey: string | null;
                  SmartContractWallet: {
                    id: string;
                    walletAddress: string;
                    walletVkey: string;
                  } | null;
                  /**
                   * @description escrowd's state
                   * @enum {string}
                   */
                  state:
                    | "WaitingForFunds"
                    | "Expired"
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid";
                  /** @description POSIX milliseconds */
                  submitResultTime: string;
                  tierName: string | null;
                  totalBuyerCardanoFees: number;
                  totalSellerCardanoFees: number;
                  TransactionHistory: unknown[];
                  /** @description POSIX milliseconds */
                  unlockTime: string;
                  /** Format: date-time */
                  updatedAt: string;
                  WithdrawnForBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  WithdrawnForSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                }
              | {
                  /** @description the buyer's actions; null unless `includeHistory` */
                  ActionHistory:
                    | {
                        action: string;
                        /** Format: date-time */
                        createdAt: string;
                        errorNote: string | null;
                        errorType: "Unknown" | null;
                        id: string;
                        requestedAction: string;
                        status: string;
                        submittedTxHash: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                      }[]
                    | null;
                  agentIdentifier: string;
                  /** @description from the registry; null if unknown */
                  agentName: string | null;
                  blockchainIdentifier: string;
                  /** @description the purchasing wallet's address */
                  buyerReturnAddress: string | null;
                  collateralReturnLovelace: null;
                  cooldownTime: number;
                  cooldownTimeOtherParty: number;
                  /** Format: date-time */
                  createdAt: string;
                  /** @description The lock's transaction once built; null before and for later steps */
                  CurrentTransaction: {
                    blockHeight: null;
                    blockTime: null;
                    confirmations: null;
                    /** Format: date-time */
                    createdAt: string;
                    fees: null;
                    /** @description the transaction's hash */
                    id: string;
                    /** @constant */
                    newOnChainState: "FundsLocked";
                    previousOnChainState: null;
                    /** @enum {string} */
                    status: "Pending" | "Confirmed";
                    txHash: string;
                    /** Format: date-time */
                    updatedAt: string;
                  } | null;
                  escrowId: string | null;
                  escrowReference: string;
                  /** @description POSIX milliseconds */
                  externalDisputeUnlockTime: string;
                  id: string;
                  identifierFromPurchaser: string;
                  inputHash: string;
                  invalidReason: string | null;
                  lastCheckedAt: null;
                  metadata: string | null;
                  /** @description The escrow's books: what was locked, released, refunded and paid */
                  meter: {
                    amounts: {
                      /** @description an integer amount in the unit's base units */
                      locked: string;
                      /** @description an integer amount in the unit's base units */
                      paidToBuyer: string;
                      /** @description an integer amount in the unit's base units */
                      paidToSeller: string;
                      /** @description an integer amount in the unit's base units */
                      redeemed: string;
                      /** @description an integer amount in the unit's base units */
                      refunded: string;
                      /** @description an integer amount in the unit's base units */
                      released: string;
                      /** @description an integer amount in the unit's base units */
                      remaining: string;
                      unit: string;
                    }[];
                    autoRelease: boolean;
                    claim:
                      | {
                          /** @description an integer amount in the unit's base units */
                          amount: string;
                          /** @description policy id + asset name hex; lovelace as the route says */
                          unit: string;
                        }[]
                      | null;
                    priceSheetHash: string | null;
                    transactions: {
                      /** @description "Lock" for the lock, else the step */
                      action: string | null;
                      blockTimeMs: number;
                      toBuyer: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[];
                      toSeller: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[];
                      txHash: string;
                    }[];
                    /** @description an integer amount in the unit's base units */
                    voucherTotal: string;
                  };
                  NextAction: {
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    requestedAction: string;
                    /** @description a queued action waits for the chain's time */
                    waitUntil?: string;
                  };
                  /** Format: date-time */
                  nextActionLastChangedAt: string;
                  /** Format: date-time */
                  nextActionOrOnChainStateOrResultLastChangedAt: string;
                  /** @description the peer's onChainState; null before a lock */
                  onChainState:
                    | (
                        | "FundsLocked"
                        | "ResultSubmitted"
                        | "RefundRequested"
                        | "Disputed"
                        | "RefundAuthorized"
                        | "Withdrawn"
                        | "RefundWithdrawn"
                        | "DisputedWithdrawn"
                        | "FundsOrDatumInvalid"
                      )
                    | null;
                  /** Format: date-time */
                  onChainStateOrResultLastChangedAt: string;
                  /** @description what is locked; lovelace as unit "" */
                  PaidFunds: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  /** @description POSIX milliseconds */
                  payByTime: string;
                  PaymentSource: {
                    id: string;
                    /** @enum {string} */
                    network: "Preprod" | "Mainnet";
                    /** @constant */
                    paymentSourceType: "Web3CardanoV1";
                    /** @description the registry policy whose agents this node serves */
                    policyId: string;
                    smartContractAddress: string | null;
                  };
                  /** @description from the registry; null if unknown */
                  pricingType: string | null;
                  /** @description the API key that made it */
                  requestedById: string | null;
                  resultHash: string | null;
                  /** @description the seller's address from its terms */
                  sellerReturnAddress: string;
                  /** @description the seller's key hash (its id here too) and return address */
                  SellerWallet: {
                    id: string;
                    walletAddress: string;
                    walletVkey: string;
                  };
                  /** @description the node's purchasing wallet that locks */
                  SmartContractWallet: {
                    id: string;
                    walletAddress: string;
                    walletVkey: string;
                  } | null;
                  /**
                   * @description escrowd's state
                   * @enum {string}
                   */
                  state:
                    | "WaitingForFunds"
                    | "Expired"
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid";
                  /** @description POSIX milliseconds */
                  submitResultTime: string;
                  totalBuyerCardanoFees: number;
                  totalSellerCardanoFees: number;
                  TransactionHistory: unknown[];
                  /** @description POSIX milliseconds */
                  unlockTime: string;
                  /** Format: date-time */
                  updatedAt: string;
                  WithdrawnForBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  WithdrawnForSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentSubmitResult: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          claim?: {
            amount: string;
            unit: string;
          }[];
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          submitResultHash: string;
          usage?: {
            calls?: string;
            computeMs?: string;
            custom?: {
              [key: string]: string;
            };
            inputTokens?: string;
            outcomes?: string;
            outputTokens?: string;
          };
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A payment request, in the Masumi API's `Payment` shape plus escrowd's */
            data: {
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    resultHash: string | null;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              agentName: string | null;
              blockchainIdentifier: string;
              buyerReturnAddress: null;
              BuyerWallet: null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                resultHash?: string | null;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @enum {string} */
              pricingType: "Fixed" | "Dynamic";
              requestedById: string | null;
              RequestedFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              resultHash: string | null;
              sellerReturnAddress: string | null;
              sellerVKey: string | null;
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              tierName: string | null;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PaymentVoucher: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          voucher: {
            signature: string;
            total: string;
            unit: string;
            vkey: string;
          };
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              blockchainIdentifier: string;
              /** @description vouchers issued (buyer) or accepted (seller) for this escrow so far */
              count: number;
              /** @description the escrow's reference the voucher is bound to */
              reference: string;
              /** @description the escrow script's hash the voucher is bound to */
              scriptHash: string;
              /** @description Ed25519 signature, 64 bytes hex */
              signature: string;
              /** @description the total the seller may redeem, in base units */
              total: string;
              /** @description `lovelace` or policy id + asset name hex */
              unit: string;
              /** @description the buyer's verification key, 32 bytes hex */
              vkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PeersBalance: {
    parameters: {
      query: {
        agentIdentifier: string;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              agentIdentifier: string;
              /** @description trades where this node bought from the agent */
              asBuyer: {
                amounts: {
                  /** @description what the escrows' claims ask for */
                  claimed: string;
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description still held by the escrows */
                  pending: string;
                  /** @description paid back to the buyer (not the deposit) */
                  refunded: string;
                  /** @description paid to the seller */
                  released: string;
                  unit: string;
                }[];
                /** @description escrows with at least one transaction */
                escrows: number;
              };
              /** @description trades where this node sold as the agent */
              asSeller: {
                amounts: {
                  /** @description what the escrows' claims ask for */
                  claimed: string;
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description still held by the escrows */
                  pending: string;
                  /** @description paid back to the buyer (not the deposit) */
                  refunded: string;
                  /** @description paid to the seller */
                  released: string;
                  unit: string;
                }[];
                /** @description escrows with at least one transaction */
                escrows: number;
              };
              /** @description false when there were more trades than it reads */
              complete: boolean;
              trades: number;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PeersUsage: {
    parameters: {
      query: {
        agentIdentifier: string;
        cursor?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description pass as `cursor` for the next page */
              nextCursor: string | null;
              /** @description whether the page's usage records were cut (read the rest with `GET /usage`) */
              recordsTruncated: boolean;
              Usage: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                blockchainIdentifier: string;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                /** @description POSIX milliseconds */
                createdAt: string;
                escrowId: string | null;
                /** @enum {string} */
                role: "buyer" | "seller";
                state: string;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                txHashes: string[];
                usage: {
                  records: {
                    /** @description amounts the client gave, if any */
                    amounts:
                      | {
                          /** @description an integer amount in the unit's base units */
                          amount: string;
                          /** @description policy id + asset name hex; lovelace as the route says */
                          unit: string;
                        }[]
                      | null;
                    blockchainIdentifier: string;
                    /** @description POSIX milliseconds */
                    createdAt: string;
                    /** @enum {string} */
                    network: "Preprod" | "Mainnet";
                    /**
                     * @description this node's side of the escrow
                     * @enum {string}
                     */
                    role: "buyer" | "seller";
                    usage: {
                      /** @description an integer amount in the unit's base units */
                      calls: string;
                      /** @description an integer amount in the unit's base units */
                      computeMs: string;
                      /** @description counts of named custom units */
                      custom: {
                        [key: string]: string;
                      };
                      /** @description an integer amount in the unit's base units */
                      inputTokens: string;
                      /** @description an integer amount in the unit's base units */
                      outcomes: string;
                      /** @description an integer amount in the unit's base units */
                      outputTokens: string;
                    };
                    /** @description the client's id of the record */
                    usageId: string;
                  }[];
                  /** @description the usage the seller reported */
                  reported: {
                    /** @description an integer amount in the unit's base units */
                    calls: string;
                    /** @description an integer amount in the unit's base units */
                    computeMs: string;
                    /** @description counts of named custom units */
                    custom: {
                      [key: string]: string;
                    };
                    /** @description an integer amount in the unit's base units */
                    inputTokens: string;
                    /** @description an integer amount in the unit's base units */
                    outcomes: string;
                    /** @description an integer amount in the unit's base units */
                    outputTokens: string;
                  } | null;
                };
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Preflight: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          blockchainIdentifier?: string;
          estimatedAmounts?: {
            amount: string;
            unit: string;
          }[];
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          priceSheet?: unknown;
          usage?: {
            calls?: string;
            computeMs?: string;
            custom?: {
              [key: string]: string;
            };
            inputTokens?: string;
            outcomes?: string;
            outputTokens?: string;
          };
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              approved: boolean;
              /** @description the budget that refuses */
              budgetId?: string;
              estimatedAmounts: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description `lovelace`, or policy id + asset name hex */
                unit: string;
              }[];
              /** @enum {string} */
              reason?: "budget_exhausted" | "ceiling_exceeded";
              /** @description per unit, the least any budget has left */
              remainingAmounts: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description `lovelace`, or policy id + asset name hex */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PriceSheetsByAgentIdentifier: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        agentIdentifier: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              agentIdentifier: string;
              /** @description sha256 (hex) of the sheet's canonical JSON */
              hash: string;
              matchesChain: boolean;
              /** @description the hash in the agent's current on-chain metadata, if any */
              onChainHash: string | null;
              /** @description A price sheet; amounts are integer strings in the sheet's unit */
              priceSheet: {
                /** @description charged per call */
                basePrice: string;
                /** @description an integer amount in the unit's base units */
                computePricePerSecond: string;
                /** @description price per one of each named custom unit */
                customUnitPrices: {
                  [key: string]: string;
                };
                enabled: boolean;
                /** @description calls each buyer makes free */
                freeCallsPerBuyer: string;
                /** @description an integer amount in the unit's base units */
                inputPricePer1MTokens: string;
                listing: {
                  integrationLinks: string[];
                  requestDocs: string;
                  responseNotes: string;
                  summary: string;
                  supportUrl?: string;
                };
                /** @description the least a billed job costs */
                minimumCharge: string;
                /** @enum {string} */
                model: "flat" | "tokens" | "dynamic" | "perSecond" | "custom";
                /** @description charged per outcome the agent reports */
                outcomePrice: string;
                /** @description an integer amount in the unit's base units */
                outputPricePer1MTokens: string;
                tiers: {
                  /** @description an integer amount in the unit's base units */
                  includedCalls: string;
                  name: string;
                  /** @enum {string} */
                  period: "day" | "week" | "month" | "year";
                  /** @description an integer amount in the unit's base units */
                  price: string;
                }[];
                /** @description `lovelace`, or policy id + asset name hex */
                unit: string;
                /** @constant */
                version: 1;
              };
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Purchase: {
    parameters: {
      query: {
        blockchainIdentifier?: string;
        cursorId?: string;
        filterOnChainState?:
          | "FundsLocked"
          | "ResultSubmitted"
          | "RefundRequested"
          | "Disputed"
          | "RefundAuthorized"
          | "Withdrawn"
          | "RefundWithdrawn"
          | "DisputedWithdrawn"
          | "FundsOrDatumInvalid";
        includeHistory?: "true" | "false";
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              nextCursorId: string | null;
              Purchases: {
                /** @description the buyer's actions; null unless `includeHistory` */
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                /** @description from the registry; null if unknown */
                agentName: string | null;
                blockchainIdentifier: string;
                /** @description the purchasing wallet's address */
                buyerReturnAddress: string | null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                /** @description The lock's transaction once built; null before and for later steps */
                CurrentTransaction: {
                  blockHeight: null;
                  blockTime: null;
                  confirmations: null;
                  /** Format: date-time */
                  createdAt: string;
                  fees: null;
                  /** @description the transaction's hash */
                  id: string;
                  /** @constant */
                  newOnChainState: "FundsLocked";
                  previousOnChainState: null;
                  /** @enum {string} */
                  status: "Pending" | "Confirmed";
                  txHash: string;
                  /** Format: date-time */
                  updatedAt: string;
                } | null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description what is locked; lovelace as unit "" */
                PaidFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @description from the registry; null if unknown */
                pricingType: string | null;
                /** @description the API key that made it */
                requestedById: string | null;
                resultHash: string | null;
                /** @description the seller's address from its terms */
                sellerReturnAddress: string;
                /** @description the seller's key hash (its id here too) and return address */
                SellerWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                };
                /** @description the node's purchasing wallet that locks */
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Purchase: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          Amounts?: unknown;
          autoRelease?: boolean;
          blockchainIdentifier: string;
          buyerReturnAddress?: string;
          externalDisputeUnlockTime?: unknown;
          identifierFromPurchaser: string;
          inputHash: string;
          metadata?: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          payByTime?: unknown;
          /** @enum {string} */
          paymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
          priceSheet?: unknown;
          priceSheetHash?: string;
          sellerReturnAddress?: string;
          sellerVkey: string;
          smartContractAddress?: string;
          submitResultTime?: unknown;
          supportedPaymentSourceIndex?: number;
          unlockTime?: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Refused by a budget or the key's remaining credits */
      402: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PurchaseById: {
    parameters: {
      query?: {
        /** @description "true" to include ActionHistory */
        includeHistory?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseCancelRefundRequest: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PurchaseCount: {
    parameters: {
      query: {
        filterNeedsManualAction?: "true" | "false";
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description how many there are on this network */
              total: number;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PurchaseDiff: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Purchases: {
                /** @description the buyer's actions; null unless `includeHistory` */
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                /** @description from the registry; null if unknown */
                agentName: string | null;
                blockchainIdentifier: string;
                /** @description the purchasing wallet's address */
                buyerReturnAddress: string | null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                /** @description The lock's transaction once built; null before and for later steps */
                CurrentTransaction: {
                  blockHeight: null;
                  blockTime: null;
                  confirmations: null;
                  /** Format: date-time */
                  createdAt: string;
                  fees: null;
                  /** @description the transaction's hash */
                  id: string;
                  /** @constant */
                  newOnChainState: "FundsLocked";
                  previousOnChainState: null;
                  /** @enum {string} */
                  status: "Pending" | "Confirmed";
                  txHash: string;
                  /** Format: date-time */
                  updatedAt: string;
                } | null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description what is locked; lovelace as unit "" */
                PaidFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @description from the registry; null if unknown */
                pricingType: string | null;
                /** @description the API key that made it */
                requestedById: string | null;
                resultHash: string | null;
                /** @description the seller's address from its terms */
                sellerReturnAddress: string;
                /** @description the seller's key hash (its id here too) and return address */
                SellerWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                };
                /** @description the node's purchasing wallet that locks */
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PurchaseDiffNextAction: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Purchases: {
                /** @description the buyer's actions; null unless `includeHistory` */
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                /** @description from the registry; null if unknown */
                agentName: string | null;
                blockchainIdentifier: string;
                /** @description the purchasing wallet's address */
                buyerReturnAddress: string | null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                /** @description The lock's transaction once built; null before and for later steps */
                CurrentTransaction: {
                  blockHeight: null;
                  blockTime: null;
                  confirmations: null;
                  /** Format: date-time */
                  createdAt: string;
                  fees: null;
                  /** @description the transaction's hash */
                  id: string;
                  /** @constant */
                  newOnChainState: "FundsLocked";
                  previousOnChainState: null;
                  /** @enum {string} */
                  status: "Pending" | "Confirmed";
                  txHash: string;
                  /** Format: date-time */
                  updatedAt: string;
                } | null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description what is locked; lovelace as unit "" */
                PaidFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @description from the registry; null if unknown */
                pricingType: string | null;
                /** @description the API key that made it */
                requestedById: string | null;
                resultHash: string | null;
                /** @description the seller's address from its terms */
                sellerReturnAddress: string;
                /** @description the seller's key hash (its id here too) and return address */
                SellerWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                };
                /** @description the node's purchasing wallet that locks */
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1PurchaseDiffOnchainStateOrResult: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Purchases: {
                /** @description the buyer's actions; null unless `includeHistory` */
                ActionHistory:
                  | {
                      action: string;
                      /** Format: date-time */
                      createdAt: string;
                      errorNote: string | null;
                      errorType: "Unknown" | null;
                      id: string;
                      requestedAction: string;
                      status: string;
                      submittedTxHash: string | null;
                      /** Format: date-time */
                      updatedAt: string;
                    }[]
                  | null;
                agentIdentifier: string;
                /** @description from the registry; null if unknown */
                agentName: string | null;
                blockchainIdentifier: string;
                /** @description the purchasing wallet's address */
                buyerReturnAddress: string | null;
                collateralReturnLovelace: null;
                cooldownTime: number;
                cooldownTimeOtherParty: number;
                /** Format: date-time */
                createdAt: string;
                /** @description The lock's transaction once built; null before and for later steps */
                CurrentTransaction: {
                  blockHeight: null;
                  blockTime: null;
                  confirmations: null;
                  /** Format: date-time */
                  createdAt: string;
                  fees: null;
                  /** @description the transaction's hash */
                  id: string;
                  /** @constant */
                  newOnChainState: "FundsLocked";
                  previousOnChainState: null;
                  /** @enum {string} */
                  status: "Pending" | "Confirmed";
                  txHash: string;
                  /** Format: date-time */
                  updatedAt: string;
                } | null;
                escrowId: string | null;
                escrowReference: string;
                /** @description POSIX milliseconds */
                externalDisputeUnlockTime: string;
                id: string;
                identifierFromPurchaser: string;
                inputHash: string;
                invalidReason: string | null;
                lastCheckedAt: null;
                metadata: string | null;
                /** @description The escrow's books: what was locked, released, refunded and paid */
                meter: {
                  amounts: {
                    /** @description an integer amount in the unit's base units */
                    locked: string;
                    /** @description an integer amount in the unit's base units */
                    paidToBuyer: string;
                    /** @description an integer amount in the unit's base units */
                    paidToSeller: string;
                    /** @description an integer amount in the unit's base units */
                    redeemed: string;
                    /** @description an integer amount in the unit's base units */
                    refunded: string;
                    /** @description an integer amount in the unit's base units */
                    released: string;
                    /** @description an integer amount in the unit's base units */
                    remaining: string;
                    unit: string;
                  }[];
                  autoRelease: boolean;
                  claim:
                    | {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description policy id + asset name hex; lovelace as the route says */
                        unit: string;
                      }[]
                    | null;
                  priceSheetHash: string | null;
                  transactions: {
                    /** @description "Lock" for the lock, else the step */
                    action: string | null;
                    blockTimeMs: number;
                    toBuyer: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    toSeller: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[];
                    txHash: string;
                  }[];
                  /** @description an integer amount in the unit's base units */
                  voucherTotal: string;
                };
                NextAction: {
                  errorNote: string | null;
                  errorType: "Unknown" | null;
                  requestedAction: string;
                  /** @description a queued action waits for the chain's time */
                  waitUntil?: string;
                };
                /** Format: date-time */
                nextActionLastChangedAt: string;
                /** Format: date-time */
                nextActionOrOnChainStateOrResultLastChangedAt: string;
                /** @description the peer's onChainState; null before a lock */
                onChainState:
                  | (
                      | "FundsLocked"
                      | "ResultSubmitted"
                      | "RefundRequested"
                      | "Disputed"
                      | "RefundAuthorized"
                      | "Withdrawn"
                      | "RefundWithdrawn"
                      | "DisputedWithdrawn"
                      | "FundsOrDatumInvalid"
                    )
                  | null;
                /** Format: date-time */
                onChainStateOrResultLastChangedAt: string;
                /** @description what is locked; lovelace as unit "" */
                PaidFunds: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                /** @description POSIX milliseconds */
                payByTime: string;
                PaymentSource: {
                  id: string;
                  /** @enum {string} */
                  network: "Preprod" | "Mainnet";
                  /** @constant */
                  paymentSourceType: "Web3CardanoV1";
                  /** @description the registry policy whose agents this node serves */
                  policyId: string;
                  smartContractAddress: string | null;
                };
                /** @description from the registry; null if unknown */
                pricingType: string | null;
                /** @description the API key that made it */
                requestedById: string | null;
                resultHash: string | null;
                /** @description the seller's address from its terms */
                sellerReturnAddress: string;
                /** @description the seller's key hash (its id here too) and return address */
                SellerWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                };
                /** @description the node's purchasing wallet that locks */
                SmartContractWallet: {
                  id: string;
                  walletAddress: string;
                  walletVkey: string;
                } | null;
                /**
                 * @description escrowd's state
                 * @enum {string}
                 */
                state:
                  | "WaitingForFunds"
                  | "Expired"
                  | "FundsLocked"
                  | "ResultSubmitted"
                  | "RefundRequested"
                  | "Disputed"
                  | "RefundAuthorized"
                  | "Withdrawn"
                  | "RefundWithdrawn"
                  | "DisputedWithdrawn"
                  | "FundsOrDatumInvalid";
                /** @description POSIX milliseconds */
                submitResultTime: string;
                totalBuyerCardanoFees: number;
                totalSellerCardanoFees: number;
                TransactionHistory: unknown[];
                /** @description POSIX milliseconds */
                unlockTime: string;
                /** Format: date-time */
                updatedAt: string;
                WithdrawnForBuyer: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
                WithdrawnForSeller: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description policy id + asset name hex; lovelace as the route says */
                  unit: string;
                }[];
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseErrorStateRecovery: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          retryPreviousAction?: boolean;
          updatedAt: string | number;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseRelease: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amounts?: {
            amount: string;
            unit: string;
          }[];
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseRequestRefund: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseResolveBlockchainIdentifier: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          includeHistory?: boolean | ("true" | "false");
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A purchase, in the Masumi API's `Purchase` shape plus escrowd's */
            data: {
              /** @description the buyer's actions; null unless `includeHistory` */
              ActionHistory:
                | {
                    action: string;
                    /** Format: date-time */
                    createdAt: string;
                    errorNote: string | null;
                    errorType: "Unknown" | null;
                    id: string;
                    requestedAction: string;
                    status: string;
                    submittedTxHash: string | null;
                    /** Format: date-time */
                    updatedAt: string;
                  }[]
                | null;
              agentIdentifier: string;
              /** @description from the registry; null if unknown */
              agentName: string | null;
              blockchainIdentifier: string;
              /** @description the purchasing wallet's address */
              buyerReturnAddress: string | null;
              collateralReturnLovelace: null;
              cooldownTime: number;
              cooldownTimeOtherParty: number;
              /** Format: date-time */
              createdAt: string;
              /** @description The lock's transaction once built; null before and for later steps */
              CurrentTransaction: {
                blockHeight: null;
                blockTime: null;
                confirmations: null;
                /** Format: date-time */
                createdAt: string;
                fees: null;
                /** @description the transaction's hash */
                id: string;
                /** @constant */
                newOnChainState: "FundsLocked";
                previousOnChainState: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed";
                txHash: string;
                /** Format: date-time */
                updatedAt: string;
              } | null;
              escrowId: string | null;
              escrowReference: string;
              /** @description POSIX milliseconds */
              externalDisputeUnlockTime: string;
              id: string;
              identifierFromPurchaser: string;
              inputHash: string;
              invalidReason: string | null;
              lastCheckedAt: null;
              metadata: string | null;
              /** @description The escrow's books: what was locked, released, refunded and paid */
              meter: {
                amounts: {
                  /** @description an integer amount in the unit's base units */
                  locked: string;
                  /** @description an integer amount in the unit's base units */
                  paidToBuyer: string;
                  /** @description an integer amount in the unit's base units */
                  paidToSeller: string;
                  /** @description an integer amount in the unit's base units */
                  redeemed: string;
                  /** @description an integer amount in the unit's base units */
                  refunded: string;
                  /** @description an integer amount in the unit's base units */
                  released: string;
                  /** @description an integer amount in the unit's base units */
                  remaining: string;
                  unit: string;
                }[];
                autoRelease: boolean;
                claim:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                priceSheetHash: string | null;
                transactions: {
                  /** @description "Lock" for the lock, else the step */
                  action: string | null;
                  blockTimeMs: number;
                  toBuyer: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  toSeller: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[];
                  txHash: string;
                }[];
                /** @description an integer amount in the unit's base units */
                voucherTotal: string;
              };
              NextAction: {
                errorNote: string | null;
                errorType: "Unknown" | null;
                requestedAction: string;
                /** @description a queued action waits for the chain's time */
                waitUntil?: string;
              };
              /** Format: date-time */
              nextActionLastChangedAt: string;
              /** Format: date-time */
              nextActionOrOnChainStateOrResultLastChangedAt: string;
              /** @description the peer's onChainState; null before a lock */
              onChainState:
                | (
                    | "FundsLocked"
                    | "ResultSubmitted"
                    | "RefundRequested"
                    | "Disputed"
                    | "RefundAuthorized"
                    | "Withdrawn"
                    | "RefundWithdrawn"
                    | "DisputedWithdrawn"
                    | "FundsOrDatumInvalid"
                  )
                | null;
              /** Format: date-time */
              onChainStateOrResultLastChangedAt: string;
              /** @description what is locked; lovelace as unit "" */
              PaidFunds: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              /** @description POSIX milliseconds */
              payByTime: string;
              PaymentSource: {
                id: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @constant */
                paymentSourceType: "Web3CardanoV1";
                /** @description the registry policy whose agents this node serves */
                policyId: string;
                smartContractAddress: string | null;
              };
              /** @description from the registry; null if unknown */
              pricingType: string | null;
              /** @description the API key that made it */
              requestedById: string | null;
              resultHash: string | null;
              /** @description the seller's address from its terms */
              sellerReturnAddress: string;
              /** @description the seller's key hash (its id here too) and return address */
              SellerWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              };
              /** @description the node's purchasing wallet that locks */
              SmartContractWallet: {
                id: string;
                walletAddress: string;
                walletVkey: string;
              } | null;
              /**
               * @description escrowd's state
               * @enum {string}
               */
              state:
                | "WaitingForFunds"
                | "Expired"
                | "FundsLocked"
                | "ResultSubmitted"
                | "RefundRequested"
                | "Disputed"
                | "RefundAuthorized"
                | "Withdrawn"
                | "RefundWithdrawn"
                | "DisputedWithdrawn"
                | "FundsOrDatumInvalid";
              /** @description POSIX milliseconds */
              submitResultTime: string;
              totalBuyerCardanoFees: number;
              totalSellerCardanoFees: number;
              TransactionHistory: unknown[];
              /** @description POSIX milliseconds */
              unlockTime: string;
              /** Format: date-time */
              updatedAt: string;
              WithdrawnForBuyer: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
              WithdrawnForSeller: {
                /** @description an integer amount in the unit's base units */
                amount: string;
                /** @description policy id + asset name hex; lovelace as the route says */
                unit: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseUsage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          usage: {
            calls?: string;
            computeMs?: string;
            custom?: {
              [key: string]: string;
            };
            inputTokens?: string;
            outcomes?: string;
            outputTokens?: string;
          };
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              blockchainIdentifier: string;
              usage: {
                calls: string;
                computeMs: string;
                /** @description counts of the price sheet's custom units, by name */
                custom: {
                  [key: string]: string;
                };
                inputTokens: string;
                outcomes: string;
                outputTokens: string;
              };
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1PurchaseVoucher: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          total: string;
          unit: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              blockchainIdentifier: string;
              /** @description vouchers issued (buyer) or accepted (seller) for this escrow so far */
              count: number;
              /** @description the escrow's reference the voucher is bound to */
              reference: string;
              /** @description the escrow script's hash the voucher is bound to */
              scriptHash: string;
              /** @description Ed25519 signature, 64 bytes hex */
              signature: string;
              /** @description the total the seller may redeem, in base units */
              total: string;
              /** @description `lovelace` or policy id + asset name hex */
              unit: string;
              /** @description the buyer's verification key, 32 bytes hex */
              vkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Quote: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          blockchainIdentifier?: string;
          ceiling?: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          priceSheet?: unknown;
          usage: {
            calls?: string;
            computeMs?: string;
            custom?: {
              [key: string]: string;
            };
            inputTokens?: string;
            outcomes?: string;
            outputTokens?: string;
          };
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description whole base units the job would be charged */
              amount: string;
              breakdown: {
                /** @description calls, outcomes, inputTokens, outputTokens, computeMs or custom.<name> */
                item: string;
                /** @description the line's cost in millionths of a base unit */
                millionths: string;
                /** @description the quantity the price is quoted for */
                per: string;
                /** @description an integer amount in the unit's base units */
                price: string;
                /** @description an integer amount in the unit's base units */
                quantity: string;
              }[];
              /** @description whether the ceiling cut the charge */
              capped: boolean;
              /** @description free calls this buyer had left before the job */
              freeCallsLeft: string;
              /** @description calls the free quota covered */
              freeQuotaApplied: string;
              minimumApplied: boolean;
              /** @description `lovelace`, or policy id + asset name hex */
              unit: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Registry: {
    parameters: {
      query?: {
        cursorId?: string;
        filterStatus?: "Registered" | "Deregistered" | "Pending" | "Failed";
        limit?: number;
        network?: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Assets: {
                /** @description policy id + asset name hex; null until the mint is seen */
                agentIdentifier: string | null;
                /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                AgentPricing: {
                  Pricing?: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                  /** @enum {string} */
                  pricingType: "Free" | "Fixed" | "Dynamic";
                  Tiers?: {
                    name: string;
                    Pricing: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description "" for lovelace, else policy id + asset name hex */
                      unit: string;
                    }[];
                  }[];
                };
                apiBaseUrl: string;
                Author: {
                  contactEmail: string | null;
                  contactOther: string | null;
                  name: string;
                  organization: string | null;
                };
                Capability: {
                  name: string | null;
                  version: string | null;
                };
                /** Format: date-time */
                createdAt: string;
                CurrentTransaction: {
                  blockHeight: number | null;
                  blockTime: null;
                  confirmations: null;
                  fees: null;
                  /** @enum {string} */
                  status: "Pending" | "Confirmed" | "RolledBack" | "FailedViaTimeout";
                  txHash: string;
                } | null;
                description: string | null;
                error: string | null;
                ExampleOutputs: {
                  mimeType: string;
                  name: string;
                  url: string;
                }[];
                id: string;
                image: string | null;
                lastCheckedAt: null;
                Legal: {
                  other: string | null;
                  privacyPolicy: string | null;
                  terms: string | null;
                };
                name: string;
                /** @description the wallet holding the NFT, if another */
                RecipientWallet: {
                  walletAddress: string;
                  /** @description the wallet's payment key hash */
                  walletVkey: string;
                } | null;
                sendFundingLovelace: null;
                /** @description the wallet that minted the NFT */
                SmartContractWallet: {
                  walletAddress: string;
                  /** @description the wallet's payment key hash */
                  walletVkey: string;
                } | null;
                /** @enum {string} */
                state:
                  | "RegistrationRequested"
                  | "RegistrationInitiated"
                  | "RegistrationConfirmed"
                  | "RegistrationFailed"
                  | "UpdateRequested"
                  | "UpdateInitiated"
                  | "UpdateConfirmed"
                  | "UpdateFailed"
                  | "DeregistrationRequested"
                  | "DeregistrationInitiated"
                  | "DeregistrationConfirmed"
                  | "DeregistrationFailed";
                supportedPaymentSources: null;
                Tags: string[];
                /** Format: date-time */
                updatedAt: string;
                verifications: null;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Registry: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          AgentPricing: unknown;
          apiBaseUrl: string;
          Author: {
            contactEmail?: string | null;
            contactOther?: string | null;
            name: string;
            organization?: string | null;
          };
          Capability?: {
            name: string;
            version: string;
          };
          description?: string | null;
          ExampleOutputs?: {
            mimeType: string;
            name: string;
            url: string;
          }[];
          image?: string | null;
          Legal?: {
            other?: string | null;
            privacyPolicy?: string | null;
            terms?: string | null;
          } | null;
          name: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          recipientWalletAddress?: string;
          sellingWalletVkey: string;
          sendFundingLovelace?: string;
          supportedPaymentSources?: unknown;
          Tags: string[];
          verifications?: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A registration of this node, in the Masumi API's `RegistryEntry` shape */
            data: {
              /** @description policy id + asset name hex; null until the mint is seen */
              agentIdentifier: string | null;
              /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
              AgentPricing: {
                Pricing?: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description "" for lovelace, else policy id + asset name hex */
                  unit: string;
                }[];
                /** @enum {string} */
                pricingType: "Free" | "Fixed" | "Dynamic";
                Tiers?: {
                  name: string;
                  Pricing: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                }[];
              };
              apiBaseUrl: string;
              Author: {
                contactEmail: string | null;
                contactOther: string | null;
                name: string;
                organization: string | null;
              };
              Capability: {
                name: string | null;
                version: string | null;
              };
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: {
                blockHeight: number | null;
                blockTime: null;
                confirmations: null;
                fees: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed" | "RolledBack" | "FailedViaTimeout";
                txHash: string;
              } | null;
              description: string | null;
              error: string | null;
              ExampleOutputs: {
                mimeType: string;
                name: string;
                url: string;
              }[];
              id: string;
              image: string | null;
              lastCheckedAt: null;
              Legal: {
                other: string | null;
                privacyPolicy: string | null;
                terms: string | null;
              };
              name: string;
              /** @description the wallet holding the NFT, if another */
              RecipientWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              sendFundingLovelace: null;
              /** @description the wallet that minted the NFT */
              SmartContractWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              /** @enum {string} */
              state:
                | "RegistrationRequested"
                | "RegistrationInitiated"
                | "RegistrationConfirmed"
                | "RegistrationFailed"
                | "UpdateRequested"
                | "UpdateInitiated"
                | "UpdateConfirmed"
                | "UpdateFailed"
                | "DeregistrationRequested"
                | "DeregistrationInitiated"
                | "DeregistrationConfirmed"
                | "DeregistrationFailed";
              supportedPaymentSources: null;
              Tags: string[];
              /** Format: date-time */
              updatedAt: string;
              verifications: null;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteApiV1Registry: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          id: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A registration of this node, in the Masumi API's `RegistryEntry` shape */
            data: {
              /** @description policy id + asset name hex; null until the mint is seen */
              agentIdentifier: string | null;
              /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
              AgentPricing: {
                Pricing?: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description "" for lovelace, else policy id + asset name hex */
                  unit: string;
                }[];
                /** @enum {string} */
                pricingType: "Free" | "Fixed" | "Dynamic";
                Tiers?: {
                  name: string;
                  Pricing: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                }[];
              };
              apiBaseUrl: string;
              Author: {
                contactEmail: string | null;
                contactOther: string | null;
                name: string;
                organization: string | null;
              };
              Capability: {
                name: string | null;
                version: string | null;
              };
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: {
                blockHeight: number | null;
                blockTime: null;
                confirmations: null;
                fees: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed" | "RolledBack" | "FailedViaTimeout";
                txHash: string;
              } | null;
              description: string | null;
              error: string | null;
              ExampleOutputs: {
                mimeType: string;
                name: string;
                url: string;
              }[];
              id: string;
              image: string | null;
              lastCheckedAt: null;
              Legal: {
                other: string | null;
                privacyPolicy: string | null;
                terms: string | null;
              };
              name: string;
              /** @description the wallet holding the NFT, if another */
              RecipientWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              sendFundingLovelace: null;
              /** @description the wallet that minted the NFT */
              SmartContractWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              /** @enum {string} */
              state:
                | "RegistrationRequested"
                | "RegistrationInitiated"
                | "RegistrationConfirmed"
                | "RegistrationFailed"
                | "UpdateRequested"
                | "UpdateInitiated"
                | "UpdateConfirmed"
                | "UpdateFailed"
                | "DeregistrationRequested"
                | "DeregistrationInitiated"
                | "DeregistrationConfirmed"
                | "DeregistrationFailed";
              supportedPaymentSources: null;
              Tags: string[];
              /** Format: date-time */
              updatedAt: string;
              verifications: null;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryEntry: {
    parameters: {
      query?: {
        /** @description capability name */
        capability?: string;
        /** @description the previous page's `nextCursor` */
        cursorId?: string;
        /** @description agents whose NFT this address holds */
        holderAddress?: string;
        limit?: number;
        pricingType?: "Free" | "Fixed" | "Dynamic";
        status?: "active" | "burned" | "Active" | "Burned";
        /** @description comma-separated; agents with any of them */
        tags?: string;
        /** @description agents priced in this unit: `lovelace` (or "") or policy id + asset name hex */
        unit?: string;
        /** @description whether the on-chain metadata is valid MIP-002 */
        valid?: "true" | "false";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description pass as `cursorId` for the next page */
              nextCursor: string | null;
              RegistryEntries: (
                | {
                    agentIdentifier: string;
                    /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                    AgentPricing: {
                      Pricing?: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description "" for lovelace, else policy id + asset name hex */
                        unit: string;
                      }[];
                      /** @enum {string} */
                      pricingType: "Free" | "Fixed" | "Dynamic";
                      Tiers?: {
                        name: string;
                        Pricing: {
                          /** @description an integer amount in the unit's base units */
                          amount: string;
                          /** @description "" for lovelace, else policy id + asset name hex */
                          unit: string;
                        }[];
                      }[];
                    };
                    apiBaseUrl: string;
                    assetName: string;
                    Author: {
                      contactEmail: string | null;
                      contactOther: string | null;
                      name: string;
                      organization: string | null;
                    };
                    Capability: {
                      name: string | null;
                      version: string | null;
                    };
                    /** Format: date-time */
                    createdAt: string;
                    description: string | null;
                    ExampleOutputs: {
                      mimeType: string;
                      name: string;
                      url: string;
                    }[];
                    holderAddress: string | null;
                    /** @description the holder's payment key hash */
                    holderVkey: string | null;
                    image: string | null;
                    invalidReasons: string[];
                    /** Format: date-time */
                    lastCheckedAt: string;
                    Legal: {
                      other: string | null;
                      privacyPolicy: string | null;
                      terms: string | null;
                    };
                    name: string;
                    policyId: string;
                    /** @description the price sheet hash committed on chain, if any */
                    priceSheetHash: string | null;
                    /** @description whether the sheet this node serves has the committed hash; null if it serves none */
                    priceSheetMatchesChain: boolean | null;
                    /** @enum {string} */
                    status: "Active" | "Burned";
                    Tags: string[];
                    /** Format: date-time */
                    updatedAt: string;
                    /** @description whether the on-chain metadata is valid MIP-002 */
                    valid: boolean;
                  }
                | {
                    agentIdentifier: string;
                    assetName: string;
                    /** Format: date-time */
                    createdAt: string;
                    holderAddress: string | null;
                    /** @description the holder's payment key hash */
                    holderVkey: string | null;
                    invalidReasons: string[];
                    /** Format: date-time */
                    lastCheckedAt: string;
                    name: null;
                    policyId: string;
                    /** @description the price sheet hash committed on chain, if any */
                    priceSheetHash: string | null;
                    /** @description whether the sheet this node serves has the committed hash; null if it serves none */
                    priceSheetMatchesChain: boolean | null;
                    /** @description the metadata as found on chain, if any */
                    rawMetadata: unknown;
                    /** @enum {string} */
                    status: "Active" | "Burned";
                    /** Format: date-time */
                    updatedAt: string;
                    /** @description whether the on-chain metadata is valid MIP-002 */
                    valid: boolean;
                  }
              )[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryEntrySearch: {
    parameters: {
      query: {
        /** @description capability name */
        capability?: string;
        /** @description the previous page's `nextCursor` */
        cursorId?: string;
        /** @description agents whose NFT this address holds */
        holderAddress?: string;
        limit?: number;
        pricingType?: "Free" | "Fixed" | "Dynamic";
        q: string;
        status?: "active" | "burned" | "Active" | "Burned";
        /** @description comma-separated; agents with any of them */
        tags?: string;
        /** @description agents priced in this unit: `lovelace` (or "") or policy id + asset name hex */
        unit?: string;
        /** @description whether the on-chain metadata is valid MIP-002 */
        valid?: "true" | "false";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description pass as `cursorId` for the next page */
              nextCursor: string | null;
              RegistryEntries: (
                | {
                    agentIdentifier: string;
                    /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                    AgentPricing: {
                      Pricing?: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description "" for lovelace, else policy id + asset name hex */
                        unit: string;
                      }[];
                      /** @enum {string} */
                      pricingType: "Free" | "Fixed" | "Dynamic";
                      Tiers?: {
                        name: string;
                        Pricing: {
                          /** @description an integer amount in the unit's base units */
                          amount: string;
                          /** @description "" for lovelace, else policy id + asset name hex */
                          unit: string;
                        }[];
                      }[];
                    };
                    apiBaseUrl: string;
                    assetName: string;
                    Author: {
                      contactEmail: string | null;
                      contactOther: string | null;
                      name: string;
                      organization: string | null;
                    };
                    Capability: {
                      name: string | null;
                      version: string | null;
                    };
                    /** Format: date-time */
                    createdAt: string;
                    description: string | null;
                    ExampleOutputs: {
                      mimeType: string;
                      name: string;
                      url: string;
                    }[];
                    holderAddress: string | null;
                    /** @description the holder's payment key hash */
                    holderVkey: string | null;
                    image: string | null;
                    invalidReasons: string[];
                    /** Format: date-time */
                    lastCheckedAt: string;
                    Legal: {
                      other: string | null;
                      privacyPolicy: string | null;
                      terms: string | null;
                    };
                    name: string;
                    policyId: string;
                    /** @description the price sheet hash committed on chain, if any */
                    priceSheetHash: string | null;
                    /** @description whether the sheet this node serves has the committed hash; null if it serves none */
                    priceSheetMatchesChain: boolean | null;
                    /** @enum {string} */
                    status: "Active" | "Burned";
                    Tags: string[];
                    /** Format: date-time */
                    updatedAt: string;
                    /** @description whether the on-chain metadata is valid MIP-002 */
                    valid: boolean;
                  }
                | {
                    agentIdentifier: string;
                    assetName: string;
                    /** Format: date-time */
                    createdAt: string;
                    holderAddress: string | null;
                    /** @description the holder's payment key hash */
                    holderVkey: string | null;
                    invalidReasons: string[];
                    /** Format: date-time */
                    lastCheckedAt: string;
                    name: null;
                    policyId: string;
                    /** @description the price sheet hash committed on chain, if any */
                    priceSheetHash: string | null;
                    /** @description whether the sheet this node serves has the committed hash; null if it serves none */
                    priceSheetMatchesChain: boolean | null;
                    /** @description the metadata as found on chain, if any */
                    rawMetadata: unknown;
                    /** @enum {string} */
                    status: "Active" | "Burned";
                    /** Format: date-time */
                    updatedAt: string;
                    /** @description whether the on-chain metadata is valid MIP-002 */
                    valid: boolean;
                  }
              )[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryAgentIdentifier: {
    parameters: {
      query: {
        agentIdentifier: string;
        network?: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              agentIdentifier: string | null;
              assetName: string | null;
              Metadata: {
                /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                AgentPricing: {
                  Pricing?: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                  /** @enum {string} */
                  pricingType: "Free" | "Fixed" | "Dynamic";
                  Tiers?: {
                    name: string;
                    Pricing: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description "" for lovelace, else policy id + asset name hex */
                      unit: string;
                    }[];
                  }[];
                };
                apiBaseUrl: string;
                Author: {
                  contactEmail: string | null;
                  contactOther: string | null;
                  name: string;
                  organization: string | null;
                };
                Capability: {
                  name: string | null;
                  version: string | null;
                };
                description: string | null;
                ExampleOutputs: {
                  mimeType: string;
                  name: string;
                  url: string;
                }[];
                /** @description "" when the agent has none */
                image: string;
                Legal: {
                  other: string | null;
                  privacyPolicy: string | null;
                  terms: string | null;
                };
                /** @constant */
                metadataVersion: 1;
                name: string;
                supportedPaymentSources: null;
                Tags: string[];
                verifications: null;
              };
              policyId: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryCount: {
    parameters: {
      query: {
        filterNeedsManualAction?: "true" | "false";
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description how many there are on this network */
              total: number;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1RegistryDeregister: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          smartContractAddress?: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A registration of this node, in the Masumi API's `RegistryEntry` shape */
            data: {
              /** @description policy id + asset name hex; null until the mint is seen */
              agentIdentifier: string | null;
              /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
              AgentPricing: {
                Pricing?: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description "" for lovelace, else policy id + asset name hex */
                  unit: string;
                }[];
                /** @enum {string} */
                pricingType: "Free" | "Fixed" | "Dynamic";
                Tiers?: {
                  name: string;
                  Pricing: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                }[];
              };
              apiBaseUrl: string;
              Author: {
                contactEmail: string | null;
                contactOther: string | null;
                name: string;
                organization: string | null;
              };
              Capability: {
                name: string | null;
                version: string | null;
              };
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: {
                blockHeight: number | null;
                blockTime: null;
                confirmations: null;
                fees: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed" | "RolledBack" | "FailedViaTimeout";
                txHash: string;
              } | null;
              description: string | null;
              error: string | null;
              ExampleOutputs: {
                mimeType: string;
                name: string;
                url: string;
              }[];
              id: string;
              image: string | null;
              lastCheckedAt: null;
              Legal: {
                other: string | null;
                privacyPolicy: string | null;
                terms: string | null;
              };
              name: string;
              /** @description the wallet holding the NFT, if another */
              RecipientWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              sendFundingLovelace: null;
              /** @description the wallet that minted the NFT */
              SmartContractWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              /** @enum {string} */
              state:
                | "RegistrationRequested"
                | "RegistrationInitiated"
                | "RegistrationConfirmed"
                | "RegistrationFailed"
                | "UpdateRequested"
                | "UpdateInitiated"
                | "UpdateConfirmed"
                | "UpdateFailed"
                | "DeregistrationRequested"
                | "DeregistrationInitiated"
                | "DeregistrationConfirmed"
                | "DeregistrationFailed";
              supportedPaymentSources: null;
              Tags: string[];
              /** Format: date-time */
              updatedAt: string;
              verifications: null;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryDiff: {
    parameters: {
      query: {
        cursorId?: string;
        filterPaymentSourceType?: "Web3CardanoV1" | "Web3CardanoV2";
        filterSmartContractAddress?: string;
        includeHistory?: "true" | "false";
        lastUpdate?: string;
        limit?: number;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Assets: {
                /** @description policy id + asset name hex; null until the mint is seen */
                agentIdentifier: string | null;
                /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                AgentPricing: {
                  Pricing?: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                  /** @enum {string} */
                  pricingType: "Free" | "Fixed" | "Dynamic";
                  Tiers?: {
                    name: string;
                    Pricing: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description "" for lovelace, else policy id + asset name hex */
                      unit: string;
                    }[];
                  }[];
                };
                apiBaseUrl: string;
                Author: {
                  contactEmail: string | null;
                  contactOther: string | null;
                  name: string;
                  organization: string | null;
                };
                Capability: {
                  name: string | null;
                  version: string | null;
                };
                /** Format: date-time */
                createdAt: string;
                CurrentTransaction: {
                  blockHeight: number | null;
                  blockTime: null;
                  confirmations: null;
                  fees: null;
                  /** @enum {string} */
                  status: "Pending" | "Confirmed" | "RolledBack" | "FailedViaTimeout";
                  txHash: string;
                } | null;
                description: string | null;
                error: string | null;
                ExampleOutputs: {
                  mimeType: string;
                  name: string;
                  url: string;
                }[];
                id: string;
                image: string | null;
                lastCheckedAt: null;
                Legal: {
                  other: string | null;
                  privacyPolicy: string | null;
                  terms: string | null;
                };
                name: string;
                /** @description the wallet holding the NFT, if another */
                RecipientWallet: {
                  walletAddress: string;
                  /** @description the wallet's payment key hash */
                  walletVkey: string;
                } | null;
                sendFundingLovelace: null;
                /** @description the wallet that minted the NFT */
                SmartContractWallet: {
                  walletAddress: string;
                  /** @description the wallet's payment key hash */
                  walletVkey: string;
                } | null;
                /** @enum {string} */
                state:
                  | "RegistrationRequested"
                  | "RegistrationInitiated"
                  | "RegistrationConfirmed"
                  | "RegistrationFailed"
                  | "UpdateRequested"
                  | "UpdateInitiated"
                  | "UpdateConfirmed"
                  | "UpdateFailed"
                  | "DeregistrationRequested"
                  | "DeregistrationInitiated"
                  | "DeregistrationConfirmed"
                  | "DeregistrationFailed";
                supportedPaymentSources: null;
                Tags: string[];
                /** Format: date-time */
                updatedAt: string;
                verifications: null;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryPriceSheet: {
    parameters: {
      query: {
        agentIdentifier: string;
        network: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              agentIdentifier: string;
              /** @description sha256 (hex) of the sheet's canonical JSON */
              hash: string;
              matchesChain: boolean;
              /** @description the hash in the agent's current on-chain metadata, if any */
              onChainHash: string | null;
              /** @description A price sheet; amounts are integer strings in the sheet's unit */
              priceSheet: {
                /** @description charged per call */
                basePrice: string;
                /** @description an integer amount in the unit's base units */
                computePricePerSecond: string;
                /** @description price per one of each named custom unit */
                customUnitPrices: {
                  [key: string]: string;
                };
                enabled: boolean;
                /** @description calls each buyer makes free */
                freeCallsPerBuyer: string;
                /** @description an integer amount in the unit's base units */
                inputPricePer1MTokens: string;
                listing: {
                  integrationLinks: string[];
                  requestDocs: string;
                  responseNotes: string;
                  summary: string;
                  supportUrl?: string;
                };
                /** @description the least a billed job costs */
                minimumCharge: string;
                /** @enum {string} */
                model: "flat" | "tokens" | "dynamic" | "perSecond" | "custom";
                /** @description charged per outcome the agent reports */
                outcomePrice: string;
                /** @description an integer amount in the unit's base units */
                outputPricePer1MTokens: string;
                tiers: {
                  /** @description an integer amount in the unit's base units */
                  includedCalls: string;
                  name: string;
                  /** @enum {string} */
                  period: "day" | "week" | "month" | "year";
                  /** @description an integer amount in the unit's base units */
                  price: string;
                }[];
                /** @description `lovelace`, or policy id + asset name hex */
                unit: string;
                /** @constant */
                version: 1;
              };
              /**
               * @description the agent's registration state on this node
               * @enum {string}
               */
              registryState:
                | "RegistrationRequested"
                | "RegistrationInitiated"
                | "RegistrationConfirmed"
                | "RegistrationFailed"
                | "UpdateRequested"
                | "UpdateInitiated"
                | "UpdateConfirmed"
                | "UpdateFailed"
                | "DeregistrationRequested"
                | "DeregistrationInitiated"
                | "DeregistrationConfirmed"
                | "DeregistrationFailed";
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  putApiV1RegistryPriceSheet: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          priceSheet: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              agentIdentifier: string;
              /** @description whether a registry update was queued to commit the hash (false: already on chain) */
              committing: boolean;
              /** @description sha256 (hex) of the sheet's canonical JSON */
              hash: string;
              /** @description A price sheet; amounts are integer strings in the sheet's unit */
              priceSheet: {
                /** @description charged per call */
                basePrice: string;
                /** @description an integer amount in the unit's base units */
                computePricePerSecond: string;
                /** @description price per one of each named custom unit */
                customUnitPrices: {
                  [key: string]: string;
                };
                enabled: boolean;
                /** @description calls each buyer makes free */
                freeCallsPerBuyer: string;
                /** @description an integer amount in the unit's base units */
                inputPricePer1MTokens: string;
                listing: {
                  integrationLinks: string[];
                  requestDocs: string;
                  responseNotes: string;
                  summary: string;
                  supportUrl?: string;
                };
                /** @description the least a billed job costs */
                minimumCharge: string;
                /** @enum {string} */
                model: "flat" | "tokens" | "dynamic" | "perSecond" | "custom";
                /** @description charged per outcome the agent reports */
                outcomePrice: string;
                /** @description an integer amount in the unit's base units */
                outputPricePer1MTokens: string;
                tiers: {
                  /** @description an integer amount in the unit's base units */
                  includedCalls: string;
                  name: string;
                  /** @enum {string} */
                  period: "day" | "week" | "month" | "year";
                  /** @description an integer amount in the unit's base units */
                  price: string;
                }[];
                /** @description `lovelace`, or policy id + asset name hex */
                unit: string;
                /** @constant */
                version: 1;
              };
              /**
               * @description the agent's registration state on this node
               * @enum {string}
               */
              registryState:
                | "RegistrationRequested"
                | "RegistrationInitiated"
                | "RegistrationConfirmed"
                | "RegistrationFailed"
                | "UpdateRequested"
                | "UpdateInitiated"
                | "UpdateConfirmed"
                | "UpdateFailed"
                | "DeregistrationRequested"
                | "DeregistrationInitiated"
                | "DeregistrationConfirmed"
                | "DeregistrationFailed";
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1RegistryUpdate: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          agentIdentifier: string;
          AgentPricing: unknown;
          apiBaseUrl: string;
          Author: {
            contactEmail?: string | null;
            contactOther?: string | null;
            name: string;
            organization?: string | null;
          };
          Capability?: {
            name: string;
            version: string;
          };
          description?: string | null;
          ExampleOutputs?: {
            mimeType: string;
            name: string;
            url: string;
          }[];
          image?: string | null;
          Legal?: {
            other?: string | null;
            privacyPolicy?: string | null;
            terms?: string | null;
          } | null;
          name: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          recipientWalletAddress?: string;
          sendFundingLovelace?: string;
          smartContractAddress?: string;
          supportedPaymentSources?: unknown;
          Tags: string[];
          verifications?: unknown;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A registration of this node, in the Masumi API's `RegistryEntry` shape */
            data: {
              /** @description policy id + asset name hex; null until the mint is seen */
              agentIdentifier: string | null;
              /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
              AgentPricing: {
                Pricing?: {
                  /** @description an integer amount in the unit's base units */
                  amount: string;
                  /** @description "" for lovelace, else policy id + asset name hex */
                  unit: string;
                }[];
                /** @enum {string} */
                pricingType: "Free" | "Fixed" | "Dynamic";
                Tiers?: {
                  name: string;
                  Pricing: {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description "" for lovelace, else policy id + asset name hex */
                    unit: string;
                  }[];
                }[];
              };
              apiBaseUrl: string;
              Author: {
                contactEmail: string | null;
                contactOther: string | null;
                name: string;
                organization: string | null;
              };
              Capability: {
                name: string | null;
                version: string | null;
              };
              /** Format: date-time */
              createdAt: string;
              CurrentTransaction: {
                blockHeight: number | null;
                blockTime: null;
                confirmations: null;
                fees: null;
                /** @enum {string} */
                status: "Pending" | "Confirmed" | "RolledBack" | "FailedViaTimeout";
                txHash: string;
              } | null;
              description: string | null;
              error: string | null;
              ExampleOutputs: {
                mimeType: string;
                name: string;
                url: string;
              }[];
              id: string;
              image: string | null;
              lastCheckedAt: null;
              Legal: {
                other: string | null;
                privacyPolicy: string | null;
                terms: string | null;
              };
              name: string;
              /** @description the wallet holding the NFT, if another */
              RecipientWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              sendFundingLovelace: null;
              /** @description the wallet that minted the NFT */
              SmartContractWallet: {
                walletAddress: string;
                /** @description the wallet's payment key hash */
                walletVkey: string;
              } | null;
              /** @enum {string} */
              state:
                | "RegistrationRequested"
                | "RegistrationInitiated"
                | "RegistrationConfirmed"
                | "RegistrationFailed"
                | "UpdateRequested"
                | "UpdateInitiated"
                | "UpdateConfirmed"
                | "UpdateFailed"
                | "DeregistrationRequested"
                | "DeregistrationInitiated"
                | "DeregistrationConfirmed"
                | "DeregistrationFailed";
              supportedPaymentSources: null;
              Tags: string[];
              /** Format: date-time */
              updatedAt: string;
              verifications: null;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1RegistryWallet: {
    parameters: {
      query: {
        network: "Preprod" | "Mainnet";
        smartContractAddress?: string;
        walletVkey: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Assets: {
                agentIdentifier: string | null;
                assetName: string | null;
                Metadata: {
                  /** @description Fixed agents carry `Pricing`; tiered ones `Tiers` too (escrowd's) */
                  AgentPricing: {
                    Pricing?: {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description "" for lovelace, else policy id + asset name hex */
                      unit: string;
                    }[];
                    /** @enum {string} */
                    pricingType: "Free" | "Fixed" | "Dynamic";
                    Tiers?: {
                      name: string;
                      Pricing: {
                        /** @description an integer amount in the unit's base units */
                        amount: string;
                        /** @description "" for lovelace, else policy id + asset name hex */
                        unit: string;
                      }[];
                    }[];
                  };
                  apiBaseUrl: string;
                  Author: {
                    contactEmail: string | null;
                    contactOther: string | null;
                    name: string;
                    organization: string | null;
                  };
                  Capability: {
                    name: string | null;
                    version: string | null;
                  };
                  description: string | null;
                  ExampleOutputs: {
                    mimeType: string;
                    name: string;
                    url: string;
                  }[];
                  /** @description "" when the agent has none */
                  image: string;
                  Legal: {
                    other: string | null;
                    privacyPolicy: string | null;
                    terms: string | null;
                  };
                  /** @constant */
                  metadataVersion: 1;
                  name: string;
                  supportedPaymentSources: null;
                  Tags: string[];
                  verifications: null;
                };
                policyId: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Usage: {
    parameters: {
      query: {
        blockchainIdentifier: string;
        cursor?: string;
        limit?: number;
        network?: "Preprod" | "Mainnet";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description pass as `cursor` for the next page */
              nextCursor: string | null;
              UsageRecords: {
                /** @description amounts the client gave, if any */
                amounts:
                  | {
                      /** @description an integer amount in the unit's base units */
                      amount: string;
                      /** @description policy id + asset name hex; lovelace as the route says */
                      unit: string;
                    }[]
                  | null;
                blockchainIdentifier: string;
                /** @description POSIX milliseconds */
                createdAt: string;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /**
                 * @description this node's side of the escrow
                 * @enum {string}
                 */
                role: "buyer" | "seller";
                usage: {
                  /** @description an integer amount in the unit's base units */
                  calls: string;
                  /** @description an integer amount in the unit's base units */
                  computeMs: string;
                  /** @description counts of named custom units */
                  custom: {
                    [key: string]: string;
                  };
                  /** @description an integer amount in the unit's base units */
                  inputTokens: string;
                  /** @description an integer amount in the unit's base units */
                  outcomes: string;
                  /** @description an integer amount in the unit's base units */
                  outputTokens: string;
                };
                /** @description the client's id of the record */
                usageId: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Usage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amounts?: {
            amount: string;
            unit: string;
          }[];
          blockchainIdentifier: string;
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          usage: {
            calls?: string;
            computeMs?: string;
            custom?: {
              [key: string]: string;
            };
            inputTokens?: string;
            outcomes?: string;
            outputTokens?: string;
          };
          usageId: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** @description amounts the client gave, if any */
              amounts:
                | {
                    /** @description an integer amount in the unit's base units */
                    amount: string;
                    /** @description policy id + asset name hex; lovelace as the route says */
                    unit: string;
                  }[]
                | null;
              blockchainIdentifier: string;
              /** @description POSIX milliseconds */
              createdAt: string;
              /** @enum {string} */
              network: "Preprod" | "Mainnet";
              /**
               * @description this node's side of the escrow
               * @enum {string}
               */
              role: "buyer" | "seller";
              usage: {
                /** @description an integer amount in the unit's base units */
                calls: string;
                /** @description an integer amount in the unit's base units */
                computeMs: string;
                /** @description counts of named custom units */
                custom: {
                  [key: string]: string;
                };
                /** @description an integer amount in the unit's base units */
                inputTokens: string;
                /** @description an integer amount in the unit's base units */
                outcomes: string;
                /** @description an integer amount in the unit's base units */
                outputTokens: string;
              };
              /** @description the client's id of the record */
              usageId: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Utxos: {
    parameters: {
      query: {
        address: string;
        count?: number;
        network: "Preprod" | "Mainnet";
        order?: "Asc" | "Desc";
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Utxos: {
                address: string;
                Amounts: {
                  /** @description The amount as a JSON number, null above 10^14 (the peer's range) */
                  quantity: number | null;
                  /** @description The exact amount (additive to the peer) */
                  quantityString: string;
                  /** @description `""` for lovelace, else policy id + asset name (hex) */
                  unit: string;
                }[];
                /**
                 * @description Always empty: the node does not keep it
                 * @constant
                 */
                block: "";
                dataHash: string | null;
                /** @description The inline datum's CBOR (hex) */
                inlineDatum: string | null;
                outputIndex: number;
                referenceScriptHash: string | null;
                txHash: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1Wallet: {
    parameters: {
      query: {
        id: string;
        includeSecret?: "true" | "false";
        walletType: "Selling" | "Purchasing" | "Funding";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A hot wallet with its low-balance rules (the mnemonic stays sealed) */
            data: {
              /** @description Always null: withdrawn and refunded funds stay in the wallet itself */
              collectionAddress: null;
              id: string;
              LowBalanceRules: {
                /** @description `lovelace`, or policy id + asset name (hex) */
                assetUnit: string;
                enabled: boolean;
                id: string;
                /** @description When a check last found it turn Low */
                lastAlertedAt: string | null;
                lastCheckedAt: string | null;
                /** @description The balance the last check read */
                lastKnownAmount: string | null;
                /**
                 * @description What the last check against the chain found (Unknown until checked)
                 * @enum {string}
                 */
                status: "Unknown" | "Healthy" | "Low";
                /** @description Low below this amount, in base units */
                thresholdAmount: string;
                topupAmount: null;
                /**
                 * @description escrowd never tops a wallet up itself
                 * @constant
                 */
                topupEnabled: false;
              }[];
              LowBalanceSummary: {
                /** @description An enabled rule's last check found the wallet Low */
                isLow: boolean;
                lastCheckedAt: string | null;
                lowRuleCount: number;
              };
              note: string | null;
              /** @description Always null: the submitter batches a wallet's work, it never holds one */
              PendingTransaction: null;
              /** @enum {string} */
              type: "Selling" | "Purchasing" | "Funding";
              walletAddress: string;
              /** @description The wallet's payment key hash (hex) */
              walletVkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1Wallet: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @enum {string} */
          network: "Preprod" | "Mainnet";
          note?: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              id: string;
              /** @enum {string} */
              type: "Selling" | "Purchasing" | "Funding";
              walletAddress: string;
              /** @description A notice, not a mnemonic: escrowd keeps every mnemonic sealed on the node */
              walletMnemonic: string;
              /** @description The wallet's payment key hash (hex) */
              walletVkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  patchApiV1Wallet: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          id: string;
          newCollectionAddress: string | null;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A hot wallet with its low-balance rules (the mnemonic stays sealed) */
            data: {
              /** @description Always null: withdrawn and refunded funds stay in the wallet itself */
              collectionAddress: null;
              id: string;
              LowBalanceRules: {
                /** @description `lovelace`, or policy id + asset name (hex) */
                assetUnit: string;
                enabled: boolean;
                id: string;
                /** @description When a check last found it turn Low */
                lastAlertedAt: string | null;
                lastCheckedAt: string | null;
                /** @description The balance the last check read */
                lastKnownAmount: string | null;
                /**
                 * @description What the last check against the chain found (Unknown until checked)
                 * @enum {string}
                 */
                status: "Unknown" | "Healthy" | "Low";
                /** @description Low below this amount, in base units */
                thresholdAmount: string;
                topupAmount: null;
                /**
                 * @description escrowd never tops a wallet up itself
                 * @constant
                 */
                topupEnabled: false;
              }[];
              LowBalanceSummary: {
                /** @description An enabled rule's last check found the wallet Low */
                isLow: boolean;
                lastCheckedAt: string | null;
                lowRuleCount: number;
              };
              note: string | null;
              /** @description Always null: the submitter batches a wallet's work, it never holds one */
              PendingTransaction: null;
              /** @enum {string} */
              type: "Selling" | "Purchasing" | "Funding";
              walletAddress: string;
              /** @description The wallet's payment key hash (hex) */
              walletVkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1WalletList: {
    parameters: {
      query?: {
        cursorId?: string;
        paymentSourceId?: string;
        take?: number;
        walletAddress?: string;
        walletType?: "Selling" | "Purchasing" | "Funding";
        walletVkey?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Wallets: {
                /** @description Always null: withdrawn and refunded funds stay in the wallet itself */
                collectionAddress: null;
                id: string;
                LowBalanceSummary: {
                  /** @description An enabled rule's last check found the wallet Low */
                  isLow: boolean;
                  lastCheckedAt: string | null;
                  lowRuleCount: number;
                };
                note: string | null;
                /** @description `escrow-<network>`, the node's escrow */
                paymentSourceId: string;
                /** @enum {string} */
                type: "Selling" | "Purchasing" | "Funding";
                walletAddress: string;
                /** @description The wallet's payment key hash (hex) */
                walletVkey: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1WalletLowBalance: {
    parameters: {
      query?: {
        includeDisabled?: "true" | "false";
        onlyLow?: "true" | "false";
        paymentSourceId?: string;
        walletId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              Rules: {
                /** @description `lovelace`, or policy id + asset name (hex) */
                assetUnit: string;
                enabled: boolean;
                id: string;
                /** @description When a check last found it turn Low */
                lastAlertedAt: string | null;
                lastCheckedAt: string | null;
                /** @description The balance the last check read */
                lastKnownAmount: string | null;
                /** @enum {string} */
                network: "Preprod" | "Mainnet";
                /** @description `escrow-<network>`, the node's escrow */
                paymentSourceId: string;
                /**
                 * @description What the last check against the chain found (Unknown until checked)
                 * @enum {string}
                 */
                status: "Unknown" | "Healthy" | "Low";
                /** @description Low below this amount, in base units */
                thresholdAmount: string;
                topupAmount: null;
                /**
                 * @description escrowd never tops a wallet up itself
                 * @constant
                 */
                topupEnabled: false;
                walletAddress: string;
                walletId: string;
                /** @enum {string} */
                walletType: "Selling" | "Purchasing" | "Funding";
                /** @description The wallet's payment key hash (hex) */
                walletVkey: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1WalletLowBalance: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          assetUnit: string;
          /** @default true */
          enabled?: boolean;
          thresholdAmount: string;
          topupAmount?: unknown;
          /** @constant */
          topupEnabled?: false;
          walletId: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A low-balance rule, checked against the chain's balance */
            data: {
              /** @description `lovelace`, or policy id + asset name (hex) */
              assetUnit: string;
              enabled: boolean;
              id: string;
              /** @description When a check last found it turn Low */
              lastAlertedAt: string | null;
              lastCheckedAt: string | null;
              /** @description The balance the last check read */
              lastKnownAmount: string | null;
              /** @enum {string} */
              network: "Preprod" | "Mainnet";
              /** @description `escrow-<network>`, the node's escrow */
              paymentSourceId: string;
              /**
               * @description What the last check against the chain found (Unknown until checked)
               * @enum {string}
               */
              status: "Unknown" | "Healthy" | "Low";
              /** @description Low below this amount, in base units */
              thresholdAmount: string;
              topupAmount: null;
              /**
               * @description escrowd never tops a wallet up itself
               * @constant
               */
              topupEnabled: false;
              walletAddress: string;
              walletId: string;
              /** @enum {string} */
              walletType: "Selling" | "Purchasing" | "Funding";
              /** @description The wallet's payment key hash (hex) */
              walletVkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteApiV1WalletLowBalance: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          ruleId: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              /** Format: date-time */
              deletedAt: string;
              ruleId: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  patchApiV1WalletLowBalance: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          enabled?: boolean;
          ruleId: string;
          thresholdAmount?: string;
          topupAmount?: null;
          /** @constant */
          topupEnabled?: false;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A low-balance rule, checked against the chain's balance */
            data: {
              /** @description `lovelace`, or policy id + asset name (hex) */
              assetUnit: string;
              enabled: boolean;
              id: string;
              /** @description When a check last found it turn Low */
              lastAlertedAt: string | null;
              lastCheckedAt: string | null;
              /** @description The balance the last check read */
              lastKnownAmount: string | null;
              /** @enum {string} */
              network: "Preprod" | "Mainnet";
              /** @description `escrow-<network>`, the node's escrow */
              paymentSourceId: string;
              /**
               * @description What the last check against the chain found (Unknown until checked)
               * @enum {string}
               */
              status: "Unknown" | "Healthy" | "Low";
              /** @description Low below this amount, in base units */
              thresholdAmount: string;
              topupAmount: null;
              /**
               * @description escrowd never tops a wallet up itself
               * @constant
               */
              topupEnabled: false;
              walletAddress: string;
              walletId: string;
              /** @enum {string} */
              walletType: "Selling" | "Purchasing" | "Funding";
              /** @description The wallet's payment key hash (hex) */
              walletVkey: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getApiV1WalletTransferFunds: {
    parameters: {
      query?: {
        cursorId?: string;
        hotWalletId?: string;
        id?: string;
        limit?: number;
        walletAddress?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            data: {
              transfers: {
                /** @description The tokens sent (policy id + asset name hex), null when none */
                assets:
                  | {
                      /** @description an integer amount in the unit's base units */
                      quantity: string;
                      unit: string;
                    }[]
                  | null;
                /** Format: date-time */
                createdAt: string;
                /** @description Why its last attempt failed */
                errorNote: string | null;
                fromWalletAddress: string;
                id: string;
                lastCheckedAt: string | null;
                /** @description an integer amount in the unit's base units */
                lovelaceAmount: string;
                /**
                 * @description Pending until the chain confirms its transaction
                 * @enum {string}
                 */
                status: "Pending" | "Confirmed" | "FailedViaTimeout";
                toAddress: string;
                /** @description Null until it is submitted */
                txHash: string | null;
                /** Format: date-time */
                updatedAt: string;
              }[];
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  postApiV1WalletTransferFunds: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the request safe to retry: the first answer is stored and replayed for the same key and body; the same key with another body is refused (409) */
        "Idempotency-Key"?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          assets?: {
            quantity: string;
            unit: string;
          }[];
          fromWalletAddress: string;
          lovelaceAmount: string;
          toAddress: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description A transfer out of one of the node's wallets */
            data: {
              /** @description The tokens sent (policy id + asset name hex), null when none */
              assets:
                | {
                    /** @description an integer amount in the unit's base units */
                    quantity: string;
                    unit: string;
                  }[]
                | null;
              /** Format: date-time */
              createdAt: string;
              /** @description Why its last attempt failed */
              errorNote: string | null;
              fromWalletAddress: string;
              id: string;
              lastCheckedAt: string | null;
              /** @description an integer amount in the unit's base units */
              lovelaceAmount: string;
              /**
               * @description Pending until the chain confirms its transaction
               * @enum {string}
               */
              status: "Pending" | "Confirmed" | "FailedViaTimeout";
              toAddress: string;
              /** @description Null until it is submitted */
              txHash: string | null;
              /** Format: date-time */
              updatedAt: string;
            };
            /** @constant */
            status: "success";
          };
        };
      };
      /** @description Bad input; `error.field` names the first offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No token, or an unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The key lacks the permission, or is not allowed on this network */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflicts with the current state, or an Idempotency-Key sent again with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Request body over 256 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many requests; `Retry-After` says when to come back */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The node is starting, or the chain could not be read */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
}
