/**
 * `escrowd demo` as a user runs it (the real binary, a fresh data directory): it goes through a
 * paid job to the seller paid, a refund and a metered job, printing each step with its time and
 * where to look, and exits with `--exit`. It refuses a data directory that holds something. And
 * the help lists every option each command's parser takes.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEscrowd } from "./support/process.ts";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-demo-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("escrowd demo", () => {
  it("runs a paid job to the seller paid, a refund and a metered job, then exits", async () => {
    const dir = path.join(await tempDir(), "demo");
    const child = runEscrowd(["demo", "--data-dir", dir, "--port", "0", "--exit"], {});
    const code = await child.exited;
    const out = child.stdout();
    expect(code, `${out}\n${child.stderr()}`).toBe(0);
    const steps = [
      "node started with its devnet",
      "agent registered on chain",
      "paid job: the buyer's 5 tUSDM locked in escrow",
      "paid job: result hash submitted by the seller",
      "paid job: dispute window passed, seller paid (Withdrawn)",
      "refund: no result by the deadline, the buyer refunded (RefundWithdrawn)",
      "metered job: locked under a per-token price sheet",
      "metered job: seller paid the charge, the rest back to the buyer",
    ];
    for (const step of steps)
      expect(out).toMatch(new RegExp(`✓ ${escape(step)}.* \\(\\d+\\.\\d s\\)`));
    // 120,000 × 2 + 45,000 × 6 tUSDM per million tokens = 0.51 tUSDM of the 5 locked.
    expect(out).toContain("0.510000 tUSDM to the seller, 4.490000 tUSDM back to the buyer");
    expect(out).toMatch(/dashboard +http:\/\/127\.0\.0\.1:\d+\//);
    expect(out).toMatch(/API docs +http:\/\/127\.0\.0\.1:\d+\/docs/);
    expect(out).toMatch(/blockchainIdentifier:\n[A-Za-z0-9_-]{100,}/);
    // Where the key is, not the key.
    expect(out).toContain(path.join(dir, "keys", "admin.key"));
  }, 180_000);

  it("refuses a data directory that is not empty", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "something"), "x");
    const child = runEscrowd(["demo", "--data-dir", dir, "--port", "0", "--exit"], {});
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(/--data-dir .* is not empty/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("escrowd --help", () => {
  it("lists every command and every option, also as `<command> --help`", async () => {
    for (const args of [["--help"], ["demo", "--help"], ["devnet", "--help"], ["help"]]) {
      const child = runEscrowd(args, {});
      expect(await child.exited, args.join(" ")).toBe(0);
      const out = child.stdout();
      for (const command of ["start", "devnet", "demo", "migrate", "help"])
        expect(out, args.join(" ")).toMatch(new RegExp(`^  ${command} `, "m"));
      for (const option of [
        "--port",
        "--host",
        "--data-dir",
        "--block-interval-ms",
        "--empty-block-interval-ms",
        "--exit",
      ])
        expect(out, args.join(" ")).toContain(option);
    }
  });
});
