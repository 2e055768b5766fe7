import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const KEY = "ab".repeat(32);
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
    });
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }, "/srv").port).toBe(3001);
  });

  it("reads Blockfrost settings, defaulting the URL by network", () => {
    const c = loadConfig(
      { CHAIN_BACKEND: "blockfrost", BLOCKFROST_PROJECT_ID: "preprodabc", ENCRYPTION_KEY: KEY },
      "/srv",
    );
    expect(c.chain).toEqual({
      backend: "blockfrost",
      baseUrl: "https://cardano-preprod.blockfrost.io/api/v0",
      projectId: "preprodabc",
    });
  });

  it.each([
    [{ PORT: "abc" }, "PORT", /integer between 0 and 65535.*"abc"/],
    [{ PORT: "70000" }, "PORT", /integer/],
    [{ NETWORK: "testnet" }, "NETWORK", /preprod.*mainnet/],
    [{ CHAIN_BACKEND: "node" }, "CHAIN_BACKEND", /devnet.*blockfrost/],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", /postgres/],
    [{ ENCRYPTION_KEY: "short" }, "ENCRYPTION_KEY", /64 hex/],
    [{ ADMIN_KEY: "tiny" }, "ADMIN_KEY", /at least 16/],
    [{ BLOCKFROST_URL: "not a url" }, "BLOCKFROST_URL", /URL/],
    [{ DEVNET_BLOCK_INTERVAL_MS: "1" }, "DEVNET_BLOCK_INTERVAL_MS", /integer between 10/],
    [{ CHAIN_BACKEND: "blockfrost", ENCRYPTION_KEY: KEY }, "BLOCKFROST_PROJECT_ID", /required/],
    [{ CHAIN_BACKEND: "blockfrost", BLOCKFROST_PROJECT_ID: "p" }, "ENCRYPTION_KEY", /required/],
  ])("refuses %j naming %s", (env, variable, problem) => {
    const err = errorOf(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(problem);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  describe("on mainnet", () => {
    const base = {
      NETWORK: "mainnet",
      CHAIN_BACKEND: "blockfrost",
      BLOCKFROST_PROJECT_ID: "mainnetabc",
      ENCRYPTION_KEY: KEY,
      ADMIN_KEY: STRONG_ADMIN,
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

    it("refuses to run without an admin key", () => {
      const { ADMIN_KEY: _k, ...rest } = base;
      expect(errorOf(rest).variable).toBe("ADMIN_KEY");
    });
  });
});
