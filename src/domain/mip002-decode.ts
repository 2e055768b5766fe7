/**
 * Reads MIP-002 metadata as found on chain, whoever wrote it: text may be a string or a list of
 * chunks, numbers may stand where strings belong, fields may be missing or junk. The reader
 * never throws; it returns the agent, or every reason it is invalid with the field it concerns.
 */
import {
  type AgentMetadata,
  type Author,
  type Capability,
  checkText,
  EXAMPLE_OUTPUTS_MAX,
  type ExampleOutput,
  type Legal,
  METADATA_VERSION,
  TAGS_MAX,
  TEXT_RULES,
  type TextRule,
} from "./mip002-agent.ts";
import { decodeAgentPricing } from "./mip002-pricing.ts";
import { joinChunks } from "./metadata-chunks.ts";
import { field, formatProblem, type PathSegment, type Problem, within } from "./pricing-fields.ts";

export type DecodeResult = { ok: true; agent: AgentMetadata } | { ok: false; reasons: string[] };

type Fields = Record<string, unknown>;

function isFields(raw: unknown): raw is Fields {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw);
}

function kindOf(raw: unknown): string {
  if (Array.isArray(raw)) return "a list";
  if (raw === null) return "null";
  return typeof raw === "object" ? "an object" : `a ${typeof raw}`;
}

/** Collects problems while reading; each read returns undefined where the value is unusable. */
class Reader {
  readonly problems: Problem[] = [];

  add(path: PathSegment[], message: string): void {
    this.problems.push({ path, message });
  }

  /** The own property `key` (inherited ones such as `constructor` are not metadata). */
  get(obj: Fields, key: string): unknown {
    const value = field(obj, key);
    return value === null ? undefined : value;
  }

  /** Text under `rule`. Missing or empty optional text is absent; missing required text is not. */
  text(obj: Fields, key: string, path: PathSegment[], rule: TextRule, required: boolean) {
    return this.textValue(this.get(obj, key), path, rule, required);
  }

  /** Like `text`, for a value already in hand (a list item). */
  textValue(raw: unknown, path: PathSegment[], rule: TextRule, required: boolean) {
    if (raw === undefined || raw === null) {
      if (required) this.add(path, "is required");
      return undefined;
    }
    const isChunks = Array.isArray(raw) && raw.every((c) => typeof c === "string");
    if (typeof raw !== "string" && !isChunks) {
      this.add(path, `must be text (a string or a list of strings), not ${kindOf(raw)}`);
      return undefined;
    }
    const text = joinChunks(raw as string | string[]);
    if (text === "" && !required) return undefined;
    const problem = checkText(text, rule);
    if (problem) this.add(path, problem);
    return problem ? undefined : text;
  }

  /** A nested object; a missing optional one is absent. */
  object(obj: Fields, key: string, required: boolean): Fields | undefined {
    const raw = this.get(obj, key);
    if (raw === undefined) {
      if (required) this.add([key], "is required");
      return undefined;
    }
    if (!isFields(raw)) this.add([key], `must be an object, not ${kindOf(raw)}`);
    return isFields(raw) ? raw : undefined;
  }

  /** A list of at most `max` items; a missing optional one is empty. */
  list(obj: Fields, key: string, max: number, required: boolean): unknown[] | undefined {
    const raw = this.get(obj, key);
    if (raw === undefined) {
      if (required) this.add([key], "is required");
      return required ? undefined : [];
    }
    if (!Array.isArray(raw)) this.add([key], `must be a list, not ${kindOf(raw)}`);
    else if (raw.length > max) this.add([key], `must hold at most ${max} items, not ${raw.length}`);
    else return raw;
    return undefined;
  }
}

function readExampleOutputs(r: Reader, meta: Fields): ExampleOutput[] | undefined {
  const items = r.list(meta, "example_output", EXAMPLE_OUTPUTS_MAX, false);
  const outputs: ExampleOutput[] = [];
  items?.forEach((item, i) => {
    const path = ["example_output", i];
    if (!isFields(item)) return r.add(path, `must be an object, not ${kindOf(item)}`);
    const name = r.text(item, "name", [...path, "name"], TEXT_RULES.exampleName, true);
    const mimeType = r.text(
      item,
      "mime_type",
      [...path, "mime_type"],
      TEXT_RULES.exampleMimeType,
      true,
    );
    const url = r.text(item, "url", [...path, "url"], TEXT_RULES.exampleUrl, true);
    if (name !== undefined && mimeType !== undefined && url !== undefined) {
      outputs.push({ name, mimeType, url });
    }
  });
  return items ? outputs : undefined;
}

function readCapability(r: Reader, meta: Fields): Capability | undefined {
  const raw = r.object(meta, "capability", false);
  if (!raw) return undefined;
  const name = r.text(raw, "name", ["capability", "name"], TEXT_RULES.capabilityName, true);
  const version = r.text(
    raw,
    "version",
    ["capability", "version"],
    TEXT_RULES.capabilityVersion,
    true,
  );
  return name !== undefined && version !== undefined ? { name, version } : undefined;
}

function readAuthor(r: Reader, meta: Fields): Author | undefined {
  const raw = r.object(meta, "author", true);
  if (!raw) return undefined;
  const name = r.text(raw, "name", ["author", "name"], TEXT_RULES.authorName, true);
  const optional = (key: string) => r.text(raw, key, ["author", key], TEXT_RULES.contact, false);
  const contactEmail = optional("contact_email");
  const contactOther = optional("contact_other");
  const organization = optional("organization");
  if (name === undefined) return undefined;
  return dropAbsent({ name, contactEmail, contactOther, organization });
}

function readLegal(r: Reader, meta: Fields): Legal | undefined {
  const raw = r.object(meta, "legal", false);
  if (!raw) return undefined;
  const optional = (key: string) => r.text(raw, key, ["legal", key], TEXT_RULES.legal, false);
  const legal = dropAbsent({
    privacyPolicy: optional("privacy_policy"),
    terms: optional("terms"),
    other: optional("other"),
  });
  return Object.keys(legal).length > 0 ? legal : undefined;
}

function readTags(r: Reader, meta: Fields): string[] | undefined {
  const items = r.list(meta, "tags", TAGS_MAX, true);
  if (!items) return undefined;
  if (items.length === 0) r.add(["tags"], "needs at least one tag");
  const tags = items.map((tag, i) => r.textValue(tag, ["tags", i], TEXT_RULES.tag, true));
  return tags.every((t) => t !== undefined) ? (tags as string[]) : undefined;
}

const SHEET_HASH_HEX = /^[0-9a-f]{64}$/;

/** Our optional `price_sheet_hash` (64 lowercase hex); absent when missing. */
function readSheetHash(r: Reader, meta: Fields): string | undefined {
  const raw = r.get(meta, "price_sheet_hash");
  if (raw === undefined) return undefined;
  if (typeof raw === "string" && SHEET_HASH_HEX.test(raw)) return raw;
  r.add(["price_sheet_hash"], "must be a sha256 in lowercase hex (64 characters)");
  return undefined;
}

function readVersion(r: Reader, meta: Fields): void {
  const raw = r.get(meta, "metadata_version");
  const text = Array.isArray(raw) ? joinChunks(raw.map(String)) : String(raw);
  if (raw === undefined) r.add(["metadata_version"], `is required (${METADATA_VERSION})`);
  else if (text !== String(METADATA_VERSION)) {
    const shown = JSON.stringify(text.slice(0, 20));
    r.add(["metadata_version"], `${shown} is not supported; expected ${METADATA_VERSION}`);
  }
}

/** Leaves out the keys whose value is undefined, so absent fields are absent, not undefined. */
function dropAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function decode(meta: unknown): DecodeResult {
  if (!isFields(meta)) return { ok: false, reasons: [`must be an object, not ${kindOf(meta)}`] };
  const r = new Reader();
  const name = r.text(meta, "name", ["name"], TEXT_RULES.name, true);
  const description = r.text(meta, "description", ["description"], TEXT_RULES.description, false);
  // The MIP-002 text calls the field api_url; the peer writes api_base_url. Either is read.
  const urlKey = r.get(meta, "api_base_url") === undefined && r.get(meta, "api_url") !== undefined;
  const urlField = urlKey ? "api_url" : "api_base_url";
  const apiBaseUrl = r.text(meta, urlField, [urlField], TEXT_RULES.apiBaseUrl, true);
  const exampleOutputs = readExampleOutputs(r, meta);
  const capability = readCapability(r, meta);
  const author = readAuthor(r, meta);
  const legal = readLegal(r, meta);
  const tags = readTags(r, meta);
  const rawPricing = r.get(meta, "agentPricing");
  if (rawPricing === undefined) r.add(["agentPricing"], "is required");
  const pricing = rawPricing === undefined ? undefined : decodeAgentPricing(rawPricing);
  r.problems.push(...within(["agentPricing"], pricing?.problems ?? []));
  const image = r.text(meta, "image", ["image"], TEXT_RULES.image, false);
  readVersion(r, meta);
  const priceSheetHash = readSheetHash(r, meta);
  if (r.problems.length > 0) return { ok: false, reasons: r.problems.map(formatProblem) };
  const agent = dropAbsent({
    name: name!,
    description,
    apiBaseUrl: apiBaseUrl!,
    exampleOutputs: exampleOutputs!,
    capability,
    author: author!,
    legal,
    tags: tags!,
    pricing: pricing!.pricing!,
    image,
    priceSheetHash,
  });
  return { ok: true, agent };
}

/** Reads one asset's MIP-002 metadata; never throws. */
export function decodeAgentMetadata(meta: unknown): DecodeResult {
  try {
    return decode(meta);
  } catch (err) {
    // Only a hostile value (a throwing getter or proxy) gets here; it is junk like any other.
    return {
      ok: false,
      reasons: [`unreadable: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
}
