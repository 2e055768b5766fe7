/**
 * Bit-level reading and writing in the `flat` format Plutus scripts are serialised in (Plutus
 * Core specification, appendix "Flat serialisation"): fields of a few bits, most significant
 * bit first, naturals in 7-bit groups, and byte strings after a filler that aligns them to a
 * byte. Only what uplc-apply.ts needs to copy a program and append arguments to it.
 */

/** A byte string's chunks in flat are at most this long (one length byte each). */
const CHUNK_BYTES_MAX = 255;

export class BitReader {
  /** The position, in bits from the start. */
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  bit(): number {
    const byte = this.bytes[this.at >> 3];
    if (byte === undefined) throw new Error("flat program ends early");
    const bit = (byte >> (7 - (this.at & 7))) & 1;
    this.at++;
    return bit;
  }

  /** `count` bits (at most 8 here) as an unsigned number. */
  bits(count: number): number {
    let n = 0;
    for (let i = 0; i < count; i++) n = (n << 1) | this.bit();
    return n;
  }

  /** A natural in 7-bit groups, least significant first, the high bit saying "more follow". */
  natural(): bigint {
    let n = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const group = this.bits(8);
      n |= BigInt(group & 0x7f) << shift;
      if ((group & 0x80) === 0) return n;
    }
  }

  /** The filler (zeros then a one) that ends at a byte boundary. */
  filler(): void {
    while (this.bit() === 0);
    if (this.at % 8 !== 0) throw new Error("flat filler does not end at a byte boundary");
  }

  /** A byte string: the filler, then chunks each led by its length, then a zero length. */
  byteString(): Uint8Array {
    this.filler();
    const chunks: Uint8Array[] = [];
    for (let size = this.bits(8); size > 0; size = this.bits(8)) {
      const start = this.at >> 3;
      if (start + size > this.bytes.length) throw new Error("flat program ends early");
      chunks.push(this.bytes.subarray(start, start + size));
      this.at += 8 * size;
    }
    return Buffer.concat(chunks);
  }
}

export class BitWriter {
  private readonly out: number[] = [];
  /** How many bits are written. */
  length = 0;

  bit(b: number): void {
    if (this.length % 8 === 0) this.out.push(0);
    if (b) this.out[this.out.length - 1]! |= 0x80 >> (this.length % 8);
    this.length++;
  }

  bits(n: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit((n >> i) & 1);
  }

  /** Always the shortest form, as Mesh's UPLC encoder writes it. */
  natural(n: bigint): void {
    do {
      const group = Number(n & 0x7fn);
      n >>= 7n;
      this.bits(n > 0n ? group | 0x80 : group, 8);
    } while (n > 0n);
  }

  /** Zeros then a one, ending at a byte boundary: a whole byte when already aligned. */
  filler(): void {
    while (this.length % 8 !== 7) this.bit(0);
    this.bit(1);
  }

  /** Re-chunked at 255 bytes, as Mesh's encoder does whatever the chunks read were. */
  byteString(bytes: Uint8Array): void {
    this.filler();
    for (let i = 0; i < bytes.length; i += CHUNK_BYTES_MAX) {
      const chunk = bytes.subarray(i, i + CHUNK_BYTES_MAX);
      this.out.push(chunk.length, ...chunk);
    }
    this.out.push(0);
    this.length = this.out.length * 8;
  }

  /** The bits written, the last byte zero-filled (callers end with a filler, so it is full). */
  toBytes(): Buffer {
    return Buffer.from(this.out);
  }
}
