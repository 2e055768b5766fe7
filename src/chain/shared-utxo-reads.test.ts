import { describe, expect, it } from "vitest";
import type { Utxo, UtxoReader } from "./port.ts";
import { SHARED_FOR_MS, sharedUtxoReads } from "./shared-utxo-reads.ts";

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
    now += 1;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    expect(calls).toHaveLength(2);
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
});
