import { describe, expect, it } from "vitest";
import { memoised } from "./memo.ts";

describe("memoised", () => {
  it("computes each key once while kept, and forgets the least recently used first", () => {
    const calls: string[] = [];
    const f = memoised((k: string) => {
      calls.push(k);
      return { k, n: BigInt(k.length) };
    }, 2);
    expect(f("a")).toEqual({ k: "a", n: 1n });
    f("bb");
    f("a"); // a is now the most recent
    f("ccc"); // forgets bb
    f("a");
    f("bb");
    expect(calls).toEqual(["a", "bb", "ccc", "bb"]);
  });

  it("gives each caller its own copy", () => {
    const f = memoised((k: string) => ({ list: [k] }), 4);
    const first = f("x");
    first.list.push("changed");
    expect(f("x")).toEqual({ list: ["x"] });
  });

  it("keeps nothing of a call that threw", () => {
    let n = 0;
    const f = memoised((k: string) => {
      n += 1;
      if (k === "bad") throw new Error("bad");
      return n;
    }, 4);
    expect(() => f("bad")).toThrow("bad");
    expect(() => f("bad")).toThrow("bad");
    expect(n).toBe(2);
  });

  it("with share, hands every caller the one kept answer (computed once)", () => {
    let n = 0;
    const f = memoised(
      (k: string) => {
        n += 1;
        return { list: [k] };
      },
      4,
      { share: true },
    );
    expect(f("x")).toBe(f("x"));
    expect(n).toBe(1);
  });
});
