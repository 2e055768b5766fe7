/**
 * A devnet with a data directory keeps its chain across a restart: blocks, balances, the time
 * offset, the faucet, pending transactions, and stake registrations (a registered script
 * reward address still allows the "withdraw zero" pattern after the restart).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import {
  ALWAYS_SUCCEEDS_V3,
  builder,
  newWallet,
  scriptFacts,
  type TestWallet,
  utxoFetcher,
} from "../src/devnet/test-support.ts";
import { waitFor } from "./support/process.ts";

const HOUR_MS = 3_600_000;
const script = scriptFacts(ALWAYS_SUCCEEDS_V3);

/** A zero withdrawal from the script's reward address, run by the always-true V3 script. */
async function withdrawZero(devnet: RunningDevnet, user: TestWallet): Promise<string> {
  const utxos = devnet.ledger.emulatorUtxos(user.address);
  const collateral = utxos[0]!;
  const fetcher = utxoFetcher(() => devnet.ledger.emulatorUtxos(user.address));
  const unsigned = await builder({ fetcher })
    .withdrawalPlutusScriptV3()
    .withdrawal(script.rewardAddress, "0")
    .withdrawalScript(script.cbor)
    .withdrawalRedeemerValue("r", "Mesh", { mem: 200_000, steps: 200_000_000 })
    .txInCollateral(
      collateral.input.txHash,
      collateral.input.outputIndex,
      collateral.output.amount,
      collateral.output.address,
    )
    .changeAddress(user.address)
    .selectUtxosFrom(utxos)
    .complete();
  return devnet.ledger.submit(await user.wallet.signTx(unsigned));
}

describe("devnet persistence", () => {
  let dataDir: string;
  let user: TestWallet;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "escrowd-devnet-"));
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps blocks, balances, time offset, pending transactions and stake registrations", async () => {
    const first = await startDevnet({ dataDir, blockIntervalMs: HOUR_MS });
    user = await newWallet();
    const funding = await first.ledger.faucet(user.address, { lovelace: 100_000_000n });
    first.ledger.produceBlock();
    const register = await builder()
      .registerStakeCertificate(script.rewardAddress)
      .changeAddress(user.address)
      .selectUtxosFrom(first.ledger.emulatorUtxos(user.address))
      .complete();
    const registration = first.ledger.submit(await user.wallet.signTx(register));
    first.ledger.produceBlock();
    await first.ledger.waitForTx(registration, 10_000);
    first.ledger.advanceTime(HOUR_MS);
    // A payment still pending when the devnet stops.
    const pending = await first.ledger.faucet((await newWallet()).address, {
      lovelace: 2_000_000n,
    });
    const tipBefore = first.ledger.tip();
    const utxosBefore = first.ledger.index.unspentAt(user.address);
    const faucetBefore = first.ledger.faucetAddress;
    await first.close();

    const second = await startDevnet({ dataDir, blockIntervalMs: HOUR_MS });
    try {
      expect(second.ledger.tip()).toEqual(tipBefore);
      expect(second.ledger.timeOffsetMs).toBe(HOUR_MS);
      expect(second.ledger.faucetAddress).toBe(faucetBefore);
      expect(second.ledger.index.tx(funding)?.blockHeight).toBe(1);
      expect(second.ledger.index.unspentAt(user.address)).toEqual(utxosBefore);
      expect(second.ledger.mempoolTxHashes()).toEqual([pending]);

      const withdrawal = await withdrawZero(second, user);
      second.ledger.produceBlock();
      expect(second.ledger.index.tx(withdrawal)?.parsed.withdrawals).toMatchObject([
        { rewardAddress: script.rewardAddress, amountLovelace: 0n },
      ]);
    } finally {
      await second.close();
    }
  });

  it("refuses the same zero withdrawal on a devnet where the address was never registered", async () => {
    const fresh = await startDevnet({ blockIntervalMs: HOUR_MS });
    try {
      const other = await newWallet();
      await fresh.ledger.faucet(other.address, { lovelace: 50_000_000n });
      fresh.ledger.produceBlock();
      await expect(withdrawZero(fresh, other)).rejects.toThrow(/missing reward accounts/);
    } finally {
      await fresh.close();
    }
  });

  it("survives a torn last line in the block log", async () => {
    const log = path.join(dataDir, "blocks.jsonl");
    const lines = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length;
    fs.appendFileSync(log, '{"height":99,"slot":1,"ha');
    const devnet = await startDevnet({ dataDir, blockIntervalMs: HOUR_MS });
    try {
      expect(devnet.ledger.tip().height).toBe(lines);
      const hash = await devnet.ledger.faucet((await newWallet()).address, {
        lovelace: 2_000_000n,
      });
      devnet.ledger.produceBlock();
      expect(devnet.ledger.index.tx(hash)?.blockHeight).toBe(lines + 1);
    } finally {
      await devnet.close();
    }
    const reopened = await startDevnet({ dataDir, blockIntervalMs: HOUR_MS });
    try {
      expect(reopened.ledger.tip().height).toBe(lines + 1);
    } finally {
      await reopened.close();
    }
  });

  it("keeps idle blocks and time moves; a restarted idle devnet's tip catches up with its clock", async () => {
    const lines = () => fs.readFileSync(path.join(dataDir, "blocks.jsonl"), "utf8").split("\n");
    const idle = { dataDir, blockIntervalMs: 50, emptyBlockIntervalMs: 1000 };
    const devnet = await startDevnet(idle);
    const start = devnet.ledger.tip().height;
    await waitFor(
      "two idle blocks",
      () => devnet.ledger.tip().height >= start + 2 || undefined,
      10_000,
    );
    await devnet.close();
    const closed = await startDevnet({
      dataDir,
      blockIntervalMs: HOUR_MS,
      emptyBlockIntervalMs: 0,
    });
    const tip = closed.ledger.tip();
    try {
      expect(tip.height).toBeGreaterThanOrEqual(start + 2);
      expect(lines().filter(Boolean)).toHaveLength(tip.height);
      // The time move's block is written like any other.
      closed.ledger.advanceTime(HOUR_MS);
    } finally {
      await closed.close();
    }
    // The time move's block came back with the log, and idle blocks go on from the moved time.
    const again = await startDevnet(idle);
    try {
      expect(again.ledger.tip().height).toBe(tip.height + 1);
      await waitFor(
        "an idle block",
        () => again.ledger.tip().height >= tip.height + 2 || undefined,
        5_000,
      );
      expect(again.ledger.nowMs() - again.ledger.tip().timeMs).toBeLessThan(3_000);
    } finally {
      await again.close();
    }
    // An empty block costs one short line of the log.
    const last = lines().filter(Boolean).at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ height: tip.height + 2, txs: [] });
    expect(last.length).toBeLessThan(200);
  });

  it("keeps a rollback across a restart", async () => {
    const devnet = await startDevnet({ dataDir, blockIntervalMs: HOUR_MS });
    const height = devnet.ledger.tip().height;
    devnet.ledger.rollback(1);
    await devnet.close();
    const reopened = await startDevnet({ dataDir, blockIntervalMs: HOUR_MS });
    try {
      expect(reopened.ledger.tip().height).toBe(height - 1);
    } finally {
      await reopened.close();
    }
  });
});
