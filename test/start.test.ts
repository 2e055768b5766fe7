/**
 * `escrowd start` as a user runs it: a fresh data directory, nothing configured, health within
 * 30 seconds; stopped and started again (gracefully and by SIGKILL) it keeps its wallets, their
 * funds and the devnet's ledger, and pays nobody from the faucet twice.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, DB_KIND, type TestDatabase } from "./support/db.ts";
import { runEscrowd, waitFor, type Child } from "./support/process.ts";
import { paymentKeyHash } from "../contracts/index.ts";

const READY_WITHIN_MS = 30_000;

let dataDir: string;
let database: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  // A data directory that does not exist yet, as on a fresh machine.
  dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), "escrowd-start-")), "fresh", ".escrowd");
  env = { DATA_DIR: dataDir, PORT: "0", DEVNET_BLOCK_INTERVAL_MS: "100" };
  if (DB_KIND === "postgres") {
    // The node opens the database itself; this only creates a fresh one for it to use.
    database = await freshDatabase();
    env.DATABASE_URL = database.url!;
  }
});

afterAll(async () => {
  await database?.close();
  await rm(path.resolve(dataDir, "../.."), { recursive: true, force: true });
});

interface Started {
  child: Child;
  apiUrl: string;
  wallets: string[];
  bootMs: number;
}

async function start(): Promise<Started> {
  const t0 = Date.now();
  const child = runEscrowd(["start"], env);
  const apiUrl = await waitFor(
    "the ready banner",
    () => {
      if (child.proc.exitCode !== null) throw new Error(`exited early:\n${child.stderr()}`);
      return /API\s+(http:\/\/\S+\/api\/v1)/.exec(child.stdout())?.[1];
    },
    READY_WITHIN_MS,
  );
  const health = await fetch(`${apiUrl}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "success", data: { status: "ok" } });
  // Each wallet line carries its vkey, the payment key hash of its address.
  const lines = /^\s+(selling|purchasing)\s+(addr_test1\w+)\s+\(vkey ([0-9a-f]{56})\)$/gm;
  const printed = [...child.stdout().matchAll(lines)];
  for (const m of printed) expect(m[3]).toBe(paymentKeyHash(m[2]!));
  const wallets = printed.map((m) => `${m[1]} ${m[2]}`);
  return { child, apiUrl, wallets, bootMs: Date.now() - t0 };
}

async function balanceOf(blockfrostUrl: string, address: string): Promise<bigint> {
  const res = await fetch(`${blockfrostUrl}/addresses/${address}/utxos`);
  if (res.status === 404) return 0n;
  const utxos = (await res.json()) as { amount: { unit: string; quantity: string }[] }[];
  return utxos.reduce((sum, u) => {
    const lovelace = u.amount.find((a) => a.unit === "lovelace");
    return sum + BigInt(lovelace?.quantity ?? "0");
  }, 0n);
}

describe(`escrowd start on ${DB_KIND}`, () => {
  let first: Started;

  it("answers health within 30 s on a fresh data directory, with funded wallets", async () => {
    first = await start();
    expect(first.bootMs).toBeLessThan(READY_WITHIN_MS);
    expect(first.wallets).toHaveLength(2);
    expect(first.child.stderr()).toMatch(/funded selling wallet/);
    expect(first.child.stderr()).toMatch(/funded purchasing wallet/);
    const blockfrostUrl = /devnet\s+(http:\/\/\S+\/api\/v0)/.exec(first.child.stdout())![1]!;
    for (const w of first.wallets) {
      const [role, address] = w.split(" ");
      const balance = await balanceOf(blockfrostUrl, address!);
      // The selling wallet also pays for deploying the escrow (fee, script output, deposit).
      if (role === "purchasing") expect(balance).toBe(10_000_000_000n);
      else expect(10_000_000_000n - balance).toBeLessThan(50_000_000n);
    }
  });

  it("never prints a secret", async () => {
    const printed = first.child.stdout() + first.child.stderr();
    const encryptionKey = (
      await readFile(path.join(dataDir, "keys/encryption.key"), "utf8")
    ).trim();
    const adminKey = (await readFile(path.join(dataDir, "keys/admin.key"), "utf8")).trim();
    expect(printed).not.toContain(encryptionKey);
    expect(printed).not.toContain(adminKey);
  });

  it("stops on SIGTERM and starts again with the same wallets, funding nobody twice", async () => {
    first.child.proc.kill("SIGTERM");
    expect(await first.child.exited).toBe(0);
    const second = await start();
    expect(second.wallets).toEqual(first.wallets);
    expect(second.child.stderr()).not.toMatch(/funded/);
    // SIGKILL mid-life: the data directory (PGlite, devnet ledger) must survive it too.
    second.child.proc.kill("SIGKILL");
    await second.child.exited;
    const third = await start();
    expect(third.wallets).toEqual(first.wallets);
    expect(third.child.stderr()).not.toMatch(/funded/);
    third.child.proc.kill("SIGTERM");
    expect(await third.child.exited).toBe(0);
  });
});

describe("a bad configuration", () => {
  it("exits non-zero with one line naming the variable", async () => {
    const child = runEscrowd(["start"], { PORT: "abc", DATA_DIR: dataDir });
    expect(await child.exited).toBe(1);
    expect(child.stderr().trim().split("\n")).toEqual([
      'escrowd: configuration: PORT: must be an integer between 0 and 65535 (got "abc")',
    ]);
  });

  it("refuses mainnet on the devnet", async () => {
    const child = runEscrowd(["start"], { NETWORK: "mainnet", DATA_DIR: dataDir });
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(/^escrowd: configuration: CHAIN_BACKEND: mainnet cannot run/);
  });
});
