import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalize, JCS_DEPTH_MAX, JcsError, tryCanonicalize } from "./jcs.ts";

/** The double whose IEEE 754 bits are `hex`, as RFC 8785 Appendix B lists them. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe("RFC 8785 examples", () => {
  it("canonicalises the example of section 3.2.2", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units (section 3.2.3)", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // Compared as text: reading the keys back through JSON.parse would list "1" first, as
    // JavaScript enumerates integer-like keys before all others. U+1F600 (a surrogate pair
    // starting 0xD83D) sorts before U+FB33 by code units though its code point is larger.
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  const numbers: [string, string][] = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ];
  it.each(numbers)("writes the double %s as %s (Appendix B)", (bits, text) => {
    expect(canonicalize(double(bits))).toBe(text);
  });

  it.each(["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"])(
    "refuses the non-finite double %s",
    (bits) => {
      expect(() => canonicalize({ n: double(bits) })).toThrow(JcsError);
    },
  );
});

describe("canonicalize", () => {
  it("writes literals, nesting and empty containers without whitespace", () => {
    expect(canonicalize({ b: [1, { d: {}, c: [] }], a: "x" })).toBe(
      '{"a":"x","b":[1,{"c":[],"d":{}}]}',
    );
    expect(canonicalize([])).toBe("[]");
    expect(canonicalize("")).toBe('""');
    expect(canonicalize(null)).toBe("null");
  });

  it("escapes control characters as JSON.stringify does, and leaves other text as is", () => {
    expect(canonicalize("\u0000\u001f\u007f\t\u2028é")).toBe('"\\u0000\\u001f\u007f\\t\u2028é"');
  });

  it("accepts objects without a prototype", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 1;
    bare.a = 2;
    expect(canonicalize(bare)).toBe('{"a":2,"z":1}');
  });

  const refused: [string, unknown, string][] = [
    ["undefined at the top", undefined, "$"],
    ["undefined in an object", { a: { b: undefined } }, "$.a.b"],
    ["a hole in an array", [1, , 3], "$[1]"], // eslint-disable-line no-sparse-arrays
    ["a bigint", { amount: 5n }, "$.amount"],
    ["NaN", [NaN], "$[0]"],
    ["Infinity", { "a b": Infinity }, '$["a b"]'],
    ["a function", { f: () => 1 }, "$.f"],
    ["a symbol", [Symbol("s")], "$[0]"],
    ["a Date", { when: new Date(0) }, "$.when"],
    ["a Map", new Map(), "$"],
    ["a lone surrogate in a value", { s: "a\ud800" }, "$.s"],
    ["a lone surrogate in a key", { "\udc00": 1 }, '$["\\udc00"]'],
  ];
  it.each(refused)("refuses %s, naming where", (_name, value, path) => {
    const result = tryCanonicalize(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.path).toBe(path);
    expect(() => canonicalize(value)).toThrow(JcsError);
  });

  it("refuses nesting past the limit and a cycle, without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < JCS_DEPTH_MAX; i++) deep = [deep];
    expect(tryCanonicalize(deep).ok).toBe(true);
    expect(tryCanonicalize([deep]).ok).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = tryCanonicalize(cyclic);
    expect(result.ok === false && result.reason).toMatch(/deeper than/);
  });

  it("lets errors other than its own through", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new RangeError("boom");
        },
      },
    );
    expect(() => tryCanonicalize(hostile)).toThrow(RangeError);
  });
});

describe("properties", () => {
  const json = fc.jsonValue({ maxDepth: 4 });

  it("is idempotent: canonical(parse(canonical(x))) === canonical(x)", () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalize(value);
        expect(canonicalize(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it("means the same value as the input", () => {
    fc.assert(
      fc.property(json, (value) => {
        // -0 is the one JSON number JCS deliberately changes (to 0).
        const expected = JSON.parse(JSON.stringify(value));
        expect(JSON.parse(canonicalize(value))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order keys were inserted in", () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string(), json), {
      selector: ([k]) => k,
      maxLength: 8,
    });
    fc.assert(
      fc.property(entries, (pairs) => {
        const forward = Object.fromEntries(pairs);
        const backward = Object.fromEntries([...pairs].reverse());
        expect(canonicalize(backward)).toBe(canonicalize(forward));
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with JSON.stringify on values without objects or -0", () => {
    const flat = fc.array(
      fc.oneof(
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      ),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(flat, (items) => {
        expect(canonicalize(items)).toBe(JSON.stringify(items));
      }),
      { numRuns: 200 },
    );
  });
});
