import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chunkString,
  isWellFormedText,
  joinChunks,
  METADATA_TEXT_BYTES_MAX,
  utf8ByteLength,
} from "./metadata-chunks.ts";

const encoder = new TextEncoder();
// `fatal` makes the decoder throw on any invalid byte sequence instead of inserting U+FFFD.
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

function chunksOf(text: string): string[] {
  const out = chunkString(text);
  return typeof out === "string" ? [out] : out;
}

/** Every property a chunking must have, checked on one input. */
function expectValidChunking(text: string) {
  const out = chunkString(text);
  expect(joinChunks(out)).toBe(text);
  const bytes = encoder.encode(text).length;
  if (bytes <= METADATA_TEXT_BYTES_MAX) {
    expect(out).toBe(text);
    return;
  }
  expect(Array.isArray(out)).toBe(true);
  for (const chunk of out as string[]) {
    const encoded = encoder.encode(chunk);
    expect(encoded.length).toBeGreaterThan(0);
    expect(encoded.length).toBeLessThanOrEqual(METADATA_TEXT_BYTES_MAX);
    expect(strictDecoder.decode(encoded)).toBe(chunk);
  }
}

describe("utf8ByteLength", () => {
  it("counts bytes as TextEncoder does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(utf8ByteLength(s)).toBe(encoder.encode(s).length);
      }),
    );
  });
});

describe("chunkString", () => {
  it("keeps a string of exactly 64 bytes plain and splits one of 65", () => {
    expect(chunkString("a".repeat(64))).toBe("a".repeat(64));
    expect(chunkString("a".repeat(65))).toEqual(["a".repeat(64), "a"]);
  });

  it("keeps the empty string plain", () => {
    expect(chunkString("")).toBe("");
  });

  it("never cuts a multi-byte character: 22 three-byte characters make chunks of 63 + 3", () => {
    const text = "€".repeat(22); // 66 bytes; a byte cut at 64 would break the 22nd euro sign
    expect(chunkString(text)).toEqual(["€".repeat(21), "€"]);
  });

  it("keeps a surrogate pair together", () => {
    const text = "a".repeat(62) + "😀"; // the emoji is 4 bytes and would straddle byte 64
    expect(chunkString(text)).toEqual(["a".repeat(62), "😀"]);
  });

  it("keeps a grapheme (a family emoji joined by ZWJ) in one chunk when it fits", () => {
    const family = "👨‍👩‍👧‍👦"; // 25 bytes, 7 code points
    const text = "x".repeat(50) + family;
    const chunks = chunksOf(text);
    expect(chunks).toEqual(["x".repeat(50), family]);
  });

  it("splits a grapheme longer than 64 bytes between code points, still valid", () => {
    const text = "e" + "\u0301".repeat(40); // one grapheme of 81 bytes
    expectValidChunking(text);
    expect(chunksOf(text).length).toBe(2);
  });

  it("refuses text with a lone surrogate, which has no UTF-8 encoding", () => {
    expect(() => chunkString("abc\uD800def")).toThrow(/lone surrogate/);
    expect(isWellFormedText("abc\uD800")).toBe(false);
    expect(isWellFormedText("\uDC00")).toBe(false);
    expect(isWellFormedText("😀")).toBe(true);
  });

  it("round-trips any code point string, every chunk at most 64 bytes of valid UTF-8", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), expectValidChunking), {
      numRuns: 500,
    });
  });

  it("round-trips any grapheme string", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), expectValidChunking), {
      numRuns: 500,
    });
  });

  it("never splits a grapheme that fits in a chunk", () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 30, maxLength: 200 }), (text) => {
        const whole = [...segmenter.segment(text)].map((s) => s.segment);
        const fromChunks = chunksOf(text).flatMap((c) =>
          [...segmenter.segment(c)].map((s) => s.segment),
        );
        const fits = whole.every((g) => utf8ByteLength(g) <= METADATA_TEXT_BYTES_MAX);
        if (fits) expect(fromChunks).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe("joinChunks", () => {
  it("joins a list and returns a plain string as it is", () => {
    expect(joinChunks(["ab", "c"])).toBe("abc");
    expect(joinChunks([])).toBe("");
    expect(joinChunks("plain")).toBe("plain");
  });
});
