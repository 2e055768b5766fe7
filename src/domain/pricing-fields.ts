/**
 * Field paths and the problems found at them, shared by every reader of agent data (the
 * on-chain metadata decoder and the HTTP request schema), so each reason names its field the
 * same way: `agentPricing.fixedPricing[0].amount: must be at least 1`.
 */
import { joinChunks } from "./metadata-chunks.ts";
import { textProblem } from "./storable-text.ts";

export type PathSegment = string | number;

/** A validation failure at a path relative to whoever reads the enclosing value. */
export interface Problem {
  path: PathSegment[];
  message: string;
}

/** A problem at `path`. */
export function problem(path: PathSegment[], message: string): Problem {
  return { path, message };
}

/** The same problems, seen from `prefix` levels further out. */
export function within(prefix: PathSegment[], problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ path: [...prefix, ...p.path], message: p.message }));
}

/** Writes a path as `a.b[0].c`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`))
    .join("")
    .replace(/^\./, "");
}

/** Writes a problem as `path: message` (just the message when the path is empty). */
export function formatProblem(p: Problem): string {
  return p.path.length === 0 ? p.message : `${formatPath(p.path)}: ${p.message}`;
}

/** The own property `key` of an object read from outside; inherited ones are not data. */
export function field(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * Reads text: a string, or on chain also a CIP-25 list of chunks, joined. Anything else, and
 * text the database cannot store (NUL, a lone surrogate), reads as undefined.
 */
export function readText(raw: unknown, onChain: boolean): string | undefined {
  let text: string | undefined;
  if (typeof raw === "string") text = raw;
  else if (onChain && Array.isArray(raw) && raw.every((c) => typeof c === "string")) {
    text = joinChunks(raw);
  }
  return text !== undefined && textProblem(text) === undefined ? text : undefined;
}

/** Why `readText` read `raw` as undefined: not text at all, or text the node cannot store. */
export function notTextReason(raw: unknown, onChain: boolean, fallback = "must be text"): string {
  const text =
    typeof raw === "string"
      ? raw
      : onChain && Array.isArray(raw) && raw.every((c) => typeof c === "string")
        ? joinChunks(raw)
        : undefined;
  return (text !== undefined && textProblem(text)) || fallback;
}
