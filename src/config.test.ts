import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const KEY = "ab".repeat(32);
const ADMINS = ["a1".repeat(28), "b2".repeat(28), "c3".repeat(28)];
const OFF_DEVNET = { CHAIN_BACKEND: "blockfrost", BLOCKFROST_PROJECT_ID: "p", ENCRYPTION_KEY: KEY };
const STRONG_ADMIN = "x".repeat(40);

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, "/srv");
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("runs on embedded defaults with nothing set", () => {
    const c = loadConfig({}, "/srv");
    expect(c).toMatchObject({
      network: "preprod",
      chain: { backend: "devnet", portRequested: 0, blockIntervalMs: 1000 },
      databaseUrl: undefined,
      dataDir: "/srv/.escrowd",
      host: "127.0.0.1",
      port: 3001,
      encryptionKeyHex: undefined,
      adminKey: undefined,
      walletsWanted: { selling: 1, purchasing: 1 },
      role: "all",
    });
  });

  it("splits the work by ROLE only between processes sharing PostgreSQL and a chain", () => {
    const shared = {
      ...OFF_DEVNET,
      ESCROW_ADMINS: ADMINS.join(","),
      DATABASE_URL: "postgres://db/escrowd",
    };
    expect(loadConfig({ ...shared, ROLE: "api" }, "/srv").role).toBe("api");
    expect(loadConfig({ ...shared, ROLE: "worker" }, "/srv").role).toBe("worker");
    expect(errorOf({ ...shared, ROLE: "leader" }).message).toMatch(
      /^ROLE: must be one of all, api, worker \(got "leader"\)$/,
    );
    const noDatabase = errorOf({ ...OFF_DEVNET, ESCROW_ADMINS: ADMINS.join(","), ROLE: "api" });
    expect(noDatabase.variable).toBe("ROLE");
    expect(noDatabase.message).toMatch(/DATABASE_URL/);
    const ownDevnet = errorOf({ DATABASE_URL: "postgres://db/escrowd", ROLE: "worker" });
    expect(ownDevnet.variable).toBe("ROLE");
    expect(ownDevnet.message).toMatch(/CHAIN_BACKEND=blockfrost/);
  });

  it("reads the API's rate limits and Idempotency-Key TTL, 0 turning a limit off", () => {
    expect(loadConfig({}, "/srv").api).toEqual({
      authFailuresPerMinute: 30,
      requestsPerMinute: 1200,
      idempotencyTtlMs: 86_400_000,
    });
    const set = loadConfig(
      {
        RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: "0",
        RATE_LIMIT_REQUESTS_PER_MINUTE: "60",
        IDEMPOTENCY_TTL_MS: "3600000",
      },
      "/srv",
    );
    expect(set.api).toEqual({
      authFailuresPerMinute: 0,
      requestsPerMinute: 60,
      idempotencyTtlMs: 3_600_000,
    });
    expect(() => loadConfig({ IDEMPOTENCY_TTL_MS: "10" }, "/srv")).toThrow(/IDEMPOTENCY_TTL_MS/);
    expect(() => loadConfig({ RATE_LIMIT_REQUESTS_PER_MINUTE: "-1" }, "/srv")).toThrow(
      /RATE_LIMIT_REQUESTS_PER_MINUTE/,
    );
  });

  it("reads the devnet's idle-block interval, 0 turning idle blocks off", () => {
    expect(loadConfig({}, "/srv").chain).not.toHaveProperty("emptyBlockIntervalMs");
    const set = (v: string) => loadConfig({ DEVNET_EMPTY_BLOCK_INTERVAL_MS: v }, "/srv").chain;
    expect(set("0")).toMatchObject({ backend: "devnet", emptyBlockIntervalMs: 0 });
    expect(set("20000")).toMatchObject({ emptyBlockIntervalMs: 20_000 });
  });

  it("reads the PostgreSQL pool's size, four connections unless set", () => {
    expect(loadConfig({}, "/srv").databasePoolMax).toBe(4);
    expect(loadConfig({ DATABASE_POOL_MAX: "12" }, "/srv").databasePoolMax).toBe(12);
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }, "/srv").port).toBe(3001);
  });

  it("reads Blockfrost settings, defaulting the URL by network", () => {
    const c = loadConfig(
      {
        CHAIN_BACKEND: "blockfrost",
        BLOCKFROST_PROJECT_ID: "preprodabc",
        ENCRYPTION_KEY: KEY,
        ESCROW_ADMINS: ADMINS.join(","),
      },
      "/srv",
    );
    expect(c.chain).toEqual({
      backend: "blockfrost",
      baseUrl: "https://cardano-preprod.blockfrost.io/api/v0",
      projectId: "preprodabc",
    });
    expect(c.chainPollIntervalMs).toBe(20_000);
    // Three admins: a majority of two must sign a resolution.
    expect(c.escrow).toEqual({
      admins: ADMINS,
      disputeThreshold: 2,
      cooldownMs: 0,
      adminMnemonicsFile: undefined,
    });
  });

  it("uses the devnet's public escrow admins on the devnet", () => {
    const c = loadConfig({}, "/srv");
    expect(c.escrow).toMatchObject({ admins: "devnet", disputeThreshold: 2 });
    expect(c.chainPollIntervalMs).toBe(1_000);
  });

  it.each([
    [{ PORT: "abc" }, "PORT", /integer between 0 and 65535.*"abc"/],
    [{ PORT: "70000" }, "PORT", /integer/],
    [{ DATABASE_POOL_MAX: "0" }, "DATABASE_POOL_MAX", /integer between 1 and 100/],
    [{ DATABASE_POOL_MAX: "4.5" }, "DATABASE_POOL_MAX", /integer/],
    [{ NETWORK: "testnet" }, "NETWORK", /preprod.*mainnet/],
    [{ CHAIN_BACKEND: "node" }, "CHAIN_BACKEND", /devnet.*blockfrost/],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", /postgres/],
    [{ ENCRYPTION_KEY: "short" }, "ENCRYPTION_KEY", /64 hex/],
    [{ ADMIN_KEY: "tiny" }, "ADMIN_KEY", /at least 16/],
    [{ BLOCKFROST_URL: "not a url" }, "BLOCKFROST_URL", /URL/],
    [{ DEVNET_BLOCK_INTERVAL_MS: "1" }, "DEVNET_BLOCK_INTERVAL_MS", /integer between 10/],
    [{ DEVNET_EMPTY_BLOCK_INTERVAL_MS: "500" }, "DEVNET_EMPTY_BLOCK_INTERVAL_MS", /0 \(no empty/],
    [{ DEVNET_EMPTY_BLOCK_INTERVAL_MS: "-1" }, "DEVNET_EMPTY_BLOCK_INTERVAL_MS", /integer/],
    [{ CHAIN_BACKEND: "blockfrost", ENCRYPTION_KEY: KEY }, "BLOCKFROST_PROJECT_ID", /required/],
    [{ CHAIN_BACKEND: "blockfrost", BLOCKFROST_PROJECT_ID: "p" }, "ENCRYPTION_KEY", /required/],
    [{ ...OFF_DEVNET }, "ESCROW_ADMINS", /required off the devnet/],
    [{ ESCROW_ADMINS: "abc" }, "ESCROW_ADMINS", /56 lowercase hex/],
    [
      { ...OFF_DEVNET, ESCROW_ADMINS: ADMINS[0]!, ESCROW_DISPUTE_THRESHOLD: "2" },
      "ESCROW_DISPUTE_THRESHOLD",
      /at most the number of admins \(1\)/,
    ],
    [{ ESCROW_DISPUTE_THRESHOLD: "3" }, "ESCROW_DISPUTE_THRESHOLD", /devnet admin set uses 2/],
    [{ CHAIN_POLL_INTERVAL_MS: "5" }, "CHAIN_POLL_INTERVAL_MS", /integer between 100/],
  ])("refuses %j naming %s", (env, variable, problem) => {
    const err = errorOf(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(problem);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  it.each([
    ["ADMIN_KEY", "tiny-secret"],
    ["ENCRYPTION_KEY", "secret-not-hex"],
    ["METRICS_TOKEN", "short-secret"],
    ["DATABASE_URL", "mysql://user:hunter2@db"],
  ])("never repeats the value of %s in its refusal", (variable, value) => {
    const err = errorOf({ [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.message).not.toContain(value);
  });

  describe("on mainnet", () => {
    const base = {
      NETWORK: "mainnet",
      CHAIN_BACKEND: "blockfrost",
      BLOCKFROST_PROJECT_ID: "mainnetabc",
      ENCRYPTION_KEY: KEY,
      ADMIN_KEY: STRONG_ADMIN,
      ESCROW_ADMINS: ADMINS.join(","),
    };

    it("starts with Blockfrost, an encryption key and a strong admin key", () => {
      expect(loadConfig(base, "/srv").network).toBe("mainnet");
    });

    it("refuses the devnet", () => {
      expect(errorOf({ ...base, CHAIN_BACKEND: "devnet" }).variable).toBe("CHAIN_BACKEND");
    });

    it("refuses to run without an encryption key", () => {
      const { ENCRYPTION_KEY: _k, ...rest } = base;
      expect(errorOf(rest).variable).toBe("ENCRYPTION_KEY");
    });

    it.each(["DefaultUnsecureAdminKey", "a-sixteen-chars!"])("refuses the admin key %s", (key) => {
      expect(errorOf({ ...base, ADMIN_KEY: key }).message).toMatch(/ADMIN_KEY: a default or short/);
    });

    it("refuses the devnet's public escrow admins", () => {
      expect(errorOf({ ...base, ESCROW_ADMINS: "devnet" }).message).toMatch(
        /ESCROW_ADMINS: the devnet's public admin keys are refused on mainnet/,
      );
    });

    it("refuses to run without an admin key", () => {
      const { ADMIN_KEY: _k, ...rest } = base;
      expect(errorOf(rest).variable).toBe("ADMIN_KEY");
    });
  });
});
