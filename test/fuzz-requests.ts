/**
 * Requests for the API fuzz, generated with fast-check from the routes' own zod schemas (read
 * through their JSON Schema): bodies and queries that would pass, then mutated the ways an
 * attacker would (wrong types, missing fields, NUL and `%00`, lone surrogates, huge and deeply
 * nested values, integers past 64 bits, invalid JSON), under every kind of caller.
 */
import fc from "fast-check";
import { z } from "zod";
import type { RouteSchemas } from "../src/api/validate.ts";

/** One route as the app registers it (`:name` marks a path parameter). */
export interface FuzzRoute {
  method: string;
  path: string;
  schemas?: RouteSchemas;
}

/** Who sends a request: no key, an unknown or revoked key, or a live key of some permission. */
export type Caller = "none" | "wrong" | "revoked" | "read" | "pay" | "admin";

/** One generated request, self-contained enough to be replayed from its printout. */
export interface FuzzRequest {
  /** The route it was made for, `METHOD /path` as registered. */
  route: string;
  method: string;
  /** The path (from /api/v1 on) and query string, already encoded. */
  url: string;
  caller: Caller;
  bearer: boolean;
  idempotencyKey?: string;
  body?: string;
}

/** Values worth trying for a field, by property name (seeded, and harvested from answers). */
export type ValuePool = Map<string, unknown[]>;

type JsonSchema = Record<string, unknown>;

const NUL = "\u0000";
const LONE_SURROGATE = "\uD800";
const OVERFLOW_INTEGERS = [
  "9223372036854775808",
  "18446744073709551616",
  "-9223372036854775809",
  "99999999999999999999999999999999",
  "1e400",
];
const OVERFLOW_NUMBERS = [2 ** 63, 2 ** 64, 1e300, -1e300, Number.MAX_SAFE_INTEGER + 2];
const ODD_STRINGS = [
  "",
  " ",
  "%00",
  NUL,
  `a${NUL}b`,
  LONE_SURROGATE,
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "__proto__",
  "constructor",
  "'; DROP TABLE api_keys; --",
  "%",
  "%zz",
  "\\",
  "😀".repeat(40),
  "Preprod",
  "lovelace",
];

/** Any small JSON value, for fields whose schema says nothing (`{}`). */
const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** An arbitrary for values valid under `schema` (a JSON Schema from zod), as far as it says. */
export function fromJsonSchema(
  schema: JsonSchema,
  pool: ValuePool,
  name = "",
): fc.Arbitrary<unknown> {
  const fromPool = pool.get(name);
  const plain = plainFromSchema(schema, pool);
  if (!fromPool || fromPool.length === 0) return plain;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...fromPool), weight: 2 },
    { arbitrary: plain, weight: 1 },
  );
}

function plainFromSchema(schema: JsonSchema, pool: ValuePool): fc.Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((s) => plainFromSchema(s, pool)));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return plainFromSchema(schema.allOf[0] as JsonSchema, pool);
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    return fc.oneof(...type.map((t) => plainFromSchema({ ...schema, type: t }, pool)));
  }
  switch (type) {
    case "object":
      return objectFromSchema(schema, pool);
    case "array": {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const minLength = Math.min(Number(schema.minItems ?? 0), 3);
      const maxLength = Math.max(minLength, Math.min(Number(schema.maxItems ?? 3), 3));
      return fc.array(fromJsonSchema(items, pool), { minLength, maxLength });
    }
    case "string":
      return stringFromSchema(schema);
    case "integer":
    case "number": {
      const min = typeof schema.minimum === "number" ? schema.minimum : -1000;
      const max = typeof schema.maximum === "number" ? schema.maximum : 1_000_000;
      return type === "integer"
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) })
        : fc.double({ min, max: Math.max(min, max), noNaN: true });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return anyJson;
  }
}

function objectFromSchema(schema: JsonSchema, pool: ValuePool): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(properties)) model[key] = fromJsonSchema(sub, pool, key);
  const requiredKeys = Object.keys(model).filter((k) => required.has(k));
  return fc.record(model, { requiredKeys });
}

function stringFromSchema(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Math.max(minLength, Math.min(Number(schema.maxLength ?? 40), 120));
  if (typeof schema.pattern === "string") {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern).filter((s) => s.length <= Math.max(maxLength, 250));
    } catch {
      // A pattern fast-check cannot read falls back to plain text.
    }
  }
  return fc.string({ minLength, maxLength });
}

/** The JSON Schema of a zod schema, as its input side; parts JSON cannot describe are `{}`. */
export function jsonSchemaOf(schema: z.ZodType | undefined): JsonSchema {
  if (!schema) return {};
  const known = converted.get(schema);
  if (known) return known;
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    json = {};
  }
  converted.set(schema, json);
  return json;
}

const converted = new WeakMap<z.ZodType, JsonSchema>();

// ---- mutations ----

type Json = unknown;

function nestedArrays(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** Every path to a value inside `value`, at most `max` of them. */
function pathsOf(value: Json, max = 64): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { v: Json; p: (string | number)[] }[] = [{ v: value, p: [] }];
  while (stack.length > 0 && out.length < max) {
    const { v, p } = stack.pop()!;
    if (p.length > 0) out.push(p);
    if (typeof v === "object" && v !== null && p.length < 6) {
      for (const [k, child] of Object.entries(v)) {
        stack.push({ v: child, p: [...p, Array.isArray(v) ? Number(k) : k] });
      }
    }
  }
  return out;
}

function cloneJson(value: Json): Json {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function setAt(root: Json, path: (string | number)[], replace: (old: Json) => Json | undefined) {
  let node = root as Record<string | number, Json>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, Json>;
  const last = path.at(-1)!;
  const next = replace(node[last]);
  if (next === undefined) delete node[last];
  else node[last] = next;
}

const replacement: fc.Arbitrary<(old: Json) => Json | undefined> = fc.oneof(
  fc.constant(() => undefined),
  fc.constantFrom<Json>(null, true, 0, -1, 1.5, [], {}, "", [[[]]]).map((v) => () => v),
  fc.constantFrom(...ODD_STRINGS).map((s) => () => s),
  fc.constantFrom(...OVERFLOW_INTEGERS).map((s) => () => s),
  fc.constantFrom(...OVERFLOW_NUMBERS).map((n) => () => n),
  fc.constant((old: Json) => (typeof old === "string" ? `${old}${NUL}` : NUL)),
  fc.constant((old: Json) => (typeof old === "string" ? `${old}%00` : "%00")),
  fc.constant((old: Json) => (typeof old === "string" ? `${LONE_SURROGATE}${old}` : old)),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => () => "x".repeat(n)),
  fc.integer({ min: 20, max: 60 }).map((d) => () => JSON.parse(nestedArrays(d)) as Json),
  fc.constant((old: Json) => [old, old]),
);

/** A JSON value with a few of its fields replaced, dropped or poisoned. */
function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 }))
    .map(([value, edits]) => {
      const copy = cloneJson(value);
      for (const [pick, edit] of edits) {
        const paths = pathsOf(copy);
        if (paths.length === 0) break;
        setAt(copy, paths[pick % paths.length]!, edit);
      }
      return copy;
    });
}

/** Raw body texts no JSON reader should take, or that stress one. */
const rawBodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "{",
    "not json",
    `{"a":"${NUL}"}`,
    `{"id":"x"}${NUL}`,
    '{"id":"\\u0000"}',
    '{"id":"\\ud800"}',
    '{"__proto__":{"admin":true}}',
    "[]",
    "null",
    "0",
    '"text"',
    "1".repeat(400),
  ),
  fc.integer({ min: 33, max: 10_000 }).map((d) => `{"a":${nestedArrays(d)}}`),
  fc.constant(`{"a":${nestedArrays(100_000)}}`),
  fc.constant(`{"a":"${"x".repeat(300 * 1024)}"}`),
  fc.string({ unit: "binary", maxLength: 200 }),
);

/** A body for a route: from its schema (often mutated), or raw junk. */
export function bodyFor(route: FuzzRoute, pool: ValuePool): fc.Arbitrary<string | undefined> {
  const valid = fromJsonSchema(jsonSchemaOf(route.schemas?.body), pool);
  return fc.oneof(
    { arbitrary: valid.map((v) => JSON.stringify(v)), weight: 3 },
    { arbitrary: mutated(valid).map((v) => JSON.stringify(v)), weight: 5 },
    { arbitrary: rawBodies, weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

const oddQueryValues: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_STRINGS, ...OVERFLOW_INTEGERS, "Infinity", "1.5", "-0", "0x10"),
  fc.integer({ min: 100, max: 6_000 }).map((n) => "a".repeat(n)),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/** Encodes a query value; `%00` and other escapes in raw form are sometimes sent as they are. */
function encodeQueryValue(value: string, raw: boolean): string {
  if (raw && /^[\x20-\x7e]*$/.test(value) && !/[&#=\s]/.test(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be percent-encoded; send its escape-shaped text instead.
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, "?"));
  }
}

function queryValue(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** A query string for a route: its schema's fields, valid-ish or odd, and stray keys. */
export function queryFor(route: FuzzRoute, pool: ValuePool): fc.Arbitrary<string> {
  const schema = jsonSchemaOf(route.schemas?.query);
  const properties = Object.keys((schema.properties ?? {}) as object);
  const valid = fromJsonSchema(schema, pool).map((v) =>
    typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {},
  );
  const names = fc.constantFrom(...properties, "limit", "cursorId", "x", "__proto__", `a${NUL}`);
  const extra = fc.array(fc.tuple(names, oddQueryValues), { maxLength: 3 });
  return fc.tuple(valid, extra, fc.boolean(), fc.boolean()).map(([fields, stray, raw, repeat]) => {
    const pairs: [string, string][] = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, queryValue(v)]);
    pairs.push(...stray);
    if (repeat && pairs.length > 0) pairs.push(pairs[0]!);
    const encoded = pairs.map(
      ([k, v]) => `${encodeQueryValue(k, raw)}=${encodeQueryValue(v, raw)}`,
    );
    return encoded.length === 0 ? "" : `?${encoded.join("&")}`;
  });
}

const pathValues: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{56,120}$/),
  fc.constantFrom("%00", "a%00b", "..", "%2e%2e", "x".repeat(3000), "%", "0"),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/** The route's path with each `:param` filled in. */
export function pathFor(route: FuzzRoute): fc.Arbitrary<string> {
  const parts = route.path.split("/");
  return fc
    .tuple(...parts.map((p) => (p.startsWith(":") ? pathValues : fc.constant(p))))
    .map((filled) => filled.join("/"));
}

const CALLERS: Caller[] = ["none", "wrong", "revoked", "read", "pay", "admin"];
const IDEMPOTENCY_KEYS = ["k1", "k2", "k3", "x".repeat(300), "%00"];
const STRAY_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS"];

/** One request to `route`, by one of every kind of caller. */
function requestTo(route: FuzzRoute, pool: ValuePool): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: pathFor(route),
      query: queryFor(route, pool),
      body: route.method === "GET" ? fc.constant(undefined) : bodyFor(route, pool),
      caller: fc.constantFrom(...CALLERS),
      bearer: fc.boolean(),
      // Half the requests carry a key from a small set, so replays and conflicts happen.
      idempotencyKey: fc.option(fc.constantFrom(...IDEMPOTENCY_KEYS), { freq: 2 }),
      // One request in twenty uses a method the route does not have.
      strayMethod: fc.oneof(
        { arbitrary: fc.constant(null), weight: 19 },
        { arbitrary: fc.constantFrom(...STRAY_METHODS), weight: 1 },
      ),
    })
    .map((r) => ({
      route: `${route.method} ${route.path}`,
      method: r.strayMethod ?? route.method,
      url: `${r.path}${r.query}`,
      caller: r.caller,
      bearer: r.bearer,
      ...(r.idempotencyKey !== null && { idempotencyKey: r.idempotencyKey }),
      ...(r.body !== undefined && { body: r.body }),
    }));
}

/** One request to one of `routes` (each equally likely). */
export function requestFor(
  routes: readonly FuzzRoute[],
  pool: ValuePool,
): fc.Arbitrary<FuzzRequest> {
  // Built once per call, not per value: the schemas' conversion is the costly part.
  return fc.oneof(...routes.map((route) => requestTo(route, pool)));
}
