/**
 * The append-only block log: one JSON line per block (height, slot, hash, previous hash, the
 * transactions' CBOR). Each append is fsynced before the block is shown, so a block the API
 * served survives a crash; a torn last line (a crash mid-append) is dropped on open.
 */
import fs from "node:fs";
import path from "node:path";
import type { RawBlock } from "./types.ts";

const HEX64 = /^[0-9a-f]{64}$/;

export interface BlockLog {
  /** The blocks on disk, oldest first. */
  readonly blocks: readonly RawBlock[];
  append(block: RawBlock): void;
  /** Keeps the first `count` blocks and drops the rest. */
  truncate(count: number): void;
  close(): void;
}

/** A log that lives only in memory (no data directory). */
export function memoryBlockLog(): BlockLog {
  const blocks: RawBlock[] = [];
  return {
    blocks,
    append: (b) => void blocks.push(b),
    truncate: (count) => void blocks.splice(count),
    close: () => undefined,
  };
}

/** Opens (or creates) the log in `dir`, repairing a torn last line. */
export function openBlockLog(dir: string): BlockLog {
  const file = path.join(dir, "blocks.jsonl");
  const { blocks, goodBytes, totalBytes } = readLog(file);
  if (goodBytes < totalBytes) fs.truncateSync(file, goodBytes);
  let fd = fs.openSync(file, "a");
  return {
    blocks,
    append(block) {
      fs.writeSync(fd, JSON.stringify(block) + "\n");
      fs.fsyncSync(fd);
      blocks.push(block);
    },
    truncate(count) {
      fs.closeSync(fd);
      const kept = blocks.slice(0, count);
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, kept.map((b) => JSON.stringify(b) + "\n").join(""));
      fsyncFile(tmp);
      fs.renameSync(tmp, file);
      fsyncFile(dir);
      blocks.splice(count);
      fd = fs.openSync(file, "a");
    },
    close() {
      fs.closeSync(fd);
    },
  };
}

function fsyncFile(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readLog(file: string): { blocks: RawBlock[]; goodBytes: number; totalBytes: number } {
  if (!fs.existsSync(file)) return { blocks: [], goodBytes: 0, totalBytes: 0 };
  const text = fs.readFileSync(file);
  const blocks: RawBlock[] = [];
  let offset = 0;
  // Each iteration consumes one line, so the loop is bounded by the file's size.
  while (offset < text.length) {
    const end = text.indexOf(0x0a, offset);
    if (end === -1) break; // a torn last line: no newline was written
    const line = text.subarray(offset, end).toString("utf8");
    const block = parseBlockLine(line, blocks.length + 1);
    if (block === null) {
      if (end + 1 < text.length) throw new Error(`${file}: corrupt line ${blocks.length + 1}`);
      break; // an unreadable last line: treat it as torn
    }
    blocks.push(block);
    offset = end + 1;
  }
  return { blocks, goodBytes: offset, totalBytes: text.length };
}

function parseBlockLine(line: string, expectedHeight: number): RawBlock | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  const b = v as RawBlock;
  const ok =
    typeof b === "object" &&
    b !== null &&
    b.height === expectedHeight &&
    Number.isInteger(b.slot) &&
    HEX64.test(b.hash) &&
    typeof b.prevHash === "string" &&
    Array.isArray(b.txs) &&
    b.txs.every((t) => typeof t === "string");
  return ok ? b : null;
}
