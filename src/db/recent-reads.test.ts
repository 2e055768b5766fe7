import { describe, expect, it } from "vitest";
import type { Db } from "./client.ts";
import { recentReads } from "./recent-reads.ts";

/** A read that counts its calls and answers with the count. */
function counter(fail = () => false) {
  let calls = 0;
  const read = async () => {
    calls++;
    if (fail()) throw new Error("down");
    return calls;
  };
  return { read, calls: () => calls };
}

describe("recentReads", () => {
  const db = {} as Db;

  it("shares one read among the callers of a moment, per handle and key", async () => {
    const reads = recentReads<number>({ freshMs: 60_000, keysMax: 8 });
    const c = counter();
    expect(await Promise.all([reads.get(db, "k", c.read), reads.get(db, "k", c.read)])).toEqual([
      1, 1,
    ]);
    expect(await reads.get(db, "other", c.read)).toBe(2);
    // Another handle (a transaction) reads for itself.
    expect(await reads.get({} as Db, "k", c.read)).toBe(3);
    expect(await reads.get(db, "k", c.read)).toBe(1);
  });

  it("reads again when the caller cannot use the shared answer, and shares the new one", async () => {
    const reads = recentReads<number>({ freshMs: 60_000, keysMax: 8 });
    const c = counter();
    await reads.get(db, "k", c.read);
    expect(await reads.get(db, "k", c.read, (n) => n > 1)).toBe(2);
    expect(await reads.get(db, "k", c.read)).toBe(2);
  });

  it("does not share a failed read, and reads again once the answer is older than freshMs", async () => {
    const reads = recentReads<number>({ freshMs: 30, keysMax: 8 });
    let down = true;
    const c = counter(() => down);
    await expect(reads.get(db, "k", c.read)).rejects.toThrow("down");
    down = false;
    expect(await reads.get(db, "k", c.read)).toBe(2);
    expect(await reads.get(db, "k", c.read)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await reads.get(db, "k", c.read)).toBe(3);
  });

  it("holds keysMax answers at most, and forgets them all on forget()", async () => {
    const reads = recentReads<number>({ freshMs: 60_000, keysMax: 2 });
    const c = counter();
    await reads.get(db, "a", c.read);
    await reads.get(db, "b", c.read);
    // Full: the third clears the others.
    await reads.get(db, "c", c.read);
    expect(await reads.get(db, "a", c.read)).toBe(4);
    reads.forget();
    expect(await reads.get(db, "a", c.read)).toBe(5);
  });
});
