import { describe, expect, it } from "vitest";
import type { Utxo, UtxoReader } from "./port.ts";
import { CONFIRMED_SPENT_GRACE_MS } from "../workers/spendable.ts";
import { SHARED_FOR_MS, STALE_MAX_MS, sharedUtxoReads } from "./shared-utxo-reads.ts";

const utxo = (txHash: string): Utxo =>
  ({
    txHash,
    outputIndex: 0,
    address: "addr_test1x",
    value: { lovelace: 1n, assets: [] },
  }) as unknown as Utxo;

/** A chain that counts its reads and answers each with a fresh output named by the count. */
function countingChain(fail = () => false) {
  const calls: string[] = [];
  const chain: UtxoReader = {
    async utxos(address, query) {
      calls.push(`${address} ${JSON.stringify(query ?? {})}`);
      await new Promise((r) => setTimeout(r, 5));
      if (fail()) throw new Error("chain down");
      return [utxo(String(calls.length))];
    },
  };
  return { chain, calls };
}

/** A chain whose reads each wait for `open()`, answering with an output named by the count. */
function gatedChain() {
  const calls: string[] = [];
  const gates: (() => void)[] = [];
  const answers: Promise<unknown>[] = [];
  const chain: UtxoReader = {
    utxos(address) {
      calls.push(address);
      const n = calls.length;
      const answer = new Promise<Utxo[]>((resolve) => gates.push(() => resolve([utxo(String(n))])));
      answers.push(answer);
      return answer;
    },
  };
  return {
    chain,
    calls,
    open: () => gates.shift()!(),
    settled: () => Promise.all(answers),
  };
}

describe("sharedUtxoReads", () => {
  it("answers the callers of one moment with one read, each with its own array", async () => {
    const { chain, calls } = countingChain();
    let now = 1_000;
    const shared = sharedUtxoReads(chain, () => now);
    const answers = await Promise.all(Array.from({ length: 20 }, () => shared.utxos("a")));
    expect(calls).toHaveLength(1);
    expect(new Set(answers.map((a) => a[0]!.txHash))).toEqual(new Set(["1"]));
    answers[0]!.pop();
    expect(answers[1]).toHaveLength(1);
    now += SHARED_FOR_MS - 1;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    expect(calls).toHaveLength(1);
  });

  it("serves the last answer past its moment while one read renews it, then the renewal", async () => {
    const gated = gatedChain();
    let now = 1_000;
    const shared = sharedUtxoReads(gated.chain, () => now);
    const first = shared.utxos("a");
    gated.open();
    expect((await first)[0]!.txHash).toBe("1");
    now += SHARED_FOR_MS;
    // The renewal is held: the callers of this moment are answered at once, with one read out.
    const during = await Promise.all(Array.from({ length: 5 }, () => shared.utxos("a")));
    expect(during.map((a) => a[0]!.txHash)).toEqual(["1", "1", "1", "1", "1"]);
    expect(gated.calls).toHaveLength(2);
    now += SHARED_FOR_MS;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    expect(gated.calls).toHaveLength(2);
    gated.open();
    await gated.settled();
    now = 2_000 + SHARED_FOR_MS - 1;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    // The renewal's answer is as old as the renewal: within its moment, nothing more is read.
    expect(gated.calls).toHaveLength(2);
  });

  it("serves no answer older than the node's own transactions are set against it", () => {
    expect(STALE_MAX_MS).toBeLessThan(CONFIRMED_SPENT_GRACE_MS);
  });

  it("waits for a new read once the last answer is STALE_MAX_MS old", async () => {
    const gated = gatedChain();
    let now = 1_000;
    const shared = sharedUtxoReads(gated.chain, () => now);
    const first = shared.utxos("a");
    gated.open();
    await first;
    now += STALE_MAX_MS;
    let answered = false;
    const second = shared.utxos("a").then((a) => ((answered = true), a));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    gated.open();
    expect((await second)[0]!.txHash).toBe("2");
  });

  it("renews again after a failed renewal, serving the last answer meanwhile", async () => {
    let down = false;
    const { chain, calls } = countingChain(() => down);
    let now = 1_000;
    const shared = sharedUtxoReads(chain, () => now);
    await shared.utxos("a");
    down = true;
    now += SHARED_FOR_MS;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(2);
    down = false;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(3);
    expect((await shared.utxos("a"))[0]!.txHash).toBe("3");
  });

  it("keeps addresses and queries apart, and one sharing reader per chain", async () => {
    const { chain, calls } = countingChain();
    const shared = sharedUtxoReads(chain, () => 0);
    expect(sharedUtxoReads(chain)).toBe(shared);
    await shared.utxos("a");
    await shared.utxos("b");
    await shared.utxos("a", { asset: "ff" });
    await shared.utxos("a");
    expect(calls).toEqual(["a {}", "b {}", 'a {"asset":"ff"}']);
  });

  it("does not share a failed read: the next caller asks again", async () => {
    let down = true;
    const { chain, calls } = countingChain(() => down);
    const shared = sharedUtxoReads(chain, () => 0);
    await expect(shared.utxos("a")).rejects.toThrow("chain down");
    down = false;
    expect(await shared.utxos("a")).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });

  it("answers utxosSince with a read started at that moment or later, one for all who ask", async () => {
    const { chain, calls } = countingChain();
    let now = 1_000;
    const shared = sharedUtxoReads(chain, () => now);
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    // Looked at 1,000 and found short: the answer of 1,000 is recent enough, no read.
    expect((await shared.utxosSince("a", 1_000))[0]!.txHash).toBe("1");
    // Looked at 1,001: that answer predates the look, so a new read, shared by every caller
    // who looked before it started.
    now = 1_002;
    const together = await Promise.all([
      shared.utxosSince("a", 1_001),
      shared.utxosSince("a", 1_002),
      shared.utxosSince("a", 1_001),
    ]);
    expect(together.map((u) => u[0]!.txHash)).toEqual(["2", "2", "2"]);
    expect(calls).toHaveLength(2);
    // Its answer is the shared one from then on.
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    // A caller who looked after that read started gets its own.
    expect((await shared.utxosSince("a", 1_003))[0]!.txHash).toBe("3");
    expect(calls).toHaveLength(3);
  });

  it("reads again for utxosSince after a failed read", async () => {
    let down = true;
    const { chain, calls } = countingChain(() => down);
    const shared = sharedUtxoReads(chain, () => 5);
    await expect(shared.utxosSince("a", 5)).rejects.toThrow("chain down");
    down = false;
    expect(await shared.utxosSince("a", 5)).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });
});
