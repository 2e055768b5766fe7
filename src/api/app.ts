/** The node's HTTP API, mounted under /api/v1. Each resource lives in its own route module. */
import { Hono } from "hono";
import { apiKeyRoutes } from "./api-keys.ts";
import { identify, type AuthContext } from "./auth.ts";
import { ApiError, errorBody, onApiError } from "./errors.ts";
import { requestDb } from "../db/request-tx.ts";
import { healthRoutes, type Readiness } from "./health.ts";
import { idempotency } from "./idempotency.ts";
import { DEFAULT_API_LIMITS, type ApiLimits } from "../config.ts";
import { inputGuard } from "./input-guard.ts";
import { bodyLimit } from "../body-limit.ts";
import { registryRoutes } from "./registry.ts";
import { registryEntryRoutes } from "./registry-entry.ts";
import { priceSheetRoutes } from "./price-sheets.ts";
import { paymentRoutes } from "./payments.ts";
import { purchaseRoutes } from "./purchases.ts";
import { escrowActionRoutes } from "./escrow-actions.ts";
import { meteredActionRoutes } from "./metered-actions.ts";
import { chainReadRoutes } from "./chain-reads.ts";
import { lowBalanceRoutes } from "./low-balance.ts";
import { paymentSourceRoutes } from "./payment-source.ts";
import { registryRecordRoutes } from "./registry-records.ts";
import { subjectRecoveryRoutes } from "./subject-recovery.ts";
import { syncRoutes } from "./sync.ts";
import { transferFundsRoutes } from "./transfer-funds.ts";
import { walletRoutes } from "./wallets.ts";
import { budgetRoutes } from "./budgets.ts";
import { quoteRoutes } from "./quotes.ts";
import { usageRoutes } from "./usage.ts";
import { peerRoutes } from "./peers.ts";
import { eventTargetRoutes } from "./event-targets.ts";
import { eventRoutes } from "./events.ts";
import { docsRoutes, lazyDescription } from "./openapi/docs-routes.ts";
import { answerCheck } from "./openapi/answer-check.ts";
import { bookMetrics } from "../observability/book-metrics.ts";
import { dashboardRoutes } from "../dashboard/routes.ts";
import { mcpRoutes } from "../mcp/server.ts";
import { requestIds, requestLog } from "./request-log.ts";
import type { Log } from "../log.ts";
import { httpMetrics, metricsRoutes } from "../observability/metrics-routes.ts";
import type { UtxoReader } from "../chain/port.ts";
import { REGISTRY_POLICY } from "../chain/builders/registry-common.ts";

/** The API's version in its description; `/api/v1` stays compatible within it. */
export const API_VERSION = "1.0.0";

/** What the routes use once the node is up (undefined while it starts). */
export interface AppContext extends AuthContext {
  /** Opens the seller's wallet to sign payment terms. */
  encryptionKeyHex: string;
  /** The chain, for what only the chain can answer (a buyer's balance). */
  chain: UtxoReader;
  /** The escrow this node locks in and watches. */
  escrowAddress: string;
  /** The ledger's min-UTxO price per byte, to size a lock exactly. */
  coinsPerUtxoSize: () => Promise<number>;
  /** The in-process devnet's URL, for the dashboard's faucet and time buttons. */
  devnetUrl?: string;
  /** A token that may read /metrics and nothing else (METRICS_TOKEN). */
  metricsToken?: string;
  /** Event targets on loopback, private and link-local addresses (EVENTS_ALLOW_PRIVATE_TARGETS). */
  allowPrivateTargets?: boolean;
  /** The escrow admin keys this node holds and how many a resolution needs. */
  escrowAdmins?: { held: number; threshold: number; keyHashes?: readonly string[] };
}

export interface ApiDeps {
  readiness: Readiness;
  log: (line: string) => void;
  context: () => AppContext | undefined;
  nowMs?: () => number;
  /** Rate limits and the Idempotency-Key TTL; the configuration's defaults when left out. */
  limits?: ApiLimits;
  /** Wall-clock time for rate-limit windows (tests move it). */
  clockMs?: () => number;
  /**
   * Check every answer against the API's description (answer-check.ts); the test suite turns it
   * on for every node it starts with ESCROWD_CHECK_ANSWERS=1.
   */
  checkAnswers?: boolean;
  /** Where one line per HTTP request goes (request-log.ts); none when left out. */
  requestLog?: Log;
  /** ROLE=worker: only health and metrics are answered; the API is other processes' job. */
  workerOnly?: boolean;
}

/** What a worker-only process still answers: its liveness, and its metrics for scraping. */
const WORKER_PATHS = new Set(["/api/v1/health", "/metrics"]);

/** Builds the Hono app; it holds no state of its own, so tests call `app.request()` directly. */
export function createApp(deps: ApiDeps): Hono {
  const nowMs = deps.nowMs ?? Date.now;
  const root = (): AppContext => {
    const ctx = deps.context();
    if (!ctx) throw new ApiError(503, `starting: ${deps.readiness.stage}`);
    return ctx;
  };
  // Routes work in the request's transaction when it has one (an Idempotency-Key).
  const ready = (): AppContext => {
    const ctx = root();
    return { ...ctx, db: requestDb(ctx.db) };
  };
  // Routes about escrows and agents also need the registry policy the node indexes.
  const escrow = () => ({ ...ready(), policyId: REGISTRY_POLICY.hash });
  const api = new Hono();
  api.route("/", healthRoutes(deps.readiness));
  api.route("/", apiKeyRoutes(ready, nowMs));
  api.route("/", registryRoutes(ready, nowMs));
  api.route("/", paymentRoutes(escrow, nowMs));
  api.route("/", purchaseRoutes(escrow, nowMs));
  api.route("/", escrowActionRoutes(escrow, nowMs));
  api.route("/", meteredActionRoutes(escrow, nowMs));
  api.route("/", budgetRoutes(ready, nowMs));
  api.route("/", quoteRoutes(ready, nowMs));
  api.route("/", usageRoutes(ready, nowMs));
  api.route("/", peerRoutes(ready));
  api.route("/", eventTargetRoutes(ready, nowMs));
  api.route("/", eventRoutes(ready, nowMs));
  // The rest of the peer's API (the Masumi drop-in); `/{payment,purchase}/:id` comes after the
  // count and diff routes, whose paths it would otherwise match.
  api.route("/", walletRoutes(ready, nowMs));
  api.route("/", lowBalanceRoutes(ready, nowMs));
  api.route("/", transferFundsRoutes(ready, nowMs));
  api.route("/", chainReadRoutes(ready));
  api.route("/", paymentSourceRoutes(escrow));
  api.route("/", registryRecordRoutes(escrow));
  api.route("/", syncRoutes(escrow));
  api.route("/", subjectRecoveryRoutes(escrow));
  // The explorer's routes are public: every agent on chain is public data.
  api.route("/", registryEntryRoutes(escrow));
  api.route("/", priceSheetRoutes(escrow, nowMs));

  // Not strict: a trailing slash names the same route for every method (the Masumi SDKs POST to
  // `/payment/`), where Hono's trimTrailingSlash middleware would only redirect GETs.
  const app = new Hono({ strict: false });
  app.use("*", requestIds());
  if (deps.requestLog) app.use("*", requestLog(deps.requestLog));
  app.use("*", httpMetrics());
  if (deps.workerOnly)
    app.use("*", async (c, next) => {
      if (WORKER_PATHS.has(c.req.path.replace(/\/+$/, ""))) return next();
      return c.json(
        errorBody(
          "this process runs workers only (ROLE=worker): ask a process with ROLE=api or all",
        ),
        404,
      );
    });
  const description = lazyDescription(() => app, API_VERSION);
  if (deps.checkAnswers ?? process.env.ESCROWD_CHECK_ANSWERS === "1") {
    // Outermost, so that it sees every answer, refusals included; stderr, not the node's log,
    // which tests often silence.
    app.use(
      "/api/v1/*",
      answerCheck(description, (line) => process.stderr.write(`${line}\n`)),
    );
  }
  app.use(
    "*",
    bodyLimit({
      maxBytes: 256 * 1024,
      onError: (c) => c.json(errorBody("request body over 256 KiB"), 413),
    }),
  );
  // Hostile input is refused before anything reads or stores it (see input-guard.ts).
  app.use("/api/v1/*", inputGuard());
  // Authentication comes before idempotency: a refused caller neither stores nor replays.
  const limits = deps.limits ?? DEFAULT_API_LIMITS;
  app.use("/api/v1/*", identify(deps.context, { ...limits, clockMs: deps.clockMs ?? Date.now }));
  app.use(
    "/api/v1/*",
    idempotency(() => root().db, nowMs, limits.idempotencyTtlMs),
  );
  app.route("/api/v1", api);
  app.route("/", docsRoutes(description));
  app.route(
    "/",
    mcpRoutes(() => app, description, API_VERSION),
  );
  app.route(
    "/",
    dashboardRoutes(() => deps.context(), deps.readiness),
  );
  const books = bookMetrics(() => deps.context(), nowMs);
  app.route(
    "/",
    metricsRoutes(() => deps.context(), books),
  );
  app.notFound((c) => c.json(errorBody(`no route ${c.req.method} ${c.req.path}`), 404));
  app.onError(onApiError(deps.log));
  return app;
}
