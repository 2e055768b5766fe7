/**
 * The node's configuration, read from the environment once at boot. Every variable is listed in
 * README.md; a bad or missing value stops the node with one line that names it.
 */
import path from "node:path";
import { z } from "zod";
import { POOL_MAX_DEFAULT } from "./db/pool-size.ts";
import { LOG_LEVELS, type LogLevel } from "./log.ts";

/** Admin keys that are public knowledge (ours and the peer's documented defaults): refused on mainnet. */
export const KNOWN_DEFAULT_ADMIN_KEYS = ["DefaultUnsecureAdminKey", "escrowd-admin", "admin"];

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be an integer between ${min} and ${max}`)
    .describe(name);

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .transform((s) => (s === "" ? undefined : s))
  .optional();

/** The limits when nothing is configured (README.md lists them). */
export const DEFAULT_API_LIMITS: ApiLimits = {
  authFailuresPerMinute: 30,
  requestsPerMinute: 1200,
  idempotencyTtlMs: 86_400_000,
};

const DAY_MS = 86_400_000;
/** Usage events are kept at least 13 months (396 days): a year of invoices and a month more. */
export const EVENTS_RETENTION_MS_MIN = 396 * DAY_MS;

/** How usage events are delivered when nothing is configured (README.md lists them). */
export const DEFAULT_EVENTS: EventsConfig = {
  allowPrivateTargets: false,
  retentionMs: 400 * DAY_MS,
  attemptTimeoutMs: 10_000,
  attemptsMax: 15,
  ageMaxMs: 3 * DAY_MS,
  backoffBaseMs: 1_000,
  backoffCapMs: 600_000,
  targetConcurrency: 4,
};

/**
 * What a process does when several share one PostgreSQL: `api` answers HTTP and runs no
 * workers, `worker` runs the workers and answers only health and metrics, `all` does both.
 */
export const ROLES = ["all", "api", "worker"] as const;
export type Role = (typeof ROLES)[number];

const envSchema = z.object({
  NETWORK: z.enum(["preprod", "mainnet"]).default("preprod"),
  CHAIN_BACKEND: z.enum(["devnet", "blockfrost"]).default("devnet"),
  BLOCKFROST_PROJECT_ID: optionalText,
  BLOCKFROST_URL: optionalText.pipe(z.url("must be an http(s) URL").optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATABASE_POOL_MAX: integer("DATABASE_POOL_MAX", 1, 100).default(POOL_MAX_DEFAULT),
  DATA_DIR: z.string().min(1, "must not be empty").default(".escrowd"),
  HOST: z.string().min(1, "must not be empty").default("127.0.0.1"),
  ROLE: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).default("all"),
  PORT: integer("PORT", 0, 65535).default(3001),
  ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (a 32-byte AES-256 key)")
      .optional(),
  ),
  ADMIN_KEY: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  METRICS_TOKEN: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  SELLING_WALLETS: integer("SELLING_WALLETS", 0, 100).default(1),
  PURCHASING_WALLETS: integer("PURCHASING_WALLETS", 0, 100).default(1),
  DEVNET_PORT: integer("DEVNET_PORT", 0, 65535).default(0),
  DEVNET_BLOCK_INTERVAL_MS: integer("DEVNET_BLOCK_INTERVAL_MS", 10, 600_000).default(1000),
  DEVNET_EMPTY_BLOCK_INTERVAL_MS: integer("DEVNET_EMPTY_BLOCK_INTERVAL_MS", 0, 86_400_000)
    .refine((n) => n === 0 || n >= 1000, "must be 0 (no empty blocks) or at least 1000")
    .optional(),
  CHAIN_POLL_INTERVAL_MS: integer("CHAIN_POLL_INTERVAL_MS", 100, 600_000).optional(),
  ESCROW_ADMINS: optionalText.pipe(
    z
      .string()
      .regex(
        /^(devnet|[0-9a-f]{56}(,[0-9a-f]{56}){0,15})$/,
        "must be devnet or 1-16 comma-separated payment key hashes (56 lowercase hex)",
      )
      .optional(),
  ),
  ESCROW_DISPUTE_THRESHOLD: integer("ESCROW_DISPUTE_THRESHOLD", 1, 16).optional(),
  ESCROW_COOLDOWN_MS: integer("ESCROW_COOLDOWN_MS", 0, 86_400_000).default(0),
  ESCROW_ADMIN_MNEMONICS_FILE: optionalText,
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: integer(
    "RATE_LIMIT_AUTH_FAILURES_PER_MINUTE",
    0,
    1_000_000,
  ).default(DEFAULT_API_LIMITS.authFailuresPerMinute),
  RATE_LIMIT_REQUESTS_PER_MINUTE: integer("RATE_LIMIT_REQUESTS_PER_MINUTE", 0, 1_000_000).default(
    DEFAULT_API_LIMITS.requestsPerMinute,
  ),
  IDEMPOTENCY_TTL_MS: integer("IDEMPOTENCY_TTL_MS", 60_000, 30 * 86_400_000).default(
    DEFAULT_API_LIMITS.idempotencyTtlMs,
  ),
  EVENTS_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((s) => s === "true"),
  EVENTS_RETENTION_MS: integer(
    "EVENTS_RETENTION_MS",
    EVENTS_RETENTION_MS_MIN,
    100 * 365 * DAY_MS,
  ).default(DEFAULT_EVENTS.retentionMs),
  EVENTS_ATTEMPT_TIMEOUT_MS: integer("EVENTS_ATTEMPT_TIMEOUT_MS", 100, 120_000).default(
    DEFAULT_EVENTS.attemptTimeoutMs,
  ),
  EVENTS_ATTEMPTS_MAX: integer("EVENTS_ATTEMPTS_MAX", 1, 100).default(DEFAULT_EVENTS.attemptsMax),
  EVENTS_AGE_MAX_MS: integer("EVENTS_AGE_MAX_MS", 1_000, 30 * DAY_MS).default(
    DEFAULT_EVENTS.ageMaxMs,
  ),
  EVENTS_BACKOFF_BASE_MS: integer("EVENTS_BACKOFF_BASE_MS", 10, 3_600_000).default(
    DEFAULT_EVENTS.backoffBaseMs,
  ),
  EVENTS_BACKOFF_CAP_MS: integer("EVENTS_BACKOFF_CAP_MS", 10, 86_400_000).default(
    DEFAULT_EVENTS.backoffCapMs,
  ),
  EVENTS_TARGET_CONCURRENCY: integer("EVENTS_TARGET_CONCURRENCY", 1, 64).default(
    DEFAULT_EVENTS.targetConcurrency,
  ),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  network: "preprod" | "mainnet";
  chain:
    | {
        backend: "devnet";
        portRequested: number;
        blockIntervalMs: number;
        /** Unset: the devnet's default (20 block intervals). */
        emptyBlockIntervalMs?: number;
      }
    | { backend: "blockfrost"; baseUrl: string; projectId: string | undefined };
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL at most, per process. */
  databasePoolMax: number;
  dataDir: string;
  /** ROLE: what this process does among several on one database. */
  role: Role;
  host: string;
  port: number;
  /** Unset on the devnet means: generate one and keep it in the data directory. */
  encryptionKeyHex: string | undefined;
  /** Unset off mainnet means: generate one and keep it in the data directory. */
  adminKey: string | undefined;
  /** How much the node logs (LOG_LEVEL). */
  logLevel: LogLevel;
  /** A token that may read /metrics (and nothing else), besides the admin key. */
  metricsToken: string | undefined;
  walletsWanted: { selling: number; purchasing: number };
  escrow: EscrowConfig;
  /** How often the watchers ask for the tip: about a block time. */
  chainPollIntervalMs: number;
  api: ApiLimits;
  events: EventsConfig;
}

/** Usage events' delivery (issue 12): who may be a target, retries, and how long events stay. */
export interface EventsConfig {
  /** Webhooks to loopback, private and link-local addresses (tests, the devnet). */
  allowPrivateTargets: boolean;
  retentionMs: number;
  /** One delivery attempt is abandoned (and retried) after this long. */
  attemptTimeoutMs: number;
  /** A receipt is `failed` after this many attempts … */
  attemptsMax: number;
  /** … or once its first attempt is this old. */
  ageMaxMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Batches in flight at once per target. */
  targetConcurrency: number;
}

/** The API's limits on callers; 0 turns a rate limit off. */
export interface ApiLimits {
  /** Failed authentications allowed per client address per minute, before 429s. */
  authFailuresPerMinute: number;
  /** Requests allowed per API key per minute (the admin key is not limited). */
  requestsPerMinute: number;
  /** How long a stored Idempotency-Key answer is kept and replayed. */
  idempotencyTtlMs: number;
}

/** Which escrow script the node uses (its parameters) and the admin keys it holds, if any. */
export interface EscrowConfig {
  /** `devnet`: the devnet's public admin set (src/chain/escrow/admins.ts); else key hashes. */
  admins: "devnet" | string[];
  disputeThreshold: number;
  cooldownMs: number;
  /** A file of admin mnemonics, one per line, for a node that resolves disputes. */
  adminMnemonicsFile: string | undefined;
}

/** A configuration problem, worded as the one line the node prints before it exits. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

const BLOCKFROST_URLS = {
  preprod: "https://cardano-preprod.blockfrost.io/api/v0",
  mainnet: "https://cardano-mainnet.blockfrost.io/api/v0",
} as const;

/** Variables whose values are secrets (or hold one, like a database URL's password). */
const SECRET_VARIABLES = new Set([
  "ADMIN_KEY",
  "ENCRYPTION_KEY",
  "METRICS_TOKEN",
  "BLOCKFROST_PROJECT_ID",
  "DATABASE_URL",
]);

/** Parses and checks the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    // A secret's value is never repeated: the message goes to a terminal or a log.
    const got = SECRET_VARIABLES.has(variable) ? undefined : env[variable];
    throw new ConfigError(
      variable,
      `${issue.message}${got === undefined ? "" : ` (got "${got}")`}`,
    );
  }
  return checkCombinations(parsed.data, cwd);
}

function checkCombinations(e: Env, cwd: string): Config {
  if (e.NETWORK === "mainnet") {
    if (e.CHAIN_BACKEND === "devnet")
      throw new ConfigError("CHAIN_BACKEND", "mainnet cannot run on the devnet; set blockfrost");
    if (!e.ENCRYPTION_KEY) throw new ConfigError("ENCRYPTION_KEY", "is required on mainnet");
    if (!e.ADMIN_KEY) throw new ConfigError("ADMIN_KEY", "is required on mainnet");
    if (e.ADMIN_KEY.length < 32 || KNOWN_DEFAULT_ADMIN_KEYS.includes(e.ADMIN_KEY))
      throw new ConfigError(
        "ADMIN_KEY",
        "a default or short key (under 32 characters) is refused on mainnet",
      );
  }
  if (e.ROLE !== "all") {
    // Processes that split the work must share the database and the chain.
    if (!e.DATABASE_URL)
      throw new ConfigError(
        "ROLE",
        `${e.ROLE} needs DATABASE_URL (a PostgreSQL shared by every process)`,
      );
    if (e.CHAIN_BACKEND === "devnet")
      throw new ConfigError(
        "ROLE",
        `${e.ROLE} needs a shared chain: CHAIN_BACKEND=blockfrost (Blockfrost, or a standalone escrowd devnet)`,
      );
  }
  let chain: Config["chain"];
  if (e.CHAIN_BACKEND === "devnet") {
    chain = {
      backend: "devnet",
      portRequested: e.DEVNET_PORT,
      blockIntervalMs: e.DEVNET_BLOCK_INTERVAL_MS,
      ...(e.DEVNET_EMPTY_BLOCK_INTERVAL_MS === undefined
        ? {}
        : { emptyBlockIntervalMs: e.DEVNET_EMPTY_BLOCK_INTERVAL_MS }),
    };
  } else {
    if (!e.BLOCKFROST_PROJECT_ID && !e.BLOCKFROST_URL)
      throw new ConfigError(
        "BLOCKFROST_PROJECT_ID",
        "is required with CHAIN_BACKEND=blockfrost (or set BLOCKFROST_URL)",
      );
    if (!e.ENCRYPTION_KEY)
      throw new ConfigError(
        "ENCRYPTION_KEY",
        "is required off the devnet (wallets hold real funds)",
      );
    chain = {
      backend: "blockfrost",
      baseUrl: (e.BLOCKFROST_URL ?? BLOCKFROST_URLS[e.NETWORK]).replace(/\/+$/, ""),
      projectId: e.BLOCKFROST_PROJECT_ID,
    };
  }
  return {
    network: e.NETWORK,
    chain,
    escrow: escrowConfig(e, cwd),
    // The devnet makes a block a second by default; a public network one in about twenty.
    chainPollIntervalMs:
      e.CHAIN_POLL_INTERVAL_MS ?? (e.CHAIN_BACKEND === "devnet" ? 1_000 : 20_000),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    role: e.ROLE,
    host: e.HOST,
    port: e.PORT,
    encryptionKeyHex: e.ENCRYPTION_KEY?.toLowerCase(),
    adminKey: e.ADMIN_KEY,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    walletsWanted: { selling: e.SELLING_WALLETS, purchasing: e.PURCHASING_WALLETS },
    api: {
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
      requestsPerMinute: e.RATE_LIMIT_REQUESTS_PER_MINUTE,
      idempotencyTtlMs: e.IDEMPOTENCY_TTL_MS,
    },
    events: eventsConfig(e),
  };
}

function eventsConfig(e: Env): EventsConfig {
  if (e.EVENTS_BACKOFF_CAP_MS < e.EVENTS_BACKOFF_BASE_MS)
    throw new ConfigError("EVENTS_BACKOFF_CAP_MS", "must be at least EVENTS_BACKOFF_BASE_MS");
  return {
    allowPrivateTargets: e.EVENTS_ALLOW_PRIVATE_TARGETS,
    retentionMs: e.EVENTS_RETENTION_MS,
    attemptTimeoutMs: e.EVENTS_ATTEMPT_TIMEOUT_MS,
    attemptsMax: e.EVENTS_ATTEMPTS_MAX,
    ageMaxMs: e.EVENTS_AGE_MAX_MS,
    backoffBaseMs: e.EVENTS_BACKOFF_BASE_MS,
    backoffCapMs: e.EVENTS_BACKOFF_CAP_MS,
    targetConcurrency: e.EVENTS_TARGET_CONCURRENCY,
  };
}

function escrowConfig(e: Env, cwd: string): EscrowConfig {
  const admins = e.ESCROW_ADMINS ?? (e.CHAIN_BACKEND === "devnet" ? "devnet" : undefined);
  if (admins === undefined)
    throw new ConfigError(
      "ESCROW_ADMINS",
      "is required off the devnet: the escrow's dispute admins (payment key hashes)",
    );
  if (admins === "devnet" && e.NETWORK === "mainnet")
    throw new ConfigError("ESCROW_ADMINS", "the devnet's public admin keys are refused on mainnet");
  const list = admins === "devnet" ? "devnet" : [...new Set(admins.split(","))];
  const count = list === "devnet" ? 3 : list.length;
  // The devnet set is two of three; a configured set defaults to a majority.
  const threshold =
    e.ESCROW_DISPUTE_THRESHOLD ?? (list === "devnet" ? 2 : Math.floor(count / 2) + 1);
  if (threshold > count)
    throw new ConfigError(
      "ESCROW_DISPUTE_THRESHOLD",
      `must be at most the number of admins (${count})`,
    );
  if (list === "devnet" && threshold !== 2)
    throw new ConfigError("ESCROW_DISPUTE_THRESHOLD", "the devnet admin set uses 2");
  return {
    admins: list,
    disputeThreshold: threshold,
    cooldownMs: e.ESCROW_COOLDOWN_MS,
    adminMnemonicsFile: e.ESCROW_ADMIN_MNEMONICS_FILE
      ? path.resolve(cwd, e.ESCROW_ADMIN_MNEMONICS_FILE)
      : undefined,
  };
}
