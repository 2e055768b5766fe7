/**
 * Opaque page cursors: a position `(createdAtMs, key)` as base64url JSON. A cursor that does
 * not read is a 400 naming `cursor`.
 */
import { ApiError } from "./errors.ts";

export interface PageCursor {
  createdAtMs: number;
  key: string;
}

const KEY_LENGTH_MAX = 200;

/** The cursor's text. */
export function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify([c.createdAtMs, c.key])).toString("base64url");
}

/** The position a cursor names, or a 400. */
export function decodeCursor(text: string): PageCursor {
  const bad = new ApiError(400, "cursor: not a cursor this node gave", "cursor");
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) throw bad;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw bad;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[0]) ||
    (parsed[0] as number) < 0 ||
    typeof parsed[1] !== "string" ||
    parsed[1].length === 0 ||
    parsed[1].length > KEY_LENGTH_MAX
  )
    throw bad;
  return { createdAtMs: parsed[0] as number, key: parsed[1] };
}
