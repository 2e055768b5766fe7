import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openBlockLog } from "./block-log.ts";

const block = (height: number) => ({
  height,
  slot: 100 + height,
  hash: String(height).padStart(64, "0"),
  prevHash: String(height - 1).padStart(64, "0"),
  txs: [],
});

describe("the block log", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "escrowd-block-log-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("reads back what it appended, and truncates", () => {
    const dir = tmp();
    const log = openBlockLog(dir);
    for (const h of [1, 2, 3]) log.append(block(h));
    log.truncate(2);
    log.append(block(3));
    log.close();
    expect(openBlockLog(dir).blocks).toEqual([block(1), block(2), block(3)]);
  });

  it("drops a torn last line and keeps appending after it", () => {
    const dir = tmp();
    const log = openBlockLog(dir);
    log.append(block(1));
    log.close();
    fs.appendFileSync(path.join(dir, "blocks.jsonl"), '{"height":2,"sl');
    const reopened = openBlockLog(dir);
    expect(reopened.blocks).toEqual([block(1)]);
    reopened.append(block(2));
    reopened.close();
    expect(openBlockLog(dir).blocks).toEqual([block(1), block(2)]);
  });

  it("refuses a corrupt line in the middle", () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, "blocks.jsonl"),
      JSON.stringify(block(1)) + "\nnot json\n" + JSON.stringify(block(3)) + "\n",
    );
    expect(() => openBlockLog(dir)).toThrow(/corrupt line 2/);
  });
});
