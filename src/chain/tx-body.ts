/**
 * Reads what the main thread needs of a transaction's CBOR without Mesh (src/chain/mesh-lib.ts):
 * the assets an output holds. A small walker over CBOR's generic structure (RFC 8949), bounded
 * in depth, that reads the body's outputs (key 1) and skips everything else.
 */

/** Deeper nesting than any transaction body has: the walker refuses it rather than recurse. */
const DEPTH_MAX = 64;
const BREAK = 0xff;

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  private byte(): number {
    if (this.at >= this.bytes.length) throw new Error("transaction CBOR ends early");
    return this.bytes[this.at++]!;
  }

  /** The head's major type and argument (null for an indefinite length). */
  head(): { major: number; arg: bigint | null } {
    const h = this.byte();
    const major = h >> 5;
    const info = h & 0x1f;
    if (info < 24) return { major, arg: BigInt(info) };
    if (info === 31) return { major, arg: null };
    if (info > 27) throw new Error(`transaction CBOR has a reserved head (${info})`);
    let n = 0n;
    for (let i = 0; i < 1 << (info - 24); i++) n = (n << 8n) | BigInt(this.byte());
    return { major, arg: n };
  }

  atBreak(): boolean {
    if (this.bytes[this.at] !== BREAK) return false;
    this.at++;
    return true;
  }

  /** A definite length that fits in what is left, as a number. */
  length(arg: bigint): number {
    if (arg > BigInt(this.bytes.length - this.at)) throw new Error("transaction CBOR ends early");
    return Number(arg);
  }

  /** A definite byte string (a policy id, an asset name). */
  byteString(): Uint8Array {
    const { major, arg } = this.head();
    if (major !== 2 || arg === null) throw new Error("transaction CBOR: expected a byte string");
    const n = this.length(arg);
    this.at += n;
    return this.bytes.subarray(this.at - n, this.at);
  }

  uint(): bigint {
    const { major, arg } = this.head();
    if (major !== 0 || arg === null) throw new Error("transaction CBOR: expected an unsigned int");
    return arg;
  }

  /** The number of items of an array or map head of `major` (null: indefinite). */
  count(expected: number): number | null {
    const { major, arg } = this.head();
    if (major !== expected) throw new Error(`transaction CBOR: expected major type ${expected}`);
    return arg === null ? null : this.length(arg);
  }

  /** Calls `each` for every item of a container of `n` items (null: up to the break). */
  items(n: number | null, each: (i: number) => void): void {
    if (n === null) for (let i = 0; !this.atBreak(); i++) each(i);
    else for (let i = 0; i < n; i++) each(i);
  }

  skip(depth = 0): void {
    if (depth > DEPTH_MAX) throw new Error("transaction CBOR nests too deep");
    const { major, arg } = this.head();
    switch (major) {
      case 0:
      case 1:
      case 7:
        // Integers, and simple values or floats whose bytes the head already consumed.
        return;
      case 2:
      case 3:
        if (arg !== null) this.at += this.length(arg);
        else while (!this.atBreak()) this.skip(depth + 1);
        return;
      case 4:
        this.items(arg === null ? null : this.length(arg), () => this.skip(depth + 1));
        return;
      case 5:
        this.items(arg === null ? null : this.length(arg), () => {
          this.skip(depth + 1);
          this.skip(depth + 1);
        });
        return;
      default:
        // A tag: its content follows.
        this.skip(depth + 1);
    }
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** The units (policy id and asset name, hex) the output at `index` of a transaction holds. */
export function outputUnits(txCborHex: string, index: number): string[] {
  const r = new Reader(Buffer.from(txCborHex, "hex"));
  r.count(4);
  const fields = r.count(5);
  let units: string[] | undefined;
  r.items(fields, () => {
    const key = r.uint();
    if (key !== 1n || units !== undefined) return r.skip();
    r.items(r.count(4), (i) => {
      if (i === index) units = outputValueUnits(r);
      else r.skip();
    });
  });
  if (units === undefined) throw new Error(`transaction has no output ${index}`);
  return units;
}

/** An output's units: `[address, value, …]` (legacy) or `{0: address, 1: value, …}`. */
function outputValueUnits(r: Reader): string[] {
  const { major, arg } = r.head();
  const n = arg === null ? null : r.length(arg);
  let units: string[] = [];
  if (major === 4) {
    r.items(n, (i) => (i === 1 ? (units = valueUnits(r)) : r.skip()));
  } else if (major === 5) {
    r.items(n, () => (r.uint() === 1n ? (units = valueUnits(r)) : r.skip()));
  } else throw new Error("transaction CBOR: an output is neither an array nor a map");
  return units;
}

/** A value's units: none for a coin alone, else those of `[coin, {policy: {name: qty}}]`. */
function valueUnits(r: Reader): string[] {
  const at = r.at;
  const { major } = r.head();
  if (major === 0) return [];
  r.at = at;
  const units: string[] = [];
  r.items(r.count(4), (i) => {
    if (i !== 1) return r.skip();
    r.items(r.count(5), () => {
      const policy = hex(r.byteString());
      r.items(r.count(5), () => {
        units.push(policy + hex(r.byteString()));
        r.uint();
      });
    });
  });
  return units;
}
