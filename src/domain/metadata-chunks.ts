/**
 * Long text in transaction metadata. The ledger refuses a metadata text string over 64 bytes of
 * UTF-8, so CIP-25 writers split longer strings into a list of chunks and readers join them.
 */

/** The ledger's limit on one metadata text string, in UTF-8 bytes. */
export const METADATA_TEXT_BYTES_MAX = 64;

// With the `u` flag a surrogate range matches only *lone* surrogates: a proper pair is one code
// point to the regex engine. A lone surrogate has no UTF-8 encoding at all.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** True when `text` can be written as UTF-8 exactly (it holds no lone surrogate). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** The length of `text` in UTF-8 bytes, computed without allocating the encoding. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += codePointBytes(char.codePointAt(0)!);
  return bytes;
}

/**
 * Splits a string over `maxBytes` UTF-8 bytes into chunks of at most `maxBytes`; a shorter string
 * stays a plain string. Chunks end on grapheme boundaries where a grapheme fits in one chunk, and
 * on code point boundaries otherwise, so no chunk ever holds a broken character.
 */
export function chunkString(
  text: string,
  maxBytes: number = METADATA_TEXT_BYTES_MAX,
): string | string[] {
  if (!isWellFormedText(text)) throw new Error("chunkString: text holds a lone surrogate");
  if (!(Number.isInteger(maxBytes) && maxBytes >= 4)) throw new Error("chunkString: maxBytes < 4");
  if (utf8ByteLength(text) <= maxBytes) return text;
  const chunks: string[] = [];
  let current = "";
  let currentBytes = 0;
  const push = (piece: string, bytes: number) => {
    if (currentBytes + bytes > maxBytes) {
      chunks.push(current);
      current = "";
      currentBytes = 0;
    }
    current += piece;
    currentBytes += bytes;
  };
  for (const { segment } of graphemes.segment(text)) {
    const bytes = utf8ByteLength(segment);
    if (bytes <= maxBytes) {
      push(segment, bytes);
      continue;
    }
    // A grapheme longer than a chunk (a long run of combining marks or joined emoji) cannot stay
    // whole; splitting it between code points still leaves every chunk valid UTF-8.
    for (const char of segment) push(char, codePointBytes(char.codePointAt(0)!));
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** Joins what `chunkString` produced (or any CIP-25 chunk list) back into one string. */
export function joinChunks(value: string | readonly string[]): string {
  return typeof value === "string" ? value : value.join("");
}
