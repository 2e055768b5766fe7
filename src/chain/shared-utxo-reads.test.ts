import { describe, expect, it } from "vitest";
import type { Utxo, UtxoReader } from "./port.ts";
import { SHARED_FOR_MS, STALE_MAX_MS, sharedUtxoReads } from "./shared-utxo-reads.ts";

const utxo = (txHash: string): Utxo =>
  ({
    txHash,
    outputIndex: 0,
    address: "addr_test1x",
    value: { lovelace: 1n, assets: [] },
  }) as unknown as Utxo;

/** A chain that counts its reads and answers each with a fresh output named by the count. */
function countingChain(fail = () => false, hang = () => false) {
  const calls: string[] = [];
  const chain: UtxoReader = {
    async utxos(address, query) {
      calls.push(`${address} ${JSON.stringify(query ?? {})}`);
      if (hang()) await new Promise(() => {});
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
    const shared = sharedUtxoReads(chain, () => 1_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => shared.utxos("a")));
    expect(calls).toHaveLength(1);
    expect(new Set(answers.map((a) => a[0]!.txHash))).toEqual(new Set(["1"]));
    answers[0]!.pop();
    expect(answers[1]).toHaveLength(1);
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    expect(calls).toHaveLength(1);
  });

  it("serves the latest answer while a newer one is read in the background, once a moment has passed", async () => {
    const { chain, calls } = countingChain();
    let now = 1_000;
    const shared = sharedUtxoReads(chain, () => now);
    await shared.utxos("a");
    now += SHARED_FOR_MS - 1;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    expect(calls).toHaveLength(1);
    now += 1;
    // Answered at once with what is known; the newer read has started, and only one.
    const [first, second] = await Promise.all([shared.utxos("a"), shared.utxos("a")]);
    expect([first![0]!.txHash, second![0]!.txHash]).toEqual(["1", "1"]);
    expect(calls).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 20));
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    expect(calls).toHaveLength(2);
  });

  it("waits for a new read once the latest answer is too old, never serving it", async () => {
    const { chain, calls } = countingChain();
    let now = 1_000;
    const shared = sharedUtxoReads(chain, () => now);
    await shared.utxos("a");
    now += STALE_MAX_MS;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    expect(calls).toHaveLength(2);
  });

  it("does not wait on a read that hangs past the moment: a later caller reads again", async () => {
    let hanging = true;
    const { chain, calls } = countingChain(undefined, () => hanging);
    let now = 1_000;
    const shared = sharedUtxoReads(chain, () => now);
    const stuck = shared.utxos("a");
    now += SHARED_FOR_MS - 1;
    const sharing = shared.utxos("a");
    expect(calls).toHaveLength(1);
    hanging = false;
    now += 1;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    expect(calls).toHaveLength(2);
    // The answer now known serves the next caller, though the first read never ends.
    expect((await shared.utxos("a"))[0]!.txHash).toBe("2");
    expect(calls).toHaveLength(2);
    const settled = await Promise.race([
      Promise.all([stuck, sharing]).then(() => "settled"),
      new Promise((r) => setTimeout(() => r("pending"), 20)),
    ]);
    expect(settled).toBe("pending");
  });

  it("keeps serving the latest answer when a background read fails, and tries again a moment later", async () => {
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
    expect(calls).toHaveLength(2);
    now += SHARED_FOR_MS;
    expect((await shared.utxos("a"))[0]!.txHash).toBe("1");
    expect(calls).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 20));
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
});
