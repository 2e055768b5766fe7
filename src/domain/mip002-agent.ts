/**
 * An agent as MIP-002 describes it, in domain terms, and the rules every text field obeys. The
 * on-chain decoder and the HTTP request schema both apply these rules, each under its own field
 * names, so an agent either reader accepts can always be written and read back.
 */
import { METADATA_TEXT_BYTES_MAX, utf8ByteLength } from "./metadata-chunks.ts";
import type { Pricing } from "./pricing.ts";
import { textProblem } from "./storable-text.ts";

export interface ExampleOutput {
  name: string;
  mimeType: string;
  url: string;
}
export interface Capability {
  name: string;
  version: string;
}
export interface Author {
  name: string;
  contactEmail?: string;
  contactOther?: string;
  organization?: string;
}
/** Present only when at least one of its fields is. */
export interface Legal {
  privacyPolicy?: string;
  terms?: string;
  other?: string;
}

/**
 * One registered agent. Optional text is absent or non-empty: both readers treat an empty
 * string as absent, since the peer once wrote "" for every missing field.
 */
export interface AgentMetadata {
  name: string;
  description?: string;
  apiBaseUrl: string;
  exampleOutputs: ExampleOutput[];
  capability?: Capability;
  author: Author;
  legal?: Legal;
  tags: string[];
  pricing: Pricing;
  image?: string;
  /**
   * The sha256 (hex) of the agent's published price sheet (see price-sheet.ts), committed with
   * the metadata so a buyer can check the sheet it was quoted. An addition to MIP-002: readers
   * that do not know it ignore it.
   */
  priceSheetHash?: string;
}

/** The only MIP-002 version this node writes and reads. */
export const METADATA_VERSION = 1;
export const TAGS_MAX = 15;
export const EXAMPLE_OUTPUTS_MAX = 25;

export interface TextRule {
  /** Limit in UTF-16 code units, as the peer's schemas count (`maxLength` in its OpenAPI). */
  maxLength?: number;
  /** Limit in UTF-8 bytes, for fields that must stay one metadata string. */
  maxBytes?: number;
  /** Needs a character other than white space. */
  notBlank?: boolean;
  /** Must be an absolute http(s) URL. */
  httpUrl?: boolean;
}

// Most limits are the peer's request limits (250); its readers also cap its responses at 250, so
// longer text would make an agent unreadable there. Example output names, MIME types and the
// capability version are read by the peer only as one string of at most 60 characters, and tags
// only as plain strings, so those must never be chunked.
const FREE_TEXT: TextRule = { maxLength: 250 };
const REQUIRED_TEXT: TextRule = { maxLength: 250, notBlank: true };
const ONE_STRING: TextRule = { maxBytes: 60, notBlank: true };

export const TEXT_RULES = {
  name: REQUIRED_TEXT,
  description: FREE_TEXT,
  apiBaseUrl: { maxLength: 250, httpUrl: true },
  exampleName: ONE_STRING,
  exampleMimeType: ONE_STRING,
  exampleUrl: REQUIRED_TEXT,
  capabilityName: REQUIRED_TEXT,
  capabilityVersion: ONE_STRING,
  authorName: REQUIRED_TEXT,
  contact: FREE_TEXT,
  legal: FREE_TEXT,
  tag: { maxBytes: METADATA_TEXT_BYTES_MAX, notBlank: true },
  image: FREE_TEXT,
} as const satisfies Record<string, TextRule>;

/** What is wrong with `text` under `rule`, or undefined when nothing is. */
export function checkText(text: string, rule: TextRule): string | undefined {
  // Text the database cannot store (NUL, lone surrogates) is refused on chain and at the door
  // alike: stored, it would fail the write of the whole row.
  const unstorable = textProblem(text);
  if (unstorable) return unstorable;
  if (rule.notBlank && text.trim() === "") return "must not be empty";
  if (rule.maxLength !== undefined && text.length > rule.maxLength) {
    return `must be at most ${rule.maxLength} characters`;
  }
  if (rule.maxBytes !== undefined && utf8ByteLength(text) > rule.maxBytes) {
    return `must be at most ${rule.maxBytes} bytes of UTF-8`;
  }
  if (rule.httpUrl && !isHttpUrl(text)) return "must be an absolute http or https URL";
  return undefined;
}

function isHttpUrl(text: string): boolean {
  // The URL parser forgives surrounding blanks; the stored string must not carry them.
  if (text.trim() !== text || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
