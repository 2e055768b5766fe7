/**
 * Text the node can store. PostgreSQL's `text` refuses the NUL character outright, and a lone
 * surrogate has no UTF-8 form at all (drivers either refuse it or silently replace it), so
 * neither may reach a column: input carrying one is refused, and text the node must keep anyway
 * (reasons quoting junk read from the chain) is escaped with `storableText`.
 */
import { isWellFormedText } from "./metadata-chunks.ts";

/** What keeps `text` out of a text column, or undefined when nothing does. */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain a NUL character (U+0000)";
  if (!isWellFormedText(text)) return "is not valid Unicode (it holds a lone surrogate)";
  return undefined;
}

// NUL is matched on purpose: it is the character this module exists to keep out.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/gu;

/**
 * `text` with each NUL and each lone surrogate written as the six characters of its JSON escape
 * (`\u0000`, `\ud800`), so it can be stored and a reader still sees where the junk was.
 */
export function storableText(text: string): string {
  if (textProblem(text) === undefined) return text;
  return text.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
