/**
 * Applies data parameters to a compiled script, giving the same bytes as Mesh's
 * `applyParamsToScript(code, params, "JSON")`, without loading Mesh (about 100 MB) or its UPLC
 * library (about 30 MB). Mesh decodes the flat program, wraps its body in one application per
 * parameter and encodes it again; appending the arguments needs to know where the body's bits
 * end, so this walks the body term by term, writing each as Mesh's encoder would write it back.
 * The walk also copies what Mesh's decode-encode round trip changes (byte strings re-aligned
 * and re-chunked, the forces before a builtin, data re-encoded), so the result is byte for byte
 * Mesh's even where the input was not written by Mesh's library.
 */
import { BitReader, BitWriter } from "./flat-bits.ts";
import { fromCbor, type PlutusData } from "./plutus-data.ts";
import { flatProgram, wrapFlatProgram } from "./plutus-script.ts";
import { uplcDataCbor } from "./uplc-data.ts";

/** Term tags (4 bits). */
const TERM = {
  var: 0,
  delay: 1,
  lambda: 2,
  apply: 3,
  constant: 4,
  force: 5,
  error: 6,
  builtin: 7,
  constr: 8,
  case: 9,
} as const;

/** Constant type tags (4 bits); `apply` puts a type argument on `list` or `pair`. */
const TYPE = { integer: 0, bytes: 1, string: 2, unit: 3, bool: 4, list: 5, pair: 6, apply: 7 };
const TYPE_DATA = 8;

/** Mesh's UPLC library knows builtins up to ripemd_160 (86) and refuses others. */
const BUILTIN_MAX = 86;
/**
 * Mesh's decoder folds the forces in front of a builtin into the builtin, and its encoder
 * writes as many as the builtin's type parameters: one for these, two for the pair and
 * chooseList builtins, none for the rest.
 */
const ONE_FORCE = new Set([26, 27, 28, 32, 33, 34, 35, 36]);
const TWO_FORCES = new Set([29, 30, 31]);
/** Far deeper than any compiled validator nests; short of the stack's limit. */
const DEPTH_MAX = 5_000;

interface ConstType {
  tag: number;
  args: ConstType[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The script (any wrapping, hex) with `params` applied in order, as double CBOR (hex). */
export function applyDataParameters(script: string, params: readonly PlutusData[]): string {
  const flat = flatProgram(script);
  const r = new BitReader(flat);
  const w = new BitWriter();
  for (let i = 0; i < 3; i++) w.natural(r.natural()); // the version
  for (let i = 0; i < params.length; i++) w.bits(TERM.apply, 4);
  term(r, w, 0);
  r.filler();
  if (r.at !== flat.length * 8) throw new Error("flat program has bytes after its filler");
  for (const p of params) {
    w.bits(TERM.constant, 4);
    writeType(w, { tag: TYPE_DATA, args: [] });
    w.byteString(Buffer.from(uplcDataCbor(p), "hex"));
  }
  w.filler();
  return wrapFlatProgram(w.toBytes(), "DoubleCBOR");
}

function term(r: BitReader, w: BitWriter, depth: number): void {
  if (depth > DEPTH_MAX) throw new Error(`flat program nests deeper than ${DEPTH_MAX}`);
  let tag = r.bits(4);
  let forces = 0;
  for (; tag === TERM.force; tag = r.bits(4)) forces++;
  const builtin = tag === TERM.builtin ? r.bits(7) : -1;
  if (builtin > BUILTIN_MAX) throw new Error(`flat program has unknown builtin ${builtin}`);
  if (builtin >= 0) forces = ONE_FORCE.has(builtin) ? 1 : TWO_FORCES.has(builtin) ? 2 : 0;
  for (let i = 0; i < forces; i++) w.bits(TERM.force, 4);
  w.bits(tag, 4);
  switch (tag) {
    case TERM.var:
      return w.natural(r.natural());
    case TERM.delay:
    case TERM.lambda:
      return term(r, w, depth + 1);
    case TERM.apply:
      term(r, w, depth + 1);
      return term(r, w, depth + 1);
    case TERM.constant: {
      const type = readType(r);
      writeType(w, type);
      return value(r, w, type);
    }
    case TERM.error:
      return;
    case TERM.builtin:
      return w.bits(builtin, 7);
    case TERM.constr:
      w.natural(r.natural());
      return termList(r, w, depth + 1);
    case TERM.case:
      term(r, w, depth + 1);
      return termList(r, w, depth + 1);
    default:
      throw new Error(`flat program has unknown term tag ${tag}`);
  }
}

/** A flat list: each item led by a 1 bit, the end a 0 bit. */
function termList(r: BitReader, w: BitWriter, depth: number): void {
  while (r.bit() === 1) {
    w.bit(1);
    term(r, w, depth);
  }
  w.bit(0);
}

/** A constant's type: a flat list of 4-bit tags, read as Mesh does (type applications implied). */
function readType(r: BitReader): ConstType {
  const tags: number[] = [];
  while (r.bit() === 1) {
    const tag = r.bits(4);
    if (tag !== TYPE.apply) tags.push(tag);
    if (tags.length > DEPTH_MAX) throw new Error("flat constant type is too long");
  }
  let at = 0;
  const parse = (): ConstType => {
    const tag = tags[at++];
    if (tag === TYPE.list) return { tag, args: [parse()] };
    if (tag === TYPE.pair) return { tag, args: [parse(), parse()] };
    if (tag === undefined || (tag > TYPE.bool && tag !== TYPE_DATA))
      throw new Error(`flat constant has an unsupported type (${tag})`);
    return { tag, args: [] };
  };
  const type = parse();
  if (at !== tags.length) throw new Error("flat constant type has extra tags");
  return type;
}

function writeType(w: BitWriter, type: ConstType): void {
  const tags = (t: ConstType): number[] => {
    const applied =
      t.tag === TYPE.list ? [TYPE.apply] : t.tag === TYPE.pair ? [TYPE.apply, TYPE.apply] : [];
    return [...applied, t.tag, ...t.args.flatMap(tags)];
  };
  for (const tag of tags(type)) {
    w.bit(1);
    w.bits(tag, 4);
  }
  w.bit(0);
}

function value(r: BitReader, w: BitWriter, type: ConstType): void {
  const [a, b] = type.args as [ConstType, ConstType];
  switch (type.tag) {
    case TYPE.integer:
      return w.natural(r.natural()); // zigzag-encoded: the natural's bits are the integer's
    case TYPE.bytes:
      return w.byteString(r.byteString());
    case TYPE.string: {
      // Mesh decodes and re-encodes UTF-8, the identity on valid text: refuse anything else.
      const bytes = r.byteString();
      utf8.decode(bytes);
      return w.byteString(bytes);
    }
    case TYPE.unit:
      return;
    case TYPE.bool:
      return w.bit(r.bit());
    case TYPE.list:
      while (r.bit() === 1) {
        w.bit(1);
        value(r, w, a);
      }
      return w.bit(0);
    case TYPE.pair:
      value(r, w, a);
      return value(r, w, b);
    default: {
      // Data: Mesh decodes the CBOR and writes it again in its own form.
      const cbor = uplcDataCbor(fromCbor(Buffer.from(r.byteString()).toString("hex")));
      return w.byteString(Buffer.from(cbor, "hex"));
    }
  }
}
