/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one exact text per JSON value, so that two
 * parties hashing or signing "the same JSON" hash or sign the same bytes. MIP-004's input hash
 * and the seller's signed payment terms both depend on it.
 *
 * Rules: object keys sorted by UTF-16 code units; numbers written as ECMAScript writes them
 * (`String(n)`, so `-0` is `0` and `1e21` stays `1e+21`); strings escaped as `JSON.stringify`
 * escapes them; no whitespace. Only values JSON can hold are accepted: `undefined`, functions,
 * symbols, `NaN`, `Infinity`, lone surrogates and objects other than plain objects and arrays
 * are refused, as is `bigint`. JSON has no big integers (I-JSON, which JCS builds on, limits
 * numbers to doubles), so a bigint must be turned into an integer string by whoever owns its
 * meaning; guessing here would sign a different value than the caller meant.
 */
import { isWellFormedText } from "./metadata-chunks.ts";

/** Nesting deeper than this is refused; it also stops a cyclic structure. */
export const JCS_DEPTH_MAX = 200;

/** Where (as a JSON path like `$.a[0]`) and why a value cannot be canonicalised. */
export class JcsError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "JcsError";
  }
}

export type JcsResult = { ok: true; text: string } | { ok: false; path: string; reason: string };

/** The RFC 8785 canonical text of `value`; throws JcsError for a value JSON cannot hold. */
export function canonicalize(value: unknown): string {
  const parts: string[] = [];
  write(value, "$", 0, parts);
  return parts.join("");
}

/** Like `canonicalize`, for input from outside: a typed result instead of an exception. */
export function tryCanonicalize(value: unknown): JcsResult {
  try {
    return { ok: true, text: canonicalize(value) };
  } catch (error) {
    if (error instanceof JcsError) return { ok: false, path: error.path, reason: error.reason };
    throw error;
  }
}

function write(value: unknown, path: string, depth: number, out: string[]): void {
  if (value === null || value === true || value === false) {
    out.push(String(value));
    return;
  }
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new JcsError(path, `${value} is not a JSON number`);
      out.push(String(value));
      return;
    case "string":
      out.push(quote(value, path));
      return;
    case "bigint":
      throw new JcsError(path, "a bigint has no JSON form; write it as an integer string");
    case "object":
      break;
    default:
      throw new JcsError(path, `a ${typeof value} has no JSON form`);
  }
  if (depth >= JCS_DEPTH_MAX) {
    throw new JcsError(path, `nested deeper than ${JCS_DEPTH_MAX} levels (or cyclic)`);
  }
  if (Array.isArray(value)) writeArray(value, path, depth, out);
  else writeObject(value as object, path, depth, out);
}

function writeArray(items: readonly unknown[], path: string, depth: number, out: string[]): void {
  out.push("[");
  // Index loop, not forEach: a hole in a sparse array must be seen (and refused as undefined).
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(",");
    write(items[i], `${path}[${i}]`, depth + 1, out);
  }
  out.push("]");
}

function writeObject(obj: object, path: string, depth: number, out: string[]): void {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    // A Date, Map or class instance would reach JSON through toJSON or lose its fields; the
    // caller should say which plain JSON it means.
    const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? "object";
    throw new JcsError(path, `a ${name} is not a plain JSON object`);
  }
  // The default sort compares UTF-16 code units, which is exactly RFC 8785's order.
  const keys = Object.keys(obj).sort();
  out.push("{");
  keys.forEach((key, i) => {
    const child = `${path}${childPath(key)}`;
    if (i > 0) out.push(",");
    out.push(quote(key, child), ":");
    write((obj as Record<string, unknown>)[key], child, depth + 1, out);
  });
  out.push("}");
}

function childPath(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function quote(text: string, path: string): string {
  // I-JSON forbids lone surrogates: they have no UTF-8 form, so no two parties agree on bytes.
  if (!isWellFormedText(text)) throw new JcsError(path, "text holds a lone surrogate");
  return JSON.stringify(text);
}
